"""What the browser tests share: building the site, serving it on 127.0.0.1, the neutral page,
finding each kind of page, starting Chromium, and reading what a page did."""

from __future__ import annotations

import fnmatch
import json
import os
import re
import shutil
import subprocess
import threading
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
FIXTURE_CONTENT = HERE / "fixture-content"
SHIPPED_CONTENT = REPO / "Content"
# WAYMARK_TEST_TEMPLATES=DIR builds with other templates (to check that these tests catch a fault).
TEMPLATES = Path(os.environ.get("WAYMARK_TEST_TEMPLATES") or REPO / "Templates").resolve()
LAYOUT = TEMPLATES / "layout.mustache"
HEADERS_SOURCE = TEMPLATES / "static" / "_headers"
DEFAULT_BINARY = REPO / ".build" / "debug" / "waymark"

# How long a test waits at most for something the browser should do at once (a navigation to a
# local server, a class being set). WebDriverWait returns as soon as the condition holds.
WAIT = 10


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


def exit_setting(site_yml: str, key: str, default: str | None = None) -> str:
    """The `url` or `label` under `exit:` in site.yml."""
    m = re.search(r"^exit:[^\n]*\n((?:[ \t]+[^\n]*\n?|[ \t]*\n)*)", site_yml, re.M)
    assert m, "site.yml has no `exit:` block"
    found = re.search(rf"^[ \t]+{key}:[ \t]*(.*?)[ \t]*$", m.group(1), re.M)
    if not found and default is not None:
        return default
    assert found, f"site.yml has no exit `{key}`"
    return found.group(1).strip("\"'")


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
    Referer is sent). With `no_content` set it answers 204 No Content, which makes the browser
    stay on the page it was leaving: a test can then see what that page did before it left."""
    url: str = ""
    requests: list = field(default_factory=list)
    no_content: bool = False

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
                body, code = (b"", 204) if state.no_content else (NEUTRAL_HTML, 200)
            else:
                body, code = b"not found", 404
            self.send_response(code)
            if code != 204:
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



@dataclass
class Site:
    root: Path
    base: str  # http://127.0.0.1:PORT/
    exit_url: str
    exit_label: str

    def url(self, path: str = "") -> str:
        return urllib.parse.urljoin(self.base, path)

    @property
    def origin(self) -> str:
        return self.base.rstrip("/")


def find_pages(root: Path) -> dict[str, str]:
    """One address of each kind of page in a built site, found by its place in the output
    (None for a kind the site does not have)."""
    rel = [p.relative_to(root).as_posix() for p in html_pages(root)]
    dirs = sorted(r[: -len("index.html")] for r in rel if r.endswith("/index.html"))

    def first(pred):
        return next((d for d in dirs if pred(d.strip("/").split("/"))), None)

    def exactly(path):
        return path if path + "index.html" in rel else None

    return {
        "home": "" if "index.html" in rel else None,
        "young-people index": exactly("young-people/"),
        "level and tier index": first(lambda p: len(p) == 3 and p[0] == "young-people" and p[1] not in ("modules", "glossary")),
        "module variant": first(lambda p: len(p) == 4 and p[0] == "young-people" and p[1] != "modules" and p[3] != "search"),
        "module overview": first(lambda p: len(p) == 3 and p[:2] == ["young-people", "modules"]),
        "parents index": exactly("parents-and-carers/"),
        "parents page": first(lambda p: len(p) == 2 and p[0] == "parents-and-carers" and p[1] not in ("glossary", "search")),
        "page": exactly("help/") or first(lambda p: len(p) == 1 and p[0] not in SECTIONS),
        "404": "no-such-page/" if "404.html" in rel else None,
        "facilitators index": exactly("facilitators/"),
        "worksheet": first(lambda p: len(p) == 5 and p[:2] == ["facilitators", "worksheets"]),
        "session plan": first(lambda p: len(p) == 4 and p[0] == "facilitators" and p[1] != "worksheets"),
        "pack": first(lambda p: len(p) == 5 and p[0] == "facilitators" and p[4] == "pack"),
        "professionals index": exactly("professionals/"),
        "words matter": exactly("professionals/words-matter/"),
        "coverage": exactly("facilitators/coverage/"),
        "glossary": first(lambda p: len(p) == 3 and p[:2] == ["young-people", "glossary"]),
        "search": first(lambda p: len(p) == 4 and p[0] == "young-people" and p[3] == "search"),
    }


SECTIONS = ("young-people", "parents-and-carers", "facilitators", "professionals", "assets", "search")
# Every site has these kinds of page (the test fails if one is missing) ...
CORE_KINDS = ["home", "young-people index", "level and tier index", "module variant", "module overview",
              "parents index", "parents page", "page", "404"]
# ... and these when its content has worksheets, sessions and a language list (the fixture does).
EXTRA_KINDS = ["facilitators index", "worksheet", "session plan", "pack", "professionals index", "words matter",
               "coverage", "glossary", "search"]
PAGE_KINDS = CORE_KINDS + EXTRA_KINDS


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


# ---------------------------------------------------------------------------------------------
# Reading what a page did, and pressing keys


def network_requests(driver) -> list[str]:
    """Every address the browser asked for since the last call (the performance log)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        params = message.get("params", {})
        if message["method"] == "Network.requestWillBeSent":
            urls.append(params["request"]["url"])
        elif message["method"] == "Network.webSocketCreated":
            urls.append(params["url"])
    return urls


def console_problems(driver, expected_404: tuple[str, ...] = ()) -> list[dict]:
    """Warnings and errors in the console since the last call (a Content-Security-Policy
    violation shows up here), less the 404 of a favicon the site does not have and of addresses
    in `expected_404`."""
    problems = []
    for entry in driver.get_log("browser"):
        if entry["level"] not in ("SEVERE", "WARNING"):
            continue
        text = entry["message"]
        if entry.get("source") == "network" and "status of 404" in text and (
                text.split(" ", 1)[0].endswith("/favicon.ico") or text.split(" ", 1)[0] in expected_404):
            continue
        problems.append(entry)
    return problems


def wait_until(driver, condition, message: str, timeout: float = WAIT):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, poll_frequency=0.05).until(lambda d: condition(d), message)


def wait_for_page(driver, javascript: bool = True):
    """Waits for the page to load and, with JavaScript, for site.js to have run (it shows the
    Shift hint)."""
    wait_until(driver, lambda d: d.execute_script("return document.readyState") == "complete", "the page did not load")
    if javascript:
        wait_until(driver, lambda d: d.execute_script(
            "var h = document.querySelector('[data-exit-hint]'); return !!h && !h.hidden"),
            "site.js did not run (the Shift hint is still hidden)")


def open_page(driver, url: str, javascript: bool = True):
    driver.get(url)
    wait_for_page(driver, javascript)


def press_shift(driver, times: int = 1):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    for _ in range(times):
        ActionChains(driver).key_down(Keys.SHIFT).key_up(Keys.SHIFT).perform()


def exit_status(driver) -> str:
    return driver.execute_script("return document.querySelector('[data-exit-status]').textContent")


def page_hidden(driver) -> bool:
    """True once the page has started to leave: site.js hides it at once, before anything else.
    (Leaving is the only thing that hides the main content.)"""
    from selenium.webdriver.common.by import By

    return not driver.find_element(By.CSS_SELECTOR, "main").is_displayed()


def remaining(n: int) -> str:
    return f"Press Shift {n} more time{'' if n == 1 else 's'} to leave this page."
