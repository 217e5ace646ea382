#!/usr/bin/env bash
# Whole-pipeline throughput and memory: `kgraph build` on a news corpus
# (default: the 19,043-article Reuters-21578 benchmark corpus in ../shared,
# research-only: it is read in place, never copied into the repo), and the
# compromise peer's entity extraction on the same files, in one run.
#
# Usage: bench/bench_build.sh [CORPUS_DIR] [KGRAPH_BINARY]
# Prints wall time, documents/s, MB/s and peak RSS for each system.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
corpus=${1:-$here/../../shared/data/bench/reuters21578}
kgraph=${2:-$here/../build/cli/kgraph}
peer=$here/../../shared/tools/peer/run-compromise
[[ -d $corpus ]] || { echo "bench_build: no corpus folder $corpus" >&2; exit 2; }
[[ -x $kgraph ]] || { echo "bench_build: no kgraph binary $kgraph (build first)" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

n_docs=$(find "$corpus" -name '*.txt' | wc -l)
bytes=$(find "$corpus" -name '*.txt' -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
echo "corpus: $corpus ($n_docs documents, $bytes bytes)"

measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -f '%e %M' -o "$out/time" "$@" >"$out/stdout" 2>"$out/stderr" || {
    echo "$label failed:"; tail -5 "$out/stderr"; return 1; }
  read -r secs kb <"$out/time"
  awk -v l="$label" -v s="$secs" -v kb="$kb" -v n="$n_docs" -v b="$bytes" 'BEGIN {
    printf "%-28s %8.2f s %10.0f docs/s %8.2f MB/s %8.1f MB peak RSS\n", l, s, n / s, b / s / 1e6, kb / 1024 }'
}

echo "--- kgraph $("$kgraph" --version | cut -d' ' -f2)"
measure "kgraph build (sentence)" "$kgraph" build -q "$corpus" -o "$out/g"
grep -c . "$out/g/nodes.csv" | awk '{print "  nodes:", $1 - 1}'
grep -c . "$out/g/edges.csv" | awk '{print "  edges:", $1 - 1}'
measure "kgraph build (document)" "$kgraph" build -q --window document "$corpus" -o "$out/g2"
measure "kgraph extract" "$kgraph" extract "$corpus"
if [[ -x $peer ]] && [[ ${BENCH_PEER:-1} == 1 ]]; then
  echo "--- compromise (peer), entity extraction only"
  measure "compromise --txt" "$peer" --txt "$corpus"
  grep TIMING "$out/stderr" | sed 's/^/  /'
fi
