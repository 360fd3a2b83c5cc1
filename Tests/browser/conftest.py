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

from waymarksite import (DEFAULT_BINARY, EXTRA_KINDS, FIXTURE_CONTENT, HEADERS_SOURCE, SHIPPED_CONTENT, BuildFailed,
                         CheckerMissing, NeutralSite, Site, SiteHandler, axe_script, build_site, exit_setting, find_pages,
                         neutral_handler, parse_headers_file, serve, start_chrome)


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
def shipped_site(tmp_path_factory, waymark_binary) -> Path:
    """The site built from the shipped Content/, as it is published (its own exit address)."""
    try:
        return build_site(waymark_binary, SHIPPED_CONTENT, tmp_path_factory.mktemp("shipped") / "public")
    except BuildFailed as error:
        # A shipped site that does not build fails CI anyway (.ci/run builds it, and so does
        # ShippedSiteTests); while authors are still writing it, there is no site to check here.
        first = "\n".join(str(error).splitlines()[:4])
        pytest.skip(f"the shipped content does not build, so there is no site to check:\n{first}")


@pytest.fixture(scope="session")
def shipped(shipped_site):
    """The shipped site, served on 127.0.0.1 with the headers of its `_headers` file."""
    rules = parse_headers_file((shipped_site / "_headers").read_text(encoding="utf-8")) \
        if (shipped_site / "_headers").exists() else []
    handler = type("Handler", (SiteHandler,), {"header_rules": rules})
    server = serve(functools.partial(handler, directory=str(shipped_site)))
    label = exit_setting(SHIPPED_CONTENT.joinpath("site.yml").read_text(encoding="utf-8"), "label", "Exit this page")
    url = exit_setting(SHIPPED_CONTENT.joinpath("site.yml").read_text(encoding="utf-8"), "url")
    yield Site(shipped_site, f"http://127.0.0.1:{server.server_port}/", url, label)
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def axe() -> str:
    """axe-core 4.x, fetched once with pip into a cache folder (see waymarksite.axe_script)."""
    try:
        return axe_script()
    except CheckerMissing as error:
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

