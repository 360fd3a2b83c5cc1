"""Browser tests of the site's safety features: Exit this page, nothing leaving the site, nothing
stored, print. See README in this folder for how to run them.

The site is built with the already-built `waymark` binary from a content folder (by default the
stable fixture in fixture-content/; `--content DIR` or WAYMARK_TEST_CONTENT=DIR builds another,
such as the shipped Content/). Its `exit: url:` is rewritten to a neutral page served by these
tests on another loopback port, so nothing ever leaves 127.0.0.1.
"""

from __future__ import annotations

import email.utils
import fnmatch
import functools
import os
import re
import shutil
import subprocess
import threading
import urllib.parse
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer, BaseHTTPRequestHandler
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
FIXTURE_CONTENT = HERE / "fixture-content"
SHIPPED_CONTENT = REPO / "Content"
TEMPLATES = REPO / "Templates"
HEADERS_SOURCE = TEMPLATES / "static" / "_headers"
DEFAULT_BINARY = REPO / ".build" / "debug" / "waymark"

# How long a test waits for something the browser should do at once (a navigation to a local
# server, a class being set). WebDriverWait returns as soon as the condition holds.
WAIT = 10


def pytest_addoption(parser):
    group = parser.getgroup("waymark")
    group.addoption("--content", default=os.environ.get("WAYMARK_TEST_CONTENT"),
                    help="content folder to build for the browser tests (default: Tests/browser/fixture-content)")
    group.addoption("--waymark", default=os.environ.get("WAYMARK_BIN"),
                    help="the waymark binary (default: .build/debug/waymark)")


# ---------------------------------------------------------------------------------------------
# Building


class BuildFailed(Exception):
    pass


def set_exit_url(site_yml: str, url: str) -> str:
    """Returns site.yml with the `url:` under `exit:` replaced; fails if there is none."""
    lines = site_yml.splitlines(keepends=True)
    in_exit = False
    for i, line in enumerate(lines):
        if re.match(r"^exit:\s*(#.*)?$", line):
            in_exit = True
            continue
        if in_exit:
            if line.strip() == "" or line.lstrip().startswith("#"):
                continue
            if not line[:1].isspace():
                break
            m = re.match(r"^(\s+url:\s*).*?(\r?\n)?$", line)
            if m:
                lines[i] = m.group(1) + url + (m.group(2) or "\n")
                return "".join(lines)
    raise ValueError("site.yml has no `exit:` block with a `url:`")


def build_site(binary: Path, content: Path, output: Path, exit_url: str | None = None) -> Path:
    """Builds `content` (copied first when the exit address is rewritten) into `output`."""
    if not binary.exists():
        raise BuildFailed(f"{binary} does not exist: run `swift build` first")
    source = content
    if exit_url is not None:
        source = output.parent / (output.name + "-content")
        shutil.copytree(content, source)
        yml = source / "site.yml"
        yml.write_text(set_exit_url(yml.read_text(encoding="utf-8"), exit_url), encoding="utf-8")
    result = subprocess.run(
        [str(binary), "build", "--content", str(source), "--templates", str(TEMPLATES), "--output", str(output)],
        cwd=REPO, capture_output=True, text=True, timeout=300)
    if result.returncode != 0 or not (output / "index.html").exists():
        raise BuildFailed(f"waymark build of {content} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return output


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


# ---------------------------------------------------------------------------------------------
# Serving


def parse_headers_file(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Reads a Netlify / Cloudflare Pages `_headers` file: a path pattern on its own line, then
    indented `Name: value` lines. Returns [(pattern, [(name, value), ...]), ...]."""
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    for number, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if not raw[:1].isspace():
            rules.append((raw.strip(), []))
            continue
        if not rules:
            raise ValueError(f"_headers:{number}: a header before any path")
        name, sep, value = raw.strip().partition(":")
        if not sep or not name or not value.strip():
            raise ValueError(f"_headers:{number}: not `Name: value`: {raw!r}")
        rules[-1][1].append((name.strip(), value.strip()))
    return rules


def headers_for(rules, path: str) -> list[tuple[str, str]]:
    found = []
    for pattern, headers in rules:
        if fnmatch.fnmatchcase(path, pattern) or path == pattern:
            found += headers
    return found


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves the built site as a static host does: the headers of `_headers`, and 404.html
    (with status 404) for an address with no file."""

    header_rules: list = []

    def log_message(self, format, *args):  # keep test output clean
        pass

    def end_headers(self):
        path = urllib.parse.urlsplit(self.path).path
        for name, value in headers_for(self.header_rules, path):
            self.send_header(name, value)
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@dataclass
class NeutralRequest:
    path: str
    headers: dict


@dataclass
class NeutralSite:
    """The neutral page that Exit this page goes to. It records every request (to check that no
    Referer is sent), and can hold its answer back (to see the page being left while it waits)."""
    url: str = ""
    requests: list = field(default_factory=list)
    hold: threading.Event | None = None

    def visits(self) -> list[NeutralRequest]:
        return [r for r in self.requests if r.path.startswith("/neutral.html")]


NEUTRAL_HTML = (b"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Weather</title></head>"
                b"<body><h1 id=\"neutral\">Weather today</h1><p>Sunny spells.</p></body></html>")


def neutral_handler(state: NeutralSite):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format, *args):
            pass

        def do_GET(self):
            state.requests.append(NeutralRequest(self.path, {k.lower(): v for k, v in self.headers.items()}))
            if self.path.startswith("/neutral.html"):
                if state.hold is not None:
                    state.hold.wait(WAIT)
                body, code = NEUTRAL_HTML, 200
            else:
                body, code = b"not found", 404
            self.send_response(code)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

    return Handler


def serve(handler) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name=f"http-{server.server_port}", daemon=True).start()
    return server


