#!/usr/bin/env bash
# Prints the shipped site's packs and worksheets to PDF, then checks one pack the way a
# facilitator would notice a problem: A4 pages, more than one page, page numbers in the footer,
# and every worksheet of the session in the text. Then the parents' handouts: no pack PDF holds
# one, and each handout PDF prints on its own with the worker's consent step first. Used by .ci/run; needs chromium and poppler-utils.
set -euo pipefail
# No `command | grep -q` or `| head` in this script: they stop reading early, and with pipefail the
# writer's SIGPIPE (exit 141) would fail the check. Outputs go into variables and here-strings.
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

swift run waymark build --pdf --output "$out/site"

pack_pdf=$(find "$out/site/facilitators" -name '*-pack.pdf' | sort | sed -n '1p')
[ -n "$pack_pdf" ] || { echo "check-pdf: no pack PDF was printed" >&2; exit 1; }
pack_html="$(dirname "$pack_pdf")/index.html"
info=$(pdfinfo "$pack_pdf")
grep -Eq '^Page size: +59[45](\.[0-9]+)? x 84[12](\.[0-9]+)? pts \(A4\)' <<< "$info" \
  || { echo "check-pdf: $pack_pdf is not A4:"; echo "$info"; exit 1; } >&2
pages=$(echo "$info" | awk '/^Pages:/ { print $2 }')
[ "$pages" -gt 1 ] || { echo "check-pdf: $pack_pdf has only $pages page" >&2; exit 1; }
text=$(pdftotext -layout "$pack_pdf" -)
grep -q "Page 1 of $pages" <<< "$text" || { echo "check-pdf: no 'Page 1 of $pages' footer in $pack_pdf" >&2; exit 1; }
grep -q "Page $pages of $pages" <<< "$text" || { echo "check-pdf: no 'Page $pages of $pages' footer" >&2; exit 1; }
count=0
while IFS= read -r title; do
  # HTML escapes are undone for the comparison with the PDF's text.
  plain=$(printf '%s' "$title" | sed -e 's/&#39;/'"'"'/g' -e 's/&amp;/\&/g' -e 's/&quot;/"/g')
  grep -qF "$plain" <<< "$text" || { echo "check-pdf: worksheet '$plain' is not in $pack_pdf" >&2; exit 1; }
  count=$((count + 1))
done < <(grep -o '<li>Worksheet: [^<]*</li>' "$pack_html" | sed -e 's/<li>Worksheet: //' -e 's/<\/li>//')
[ "$count" -gt 0 ] || { echo "check-pdf: the pack lists no worksheets" >&2; exit 1; }
echo "check-pdf: $(basename "$pack_pdf"): A4, $pages pages, page numbers and all $count worksheet titles present"

# Handouts for parents and carers print apart and never in a pack. The worker reads the consent
# step on the handout's page, on screen, before printing; the PDF is what the parent receives, so
# it holds the parent's pages alone, numbered from "Page 1", with no word of the consent step.
handouts=0
while IFS= read -r handout_pdf; do
  htext=$(pdftotext -layout "$handout_pdf" -)
  if grep -q "Before you give this handout" <<< "$htext"; then
    echo "check-pdf: $handout_pdf holds the worker's consent step, which the parent would read" >&2; exit 1
  fi
  first_page=$(pdftotext -f 1 -l 1 "$handout_pdf" -)
  grep -q "Page 1 of" <<< "$first_page" || { echo "check-pdf: $handout_pdf is not numbered from its first page" >&2; exit 1; }
  handout_html="$(dirname "$handout_pdf")/index.html"
  grep -q "Before you give this handout" "$handout_html" || { echo "check-pdf: $handout_html has no consent step on screen" >&2; exit 1; }
  grep -Eq "only if the young person (agrees|asks for it)" "$handout_html" \
    || { echo "check-pdf: $handout_html does not say when it may be given" >&2; exit 1; }
  handouts=$((handouts + 1))
done < <(find "$out/site/facilitators" -name '*-handout.pdf' | sort)
[ "$handouts" -gt 0 ] || { echo "check-pdf: no handout PDF was printed" >&2; exit 1; }
while IFS= read -r any_pack; do
  pack_text=$(pdftotext "$any_pack" -)
  if grep -qE "Handout for parents and carers|Before you give this handout" <<< "$pack_text"; then
    echo "check-pdf: $any_pack holds a parents' handout" >&2; exit 1
  fi
done < <(find "$out/site/facilitators" -name '*-pack.pdf')
echo "check-pdf: $handouts handouts print apart, numbered from page 1, the consent step on screen only; no pack holds one"

# Every worksheet also prints in its simpler version; check one the way a facilitator would.
simpler_pdf=$(find "$out/site/facilitators/worksheets" -name '*-simpler.pdf' | sort | sed -n '1p')
[ -n "$simpler_pdf" ] || { echo "check-pdf: no simpler worksheet PDF was printed" >&2; exit 1; }
sinfo=$(pdfinfo "$simpler_pdf")
grep -Eq '^Page size: +59[45](\.[0-9]+)? x 84[12](\.[0-9]+)? pts \(A4\)' <<< "$sinfo" \
  || { echo "check-pdf: $simpler_pdf is not A4" >&2; exit 1; }
stext=$(pdftotext -layout "$simpler_pdf" -)
grep -q "simpler version" <<< "$stext" || { echo "check-pdf: $simpler_pdf does not say it is the simpler version" >&2; exit 1; }
simpler_html="$(dirname "$simpler_pdf")/index.html"
symbols=$(grep -o 'class="symbol"' "$simpler_html" | wc -l)
[ "$symbols" -gt 0 ] || { echo "check-pdf: $simpler_html shows no symbols" >&2; exit 1; }
# Each symbol is drawn from the site's own files.
sources=$(grep -o '<img class="symbol" src="[^"]*"' "$simpler_html" || true)
if grep -q 'src="[a-z]*://' <<< "$sources"; then
  echo "check-pdf: a symbol in $simpler_html comes from another site" >&2; exit 1
fi
echo "check-pdf: $(basename "$simpler_pdf"): A4, marked as the simpler version, $symbols symbols from the site's own files"

# Layout over every PDF (issue 26): nearly empty pages at most 2%, no simpler worksheet over two
# pages, every pack page naming its session, handouts numbered from their first page.
python3 scripts/pdf-layout.py "$out/site" --quiet
