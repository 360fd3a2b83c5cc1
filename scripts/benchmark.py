#!/usr/bin/env python3
"""Waymark's speed benchmark, separate from the tests.

Generates synthetic corpora on tmpfs (/dev/shm) and builds each with Waymark, with Hugo (minimal
layouts in benchmarks/hugo/ that do the same work) and with the cmark-gfm command-line tool (one
process over the same Markdown), several runs each, and prints the medians: wall time, pages per
second, peak memory (max RSS of the process), CPU time and the ratios, then the targets with
PASS/FAIL. It also measures `waymark serve`'s rebuild after one page (and one module) changes.

Corpora:
  pages-N   N single-audience pages (pages/*.md), about 600 words each: front matter (title,
            summary), headings, lists, a task list, a table, emphasis, strikethrough, a bare URL,
            links to other pages (some with #anchors).
  hard-N    the pages-N corpus, the same text, with a reading target in site.yml that every page
            is over, so that every page gets a readability warning (with its hardest sentences):
            what a site in first draft costs.
  plain-N   the pages-N corpus with no links between pages, and Hugo without its links render hook
            (its most minimal layouts): the peers on the plainest work.
  tiered    M modules (modules/*.md) with a `::: level` block for every level and a `::: tier`
            block for every tier inside each, so every reader's version (level x tier) gets
            about 600 words: M x 9 reader pages plus M overviews. Hugo and cmark-gfm get the same
            Markdown expanded: one file per reader version, with the blocks already chosen.

PDFs (`--pdf-only`, or `--pdf` with the rest): the shipped Content/ printed with `waymark build
--pdf` from an empty cache (per PDF), against Chromium's own `--print-to-pdf` started once per file
on a sample of the same pages served over HTTP; then a second build with nothing changed, and a
build after one worksheet's sentence changes (how many PDFs were printed, and how long it took).

Peers are optional: a peer that is not installed (`hugo`, `cmark-gfm`) is skipped.

    apt-get install -y hugo cmark-gfm
    swift build -c release --product waymark
    python3 scripts/benchmark.py                 # 1,000 / 4,000 / 16,000 pages + tiered, 5 runs
    python3 scripts/benchmark.py --quick         # 1,000 pages, 3 runs
    python3 scripts/benchmark.py --pdf-only      # the PDF section alone
"""

import argparse
import datetime
import json
import os
import queue
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HUGO_FILES = os.path.join(REPO, "benchmarks", "hugo")
CMARK_EXTENSIONS = ["-e", "table", "-e", "strikethrough", "-e", "autolink", "-e", "tasklist", "-e", "tagfilter"]

LEVELS = [("protection", "Protection", "Knowing the signs", "Learning how to spot grooming and keep safe."),
          ("risk-reduction", "Risk reduction", "Staying safe now", "Practical help for right now, when someone is worried about you."),
          ("recovery", "Recovery", "Moving forward", "Making sense of what happened, now that you are safe.")]
TIERS = [("11-13", "Ages 11 to 13", 11, 13, 5), ("14-16", "Ages 14 to 16", 14, 16, 6.5), ("17-19", "Ages 17 to 19", 17, 19, 8)]

# ---------------------------------------------------------------------------------------------
# Text: plain, deterministic (seeded), short common words so the reading-grade check mostly
# passes; none of the phrases of Content/language.yml.

NOUNS = ("garden tree road bus train dog cat house park book song game team town shop bike boat lake hill "
         "field bird fish door room lunch bread rain sun wind map path box bag cup desk lamp chair coat hat "
         "shoe clock bell cake fruit plant seed leaf stone bridge river beach farm barn class school friend "
         "plan note list page word card ticket street corner kitchen window gate fence wall roof step yard "
         "pond boot sock ball kite drum pen jar bowl spoon fork plate sink bed rug hall club week day night").split()
VERBS = ("finds takes makes reads sees builds paints cleans opens shuts fills moves plants picks packs draws "
         "writes checks sorts counts holds brings keeps needs likes shows fixes rings spots lifts drops "
         "carries wants visits hears").split()
ADJECTIVES = ("small big old new green red blue warm cold long short quiet loud bright dark clean soft hard fast "
              "slow round flat tall wide fresh dry wet calm busy plain kind good safe").split()
PREPOSITIONS = "near by in on at under over past through with from behind".split()
NAMES = "Sam Alex Jo Kim Ash Max Lee Ray Pat Jay Sky Ren Kit Bo Nell Tom Ann Ben Liz Dan".split()
OPENERS = ["Then", "Next", "Later", "Each day", "In the spring", "At the weekend", "After lunch", "Most days"]
HEADINGS = ["What to know", "How it works", "Things to try", "A closer look", "What comes next", "Good to know",
            "Small steps", "Ways to start", "What to bring", "On the day", "Before you go", "After the walk"]


class Text:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def sentence(self):
        r = self.r
        pattern = r.randrange(5)
        if pattern == 0:
            s = f"the {r.choice(ADJECTIVES)} {r.choice(NOUNS)} {r.choice(VERBS)} a {r.choice(NOUNS)} {r.choice(PREPOSITIONS)} the {r.choice(NOUNS)}"
        elif pattern == 1:
            s = f"{r.choice(NAMES)} {r.choice(VERBS)} the {r.choice(ADJECTIVES)} {r.choice(NOUNS)} and {r.choice(VERBS)} a {r.choice(NOUNS)}"
        elif pattern == 2:
            s = f"{r.choice(OPENERS).lower()} we see a {r.choice(ADJECTIVES)} {r.choice(NOUNS)} {r.choice(PREPOSITIONS)} the {r.choice(NOUNS)}"
        elif pattern == 3:
            s = f"a {r.choice(NOUNS)} is {r.choice(ADJECTIVES)} when the {r.choice(NOUNS)} is {r.choice(ADJECTIVES)}"
        else:
            s = f"{r.choice(NAMES)} and {r.choice(NAMES)} walk to the {r.choice(NOUNS)} {r.choice(PREPOSITIONS)} the {r.choice(ADJECTIVES)} {r.choice(NOUNS)}"
        return s[0].upper() + s[1:] + "."

    def paragraph(self, n):
        return " ".join(self.sentence() for _ in range(n))

    def phrase(self, words=3):
        r = self.r
        s = " ".join([r.choice(ADJECTIVES)] + [r.choice(NOUNS) for _ in range(words - 1)])
        return s[0].upper() + s[1:]

    def title(self, i):
        r = self.r
        return f"{r.choice(ADJECTIVES).capitalize()} {r.choice(NOUNS)} {i}"


