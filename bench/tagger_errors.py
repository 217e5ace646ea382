#!/usr/bin/env python3
"""tagger_errors.py: where the tagger's GMB dev errors come from, and how much
of them the training data itself disagrees about.

    kgraph tag --conll DEV > PRED        # DEV: token ... gold; PRED: the same + predicted tag
    python3 bench/tagger_errors.py TRAIN DEV PRED [--types per,org,geo,gpe]

Prints, over the given types (entity level, exact span and type):
  - the error classes: type confusions (same span), boundary errors (overlap,
    other span), missed and spurious entities;
  - for the same-span type errors, how many are strings whose most frequent
    type in TRAIN is the predicted one (the gold is the minority reading there:
    a model that reads the string cannot get them right without getting more
    of the majority wrong);
  - how many gold entities of strings seen at least 5 times in TRAIN carry a
    type other than the string's majority type;
  - annotation agreement on repeated sentences: sentences of 8 or more tokens
    that occur twice in TRAIN + DEV, scored one copy against the other.
It reads the data and prints counts; it writes nothing.  Python 3, stdlib only.
"""
import argparse
import collections


def read(path):
    """Sentences as lists of (token, last-column tag); -DOCSTART- lines skipped."""
    sents, cur = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 2 or cols[0].startswith("-DOCSTART-"):
                if cur:
                    sents.append(cur)
                cur = []
                continue
            cur.append((cols[0], cols[-1]))
    if cur:
        sents.append(cur)
    return sents


def spans(tags):
    """IOB2 (lenient: I- after another type starts a chunk) -> {(start, end, type)}."""
    out, start, typ = set(), None, None
    for i, t in enumerate(list(tags) + ["O"]):
        if t == "O" or t.startswith("B-") or (t.startswith("I-") and t[2:] != typ):
            if start is not None:
                out.add((start, i, typ))
            start, typ = None, None
            if t != "O":
                start, typ = i, t[2:]
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("train")
    ap.add_argument("gold")
    ap.add_argument("pred", help="kgraph tag --conll output for GOLD (prediction in the last column)")
    ap.add_argument("--types", default="per,org,geo,gpe")
    a = ap.parse_args()
    keep = set(a.types.split(","))

    train = read(a.train)
    by_string = collections.defaultdict(collections.Counter)
    for s in train:
        words = [w for w, _ in s]
        for b, e, t in spans([t for _, t in s]):
            by_string[" ".join(words[b:e])][t] += 1

    gold, pred = read(a.gold), read(a.pred)
    if len(gold) != len(pred):
        raise SystemExit("gold and prediction have different sentence counts")
    classes = collections.Counter()
    minority_pred, frequent, frequent_minority = 0, 0, 0
    for gs, ps in zip(gold, pred):
        words = [w for w, _ in gs]
        g = {x for x in spans([t for _, t in gs]) if x[2] in keep}
        p = {x for x in spans([t for _, t in ps]) if x[2] in keep}
        for b, e, t in g:
            c = by_string[" ".join(words[b:e])]
            if sum(c.values()) >= 5:
                frequent += 1
                frequent_minority += c.most_common(1)[0][0] != t
        for b, e, t in g - p:
            over = [x for x in p if x[0] < e and b < x[1]]
            same = [x for x in over if x[0] == b and x[1] == e]
            if same:
                classes["type %s -> %s" % (t, same[0][2])] += 1
                c = by_string[" ".join(words[b:e])]
                minority_pred += c[same[0][2]] > c[t]
            elif over:
                classes["boundary %s" % t] += 1
            else:
                classes["missed %s" % t] += 1
        for b, e, t in p - g:
            if not any(x[0] < e and b < x[1] for x in g):
                classes["spurious %s" % t] += 1
    print("error classes (gold entity view; spurious from the prediction side):")
    for k, v in classes.most_common():
        print("  %5d  %s" % (v, k))
    n_type = sum(v for k, v in classes.items() if k.startswith("type "))
    print("same-span type errors: %d, of which the string's majority type in train is the"
          " predicted one: %d" % (n_type, minority_pred))
    print("gold entities whose string occurs >= 5 times in train: %d, with a minority type: %d (%.1f%%)"
          % (frequent, frequent_minority, 100.0 * frequent_minority / max(frequent, 1)))

    copies = collections.defaultdict(list)
    for s in train + gold:
        if len(s) >= 8:
            copies[tuple(w for w, _ in s)].append([t for _, t in s])
    tp = fp = fn = pairs = 0
    for tags in copies.values():
        if len(tags) < 2:
            continue
        pairs += 1
        x = {y for y in spans(tags[0]) if y[2] in keep}
        z = {y for y in spans(tags[1]) if y[2] in keep}
        tp, fp, fn = tp + len(x & z), fp + len(z - x), fn + len(x - z)
    if pairs:
        print("repeated sentences: %d pairs, %d entities; copy-vs-copy F1 %.1f"
              % (pairs, tp + fn, 200.0 * tp / max(2 * tp + fp + fn, 1)))


if __name__ == "__main__":
    main()
