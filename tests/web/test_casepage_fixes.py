"""Case page and practice pages: the registration a case produced, documents (titles, removal, errors on the
file), messages naming what happened, the apply page keeping the answers, revoking confirmed on the server,
and a token revoked twice."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from talentbridge.accounts.models import ApiToken, Role
from talentbridge.accounts.services import api_token_create, api_token_revoke
from talentbridge.casework import services
from talentbridge.casework.documents import document_upload
from talentbridge.casework.models import Application, AuditEvent, Document
from talentbridge.practice import services as practice
from talentbridge.practice.models import Registration
from talentbridge.reference.models import Authority
from tests.casework.filing import attach_required_documents
from tests.web.conftest import PDF_BYTES

pytestmark = pytest.mark.django_db


def _notices(response) -> list[str]:
    return re.findall(r'<div class="notice notice--\w+" role="status">(.*?)</div>', response.content.decode())


def _page(client, case) -> str:
    return client.get(reverse("web:case_detail", args=[case.reference])).content.decode()


def _granted(case: Application) -> Registration:
    return practice.registration_grant(
        professional=case.applicant,
        payload=case.payload,
        authority=Authority.objects.get(code="GD-DHURD"),
        case_reference=case.reference,
    )


# 1. The registration a case produced ----------------------------------------------------------------------


def test_the_case_links_the_registration_and_certificate_it_produced(make_case, applicant, reviewer, signed_in):
    case = make_case(submit=True)
    registration = _granted(case)

    for person in (applicant, reviewer):
        html = _page(signed_in(person), case)
        panel = re.search(r'<section [^>]*id="case-registration".*?</section>', html, re.S).group(0)
        assert f'data-number="{registration.number}"' in panel
        assert 'data-standing="in_force"' in panel
        assert f'href="/practice/registrations/?q={registration.number}#registration-{registration.number}"' in panel
        assert f'href="{reverse("web:certificate_print", args=[registration.certificate_id])}"' in panel
        assert "registration-not-in-force" not in panel


def test_a_revoked_registration_is_said_to_be_revoked(make_case, applicant, reviewer, signed_in):
    case = make_case()
    registration = _granted(case)
    practice.registration_revoke(registration_id=registration.pk, actor=reviewer, reason="Struck off.")

    html = _page(signed_in(applicant), case)

    panel = re.search(r'<section [^>]*id="case-registration".*?</section>', html, re.S).group(0)
    assert 'data-standing="revoked"' in panel
    assert '<dd class="standing">Revoked</dd>' in panel
    assert "This registration is not in force: Revoked." in panel


def test_an_official_of_another_authority_does_not_see_the_registration(make_case, make_user, signed_in):
    case = make_case(submit=True)
    _granted(case)
    administrator = make_user(Role.ADMINISTRATOR)
    other = make_user(Role.REVIEWER, authority="HK-ERB")

    assert 'id="case-registration"' in _page(signed_in(administrator), case)
    response = signed_in(other).get(reverse("web:case_detail", args=[case.reference]))
    assert 'id="case-registration"' not in response.content.decode()


# 2. Documents: the typed title, removal from a draft --------------------------------------------------------


def test_a_typed_title_is_kept_and_shown_beside_its_type(make_case, applicant, signed_in):
    case = make_case()
    client = signed_in(applicant)

    response = client.post(
        reverse("web:case_upload", args=[case.reference]),
        {"document_type": "identity_card", "title": "Front and back", "file": SimpleUploadedFile("id.pdf", PDF_BYTES)},
        follow=True,
    )

    document = Document.objects.get(application=case)
    assert (document.title, document.document_type) == ("Front and back", "identity_card")
    html = response.content.decode()
    assert re.search(r'">Front and back</a> — Permanent identity card <small>', html)
    assert _notices(response) == [f"“Front and back” has been added to application {case.reference}."]


def _remove(client, case, document, **extra):
    data = {"document": str(document.pk), **extra}
    return client.post(reverse("web:case_document_remove", args=[case.reference]), data, follow=True)


def test_the_applicant_removes_a_document_from_their_draft(make_case, applicant, signed_in):
    case = make_case()
    document = document_upload(
        application_id=case.pk, actor=applicant, stream=io.BytesIO(PDF_BYTES), original_name="a.pdf", title="Notes"
    )
    client = signed_in(applicant)
    assert re.search(r'<details class="document-remove">\s*<summary>Remove…</summary>', _page(client, case))

    response = _remove(client, case, document, confirm="on")

    assert not Document.objects.filter(pk=document.pk).exists()
    assert AuditEvent.objects.filter(application=case, action="document_removed", actor=applicant).count() == 1
    assert _notices(response) == [f"“Notes” has been removed from application {case.reference}."]


def test_removing_without_ticking_the_box_removes_nothing(make_case, applicant, signed_in):
    case = make_case()
    document = document_upload(
        application_id=case.pk, actor=applicant, stream=io.BytesIO(PDF_BYTES), original_name="a.pdf", title="Notes"
    )

    response = _remove(signed_in(applicant), case, document)

    assert response.status_code == 400
    assert "Tick the box to confirm that you want to remove the document." in response.content.decode()
    assert Document.objects.filter(pk=document.pk).exists()
    assert not AuditEvent.objects.filter(application=case, action="document_removed").exists()


def test_a_submitted_case_and_anyone_else_are_refused(make_case, applicant, reviewer, signed_in):
    case = make_case()
    attach_required_documents(case, applicant)
    case = services.application_transition(application_id=case.pk, actor=applicant, transition="submit")
    document = case.documents.first()

    own = _remove(signed_in(applicant), case, document, confirm="on")
    official = _remove(signed_in(reviewer), case, document, confirm="on")

    assert own.status_code == 409
    assert "This application has been submitted: its documents stay as the authority received them." in (
        own.content.decode()
    )
    assert 'class="document-remove"' not in own.content.decode()
    assert official.status_code == 403
    assert "Only the applicant can remove a document, and only from their draft." in official.content.decode()
    assert Document.objects.filter(pk=document.pk).exists()
    assert not AuditEvent.objects.filter(application=case, action="document_removed").exists()


# 3. Messages that say what happened -------------------------------------------------------------------------


def test_withdrawing_says_which_application_was_withdrawn(make_case, applicant, signed_in):
    case = make_case()

    response = signed_in(applicant).post(
        reverse("web:case_action", args=[case.reference]),
        {"transition": "withdraw", "expected_version": case.version, "confirm": "on"},
        follow=True,
    )

    assert _notices(response) == [f"Application {case.reference} withdrawn."]
    assert Application.objects.get(pk=case.pk).state == "withdrawn"


def test_a_decision_says_what_was_decided_on_which_application(make_case, applicant, reviewer, signed_in):
    case = make_case()
    attach_required_documents(case, applicant)
    case = services.application_transition(application_id=case.pk, actor=applicant, transition="submit")

    response = signed_in(reviewer).post(
        reverse("web:case_decide", args=[case.reference]),
        {"transition": "start_review", "expected_version": case.version, "reason": ""},
        follow=True,
    )

    assert _notices(response) == [f"Your decision on application {case.reference} is recorded: Review started."]


# 4. Upload errors on the file field -------------------------------------------------------------------------


def _field_errors(html: str) -> dict[str, str]:
    return dict(re.findall(r'<p class="error-message" id="id_(\w+)_error"><span>(.*?)</span>', html))


def test_a_wrong_file_type_is_said_on_the_file_field(make_case, applicant, signed_in):
    case = make_case()

    response = signed_in(applicant).post(
        reverse("web:case_upload", args=[case.reference]),
        {"document_type": "identity_card", "title": "", "file": SimpleUploadedFile("id.txt", b"plain text")},
    )

    assert response.status_code == 400
    assert _field_errors(response.content.decode()) == {"file": "The file is not a PDF, JPEG or PNG document."}
    assert not Document.objects.filter(application=case).exists()


# 5. The apply page keeps the answers ------------------------------------------------------------------------

ANSWERS = {
    "field": "lawyer",
    "zone": "nine_cities",
    "home_jurisdiction": "hong_kong",
    "holds_home_licence": "yes",
    "years_of_practice": "7.5",
    "is_permanent_resident": "yes",
    "is_chinese_citizen": "yes",
    "has_disciplinary_record": "no",
    "on": "2025-06-01",
}


def test_a_refused_application_shows_the_answers_given(applicant, signed_in):
    client = signed_in(applicant)
    checked = client.post(reverse("web:practice_check"), ANSWERS).content.decode()
    check_id = re.search(r'name="check" value="(\d+)"', checked).group(1)

    response = client.post(reverse("web:practice_apply"), {"check": check_id, "licence_number": "HK-1"})

    assert response.status_code == 400
    html = response.content.decode()
    form = re.search(r'<form [^>]*id="check-form".*?</form>', html, re.S).group(0)
    assert re.search(r'<input type="number" name="years_of_practice" value="7.5"', form)
    assert re.search(r'<option value="lawyer" selected>', form)
    assert re.search(r'<input type="date" name="on" value="2025-06-01"', form)
    apply_form = re.search(r'<form [^>]*id="apply-form".*?</form>', html, re.S).group(0)
    assert 'value="HK-1"' in apply_form


# 6. Revoking a registration needs the box ticked, on the server too -------------------------------------------


def test_revoking_without_the_confirmation_changes_nothing(make_case, reviewer, signed_in):
    registration = _granted(make_case(submit=True))

    response = signed_in(reviewer).post(
        reverse("web:practice_registration_action", args=[registration.pk]),
        {"action": "revoke", "reason": "Struck off."},
        follow=True,
    )

    html = response.content.decode()
    assert "Tick the box to confirm that you understand revoking the registration cannot be undone." in html
    assert Registration.objects.get(pk=registration.pk).status == "active"


# 7. A token revoked from another tab --------------------------------------------------------------------------


def test_a_token_already_revoked_answers_with_the_tokens_page(applicant, signed_in):
    token, _secret = api_token_create(user=applicant, name="HR system")
    api_token_revoke(user=applicant, token_id=token.pk)  # from the other tab
    revoked_at = ApiToken.objects.get(pk=token.pk).revoked_at

    response = signed_in(applicant).post(reverse("web:api_token_revoke", args=[token.pk]), follow=True)

    assert response.status_code == 200
    assert response.redirect_chain == [(reverse("web:api_tokens"), 302)]
    assert _notices(response) == ["The token “HR system” was already revoked: it no longer works."]
    assert ApiToken.objects.get(pk=token.pk).revoked_at == revoked_at


def test_someone_elses_token_is_still_not_found(applicant, make_user, signed_in):
    token, _secret = api_token_create(user=make_user(), name="Theirs")
    api_token_revoke(user=token.user, token_id=token.pk)

    response = signed_in(applicant).post(reverse("web:api_token_revoke", args=[token.pk]))

    assert response.status_code == 404
