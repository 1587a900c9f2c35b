"""In a browser: a refused decision shows the actions open now, one error box, and words in each language."""

from __future__ import annotations

import re

import pytest

from talentbridge.accounts.models import Role
from talentbridge.casework import services
from tests.casework.filing import case_factory
from tests.e2e.helpers import decide, sign_in, switch_language

pytestmark = pytest.mark.e2e


def test_a_refused_decision_reads_like_the_fresh_page(new_page, make_user, screenshot, settings, tmp_path):
    settings.DOCUMENT_ROOT = tmp_path / "documents"
    applicant = make_user(Role.APPLICANT)
    reviewer = make_user(Role.REVIEWER, authority="GD-DHURD")
    case = case_factory(applicant)(submit=True)
    services.application_transition(application_id=case.pk, actor=reviewer, transition="start_review")

    page = new_page()
    sign_in(page, reviewer.email)
    for language, needed in (("en", "A reason is required for this decision."), ("zh-hant", None)):
        if language != "en":
            switch_language(page, language)
        page.goto(f"/cases/{case.reference}/")
        offered = page.locator('#decision-panel input[name="transition"]')
        fresh = [offered.nth(i).get_attribute("value") for i in range(offered.count())]
        assert page.locator("form[action$='/upload/']").count() == 0  # officials add no documents

        decide(page, "refuse")  # without the reason a refusal needs

        again = page.locator('#decision-panel input[name="transition"]')
        assert [again.nth(i).get_attribute("value") for i in range(again.count())] == fresh
        assert page.locator(".error-summary").count() == 1
        text = page.locator("main").inner_text()
        assert re.findall(r"\b[a-z]+(?:_[a-z]+)+\b(?!\.[a-z])", text) == []
        if needed:
            assert needed in text
        screenshot(page, f"decision-refused-{language}")
