"""One screen to what to do (issue 24), tried as the readers would, on the shipped site served over
HTTP, on a 390 x 844 phone (emulated: headless Chromium will not open a window narrower than
500 px):

- every young people's module page opens with its what-to-do-now box (`data-now`) in the first 1.5
  screens, is at most 8 screens long, and lists its parts near the top when it has three or more;
- a part folded with `::: more` opens with a tap or a key, and works without scripts;
- /young-people/ asks in young people's words and leads to the right level for each age;
- a facilitator reaches the programmes from the home page, /professionals/ and the footer;
- the parents' landing page shows its tonight checklist in the first screen, numbers to tap;
- every 999, 101 and 111 a reader sees on screen can be tapped;
- the whole site's search says whom each result is for and puts the asker's pages first.
"""

from __future__ import annotations

import re

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from waymarksite import WAIT, open_page, pages_by_template, reset_viewport, set_viewport

PHONE = (390, 844)


@pytest.fixture
def phone(shared_browser):
    set_viewport(shared_browser, *PHONE, touch=True)
    yield shared_browser
    reset_viewport(shared_browser)


def module_pages(site):
    return [p for p in pages_by_template(site.root).get("module", []) if p.startswith("young-people/")]


def screens(driver):
    return driver.execute_script("return document.documentElement.scrollHeight / innerHeight")


def test_every_module_page_opens_with_what_to_do_now_and_fits_in_eight_screens(phone, shipped):
    pages = module_pages(shipped)
    assert len(pages) >= 36
    late, long, missing = [], [], []
    for page in pages:
        open_page(phone, shipped.url(page))
        top = phone.execute_script("""
            const box = document.querySelector('[data-now]');
            return box ? (box.getBoundingClientRect().top + scrollY) / innerHeight : null;""")
        if top is None:
            missing.append(page)
        elif top > 1.5:
            late.append(f"{page}: box at {top:.2f} screens")
        height = screens(phone)
        if height > 8.0:
            long.append(f"{page}: {height:.1f} screens")
    assert not missing, "pages without a what-to-do-now box:\n" + "\n".join(missing)
    assert not late, "boxes below the first 1.5 screens:\n" + "\n".join(late)
    assert not long, "pages longer than 8 screens at 390 px:\n" + "\n".join(long)


def test_the_now_box_holds_three_to_five_steps_and_a_route_that_answers(phone, shipped):
    for page in module_pages(shipped):
        open_page(phone, shipped.url(page))
        box = phone.find_element(By.CSS_SELECTOR, "[data-now]")
        steps = box.find_elements(By.CSS_SELECTOR, ":scope > ol > li, :scope > ul > li")
        assert 3 <= len(steps) <= 5, f"{page}: {len(steps)} steps"
        # The box is labelled by its heading, so a screen reader announces what it is.
        assert box.get_attribute("aria-labelledby") == "now-title"
        assert box.find_elements(By.CSS_SELECTOR, "a[href^='tel:'], a[href^='sms:'], a[href^='http'], a[href]"), \
            f"{page}: the box names no route to tap"


def test_long_pages_list_their_parts_near_the_top(phone, shipped):
    checked = 0
    for page in module_pages(shipped):
        open_page(phone, shipped.url(page))
        parts = phone.find_elements(By.CSS_SELECTOR, "main .content h2")
        contents = phone.find_elements(By.CSS_SELECTOR, "nav.contents a")
        if len(parts) < 3:
            continue
        checked += 1
        assert contents, f"{page}: {len(parts)} parts and no contents list"
        # Each entry leads to a heading of the page, and the list sits in the first two screens.
        for link in contents:
            target = link.get_attribute("href").split("#", 1)[1]
            assert phone.find_elements(By.ID, target), f"{page}: #{target} leads nowhere"
        top = phone.execute_script("return (document.querySelector('nav.contents').getBoundingClientRect().top + scrollY) / innerHeight")
        assert top < 2.5, f"{page}: contents list at {top:.1f} screens"
    assert checked >= 10


def test_a_folded_part_opens_by_tap_and_by_key_and_without_scripts(phone, shipped, browser_without_js):
    page = next((p for p in module_pages(shipped)
                 if 'class="more"' in (shipped.root / p / "index.html").read_text(encoding="utf-8")), None)
    assert page, "no page folds a part"
    open_page(phone, shipped.url(page))
    part = phone.find_element(By.CSS_SELECTOR, "details.more")
    summary = part.find_element(By.CSS_SELECTOR, "summary")
    assert part.get_attribute("open") is None
    # Its heading is in the summary: a screen reader finds it among the page's headings.
    assert summary.find_elements(By.CSS_SELECTOR, "h2, h3, h4")
    summary.click()
    assert part.get_attribute("open") is not None
    summary.send_keys(Keys.ENTER)
    assert part.get_attribute("open") is None
    # Without scripts the same part opens with a click.
    set_viewport(browser_without_js, *PHONE, touch=True)
    open_page(browser_without_js, shipped.url(page), javascript=False)
    plain = browser_without_js.find_element(By.CSS_SELECTOR, "details.more")
    plain.find_element(By.CSS_SELECTOR, "summary").click()
    assert plain.get_attribute("open") is not None
    assert plain.find_element(By.CSS_SELECTOR, ".more-content").is_displayed()


