#!/bin/sh
# npm_ci.sh SRC DEST: install the graphology parsers pinned by
# SRC/package-lock.json into DEST/node_modules (npm ci), unless the same lock
# is installed there already. Run by ctest before test_export_readers.
set -eu
src=$1 dest=$2
if [ -d "$dest/node_modules/graphology-gexf" ] && cmp -s "$src/package-lock.json" "$dest/package-lock.json"; then
  exit 0
fi
mkdir -p "$dest"
cp "$src/package.json" "$src/package-lock.json" "$dest/"
cd "$dest"
npm ci --no-audit --no-fund --loglevel=error
