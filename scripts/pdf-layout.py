#!/usr/bin/env python3
"""How the printed PDFs of a built site lay out (issue 26), the way a facilitator would notice:

- nearly empty pages: a page whose text, footer left out, is under 120 characters and whose ink
  above the footer is under 2% (a heading stranded, two writing lines alone);
- simpler worksheets that run over two A4 pages;
- pack and plan pages that do not name their session in the footer;
- handouts whose first page is not numbered "Page 1".

Usage: python3 scripts/pdf-layout.py SITE_FOLDER [--max-empty-percent 2] [--quiet]
Exits 1 when a limit is passed; --quiet lists the pages only then. Needs poppler-utils (pdftotext, pdftoppm).
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

FOOTER = re.compile(r"Page \d+ of \d+")


def pages_text(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


def ink(pdf: Path) -> list[float]:
    """Each page's share of dark pixels above the footer, at 20 dots an inch: symbols, boxes, lines
    and cards count, so a page of pictures or write-in space is not taken for an empty one."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["pdftoppm", "-r", "20", "-gray", str(pdf), f"{folder}/p"], check=True)
        shares = []
        for image in sorted(Path(folder).glob("p-*.pgm"), key=lambda p: int(p.stem.split("-")[-1])):
            data = image.read_bytes()
            # P5 header: magic, width, height, maxval, then one byte a pixel.
            fields = data.split(maxsplit=4)
            width, height = int(fields[1]), int(fields[2])
            pixels = fields[4][: width * height]
            kept = pixels[: width * int(height * 0.88)]
            shares.append(sum(1 for b in kept if b < 160) / max(len(kept), 1))
        return shares


def body(page: str) -> str:
    """The page's words without its footer line (help line, session, page number)."""
    lines = [l for l in page.splitlines() if l.strip() and not FOOTER.search(l)]
    return " ".join(" ".join(lines).split())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site")
    parser.add_argument("--max-empty-percent", type=float, default=2.0)
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args()
    site = Path(args.site)
    pdfs = sorted(site.rglob("*.pdf"))
    if not pdfs:
        print(f"pdf-layout: no PDFs under {site}", file=sys.stderr)
        return 1
    total_pages = 0
    empty: list[str] = []
    long_simpler: list[str] = []
    unnamed: list[str] = []
    handout_numbering: list[str] = []
    for pdf in pdfs:
        pages = pages_text(pdf)
        total_pages += len(pages)
        shares = ink(pdf)
        rel = pdf.relative_to(site)
        for number, page in enumerate(pages, start=1):
            share = shares[number - 1] if number - 1 < len(shares) else 0.0
            if len(body(page)) < 120 and share < 0.02:
                empty.append(f"{rel} page {number}: {body(page)[:80]!r}")
        if pdf.name.endswith("-simpler.pdf") and len(pages) > 2:
            long_simpler.append(f"{rel}: {len(pages)} pages")
        if pdf.name.endswith("-pack.pdf"):
            html = (pdf.parent / "index.html").read_text(encoding="utf-8")
            title = re.search(r"<h1>(.*?)</h1>", html, re.S)
            name = re.sub(r"<[^>]+>", "", title.group(1)).strip() if title else ""
            name = name.replace("&#39;", "'").replace("&amp;", "&").replace("&quot;", '"')
            for number, page in enumerate(pages, start=1):
                footer = " ".join(l for l in page.splitlines() if FOOTER.search(l))
                if name[:30] not in " ".join(footer.split()):
                    unnamed.append(f"{rel} page {number} (no “{name}” in “{footer.strip()[:90]}”)")
        if pdf.name.endswith("-handout.pdf") and pages and not re.search(r"Page 1 of", pages[0]):
            handout_numbering.append(f"{rel}: its first page is not numbered Page 1")
    percent = 100.0 * len(empty) / max(total_pages, 1)
    print(f"pdf-layout: {len(pdfs)} PDFs, {total_pages} pages")
    print(f"  nearly empty pages: {len(empty)} ({percent:.1f}%, limit {args.max_empty_percent}%)")
    print(f"  simpler worksheets over 2 pages: {len(long_simpler)} (limit 0)")
    print(f"  pack pages without their session's name: {len(unnamed)} (limit 0)")
    print(f"  handouts not numbered from their first page: {len(handout_numbering)} (limit 0)")
    failed = percent > args.max_empty_percent or long_simpler or unnamed or handout_numbering
    # --quiet lists the pages only when a limit is passed.
    if failed or not args.quiet:
        for group in (empty, long_simpler, unnamed[:20], handout_numbering):
            for line in group:
                print("   ", line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
