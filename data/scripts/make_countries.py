#!/usr/bin/env python3
"""make_countries.py: derive data/countries.tsv.

Sources (fetched at development time only, see fetch-sources.sh and data/NOTICE):
  - Debian iso-codes: /usr/share/iso-codes/json/iso_3166-1.json (every ISO 3166-1 entry)
  - npm world-countries: countries.json (common/official names, altSpellings, English demonyms; ODbL)
  - countries-curated.tsv beside this script: hand-written labels, aliases, demonyms, drops and
    ambiguity flags.
Usage: make_countries.py ISO_3166-1.json world-countries/countries.json > data/countries.tsv

Only English names are kept: foreign-language altSpellings ("Schweiz", "Nippon") would be noise in
English news, and two-letter codes ("IT", "IN", "NO") are ordinary words.  Every alias is checked
against every other country's (after a fold like kg_text_fold's): a shared key is an error to
resolve in the curated file, so that each key names one country.
"""
import json
import os
import re
import sys

from gazdata import HERE, fold, tsv_rows

ENGLISH_MARKERS = {
    "republic", "kingdom", "state", "states", "islands", "island", "federation", "commonwealth",
    "principality", "union", "federal", "democratic", "people's", "territory", "sultanate",
    "duchy", "confederation", "bailiwick", "collectivity", "independent", "co-operative",
    "hellenic", "oriental", "plurinational", "bolivarian", "united", "arab", "islamic",
    "socialist", "hashemite", "nation", "country", "special", "administrative", "region",
}
# Function words that give away a foreign-language official name ("Union des Comores").
FOREIGN_WORDS = {"de", "del", "la", "le", "du", "des", "og", "och", "y", "e", "da", "do", "di",
                 "della", "der", "und", "et"}


def latin(s):
    """True when s folds to plain ASCII letters, digits, spaces and . ' -"""
    return re.fullmatch(r"[a-z0-9 .'\-]+", fold(s)) is not None


def strip_the(s):
    return s[4:] if s[:4].lower() == "the " else s


def plural(d):
    if re.search(r"(ese|ish|ch|sh|s|x|z|y|ic)$", d) or "-" in d or " " in d and d.endswith("i"):
        return None
    return d + "s"


def load_curated(path):
    cur = {}
    for n, (cc, op, vals) in tsv_rows(path, 3):
        if op not in ("label", "name", "demonym", "drop", "ambiguous", "kind"):
            sys.exit(f"{path}:{n}: unknown operation {op!r}")
        cur.setdefault(cc, []).append((op, vals.split("|"), n))
    return cur


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    iso = json.load(open(sys.argv[1], encoding="utf-8"))["3166-1"]
    wc = {c["cca2"]: c for c in json.load(open(sys.argv[2], encoding="utf-8"))}
    curated = load_curated(os.path.join(HERE, "countries-curated.tsv"))

    entries = {e["alpha_2"]: e for e in iso}
    # Kosovo has no ISO 3166-1 code yet; news treats it as a country (user-assigned XK).
    if "XK" in wc and "XK" not in entries:
        entries["XK"] = {"alpha_2": "XK", "alpha_3": "XKX", "name": "Kosovo"}

    rows = []
    owner = {}  # folded key -> (cc, surface)
    conflicts = []
    for cc in sorted(entries):
        e = entries[cc]
        c = wc.get(cc)
        label = e.get("common_name") or e["name"]
        if c:
            label = c["name"]["common"]
        kind = "country" if (c and c.get("independent")) else "territory"
        names = []
        demonyms = []
        ambiguous = set()
        drops = set()

        def add(lst, s):
            s = strip_the(s.strip())
            if s and "," not in s and "(" not in s and latin(s):
                lst.append(s)

        for op, vals, _ in curated.get(cc, []):
            if op == "label":
                label = vals[0]
            elif op == "kind":
                kind = vals[0]
            elif op == "drop":
                drops.update(fold(v) for v in vals)
            elif op == "ambiguous":
                ambiguous.update(fold(v) for v in vals)
        add(names, label)
        for key in ("name", "common_name", "official_name"):
            if key in e:
                add(names, e[key])
        if c:
            add(names, c["name"]["common"])
            add(names, c["name"]["official"])
            for alt in c["altSpellings"]:
                words = set(fold(alt).split())
                if len(alt) > 3 and words & ENGLISH_MARKERS and not words & FOREIGN_WORDS:
                    add(names, alt)
            dem = c.get("demonyms", {}).get("eng", {})
            for g in ("m", "f"):
                for d in re.split(r", | or ", dem.get(g, "")):
                    if d:
                        add(demonyms, d)
                        p = plural(d)
                        if p:
                            add(demonyms, p)
        for op, vals, _ in curated.get(cc, []):
            if op == "name":
                for v in vals:
                    add(names, v)
            elif op == "demonym":
                for v in vals:
                    add(demonyms, v)

        seen = set()
        name_keys = {fold(s) for s in names}
        out_names, out_dems = [], []
        for lst, out in ((names, out_names), (demonyms, out_dems)):
            for s in lst:
                k = fold(s)
                if k in seen or k in drops or (k.endswith("s") and k[:-1] in drops):
                    continue
                # a derived plural of a demonym that is the name itself ("Djiboutis")
                if out is out_dems and k.endswith("s") and k[:-1] in name_keys:
                    continue
                seen.add(k)
                if k in owner and owner[k][0] != cc:
                    conflicts.append(f"{s!r}: {owner[k][0]} and {cc}")
                owner[k] = (cc, s)
                out.append(("?" if k in ambiguous else "") + s)
        unused = ambiguous - seen
        if unused:
            sys.exit(f"{cc}: ambiguous flag on names it does not have: {sorted(unused)}")
        code = f"{cc}|{e['alpha_3']}"
        rows.append((f"country:{cc.lower()}", label, code, kind, out_names, out_dems))

    if conflicts:
        sys.exit("aliases shared by two countries (resolve in countries-curated.tsv):\n  "
                 + "\n  ".join(conflicts))
    out = sys.stdout
    out.write("# countries.tsv: every ISO 3166-1 country and territory (plus Kosovo, XK) with the\n"
              "# names news uses.  Generated by data/scripts/make_countries.py from Debian iso-codes,\n"
              "# npm world-countries (ODbL) and data/scripts/countries-curated.tsv: edit those, not this.\n"
              "# Columns: id <TAB> label <TAB> iso (alpha-2|alpha-3) <TAB> kind (country|territory)\n"
              "#          <TAB> names ('|'-separated) <TAB> demonyms and adjectives ('|'-separated)\n"
              "# A leading '?' marks an ambiguous alias (also a common word, a person, a US state...).\n")
    for r in rows:
        out.write("\t".join([r[0], r[1], r[2], r[3], "|".join(r[4]), "|".join(r[5])]) + "\n")


if __name__ == "__main__":
    main()
