#!/usr/bin/env bash
# Measures signal's search side by side with Pagefind's on the synthetic
# archive of N digests (default 10,000): the cost of indexing in each, and
# in headless Chromium the bytes, requests and time to show the first ten
# results of a common word, a rare one (a handle) and two words. Pagefind
# is shown through its JS API in a bare page (pagefind), its lightest use;
# through its JS API in signal's own search page (pagefind-site), with the
# same page and layout to pay; and through its default UI (pagefind-ui),
# its usual one.
#
#   [BUILDS=3] [SEARCH_BENCH_RUNS=5] scripts/search-bench.sh [N] [WORKDIR]
#
# Pagefind runs through npx, for this measurement only: it is not a
# dependency of signal. Needs Go, Node (npx) and Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
work=${2:-$(mktemp -d /tmp/search-bench.XXXXXX)}
mkdir -p "$work"
echo "== work folder: $work"

if [ ! -d "$work/site" ]; then
  go run ./cmd/gencorpus -n "$n" -o "$work/site"
fi
go build -o "$work/signal" ./cmd/signal

builds=${BUILDS:-3}
echo "== signal build ($builds runs; time and peak memory of the whole build, and per stage)"
for i in $(seq "$builds"); do
  /usr/bin/time -f "wall %e s, max RSS %M KB" "$work/signal" build -s "$work/site" -d "$work/public" --timings 2>&1 | grep -E '^  [a-z]|signal:|wall'
done
du -sb "$work/public/search" | awk '{printf "index: %.1f MB in ", $1/1e6}'
find "$work/public/search" -type f | wc -l | awk '{print $1 " files"}'

echo "== pagefind 1.6.0 on the digest pages"
/usr/bin/time -f "wall %e s, max RSS %M KB" npx --yes pagefind@1.6.0 --site "$work/public" --glob "20*/**/*.html" 2>&1 | tail -4
du -sb "$work/public/pagefind" | awk '{printf "pagefind index: %.1f MB in ", $1/1e6}'
find "$work/public/pagefind" -type f | wc -l | awk '{print $1 " files"}'

# A common word, a rare handle (cited by the fewest digests), two words.
rare=$(sed -n 's|.*<a href="/sources/\([a-z0-9_]*\)/">@[^<]*</a> <span class="count">\([0-9]*\) digest.*|\2 \1|p' "$work/public/sources/index.html" | sort -n | sed -n 1p | cut -d' ' -f2)
queries="common=margins;rare=@$rare;two=copper supply"
echo "== browser (median of ${SEARCH_BENCH_RUNS:-5} loads each, cold cache): $queries"
SEARCH_BENCH_SITE="$work/public" SEARCH_BENCH_QUERIES="$queries" SEARCH_BENCH_RUNS="${SEARCH_BENCH_RUNS:-5}" \
  go test -count=1 -run TestCompareWithPagefind -v -timeout 30m ./internal/search | grep -v -E '^(=== RUN|--- PASS|PASS|ok )'
