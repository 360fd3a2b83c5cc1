"""Nothing leaves the site and nothing is kept: every kind of page asks only this site for what it
needs, breaks none of its own Content-Security-Policy, and leaves no cookie or storage behind."""

from __future__ import annotations

import urllib.parse

import pytest
from selenium.webdriver.common.by import By

from waymarksite import (PAGE_KINDS, console_problems, network_requests, open_page, press_shift, storage_report,
                         wait_for_page, wait_until)


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_page_requests_nothing_outside_the_site(shared_browser, site, pages, kind):
    browser = shared_browser
    url = site.url(pages[kind])
    network_requests(browser)  # start with empty logs
    console_problems(browser)
    open_page(browser, url)
    requested = network_requests(browser)
    # The log works: the page, its style sheet and its script were seen being asked for.
    paths = {urllib.parse.urlsplit(u).path for u in requested}
    assert urllib.parse.urlsplit(url).path in paths, requested
    assert "/assets/site.css" in paths and "/assets/site.js" in paths, requested
    outside = [u for u in requested if not u.startswith(site.origin + "/")]
    assert not outside, f"the {kind} page asked for something outside the site: {outside}"
    # The same from the page's own point of view: every resource it loaded.
    loaded = browser.execute_script(
        "return performance.getEntriesByType('resource').map(function (e) { return e.name; })")
    assert loaded and all(u.startswith(site.origin + "/") for u in loaded), loaded
    # No Content-Security-Policy violation or other error in the console (the 404 page is
    # expected to answer 404).
    problems = console_problems(browser, expected_404=(url,) if kind == "404" else ())
    assert not problems, problems


def test_browsing_and_leaving_store_nothing(browser, site, pages):
    # Browse as a reader would: from the home page down to a module, to help, to parents' pages.
    open_page(browser, site.url(pages["home"]))
    for selector in (".route", ".tier-links a", ".module-list a"):
        current = browser.current_url
        browser.find_element(By.CSS_SELECTOR, selector).click()
        wait_until(browser, lambda d: d.current_url != current, f"clicking {selector} went nowhere")
        wait_for_page(browser)
    for kind in ("page", "parents index", "parents page", "module overview"):
        open_page(browser, site.url(pages[kind]))
    # Leave with Shift, come back, leave with the button, come back.
    here = browser.current_url
    press_shift(browser, 3)
    wait_until(browser, lambda d: d.current_url == site.exit_url, "Shift x3 did not leave")
    browser.back()
    wait_until(browser, lambda d: d.current_url == here, "Back did not return")
    browser.find_element(By.CSS_SELECTOR, "a[data-exit]").click()
    wait_until(browser, lambda d: d.current_url == site.exit_url, "the exit button did not leave")
    browser.back()
    wait_until(browser, lambda d: d.current_url == here, "Back did not return")
    wait_for_page(browser)

    cookies = browser.execute_cdp_cmd("Storage.getCookies", {})["cookies"]
    assert cookies == [], f"cookies were set: {cookies}"
    assert storage_report(browser) == {"cookie": "", "localStorage": 0, "sessionStorage": 0,
                                       "indexedDB": 0, "cacheStorage": 0, "serviceWorkers": 0}
