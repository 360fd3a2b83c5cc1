#!/usr/bin/env bash
# Prints the shipped site's packs and worksheets to PDF, then checks one pack the way a
# facilitator would notice a problem: A4 pages, more than one page, page numbers in the footer,
# and every worksheet of the session in the text. Used by .ci/run; needs chromium and poppler-utils.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

swift run waymark build --pdf --output "$out/site"

pack_pdf=$(find "$out/site/facilitators" -name '*-pack.pdf' | sort | head -n 1)
[ -n "$pack_pdf" ] || { echo "check-pdf: no pack PDF was printed" >&2; exit 1; }
pack_html="$(dirname "$pack_pdf")/index.html"
info=$(pdfinfo "$pack_pdf")
echo "$info" | grep -Eq '^Page size: +59[45](\.[0-9]+)? x 84[12](\.[0-9]+)? pts \(A4\)' \
  || { echo "check-pdf: $pack_pdf is not A4:"; echo "$info"; exit 1; } >&2
pages=$(echo "$info" | awk '/^Pages:/ { print $2 }')
[ "$pages" -gt 1 ] || { echo "check-pdf: $pack_pdf has only $pages page" >&2; exit 1; }
text=$(pdftotext -layout "$pack_pdf" -)
echo "$text" | grep -q "Page 1 of $pages" || { echo "check-pdf: no 'Page 1 of $pages' footer in $pack_pdf" >&2; exit 1; }
echo "$text" | grep -q "Page $pages of $pages" || { echo "check-pdf: no 'Page $pages of $pages' footer" >&2; exit 1; }
count=0
while IFS= read -r title; do
  # HTML escapes are undone for the comparison with the PDF's text.
  plain=$(printf '%s' "$title" | sed -e 's/&#39;/'"'"'/g' -e 's/&amp;/\&/g' -e 's/&quot;/"/g')
  echo "$text" | grep -qF "$plain" || { echo "check-pdf: worksheet '$plain' is not in $pack_pdf" >&2; exit 1; }
  count=$((count + 1))
done < <(grep -o '<li>Worksheet: [^<]*</li>' "$pack_html" | sed -e 's/<li>Worksheet: //' -e 's/<\/li>//')
[ "$count" -gt 0 ] || { echo "check-pdf: the pack lists no worksheets" >&2; exit 1; }
echo "check-pdf: $(basename "$pack_pdf"): A4, $pages pages, page numbers and all $count worksheet titles present"
