"""WCAG 2.2 AA, checked by machines: axe-core 4.x in Chromium on every kind of page (of the test
site and of the shipped site), with and without the reading aids, and the Nu HTML Checker on every
generated file. And proof that both checks fail when a page is broken."""

from __future__ import annotations

import functools
import shutil
from pathlib import Path

import pytest

from waymarksite import (SHIPPED_CONTENT, TEMPLATES, CheckerMissing, SiteHandler, audit_pages, build_site, describe_nu,
                         describe_violations, nu_check, open_page, reading_aids, reset_viewport, run_axe, serve,
                         set_viewport)


def audit(browser, base: str, pages: dict[str, str], axe: str) -> list[str]:
    failures = []
    for label, path in pages.items():
        open_page(browser, base + path)
        violations = run_axe(browser, axe)
        if violations:
            failures.append(f"{label} ({path or '/'}):\n{describe_violations(violations)}")
    return failures


# --- axe-core on every kind of page ----------------------------------------------------------


@pytest.mark.parametrize("width", [390, 1280], ids=["phone", "desktop"])
def test_axe_finds_nothing_on_the_test_site(shared_browser, site, content_dir, axe, width):
    targets = audit_pages(site.root, content_dir)
    assert len(targets) >= 18, sorted(targets)
    set_viewport(shared_browser, width, 844)
    try:
        failures = audit(shared_browser, site.base, targets, axe)
    finally:
        reset_viewport(shared_browser)
    assert not failures, f"axe-core found WCAG 2.2 A/AA violations on {len(failures)} of {len(targets)} pages:\n" + \
        "\n".join(failures)


def test_axe_finds_nothing_on_the_shipped_site(shared_browser, shipped, axe):
    targets = audit_pages(shipped.root, SHIPPED_CONTENT)
    assert len(targets) >= 18, sorted(targets)
    failures = audit(shared_browser, shipped.base, targets, axe)
    assert not failures, f"axe-core found WCAG 2.2 A/AA violations on {len(failures)} of {len(targets)} pages:\n" + \
        "\n".join(failures)


AIDS_KINDS = ["home", "module variant", "page", "parents page", "worksheet", "pack", "coverage", "search", "glossary"]


@pytest.mark.parametrize("kind", AIDS_KINDS)
def test_axe_finds_nothing_with_the_reading_aids_on(shared_browser, site, pages, axe, kind):
    """The reading tools open, the biggest text and the easier-to-read style, on a small phone:
    the cream background, the controls themselves and the reflowed page keep to AA."""
    browser = shared_browser
    set_viewport(browser, 320, 640)
    try:
        open_page(browser, site.url(pages[kind]))
        reading_aids(browser, size_steps=4, readable=True, open_tools=True)
        assert browser.execute_script("return document.documentElement.classList.contains('text-size-200')")
        violations = run_axe(browser, axe)
    finally:
        reset_viewport(browser)
    assert not violations, describe_violations(violations)


# --- The Nu HTML Checker on every file -------------------------------------------------------


def errors_of(folder: Path) -> list[dict]:
    try:
        _, messages = nu_check(folder)
    except CheckerMissing as error:
        pytest.fail(str(error), pytrace=False)
    return [m for m in messages if m.get("type") != "info"]


def test_every_page_of_the_test_site_is_valid_html(built_site):
    errors = errors_of(built_site)
    assert not errors, f"the Nu HTML Checker found {len(errors)} errors:\n{describe_nu(errors, built_site)}"


def test_every_page_of_the_shipped_site_is_valid_html(shipped_site):
    errors = errors_of(shipped_site)
    assert not errors, f"the Nu HTML Checker found {len(errors)} errors:\n{describe_nu(errors, shipped_site)}"


# --- The checks fail on a broken page --------------------------------------------------------

# Injected into the home page by a copy of the templates: a picture with no alt text (the builder
# refuses one written in Markdown, so it comes from a template) and text too faint to read.
BROKEN_MARKUP = ('<img src="{{assets}}no-such-picture.png" class="axe-proof-picture">\n'
                 '<p class="axe-proof-faint">This text is too faint to read.</p>\n')
BROKEN_CSS = "\n.axe-proof-faint { color: #c4c4c4; }\n"


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory, waymark_binary, content_dir):
    work = tmp_path_factory.mktemp("broken")
    templates = work / "Templates"
    shutil.copytree(TEMPLATES, templates)
    home = templates / "home.mustache"
    text = home.read_text(encoding="utf-8")
    assert "{{$main}}\n" in text
    home.write_text(text.replace("{{$main}}\n", "{{$main}}\n" + BROKEN_MARKUP, 1), encoding="utf-8")
    with (templates / "assets" / "site.css").open("a", encoding="utf-8") as css:
        css.write(BROKEN_CSS)
    root = build_site(waymark_binary, content_dir, work / "public", templates=templates)
    server = serve(functools.partial(type("Handler", (SiteHandler,), {"header_rules": []}), directory=str(root)))
    yield root, f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


def test_axe_reports_a_picture_without_alt_text_and_faint_text(shared_browser, broken_site, axe):
    root, base = broken_site
    open_page(shared_browser, base)
    violations = {v["id"]: v for v in run_axe(shared_browser, axe)}
    assert "image-alt" in violations, describe_violations(list(violations.values()))
    assert any("axe-proof-picture" in n["html"] for n in violations["image-alt"]["nodes"])
    assert "color-contrast" in violations, describe_violations(list(violations.values()))
    assert [n["target"] for n in violations["color-contrast"]["nodes"]] == [".axe-proof-faint"]


def test_the_nu_checker_reports_the_picture_without_alt_text(broken_site, tmp_path):
    root, _ = broken_site
    shutil.copy(root / "index.html", tmp_path / "index.html")
    errors = errors_of(tmp_path)
    assert any("alt" in e.get("message", "") for e in errors), describe_nu(errors, tmp_path)
