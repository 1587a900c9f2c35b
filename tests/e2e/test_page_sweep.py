"""The page sweep in Chromium: no page any demo role reaches scrolls sideways on a 390-pixel-wide phone.

The pages are found as the text sweep finds them (tests/sweep.py: the role's navigation, then links
one and two levels on); the browser opens a few pages of each URL pattern per role, in each language,
in one browser context per role, and measures the document's width against the window's.
"""

from __future__ import annotations

import io
import time
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command

from tests import sweep

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
PAGES_PER_ROUTE = 1  # pages of one URL pattern opened in the browser, per role and language

# The page's overflow, and the outermost and innermost elements that stick out of the window
# (outside any box that scrolls), named so a person can find them.
MEASURE = """() => {
  const root = document.documentElement, limit = root.clientWidth + 1;
  if (root.scrollWidth <= root.clientWidth) return null;
  const sticksOut = (el) => el.getBoundingClientRect().right > limit;
  const scrolls = (el) => ['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(el).overflowX);
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    [...el.classList].slice(0, 2).map((c) => '.' + c).join('') +
    ' (' + Math.round(el.getBoundingClientRect().right) + ' px)';
  const free = (el) => {  // not inside a box that scrolls or clips its content
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) if (scrolls(up)) return false;
    return true;
  };
  const all = [...document.body.querySelectorAll('*')].filter((el) => sticksOut(el) && free(el));
  const outer = all.filter((el) => !el.parentElement || !all.includes(el.parentElement));
  const inner = all.filter((el) => ![...el.children].some((child) => all.includes(child)));
  return {
    scrollWidth: root.scrollWidth, clientWidth: root.clientWidth,
    culprits: [...new Set([...outer.slice(0, 2), ...inner.slice(0, 2)])].map(name),
  };
}"""


def _static_from_memory(context: Any, cache: dict[str, Any]) -> None:
    """Serve each static file from memory after its first fetch: the sweep measures pages, not the file server."""

    def serve(route: Any) -> None:
        url = route.request.url
        if url not in cache:
            response = route.fetch()
            cache[url] = {"status": response.status, "headers": response.headers, "body": response.body()}
        route.fulfill(**cache[url])

    context.route("**/static/**", serve)


def _context(browser: Any, live_server: Any, key: str, cache: dict[str, Any]) -> Any:
    """A phone-sized browser context signed in as the demo account (the session of a test client)."""
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, device_scale_factor=1)
    context.set_default_timeout(15_000)
    _static_from_memory(context, cache)
    if key != "anonymous":
        client = sweep.role_client(key, "en")
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])
    return context


def test_no_page_of_any_demo_role_scrolls_sideways_at_390_px(browser, live_server, e2e_db, settings, tmp_path):
    started = time.monotonic()
    # given the demo as `make demo` loads it, and a what-if run
    settings.SNAPSHOT_ROOT = tmp_path / "snapshots"
    call_command("load_demo", stdout=io.StringIO())
    sweep.demo_extras()
    problems: list[str] = []
    routes: set[str] = set()
    opened = 0
    static: dict[str, Any] = {}
    for key in sweep.seat_keys():
        # when each role's pages, found from its navigation, open on a phone in each language
        visits = sweep.crawl(sweep.role_client(key, "en"), per_route=PAGES_PER_ROUTE)
        paths = sweep.representatives(visits, per_route=PAGES_PER_ROUTE)
        routes |= {sweep.route_of(path) for path in paths}
        context = _context(browser, live_server, key, static)
        page = context.new_page()
        for language in sweep.LANGUAGES:
            context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}])
            for path in paths:
                page.goto(path)
                opened += 1
                if urlsplit(page.url).path != urlsplit(path).path:  # e.g. a session the browser lost
                    problems.append(f"{path[:60]} — {key}, {language}: the browser was sent to {page.url}")
                    continue
                overflow = page.evaluate(MEASURE)
                if overflow:
                    problems.append(
                        f"{sweep.route_of(path)} {path[:60]} — {key}, {language}: {overflow['scrollWidth']} px wide "
                        f"in {overflow['clientWidth']} px; sticking out: {', '.join(overflow['culprits']) or '?'}"
                    )
        context.close()

    # then the dashboards, the pathways and the statement were among them, and none scrolls sideways
    assert {"web:home", "web:pathways", "web:insurance_statement", "web:case_detail"} <= routes, routes
    elapsed = time.monotonic() - started
    assert not problems, (
        f"{len(problems)} of {opened} pages scroll sideways at 390 px ({elapsed:.0f} s):\n" + "\n".join(problems)
    )
