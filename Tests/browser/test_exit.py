"""Exit this page: the control at the top of every page, Shift pressed three times, the page hidden
at once, Back, and the same control without JavaScript."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from waymarksite import (PAGE_KINDS, exit_status, page_hidden, open_page, press_shift, remaining, wait_for_page,
                         wait_until)


def exit_link(driver):
    return driver.find_element(By.CSS_SELECTOR, "a[data-exit]")


def wait_for_exit(driver, site):
    wait_until(driver, lambda d: d.current_url == site.exit_url,
               f"did not go to the exit address {site.exit_url}")


def assert_still_here(driver, url: str):
    """The page has not started to leave: site.js hides the page in the same moment as it starts
    to leave, so a page that shows means the keys just pressed did not start an exit."""
    assert driver.current_url == url
    assert not page_hidden(driver), "the page started to leave"


def assert_no_referrer(neutral, visits_before: int):
    visits = neutral.visits()[visits_before:]
    assert visits, "the neutral page was not asked for"
    assert all("referer" not in v.headers for v in visits), \
        f"the neutral site was told where the reader came from: {[v.headers.get('referer') for v in visits]}"


# --- The control --------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_every_page_has_a_labelled_exit_control_at_the_top(shared_browser, site, pages, kind):
    browser = shared_browser
    open_page(browser, site.url(pages[kind]))
    link = exit_link(browser)
    assert link.is_displayed()
    assert link.text.strip() == site.exit_label
    assert link.get_attribute("href") == site.exit_url
    assert {"nofollow", "noreferrer"} <= set(link.get_attribute("rel").split())
    top = browser.execute_script("return arguments[0].getBoundingClientRect().top", link)
    assert 0 <= top < 80, f"the exit control is not at the top of the page (top = {top}px)"
    # It stays in view when the reader scrolls down.
    browser.execute_script("window.scrollTo(0, document.documentElement.scrollHeight)")
    wait_until(browser, lambda d: d.execute_script("return window.scrollY") > 0 or
               d.execute_script("return document.documentElement.scrollHeight <= window.innerHeight"),
               "the page did not scroll")
    top = browser.execute_script("return arguments[0].getBoundingClientRect().top", link)
    assert 0 <= top < 80, f"the exit control scrolled out of view (top = {top}px)"
    # The hint and the live region that announces the count.
    assert browser.find_element(By.CSS_SELECTOR, "[data-exit-hint]").is_displayed()
    status = browser.find_element(By.CSS_SELECTOR, "[data-exit-status]")
    assert status.get_attribute("aria-live") in ("polite", "assertive")
    assert exit_status(browser) == ""


def test_skip_link_is_the_first_stop_and_moves_to_the_main_content(browser, site, pages):
    url = site.url(pages["module variant"])
    open_page(browser, url)
    skip = browser.find_element(By.CSS_SELECTOR, ".skip-link")
    assert not browser.execute_script(
        "var r = arguments[0].getBoundingClientRect(); return r.bottom > 0", skip), "the skip link shows before it is focused"
    ActionChains(browser).send_keys(Keys.TAB).perform()
    assert browser.switch_to.active_element == skip
    assert browser.execute_script("var r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom > 0", skip), \
        "the focused skip link is not on screen"
    ActionChains(browser).send_keys(Keys.TAB).perform()
    assert browser.switch_to.active_element == exit_link(browser), "the exit control is not the next stop"
    ActionChains(browser).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).send_keys(Keys.ENTER).perform()
    wait_until(browser, lambda d: d.switch_to.active_element.get_attribute("id") == "main",
               "the skip link did not move focus to <main>")
    assert browser.current_url == url + "#main"
    assert_still_here(browser, url + "#main")


# --- Shift three times --------------------------------------------------------------------------


def test_shift_three_times_leaves_and_announces_the_count(browser, site, pages, neutral):
    open_page(browser, site.url(pages["module variant"]))
    before = len(neutral.visits())
    press_shift(browser)
    assert exit_status(browser) == remaining(2)
    press_shift(browser)
    assert exit_status(browser) == remaining(1)
    press_shift(browser)
    wait_for_exit(browser, site)
    assert_no_referrer(neutral, before)


def shift_with(key):
    def press(driver):
        ActionChains(driver).key_down(Keys.SHIFT).send_keys(key).key_up(Keys.SHIFT).perform()
    return press


def ctrl_shift(driver):
    ActionChains(driver).key_down(Keys.CONTROL).key_down(Keys.SHIFT).key_up(Keys.SHIFT).key_up(Keys.CONTROL).perform()


def shift_then_ctrl(driver):
    ActionChains(driver).key_down(Keys.SHIFT).key_down(Keys.CONTROL).key_up(Keys.CONTROL).key_up(Keys.SHIFT).perform()


@pytest.mark.parametrize("combination", [shift_with("a"), shift_with("WAYMARK"), ctrl_shift, shift_then_ctrl],
                         ids=["Shift+A", "typing capitals", "Ctrl+Shift", "Shift+Ctrl"])
def test_shift_in_a_combination_does_not_count(browser, site, pages, combination):
    url = site.url(pages["module variant"])
    open_page(browser, url)
    press_shift(browser, 2)
    assert exit_status(browser) == remaining(1)
    # This Shift would be the third press if it counted.
    combination(browser)
    assert_still_here(browser, url)
    assert exit_status(browser) == ""
    # Capital letters typed three times over never leave either.
    for _ in range(3):
        combination(browser)
    assert_still_here(browser, url)
    # The count starts again from nothing.
    press_shift(browser)
    assert exit_status(browser) == remaining(2)
    assert_still_here(browser, url)


@pytest.mark.parametrize("key", ["a", Keys.ARROW_DOWN, Keys.SPACE, Keys.CONTROL], ids=["letter", "arrow", "space", "ctrl"])
def test_another_key_resets_the_count(browser, site, pages, key):
    url = site.url(pages["module variant"])
    open_page(browser, url)
    press_shift(browser, 2)
    assert exit_status(browser) == remaining(1)
    ActionChains(browser).send_keys(key).perform()
    assert exit_status(browser) == ""
    press_shift(browser)
    assert_still_here(browser, url)
    assert exit_status(browser) == remaining(2)
    press_shift(browser, 2)
    wait_for_exit(browser, site)


# Replaces setTimeout before site.js runs, so the test can see the delay asked for and end it
# at once instead of waiting for it.
FAKE_TIMERS = """
window.__timers = [];
window.setTimeout = function (fn, ms) { window.__timers.push({fn: fn, ms: ms || 0, live: true}); return window.__timers.length; };
window.clearTimeout = function (id) { if (window.__timers[id - 1]) window.__timers[id - 1].live = false; };
"""


def test_the_presses_must_come_within_a_few_seconds(browser, site, pages):
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": FAKE_TIMERS})
    url = site.url(pages["module variant"])
    open_page(browser, url)
    press_shift(browser, 2)
    pending = browser.execute_script("return window.__timers.filter(function (t) { return t.live; }).map(function (t) { return t.ms; })")
    assert len(pending) == 1, f"expected one timer for the count, found {pending}"
    assert 1000 <= pending[0] <= 10000, f"the count lasts {pending[0]} ms, not a few seconds"
    # Time runs out.
    browser.execute_script("window.__timers.forEach(function (t) { if (t.live) { t.live = false; t.fn(); } })")
    assert "timed out" in exit_status(browser)
    press_shift(browser)
    assert_still_here(browser, url)
    assert exit_status(browser) == remaining(2)


# --- Hidden at once, and Back --------------------------------------------------------------------


def leave_by_shift(driver):
    press_shift(driver, 3)


def leave_by_click(driver):
    exit_link(driver).click()


LEAVE = pytest.mark.parametrize("leave", [leave_by_shift, leave_by_click], ids=["shift", "click"])


@LEAVE
def test_the_page_is_hidden_before_the_neutral_site_loads(browser, site, pages, neutral, leave):
    url = site.url(pages["module variant"])
    open_page(browser, url)
    assert browser.find_element(By.CSS_SELECTOR, "main").is_displayed()
    before = len(neutral.visits())
    # The neutral site answers "204 No Content": the browser asks for it but stays on this page,
    # as it is in the moment before the neutral page arrives.
    neutral.no_content = True
    try:
        leave(browser)
        wait_until(browser, lambda d: len(neutral.visits()) > before, "the neutral site was not asked for")
    finally:
        neutral.no_content = False
    assert browser.current_url == url
    assert page_hidden(browser)
    for selector in ("a[data-exit]", ".site-header", "h1", ".help-box", ".site-footer"):
        assert not browser.find_element(By.CSS_SELECTOR, selector).is_displayed(), f"{selector} still shows"
    assert browser.title == "Loading"


@LEAVE
def test_back_after_leaving_shows_the_page_again(browser, site, pages, leave):
    url = site.url(pages["module variant"])
    open_page(browser, site.url(pages["home"]))
    open_page(browser, url)
    title = browser.title
    browser.execute_script("window.__sameDocument = true")
    leave(browser)
    wait_for_exit(browser, site)
    browser.back()
    wait_until(browser, lambda d: d.current_url == url, "Back did not return to the page")
    wait_for_page(browser)
    # Chromium brings the page back from its back/forward cache as it was left, hidden; only the
    # pageshow handler can show it again. (A fresh load would not test that.)
    assert browser.execute_script("return window.__sameDocument === true"), \
        "the page was loaded afresh, not restored from the back/forward cache: this test needs the cache"
    assert not page_hidden(browser)
    for selector in ("a[data-exit]", ".site-header", "h1", ".help-box", ".site-footer"):
        assert browser.find_element(By.CSS_SELECTOR, selector).is_displayed(), f"{selector} does not show"
    assert browser.title == title
    # The count starts again: one press does not leave.
    assert exit_status(browser) == ""
    press_shift(browser)
    assert exit_status(browser) == remaining(2)
    assert_still_here(browser, url)


# --- The plain link ------------------------------------------------------------------------------


def test_exit_link_works_without_javascript(browser_without_js, site, pages, neutral):
    driver = browser_without_js
    open_page(driver, site.url(pages["module variant"]), javascript=False)
    # JavaScript is off: site.js would have shown the Shift hint.
    assert not driver.find_element(By.CSS_SELECTOR, "[data-exit-hint]").is_displayed()
    link = exit_link(driver)
    assert link.is_displayed()
    before = len(neutral.visits())
    link.click()
    wait_for_exit(driver, site)
    assert_no_referrer(neutral, before)


def test_exit_link_works_with_javascript(browser, site, pages, neutral):
    open_page(browser, site.url(pages["parents page"]))
    before = len(neutral.visits())
    exit_link(browser).click()
    wait_for_exit(browser, site)
    assert_no_referrer(neutral, before)
