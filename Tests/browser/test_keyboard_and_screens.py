"""Keyboard, touch and small screens (WCAG 2.2 AA): every control reachable by Tab, focus never
hidden under the sticky exit bar (2.4.11), targets at least 24 x 24 px (2.5.8), no sideways
scrolling at 320 px wide (1.4.10), and the exit bar kept to one short row on a touch phone."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from waymarksite import (INTERACTIVE, PAGE_KINDS, horizontal_overflow, open_page, pages_by_template, reading_aids,
                         reset_viewport, set_viewport, targets, wait_until)


@pytest.fixture
def viewport(shared_browser):
    """Sets the shared browser's screen for one test, and puts it back afterwards."""
    def set_(width, height, touch=False):
        set_viewport(shared_browser, width, height, touch)
    yield set_
    reset_viewport(shared_browser)


def tab(driver, shift=False):
    chain = ActionChains(driver)
    if shift:
        chain.key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT)
    else:
        chain.send_keys(Keys.TAB)
    chain.perform()


def active(driver):
    return driver.switch_to.active_element


# --- Small screens --------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_sideways_scrolling_at_320_px_even_with_the_biggest_text(shared_browser, viewport, site, pages, kind):
    viewport(320, 640)
    open_page(shared_browser, site.url(pages[kind]))
    width, view = horizontal_overflow(shared_browser)
    assert width <= view, f"the {kind} page is {width}px wide on a {view}px screen"
    reading_aids(shared_browser, size_steps=4, readable=True, open_tools=True)
    width, view = horizontal_overflow(shared_browser)
    assert width <= view, f"with the biggest text and the easier-to-read style, the {kind} page is {width}px wide"


def test_on_a_touch_phone_the_exit_bar_is_one_short_row_without_the_shift_hint(shared_browser, viewport, site, pages):
    viewport(320, 640, touch=True)
    open_page(shared_browser, site.url(pages["module variant"]))
    assert shared_browser.execute_script("return matchMedia('(hover: none) and (pointer: coarse)').matches")
    assert not shared_browser.find_element(By.CSS_SELECTOR, "[data-exit-hint]").is_displayed()
    bar = shared_browser.find_element(By.CSS_SELECTOR, ".exit-bar").rect
    button = shared_browser.find_element(By.CSS_SELECTOR, ".exit-button").rect
    info = shared_browser.find_element(By.CSS_SELECTOR, ".exit-info").rect
    assert bar["height"] <= 72, f"the exit bar is {bar['height']}px tall on a phone"
    assert info["y"] < button["y"] + button["height"] and info["x"] > button["x"] + button["width"], \
        "the cover-your-tracks link is not beside the exit button"
    # The reading help's two buttons share one row too.
    listen = shared_browser.find_element(By.CSS_SELECTOR, "[data-listen]").rect
    toggle = shared_browser.find_element(By.CSS_SELECTOR, "[data-reading-toggle]").rect
    assert listen["y"] == toggle["y"], "Listen and Reading help do not fit on one row at 320px"


# --- Target size ----------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_every_control_is_at_least_24_px_square(shared_browser, viewport, site, pages, kind, width):
    """Every link and button, bar links inside a line of text (WCAG 2.5.8's inline exception), is
    at least 24 x 24 CSS px: in the content, the exit bar, the reading help (open), the help box."""
    viewport(width, 800)
    open_page(shared_browser, site.url(pages[kind]))
    reading_aids(shared_browser, open_tools=True)
    found = targets(shared_browser)
    assert len(found) >= 8, found
    small = [f"{t['tag']} {t['text']!r} {t['width']:.1f}x{t['height']:.1f}: {t['html']}"
             for t in found if not t["inline"] and (t["width"] < 24 or t["height"] < 24)]
    assert not small, "targets smaller than 24 x 24 px:\n" + "\n".join(small)


