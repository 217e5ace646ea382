#!/usr/bin/env bash
# bench_tagger.sh: the tagger side by side with the compromise peer, in one run.
#
#   bench/bench_tagger.sh [KGRAPH]          (default: build/cli/kgraph)
#
# Speed: whole-process wall clock of `kgraph tag --conll train.conll > /dev/null`
# (model load, reading, tagging, writing; best of 7: the machine is shared) over the GMB training file,
# against compromise on the same file (its own extraction-only TIMING, which
# excludes node start-up and I/O, and its wall clock).  Model load: wall clock of
# `kgraph tag --conll` on empty input (process start + load).  Accuracy: entity F1
# on GMB dev (per org geo gpe; and PER/ORG/LOC for the comparison with compromise)
# and on the Wikinews cross-source proxy bench/data/wikinews-ner.conll when present.
# Needs ../shared (or KG_SHARED=DIR) with data/gmb and tools/.  Temporary files go
# to a private folder that is removed on exit.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
kg=${1:-$root/build/cli/kgraph}
. "$root/bench/shared.sh"
train=$shared/data/gmb/train.conll
dev=$shared/data/gmb/dev.conll
score=$shared/tools/conll_score.py
peer=$shared/tools/peer/run-compromise
proxy=$root/bench/data/wikinews-ner.conll
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

now() { date +%s.%N; }
secs() { python3 -c "import sys; print('%.3f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$1" "$2"; }
ntok=$(awk 'NF && $1 !~ /^-DOCSTART-/' "$train" | wc -l)
micro() { python3 "$score" "$@" --json | python3 -c "import json, sys; print('%.2f' % (100 * json.load(sys.stdin)['micro']['f1']))"; }

echo "== speed: $ntok tokens ($train); load average $(cut -d' ' -f1-3 /proc/loadavg)"
best=
for i in 1 2 3 4 5 6 7; do
  t0=$(now); "$kg" tag --conll "$train" > /dev/null; t1=$(now)
  s=$(secs "$t0" "$t1")
  best=$(python3 -c "import sys; a=sys.argv[1]; print(sys.argv[2] if not a or float(sys.argv[2]) < float(a) else a)" "$best" "$s")
done
kg_tps=$(python3 -c "import sys; print(int(int(sys.argv[1]) / float(sys.argv[2])))" "$ntok" "$best")
cpu=$( { /usr/bin/time -f "%U %S" "$kg" tag --conll --threads 1 "$train" > /dev/null; } 2>&1 | awk '{print $1 + $2}')
t0=$(now); "$kg" tag --conll /dev/null > /dev/null; t1=$(now); load=$(secs "$t0" "$t1")
echo "kgraph:     ${best}s wall (best of 7), $kg_tps tokens/s; one thread: ${cpu}s CPU; empty input (start + model load) ${load}s"

t0=$(now); "$peer" "$train" "$tmp/train.comp" 2> "$tmp/comp.err"; t1=$(now)
comp_wall=$(secs "$t0" "$t1")
comp_tps=$(sed -nE 's/.*tokens_per_s=([0-9]+).*/\1/p' "$tmp/comp.err")
comp_wall_tps=$(python3 -c "import sys; print(int(int(sys.argv[1]) / float(sys.argv[2])))" "$ntok" "$comp_wall")
echo "compromise: ${comp_wall}s wall ($comp_wall_tps tokens/s); its extraction-only TIMING $comp_tps tokens/s"
python3 -c "import sys; k,c,w=map(float,sys.argv[1:]); print('speed-up:   %.0fx over compromise extraction-only, %.0fx over its wall clock' % (k/c, k/w))" \
  "$kg_tps" "$comp_tps" "$comp_wall_tps"

echo "== accuracy: GMB dev ($dev)"
"$kg" eval --conll "$dev" --types per,org,geo,gpe | sed 's/^/kgraph  /'
cut -f1 "$dev" > "$tmp/dev.tok"
"$kg" tag --conll "$tmp/dev.tok" > "$tmp/dev.kg"
"$peer" "$dev" "$tmp/dev.comp" 2> /dev/null
map3='per=PER,org=ORG,geo=LOC,*=O'
echo "PER/ORG/LOC micro F1 on dev: kgraph $(micro "$dev" "$tmp/dev.kg" --map "$map3"), compromise $(micro "$dev" "$tmp/dev.comp" --map "$map3")"

if [[ -f $proxy ]]; then
  echo "== accuracy: cross-source proxy ($proxy, PER/ORG/LOC)"
  cut -f1 "$proxy" > "$tmp/wn.tok"
  "$kg" tag --conll "$tmp/wn.tok" > "$tmp/wn.kg"
  "$peer" "$proxy" "$tmp/wn.comp" 2> /dev/null
  python3 "$score" "$proxy" "$tmp/wn.kg" --map "$map3" | sed 's/^/kgraph      /'
  python3 "$score" "$proxy" "$tmp/wn.comp" --map "$map3" | sed 's/^/compromise  /'
fi
