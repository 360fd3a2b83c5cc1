"""Search that finds what a young person types (issue 19), tried as they would: on the shipped
site served over HTTP, typing into the search box of their own level and tier's search page.

- a misspelt word finds its page, and the page says "Did you mean" with the corrected word;
- a young person's own word ("nudes", "pics") finds the page that uses the site's word;
- the reader's own level comes first; another level's version is below, labelled with its name;
- each result shows a passage with the matched words marked, built as text (no markup from the index);
- the address never changes, and nothing is stored.
Then a set of queries written the way young people write, each with the pages that should
answer it: at least 90% must find one of them in the top three.
"""

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from waymarksite import WAIT


def search(browser, site, page, query):
    """Types `query` into the search box of `page` and waits for the results to settle."""
    if browser.current_url != site.url(page):
        browser.get(site.url(page))
        WebDriverWait(browser, WAIT).until(
            lambda b: b.find_element(By.ID, "search-words").is_displayed()
            and b.execute_script("return document.querySelector('[data-search-status]') !== null"))
    box = browser.find_element(By.ID, "search-words")
    box.clear()
    box.send_keys(query)
    WebDriverWait(browser, WAIT).until(
        lambda b: b.find_element(By.CSS_SELECTOR, "[data-search-status]").get_attribute("textContent").strip() != "")
    return browser


def own(browser):
    return [li for li in browser.find_elements(By.CSS_SELECTOR, "[data-search-results] > li")]


def others(browser):
    return [li for li in browser.find_elements(By.CSS_SELECTOR, "[data-search-others] > li")]


def href(li):
    return li.find_element(By.CSS_SELECTOR, "a").get_attribute("href")


def suggestion(browser):
    element = browser.find_element(By.CSS_SELECTOR, "[data-search-suggestion]")
    return element.text if element.is_displayed() else ""


P1113 = "young-people/protection/11-13/search/"


def test_a_misspelt_word_finds_its_page_and_says_did_you_mean(shared_browser, shipped):
    b = search(shared_browser, shipped, P1113, "gromming")
    assert "Did you mean: grooming" in suggestion(b)
    assert "/protection/11-13/grooming-or-love/" in href(own(b)[0])
    search(b, shipped, P1113, "secrit")
    assert "Did you mean: secret" in suggestion(b)
    assert own(b), "a close word must still find pages"
    # A word spelt right gets no suggestion.
    search(b, shipped, P1113, "grooming")
    assert suggestion(b) == ""


def test_a_young_persons_word_finds_the_page_that_uses_the_sites(shared_browser, shipped):
    b = search(shared_browser, shipped, P1113, "nudes")
    urls = [href(li) for li in own(b)[:3]]
    assert any("/grooming-or-love/" in u or "/safe-relationships/" in u for u in urls), urls
    # The passage shows where: the site's word is marked, though the reader typed their own.
    marks = [m.text.lower() for m in own(b)[0].find_elements(By.CSS_SELECTOR, ".search-passage mark")]
    assert marks and set(marks) <= {"nude", "image", "images", "photo", "photos", "picture", "pictures"}, marks


def test_the_readers_own_level_comes_first_and_others_are_labelled(shared_browser, shipped):
    b = search(shared_browser, shipped, P1113, "grooming")
    mine = own(b)
    assert "/protection/11-13/grooming-or-love/" in href(mine[0])
    # No page of another level sits among the reader's own results ...
    assert all("/risk-reduction/" not in href(li) and "/recovery/" not in href(li) for li in mine)
    # ... they come below, each labelled with its level's name for young people.
    rest = others(b)
    assert rest, "the other levels' versions are shown below"
    assert b.find_element(By.CSS_SELECTOR, "[data-search-others-title]").is_displayed()
    labels = [li.find_element(By.CSS_SELECTOR, ".search-level").text for li in rest]
    assert all(label in ("(Staying safe now)", "(Moving forward)") for label in labels), labels
    titles = [(li.find_element(By.CSS_SELECTOR, "a").text, li.find_element(By.CSS_SELECTOR, ".search-level").text) for li in rest]
    assert len(set(titles)) == len(titles), "two results look the same"


