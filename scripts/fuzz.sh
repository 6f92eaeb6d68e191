#!/usr/bin/env bash
# fuzz.sh runs every fuzz target of the module for a while, then keeps what
# the fuzzer found worth keeping as seed corpus under the package's
# testdata/fuzz/<Target>/, where `go test` replays it on every run.
#
#   scripts/fuzz.sh [-t 10m] [-j 2] [-k 64] [TARGET_REGEXP]
#
#   -t  how long to fuzz each target (default 10m; a go test -fuzztime)
#   -j  how many targets to fuzz at once (default 2), each on one worker
#   -k  how many new corpus entries to keep per target (default 64): the
#       smallest of those the fuzzer added during this run, up to 4 KiB each
#
# A crasher is written to testdata/fuzz/<Target>/ by go test itself and
# fails the run; fix the bug and commit the crasher as a regression test.
# Fuzzing runs under nice, so that an editor or a build beside it stays quick.
set -euo pipefail
cd "$(dirname "$0")/.."

time=10m jobs=2 keep=64
while getopts "t:j:k:" opt; do
  case $opt in
    t) time=$OPTARG ;;
    j) jobs=$OPTARG ;;
    k) keep=$OPTARG ;;
    *) echo "usage: $0 [-t 10m] [-j 2] [-k 64] [TARGET_REGEXP]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
filter=${1:-.}
cache="$(go env GOCACHE)/fuzz"
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

# One line per target: package import path, folder, target name.
targets=()
while read -r pkg dir; do
  for f in $(go test -list '^Fuzz' "$pkg" | grep '^Fuzz' || true); do
    [[ $f =~ $filter ]] && targets+=("$pkg $dir $f")
  done
done < <(go list -f '{{.ImportPath}} {{.Dir}}' ./...)
[ ${#targets[@]} -gt 0 ] || { echo "fuzz.sh: no fuzz target matches $filter" >&2; exit 2; }

# fuzz runs one target, then copies its new corpus entries into testdata.
fuzz() {
  local pkg=$1 dir=$2 f=$3
  local log="$logs/$f.log" stamp="$logs/$f.stamp"
  touch "$stamp"
  echo "-- $f ($pkg) for $time"
  local status=0
  nice -n 10 go test -run '^$' -fuzz "^$f\$" -fuzztime "$time" -parallel 1 "$pkg" >"$log" 2>&1 || status=$?
  grep -aE 'elapsed:' "$log" | tail -n 1 | sed "s/^/   $f: /" || true
  # Go 1.26's coordinator can fail a target as its -fuzztime runs out, with
  # "context deadline exceeded" and no failing input (go.dev/issue/75804):
  # that is the clock, not a finding.
  if [ $status -ne 0 ] && grep -aq 'context deadline exceeded' "$log" && ! grep -aq 'Failing input written to' "$log"; then
    echo "   $f: ended by go.dev/issue/75804 (deadline, no failing input): not counted as a failure"
    status=0
  fi
  local from="$cache/$pkg/$f" to="$dir/testdata/fuzz/$f" n=0
  if [ -d "$from" ]; then
    mkdir -p "$to"
    while read -r _ file; do
      [ -e "$to/$(basename "$file")" ] && continue
      cp "$file" "$to/" && n=$((n + 1))
    done < <(find "$from" -type f -newer "$stamp" -size -4k -printf '%s %p\n' | sort -n | head -n "$keep")
    rmdir "$to" 2>/dev/null || true
  fi
  echo "   $f: kept $n new corpus entries in ${to#"$PWD"/}"
  if [ $status -ne 0 ]; then
    echo "   $f FAILED:"; sed 's/^/   | /' "$log"
    return 1
  fi
}

failed=0
running=0
for t in "${targets[@]}"; do
  # shellcheck disable=SC2086
  fuzz $t &
  running=$((running + 1))
  if [ $running -ge "$jobs" ]; then
    wait -n || failed=1
    running=$((running - 1))
  fi
done
while [ $running -gt 0 ]; do
  wait -n || failed=1
  running=$((running - 1))
done
exit $failed
