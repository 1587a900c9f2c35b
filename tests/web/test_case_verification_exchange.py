"""A verification asked of another authority: its question is required (in the service, so every face refuses
an empty one) and its hint says what the text is; the applicant sees that a verification was asked and
answered, never the authorities' question, note or the officials' names."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from talentbridge.accounts.models import Role, User
from talentbridge.casework import services
from talentbridge.casework.models import Application, AuditEvent, Notification, Verification
from talentbridge.core.errors import InvalidInput
from tests.casework.filing import case_factory

pytestmark = pytest.mark.django_db

QUESTION = "Is licence HK-ERB-12345 current and unconditional?"
NOTE = "Registrar file 77: current, no conditions."
REFUSAL = "The licence lapsed in 2024."
QUESTION_REQUIRED = "Write the question the other authority is asked to answer."
ORIGINAL_HINT = "Required when refusing, revoking or requesting information; the applicant sees it."


@pytest.fixture(autouse=True)
def _documents_in_tmp(settings: Any, tmp_path: Any) -> None:
    settings.DOCUMENT_ROOT = tmp_path / "documents"


@pytest.fixture
def officials(make_user: Any) -> dict[str, User]:
    return {
        "reviewer": make_user(Role.REVIEWER, authority="GD-DHURD", full_name="Wong Siu Ming"),
        "verifier": make_user(Role.REVIEWER, authority="HK-ERB", full_name="Lee Ka Yan"),
    }


@pytest.fixture
def in_review(applicant: User, officials: dict[str, User]) -> Application:
    case = case_factory(applicant)(submit=True)
    return services.application_transition(
        application_id=case.pk, actor=officials["reviewer"], transition="start_review"
    )


def _counts() -> tuple[int, int, int]:
    return Verification.objects.count(), AuditEvent.objects.count(), Notification.objects.count()


def _field_error(html: str, field: str) -> str:
    match = re.search(rf'<p class="error-message" id="id_{field}_error">(.*?)</p>', html, re.S)
    assert match, f"no error next to {field}"
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


def _hint(html: str, field: str) -> str:
    match = re.search(rf'<p class="hint" id="id_{field}_help">(.*?)</p>', html, re.S)
    assert match, f"no hint for {field}"
    return match.group(1).strip()


@pytest.mark.parametrize("question", ["", "   \n "])
def test_the_service_refuses_a_verification_without_a_question_and_changes_nothing(
    in_review: Application, officials: dict[str, User], question: str
) -> None:
    before = _counts()

    with pytest.raises(InvalidInput) as error:
        services.verification_request(
            application_id=in_review.pk, reviewer=officials["reviewer"], authority_code="HK-ERB", question=question
        )

    assert error.value.details == {"question": [QUESTION_REQUIRED]}
    fresh = Application.objects.get(pk=in_review.pk)
    assert (fresh.state, fresh.version) == ("in_review", in_review.version)
    assert _counts() == before


def test_a_wrong_authority_and_no_question_are_refused_together(
    in_review: Application, officials: dict[str, User]
) -> None:
    with pytest.raises(InvalidInput) as error:
        services.verification_request(
            application_id=in_review.pk, reviewer=officials["reviewer"], authority_code="GD-HEALTH", question=""
        )

    assert sorted(error.value.details) == ["authority", "question"]


def test_the_decision_form_shows_the_missing_question_at_its_field(
    in_review: Application, officials: dict[str, User], signed_in: Any
) -> None:
    before = _counts()

    response = signed_in(officials["reviewer"]).post(
        reverse("web:case_decide", args=[in_review.reference]),
        {
            "transition": "request_verification",
            "verifier": "HK-ERB",
            "reason": "",
            "expected_version": in_review.version,
        },
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert _field_error(html, "reason") == QUESTION_REQUIRED
    assert Application.objects.get(pk=in_review.pk).state == "in_review"
    assert _counts() == before


def test_the_hint_names_the_question_only_where_a_verification_can_be_asked(
    applicant: User, in_review: Application, officials: dict[str, User], signed_in: Any
) -> None:
    client = signed_in(officials["reviewer"])
    submitted = case_factory(applicant)(submit=True)  # only "start the review" is open: no verification

    asking = _hint(client.get(reverse("web:case_detail", args=[in_review.reference])).content.decode(), "reason")
    starting = _hint(client.get(reverse("web:case_detail", args=[submitted.reference])).content.decode(), "reason")

    assert (
        'value="request_verification"'
        in client.get(reverse("web:case_detail", args=[in_review.reference])).content.decode()
    )
    assert asking.startswith(ORIGINAL_HINT)
    assert "When asking another authority to verify, it is the question sent to that authority" in asking
    assert starting == ORIGINAL_HINT


@pytest.fixture
def answered_and_refused(in_review: Application, officials: dict[str, User]) -> Application:
    """A case verified by the Engineers Registration Board, then refused with a reason for the applicant."""
    reviewer, verifier = officials["reviewer"], officials["verifier"]
    services.verification_request(
        application_id=in_review.pk, reviewer=reviewer, authority_code="HK-ERB", question=QUESTION
    )
    services.verification_respond(application_id=in_review.pk, verifier=verifier, confirmed=True, note=NOTE)
    return services.application_transition(
        application_id=in_review.pk, actor=reviewer, transition="refuse", reason=REFUSAL
    )


def _section(html: str, heading_id: str) -> str:
    match = re.search(rf'<section class="panel" aria-labelledby="{heading_id}">(.*?)</section>', html, re.S)
    assert match, f"no section {heading_id}"
    return match.group(1)


def test_the_applicant_sees_that_a_verification_was_answered_not_what_the_authorities_wrote(
    answered_and_refused: Application, applicant: User, officials: dict[str, User], signed_in: Any
) -> None:
    html = signed_in(applicant).get(reverse("web:case_detail", args=[answered_and_refused.reference])).content.decode()

    verifications = _section(html, "verifications-heading")
    history = _section(html, "timeline-heading")
    assert "Engineers Registration Board" in verifications and "Confirmed" in verifications
    assert re.search(r"<td>\d{1,2} \w{3} \d{4}</td><td>Confirmed</td><td>\d{1,2} \w{3} \d{4}</td>", verifications)
    assert 'data-action="request_verification"' in history and 'data-action="confirm_verification"' in history
    for internal in (QUESTION, NOTE, "Question", officials["reviewer"].full_name, officials["verifier"].full_name):
        assert internal not in html
    # what the applicant is told stays: the refusal's reason, and who acted by their role
    assert REFUSAL in html
    assert "(Reviewer)" not in history and "Reviewer" in history and "Verifying authority" in history
    assert applicant.full_name in history  # their own steps keep their own name


def test_officials_see_the_whole_exchange_and_who_wrote_it(
    answered_and_refused: Application, officials: dict[str, User], signed_in: Any
) -> None:
    html = (
        signed_in(officials["reviewer"])
        .get(reverse("web:case_detail", args=[answered_and_refused.reference]))
        .content.decode()
    )

    verifications = _section(html, "verifications-heading")
    history = _section(html, "timeline-heading")
    assert QUESTION in verifications and NOTE in verifications and officials["verifier"].full_name in verifications
    assert QUESTION in history and NOTE in history
    assert f"{officials['reviewer'].full_name} (Reviewer)" in history
    assert f"{officials['verifier'].full_name} (Verifying authority)" in history
    assert officials["reviewer"].full_name in _section(html, "decisions-heading")
