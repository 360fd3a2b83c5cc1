"""Pages in other languages, in Chromium: the shipped Urdu (right to left) and Welsh drafts, built
with --include-drafts as a translator's preview is. The page's direction, the exit control, the
language switcher, the words the scripts say, and axe-core on the translated pages. The live
build, without --include-drafts, publishes none of them."""

from __future__ import annotations

import functools

import pytest
from selenium.webdriver.common.by import By

from waymarksite import (SHIPPED_CONTENT, BuildFailed, Site, SiteHandler, build_site, describe_violations, exit_setting,
                         exit_status, open_page, press_shift, run_axe, serve, set_viewport, reset_viewport, wait_until)

URDU_MODULE = "ur/young-people/protection/14-16/staying-safe/"
URDU_PAGES = ["ur/", "ur/help/", URDU_MODULE]
WELSH_PAGES = ["cy/", "cy/help/", "cy/young-people/protection/14-16/staying-safe/"]


@pytest.fixture(scope="module")
def drafts(tmp_path_factory, waymark_binary, neutral):
    """The shipped content with its draft translations, served on 127.0.0.1."""
    out = tmp_path_factory.mktemp("drafts") / "public"
    try:
        root = build_site(waymark_binary, SHIPPED_CONTENT, out, exit_url=neutral.url, extra_args=("--include-drafts",))
    except BuildFailed as error:
        pytest.fail(str(error), pytrace=False)
    server = serve(functools.partial(SiteHandler, directory=str(root)))
    label = exit_setting(SHIPPED_CONTENT.joinpath("site.yml").read_text(encoding="utf-8"), "label", "Exit this page")
    yield Site(root, f"http://127.0.0.1:{server.server_port}/", neutral.url, label)
    server.shutdown()
    server.server_close()


def test_the_live_build_publishes_no_draft(shipped_site):
    for code in ("ur", "cy"):
        assert not (shipped_site / code).exists(), f"draft {code} pages were published without --include-drafts"
    home = (shipped_site / "index.html").read_text(encoding="utf-8")
    assert 'hreflang="ur"' not in home and "language-switch" not in home


def test_an_urdu_page_reads_right_to_left(shared_browser, drafts):
    browser = shared_browser
    open_page(browser, drafts.base + URDU_MODULE)
    root = browser.execute_script("return [document.documentElement.lang, document.documentElement.dir]")
    assert root == ["ur", "rtl"]
    assert browser.execute_script("return getComputedStyle(document.querySelector('main')).direction") == "rtl"
    # Mirrored: the exit control starts the bar on the right, and headings start on the right.
    width = browser.execute_script("return document.documentElement.clientWidth")
    exit_box = browser.find_element(By.CSS_SELECTOR, "a[data-exit]").rect
    assert exit_box["x"] + exit_box["width"] > width * 0.6, f"the exit control is not on the right: {exit_box}"
    heading = browser.execute_script(
        "var r = document.createRange(); r.selectNodeContents(document.querySelector('h1'));"
        "var b = r.getBoundingClientRect(); var m = document.querySelector('main').getBoundingClientRect();"
        "return [b.right, m.right, b.left, m.left]")
    assert abs(heading[0] - heading[1]) < 40, f"the heading does not start at the right edge of the page: {heading}"
    # The page is a draft, says so, and links to the English.
    banner = browser.find_element(By.CSS_SELECTOR, ".draft-banner")
    english = banner.find_element(By.CSS_SELECTOR, "a[hreflang='en-GB']")
    assert english.get_attribute("href") == drafts.base + "young-people/protection/14-16/staying-safe/"


def test_the_exit_control_works_in_urdu(browser, drafts, neutral):
    open_page(browser, drafts.base + URDU_MODULE)
    label = browser.find_element(By.CSS_SELECTOR, "a[data-exit]").text
    assert label and label != "Exit this page", "the exit control is not in Urdu"
    press_shift(browser, 1)
    said = exit_status(browser)
    template = browser.execute_script(
        "return document.querySelector(\"[data-strings] [data-key='exit_more_other']\").textContent")
    assert said == template.replace("{n}", "2"), said
    assert "Press Shift" not in said, "the screen reader message is in English"
    press_shift(browser, 2)
    wait_until(browser, lambda d: d.current_url == drafts.exit_url, "Shift three times did not leave the page")


def test_the_switcher_offers_only_pages_that_exist(shared_browser, drafts):
    browser = shared_browser
    open_page(browser, drafts.base + URDU_MODULE)
    links = browser.find_elements(By.CSS_SELECTOR, ".language-switch a")
    found = {a.get_attribute("lang"): (a.get_attribute("href"), a.get_attribute("aria-current")) for a in links}
    assert set(found) == {"en-GB", "cy", "ur"}
    assert found["ur"][1] == "page"
    for lang, (href, _) in found.items():
        path = href[len(drafts.base):]
        assert (drafts.root / path / "index.html").exists(), f"the switcher offers {href}, which does not exist"
    # The same module for another age has no translation: no switcher there.
    open_page(browser, drafts.base + "young-people/protection/11-13/staying-safe/")
    assert not browser.find_elements(By.CSS_SELECTOR, ".language-switch")
    # Each hreflang link of the Urdu page is matched on the English page.
    open_page(browser, drafts.base + URDU_MODULE)
    mine = browser.execute_script(
        "return Array.from(document.querySelectorAll('link[rel=alternate]')).map(l => l.hreflang + ' ' + l.href)")
    open_page(browser, drafts.base + "young-people/protection/14-16/staying-safe/")
    theirs = browser.execute_script(
        "return Array.from(document.querySelectorAll('link[rel=alternate]')).map(l => l.hreflang + ' ' + l.href)")
    assert sorted(mine) == sorted(theirs) and len(mine) == 4, (mine, theirs)


@pytest.mark.parametrize("width", [390, 1280], ids=["phone", "desktop"])
def test_axe_finds_nothing_on_the_translated_pages(shared_browser, drafts, axe, width):
    browser = shared_browser
    set_viewport(browser, width, 844)
    failures = []
    try:
        for path in URDU_PAGES + WELSH_PAGES:
            open_page(browser, drafts.base + path)
            violations = run_axe(browser, axe)
            if violations:
                failures.append(f"{path}:\n{describe_violations(violations)}")
    finally:
        reset_viewport(browser)
    assert not failures, "\n".join(failures)
