#!/usr/bin/env python3
"""Strict RFC 4180 check of kgraph's CSV files with Python's csv module (a real
reader, not ours). Usage: check_csv.py FILE HEADER_PREFIX
Fails (exit 1, message on stderr) on a parse error, a ragged row, a header that
does not start with HEADER_PREFIX (comma-separated), or invalid UTF-8."""
import csv
import io
import sys

path, prefix = sys.argv[1], sys.argv[2].split(",")
try:
    text = open(path, "rb").read().decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
except (UnicodeDecodeError, csv.Error) as e:
    sys.exit("%s: %s" % (path, e))
if not rows:
    sys.exit("%s: empty" % path)
if rows[0][: len(prefix)] != prefix:
    sys.exit("%s: header %s does not start with %s" % (path, rows[0], prefix))
bad = [i + 1 for i, r in enumerate(rows) if len(r) != len(rows[0])]
if bad:
    sys.exit("%s: ragged rows %s" % (path, bad[:5]))
print(len(rows) - 1)
