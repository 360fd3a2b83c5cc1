"""Printed, a page is a clean handout: no exit control, no navigation, no help chrome."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from waymarksite import PAGE_KINDS, open_page, reading_aids

# Shown on screen, and never on paper.
SITE_CHROME = ["a[data-exit]", ".exit-bar", ".exit-info", "[data-exit-hint]", "[data-reading-help]", "[data-listen]",
               ".site-header", ".site-footer", "nav"]


def shown(driver, selector) -> list[bool]:
    return [e.is_displayed() for e in driver.find_elements(By.CSS_SELECTOR, selector)]


def emulate(driver, media: str):
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": media})
    assert driver.execute_script(f"return matchMedia('{media}').matches")


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_print_hides_the_exit_control_navigation_and_help_chrome(shared_browser, site, pages, kind):
    browser = shared_browser
    open_page(browser, site.url(pages[kind]))
    # On screen, all of it shows (so the test below has something to hide).
    for selector in SITE_CHROME + [".help-box"]:
        assert any(shown(browser, selector)), f"{selector} does not show on screen"
    skip = browser.find_element(By.CSS_SELECTOR, ".skip-link")
    browser.execute_script("arguments[0].focus()", skip)  # focused, it comes on screen
    assert skip.is_displayed()
    emulate(browser, "print")
    try:
        for selector in SITE_CHROME + [".skip-link"]:
            assert not any(shown(browser, selector)), f"{selector} shows in print"
        # The help box is printed only for adults: on parents' pages and on a session's handout for them.
        help_box = shown(browser, ".help-box")
        assert help_box == [kind in ("parents page", "handout")], f"help box in print: {help_box}"
        # The page itself is printed.
        assert all(shown(browser, "main h1")), "the page's heading is not printed"
    finally:
        emulate(browser, "screen")


@pytest.mark.parametrize("kind", ["worksheet", "pack", "parents page"])
def test_print_is_the_same_whatever_the_reader_chose_on_screen(shared_browser, site, pages, kind):
    """Bigger text and the easier-to-read style are for the screen: a printed worksheet or pack
    keeps its A4 layout (12 pt body text), and the reading tools are not printed."""
    browser = shared_browser
    open_page(browser, site.url(pages[kind]))
    emulate(browser, "print")
    try:
        plain = browser.execute_script("return [getComputedStyle(document.documentElement).fontSize, "
                                       "getComputedStyle(document.body).fontSize, getComputedStyle(document.body).letterSpacing]")
    finally:
        emulate(browser, "screen")
    reading_aids(browser, size_steps=4, readable=True, open_tools=True)
    assert browser.execute_script("return parseFloat(getComputedStyle(document.documentElement).fontSize)") == 32
    emulate(browser, "print")
    try:
        chosen = browser.execute_script("return [getComputedStyle(document.documentElement).fontSize, "
                                        "getComputedStyle(document.body).fontSize, getComputedStyle(document.body).letterSpacing]")
        assert chosen == plain
        assert plain[1] == "16px", f"body text is {plain[1]} in print, not 12pt"
        assert not any(shown(browser, "[data-reading-help]")) and not any(shown(browser, "[data-reading-tools]"))
    finally:
        emulate(browser, "screen")
