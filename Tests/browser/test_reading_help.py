"""Reading help, near the top of every page: Listen to this page (the browser's own speech, main
content only), bigger text and an easier-to-read style. All of it works by keyboard, and nothing
is kept in the browser unless the reader ticks "Remember my settings on this device"."""

from __future__ import annotations

import json

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from waymarksite import PAGE_KINDS, open_page, pages_by_template, storage_report, wait_until

NOTHING_STORED = {"cookie": "", "localStorage": 0, "sessionStorage": 0, "indexedDB": 0, "cacheStorage": 0,
                  "serviceWorkers": 0}

# Stands in for the browser's speech before any script runs: records what would be said, and lets
# a test say when an utterance starts and ends (headless Chromium has no voices to speak with).
FAKE_SPEECH = """
(function () {
  var fake = {
    queue: [], cancelled: 0, speaking: false, pending: false, paused: false,
    speak: function (u) { this.queue.push(u); this.speaking = true; },
    cancel: function () { this.cancelled += 1; this.queue = []; this.speaking = false; },
    pause: function () {}, resume: function () {},
    getVoices: function () { return []; },
    addEventListener: function () {}, removeEventListener: function () {}
  };
  Object.defineProperty(window, 'speechSynthesis', {value: fake, configurable: true});
  window.__speech = fake;
})();
"""
NO_SPEECH = "delete window.speechSynthesis;"


def area(driver):
    return driver.find_element(By.CSS_SELECTOR, "[data-reading-help]")


def control(driver, name):
    return driver.find_element(By.CSS_SELECTOR, f"[data-reading-help] [data-{name}]")


def tab_to(driver, element, limit=40, backwards=False):
    """Presses Tab (Shift+Tab backwards) until `element` has the focus, as a keyboard user would."""
    for _ in range(limit):
        if driver.switch_to.active_element == element:
            return
        if backwards:
            ActionChains(driver).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
        else:
            ActionChains(driver).send_keys(Keys.TAB).perform()
    raise AssertionError(f"Tab never reached {element.get_attribute('outerHTML')[:120]}")


def press(driver, key):
    ActionChains(driver).send_keys(key).perform()


def root_px(driver) -> float:
    return driver.execute_script("return parseFloat(getComputedStyle(document.documentElement).fontSize)")


def style_of(driver, selector, prop) -> str:
    return driver.execute_script(f"return getComputedStyle(document.querySelector('{selector}'))['{prop}']")


def status(driver) -> str:
    return control(driver, "reading-status").get_attribute("textContent").strip()


def open_tools(driver):
    toggle = control(driver, "reading-toggle")
    tab_to(driver, toggle)
    press(driver, Keys.ENTER)
    assert toggle.get_attribute("aria-expanded") == "true"
    assert control(driver, "reading-tools").is_displayed()


# --- On every page -------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_every_page_has_reading_help_just_under_the_exit_bar(shared_browser, site, pages, kind):
    browser = shared_browser
    open_page(browser, site.url(pages[kind]))
    help_area = area(browser)
    assert help_area.is_displayed()
    assert help_area.get_attribute("aria-label") == "Reading help"
    order = browser.execute_script("""
        var bar = document.querySelector('.exit-bar'), help = arguments[0], header = document.querySelector('.site-header');
        return [bar.contains(help), !!(bar.compareDocumentPosition(help) & Node.DOCUMENT_POSITION_FOLLOWING),
                !!(help.compareDocumentPosition(header) & Node.DOCUMENT_POSITION_FOLLOWING),
                help.getBoundingClientRect().top - bar.getBoundingClientRect().bottom];
    """, help_area)
    assert order[:3] == [False, True, True], "the reading help is not between the exit bar and the header"
    assert 0 <= order[3] < 2, f"the reading help is not right under the exit bar ({order[3]}px)"
    # Real buttons: the toggle says whether it is open; the tools start closed.
    buttons = help_area.find_elements(By.CSS_SELECTOR, "[data-listen], [data-listen-stop], [data-reading-toggle], "
                                                       "[data-text-smaller], [data-text-bigger], [data-readable]")
    assert len(buttons) == 6 and all(b.tag_name == "button" and b.get_attribute("type") == "button" for b in buttons)
    toggle = control(browser, "reading-toggle")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert toggle.get_attribute("aria-controls") == control(browser, "reading-tools").get_attribute("id")
    assert not control(browser, "reading-tools").is_displayed()
    assert control(browser, "readable").get_attribute("aria-pressed") == "false"
    assert control(browser, "listen").is_displayed() and not control(browser, "listen-stop").is_displayed()
    assert browser.find_element(By.CSS_SELECTOR, "label[for='reading-remember']").get_attribute("textContent") == \
        "Remember my settings on this device"
    assert not control(browser, "reading-remember").is_selected()


