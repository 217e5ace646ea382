"""gazdata.py: helpers shared by the scripts that derive and check the gazetteer data files.

fold() approximates kg_text_fold (extract/utf8.c) closely enough to detect alias clashes at
development time: compatibility decomposition, marks dropped, case folded, typographic
apostrophes made ASCII, runs of spaces collapsed.  The C loader folds again with the real
function, so a difference here can only hide a clash from a report, not change what loads.
"""
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.dirname(HERE)


def fold(s):
    s = unicodedata.normalize("NFKD", s.replace("\u2019", "'").replace("\u2018", "'"))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(s.casefold().split())


def slug(s):
    """kg_text_slug: folded, each run of non-alphanumerics one '-', none at the ends."""
    return re.sub(r"[^a-z0-9]+", "-", fold(s)).strip("-")


def word_set(path, limit=None):
    """The folded words of a one-word-per-line data file ('#' comments); the first limit only."""
    out = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                out.add(fold(line))
                if limit and len(out) >= limit:
                    break
    return out


def tsv_rows(path, ncols):
    """(line number, columns) of each data line of a TAB-separated file with ncols columns (an
    int or a tuple of allowed counts); exits with file:line on a bad row."""
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            allowed = ncols if isinstance(ncols, tuple) else (ncols,)
            if len(cols) not in allowed:
                sys.exit(f"{path}:{n}: expected {ncols} TAB-separated columns, got {len(cols)}")
            yield n, cols