def test_the_target_check_tells_inline_links_from_standalone_ones(shared_browser, site, pages):
    open_page(shared_browser, site.url(pages["module variant"]))
    shared_browser.execute_script("""
        var m = document.querySelector('main');
        m.insertAdjacentHTML('beforeend', '<p id="t1">Read <a href="#">this</a> now.</p>' +
          '<ul><li id="t2"><a href="#">Alone</a></li></ul><p id="t3"><a href="#" class="tiny">x</a></p>');
    """)
    found = {t["html"][:40]: t for t in targets(shared_browser, "#t1 a, #t2 a, #t3 a")}
    assert [t["inline"] for t in found.values()] == [True, False, False]


# --- Focus and the sticky exit bar ----------------------------------------------------------------

FOCUS_PAGES = ["home", "module variant", "page", "worksheet", "parents page"]


def focus_report(driver) -> dict:
    return driver.execute_script("""
        var e = document.activeElement, r = e.getBoundingClientRect();
        var bar = document.querySelector('.exit-bar').getBoundingClientRect();
        return {html: e.outerHTML.slice(0, 140), top: r.top, bottom: r.bottom, height: r.height,
                barBottom: bar.bottom, inBar: !!e.closest('.exit-bar'), skip: e.classList.contains('skip-link'),
                body: e === document.body, view: window.innerHeight};
    """)


def assert_not_under_the_bar(report: dict):
    """A focused control that fits on the screen below the exit bar shows whole, none of it under
    the bar (stricter than 2.4.11, which asks that it is not entirely hidden); one too tall to fit
    (a big card in the biggest text) shows at least a good part of itself."""
    if report["inBar"] or report["skip"]:
        return  # the bar's own controls, and the skip link, which shows above it
    room = report["view"] - report["barBottom"]
    if report["height"] <= room - 16:  # site.js leaves 16 px between the bar and what is focused
        assert report["top"] >= report["barBottom"] - 0.5, \
            f"focus is under the exit bar (top {report['top']:.0f} < {report['barBottom']:.0f}): {report['html']}"
        assert report["bottom"] <= report["view"] + 0.5, f"focus is partly below the screen: {report['html']}"
    else:
        shown = min(report["bottom"], report["view"]) - max(report["top"], report["barBottom"])
        assert shown >= min(48, room), f"only {shown:.0f}px of the focused control shows: {report['html']}"


@pytest.mark.parametrize("size_steps", [0, 4], ids=["normal text", "biggest text"])
@pytest.mark.parametrize("kind", FOCUS_PAGES)
def test_focus_is_never_hidden_under_the_exit_bar(shared_browser, viewport, site, pages, kind, size_steps):
    browser = shared_browser
    viewport(320, 640)
    open_page(browser, site.url(pages[kind]))
    reading_aids(browser, size_steps=size_steps, open_tools=True)
    browser.execute_script("window.scrollTo(0, 0); document.activeElement.blur()")
    count = len(targets(browser))
    seen = 0
    for _ in range(count + 3):
        tab(browser)
        report = focus_report(browser)
        if report["body"]:
            break
        assert_not_under_the_bar(report)
        seen += 1
    assert seen >= min(count, 10), f"only {seen} of {count} controls took the focus"
    # And going back up the page with Shift+Tab.
    for _ in range(min(seen, 25)):
        tab(browser, shift=True)
        report = focus_report(browser)
        if report["body"]:
            break
        assert_not_under_the_bar(report)


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_every_control_can_be_reached_with_the_keyboard(shared_browser, site, pages, kind):
    browser = shared_browser
    open_page(browser, site.url(pages[kind]))
    reading_aids(browser, open_tools=True)
    expected = browser.execute_script("""
        var all = Array.prototype.filter.call(document.querySelectorAll(arguments[0]), function (e) {
          return e.getClientRects().length > 0 && !e.disabled && getComputedStyle(e).visibility !== 'hidden';
        });
        all.forEach(function (e, i) { e.setAttribute('data-kbd', i); });
        // The skip link is off screen until it has the focus; it counts too.
        var skip = document.querySelector('.skip-link'); skip.setAttribute('data-kbd', 'skip');
        return all.map(function (e) { return e.getAttribute('data-kbd'); }).concat(['skip']);
    """, INTERACTIVE)
    browser.execute_script("window.scrollTo(0, 0); document.activeElement.blur()")
    reached = []
    for _ in range(len(expected) + 5):
        tab(browser)
        mark = active(browser).get_attribute("data-kbd")
        if mark is None or mark in reached:
            break
        reached.append(mark)
    missing = set(expected) - set(reached)
    assert not missing, "not reached by Tab: " + "; ".join(
        browser.execute_script("return document.querySelector('[data-kbd=\"' + arguments[0] + '\"]').outerHTML.slice(0, 120)", m)
        for m in sorted(missing))