def test_without_javascript_the_reading_help_is_not_shown(browser_without_js, site, pages):
    open_page(browser_without_js, site.url(pages["module variant"]), javascript=False)
    assert not area(browser_without_js).is_displayed()


# --- Text size -----------------------------------------------------------------------------------


def test_text_size_by_keyboard_scales_the_page_but_not_the_exit_bar(browser, site, pages):
    open_page(browser, site.url(pages["module variant"]))
    base = root_px(browser)
    exit_font = style_of(browser, ".exit-button", "fontSize")
    bar_height = browser.find_element(By.CSS_SELECTOR, ".exit-bar").rect["height"]
    para = float(style_of(browser, "main .content p", "fontSize").rstrip("px"))
    open_tools(browser)
    smaller, bigger = control(browser, "text-smaller"), control(browser, "text-bigger")
    assert smaller.get_attribute("aria-disabled") == "true"
    tab_to(browser, bigger)
    press(browser, Keys.ENTER)
    assert root_px(browser) == pytest.approx(base * 1.25)
    assert float(style_of(browser, "main .content p", "fontSize").rstrip("px")) == pytest.approx(para * 1.25)
    assert style_of(browser, ".exit-button", "fontSize") == exit_font, "the exit bar grew with the text"
    assert status(browser) == "Text size 125%."
    assert control(browser, "text-size-value").text == "125%"
    assert smaller.get_attribute("aria-disabled") == "false"
    for _ in range(5):  # Space works as well as Enter; past the biggest size nothing changes
        press(browser, Keys.SPACE)
    assert root_px(browser) == pytest.approx(base * 2)
    assert browser.find_element(By.CSS_SELECTOR, ".exit-bar").rect["height"] == pytest.approx(bar_height), \
        "the exit bar grew with the text"
    assert bigger.get_attribute("aria-disabled") == "true"
    assert status(browser).startswith("The text is as big as it goes.")
    assert browser.switch_to.active_element == bigger, "the focus left the button"
    tab_to(browser, smaller, backwards=True)
    for _ in range(4):
        press(browser, Keys.ENTER)
    assert root_px(browser) == pytest.approx(base)
    assert smaller.get_attribute("aria-disabled") == "true"
    # Escape closes the tools and puts the focus back on the button that opened them.
    press(browser, Keys.ESCAPE)
    toggle = control(browser, "reading-toggle")
    assert toggle.get_attribute("aria-expanded") == "false" and not control(browser, "reading-tools").is_displayed()
    assert browser.switch_to.active_element == toggle


# --- The easier-to-read style ---------------------------------------------------------------------


