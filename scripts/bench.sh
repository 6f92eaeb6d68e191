#!/usr/bin/env bash
# bench.sh times `signal build` beside Hugo on the same synthetic archive:
# wall time with hyperfine, peak memory with /usr/bin/time -v, and their
# ratios. Then it runs the Go benchmarks of incremental rebuilds and of
# serve's save-to-served latency.
#
#   scripts/bench.sh [-n 10000] [-r 5] [-o /dev/shm/signal-bench]
#
# Needs hyperfine, hugo and GNU time (Debian: apt-get install hyperfine hugo
# time); it installs them when apt-get is there. A newer Hugo is used when
# HUGO names one. Output goes to tmpfs by default, so that both tools are
# timed on their own work rather than on the disk; -o a folder on disk
# times that too.
set -euo pipefail
cd "$(dirname "$0")/.."

n=10000 runs=5 out=/dev/shm/signal-bench
while getopts "n:r:o:" opt; do
  case $opt in
    n) n=$OPTARG ;;
    r) runs=$OPTARG ;;
    o) out=$OPTARG ;;
    *) echo "usage: $0 [-n digests] [-r runs] [-o folder]" >&2; exit 2 ;;
  esac
done

need() { command -v "$1" >/dev/null 2>&1 || { echo "installing $2"; apt-get install -y -qq "$2" >/dev/null; }; }
need hyperfine hyperfine
[ -x /usr/bin/time ] || need time time
HUGO=${HUGO:-$(command -v hugo || true)}
[ -n "$HUGO" ] || { need hugo hugo; HUGO=$(command -v hugo); }

rm -rf "$out"; mkdir -p "$out"
go build -o "$out/signal" ./cmd/signal
go run ./cmd/gencorpus -n "$n" -o "$out/site" -hugo "$out/hugo"
# Hugo before 0.128 names the page size "paginate"; later ones refuse it.
minor=$("$HUGO" version | sed -n 's/.*v0\.\([0-9]*\).*/\1/p')
if [ -n "$minor" ] && [ "$minor" -lt 128 ]; then
  sed -i '1a paginate = 20' "$out/hugo/hugo.toml"
fi
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(go version); $("$HUGO" version | cut -d' ' -f1-2)"
echo "archive: $n digests, $(du -sh "$out/site/content" | cut -f1) of Markdown"

# Both write into a fresh folder every run: signal into public/ (its atomic
# swap finds nothing to replace), Hugo with --cleanDestinationDir.
hyperfine --warmup 1 --runs "$runs" --export-json "$out/hyperfine.json" \
  -n signal --prepare "rm -rf $out/site/public" "$out/signal build -s $out/site --quiet" \
  -n hugo --prepare "rm -rf $out/hugo/public" "$HUGO --quiet -s $out/hugo -d $out/hugo/public"

peak() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident/ {print $2}'; }
rm -rf "$out/site/public" "$out/hugo/public"
sp=$(peak "$out/signal" build -s "$out/site" --quiet)
hp=$(peak "$HUGO" --quiet -s "$out/hugo" -d "$out/hugo/public")
mean() { grep -o '"mean": *[0-9.e-]*' "$out/hyperfine.json" | sed -n "${1}p" | grep -o '[0-9.e-]*$'; }
st=$(mean 1) ht=$(mean 2)
printf "files:  signal %s, hugo %s\n" "$(find "$out/site/public" -type f | wc -l)" "$(find "$out/hugo/public" -type f | wc -l)"
awk -v st="$st" -v ht="$ht" -v sp="$sp" -v hp="$hp" 'BEGIN {
  printf "wall:   signal %.3f s, hugo %.3f s, ratio %.3f\n", st, ht, st / ht
  printf "memory: signal %d MiB, hugo %d MiB, ratio %.3f\n", sp / 1024, hp / 1024, sp / hp
}'

echo "== go test -bench (full builds, incremental rebuilds, serve)"
go test -run '^$' -bench 'Build|Rebuild' -benchtime 3x -benchmem ./internal/build
go test -run '^$' -bench 'ServeEdit' -benchtime 20x ./internal/serve
