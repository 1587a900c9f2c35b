"""In a browser: the practice checker explains an ended pathway and a closed one in plain words, in three languages."""

from __future__ import annotations

import pytest

from tests.e2e.helpers import switch_language

pytestmark = pytest.mark.e2e

ENDED = {
    "en": "ended on 4 Oct 2026",
    "zh-hans": "已于2026年10月4日结束",
    "zh-hant": "已於2026年10月4日結束",
}


def _check(page, *, field: str, home: str, years: str) -> None:
    page.goto("/practice/check/")
    page.locator("#id_field").select_option(field)
    page.locator("#id_zone").select_option("nine_cities")
    page.locator("#id_home_jurisdiction").select_option(home)
    page.locator("#id_years_of_practice").fill(years)
    page.locator("#id_on").fill("2026-12-01")
    page.locator("#check-form button[type=submit]").click()
    page.wait_for_load_state()


def test_the_checker_says_why_no_pathway_applies_and_what_would_change(new_page, screenshot):
    page = new_page()
    page.set_viewport_size({"width": 390, "height": 900})
    for language in ("en", "zh-hans", "zh-hant"):
        page.goto("/practice/check/")
        switch_language(page, language)
        _check(page, field="lawyer", home="hong_kong", years="2")
        reason = page.locator('#reasons [data-variable="practice_pathway_available"]').inner_text()
        assert ENDED[language] in reason
        assert "[unverified" not in page.locator("main").inner_text()
        assert page.locator("#no-change").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        screenshot(page, f"reading-lawyer-ended-{language}")
    _check(page, field="architect", home="macao", years="5")
    text = page.locator("#reasons").inner_text()
    assert "香港特別行政區" in text and "澳門特別行政區" in text
    assert page.locator("#changes li").count() >= 1
    screenshot(page, "reading-macao-architect-zh-hant")
    page.goto("/practice/pathways/")
    assert page.locator('[data-pathway="lawyer.nine_cities"][data-status="ended"]').is_visible()
    screenshot(page, "reading-pathways-zh-hant")