def test_keyboard_path_from_the_skip_link_to_the_exit_and_the_help_box(browser, site, pages, neutral):
    """Skip link first, the exit control next; from the content note straight to the help box,
    and the help box's first number next, none of it under the exit bar; Enter on the exit
    control leaves."""
    noted = [a for a in pages_by_template(site.root)["module"]
             if 'class="content-note"' in (site.root / a / "index.html").read_text(encoding="utf-8")]
    assert noted, "the test site has no young people's page with a content note"
    open_page(browser, site.url(noted[0]))
    tab(browser)
    assert active(browser).get_attribute("class") == "skip-link"
    tab(browser)
    assert active(browser).get_attribute("data-exit") is not None, "the exit control is not the second stop"
    tab(browser, shift=True)
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    wait_until(browser, lambda d: active(d).get_attribute("id") == "main", "the skip link did not move to <main>")
    # On from <main>: the first stop is inside it, below the bar.
    tab(browser)
    report = focus_report(browser)
    assert browser.execute_script("return !!document.activeElement.closest('main')")
    assert_not_under_the_bar(report)
    # Tab on to the content note's link to the help box.
    for _ in range(30):
        if (active(browser).get_attribute("href") or "").endswith("#help"):
            break
        tab(browser)
    else:
        raise AssertionError("Tab never reached the content note's link to the help box")
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    wait_until(browser, lambda d: active(d).get_attribute("id") == "help", "the link did not move the focus to the help box")
    assert browser.current_url.endswith("#help")
    assert_not_under_the_bar(focus_report(browser))
    tab(browser)
    first = active(browser)
    assert browser.execute_script("return !!arguments[0].closest('#help')", first), "Tab left the help box"
    assert first.get_attribute("href").startswith("tel:"), "the first stop in the help box is not a phone number"
    assert_not_under_the_bar(focus_report(browser))
    # Back to the top, and out with Enter on the exit control.
    browser.execute_script("document.querySelector('a[data-exit]').focus()")
    before = len(neutral.visits())
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    wait_until(browser, lambda d: d.current_url == site.exit_url, "Enter on the exit control did not leave")
    assert len(neutral.visits()) > before


def test_focus_is_visible(shared_browser, site, pages):
    """Every control shows a focus ring of at least 2 px that differs from how it looks without
    the focus (WCAG 2.4.7, and the size of 2.4.13)."""
    browser = shared_browser
    open_page(browser, site.url(pages["module variant"]))
    reading_aids(browser, open_tools=True)
    browser.execute_script("document.activeElement.blur(); window.scrollTo(0, 0)")
    checked = 0
    for _ in range(12):
        tab(browser)
        look = browser.execute_script("""
            var s = getComputedStyle(document.activeElement);
            return {html: document.activeElement.outerHTML.slice(0, 100), outline: s.outlineStyle,
                    width: parseFloat(s.outlineWidth), shadow: s.boxShadow};
        """)
        assert look["outline"] != "none" and look["width"] >= 2, f"no visible focus: {look}"
        assert look["shadow"] != "none", f"no focus halo: {look}"
        checked += 1
    assert checked == 12
