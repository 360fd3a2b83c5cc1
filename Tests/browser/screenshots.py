"""Screenshots of the site for a person to look at (not a test): the home page, a module page, a
worksheet and the help page, at 320 px (a touch phone), 768 px and 1280 px wide, whole pages.

    python3 Tests/browser/screenshots.py OUT_DIR [--content Content] [--aids]

builds the site with .build/debug/waymark into a temporary folder, serves it on 127.0.0.1 and
writes OUT_DIR/<page>-<width>.png. --aids turns on the biggest text and the easier-to-read style
with the reading tools open."""

from __future__ import annotations

import argparse
import base64
import functools
import sys
import tempfile
from pathlib import Path

from waymarksite import (DEFAULT_BINARY, FIXTURE_CONTENT, SiteHandler, build_site, find_pages, open_page, reading_aids,
                         serve, set_viewport, start_chrome)

WIDTHS = (320, 768, 1280)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--content", type=Path, default=FIXTURE_CONTENT)
    parser.add_argument("--aids", action="store_true", help="biggest text, easier-to-read style, tools open")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        root = build_site(DEFAULT_BINARY, args.content.resolve(), Path(work) / "public")
        server = serve(functools.partial(type("Handler", (SiteHandler,), {"header_rules": []}), directory=str(root)))
        base = f"http://127.0.0.1:{server.server_port}/"
        found = find_pages(root)
        shots = {"home": found["home"], "module": found["module variant"], "worksheet": found["worksheet"],
                 "help": found["page"]}
        driver = start_chrome()
        try:
            for name, path in shots.items():
                if path is None:
                    print(f"no {name} page", file=sys.stderr)
                    continue
                for width in WIDTHS:
                    set_viewport(driver, width, 800, touch=width < 500)
                    open_page(driver, base + path)
                    if args.aids:
                        reading_aids(driver, size_steps=4, readable=True, open_tools=True)
                    height = driver.execute_script("return document.documentElement.scrollHeight")
                    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
                        "captureBeyondViewport": True,
                        "clip": {"x": 0, "y": 0, "width": width, "height": min(height, 16000), "scale": 1}})
                    target = args.out / f"{name}-{width}.png"
                    target.write_bytes(base64.b64decode(shot["data"]))
                    print(target)
        finally:
            driver.quit()
            server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