def test_each_result_has_a_passage_with_the_match_marked_as_text(shared_browser, shipped):
    b = search(shared_browser, shipped, P1113, "secret")
    for li in own(b)[:5]:
        passage = li.find_element(By.CSS_SELECTOR, ".search-passage")
        assert [m.text.lower() for m in passage.find_elements(By.CSS_SELECTOR, "mark")][:1] == ["secret"]
        # Only text and <mark> elements: nothing from the index is inserted as markup.
        kinds = b.execute_script("return Array.from(arguments[0].childNodes).map(n => n.nodeType === 3 ? '#text' : n.tagName)", passage)
        assert set(kinds) <= {"#text", "MARK"}, kinds


def test_the_address_never_changes_and_nothing_is_kept(shared_browser, shipped):
    b = shared_browser
    b.get(shipped.url(P1113))
    start, history = b.current_url, b.execute_script("return history.length")
    for query in ("someone wants pics", "blackmail\n", "gromming"):
        search(b, shipped, P1113, query)
        assert b.current_url == start
    assert b.execute_script("return history.length") == history
    assert b.execute_script("return localStorage.length + sessionStorage.length") == 0
    assert b.get_cookies() == []


# Queries written the way young people write: misspellings, slang, half-typed words and whole
# questions, each on the search page of the reader it is likely to come from, with the pages (by
# the end of their address) that answer it.
QUERIES = [
    ("protection/11-13", "gromming", ["grooming-or-love/"]),
    ("protection/11-13", "secrit", ["grooming-or-love/", "safe-relationships/"]),
    ("protection/11-13", "nudes", ["grooming-or-love/", "safe-relationships/"]),
    ("protection/11-13", "someone wants pics", ["grooming-or-love/", "safe-relationships/"]),
    ("protection/11-13", "is it my fault", ["not-your-fault/"]),
    ("protection/11-13", "scared to tell", ["not-your-fault/", "staying-safe/", "help/", "grooming-or-love/"]),
    ("protection/11-13", "who can i talk to", ["help/", "contact/", "staying-safe/"]),
    ("protection/11-13", "run away", ["staying-safe/"]),
    ("protection/11-13", "he says i owe him", ["staying-safe/", "grooming-or-love/", "not-your-fault/"]),
    ("protection/11-13", "older boyfriend", ["grooming-or-love/", "safe-relationships/"]),
    ("protection/11-13", "what is consent", ["safe-relationships/"]),
    ("protection/11-13", "keep safe onlin", ["staying-safe/"]),
    ("protection/11-13", "i want to hurt myself", ["not-your-fault/", "help/"]),
    ("protection/11-13", "presents", ["grooming-or-love/"]),
    ("protection/14-16", "blackmail", ["grooming-or-love/", "not-your-fault/"]),
    ("protection/14-16", "sextortion", ["grooming-or-love/", "not-your-fault/"]),
    ("protection/14-16", "someone is threatening to leak my pics", ["grooming-or-love/", "not-your-fault/", "safe-relationships/"]),
    ("protection/14-16", "county lines", ["staying-safe/", "not-your-fault/"]),
    ("protection/14-16", "carrying drugs", ["staying-safe/", "not-your-fault/"]),
    ("protection/14-16", "age of concent", ["safe-relationships/"]),
    ("protection/14-16", "position of trust", ["safe-relationships/"]),
    ("protection/14-16", "deepfake", ["grooming-or-love/", "not-your-fault/"]),
    ("protection/14-16", "sexting", ["grooming-or-love/", "safe-relationships/", "not-your-fault/"]),
    ("risk-reduction/14-16", "im being blackmailed", ["grooming-or-love/", "not-your-fault/", "safe-relationships/"]),
    ("risk-reduction/14-16", "he wants me to hide a bag", ["staying-safe/", "not-your-fault/"]),
    ("risk-reduction/14-16", "went missing", ["staying-safe/"]),
    ("risk-reduction/14-16", "safty plan", ["staying-safe/"]),
    ("risk-reduction/14-16", "raped", ["staying-safe/", "help/"]),
    ("recovery/17-19", "its my fault", ["not-your-fault/"]),
    ("recovery/17-19", "revenge porn", ["help/", "safe-relationships/", "grooming-or-love/", "not-your-fault/", "staying-safe/"]),
    ("recovery/17-19", "sexual asault", ["staying-safe/", "help/"]),
    ("recovery/17-19", "suicidal", ["not-your-fault/", "help/"]),
    ("recovery/17-19", "im gay", ["not-your-fault/", "safe-relationships/"]),
    ("recovery/17-19", "snapchat", ["grooming-or-love/", "staying-safe/", "safe-relationships/"]),
]