def test_easier_to_read_style_follows_the_dyslexia_style_guide(browser, site, pages):
    open_page(browser, site.url(pages["module variant"]))
    before = browser.execute_script("return getComputedStyle(document.body).backgroundColor")
    open_tools(browser)
    readable = control(browser, "readable")
    tab_to(browser, readable)
    press(browser, Keys.ENTER)
    assert readable.get_attribute("aria-pressed") == "true"
    assert status(browser) == "Easier to read style on."
    look = browser.execute_script("""
        var p = getComputedStyle(document.querySelector('main .content p'));
        var size = parseFloat(p.fontSize);
        var bg = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number);
        return {family: p.fontFamily, size: size, line: parseFloat(p.lineHeight) / size,
                letter: parseFloat(p.letterSpacing) / size, word: parseFloat(p.wordSpacing) / size,
                align: p.textAlign, bg: bg};
    """)
    assert look["family"].split(",")[0].strip("\"' ") in ("Verdana", "Tahoma"), look["family"]
    assert look["size"] >= 16, "smaller than 12 pt"
    assert look["line"] >= 1.5, look
    assert look["letter"] == pytest.approx(0.12, abs=0.01), look
    assert look["word"] == pytest.approx(0.16, abs=0.01), look
    assert look["align"] in ("left", "start"), look
    r, g, b = look["bg"][:3]
    assert (r, g, b) != (255, 255, 255) and r >= g > b and r - b >= 15, f"the background is not cream: {look['bg']}"
    assert browser.execute_script("return getComputedStyle(document.body).backgroundColor") != before
    press(browser, Keys.SPACE)
    assert readable.get_attribute("aria-pressed") == "false"
    assert browser.execute_script("return getComputedStyle(document.body).backgroundColor") == before


# --- Nothing kept, unless asked ------------------------------------------------------------------


def test_the_settings_are_not_kept_unless_the_reader_asks(browser, site, pages):
    open_page(browser, site.url(pages["module variant"]))
    open_tools(browser)
    control(browser, "text-bigger").click()
    control(browser, "readable").click()
    assert browser.execute_script("return document.documentElement.className").split() == ["text-size-125", "readable"]
    open_page(browser, site.url(pages["page"]))
    assert root_px(browser) == 16, "the text size was carried to the next page"
    assert not browser.execute_script("return document.documentElement.classList.contains('readable')")
    assert browser.execute_cdp_cmd("Storage.getCookies", {})["cookies"] == []
    assert storage_report(browser) == NOTHING_STORED


def test_remember_keeps_the_settings_and_unticking_removes_them(browser, site, pages):
    open_page(browser, site.url(pages["module variant"]))
    open_tools(browser)
    control(browser, "text-bigger").click()
    control(browser, "text-bigger").click()
    control(browser, "readable").click()
    assert storage_report(browser) == NOTHING_STORED
    remember = control(browser, "reading-remember")
    tab_to(browser, remember)
    press(browser, Keys.SPACE)
    assert remember.is_selected()
    kept = browser.execute_script("var o = {}; for (var i = 0; i < localStorage.length; i++) "
                                  "{ var k = localStorage.key(i); o[k] = localStorage.getItem(k); } return o;")
    assert list(kept) == ["waymark-reading"]
    assert json.loads(kept["waymark-reading"]) == {"size": 2, "readable": True}
    assert "remembered" in status(browser)
    # A change is kept too.
    control(browser, "text-smaller").click()
    assert json.loads(browser.execute_script("return localStorage.getItem('waymark-reading')"))["size"] == 1
    # The next page opens with them, and says so.
    open_page(browser, site.url(pages["parents page"]))
    assert browser.execute_script("return document.documentElement.className").split() == ["text-size-125", "readable"]
    assert control(browser, "reading-remember").is_selected()
    assert control(browser, "readable").get_attribute("aria-pressed") == "true"
    # Unticked, nothing is left, and the next page is back to normal.
    control(browser, "reading-toggle").click()
    control(browser, "reading-remember").click()
    assert not control(browser, "reading-remember").is_selected()
    assert storage_report(browser) == NOTHING_STORED
    assert browser.execute_script("return document.documentElement.classList.contains('readable')"), \
        "unticking should not undo the settings on this page"
    open_page(browser, site.url(pages["home"]))
    assert root_px(browser) == 16
    assert storage_report(browser) == NOTHING_STORED


# --- Listen to this page --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def noted_module(site) -> str:
    """A young people's page with a content note, a take-a-break panel and a glossary link."""
    for address in pages_by_template(site.root)["module"]:
        html = (site.root / address / "index.html").read_text(encoding="utf-8")
        if all(mark in html for mark in ('class="content-note"', 'class="take-a-break"', 'class="glossary-term"')):
            return address
    pytest.fail("no module page of the test site has a content note, a break panel and a glossary link")


