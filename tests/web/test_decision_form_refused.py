"""A refused decision shows the case page again as a fresh one would: the same choices, one error box, words."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from talentbridge.casework import services
from talentbridge.casework.models import Application, AuditEvent
from tests.casework.filing import case_factory

pytestmark = pytest.mark.django_db


@pytest.fixture
def make_case(applicant):
    return case_factory(applicant)


def _offered(html: str) -> list[str]:
    return re.findall(r'name="transition" value="(\w+)"', html)


def _visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"<[^>]+>", " ", html)
    return re.sub(r"\s+", " ", html)


def _in_review(make_case, reviewer) -> Application:
    case = make_case(submit=True)
    return services.application_transition(application_id=case.pk, actor=reviewer, transition="start_review")


def _assert_reads_like_a_fresh_page(html: str, fresh: str) -> None:
    assert _offered(html) == _offered(fresh)
    assert html.count('class="error-summary"') == 1
    assert html.count('id="error-summary"') == 1
    assert html.count("There is a problem") == 1
    # no code in words (the applicant's own file names, such as identity_card.pdf, are theirs to read)
    assert re.findall(r"\b[a-z]+(?:_[a-z]+)+\b(?!\.[a-z])", _visible_text(html)) == []


def test_a_decision_refused_for_a_missing_reason_offers_the_fresh_pages_choices(make_case, reviewer, signed_in):
    case = _in_review(make_case, reviewer)
    client = signed_in(reviewer)
    fresh = client.get(reverse("web:case_detail", args=[case.reference])).content.decode()
    events = AuditEvent.objects.count()

    response = client.post(
        reverse("web:case_decide", args=[case.reference]),
        {"transition": "refuse", "reason": "", "expected_version": case.version},
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "A reason is required for this decision." in html
    assert _offered(fresh) == [
        "request_info",
        "request_verification",
        "propose_approval",
        "require_adaptation_period",
        "require_aptitude_test",
        "refuse",
    ]
    _assert_reads_like_a_fresh_page(html, fresh)
    assert Application.objects.get(pk=case.pk).state == "in_review"
    assert AuditEvent.objects.count() == events


def test_a_form_error_offers_the_fresh_pages_choices_in_one_box(make_case, reviewer, signed_in):
    case = _in_review(make_case, reviewer)
    client = signed_in(reviewer)
    fresh = client.get(reverse("web:case_detail", args=[case.reference])).content.decode()

    response = client.post(reverse("web:case_decide", args=[case.reference]), {"expected_version": case.version})

    assert response.status_code == 400
    _assert_reads_like_a_fresh_page(response.content.decode(), fresh)


def test_an_action_not_open_now_is_refused_in_words(make_case, reviewer, signed_in):
    case = _in_review(make_case, reviewer)
    client = signed_in(reviewer)
    fresh = client.get(reverse("web:case_detail", args=[case.reference])).content.decode()
    events = AuditEvent.objects.count()

    response = client.post(
        reverse("web:case_decide", args=[case.reference]),
        {"transition": "revoke", "reason": "No.", "expected_version": case.version},
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "This action is not open on this case now. Choose one of those listed." in html
    assert "Select a valid choice" not in html
    _assert_reads_like_a_fresh_page(html, fresh)
    assert Application.objects.get(pk=case.pk).state == "in_review"
    assert AuditEvent.objects.count() == events


def test_a_stale_decision_shows_the_case_as_it_is_now(make_case, reviewer, second_reviewer, signed_in):
    case = make_case(submit=True)
    shown_version = case.version
    services.application_transition(application_id=case.pk, actor=second_reviewer, transition="start_review")
    client = signed_in(reviewer)
    fresh = client.get(reverse("web:case_detail", args=[case.reference])).content.decode()

    response = client.post(
        reverse("web:case_decide", args=[case.reference]),
        {"transition": "start_review", "reason": "", "expected_version": shown_version},
    )

    html = response.content.decode()
    assert response.status_code == 409
    assert "This case was changed by someone else meanwhile. Reload it and try again." in html
    _assert_reads_like_a_fresh_page(html, fresh)
    assert f'name="expected_version" value="{shown_version + 1}"' in html
    assert case.events.filter(action="start_review").count() == 1
