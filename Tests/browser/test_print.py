"""Printed, a page is a clean handout: no exit control, no navigation, no help chrome."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from waymarksite import PAGE_KINDS, open_page

# Shown on screen, and never on paper.
SITE_CHROME = ["a[data-exit]", ".exit-bar", ".exit-info", "[data-exit-hint]", ".site-header", ".site-footer", "nav"]


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
        # The help box is printed only on parents' pages, as part of the handout for adults.
        help_box = shown(browser, ".help-box")
        assert help_box == [kind == "parents page"], f"help box in print: {help_box}"
        # The page itself is printed.
        assert all(shown(browser, "main h1")), "the page's heading is not printed"
    finally:
        emulate(browser, "screen")