def words(markdown):
    """Words a reader sees (roughly): Markdown punctuation and link targets left out."""
    text = re.sub(r"\]\([^)]*\)", "]", markdown)
    return len([w for w in re.split(r"\s+", text) if re.search(r"[A-Za-z0-9]", w)])


def section_text(t, link, heading_depth="##", headings=None, sentences=1.0):
    """One section of about 100 words: a heading, a paragraph with a link, and a list or table."""
    r = t.r
    h = headings.pop(0) if headings else t.phrase(2)
    parts = [f"{heading_depth} {h}", t.paragraph(max(1, round(4 * sentences))) + f" {link()}"]
    kind = r.randrange(3)
    if kind == 0:
        parts.append("\n".join(f"- {t.sentence()}" for _ in range(4)))
    elif kind == 1:
        parts.append("\n".join(f"{i + 1}. {t.sentence()}" for i in range(3)))
    else:
        parts.append("- [ ] " + t.sentence() + "\n- [x] " + t.sentence() + "\n- [ ] " + t.sentence())
    return "\n\n".join(parts)


def page_body(t, link, anchor_link, own_url_word):
    """About 600 words: intro, a fixed `## Where to start` (the target of #anchor links), sections,
    a table, emphasis, strikethrough and a bare URL (autolink)."""
    r = t.r
    headings = r.sample(HEADINGS, 6)
    parts = [
        t.paragraph(4) + f" See {link()} too.",
        "## Where to start",
        t.paragraph(4) + f" The map in {anchor_link()} shows the way.",
        "\n".join(f"- {t.sentence()}" for _ in range(5)),
        section_text(t, link, "##", headings),
        f"### {headings.pop(0)}",
        f"It is **{r.choice(ADJECTIVES)}** and *{r.choice(ADJECTIVES)}*, not ~~{r.choice(ADJECTIVES)}~~. "
        + t.paragraph(3) + f" Read more at https://example.org/{own_url_word}/ on the web.",
        "| Item | Count | Note |\n|---|---:|---|\n" + "\n".join(
            f"| {t.phrase(2)} | {r.randrange(1, 99)} | {t.phrase(3)} |" for _ in range(5)),
        section_text(t, link, "##", headings),
        section_text(t, link, "###", headings),
        section_text(t, link, "##", headings),
        t.paragraph(7),
    ]
    return "\n\n".join(parts) + "\n"


def yaml_quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def site_yml(today, pages_target=None):
    tiers = "\n".join(f'  - id: "{i}"\n    label: {label}\n    ages: [{a}, {b}]\n    reading_grade: {g}'
                      for i, label, a, b, g in TIERS)
    levels = "\n".join(f"  - id: {i}\n    name: {name}\n    young_name: {young}\n    summary: {summary}"
                       for i, name, young, summary in LEVELS)
    return f"""# Generated by scripts/benchmark.py: the structure of Content/site.yml.
title: Waymark benchmark
tagline: Information and support for young people, and for the adults who care about them.
language: en-GB
base_url: https://example.org/
raw_html: false
sitemap: true

reading_targets:
  parents: 7
  facilitators: 10
{f"  pages: {pages_target}" if pages_target is not None else ""}

tiers:
{tiers}

levels:
{levels}

emergency:
  phone: "999"
  label: In danger now? Call the police on

helplines:
  - name: Childline
    for: Anyone under 19
    ages: under-19
    purposes: [talk]
    phone: "0800 1111"
    url: https://www.childline.org.uk/
    description: Free and confidential. You can call, or chat online or email through a Childline account.
    audiences: [young-people]
    verified: {today}
  - name: Report Remove
    for: Under-18s who want a nude or sexual image or video of themselves taken down
    ages: under-18
    purposes: [images]
    url: https://www.childline.org.uk/
    description: Run by Childline with the Internet Watch Foundation.
    audiences: [young-people, parents]
    verified: {today}
  - name: CEOP Safety Centre
    aliases: [CEOP]
    for: Reporting online sexual abuse or grooming of someone under 18
    ages: under-18
    purposes: [report]
    url: https://www.ceop.police.uk/Safety-Centre/
    description: Part of the National Crime Agency.
    audiences: [young-people, parents]
    verified: {today}
  - name: Police
    for: If you are in danger now, call 999. For anything else, call 101.
    ages: any
    purposes: [report]
    phone: ["999", "101"]
    description: 999 is for an emergency. 101 is the police number for when it is not an emergency.
    audiences: [young-people, parents]
    verified: {today}
  - name: Samaritans
    for: Anyone, of any age
    ages: any
    purposes: [talk, crisis]
    phone: "116 123"
    any_time: true
    audiences: [young-people, parents]
    verified: {today}
  - name: NSPCC Helpline
    for: Adults worried about a child, including parents and carers
    ages: 18-and-over
    purposes: [worried-adult]
    phone: "0808 800 5000"
    email: help@nspcc.org.uk
    audiences: [parents]
    verified: {today}

exit:
  url: https://www.bbc.co.uk/weather
  label: Exit this page
"""


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def strip_front_matter(text):
    if text.startswith("---\n"):
        end = text.index("\n---\n", 4)
        return text[end + 5:]
    return text


