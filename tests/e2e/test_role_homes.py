"""Every role signs in and sees its own home page, in all three languages."""

from __future__ import annotations

import pytest
from django.utils import translation

from talentbridge.accounts.models import Role
from talentbridge.reference.models import Authority
from talentbridge.web.dashboards import is_verifying_body
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
# A verifying body's staff (reviewers of a home registration body) land on their verifications.
VERIFYING_BODY_HEADING = "Verification dashboard"


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


def test_each_demo_account_signs_in_and_sees_its_home_in_three_languages(new_page):
    # given the demo data set exactly as `make demo` loads it
    from django.core.management import call_command

    from talentbridge.population.demo_accounts import DEMO_ACCOUNTS

    call_command("load_demo", verbosity=0)
    for account in DEMO_ACCOUNTS:
        # when the account signs in with its printed password
        page = new_page()
        page.goto("/accounts/login/")
        page.locator("#id_username").fill(account.email)
        page.locator("#id_password").fill(account.password)
        page.locator("main form button[type=submit]").click()
        page.wait_for_url("**/")
        # then its own home page opens, in each language
        for code, html_lang in LANGUAGES.items():
            switch_language(page, code)
            with translation.override(code):
                heading = HEADINGS[account.role]
                if account.role == Role.REVIEWER and is_verifying_body(Authority.objects.get(code=account.authority)):
                    heading = VERIFYING_BODY_HEADING
                expected = translation.gettext(heading)
            assert page.locator("html").get_attribute("lang") == html_lang
            assert expected in page.locator("main h1, main h2").all_inner_texts(), (account.email, code)
        page.context.close()