def test_young_people_choose_their_part_in_their_own_words_without_a_worker(phone, shipped):
    open_page(phone, shipped.url("young-people/"))
    text = phone.find_element(By.TAG_NAME, "main").text
    assert "your worker will tell you" not in text.lower()
    choices = phone.find_elements(By.CSS_SELECTOR, "section.level-choice")
    assert [c.get_attribute("data-level") for c in choices] == ["protection", "risk-reduction", "recovery"]
    words = {c.get_attribute("data-level"): c.find_element(By.CSS_SELECTOR, "h3").text.lower() for c in choices}
    assert "happening now" in words["risk-reduction"]
    assert "learn the signs" in words["protection"]
    assert "safe now" in words["recovery"]
    # Each answer leads to its level for each age: the 14-year-old's "happening now" is Staying safe now, 14-16.
    for choice in choices:
        level = choice.get_attribute("data-level")
        links = [a.get_attribute("href") for a in choice.find_elements(By.CSS_SELECTOR, ".tier-links a")]
        assert [l.split("/young-people/")[1] for l in links] == [f"{level}/{t}/" for t in ("11-13", "14-16", "17-19")]
    # All three choices are on the first two screens.
    bottom = phone.execute_script("const s = document.querySelectorAll('section.level-choice'); return s[s.length - 1].getBoundingClientRect().bottom / innerHeight")
    assert bottom < 2.2, f"the last choice ends at {bottom:.1f} screens"


def test_a_facilitator_reaches_the_programmes_from_the_home_page_professionals_and_the_footer(phone, shipped):
    open_page(phone, shipped.url(""))
    phone.find_element(By.PARTIAL_LINK_TEXT, "group sessions").click()
    WebDriverWait(phone, WAIT).until(lambda b: b.current_url.endswith("/facilitators/"))
    programmes = [a.get_attribute("href") for a in phone.find_elements(By.CSS_SELECTOR, "main a")
                  if re.search(r"/facilitators/[a-z-]+/\d+-\d+/$", a.get_attribute("href") or "")]
    assert programmes, "the facilitators' page links no programme"
    open_page(phone, shipped.url("professionals/"))
    listed = phone.find_elements(By.CSS_SELECTOR, ".programme-links a")
    assert len(listed) >= 9
    listed[0].click()
    WebDriverWait(phone, WAIT).until(lambda b: re.search(r"/facilitators/[a-z-]+/\d+-\d+/$", b.current_url))
    assert "session" in phone.find_element(By.TAG_NAME, "main").text.lower()
    # Every page's footer leads there too.
    open_page(phone, shipped.url("help/"))
    footer = [a.get_attribute("href") for a in phone.find_elements(By.CSS_SELECTOR, "footer.site-footer a")]
    assert any(h.endswith("/facilitators/") for h in footer)


def test_the_parents_first_screen_is_what_to_do_tonight_with_numbers_to_tap(phone, shipped):
    open_page(phone, shipped.url("parents-and-carers/"))
    box = phone.find_element(By.CSS_SELECTOR, "[data-now]")
    top = phone.execute_script("return (arguments[0].getBoundingClientRect().top + scrollY) / innerHeight", box)
    assert top < 1.0, f"the tonight checklist starts at {top:.2f} screens"
    text = box.text.lower()
    assert "999" in text and "101" in text and "missing" in text
    taps = [a.get_attribute("href") for a in box.find_elements(By.CSS_SELECTOR, "a[href^='tel:']")]
    assert "tel:999" in taps and "tel:101" in taps
    summary = phone.find_element(By.CSS_SELECTOR, "main .lead").text.lower()
    assert "criminal" in summary and "county lines" in summary


def test_the_help_page_shows_the_readers_routes_in_its_first_two_screens(phone, shipped):
    open_page(phone, shipped.url("help/"))
    box = phone.find_element(By.CSS_SELECTOR, "[data-now]")
    bottom = phone.execute_script("return (arguments[0].getBoundingClientRect().bottom + scrollY) / innerHeight", box)
    assert bottom <= 2.0, f"the routes end at {bottom:.2f} screens"
    taps = [a.get_attribute("href") for a in box.find_elements(By.CSS_SELECTOR, "a[href^='tel:'], a[href^='sms:']")]
    # 999, Childline, Samaritans, Shout and an adults' line, each one tap away.
    for number in ("tel:999", "tel:08001111", "tel:116123", "sms:85258", "tel:08085002222"):
        assert number in taps, f"{number} not in the first screens: {taps}"
    # A call log is a trace: the page says so beside the numbers, with the way to cover tracks.
    near = phone.execute_script("return arguments[0].nextElementSibling.textContent", box).lower()
    assert "call log" in near and "cover your tracks" in near


