#!/usr/bin/env python3
"""Search at scale: how much a search page downloads, and how fast a query answers.

Generates the benchmark's corpora (scripts/benchmark.py: 4,000 plain pages, and the tiered corpus
of 400 modules x 9 readers), builds each with waymark, then for each kind of search page reports
the bytes it fetches (its own index plus the shared one), raw and gzipped, and serves the site on
127.0.0.1 to time queries typed the way readers type (exact, half typed, misspelt, a young
person's word) in headless Chromium: the median and worst time from the keystroke to the results
being on the page, over several runs.

    python3 scripts/search-benchmark.py [--waymark .build/release/waymark] [--runs 15]

Targets (issue 19): the largest index a page loads is at most 1 MB gzipped; a query answers in
under 16 ms. Needs chromium, chromium-driver and selenium (as the browser tests do).
"""

import argparse
import datetime
import functools
import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import benchmark  # noqa: E402  the corpus generators

QUERIES = ["grooming", "staying saf", "gromming", "nudes", "someone wants pics", "where to start"]


def sizes(site, page_dir):
    """The files a search page fetches: its data-index and data-shared, from its HTML."""
    html = open(os.path.join(site, page_dir, "index.html"), encoding="utf-8").read()
    found = []
    for attribute in ("data-index", "data-shared"):
        marker = f'{attribute}="'
        if marker in html:
            rel = html.split(marker, 1)[1].split('"', 1)[0]
            path = os.path.normpath(os.path.join(site, page_dir, rel))
            data = open(path, "rb").read()
            found.append((os.path.relpath(path, site), len(data), len(gzip.compress(data, 6))))
    return found


def serve(folder):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=folder)
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def time_queries(url, runs):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=390,844"):
        options.add_argument(arg)
    os.environ.setdefault("SE_OFFLINE", "true")
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        driver.get(url)
        driver.execute_script("return 1")
        # Wait for the indexes to be loaded (the status is set once a query can be answered).
        load_ms = driver.execute_script("""
            const t0 = performance.now();
            return new Promise(done => {
              const box = document.getElementById('search-words');
              const tick = () => { box.value = 'a'; box.dispatchEvent(new Event('input'));
                if (document.querySelector('[data-search-status]').textContent) done(performance.now() - t0);
                else setTimeout(tick, 20); };
              tick(); });""")
        times = {}
        for query in QUERIES:
            samples = []
            for _ in range(runs):
                samples.append(driver.execute_script("""
                    const box = document.getElementById('search-words');
                    box.value = ''; box.dispatchEvent(new Event('input'));
                    const t0 = performance.now();
                    box.value = arguments[0]; box.dispatchEvent(new Event('input'));
                    return performance.now() - t0;""", query))
            times[query] = (statistics.median(samples), max(samples))
        return load_ms, times
    finally:
        driver.quit()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--waymark", default=os.path.join(REPO, ".build", "release", "waymark"))
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--pages", type=int, default=4000)
    ap.add_argument("--modules", type=int, default=400)
    ap.add_argument("--work", default="/dev/shm")
    args = ap.parse_args()
    if not os.access(args.waymark, os.X_OK):
        raise SystemExit(f"{args.waymark} not found: swift build -c release --product waymark, or give --waymark")
    work = tempfile.mkdtemp(prefix="waymark-search-", dir=args.work)
    today = datetime.date.today().isoformat()
    report = []
    try:
        for name, make, n, page in (
                ("pages", benchmark.make_pages_corpus, args.pages, "search"),
                ("tiered", benchmark.make_tiered_corpus, args.modules, "young-people/protection/11-13/search")):
            corpus = make(os.path.join(work, name), n, today)
            out = os.path.join(work, name + "-site")
            subprocess.run([args.waymark, "build", "--content", corpus.content, "--templates", os.path.join(REPO, "Templates"),
                            "--output", out], check=True, capture_output=True)
            fetched = sizes(out, page)
            server = serve(out)
            try:
                load_ms, times = time_queries(f"http://127.0.0.1:{server.server_port}/{page}/", args.runs)
            finally:
                server.shutdown()
            report.append({"corpus": f"{name} ({corpus.pages} pages)", "page": page + "/", "files": fetched,
                           "largest_gz": max(f[2] for f in fetched), "total_gz": sum(f[2] for f in fetched),
                           "load_ms": load_ms, "queries": times})
            shutil.rmtree(os.path.join(work, name), ignore_errors=True)
            shutil.rmtree(out, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for r in report:
        print(f"\n{r['corpus']}, {r['page']}")
        for path, raw, gz in r["files"]:
            print(f"  {path}: {raw / 1e6:.2f} MB, {gz / 1e6:.2f} MB gzipped")
        print(f"  indexes fetched and ready: {r['load_ms']:.0f} ms")
        for query, (median, worst) in r["queries"].items():
            print(f"  {query!r}: median {median:.1f} ms, worst {worst:.1f} ms")
    print("\n" + json.dumps(report))


if __name__ == "__main__":
    main()
