"""Search runs in the reader's browser: it finds the reader's own page first, and what was typed
is never put in the address, the history or storage. Without JavaScript the page is an A to Z."""

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from waymarksite import WAIT


SEARCH = "young-people/risk-reduction/14-16/search/"


def results(browser):
    return [a.text for a in browser.find_elements(By.CSS_SELECTOR, "[data-search-results] a")]


def test_search_finds_the_page_for_the_readers_own_level_and_leaves_no_trace(site, browser):
    browser.get(site.url(SEARCH))
    start_url = browser.current_url
    history = browser.execute_script("return history.length")
    box = browser.find_element(By.ID, "search-words")
    assert box.is_displayed()
    box.send_keys("accounts privat")  # the last word half typed
    WebDriverWait(browser, WAIT).until(lambda b: results(b))
    first = browser.find_element(By.CSS_SELECTOR, "[data-search-results] a")
    assert first.text == "Staying safe online"
    assert first.get_attribute("href") == site.url("young-people/risk-reduction/14-16/staying-safe-online/")
    status = browser.find_element(By.CSS_SELECTOR, "[data-search-status]").get_attribute("textContent")
    assert "found" in status
    box.send_keys("\n")  # Enter must not submit anything anywhere
    assert browser.current_url == start_url
    assert browser.execute_script("return history.length") == history
    assert browser.execute_script("return localStorage.length + sessionStorage.length") == 0
    assert browser.get_cookies() == []


def test_a_word_found_nowhere_says_so(site, browser):
    browser.get(site.url(SEARCH))
    browser.find_element(By.ID, "search-words").send_keys("zzzzqqq")
    WebDriverWait(browser, WAIT).until(
        lambda b: "No pages found" in b.find_element(By.CSS_SELECTOR, "[data-search-status]").get_attribute("textContent"))
    assert results(browser) == []


def test_without_javascript_the_search_page_is_an_a_to_z(site, browser_without_js):
    browser_without_js.get(site.url(SEARCH))
    assert not browser_without_js.find_element(By.CSS_SELECTOR, "form.search-form").is_displayed()
    titles = [a.text for a in browser_without_js.find_elements(By.CSS_SELECTOR, ".az-list a")]
    assert "Staying safe online" in titles
    assert titles == sorted(titles, key=str.lower)
