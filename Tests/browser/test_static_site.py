"""No browser: every generated page of the test site and of the shipped site (Content/) is read as
HTML and checked for anything that would load from another site, and for the
Content-Security-Policy and referrer meta tags. The site's CSS and JavaScript are checked too, and
Templates/static/_headers against the meta policy."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from waymarksite import HEADERS_SOURCE, LAYOUT, SHIPPED_CONTENT, exit_setting, html_pages, parse_headers_file

# Attributes that make a browser fetch something, by element (any element for these).
FETCHING = {
    "src": None, "srcset": None, "poster": None, "data": {"object"}, "background": None, "lowsrc": None,
    "href": {"link", "image", "use", "feimage", "base"}, "xlink:href": None, "action": {"form"},
    "formaction": None, "manifest": {"html"}, "ping": None, "codebase": None, "archive": None,
}
NEVER = {"iframe", "frame", "frameset", "object", "embed", "applet", "portal", "fencedframe", "base", "style"}
ALLOWED_CSP_SOURCES = {"'self'", "'none'"}
REQUIRED_CSP = {"default-src": ["'self'"], "script-src": ["'self'"], "style-src": ["'self'"],
                "object-src": ["'none'"], "base-uri": ["'none'"], "frame-src": ["'none'"], "form-action": ["'self'"]}
SCHEME = re.compile(r"^\s*[a-zA-Z][a-zA-Z0-9+.\-]*:")
CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.I | re.S)


def off_site(value: str) -> bool:
    """An address that is not a path on this site: any scheme (https:, data:, javascript:, ...)
    or a network path (//host/...)."""
    v = value.strip()
    return bool(SCHEME.match(v)) or v.startswith("//") or v.startswith("\\\\") or v.startswith("/\\")


def srcset_urls(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


def parse_csp(policy: str) -> dict[str, list[str]]:
    directives = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


class Page(HTMLParser):
    """Collects the problems of one page."""

    def __init__(self, name: str, exit_url: str):
        super().__init__(convert_charrefs=True)
        self.name = name
        self.exit_url = exit_url
        self.problems: list[str] = []
        self.csp: list[str] = []
        self.referrer: list[str] = []
        self.exit_links: list[dict] = []
        self.first_fetch_line: int | None = None  # the first element that loads something
        self.meta_lines: list[int] = []
        self.in_script = False
        self.body_order: list[str] = []

    def problem(self, text: str):
        self.problems.append(f"{self.name}:{self.getpos()[0]}: {text}")

    def handle_starttag(self, tag, attrs):
        self.check(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self.check(tag, attrs)

    def check(self, tag, attr_list):
        attrs = {k.lower(): (v or "") for k, v in attr_list}
        line = self.getpos()[0]
        if tag in NEVER:
            self.problem(f"<{tag}> is not allowed")
        if tag == "script":
            self.in_script = "src" not in attrs
            if self.in_script:
                self.problem("inline <script> (the Content-Security-Policy blocks it)")
        for name, value in attrs.items():
            if name.startswith("on"):
                self.problem(f"inline event handler {name}= on <{tag}>")
            if name == "style":
                self.problem(f"style attribute on <{tag}> (the Content-Security-Policy blocks it)")
            elements = FETCHING.get(name, False)
            if elements is False or (elements is not None and tag not in elements):
                continue
            if self.first_fetch_line is None and name in ("src", "href"):
                self.first_fetch_line = line
            urls = srcset_urls(value) if name in ("srcset",) else value.split() if name == "ping" else [value]
            for url in urls:
                if off_site(url):
                    self.problem(f"<{tag} {name}=\"{url}\"> loads from outside the site")
        if tag == "meta":
            self.meta_lines.append(line)
            equiv = attrs.get("http-equiv", "").lower()
            if equiv == "content-security-policy":
                self.csp.append(attrs.get("content", ""))
                if self.first_fetch_line is not None:
                    self.problem("the Content-Security-Policy meta tag comes after something that loads")
            elif equiv == "refresh":
                self.problem("<meta http-equiv=refresh> is not allowed")
            elif equiv:
                self.problem(f"unexpected <meta http-equiv={equiv}>")
            if attrs.get("name", "").lower() == "referrer":
                self.referrer.append(attrs.get("content", ""))
                if self.first_fetch_line is not None:
                    self.problem("the referrer meta tag comes after something that loads")
        if tag == "a":
            href = attrs.get("href", "")
            rel = set(attrs.get("rel", "").split())
            if "data-exit" in attrs:
                self.exit_links.append(attrs)
                if href != self.exit_url:
                    self.problem(f"the exit link goes to {href!r}, not {self.exit_url!r}")
                if not {"nofollow", "noreferrer"} <= rel:
                    self.problem(f"the exit link's rel is {attrs.get('rel')!r}: needs nofollow noreferrer")
            elif re.match(r"^\s*https?:|^\s*//", href) and "noreferrer" not in rel:
                self.problem(f"link to another site without rel=noreferrer: {href}")
            if re.match(r"^\s*(javascript|data|vbscript):", href, re.I):
                self.problem(f"link to {href[:30]!r}")
        if tag in ("main", "header", "a") and len(self.body_order) < 10:
            self.body_order.append("exit" if "data-exit" in attrs else tag)

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False

    def finish(self, expected_csp: dict[str, list[str]]) -> list[str]:
        self.close()
        if len(self.csp) != 1:
            self.problems.append(f"{self.name}: {len(self.csp)} Content-Security-Policy meta tags, not 1")
        for policy in self.csp:
            directives = parse_csp(policy)
            if directives != expected_csp:
                self.problems.append(f"{self.name}: the Content-Security-Policy is {policy!r}")
        if self.referrer != ["no-referrer"]:
            self.problems.append(f"{self.name}: referrer meta is {self.referrer}, not ['no-referrer']")
        if len(self.exit_links) != 1:
            self.problems.append(f"{self.name}: {len(self.exit_links)} exit links, not 1")
        elif "exit" in self.body_order and self.body_order.index("exit") > 1:
            self.problems.append(f"{self.name}: the exit link is not at the top: {self.body_order}")
        return self.problems


def check_policy(policy: str) -> list[str]:
    """A policy that allows only the site itself, with every directive the site relies on."""
    problems = []
    directives = parse_csp(policy)
    for name, sources in directives.items():
        for source in sources:
            if source not in ALLOWED_CSP_SOURCES:
                problems.append(f"{name} allows {source}")
    for name, sources in REQUIRED_CSP.items():
        if directives.get(name) != sources:
            problems.append(f"{name} is {directives.get(name)}, not {sources}")
    return problems


def headers_rules() -> dict[str, str]:
    rules = parse_headers_file(HEADERS_SOURCE.read_text(encoding="utf-8"))
    everywhere = [headers for pattern, headers in rules if pattern == "/*"]
    assert len(everywhere) == 1, "Templates/static/_headers needs one rule for /*"
    return {name.lower(): value for name, value in everywhere[0]}


def meta_policy_of_layout() -> str:
    layout = LAYOUT.read_text(encoding="utf-8")
    m = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', layout)
    assert m, "layout.mustache has no Content-Security-Policy meta tag"
    return m.group(1)


# --- The sites ---------------------------------------------------------------------------------


@pytest.fixture(params=["test site", "shipped site"])
def any_site(request, neutral) -> tuple[Path, str]:
    """(folder, exit address) of the site the browser tests use, then of the shipped one."""
    if request.param == "test site":
        return request.getfixturevalue("built_site"), neutral.url
    root = request.getfixturevalue("shipped_site")
    return root, exit_setting((SHIPPED_CONTENT / "site.yml").read_text(encoding="utf-8"), "url")


def test_every_page_loads_only_from_the_site_and_carries_the_policy(any_site):
    root, exit_url = any_site
    expected = parse_csp(meta_policy_of_layout())
    pages = html_pages(root)
    assert len(pages) >= 3, f"only {len(pages)} pages in {root}"
    problems = []
    for path in pages:
        page = Page(path.relative_to(root).as_posix(), exit_url)
        page.feed(path.read_text(encoding="utf-8"))
        problems += page.finish(expected)
    assert not problems, "\n".join(problems)


def test_css_and_javascript_load_and_keep_nothing(any_site):
    root, _ = any_site
    problems = []
    styles = sorted(root.rglob("*.css"))
    scripts = sorted(root.rglob("*.js"))
    assert styles and scripts, "no CSS or JavaScript in the site"
    for path in styles:
        text = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
        for m in CSS_URL.finditer(text):
            url = m.group(2) if m.group(2) is not None else m.group(4)
            if off_site(url):
                problems.append(f"{path.relative_to(root)}: url {url!r} is outside the site")
    # Nothing in the site's scripts talks to a server or keeps anything in the browser.
    forbidden = re.compile(r"https?://|fetch\s*\(|XMLHttpRequest|sendBeacon|WebSocket|EventSource|localStorage|"
                           r"sessionStorage|document\.cookie|indexedDB|serviceWorker|caches\.|\bimport\s*\(|"
                           r"importScripts|\beval\s*\(|new\s+Function")
    # The exceptions: search.js fetches the site's own index file (a relative address; the
    # policy's connect-src 'self' keeps it on the site, and the browser tests record every request);
    # site.js keeps the reading settings in localStorage, only between its "storage: begin" and
    # "storage: end" lines, and only when the reader asks (test_reading_help.py checks that).
    allowed = {"assets/search.js": {"fetch("}}
    for path in scripts:
        source = path.read_text(encoding="utf-8")
        name = str(path.relative_to(root))
        if name == "assets/site.js":
            parts = re.split(r"^[ \t]*// storage: (?:begin|end)[ \t]*$", source, flags=re.M)
            if len(parts) != 3:
                problems.append(f"{name}: needs exactly one '// storage: begin' ... '// storage: end' block")
            else:
                block = re.sub(r"//[^\n]*|/\*.*?\*/", "", parts[1], flags=re.S)
                used = {m.group(0) for m in forbidden.finditer(block)}
                if used != {"localStorage"}:
                    problems.append(f"{name}: the storage block uses {sorted(used)}, not only localStorage")
                source = parts[0] + parts[2]
        code = re.sub(r"//[^\n]*|/\*.*?\*/", "", source, flags=re.S)
        for m in forbidden.finditer(code):
            if m.group(0) in allowed.get(name, set()):
                continue
            problems.append(f"{name}: uses {m.group(0)!r}")
    assert not problems, "\n".join(problems)


def test_the_meta_policy_allows_only_the_site():
    assert check_policy(meta_policy_of_layout()) == []


def test_headers_file_sends_the_same_policy_and_privacy_headers():
    headers = headers_rules()
    header_csp = parse_csp(headers.get("content-security-policy", ""))
    # frame-ancestors works only as a header (browsers ignore it in a meta tag): the header's
    # policy is the meta policy plus frame-ancestors 'none'.
    assert header_csp.pop("frame-ancestors", None) == ["'none'"]
    assert header_csp == parse_csp(meta_policy_of_layout())
    assert headers.get("referrer-policy") == "no-referrer"
    assert headers.get("x-content-type-options") == "nosniff"
    permissions = dict(item.strip().split("=", 1) for item in headers.get("permissions-policy", "").split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "display-capture"):
        assert permissions.get(feature) == "()", f"Permissions-Policy does not turn off {feature}"


def test_built_site_has_the_headers_file(built_site):
    copied = built_site / "_headers"
    assert copied.is_file()
    assert copied.read_bytes() == HEADERS_SOURCE.read_bytes()


# --- The checks themselves ---------------------------------------------------------------------


BAD_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="https://fonts.example/css">
<meta http-equiv="Content-Security-Policy" content="default-src *">
<script>alert(1)</script><style>p{}</style></head>
<body><a href="https://x.example/">x</a><img srcset="a.png 1x, //cdn.example/b.png 2x">
<p style="color:red" onclick="x()">hi</p><iframe src="page.html"></iframe>
<form action="https://collect.example/"></form><a href="/neutral" data-exit rel="nofollow">Exit</a></body></html>"""


def test_the_page_check_finds_each_kind_of_problem():
    page = Page("bad.html", "https://neutral.example/")
    page.feed(BAD_PAGE)
    problems = "\n".join(page.finish(parse_csp("default-src 'self'")))
    for expected in ("<link href=\"https://fonts.example/css\"> loads from outside", "comes after something that loads",
                     "inline <script>", "<style> is not allowed", "without rel=noreferrer",
                     "//cdn.example/b.png", "style attribute on <p>", "inline event handler onclick",
                     "<iframe> is not allowed", "<form action=\"https://collect.example/\">",
                     "the exit link goes to '/neutral'", "needs nofollow noreferrer",
                     "the Content-Security-Policy is 'default-src *'", "referrer meta is []"):
        assert expected in problems, f"not found: {expected}\n{problems}"
    assert check_policy("default-src 'self' https://cdn.example; script-src 'self' 'unsafe-inline'") != []
    assert off_site("data:image/png;base64,AA") and off_site("//x.example/a") and not off_site("../assets/a.css")
