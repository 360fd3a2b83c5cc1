"""Things to try, a calm page and the group room (issue 26), tried as their users would, on the
shipped site served over HTTP:

- every young reader (level x tier) meets at least one activity on their pages;
- choosing an answer shows the feedback for that choice, by keyboard with scripts on and by a
  tap with scripts off; nothing is stored, sent or put in the address;
- the calm page's breathing shape moves, stops on its pause control and never moves under
  "reduce motion"; every take-a-break box leads to the reader's calm page;
- the group-room view shows one slide at a time and moves by keyboard, keys in an activity's
  answers staying with the answers; without scripts every slide shows;
- axe finds nothing on an activity (opened, answered), a calm page and the group-room view.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlparse

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from waymarksite import (describe_violations, network_requests, open_page, pages_by_template, run_axe, storage_report,
                         wait_until)

LEVELS = ("protection", "risk-reduction", "recovery")
TIERS = ("11-13", "14-16", "17-19")


def module_pages(site) -> list[str]:
    return [p for p in pages_by_template(site.root).get("module", []) if p.startswith("young-people/")]


def first_with(site, pages, marker: str) -> str:
    page = next((p for p in pages if marker in (site.root / p / "index.html").read_text(encoding="utf-8")), None)
    assert page, f"no page has {marker}"
    return page


def feedback_shown(driver, activity) -> list[str]:
    return [f.text for f in activity.find_elements(By.CSS_SELECTOR, ".activity-feedback") if f.is_displayed()]


def test_every_young_reader_meets_an_activity(shipped):
    readers = {(level, tier): 0 for level in LEVELS for tier in TIERS}
    for page in module_pages(shipped):
        parts = page.split("/")
        html = (shipped.root / page / "index.html").read_text(encoding="utf-8")
        if (parts[1], parts[2]) in readers:
            readers[(parts[1], parts[2])] += html.count("data-activity=")
    assert all(readers.values()), f"readers with no activity: {[r for r, n in readers.items() if not n]}"
    kinds = set()
    for page in module_pages(shipped):
        kinds |= set(re.findall(r'data-activity="(\w+)"', (shipped.root / page / "index.html").read_text(encoding="utf-8")))
    assert kinds == {"scenario", "quiz", "sort"}


def test_choosing_by_keyboard_shows_that_choices_feedback_and_keeps_nothing(shared_browser, shipped):
    driver = shared_browser
    page = first_with(shipped, module_pages(shipped), 'data-activity="scenario"')
    open_page(driver, shipped.url(page))
    address = driver.current_url
    network_requests(driver)  # what the page itself loaded
    activity = driver.find_element(By.CSS_SELECTOR, '[data-activity="scenario"]')
    summary = activity.find_element(By.CSS_SELECTOR, "summary")
    assert activity.get_attribute("open") is None, "folded until tapped"
    summary.send_keys(Keys.ENTER)
    assert activity.get_attribute("open") is not None
    assert feedback_shown(driver, activity) == [], "no feedback before a choice"
    radios = activity.find_elements(By.CSS_SELECTOR, "input[type=radio]")
    feedbacks = activity.find_elements(By.CSS_SELECTOR, ".activity-feedback")
    assert len(radios) == len(feedbacks) >= 2
    radios[0].send_keys(Keys.SPACE)
    assert radios[0].is_selected()
    assert feedback_shown(driver, activity) == [feedbacks[0].text] and feedbacks[0].text
    # The arrow key moves to the next choice, and its feedback takes the place of the first.
    radios[0].send_keys(Keys.ARROW_DOWN)
    assert radios[1].is_selected()
    assert feedback_shown(driver, activity) == [feedbacks[1].text]
    # The feedback sits in a live region, so a screen reader says it when it shows.
    assert activity.find_element(By.CSS_SELECTOR, ".activity-feedbacks").get_attribute("aria-live") == "polite"
    assert driver.current_url == address, "the choice went into the address"
    assert network_requests(driver) == [], "choosing asked a server for something"
    report = storage_report(driver)
    assert report == {"cookie": "", "localStorage": 0, "sessionStorage": 0, "indexedDB": 0, "cacheStorage": 0,
                      "serviceWorkers": 0}, report
    # Going somewhere else and coming back with Back brings no choice back.
    driver.get(shipped.url("help/"))
    driver.back()
    wait_until(driver, lambda d: d.execute_script("return document.readyState") == "complete", "the page did not come back")
    again = driver.find_elements(By.CSS_SELECTOR, '[data-activity="scenario"] input[type=radio]')
    assert again and not any(r.is_selected() for r in again), "a choice came back with Back"


def test_a_quiz_answers_by_tap_without_scripts(browser_without_js, shipped):
    driver = browser_without_js
    page = first_with(shipped, module_pages(shipped), 'data-activity="quiz"')
    open_page(driver, shipped.url(page), javascript=False)
    activity = driver.find_element(By.CSS_SELECTOR, '[data-activity="quiz"]')
    activity.find_element(By.CSS_SELECTOR, "summary").click()
    question = activity.find_elements(By.CSS_SELECTOR, ".activity-question")[0]
    assert not question.find_element(By.CSS_SELECTOR, ".activity-feedback").is_displayed()
    question.find_elements(By.CSS_SELECTOR, "label")[1].click()
    shown = question.find_element(By.CSS_SELECTOR, ".activity-feedback")
    assert shown.is_displayed()
    # It says which answer is right, whichever was chosen.
    assert shown.find_element(By.CSS_SELECTOR, "strong").text.rstrip(".") in ("True", "Myth", "Fact")
    # The next statement is untouched.
    others = activity.find_elements(By.CSS_SELECTOR, ".activity-question")[1]
    assert not others.find_element(By.CSS_SELECTOR, ".activity-feedback").is_displayed()


def calm_pages(shipped) -> list[str]:
    return [p for p in pages_by_template(shipped.root).get("page", [])
            if "data-calm" in (shipped.root / p / "index.html").read_text(encoding="utf-8")]


def test_every_take_a_break_leads_to_the_readers_own_calm_page(shipped):
    calm = calm_pages(shipped)
    assert len(calm) == 3, calm
    for page in module_pages(shipped):
        html = (shipped.root / page / "index.html").read_text(encoding="utf-8")
        tier = page.split("/")[2]
        for box in re.findall(r'<aside class="take-a-break".*?</aside>', html, re.S):
            link = re.search(r'<a class="calm-link" href="([^"]+)"', box)
            assert link, f"{page}: a take-a-break box with no calm link"
            target = urlparse(urljoin(shipped.url(page), link.group(1))).path.strip("/")
            assert target == f"calm-{tier}", f"{page} leads to {target}"
        assert 'class="help-box"' in html and 'class="calm-link"' in html.split('class="help-box"', 1)[1], f"{page}: help box"


def test_the_breathing_shape_moves_pauses_and_keeps_still_under_reduce_motion(shared_browser, shipped):
    driver = shared_browser
    page = calm_pages(shipped)[0]
    style = "var s = getComputedStyle(document.querySelector('.breathe-shape')); return [s.animationName, s.animationPlayState, s.display];"
    try:
        open_page(driver, shipped.url(page))
        name, state, display = driver.execute_script(style)
        assert (name, state) == ("breathe", "running") and display != "none"
        driver.find_element(By.CSS_SELECTOR, ".breathe-pause-label").click()
        assert driver.execute_script(style)[1] == "paused", "the pause control did not stop it"
        # Still by keyboard: the box behind the label takes Space.
        driver.find_element(By.CSS_SELECTOR, ".breathe-pause").send_keys(Keys.SPACE)
        assert driver.execute_script(style)[1] == "running"
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-reduced-motion", "value": "reduce"}]})
        open_page(driver, shipped.url(page))
        name, _, display = driver.execute_script(style)
        assert name == "none" or display == "none", "it moves under reduce motion"
        # What to do stays, in words.
        assert driver.find_element(By.CSS_SELECTOR, ".breathe-steps").is_displayed()
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})


def room_page(shipped) -> str:
    rooms = pages_by_template(shipped.root).get("room", [])
    assert rooms, "no group-room view"
    return first_with(shipped, rooms, 'data-activity="')


def visible_slides(driver) -> int:
    return sum(1 for s in driver.find_elements(By.CSS_SELECTOR, "[data-slide]") if s.is_displayed())


def test_the_group_room_shows_one_slide_at_a_time_by_keyboard(shared_browser, shipped):
    driver = shared_browser
    open_page(driver, shipped.url(room_page(shipped)))
    slides = driver.find_elements(By.CSS_SELECTOR, "[data-slide]")
    assert len(slides) >= 3 and visible_slides(driver) == 1
    count = driver.find_element(By.CSS_SELECTOR, "[data-room-count]")
    assert count.text == f"Slide 1 of {len(slides)}"
    keys = ActionChains(driver)
    keys.send_keys(Keys.ARROW_RIGHT).perform()
    assert count.text == f"Slide 2 of {len(slides)}" and visible_slides(driver) == 1
    assert slides[1].find_elements(By.CSS_SELECTOR, "[data-activity]"), "the second slide is an activity"
    # An arrow key in an activity's answers chooses an answer; the slide stays.
    radio = slides[1].find_element(By.CSS_SELECTOR, "input[type=radio]")
    radio.send_keys(Keys.SPACE)
    radio.send_keys(Keys.ARROW_RIGHT)
    assert count.text == f"Slide 2 of {len(slides)}"
    driver.find_element(By.CSS_SELECTOR, "main").click()
    ActionChains(driver).send_keys(Keys.END).perform()
    assert count.text == f"Slide {len(slides)} of {len(slides)}"
    assert "999" in slides[-1].text, "the last slide says where to get help"
    ActionChains(driver).send_keys(Keys.HOME).perform()
    assert count.text == f"Slide 1 of {len(slides)}"
    driver.find_element(By.CSS_SELECTOR, "[data-room-next]").click()
    assert count.text == f"Slide 2 of {len(slides)}"
    assert urlparse(driver.current_url).fragment == "" and storage_report(driver)["sessionStorage"] == 0


def test_the_group_room_without_scripts_shows_every_slide(browser_without_js, shipped):
    open_page(browser_without_js, shipped.url(room_page(shipped)), javascript=False)
    assert visible_slides(browser_without_js) == len(browser_without_js.find_elements(By.CSS_SELECTOR, "[data-slide]"))


@pytest.mark.parametrize("which", ["activity", "calm", "room"])
def test_axe_finds_nothing_on_an_activity_a_calm_page_and_the_group_room(shared_browser, shipped, axe, which):
    driver = shared_browser
    if which == "activity":
        open_page(driver, shipped.url(first_with(shipped, module_pages(shipped), 'data-activity="sort"')))
        activity = driver.find_element(By.CSS_SELECTOR, "[data-activity]")
        activity.find_element(By.CSS_SELECTOR, "summary").click()
        activity.find_element(By.CSS_SELECTOR, "label").click()
        wait_until(driver, lambda d: feedback_shown(d, activity), "no feedback showed")
    elif which == "calm":
        open_page(driver, shipped.url(calm_pages(shipped)[0]))
    else:
        open_page(driver, shipped.url(room_page(shipped)))
    violations = run_axe(driver, axe)
    assert not violations, describe_violations(violations)
