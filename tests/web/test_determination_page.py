"""A stored determination says what happened (computed when, for whose case or at whose request) and names its
rules by version, the content hash kept out of the text; in each of the site's languages."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from talentbridge.accounts.models import Role
from talentbridge.policy.models import Determination
from talentbridge.policy.services import determination_make
from tests.sweep import read_page

pytestmark = pytest.mark.django_db

MONTH = "2025-01"
INPUTS = {
    "practice_field": {MONTH: "lawyer"},
    "home_jurisdiction": {MONTH: "hong_kong"},
    "years_of_practice": {MONTH: 4},
    "holds_home_licence": {MONTH: True},
    "is_permanent_resident": {MONTH: True},
    "is_chinese_citizen": {MONTH: True},
}


def _determination(**extra: Any) -> Determination:
    return determination_make(inputs=INPUTS, period=MONTH, outputs=["practice_eligible"], **extra)


def _when(determination: Determination) -> str:
    moment = timezone.localtime(determination.created_at)
    return f"{moment.day} {moment:%b %Y %H:%M}"


def _text(client: Any, determination: Determination, language: str = "en") -> str:
    client.cookies["django_language"] = language
    response = client.get(f"/policy/determinations/{determination.pk}/")
    assert response.status_code == 200
    page = read_page(response.content.decode())
    return " ".join(page.texts + page.literals)


@pytest.fixture
def officer(make_user, signed_in):
    return signed_in(make_user(Role.POLICY_OFFICER))


@pytest.fixture
def claimant(make_user):
    return make_user(Role.APPLICANT, full_name="Chan Tai Man")


def test_a_cases_determination_says_it_was_computed_for_the_case_its_applicant_filed(
    officer, make_user, make_case, claimant
):
    case = make_case(owner=claimant)
    reviewer = make_user(Role.REVIEWER, authority="GD-DHURD", full_name="Wong Mei")
    determination = _determination(user=reviewer, case_reference=case.reference)

    text = _text(officer, determination)

    assert f"Computed on {_when(determination)} for the case filed by Chan Tai Man." in text
    assert "Created" not in text and "Wong Mei" not in text


def test_a_check_says_who_asked_for_it_or_that_nobody_signed_in_did(officer, claimant):
    asked = _determination(user=claimant)
    anonymous = _determination()

    assert f"Computed on {_when(asked)} at the request of Chan Tai Man." in _text(officer, asked)
    assert f"Computed on {_when(anonymous)} for someone who was not signed in." in _text(officer, anonymous)


def test_the_rules_are_named_by_version_with_the_hash_out_of_the_text(officer):
    determination = _determination()
    rules = determination.rule_set

    response = officer.get(f"/policy/determinations/{determination.pk}/")
    html = response.content.decode()
    page = read_page(html)
    text = " ".join(page.texts + page.literals)

    assert f"version {rules.semver}" in text
    assert rules.content_hash[:8] not in text
    assert f'title="{rules.semver}+{rules.content_hash}"' in html  # for whoever needs to re-run it
    listing = read_page(officer.get("/policy/determinations/").content.decode())
    assert f"version {rules.semver}" in " ".join(listing.texts) and "January 2025" in " ".join(listing.texts)


@pytest.mark.parametrize(
    ("language", "for_case", "asked", "version"),
    [
        ("zh-hans", "为 Chan Tai Man 提交的个案计算。", "应 Chan Tai Man 的请求计算。", "版"),
        ("zh-hant", "為 Chan Tai Man 提交的個案計算。", "應 Chan Tai Man 的要求計算。", "版"),
    ],
)
def test_what_happened_is_said_in_chinese(officer, make_case, claimant, language, for_case, asked, version):
    case_determination = _determination(case_reference=make_case(owner=claimant).reference)
    asked_determination = _determination(user=claimant)

    case_text = _text(officer, case_determination, language)
    asked_text = _text(officer, asked_determination, language)

    assert for_case in case_text and "Computed on" not in case_text
    assert asked in asked_text
    assert f"{case_determination.rule_set.semver} {version}" in case_text
