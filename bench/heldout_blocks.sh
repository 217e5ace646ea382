#!/usr/bin/env bash
# heldout_blocks.sh: how GMB dev F1 carries over to blocks no choice was made on.
#
#   bench/heldout_blocks.sh [KGRAPH] [SEED...]     (default: build/cli/kgraph, seed 1)
#
# The GMB split puts block k of 1,000 sentences in dev when k % 10 == 8 and in
# the held-out test set when k % 10 == 9, so the test blocks are not here.  This
# plays the same game inside train: the blocks with k % 10 == 7 (5 blocks, 5,000
# sentences; train.conll keeps the blocks in order, 8 of every 10) are held out,
# a model is trained on the other 35 with the shipped recipe (epochs chosen on
# dev), and it is scored, per over per/org/geo/gpe, on dev, on the held-out
# blocks together, and on each block alone.  Needs ../shared (or KG_SHARED=DIR).
# Temporary files go to a private folder removed on exit.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
kg=${1:-$root/build/cli/kgraph}
shift || true
seeds=("${@:-1}")
. "$root/bench/shared.sh"
train=$shared/data/gmb/train.conll
dev=$shared/data/gmb/dev.conll
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 - "$train" "$dev" "$tmp" <<'EOF'
import sys
train, dev, tmp = sys.argv[1:4]
def blocks(path):
    s = open(path).read().strip('\n').split('\n\n')
    return [s[i:i + 1000] for i in range(0, len(s), 1000)]
kept, held = [], []
for b, blk in enumerate(blocks(train)):
    k = b // 8 * 10 + b % 8  # the block's number in the whole corpus
    if k % 10 == 7:
        held.append((k, blk))
    else:
        kept.extend(blk)
open(tmp + '/train.conll', 'w').write('\n\n'.join(kept) + '\n\n')
open(tmp + '/held.conll', 'w').write('\n\n'.join(s for _, b in held for s in b) + '\n\n')
for k, blk in held:
    open('%s/block-%02d.conll' % (tmp, k), 'w').write('\n\n'.join(blk) + '\n\n')
for i, blk in enumerate(blocks(dev)):
    open('%s/dev-%02d.conll' % (tmp, i * 10 + 8), 'w').write('\n\n'.join(blk) + '\n\n')
print('train: %d sentences kept, %d held out in blocks %s'
      % (len(kept), sum(len(b) for _, b in held), ' '.join(str(k) for k, _ in held)))
EOF

f1() { "$kg" eval --types per,org,geo,gpe --model "$tmp/m.model" --conll "$1" |
       sed -n 's/^micro:.*FB1: *\([0-9.]*\).*/\1/p'; }
for s in "${seeds[@]}"; do
  "$kg" train --quiet --train "$tmp/train.conll" --dev "$dev" --seed "$s" -o "$tmp/m.model"
  line="seed $s: dev $(f1 "$dev"), held-out blocks $(f1 "$tmp/held.conll");"
  for b in "$tmp"/dev-*.conll "$tmp"/block-*.conll; do
    n=$(basename "$b" .conll)
    line+=" ${n/block-/k=}:$(f1 "$b")"
  done
  echo "$line"
done