def said(driver) -> list[str]:
    return driver.execute_script("return window.__speech.queue.map(function (u) { return u.text; })")


def test_listen_reads_the_main_content_only_and_stop_stops(browser, site, noted_module):
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": FAKE_SPEECH})
    open_page(browser, site.url(noted_module))
    listen, stop = control(browser, "listen"), control(browser, "listen-stop")
    tab_to(browser, listen)
    press(browser, Keys.ENTER)
    texts = said(browser)
    main = browser.find_element(By.TAG_NAME, "main").get_attribute("innerText")
    assert texts and texts[0] == browser.find_element(By.CSS_SELECTOR, "main h1").text
    assert all(t in " ".join(main.split()) for t in texts), "something outside the main content was read"
    spoken = " ".join(texts)
    assert browser.find_element(By.CSS_SELECTOR, ".content-note").text.split("\n")[0] in spoken
    assert browser.find_element(By.CSS_SELECTOR, "main .content p").text in spoken
    assert browser.find_element(By.CSS_SELECTOR, ".take-a-break p").text in spoken
    assert browser.find_element(By.CSS_SELECTOR, ".glossary-term").text in spoken
    for outside in ("#help-title", ".site-footer p", ".site-title", ".breadcrumbs", ".variant-switch h2"):
        text = browser.find_element(By.CSS_SELECTOR, outside).text
        assert text not in texts, f"{outside} ({text!r}) was read"
    assert site.exit_label not in spoken
    assert {browser.execute_script("return arguments[0].lang", u) for u in
            browser.execute_script("return window.__speech.queue")} == {"en-GB"}
    # Stop takes the place of Listen, and the focus with it.
    assert not listen.is_displayed() and stop.is_displayed()
    assert browser.switch_to.active_element == stop
    # The block being read is marked, and only that one.
    browser.execute_script("window.__speech.queue[2].onstart({})")
    marked = browser.find_elements(By.CSS_SELECTOR, ".reading-now")
    assert len(marked) == 1 and " ".join(marked[0].text.split()) == texts[2]
    cancelled = browser.execute_script("return window.__speech.cancelled")
    press(browser, Keys.ENTER)
    assert browser.execute_script("return window.__speech.cancelled") == cancelled + 1
    assert listen.is_displayed() and not stop.is_displayed()
    assert browser.switch_to.active_element == listen
    assert browser.find_elements(By.CSS_SELECTOR, ".reading-now") == []
    assert status(browser) == "Stopped reading."
    # Read to the end: Listen comes back by itself.
    press(browser, Keys.ENTER)
    browser.execute_script("var q = window.__speech.queue; q[0].onstart({}); q[q.length - 1].onend({})")
    assert listen.is_displayed() and not stop.is_displayed()
    assert browser.switch_to.active_element == listen
    assert browser.find_elements(By.CSS_SELECTOR, ".reading-now") == []
    assert storage_report(browser) == NOTHING_STORED


def test_leaving_stops_the_reading_at_once(browser, site, pages, neutral):
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": FAKE_SPEECH})
    open_page(browser, site.url(pages["module variant"]))
    control(browser, "listen").click()
    cancelled = browser.execute_script("return window.__speech.cancelled")
    before = len(neutral.visits())
    neutral.no_content = True  # stay on the page, as it is in the moment of leaving
    try:
        browser.find_element(By.CSS_SELECTOR, "a[data-exit]").click()
        wait_until(browser, lambda d: len(neutral.visits()) > before, "the neutral site was not asked for")
    finally:
        neutral.no_content = False
    assert browser.execute_script("return window.__speech.cancelled") > cancelled


def test_listen_is_not_offered_without_speech_in_the_browser(browser, site, pages):
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": NO_SPEECH})
    open_page(browser, site.url(pages["module variant"]))
    assert not browser.execute_script("return 'speechSynthesis' in window")
    assert area(browser).is_displayed()
    assert not control(browser, "listen").is_displayed()
    assert not control(browser, "listen-stop").is_displayed()
    assert control(browser, "reading-toggle").is_displayed()
