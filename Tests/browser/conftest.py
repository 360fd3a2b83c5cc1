"""Browser tests of the site's safety features: Exit this page, nothing leaving the site, nothing
stored, print. Run them from the repository root with: python3 -m pytest Tests/browser -q

The site is built with the already-built `waymark` binary from a content folder (by default the
stable fixture in fixture-content/; `--content DIR` or WAYMARK_TEST_CONTENT=DIR builds another,
such as the shipped Content/). Its `exit: url:` is rewritten to a neutral page served by these
tests on another loopback port, so nothing ever leaves 127.0.0.1.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import pytest

from waymarksite import (DEFAULT_BINARY, EXTRA_KINDS, FIXTURE_CONTENT, HEADERS_SOURCE, BuildFailed, NeutralSite,
                         Site, SiteHandler, build_site, exit_setting, find_pages, neutral_handler, parse_headers_file, serve,
                         start_chrome)


def pytest_addoption(parser):
    group = parser.getgroup("waymark")
    group.addoption("--content", default=os.environ.get("WAYMARK_TEST_CONTENT"),
                    help="content folder to build for the browser tests (default: Tests/browser/fixture-content)")
    group.addoption("--waymark", default=os.environ.get("WAYMARK_BIN"),
                    help="the waymark binary (default: .build/debug/waymark)")


# ---------------------------------------------------------------------------------------------
# Fixtures: a site built once per run, served on 127.0.0.1


@pytest.fixture(scope="session")
def waymark_binary(pytestconfig) -> Path:
    option = pytestconfig.getoption("--waymark")
    return Path(option).resolve() if option else DEFAULT_BINARY


@pytest.fixture(scope="session")
def content_dir(pytestconfig) -> Path:
    option = pytestconfig.getoption("--content")
    path = Path(option).resolve() if option else FIXTURE_CONTENT
    assert (path / "site.yml").is_file(), f"{path} is not a content folder (no site.yml)"
    return path


@pytest.fixture(scope="session")
def neutral():
    state = NeutralSite()
    server = serve(neutral_handler(state))
    state.url = f"http://127.0.0.1:{server.server_port}/neutral.html"
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, waymark_binary, content_dir, neutral) -> Path:
    """The site the browser tests use, with its exit address on the neutral local server."""
    out = tmp_path_factory.mktemp("site") / "public"
    try:
        return build_site(waymark_binary, content_dir, out, exit_url=neutral.url)
    except BuildFailed as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture(scope="session")
def header_rules(built_site):
    """The `_headers` rules the test server applies: the built site's own when the builder has
    copied it there, otherwise Templates/static/_headers."""
    source = built_site / "_headers"
    if not source.exists():
        source = HEADERS_SOURCE
    return parse_headers_file(source.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def site(built_site, header_rules, neutral, content_dir):
    handler = type("Handler", (SiteHandler,), {"header_rules": header_rules})
    server = serve(functools.partial(handler, directory=str(built_site)))
    label = exit_setting((content_dir / "site.yml").read_text(encoding="utf-8"), "label", "Exit this page")
    yield Site(built_site, f"http://127.0.0.1:{server.server_port}/", neutral.url, label)
    server.shutdown()
    server.server_close()


class Pages(dict):
    """The address of a page of each kind: pages["module variant"]. A kind the site does not have
    fails the test, or skips it for the kinds that need worksheets, sessions or a language list."""

    def __missing__(self, kind):
        if kind in EXTRA_KINDS:
            pytest.skip(f"the site has no {kind} page")
        pytest.fail(f"the built site has no {kind} page", pytrace=False)


@pytest.fixture(scope="session")
def pages(built_site) -> Pages:
    return Pages({k: v for k, v in find_pages(built_site).items() if v is not None})


@pytest.fixture
def browser():
    driver = start_chrome()
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def shared_browser():
    """One browser for the tests of a module that only load a page and look at it (starting
    Chromium for each would take most of the run). Its cache is off, so every load asks the
    server for everything again."""
    driver = start_chrome()
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    yield driver
    driver.quit()


@pytest.fixture
def browser_without_js():
    driver = start_chrome(javascript=False)
    yield driver
    driver.quit()