def test_young_peoples_queries_find_an_expected_page_in_the_top_three(shared_browser, shipped):
    assert len(QUERIES) >= 30
    misses = []
    for reader, query, expected in QUERIES:
        b = search(shared_browser, shipped, f"young-people/{reader}/search/", query)
        top = [href(li) for li in (own(b) + others(b))[:3]]
        if not any(u.endswith(e) or f"/{reader}/{e}" in u for u in top for e in expected):
            misses.append(f"{reader} {query!r}: {[u.split('/', 3)[-1] for u in top]}")
    found = len(QUERIES) - len(misses)
    assert found / len(QUERIES) >= 0.9, f"{found} of {len(QUERIES)} found an expected page in the top three; missed:\n" + "\n".join(misses)


def test_results_with_passages_and_a_suggestion_pass_axe(shared_browser, shipped, axe):
    from waymarksite import describe_violations, run_axe
    b = search(shared_browser, shipped, P1113, "gromming")
    assert own(b) and others(b) and suggestion(b)
    violations = run_axe(b, axe)
    assert not violations, describe_violations(violations)


# The hard moments of every tier (issue 23): each must find a page that helps, every time, not
# 90% of the time. Words a young person types after an assault, when memories come back at night,
# when time matters, or when they are worried about what they themselves do.
HARD_MOMENTS = [
    ("protection/11-13", "someone touched me", ["not-your-fault/", "help/"]),
    ("risk-reduction/11-13", "touched my private parts", ["not-your-fault/", "help/"]),
    ("recovery/11-13", "he hurt me", ["not-your-fault/", "help/", "staying-safe/"]),
    ("recovery/14-16", "nightmares", ["help/", "not-your-fault/"]),
    ("recovery/17-19", "flashbacks", ["help/", "not-your-fault/"]),
    ("recovery/17-19", "cant sleep", ["help/", "not-your-fault/"]),
    ("risk-reduction/17-19", "morning after pill", ["staying-safe/", "help/", "safe-relationships/"]),
    ("risk-reduction/14-16", "what happens if i report it", ["staying-safe/", "help/"]),
    ("protection/14-16", "worried about my own behaviour", ["safe-relationships/", "help/"]),
]


def test_every_tiers_hard_moments_find_a_page_that_helps(shared_browser, shipped):
    misses = []
    for reader, query, expected in HARD_MOMENTS:
        b = search(shared_browser, shipped, f"young-people/{reader}/search/", query)
        top = [href(li) for li in (own(b) + others(b))[:3]]
        if not any(u.endswith(e) or f"/{reader}/{e}" in u for u in top for e in expected):
            misses.append(f"{reader} {query!r}: {[u.split('/', 3)[-1] for u in top]}")
    assert not misses, "hard moments that found no page that helps:\n" + "\n".join(misses)
