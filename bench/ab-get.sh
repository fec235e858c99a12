#!/usr/bin/env bash
# GETs side by side, as bench/ab.sh does ingest: `bash bench/ab-get.sh <rev-a> <rev-b> [pairs]` runs the LRS
# bench of each revision in turn (a short ingest of 10,000 statements, the store grown to 200,000 through
# the event store, 200 GETs per filter) and prints every GET line and the host's speed of each run.
# The working tree is not used; BENCHMARKS.md is not touched.
set -euo pipefail

a=${1:?usage: bash bench/ab-get.sh <rev-a> <rev-b> [pairs]}
b=${2:?usage: bash bench/ab-get.sh <rev-a> <rev-b> [pairs]}
pairs=${3:-2}
repo=$(git rev-parse --show-toplevel)
work=$(mktemp -d /tmp/continuum-abget-XXXXXX)
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
  (cd "$tree" && BENCH_INGEST=10000 BENCH_TOTAL=200000 BENCH_QUERIES=200 node dist/bench/lrs.bench.js >"$work/run.log" 2>&1)
  git -C "$tree" checkout --quiet BENCHMARKS.md
  echo "-- $label $(date -u +%H:%M)"
  grep '^Host:' "$work/run.log" || true
  grep 'GET by' "$work/run.log" || true
}

build a "$a"
build b "$b"
for i in $(seq 1 "$pairs"); do
  run a
  run b
done
