#!/usr/bin/env python3
"""check_data.py: review aid for the gazetteer data files (development time, not a build step).

Usage: data/scripts/check_data.py [--all]

Reads data/*.tsv in the order gazetteer.c loads them and reports:
  - errors: a bad column count, an id without a known type prefix, an id used twice;
  - shadowed aliases: an alias of one entity that an earlier entity already owns (the gazetteer
    keeps the first owner), unless the later one marks it ambiguous ('?');
  - unflagged words: a single-word alias that is also a common English word, a frequent first name
    or a surname, and is not marked '?' (only for curated files unless --all).
Exit status 1 when there are errors.  The folding approximates kg_text_fold.
"""
import os
import sys

from gazdata import DATA, fold, word_set
ENTITY_FILES = ["countries.tsv", "organizations.tsv", "regions.tsv", "events.tsv", "cities.tsv"]
CURATED = {"organizations.tsv", "regions.tsv", "events.tsv"}
TYPES = ("country:", "organization:", "location:", "event:", "person:")


def main():
    show_all = "--all" in sys.argv
    common = word_set(os.path.join(DATA, "common-words.txt"))
    first = word_set(os.path.join(DATA, "first-names.txt"), 2000)
    surnames = word_set(os.path.join(DATA, "surnames.txt"))
    owner, ids = {}, {}
    errors = shadowed = unflagged = 0
    for fname in ENTITY_FILES:
        with open(os.path.join(DATA, fname), encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                line = line.rstrip("\n")
                if not line or line.startswith("#"):
                    continue
                cols = line.split("\t")
                where = f"{fname}:{n}"
                if len(cols) not in (5, 6):
                    print(f"ERROR {where}: {len(cols)} columns")
                    errors += 1
                    continue
                eid, label = cols[0], cols[1]
                if not eid.startswith(TYPES):
                    print(f"ERROR {where}: id {eid!r} has no known type prefix")
                    errors += 1
                if eid in ids:
                    print(f"ERROR {where}: id {eid} already defined at {ids[eid]}")
                    errors += 1
                ids[eid] = where
                aliases = [a for a in cols[4].split("|") if a]
                if len(cols) == 6:
                    aliases += [a for a in cols[5].split("|") if a]
                flagged = {fold(a[1:]) for a in aliases if a.startswith("?")}
                done = set()
                for a in aliases + [label]:
                    if fold(a.lstrip("?")) in done:
                        continue
                    done.add(fold(a.lstrip("?")))
                    amb = a.startswith("?")
                    k = fold(a.lstrip("?"))
                    if k in owner and owner[k][0] != eid:
                        if not amb and k not in flagged:
                            print(f"shadowed {where}: {a!r} of {eid} belongs to {owner[k][0]} "
                                  f"({owner[k][1]})")
                            shadowed += 1
                        continue
                    owner.setdefault(k, (eid, where))
                    if (" " not in k and not amb and k not in flagged and
                            (show_all or fname in CURATED) and
                            (k in common or k in first or k in surnames)):
                        what = "common word" if k in common else \
                            "first name" if k in first else "surname"
                        print(f"unflagged {where}: {a!r} of {eid} is also a {what}")
                        unflagged += 1
    print(f"{len(ids)} entities, {len(owner)} alias keys; {errors} errors, {shadowed} shadowed, "
          f"{unflagged} unflagged")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