class Corpus:
    """A generated corpus: Waymark's content folder, a Hugo site and cmark-gfm's body-only files."""

    def __init__(self, name, root, pages, words_per_page, notes=""):
        self.name = name
        self.root = root
        self.pages = pages                  # pages built from Markdown (the figure for pages/s)
        self.words_per_page = words_per_page
        self.notes = notes
        self.content = os.path.join(root, "content")
        self.hugo = os.path.join(root, "hugo")
        self.cmark = os.path.join(root, "cmark")
        self.cmark_files = []
        self.stages = []


def setup_peer_dirs(corpus, files, links_hook=True):
    """files: list of (name, markdown with front matter) for Hugo (content/pages/) and cmark-gfm."""
    if os.path.isdir(HUGO_FILES):
        os.makedirs(corpus.hugo, exist_ok=True)
        shutil.copy(os.path.join(HUGO_FILES, "config.toml"), os.path.join(corpus.hugo, "config.toml"))
        shutil.copytree(os.path.join(HUGO_FILES, "layouts"), os.path.join(corpus.hugo, "layouts"),
                        ignore=None if links_hook else shutil.ignore_patterns("_markup"))
        write(os.path.join(corpus.hugo, "content", "pages", "_index.md"), "---\ntitle: Pages\n---\n")
        write(os.path.join(corpus.hugo, "content", "_index.md"), "---\ntitle: Waymark benchmark\n---\n")
    for name, text in files:
        if os.path.isdir(HUGO_FILES):
            write(os.path.join(corpus.hugo, "content", "pages", name), text)
        write(os.path.join(corpus.cmark, name), strip_front_matter(text))
        corpus.cmark_files.append(name)


def make_pages_corpus(root, n, today, kind="pages"):
    """kind: `pages`, `hard` (every page over its reading target) or `plain` (no links)."""
    width = max(5, len(str(n)))
    ids = [f"page-{i:0{width}d}" for i in range(1, n + 1)]
    t = Text(1000 + n)
    titles = [t.title(i) for i in range(1, n + 1)]
    corpus = Corpus(f"{kind}-{n}", root, n, 0)
    # The hard corpus: every page over a reading target below any grade text can have.
    write(os.path.join(corpus.content, "site.yml"), site_yml(today, pages_target=-20 if kind == "hard" else None))
    files = []
    total_words = 0
    for i, pid in enumerate(ids):
        r = t.r

        def other():
            j = r.randrange(n - 1) if n > 1 else 0
            return j + 1 if j >= i else j

        def link():
            j = other()
            return titles[j] if kind == "plain" else f"[{titles[j]}]({ids[j]}.md)"

        def anchor_link():
            j = other()
            return titles[j] if kind == "plain" else f"[{titles[j]}]({ids[j]}.md#where-to-start)"

        body = page_body(t, link, anchor_link, pid)
        total_words += words(body)
        text = f"---\ntitle: {yaml_quote(titles[i])}\nsummary: {yaml_quote(t.sentence())}\n---\n\n{body}"
        write(os.path.join(corpus.content, "pages", pid + ".md"), text)
        files.append((pid + ".md", text))
    setup_peer_dirs(corpus, files, links_hook=kind != "plain")
    corpus.words_per_page = total_words / n
    return corpus


def make_tiered_corpus(root, modules, today):
    """Modules with a block for every level and, inside each, every tier. Every reader's version
    gets: shared text (~260 words) + its level's text (~140) + its tier's text (~200)."""
    ids = [f"module-{i:04d}" for i in range(1, modules + 1)]
    t = Text(7_000_000 + modules)
    titles = [t.title(i) for i in range(1, modules + 1)]
    corpus = Corpus("tiered", root, modules * len(LEVELS) * len(TIERS), 0)
    write(os.path.join(corpus.content, "site.yml"), site_yml(today))
    expanded = []
    total_words = 0
    for i, mid in enumerate(ids):
        r = t.r
        links = []  # positions of link placeholders, rewritten for the expanded copies

        def other():
            j = r.randrange(modules - 1) if modules > 1 else 0
            return j + 1 if j >= i else j

        def link():
            j = other()
            return f"[{titles[j]}]({ids[j]}.md)"

        def anchor_link():
            j = other()
            return f"[{titles[j]}]({ids[j]}.md#where-to-start)"

        headings = r.sample(HEADINGS, 3)
        shared = "\n\n".join([
            t.paragraph(3) + f" See {link()} too.",
            "## Where to start",
            t.paragraph(3) + f" The map in {anchor_link()} shows the way.",
            "| Item | Count | Note |\n|---|---:|---|\n" + "\n".join(
                f"| {t.phrase(2)} | {r.randrange(1, 99)} | {t.phrase(3)} |" for _ in range(4)),
            f"It is **{r.choice(ADJECTIVES)}** and *{r.choice(ADJECTIVES)}*, not ~~{r.choice(ADJECTIVES)}~~. "
            + t.paragraph(2) + f" Read more at https://example.org/{mid}/ on the web.",
            section_text(t, link, "##", headings),
            t.paragraph(4),
        ])
        level_text = {}
        tier_text = {}
        for lid, lname, _, _ in LEVELS:
            level_text[lid] = section_text(t, link, "##", [f"{lname}: {t.phrase(2).lower()}"], sentences=2.5)
            for tid, tlabel, _, _, _ in TIERS:
                tier_text[(lid, tid)] = "\n\n".join([
                    section_text(t, link, "###", [f"{tlabel}: {t.phrase(2).lower()}"], sentences=1.75),
                    section_text(t, link, "###", [f"More for {tlabel.lower()}: {t.phrase(2).lower()}"], sentences=1.5),
                ])
        blocks = []
        for lid, _, _, _ in LEVELS:
            inner = [level_text[lid]]
            for tid, _, _, _, _ in TIERS:
                inner.append(f"::: tier {tid}\n{tier_text[(lid, tid)]}\n:::")
            blocks.append(f"::: level {lid}\n" + "\n\n".join(inner) + "\n:::")
        summary = t.sentence()
        text = (f"---\ntitle: {yaml_quote(titles[i])}\nsummary: {yaml_quote(summary)}\n---\n\n"
                + shared + "\n\n" + "\n\n".join(blocks) + "\n")
        write(os.path.join(corpus.content, "modules", mid + ".md"), text)
        for lid, _, _, _ in LEVELS:
            for tid, _, _, _, _ in TIERS:
                body = "\n\n".join([shared, level_text[lid], tier_text[(lid, tid)]]) + "\n"
                total_words += words(body)
                # The expanded copy links to the same reader's version of the other module.
                body = re.sub(r"\((module-\d+)\.md", lambda m: f"({m.group(1)}-{lid}-{tid}.md", body)
                name = f"{mid}-{lid}-{tid}.md"
                expanded.append((name, f"---\ntitle: {yaml_quote(titles[i])}\nsummary: {yaml_quote(summary)}\n---\n\n{body}"))
    setup_peer_dirs(corpus, expanded)
    corpus.words_per_page = total_words / corpus.pages
    corpus.notes = (f"{modules} modules x {len(LEVELS)} levels x {len(TIERS)} tiers = {corpus.pages} reader pages "
                    f"(+{modules} overviews in Waymark); Hugo and cmark-gfm get the {corpus.pages} versions expanded")
    return corpus


