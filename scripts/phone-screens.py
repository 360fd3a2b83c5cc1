"""How a page reads on a phone: screens to scroll at 390 x 844 (an emulated phone, served over
HTTP), and where its "what to do now" box starts, for every young people's module page, the help
page and the parents' landing page. Optionally saves first-screen and whole-page screenshots.

    python3 scripts/phone-screens.py [--site PUBLIC] [--content Content] [--binary WAYMARK] [--only TEXT] [--shots DIR]

Without --site it builds Content/ with .build/debug/waymark into a temporary folder. A screen is
the viewport's height (844 px); a page of 8.0 screens needs seven and a bit swipes. Prints one line
a page and the median, so an author can see which pages are long before and after a change.
"""

from __future__ import annotations

import argparse
import base64
import functools
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "Tests" / "browser"))
from waymarksite import (DEFAULT_BINARY, SiteHandler, build_site, open_page, pages_by_template,  # noqa: E402
                         serve, set_viewport, start_chrome)

WIDTH, HEIGHT = 390, 844


def measure(driver, url: str) -> dict:
    open_page(driver, url)
    return driver.execute_script("""
        const now = document.querySelector('[data-now]');
        return {screens: document.documentElement.scrollHeight / innerHeight,
                now: now ? (now.getBoundingClientRect().top + scrollY) / innerHeight : null};""")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="a built site (default: build Content/ now)")
    parser.add_argument("--content", type=Path, default=Path("Content"))
    parser.add_argument("--binary", type=Path, default=DEFAULT_BINARY, help="the waymark to build with")
    parser.add_argument("--only", default="", help="only addresses containing this")
    parser.add_argument("--shots", type=Path, help="save screenshots of the home, a module, help and parents pages here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        root = args.site or build_site(args.binary, args.content.resolve(), Path(work) / "public")
        server = serve(functools.partial(type("Handler", (SiteHandler,), {"header_rules": []}), directory=str(root)))
        base = f"http://127.0.0.1:{server.server_port}/"
        by = pages_by_template(root)
        pages = [p for p in by.get("module", []) if p.startswith("young-people/")] + ["help/", "parents-and-carers/"]
        pages = [p for p in pages if args.only in p]
        driver = start_chrome()
        try:
            set_viewport(driver, WIDTH, HEIGHT, touch=True)
            figures = []
            for page in pages:
                m = measure(driver, base + page)
                figures.append(m["screens"])
                now = "no box" if m["now"] is None else f"box at {m['now']:.2f}"
                print(f"{m['screens']:5.1f} screens  {now:12}  {page}")
            if figures:
                print(f"median {statistics.median(figures):.1f}, longest {max(figures):.1f}, "
                      f"over 8: {sum(f > 8 for f in figures)} of {len(figures)}")
            if args.shots:
                args.shots.mkdir(parents=True, exist_ok=True)
                module = next((p for p in by.get("module", []) if "risk-reduction/14-16/grooming" in p), None)
                for name, page in (("home", ""), ("module", module), ("help", "help/"), ("parents", "parents-and-carers/")):
                    if page is None:
                        continue
                    open_page(driver, base + page)
                    first = driver.execute_cdp_cmd("Page.captureScreenshot", {"clip": {"x": 0, "y": 0, "width": WIDTH, "height": HEIGHT, "scale": 1}})
                    (args.shots / f"{name}-390-first.png").write_bytes(base64.b64decode(first["data"]))
                    height = driver.execute_script("return document.documentElement.scrollHeight")
                    whole = driver.execute_cdp_cmd("Page.captureScreenshot", {
                        "captureBeyondViewport": True, "clip": {"x": 0, "y": 0, "width": WIDTH, "height": min(height, 4 * HEIGHT), "scale": 0.5}})
                    (args.shots / f"{name}-390-top4.png").write_bytes(base64.b64decode(whole["data"]))
                    print(args.shots / f"{name}-390-first.png")
        finally:
            driver.quit()
            server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
