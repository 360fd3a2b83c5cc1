"""`waymark serve`: the writer's preview, tested as a writer uses it: start it on a free loopback
port, fetch a page, edit a source file and see the change served and a reload event sent, break a
file and see the error while the old page is still served, then stop it with Ctrl-C."""

import os
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WAYMARK = ROOT / ".build" / "debug" / "waymark"

SITE = """title: Preview test
base_url: https://example.org/
tiers:
  - {id: "11-13", label: Ages 11 to 13, ages: [11, 13], reading_grade: 5}
  - {id: "14-16", label: Ages 14 to 16, ages: [14, 16], reading_grade: 6.5}
levels:
  - {id: protection, name: Protection, young_name: Knowing the signs, summary: Signs.}
  - {id: recovery, name: Recovery, young_name: Moving forward, summary: After.}
helplines:
  - {name: Childline, for: Anyone under 19, ages: under-19, purposes: [talk], phone: "0800 1111", audiences: [young-people], verified: 2026-11-01}
exit: {url: "https://www.bbc.co.uk/weather", label: Exit this page}
"""

MODULE = """---
title: Staying safe
---
Everyone reads this first line.

::: tier 11-13
Young readers read this.
:::
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def wait_for(predicate, seconds=15):
    deadline = time.time() + seconds
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    return predicate()


class EventReader(threading.Thread):
    """Reads the server's event stream into a list of (event, data) pairs."""

    def __init__(self, url):
        super().__init__(daemon=True)
        self.url = url
        self.events = []

    def run(self):
        try:
            with urllib.request.urlopen(self.url, timeout=30) as response:
                event, data = None, []
                for raw in response:
                    line = raw.decode("utf-8").rstrip("\n")
                    if line.startswith("event: "):
                        event = line[7:]
                    elif line.startswith("data: "):
                        data.append(line[6:])
                    elif line == "" and event:
                        self.events.append((event, "\n".join(data)))
                        event, data = None, []
        except Exception:
            pass


@pytest.fixture
def preview(tmp_path):
    assert WAYMARK.exists(), "build waymark first (swift build)"
    content = tmp_path / "Content"
    (content / "modules").mkdir(parents=True)
    (content / "site.yml").write_text(SITE)
    (content / "modules" / "staying-safe.md").write_text(MODULE)
    port = free_port()
    process = subprocess.Popen(
        [str(WAYMARK), "serve", "--content", str(content), "--templates", str(ROOT / "Templates"), "--port", str(port)],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    assert wait_for(lambda: _up(base)), "the preview server did not start"
    yield process, base, content
    if process.poll() is None:
        process.kill()
        process.wait()


def _up(base):
    try:
        return fetch(base + "/")[0] == 200
    except OSError:
        return False


PAGE = "/young-people/protection/11-13/staying-safe/"


def test_serves_the_site_with_the_reload_script(preview):
    _, base, _ = preview
    status, html = fetch(base + PAGE)
    assert status == 200
    assert "Young readers read this." in html
    assert '<script src="/__waymark/live.js"></script>' in html
    assert fetch(base + "/nowhere/")[0] == 404
    status, script = fetch(base + "/__waymark/live.js")
    assert status == 200 and "EventSource" in script


def test_head_answers_like_get_without_the_body(preview):
    _, base, _ = preview
    for path, expected in (("/", 200), (PAGE, 200), ("/nowhere/", 404)):
        request = urllib.request.Request(base + path, method="HEAD")
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                status, headers, body = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, headers, body = error.code, error.headers, error.read()
        assert status == expected, path
        assert body == b"", path
        assert headers["Content-Type"].startswith("text/html"), path
        get_status, get_body = fetch(base + path)
        assert get_status == expected
        assert int(headers["Content-Length"]) == len(get_body.encode("utf-8")), path


def test_a_change_is_served_and_open_pages_are_told_to_reload(preview):
    _, base, content = preview
    reader = EventReader(base + "/__waymark/events")
    reader.start()
    assert wait_for(lambda: reader.events), "no first event"
    (content / "modules" / "staying-safe.md").write_text(MODULE.replace("Young readers read this.", "Edited while serving."))
    assert wait_for(lambda: "Edited while serving." in fetch(base + PAGE)[1])
    assert wait_for(lambda: any(event == "reload" for event, _ in reader.events))


def test_a_broken_file_shows_its_error_and_the_old_page_stays(preview):
    _, base, content = preview
    reader = EventReader(base + "/__waymark/events")
    reader.start()
    assert wait_for(lambda: reader.events)
    (content / "modules" / "staying-safe.md").write_text("---\ntitle: [oops\n---\nBroken.\n")
    errors = wait_for(lambda: [data for event, data in reader.events if event == "error"])
    assert errors and "staying-safe.md:2:1: error:" in errors[0]
    status, html = fetch(base + PAGE)
    assert status == 200 and "Young readers read this." in html


def test_ctrl_c_stops_it_cleanly_even_with_a_page_open(preview):
    process, base, _ = preview
    reader = EventReader(base + "/__waymark/events")
    reader.start()
    assert wait_for(lambda: reader.events)
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=10) == 0
    assert "Stopped." in process.stdout.read()


def test_a_port_in_use_is_a_clear_error(preview, tmp_path):
    _, base, content = preview
    port = base.rsplit(":", 1)[1]
    result = subprocess.run([str(WAYMARK), "serve", "--content", str(content), "--templates", str(ROOT / "Templates"),
                             "--port", port], capture_output=True, text=True, timeout=30)
    assert result.returncode == 1
    assert f"port {port} on 127.0.0.1 is already in use" in result.stderr
