#!/usr/bin/env bash
# tests/captures/rows.sh DIR ROWS: puts gencap's rows (file ... methods) into
# DIR/GENERATED.tsv, each completed with the columns only the written file can give:
# raw "SIP/2.0" occurrences, tshark expert errors (left empty: not run here), size
# and sha256. Rows of gen_* files already there are replaced; other rows are kept.
set -eu
dir=$1
rows=$2
tsv=$dir/GENERATED.tsv
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
grep -v '^gen_' "$tsv" >"$tmp" || true
while IFS= read -r line; do
    file=${line%%$'\t'*}
    hits=$(grep -a -o 'SIP/2\.0' "$dir/$file" | wc -l)
    bytes=$(wc -c <"$dir/$file")
    sum=$(sha256sum "$dir/$file" | cut -d' ' -f1)
    printf '%s\t%s\t\t%s\t%s\n' "$line" "$hits" "$bytes" "$sum" >>"$tmp"
done <"$rows"
cp "$tmp" "$tsv"