# ---------------------------------------------------------------------------------------------
# Fixtures: a site built once per run, served on 127.0.0.1


@pytest.fixture(scope="session")
def waymark_binary(pytestconfig) -> Path:
    option = pytestconfig.getoption("--waymark")
    return Path(option).resolve() if option else DEFAULT_BINARY


@pytest.fixture(scope="session")
def content_dir(pytestconfig) -> Path:
    option = pytestconfig.getoption("--content")
    path = Path(option).resolve() if option else FIXTURE_CONTENT
    assert (path / "site.yml").is_file(), f"{path} is not a content folder (no site.yml)"
    return path


@pytest.fixture(scope="session")
def neutral():
    state = NeutralSite()
    server = serve(neutral_handler(state))
    state.url = f"http://127.0.0.1:{server.server_port}/neutral.html"
    yield state
    if state.hold is not None:
        state.hold.set()
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, waymark_binary, content_dir, neutral) -> Path:
    """The site the browser tests use, with its exit address on the neutral local server."""
    out = tmp_path_factory.mktemp("site") / "public"
    try:
        return build_site(waymark_binary, content_dir, out, exit_url=neutral.url)
    except BuildFailed as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture(scope="session")
def header_rules(built_site):
    """The `_headers` rules the test server applies: the built site's own when the builder has
    copied it there, otherwise Templates/static/_headers."""
    source = built_site / "_headers"
    if not source.exists():
        source = HEADERS_SOURCE
    return parse_headers_file(source.read_text(encoding="utf-8"))


@dataclass
class Site:
    root: Path
    base: str  # http://127.0.0.1:PORT/
    exit_url: str

    def url(self, path: str = "") -> str:
        return urllib.parse.urljoin(self.base, path)

    def origin(self) -> str:
        return self.base.rstrip("/")


@pytest.fixture(scope="session")
def site(built_site, header_rules, neutral):
    handler = type("Handler", (SiteHandler,), {"header_rules": header_rules})
    server = serve(functools.partial(handler, directory=str(built_site)))
    yield Site(built_site, f"http://127.0.0.1:{server.server_port}/", neutral.url)
    server.shutdown()
    server.server_close()


def find_pages(root: Path) -> dict[str, str]:
    """One address of each kind of page in a built site, found by its place in the output."""
    rel = [p.relative_to(root).as_posix() for p in html_pages(root)]
    dirs = [r[: -len("index.html")] for r in rel if r.endswith("/index.html")]

    def first(pred):
        return next((d for d in sorted(dirs) if pred(d.strip("/").split("/"))), None)

    kinds = {
        "home": "" if "index.html" in rel else None,
        "young-people index": first(lambda p: p == ["young-people"]),
        "level and tier index": first(lambda p: len(p) == 3 and p[0] == "young-people" and p[1] != "modules"),
        "module variant": first(lambda p: len(p) == 4 and p[0] == "young-people" and p[1] != "modules"),
        "module overview": first(lambda p: len(p) == 3 and p[:2] == ["young-people", "modules"]),
        "parents index": first(lambda p: p == ["parents-and-carers"]),
        "parents page": first(lambda p: len(p) == 2 and p[0] == "parents-and-carers"),
        "page": "help/" if "help/index.html" in rel else first(
            lambda p: len(p) == 1 and p[0] not in ("young-people", "parents-and-carers", "assets")),
        "404": "no-such-page/" if "404.html" in rel else None,
    }
    return kinds


PAGE_KINDS = ["home", "young-people index", "level and tier index", "module variant", "module overview",
              "parents index", "parents page", "page", "404"]


@pytest.fixture(scope="session")
def pages(built_site) -> dict[str, str]:
    found = find_pages(built_site)
    missing = [k for k in PAGE_KINDS if found.get(k) is None]
    assert not missing, f"the built site has no page of these kinds: {missing}"
    return found


# ---------------------------------------------------------------------------------------------
# Chromium


def chrome_options(javascript: bool = True, page_load_strategy: str = "normal"):
    from selenium.webdriver.chrome.options import Options

    options = Options()
    options.binary_location = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=390,844",
                "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
                "--disable-default-apps", "--disable-sync", "--no-first-run", "--disable-extensions",
                "--lang=en-GB"):
        options.add_argument(arg)
    options.page_load_strategy = page_load_strategy
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    return options


def start_chrome(**kwargs):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must not download anything
    service = Service(executable_path=os.environ.get("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(service=service, options=chrome_options(**kwargs))
    driver.set_page_load_timeout(30)
    return driver


@pytest.fixture
def browser():
    driver = start_chrome()
    yield driver
    driver.quit()


@pytest.fixture
def browser_without_js():
    driver = start_chrome(javascript=False)
    yield driver
    driver.quit()


@pytest.fixture
def browser_no_wait():
    """A browser whose commands do not wait for a page to load: to look at a page while the
    next one is still on its way."""
    driver = start_chrome(page_load_strategy="none")
    yield driver
    driver.quit()