# ---------------------------------------------------------------------------------------------
# Running and measuring

class Run:
    def __init__(self, wall, maxrss_kb, cpu, rc, stdout, stderr):
        self.wall = wall
        self.maxrss_kb = maxrss_kb
        self.cpu = cpu
        self.rc = rc
        self.stdout = stdout
        self.stderr = stderr


def measure(cmd, cwd, log_dir, label):
    """Runs cmd once; wall time by the clock, peak memory (max RSS) and CPU time from wait4's
    rusage of that one child."""
    os.makedirs(log_dir, exist_ok=True)
    out_path = os.path.join(log_dir, label + ".stdout")
    err_path = os.path.join(log_dir, label + ".stderr")
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.perf_counter()
        p = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - start
    p.returncode = os.waitstatus_to_exitcode(status)
    with open(err_path, "rb") as f:
        stderr = f.read().decode("utf-8", "replace")
    stdout = ""
    if os.path.getsize(out_path) < 1_000_000:
        with open(out_path, "rb") as f:
            stdout = f.read().decode("utf-8", "replace")
    return Run(wall, usage.ru_maxrss, usage.ru_utime + usage.ru_stime, p.returncode, stdout, stderr)


class Tool:
    def __init__(self, name, available, why=""):
        self.name = name
        self.available = available
        self.why = why


def waymark_cmd(args, corpus, out):
    return [args.waymark, "build", "--content", corpus.content, "--templates", args.templates, "--output", out]


def hugo_cmd(corpus, out, cache):
    return ["hugo", "--source", corpus.hugo, "--destination", out, "--cacheDir", cache, "--quiet", "--noBuildLock"]


def cmark_cmd(corpus):
    # One process: cmark-gfm reads the files in turn as one input (concatenated) and writes one
    # HTML stream, to a file on tmpfs.
    return ["cmark-gfm"] + CMARK_EXTENSIONS + corpus.cmark_files


def run_corpus(args, corpus, tools):
    """All runs of one corpus, the tools interleaved run by run; returns {tool: [Run]}."""
    results = {name: [] for name, tool in tools.items() if tool.available}
    logs = os.path.join(corpus.root, "logs")
    for i in range(args.runs):
        for name in results:
            out = os.path.join(corpus.root, f"out-{name}")
            shutil.rmtree(out, ignore_errors=True)
            if name == "waymark":
                run = measure(waymark_cmd(args, corpus, out), corpus.root, logs, f"waymark-{i}")
                if run.rc != 0:
                    sys.stderr.write(run.stderr[-20000:])
                    raise SystemExit(f"waymark build failed on {corpus.name} (exit {run.rc}); stderr above")
                m = re.search(r" in (\d+) ms", run.stdout)
                run.self_ms = int(m.group(1)) if m else None
                run.warnings = len(re.findall(r": warning: ", run.stderr))
            elif name == "hugo":
                cache = os.path.join(corpus.root, "hugo-cache")
                run = measure(hugo_cmd(corpus, out, cache), corpus.root, logs, f"hugo-{i}")
                if run.rc != 0:
                    sys.stderr.write(run.stderr[-20000:])
                    raise SystemExit(f"hugo failed on {corpus.name} (exit {run.rc}); stderr above")
            else:
                os.makedirs(out, exist_ok=True)
                run = measure_cmark(corpus, out, logs, i)
            results[name].append(run)
            print(f"  {corpus.name:>12} run {i + 1}/{args.runs} {name:8} {run.wall:7.3f} s {run.maxrss_kb / 1024:7.1f} MB",
                  file=sys.stderr, flush=True)
    if "waymark" in results and args.timings_supported:
        # One more (untimed) build with --timings: how long each stage took, as Waymark reports it.
        out = os.path.join(corpus.root, "out-waymark")
        shutil.rmtree(out, ignore_errors=True)
        run = measure(waymark_cmd(args, corpus, out) + ["--timings"], corpus.root, logs, "waymark-timings")
        corpus.stages = [(m.group(1).strip(), int(m.group(2)))
                         for m in re.finditer(r"^  (\S.*?)\s+(\d+) ms$", run.stderr, re.M)]
    for name in results:
        shutil.rmtree(os.path.join(corpus.root, f"out-{name}"), ignore_errors=True)
    return results


