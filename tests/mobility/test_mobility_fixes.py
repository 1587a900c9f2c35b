"""Regressions of the mobility service: a not-eligible answer states no period, reasons agree with the answer
and each other, the Hetao route is named, and attestations are mailed to the person concerned."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import translation

from talentbridge.accounts.models import Role
from talentbridge.mobility import services
from talentbridge.mobility.checker import CheckAnswers, endorsement_check
from talentbridge.mobility.models import EmployerAttestation
from talentbridge.web.labels import choice_label


def _check(category="research", *, eep=True, city="shenzhen", park=False, filed=None, on=dt.date(2025, 6, 10)):
    answers = CheckAnswers(
        category=category,
        holds_valid_eep=eep,
        work_city=city,
        works_in_hetao_shenzhen_park=park,
        filed_with_hetao_park_management=filed,
        on=on,
    )
    return endorsement_check(answers=answers)


def _reasons(result):
    return {item["variable"]: item for item in result.reason_items}


def test_a_not_eligible_answer_has_no_period_and_says_why(reference):
    # given a research talent without a valid Exit-Entry Permit
    # when they check
    result = _check(eep=False)
    # then no period is given, and the answer says plainly that none is available, for the permit
    assert (result.eligible, result.validity_years, result.max_stay_days) == (False, None, None)
    assert result.summary.startswith("No talent endorsement is available on 10 Jun 2025.")
    assert [item["variable"] for item in result.reasons_against] == ["holds_valid_eep"]
    assert "Valid Exit-Entry Permit — you: no; required: yes." in result.summary


def test_an_eligible_answer_states_its_period(reference):
    result = _check()
    assert (result.eligible, result.validity_years, result.max_stay_days) == (True, 3, 30)
    assert result.summary == (
        "A talent endorsement is available: valid for 3 years, with stays of at most 30 days each."
    )
    assert result.reasons_against == []


def test_before_the_start_every_reason_gives_the_same_start_day_and_none_says_it_has_started(reference):
    # given a research talent in Shenzhen checking before the endorsement began (20 Feb 2023)
    result = _check(on=dt.date(2022, 1, 1))
    reasons = _reasons(result)
    # then the category and the city are both not met, and both give 20 Feb 2023, the page's "issued from"
    assert result.covered_from == dt.date(2023, 2, 20)
    assert reasons["talent_category"]["met"] is False
    assert reasons["talent_endorsement_available_in_city"]["met"] is False
    for variable in ("talent_category", "talent_endorsement_available_in_city"):
        assert "only from 20 Feb 2023" in reasons[variable]["text"]
        assert "1 Jan 2022" in reasons[variable]["text"]
        assert reasons[variable]["sources"], variable


def test_every_reason_marked_met_on_an_eligible_answer(reference):
    result = _check()
    assert all(item["met"] for item in result.reason_items)
    assert all(item["sources"] for item in result.reason_items)
    assert "issued from 20 Feb 2023" in _reasons(result)["talent_category"]["text"]


@pytest.mark.parametrize(
    ("on", "filed", "eligible"),
    [(dt.date(2025, 11, 5), True, True), (dt.date(2025, 11, 4), True, False), (dt.date(2025, 11, 5), False, False)],
)
def test_the_hetao_route_speaks_of_no_talent_category_and_gives_its_own_start_day(reference, on, filed, eligible):
    # given Hetao Shenzhen Park staff without a talent category
    result = _check("none", park=True, filed=filed, on=on)
    reasons = _reasons(result)
    # then the route is the reason, met exactly when the answer is yes; no reason is about a category
    assert result.eligible is eligible
    assert "talent_category" not in reasons
    route = reasons["hetao_park_staff_route"]
    assert route["met"] is eligible
    assert "issued from 5 Nov 2025" in route["text"]
    assert ("filed with the park's management: yes" in route["text"]) is filed
    assert route["sources"]
    assert [item["variable"] for item in result.reasons_against] == ([] if eligible else ["hetao_park_staff_route"])


def test_no_category_outside_the_park_says_which_routes_exist(reference):
    result = _check("none", city="guangzhou", on=dt.date(2025, 12, 1))
    reason = _reasons(result)["talent_category"]
    assert reason["met"] is False
    assert "none of these" in reason["text"]
    assert "from 5 Nov 2025" in reason["text"]


def test_reasons_in_chinese_name_no_code(reference):
    with translation.override("zh-hans"):
        result = _check("none", park=True, filed=True, on=dt.date(2025, 12, 1))
        texts = " ".join(item["text"] for item in result.reason_items) + result.summary
    assert "none" not in texts
    assert "shenzhen" not in texts
    assert "河套" in texts


@pytest.mark.parametrize(
    ("language", "label"),
    [
        ("en", "Hetao Shenzhen Park staff (no talent category)"),
        ("zh-hans", "河套深圳园区工作人员（不属人才类别）"),
        ("zh-hant", "河套深圳園區工作人員（不屬人才類別）"),
    ],
)
def test_the_empty_category_is_shown_as_the_hetao_route(language, label):
    with translation.override(language):
        assert choice_label("none") == label


# --- attestations are mailed ---------------------------------------------------------------------


def test_a_requested_attestation_is_mailed_to_the_organisations_staff_in_their_language(
    talent, institute, employer_staff, make_user, django_capture_on_commit_callbacks
):
    # given two staff of the institute, one reading Traditional Chinese, and staff of another organisation
    colleague = make_user(Role.ORGANISATION_STAFF, organisation=institute)
    colleague.preferred_language = "zh-hant"
    colleague.save()
    other = make_user(Role.ORGANISATION_STAFF)
    # when the talent asks the institute to attest
    with django_capture_on_commit_callbacks(execute=True):
        services.attestation_request(
            talent=talent,
            organisation_id=institute.pk,
            job_title="Principal investigator",
            professional_title="associate_senior",
            employed_since=dt.date(2020, 9, 1),
        )
    # then each of the institute's staff gets one mail, in their language, and no one else
    sent = {m.to[0]: m for m in mail.outbox}
    assert set(sent) == {employer_staff.email, colleague.email}
    assert other.email not in sent
    assert "Li Wei asks Shenzhen Bay Laboratory to attest" in sent[employer_staff.email].body
    assert "Principal investigator" in sent[colleague.email].body
    assert "Li Wei" in sent[colleague.email].body
    assert "asks" not in sent[colleague.email].body


@pytest.mark.parametrize("confirmed", [True, False])
def test_a_decided_attestation_is_mailed_to_the_talent_once(
    talent, institute, employer_staff, confirmed, django_capture_on_commit_callbacks
):
    attestation = services.attestation_request(
        talent=talent,
        organisation_id=institute.pk,
        job_title="Principal investigator",
        professional_title="associate_senior",
        employed_since=dt.date(2020, 9, 1),
    )
    mail.outbox.clear()
    reasons = "" if confirmed else "Not employed here since 2022."
    with django_capture_on_commit_callbacks(execute=True):
        services.attestation_decide(
            attestation_id=attestation.pk, staff=employer_staff, confirmed=confirmed, reasons=reasons
        )
        # the same decision sent again changes nothing and mails nothing
        services.attestation_decide(
            attestation_id=attestation.pk, staff=employer_staff, confirmed=confirmed, reasons=reasons
        )
    assert [m.to[0] for m in mail.outbox] == [talent.email]
    body = mail.outbox[0].body
    assert ("confirmed your employer attestation" in body) is confirmed
    assert ("Not employed here since 2022." in body) is not confirmed


def test_a_refused_decision_without_reasons_mails_nothing(
    talent, institute, employer_staff, django_capture_on_commit_callbacks
):
    attestation = services.attestation_request(
        talent=talent,
        organisation_id=institute.pk,
        job_title="Engineer",
        professional_title="none",
        employed_since=dt.date(2021, 1, 1),
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Exception):  # noqa: B017
        services.attestation_decide(attestation_id=attestation.pk, staff=employer_staff, confirmed=False)
    assert mail.outbox == []
    assert EmployerAttestation.objects.get(pk=attestation.pk).status == EmployerAttestation.Status.REQUESTED
