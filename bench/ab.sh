#!/usr/bin/env bash
# Side-by-side LRS ingest runs of two revisions, alternating, so that the host's changing speed falls on
# both alike: `bash bench/ab.sh <rev-a> <rev-b> [pairs]` (revisions as git understands them, e.g. HEAD~1
# HEAD; the working tree is not used). Each run is a 100,000-statement ingest (`BENCH_INGEST`), ~45 s;
# BENCHMARKS.md is not touched. Prints both ingest rates of every run and the CPU per 1,000 statements,
# the best sign of how fast the host was at that moment.
set -euo pipefail

a=${1:?usage: bash bench/ab.sh <rev-a> <rev-b> [pairs]}
b=${2:?usage: bash bench/ab.sh <rev-a> <rev-b> [pairs]}
pairs=${3:-3}
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

run() {
  local label=$1 tree="$work/tree-$1"
  cp "$tree/BENCHMARKS.md" "$work/BENCHMARKS.$label"
  (cd "$tree" && BENCH_INGEST=100000 BENCH_TOTAL=100000 BENCH_QUERIES=10 node dist/bench/lrs.bench.js >"$work/run.log" 2>&1)
  cp "$work/BENCHMARKS.$label" "$tree/BENCHMARKS.md"
  echo "-- $label"
  # The measured halves, not the warm-up before them.
  grep '^Host:' "$work/run.log" || true
  grep -A1 '): [0-9,]* statements answered' "$work/run.log" | grep -v '^--' | tail -n 4 | sed 's/ statements answered.*= / = /; s/ (2 cores[^)]*)//'
}

build a "$a"
build b "$b"
for i in $(seq 1 "$pairs"); do
  run a
  run b
done