def measure_cmark(corpus, out, logs, i):
    html = os.path.join(out, "all.html")
    err_path = os.path.join(logs, f"cmark-{i}.stderr")
    os.makedirs(logs, exist_ok=True)
    with open(html, "wb") as f, open(err_path, "wb") as err:
        start = time.perf_counter()
        p = subprocess.Popen(cmark_cmd(corpus), cwd=corpus.cmark, stdout=f, stderr=err, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - start
    rc = os.waitstatus_to_exitcode(status)
    if rc != 0:
        with open(err_path) as e:
            sys.stderr.write(e.read()[-5000:])
        raise SystemExit(f"cmark-gfm failed on {corpus.name} (exit {rc})")
    return Run(wall, usage.ru_maxrss, usage.ru_utime + usage.ru_stime, rc, "", "")


def summarize(runs):
    walls = [r.wall for r in runs]
    return {
        "wall": statistics.median(walls),
        "wall_min": min(walls),
        "wall_max": max(walls),
        "maxrss_mb": statistics.median(r.maxrss_kb for r in runs) / 1024,
        "cpu": statistics.median(r.cpu for r in runs),
        "runs": len(runs),
        "self_ms": statistics.median([r.self_ms for r in runs if getattr(r, "self_ms", None) is not None] or [0]) or None,
        "warnings": getattr(runs[0], "warnings", None),
    }


# ---------------------------------------------------------------------------------------------
# `waymark serve`: rebuild after one file changes

REBUILT = re.compile(r"Rebuilt (\d+) of (\d+) pages in (\d+) ms")


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid):
    """User + system CPU time of a process so far, from /proc (Linux)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def idle_cpu_percent(pid, seconds):
    try:
        before = cpu_seconds(pid)
        time.sleep(seconds)
        return 100 * (cpu_seconds(pid) - before) / seconds
    except OSError:
        return None


def measure_rebuild(args, corpus, folder, count):
    """Starts `waymark serve` on the corpus, waits for the first build, then `count` times appends a
    sentence to the body of one file (a different one each time) and reads the next "Rebuilt"
    line. Returns (first build, [(reported ms, wall ms from the write to the line, rendered, total)])."""
    port = free_port()
    cmd = [args.waymark, "serve", "--content", corpus.content, "--templates", args.templates,
           "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(cmd, cwd=corpus.root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL)
    lines = queue.Queue()
    log = []

    def reader():
        for raw in proc.stderr:
            stamp = time.perf_counter()
            line = raw.decode("utf-8", "replace").rstrip("\n")
            log.append(line)
            lines.put((stamp, line))
        lines.put((time.perf_counter(), None))

    threading.Thread(target=reader, daemon=True).start()

    def next_rebuilt(timeout):
        deadline = time.perf_counter() + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError("no `Rebuilt` line in time")
            stamp, line = lines.get(timeout=left)
            if line is None:
                raise RuntimeError("waymark serve stopped")
            if line.startswith("Build failed"):
                raise RuntimeError(line)
            m = REBUILT.search(line)
            if m:
                return stamp, int(m.group(1)), int(m.group(2)), int(m.group(3))

    results = []
    first = None
    try:
        started = time.perf_counter()
        stamp, rendered, total, ms = next_rebuilt(600)
        first = {"rendered": rendered, "total": total, "ms": ms, "wall_ms": (stamp - started) * 1000}
        # Idle: the CPU the preview uses while nothing changes (after the first build settles).
        time.sleep(2)
        first["idle_cpu_percent"] = idle_cpu_percent(proc.pid, 10)
        files = sorted(os.listdir(os.path.join(corpus.content, folder)))
        t = Text(99)
        for k in range(count):
            time.sleep(0.6)  # past the watcher's 200 ms poll and 80 ms settle
            path = os.path.join(corpus.content, folder, files[(k * 7919 + 1) % len(files)])
            with open(path, "a", encoding="utf-8") as f:
                f.write("\n" + t.sentence() + "\n")
            written = time.perf_counter()
            stamp, rendered, total, ms = next_rebuilt(120)
            results.append({"ms": ms, "wall_ms": (stamp - written) * 1000, "rendered": rendered, "total": total,
                            "file": os.path.basename(path)})
    except Exception as e:  # report and go on with the rest of the benchmark
        sys.stderr.write("\n".join(log[-30:]) + "\n")
        print(f"  rebuild measurement on {corpus.name} failed: {e}", file=sys.stderr)
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return first, results


# ---------------------------------------------------------------------------------------------
# Report

def fmt_s(x):
    return f"{x:.3f}"


def table(rows, headers, left=2):
    widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) for i, h in enumerate(headers)]
    line = "| " + " | ".join(str(h).ljust(w) for h, w in zip(headers, widths)) + " |"
    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    body = ["| " + " | ".join(str(c).rjust(w) if i >= left else str(c).ljust(w) for i, (c, w) in enumerate(zip(r, widths))) + " |"
            for r in rows]
    return "\n".join([line, sep] + body)


def measure_pdfs(args, runs):
    """The PDF section: cold, unchanged and one-worksheet-changed builds of the shipped content,
    and Chromium's own --print-to-pdf, one process per file, on a sample of the same pages."""
    import http.server
    import functools
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        print("note: no chromium: PDF section skipped", file=sys.stderr)
        return None
    work = os.path.join(args.work, f"waymark-pdf-bench-{os.getpid()}")
    content = os.path.join(work, "Content")
    shutil.copytree(os.path.join(REPO, "Content"), content)
    cmd = lambda out, cache: [args.waymark, "build", "--content", content, "--templates", args.templates,
                              "--output", out, "--pdf", "--pdf-cache", cache]
    result = {"cold": [], "unchanged": [], "one_sheet": [], "chromium_per_file": []}
    try:
        for i in range(runs):
            cache = os.path.join(work, f"cache-{i}")
            out = os.path.join(work, f"out-{i}")
            cold = measure(cmd(out, cache), work, os.path.join(work, "logs"), f"cold-{i}")
            count = len([1 for _, _, fs in os.walk(out) for f in fs if f.endswith(".pdf")])
            result["cold"].append({"wall": cold.wall, "pdfs": count, "rss_mb": cold.maxrss_kb / 1024})
            same = measure(cmd(out, cache), work, os.path.join(work, "logs"), f"same-{i}")
            printed = re.search(r"PDFs: (\d+) printed, (\d+) reused", same.stderr)
            result["unchanged"].append({"wall": same.wall, "printed": int(printed.group(1)) if printed else None})
            sheet = os.path.join(content, "worksheets", "my-calm-kit.md")
            text = open(sheet, encoding="utf-8").read()
            with open(sheet, "w", encoding="utf-8") as f:
                f.write(text.replace("\n## ", f"\nOne more line, run {i}.\n\n## ", 1))
            changed = measure(cmd(out, cache), work, os.path.join(work, "logs"), f"changed-{i}")
            printed = re.search(r"PDFs: (\d+) printed, (\d+) reused", changed.stderr)
            result["one_sheet"].append({"wall": changed.wall, "printed": int(printed.group(1)) if printed else None})
            with open(sheet, "w", encoding="utf-8") as f:
                f.write(text)
        # Chromium's own printing, one process per file, on ten of the same pages served over HTTP.
        site = os.path.join(work, "out-0")
        pages = sorted(os.path.relpath(os.path.join(d, "index.html"), site) for d, _, fs in os.walk(site)
                       if any(f.endswith(".pdf") for f in fs))[:10]
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=site)
        handler.log_message = lambda *a: None
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            for i in range(runs):
                start = time.perf_counter()
                for n, page in enumerate(pages):
                    url = f"http://127.0.0.1:{server.server_port}/{page[:-len('index.html')]}"
                    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                                    f"--user-data-dir={work}/profile-{i}-{n}", f"--print-to-pdf={work}/peer-{n}.pdf", url],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
                result["chromium_per_file"].append((time.perf_counter() - start) / len(pages))
        finally:
            server.shutdown()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    med = statistics.median
    cold_per = med([r["wall"] / max(1, r["pdfs"]) for r in result["cold"]])
    peer = med(result["chromium_per_file"])
    summary = {
        "pdfs": result["cold"][0]["pdfs"], "cold_wall": med([r["wall"] for r in result["cold"]]),
        "cold_per_pdf": cold_per, "chromium_per_file": peer, "ratio": cold_per / peer,
        "unchanged_wall": med([r["wall"] for r in result["unchanged"]]),
        "unchanged_printed": max(r["printed"] or 0 for r in result["unchanged"]),
        "one_sheet_wall": med([r["wall"] for r in result["one_sheet"]]),
        "one_sheet_printed": med([r["printed"] or 0 for r in result["one_sheet"]]),
        "cold_rss_mb": med([r["rss_mb"] for r in result["cold"]]),
    }
    print()
    print(f"PDFs of the shipped content (median of {runs}): {summary['pdfs']} PDFs")
    print(table([
        ["cold build --pdf (empty cache)", fmt_s(summary["cold_wall"]), f"{1e3 * cold_per:.0f} ms a PDF", f"{summary['cold_rss_mb']:.0f} MB"],
        ["Chromium --print-to-pdf, a process a file", "", f"{1e3 * peer:.0f} ms a PDF", ""],
        ["ratio (target at most 0.15)", "", f"{summary['ratio']:.2f}", ""],
        ["nothing changed (target 3 s, none printed)", fmt_s(summary["unchanged_wall"]), f"{summary['unchanged_printed']} printed", ""],
        ["one worksheet changed (target 8 s)", fmt_s(summary["one_sheet_wall"]), f"{summary['one_sheet_printed']:.0f} printed", ""],
    ], ["PDF build", "wall s", "figure", "peak MB"]))
    return summary


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5, help="runs per measurement; the median is reported (default 5)")
    ap.add_argument("--sizes", default="1000,4000,16000", help="single-audience corpus sizes (default 1000,4000,16000)")
    ap.add_argument("--extra", default="hard,plain",
                    help="4,000-page corpora besides pages-4000: hard (a readability warning on every page) and "
                         "plain (no links; Hugo without its links hook); empty for none (default hard,plain)")
    ap.add_argument("--tiered-modules", type=int, default=400,
                    help="modules in the tiered corpus (x9 reader pages; default 400; 0 skips it)")
    ap.add_argument("--rebuild-runs", type=int, default=5, help="edits measured with `waymark serve` (default 5; 0 skips)")
    ap.add_argument("--quick", action="store_true", help="1,000 pages, 3 runs, a small tiered corpus: a fast check")
    ap.add_argument("--waymark", default=os.path.join(REPO, ".build", "release", "waymark"),
                    help="the waymark binary (default .build/release/waymark)")
    ap.add_argument("--templates", default=os.path.join(REPO, "Templates"),
                    help="Waymark's templates folder (copied to the work folder first)")
    ap.add_argument("--no-hugo", action="store_true", help="skip Hugo even if installed")
    ap.add_argument("--no-cmark", action="store_true", help="skip cmark-gfm even if installed")
    ap.add_argument("--work", default="/dev/shm", help="where corpora and outputs go (default /dev/shm: tmpfs)")
    ap.add_argument("--keep", action="store_true", help="keep the generated corpora")
    ap.add_argument("--json", help="also write the results to this JSON file")
    ap.add_argument("--pdf", action="store_true", help="also measure printing the shipped content's PDFs")
    ap.add_argument("--pdf-only", action="store_true", help="only the PDF section")
    args = ap.parse_args()
    if args.quick:
        args.sizes = "1000"
        args.extra = ""
        args.runs = 3
        args.tiered_modules = min(args.tiered_modules, 40)
        args.rebuild_runs = min(args.rebuild_runs, 3)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    args.waymark = os.path.abspath(args.waymark)
    args.templates = os.path.abspath(args.templates)
    if not os.access(args.waymark, os.X_OK):
        raise SystemExit(f"{args.waymark} not found: build it with `swift build -c release --product waymark`, "
                         "or give another with --waymark")

    if args.pdf_only:
        args.templates = os.path.abspath(args.templates)
        summary = measure_pdfs(args, args.runs)
        if args.json and summary:
            with open(args.json, "w") as f:
                json.dump({"pdf": summary}, f, indent=2)
        return
    help_text = subprocess.run([args.waymark, "build", "--help"], capture_output=True, text=True).stdout
    args.timings_supported = "--timings" in help_text
    tools = {"waymark": Tool("waymark", True)}
    hugo = shutil.which("hugo")
    tools["hugo"] = Tool("hugo", bool(hugo) and not args.no_hugo and os.path.isdir(HUGO_FILES),
                         "skipped (--no-hugo)" if args.no_hugo else "not installed (apt-get install hugo)")
    cmark = shutil.which("cmark-gfm")
    tools["cmark-gfm"] = Tool("cmark-gfm", bool(cmark) and not args.no_cmark,
                              "skipped (--no-cmark)" if args.no_cmark else "not installed (apt-get install cmark-gfm)")
    for tool in tools.values():
        if not tool.available:
            print(f"note: {tool.name} {tool.why}", file=sys.stderr)

    load_before = os.getloadavg()
    if load_before[0] > 0.5:
        print(f"note: load average {load_before[0]:.2f} before starting: other work on this machine will "
              "add noise", file=sys.stderr)
    work = os.path.join(args.work, f"waymark-bench-{os.getpid()}")
    os.makedirs(work)
    today = datetime.date.today().isoformat()
    # A copy of the templates, so an edit to Templates/ during the run (a full rebuild in
    # `waymark serve`, a changed page) does not disturb the measurements.
    shutil.copytree(args.templates, os.path.join(work, "templates"))
    args.templates = os.path.join(work, "templates")
    report = {"runs": args.runs, "corpora": [], "rebuild": [], "targets": [], "load_before": load_before}
    summaries = {}
    corpora_meta = {}
    try:
        extra_size = 4000 if 4000 in sizes else max(sizes)
        plan = [("pages", n) for n in sizes] + [(kind, extra_size) for kind in args.extra.split(",") if kind.strip()] \
            + ([("tiered", args.tiered_modules)] if args.tiered_modules > 0 else [])
        for kind, n in plan:
            root = os.path.join(work, f"{kind}-{n}")
            t0 = time.perf_counter()
            corpus = make_tiered_corpus(root, n, today) if kind == "tiered" else make_pages_corpus(root, n, today, kind)
            print(f"generated {corpus.name}: {corpus.pages} pages, {corpus.words_per_page:.0f} words a page "
                  f"({time.perf_counter() - t0:.1f} s)", file=sys.stderr, flush=True)
            results = run_corpus(args, corpus, tools)
            summaries[corpus.name] = {name: summarize(runs) for name, runs in results.items()}
            corpora_meta[corpus.name] = corpus
            # Rebuild after one change: the 4,000-page corpus (one page) and the tiered one (one module).
            rebuild_here = args.rebuild_runs > 0 and (
                (kind == "pages" and n == (4000 if 4000 in sizes else max(sizes))) or kind == "tiered")
            if rebuild_here:
                folder = "pages" if kind == "pages" else "modules"
                first, edits = measure_rebuild(args, corpus, folder, args.rebuild_runs)
                report["rebuild"].append({"corpus": corpus.name, "pages": corpus.pages, "changed": folder[:-1],
                                          "first": first, "edits": edits})
            report["corpora"].append({"name": corpus.name, "pages": corpus.pages, "words_per_page": corpus.words_per_page,
                                      "notes": corpus.notes, "results": summaries[corpus.name],
                                      "stages_ms": corpus.stages})
            if not args.keep:
                shutil.rmtree(root, ignore_errors=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"corpora kept in {work}", file=sys.stderr)

    if args.pdf:
        report["pdf"] = measure_pdfs(args, min(args.runs, 3))
    report["load_after"] = os.getloadavg()
    # The table
    rows = []
    for c in report["corpora"]:
        res = c["results"]
        w = res.get("waymark")
        for name in ("waymark", "hugo", "cmark-gfm"):
            if name not in res:
                continue
            s = res[name]
            ratio = "" if name == "waymark" or not w else f"{w['wall'] / s['wall']:.2f}"
            mem_ratio = "" if name == "waymark" or not w else f"{w['maxrss_mb'] / s['maxrss_mb']:.2f}"
            rows.append([c["name"], name, c["pages"], fmt_s(s["wall"]), f"{fmt_s(s['wall_min'])}-{fmt_s(s['wall_max'])}",
                         f"{c['pages'] / s['wall']:,.0f}", f"{s['maxrss_mb']:.0f}", f"{s['cpu']:.2f}",
                         f"{1e3 * s['wall'] / c['pages']:.3f}", ratio, mem_ratio])
    print()
    print(f"Median of {args.runs} runs; wall time by the clock, peak memory = max RSS of the process (wait4), "
          f"CPU = user + system. Ratios are Waymark / peer. Load average (1 min) before {load_before[0]:.2f}, "
          f"after {report['load_after'][0]:.2f}.")
    print(table(rows, ["corpus", "tool", "pages", "wall s", "min-max s", "pages/s", "peak MB", "CPU s",
                       "ms/page", "W/peer time", "W/peer mem"]))
    for c in report["corpora"]:
        w = c["results"].get("waymark", {})
        extra = f"; Waymark says {w['self_ms']} ms inside the process" if w.get("self_ms") else ""
        warn = f"; {w['warnings']} warnings" if w.get("warnings") is not None else ""
        print(f"  {c['name']}: {c['words_per_page']:.0f} words a page{extra}{warn}" + (f"; {c['notes']}" if c["notes"] else ""))

    staged = [c for c in report["corpora"] if c.get("stages_ms")]
    if staged:
        print()
        print("Waymark's stages (`waymark build --timings`, one extra run; ms)")
        names = []
        for c in staged:
            for stage, _ in c["stages_ms"]:
                if stage not in names:
                    names.append(stage)
        srows = [[stage] + [str(dict(c["stages_ms"]).get(stage, "")) for c in staged] for stage in names]
        print(table(srows, ["stage"] + [c["name"] for c in staged], left=1))

    if report["rebuild"]:
        print()
        print("waymark serve: rebuild after appending a sentence to one file's body")
        rrows = []
        for r in report["rebuild"]:
            if r["first"]:
                rrows.append([r["corpus"], "first build", f"{r['first']['rendered']} of {r['first']['total']}",
                              str(r["first"]["ms"]), f"{r['first']['wall_ms']:.0f}"])
            for e in r["edits"]:
                rrows.append([r["corpus"], f"edit {e['file']}", f"{e['rendered']} of {e['total']}", str(e["ms"]),
                              f"{e['wall_ms']:.0f}"])
            if r["edits"]:
                r["median_ms"] = statistics.median(e["ms"] for e in r["edits"])
                r["median_wall_ms"] = statistics.median(e["wall_ms"] for e in r["edits"])
                rrows.append([r["corpus"], "median of edits", "", f"{r['median_ms']:.0f}", f"{r['median_wall_ms']:.0f}"])
        print(table(rrows, ["corpus", "what", "pages rendered", "reported ms", "write-to-line ms"]))

    # Targets
    def res(name, tool):
        return summaries.get(name, {}).get(tool)

    targets = []

    def fastest(a, b, scale=1.0):
        # The same ratio over each side's fastest run: shows whether noise decides the verdict.
        return f"; fastest runs: {a['wall_min'] / b['wall_min'] / scale:.2f} x" if a["runs"] > 1 else ""

    def target(text, ok, figure):
        status = "n/a " if ok is None else ("PASS" if ok else "FAIL")
        targets.append({"target": text, "status": status.strip(), "figure": figure})

    w4, h4, c4 = res("pages-4000", "waymark"), res("pages-4000", "hugo"), res("pages-4000", "cmark-gfm")
    # Issue 25's targets: the project's corpus (linked pages) at most 0.75 x Hugo, plain pages at most 1.0 x.
    if w4 and h4:
        ratio = w4["wall"] / h4["wall"]
        target("4,000 linked pages (pages-4000): Waymark wall time <= 0.75 x Hugo's", ratio <= 0.75,
               f"{ratio:.2f} x ({w4['wall']:.3f} s vs {h4['wall']:.3f} s){fastest(w4, h4)}")
    else:
        target("4,000 linked pages (pages-4000): Waymark wall time <= 0.75 x Hugo's", None, "not measured (needs --sizes with 4000 and hugo)")
    if w4 and c4:
        ratio = w4["wall"] / c4["wall"]
        target("4,000 pages against cmark-gfm alone (one process, Markdown to HTML only): reported, no target", None,
               f"{ratio:.2f} x ({w4['wall']:.3f} s vs {c4['wall']:.3f} s){fastest(w4, c4)}")
    if w4 and h4:
        target("4,000 pages: Waymark peak memory <= 1/3 of Hugo's", w4["maxrss_mb"] <= h4["maxrss_mb"] / 3,
               f"{w4['maxrss_mb']:.0f} MB vs {h4['maxrss_mb']:.0f} MB ({w4['maxrss_mb'] / h4['maxrss_mb']:.2f} x)")
    else:
        target("4,000 pages: Waymark peak memory <= 1/3 of Hugo's", None, "not measured")
    wp, hp = res("plain-4000", "waymark"), res("plain-4000", "hugo")
    if wp and hp:
        ratio = wp["wall"] / hp["wall"]
        target("4,000 plain pages (plain-4000, no links hook in Hugo): Waymark wall time <= 1.0 x Hugo's", ratio <= 1.0,
               f"{ratio:.2f} x ({wp['wall']:.3f} s vs {hp['wall']:.3f} s){fastest(wp, hp)}")
    wh = res("hard-4000", "waymark")
    if wh and w4:
        ratio = wh["wall"] / w4["wall"]
        target("a readability warning on every page costs <= 15% more (hard-4000 vs pages-4000)", ratio <= 1.15,
               f"{ratio:.2f} x ({wh['wall']:.3f} s vs {w4['wall']:.3f} s; {wh['warnings']} warnings vs "
               f"{w4['warnings']}){fastest(wh, w4)}")
    w1, w16 = res("pages-1000", "waymark"), res("pages-16000", "waymark")
    if w1 and w16:
        per1, per16 = w1["wall"] / 1000, w16["wall"] / 16000
        target("linear: time per page at 16,000 <= 1.2 x time per page at 1,000", per16 <= 1.2 * per1,
               f"{per16 / per1:.2f} x ({per16 * 1e3:.3f} ms vs {per1 * 1e3:.3f} ms a page)"
               f"{fastest(w16, w1, 16000 / 1000)}; CPU time a page: {w16['cpu'] / w1['cpu'] * 1000 / 16000:.2f} x "
               f"({w16['cpu'] / 16:.3f} vs {w1['cpu']:.3f} ms)")
    else:
        target("linear: time per page at 16,000 <= 1.2 x time per page at 1,000", None,
               "not measured (needs --sizes with 1000 and 16000)")
    for r in report["rebuild"]:
        limit = 50 if r["changed"] == "module" else 100
        label = ("rebuild after one page's body changes, " if r["changed"] == "page" else "rebuild after one module's body changes, ") \
            + f"{r['corpus']} ({r['first']['total'] if r['first'] else '?'} pages): under {limit} ms"
        idle = (r.get("first") or {}).get("idle_cpu_percent")
        if idle is not None:
            target(f"idle preview on {r['corpus']}: under 1% of a core", idle < 1, f"{idle:.2f}% over 10 s")
        if r.get("edits"):
            ok = r["median_ms"] < limit
            target(label, ok, f"median {r['median_ms']:.0f} ms reported (max {max(e['ms'] for e in r['edits'])}); "
                              f"{r['median_wall_ms']:.0f} ms from the write to the line")
        else:
            target(label, None, "not measured (serve failed)")
    report["targets"] = targets
    print()
    print("Targets (this machine):")
    for t in targets:
        print(f"  [{t['status']:4}] {t['target']}: {t['figure']}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(report, f, indent=2, default=str)


if __name__ == "__main__":
    main()
