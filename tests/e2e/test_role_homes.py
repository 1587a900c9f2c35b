"""Every role signs in and sees its own home page, in all three languages."""

from __future__ import annotations

import pytest
from django.utils import translation

from talentbridge.accounts.models import Role
from tests.e2e.helpers import sign_in, switch_language

pytestmark = pytest.mark.e2e

# The heading each role's home page opens with (an English msgid, translated below).
HEADINGS = {
    Role.APPLICANT: "Your applications",
    Role.REVIEWER: "Reviewer dashboard",
    Role.POLICY_OFFICER: "Policy overview",
    Role.ANALYST: "Statistics",
    Role.ORGANISATION_STAFF: "Procedures your staff and recruits can use",
    Role.ADMINISTRATOR: "Platform administration",
}
LANGUAGES = {"en": "en", "zh-hans": "zh-Hans-CN", "zh-hant": "zh-Hant-HK"}


def test_every_role_sees_its_home_in_three_languages(new_page, make_user, make_case, screenshot):
    make_case(submit=True)
    users = {role: make_user(role, authority="GD-DHURD" if role == Role.REVIEWER else None) for role in HEADINGS}
    for role, user in users.items():
        page = new_page()
        sign_in(page, user.email)
        for code, html_lang in LANGUAGES.items():
            switch_language(page, code)
            with translation.override(code):
                expected = translation.gettext(HEADINGS[role])
            if code != "en":
                assert expected != HEADINGS[role], f"{HEADINGS[role]!r} has no {code} translation"
            assert page.locator("html").get_attribute("lang") == html_lang
            headings = page.locator("main h1, main h2").all_inner_texts()
            assert expected in headings, (role, code, headings)
            if role in {Role.REVIEWER, Role.POLICY_OFFICER} or (code == "zh-hant" and role == Role.APPLICANT):
                screenshot(page, f"home-{role}-{code}")
        page.context.close()
