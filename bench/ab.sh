#!/usr/bin/env bash
# Side-by-side LRS bench runs of two revisions, alternating, so that the host's changing speed falls on
# both alike: `bash bench/ab.sh <rev-a> <rev-b> [pairs] [ingest|get]` (revisions as git understands them,
# e.g. HEAD~1 HEAD; the working tree is not used; BENCHMARKS.md is not touched).
#   ingest (default, 3 pairs): a 100,000-statement ingest per run, ~45 s; prints both ingest rates of every
#     run and the CPU per 1,000 statements, the best sign of how fast the host was at that moment.
#   get (2 pairs): a short ingest of 10,000 statements, the store grown to 200,000 through the event
#     store, 200 GETs per filter; prints every GET line and the host's speed of each run.
set -euo pipefail

usage='usage: bash bench/ab.sh <rev-a> <rev-b> [pairs] [ingest|get]'
a=${1:?$usage}
b=${2:?$usage}
mode=${4:-ingest}
case $mode in
  ingest) pairs=${3:-3} ;;
  get) pairs=${3:-2} ;;
  *) echo "$usage" >&2; exit 2 ;;
esac
repo=$(git rev-parse --show-toplevel)
work=$(mktemp -d /tmp/continuum-ab-XXXXXX)
trap 'for t in "$work"/tree-*; do git -C "$repo" worktree remove --force "$t" 2>/dev/null || true; done; rm -rf "$work"' EXIT

build() {
  local label=$1 rev=$2 tree="$work/tree-$1"
  git -C "$repo" worktree add --detach --quiet "$tree" "$rev"
  ln -s "$repo/node_modules" "$tree/node_modules"
  (cd "$tree" && npx tsc -p tsconfig.build.json)
  echo "$label = $(git -C "$repo" rev-parse --short "$rev")"
}

bench() {
  local tree=$1
  if [ "$mode" = ingest ]; then
    (cd "$tree" && BENCH_INGEST=100000 BENCH_TOTAL=100000 BENCH_QUERIES=10 node dist/bench/lrs.bench.js >"$work/run.log" 2>&1)
  else
    (cd "$tree" && BENCH_INGEST=10000 BENCH_TOTAL=200000 BENCH_QUERIES=200 node dist/bench/lrs.bench.js >"$work/run.log" 2>&1)
  fi
  git -C "$tree" checkout --quiet BENCHMARKS.md
}

run() {
  local label=$1
  bench "$work/tree-$label"
  echo "-- $label $(date -u +%H:%M)"
  grep '^Host:' "$work/run.log" || true
  if [ "$mode" = ingest ]; then
    # The measured halves, not the warm-up before them.
    grep -A1 '): [0-9,]* statements answered' "$work/run.log" | grep -v '^--' | tail -n 4 | sed 's/ statements answered.*= / = /; s/ (2 cores[^)]*)//'
  else
    grep 'GET by' "$work/run.log" || true
  fi
}

build a "$a"
build b "$b"
for i in $(seq 1 "$pairs"); do
  run a
  run b
done