def test_every_emergency_number_a_reader_sees_can_be_tapped(phone, shipped):
    pages = ["parents-and-carers/", "help/", "young-people/risk-reduction/14-16/staying-safe/",
             "parents-and-carers/if-you-are-worried/"]
    for page in pages:
        open_page(phone, shipped.url(page))
        bare = phone.execute_script(r"""
            const found = [];
            const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
              const node = walker.currentNode;
              if (node.parentElement.closest('a, h1, h2, h3, h4, summary, [hidden], .script-strings')) continue;
              const m = node.textContent.match(/(^|[^\w])(999|101|111)(?![\w])/);
              if (m) found.push(node.textContent.trim().slice(0, 80));
            }
            return found;""")
        assert not bare, f"{page}: numbers that cannot be tapped: {bare}"


# The whole site's search, from the home page's Search: whose page should come first for the words
# each reader types.
SITE_QUERIES = [
    ("he gets angry if i dont reply", {"young-people"}),
    ("my boyfriend checks my phone", {"young-people"}),
    ("nudes", {"young-people"}),
    ("sextortion", {"young-people"}),
    ("someone is threatening to share my pics", {"young-people"}),
    ("is it my fault", {"young-people"}),
    ("he says i owe him", {"young-people"}),
    ("how do i say no", {"young-people"}),
    ("someone touched me", {"young-people", "everyone"}),
    ("i want to hurt myself", {"young-people", "everyone"}),
    ("my son keeps going missing", {"parents"}),
    ("my daughter has an older boyfriend", {"parents"}),
    ("signs my child is being groomed", {"parents"}),
    ("how do i talk to my child", {"parents"}),
    ("my son has a second phone and new trainers", {"parents"}),
    ("looking after myself as a parent", {"parents"}),
    ("session plan", {"facilitators"}),
    ("worksheet", {"facilitators"}),
    ("facilitator", {"facilitators"}),
    ("printable pack", {"facilitators"}),
    ("group session on consent", {"facilitators"}),
    ("cover your tracks", {"everyone"}),
]


def audience(href: str) -> str:
    path = href.split("/", 3)[-1]
    for prefix, who in (("young-people/", "young-people"), ("parents-and-carers/", "parents"), ("facilitators/", "facilitators")):
        if path.startswith(prefix):
            return who
    return "everyone"


def test_the_whole_sites_search_puts_the_askers_pages_first_and_says_whom_each_is_for(shared_browser, shipped):
    from test_search_words import search
    assert len(SITE_QUERIES) >= 20
    misses = []
    for query, expected in SITE_QUERIES:
        b = search(shared_browser, shipped, "search/", query)
        results = b.find_elements(By.CSS_SELECTOR, "[data-search-results] > li")
        first = audience(results[0].find_element(By.CSS_SELECTOR, "a").get_attribute("href")) if results else "nothing"
        if first not in expected:
            misses.append(f"{query!r}: first result is for {first}")
        # Every result says whom it is for; young people's results link to each age's version.
        for li in results[:5]:
            assert li.find_element(By.CSS_SELECTOR, ".search-for").text.startswith("For ")
            href = li.find_element(By.CSS_SELECTOR, "a").get_attribute("href")
            if re.search(r"/young-people/[a-z-]+/\d+-\d+/", href):
                ages = [a.get_attribute("href") for a in li.find_elements(By.CSS_SELECTOR, ".search-ages a")]
                assert len(ages) >= 2 and all(re.search(r"/young-people/[a-z-]+/\d+-\d+/[a-z-]+/$", a) for a in ages), ages
    held = len(SITE_QUERIES) - len(misses)
    assert held / len(SITE_QUERIES) >= 0.9, f"{held} of {len(SITE_QUERIES)} held; missed:\n" + "\n".join(misses)


def test_the_whole_sites_search_fetches_the_same_files_whatever_is_typed(shared_browser, shipped):
    from waymarksite import network_requests
    from test_search_words import search
    b = shared_browser
    fetched = []
    for query in ("nudes", "my son keeps going missing"):
        b.get("about:blank")
        network_requests(b)  # start with an empty log
        search(b, shipped, "search/", query)
        fetched.append(sorted(u for u in network_requests(b) if u.endswith(".json")))
    assert fetched[0] == fetched[1]
    assert any("young-people-14-16.json" in u for u in fetched[0])
