"""Forms: bad input is shown next to the field, translated, and nothing changes."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from talentbridge.casework import services
from talentbridge.casework.models import Application, AuditEvent, Document
from tests.casework.filing import case_factory

pytestmark = pytest.mark.django_db


@pytest.fixture
def make_case(applicant):
    """Cases submitted as an applicant does: with every required document."""
    return case_factory(applicant)


TALENT = {
    "authority": "SHENZHEN-EXIT-ENTRY",
    "category": "research",
    "destination": "HK",
    "employer": "Shenzhen Institute of Research",
    "eep_number": "C12345678",
}


def _field_error(html: str, field: str) -> str:
    """The error text rendered for `field`, which its input must point at with aria-describedby."""
    match = re.search(rf'<p class="error-message" id="id_{field}_error">(.*?)</p>', html, re.S)
    assert match, f"no error next to {field}"
    assert f'aria-describedby="id_{field}_error"' in html or f'id_{field}_error"' in html
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


@pytest.mark.parametrize(
    ("kind", "start"),
    [
        ("practice_registration", "web:practice_check"),
        ("talent_endorsement", "web:endorsement_check"),
        ("benefit_claim", "web:insurance_claim"),
    ],
)
def test_an_application_starts_from_its_own_service(applicant, signed_in, kind, start):
    """Regression: a generic form let an applicant pick any authority and fill internal fields."""
    client = signed_in(applicant)
    url = reverse("web:application_new", args=[kind])

    shown = client.get(url)
    forged = client.post(url, {**TALENT, "action": "submit", "check": "1", "renewal_of": "PR-REG-1"})

    assert (shown.status_code, shown["Location"]) == (302, reverse(start))
    assert (forged.status_code, forged["Location"]) == (302, reverse(start))
    assert Application.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_the_dashboard_starts_each_kind_at_its_service(applicant, signed_in):
    # No residence recorded: every service is offered (what each residence is offered: test_offers_by_residence).
    applicant.residence = ""
    applicant.save(update_fields=["residence"])
    client = signed_in(applicant)

    html = client.get(reverse("web:home")).content.decode()

    # each link goes straight to the service's page (no redirect on the way), and that page opens
    for start in ("web:practice_check", "web:endorsement_check", "web:insurance_claim"):
        url = reverse(start)
        assert f'href="{url}"' in html
        assert client.get(url).status_code == 200
    assert "/applications/new/" not in html
    assert 'name="authority"' not in html


PLATFORM_FIELDS = ("field", "zone", "home_jurisdiction", "renewal_of", "check")


def test_the_draft_form_offers_no_authority_and_no_platform_field(make_case, applicant, signed_in):
    case = make_case(check="41", field="structural_engineer", zone="nine_cities")

    html = signed_in(applicant).get(reverse("web:application_edit", args=[case.reference])).content.decode()

    assert 'name="licence_number"' in html and 'name="city"' in html
    for name in ("authority", *PLATFORM_FIELDS):
        assert f'name="{name}"' not in html


def test_a_forged_draft_edit_leaves_authority_and_platform_fields_alone(make_case, applicant, signed_in):
    case = make_case(check="41", field="structural_engineer")
    forged = {
        "authority": "GD-HEALTH",
        "check": "999",
        "renewal_of": "PR-REG-1",
        "field": "lawyer",
        "zone": "qianhai",
        "home_jurisdiction": "macao",
        "licence_number": "HK-ERB-99999",
        "action": "draft",
    }

    response = signed_in(applicant).post(reverse("web:application_edit", args=[case.reference]), forged)

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.authority.code == "GD-DHURD"
    assert case.payload["licence_number"] == "HK-ERB-99999"
    assert (case.payload["check"], case.payload["field"]) == ("41", "structural_engineer")
    assert not {"renewal_of", "zone", "home_jurisdiction"} & set(case.payload)


def test_bad_input_shows_error_next_to_field_and_changes_nothing(make_case, applicant, signed_in):
    case = make_case()
    events = AuditEvent.objects.count()
    data = {"profession": "structural_engineer", "city": "atlantis", "licence_number": "", "action": "submit"}

    response = signed_in(applicant).post(reverse("web:application_edit", args=[case.reference]), data)

    html = response.content.decode()
    assert response.status_code == 400
    assert _field_error(html, "city") == "Choose one of the options offered for “City of practice”."
    assert _field_error(html, "licence_number") == "This field is required."
    assert 'aria-invalid="true"' in html
    fresh = Application.objects.get(pk=case.pk)
    assert (fresh.payload, fresh.version, fresh.state) == (case.payload, case.version, "draft")
    assert AuditEvent.objects.count() == events


def test_service_error_is_shown_next_to_the_field_in_chinese(make_case, applicant, signed_in):
    case = make_case()
    client = signed_in(applicant)
    client.cookies["django_language"] = "zh-hans"
    data = {**case.payload, "action": "draft", "document": _not_a_pdf()}

    with translation.override("zh-hans"):  # restores the language the request activates
        response = client.post(reverse("web:application_edit", args=[case.reference]), data)

    assert response.status_code == 400
    assert _field_error(response.content.decode(), "document") == "该文件不是 PDF、JPEG 或 PNG 文档。"
    assert Document.objects.count() == 0


def _not_a_pdf():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("evil.pdf", b"<html>not a pdf</html>")


def test_refusal_without_reason_shows_error_next_to_reason(make_case, reviewer, signed_in):
    case = make_case(submit=True)
    case = services.application_transition(application_id=case.pk, actor=reviewer, transition="start_review")
    client = signed_in(reviewer)

    response = client.post(
        reverse("web:case_decide", args=[case.reference]),
        {"transition": "refuse", "reason": "  ", "expected_version": case.version},
    )

    assert response.status_code == 400
    assert _field_error(response.content.decode(), "reason") == "A reason is required for this decision."
    case.refresh_from_db()
    assert case.state == "in_review"


def test_stale_version_yields_a_conflict_message(make_case, reviewer, second_reviewer, signed_in):
    case = make_case(submit=True)
    shown_version = case.version
    services.application_transition(application_id=case.pk, actor=second_reviewer, transition="start_review")

    response = signed_in(reviewer).post(
        reverse("web:case_decide", args=[case.reference]),
        {"transition": "start_review", "reason": "", "expected_version": shown_version},
    )

    assert response.status_code == 409
    assert "This case was changed by someone else meanwhile. Reload it and try again." in response.content.decode()
    assert case.events.filter(action="start_review").count() == 1


def test_decision_panel_offers_exactly_the_allowed_transitions(make_case, reviewer, signed_in):
    case = make_case(submit=True)
    case = services.application_transition(application_id=case.pk, actor=reviewer, transition="start_review")

    html = signed_in(reviewer).get(reverse("web:case_detail", args=[case.reference])).content.decode()

    offered = re.findall(r'name="transition" value="(\w+)"', html)
    assert offered == [
        "request_info",
        "request_verification",
        "propose_approval",
        "require_adaptation_period",
        "require_aptitude_test",
        "refuse",
    ]
    assert f'name="expected_version" value="{case.version}"' in html


def test_reviewer_request_info_then_applicant_reply(make_case, applicant, reviewer, signed_in):
    case = make_case(submit=True)
    case = services.application_transition(application_id=case.pk, actor=reviewer, transition="start_review")

    signed_in(reviewer).post(
        reverse("web:case_decide", args=[case.reference]),
        {"transition": "request_info", "reason": "Send your licence.", "expected_version": case.version},
    )
    case.refresh_from_db()
    response = signed_in(applicant).post(
        reverse("web:case_reply", args=[case.reference]), {"reply": "Attached.", "expected_version": case.version}
    )

    case.refresh_from_db()
    assert response.status_code == 302
    assert case.state == "resubmitted"
    assert case.info_requests.get().reply == "Attached."


def test_empty_reply_shows_error_next_to_reply(make_case, applicant, reviewer, signed_in):
    case = make_case(submit=True)
    case = services.application_transition(application_id=case.pk, actor=reviewer, transition="start_review")
    services.info_request_create(application_id=case.pk, reviewer=reviewer, message="Licence?")
    case.refresh_from_db()

    response = signed_in(applicant).post(
        reverse("web:case_reply", args=[case.reference]), {"reply": "", "expected_version": case.version}
    )

    assert response.status_code == 400
    assert _field_error(response.content.decode(), "reply") == "This field is required."
    case.refresh_from_db()
    assert case.state == "info_requested"


def test_the_verification_choice_offers_only_the_home_registration_body(make_case, reviewer, signed_in):
    """Regression: the panel offered every registration body and health authority, the Health Commission too."""
    case = make_case(submit=True)  # a structural engineer from Hong Kong
    case = services.application_transition(application_id=case.pk, actor=reviewer, transition="start_review")

    html = signed_in(reviewer).get(reverse("web:case_detail", args=[case.reference])).content.decode()

    select = re.search(r'<select name="verifier".*?</select>', html, re.S)
    assert select
    assert re.findall(r'<option value="([^"]*)"', select.group(0)) == ["", "HK-ERB"]
    assert "Engineers Registration Board" in select.group(0)


def test_a_forged_verification_to_another_body_is_refused_and_changes_nothing(make_case, reviewer, signed_in):
    from talentbridge.casework.models import Notification, Verification

    case = make_case(submit=True)
    case = services.application_transition(application_id=case.pk, actor=reviewer, transition="start_review")
    events, notifications = AuditEvent.objects.count(), Notification.objects.count()

    response = signed_in(reviewer).post(
        reverse("web:case_decide", args=[case.reference]),
        {"transition": "request_verification", "verifier": "GD-HEALTH", "expected_version": case.version},
    )

    assert response.status_code == 400
    assert _field_error(response.content.decode(), "verifier") == "Choose one of the authorities listed."
    assert Application.objects.get(pk=case.pk).state == "in_review"
    assert not Verification.objects.exists()
    assert (AuditEvent.objects.count(), Notification.objects.count()) == (events, notifications)


def test_the_proposer_is_not_offered_the_approval_a_colleague_is(make_case, reviewer, second_reviewer, signed_in):
    case = make_case(submit=True)
    services.application_transition(application_id=case.pk, actor=reviewer, transition="start_review")
    case = services.application_transition(application_id=case.pk, actor=reviewer, transition="propose_approval")
    url = reverse("web:case_detail", args=[case.reference])

    mine = signed_in(reviewer).get(url).content.decode()
    theirs = signed_in(second_reviewer).get(url).content.decode()

    assert re.findall(r'name="transition" value="(\w+)"', mine) == ["refuse"]
    assert "You proposed this decision: a colleague of your authority approves it." in mine
    assert re.findall(r'name="transition" value="(\w+)"', theirs) == ["approve", "refuse"]
    assert 'id="four-eyes-note"' not in theirs
