"""Who may open which page: anonymous people, applicants, reviewers."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from talentbridge.accounts.models import Role
from talentbridge.casework.documents import document_upload
from tests.casework.filing import case_factory
from tests.web.conftest import PDF_BYTES

pytestmark = pytest.mark.django_db


@pytest.fixture
def make_case(applicant):
    """Cases submitted as an applicant does: with every required document."""
    return case_factory(applicant)


@pytest.mark.parametrize(
    "name,kwargs",
    [
        ("web:my_applications", {}),
        ("web:review_queue", {}),
        ("web:verifications", {}),
        ("web:notifications", {}),
        ("web:application_new", {"kind": "talent_endorsement"}),
        ("web:case_detail", {"reference": "PR-2025-AAAAAAAA"}),
    ],
)
def test_anonymous_is_sent_to_sign_in(client, name, kwargs):
    response = client.get(reverse(name, kwargs=kwargs))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login") + "?next=")


def test_applicant_cannot_open_another_applicants_case(make_case, make_user, signed_in):
    case = make_case(submit=True)
    other = make_user(Role.APPLICANT)

    response = signed_in(other).get(reverse("web:case_detail", args=[case.reference]))

    assert response.status_code == 404


def test_applicant_sees_own_case(make_case, applicant, signed_in):
    case = make_case()

    response = signed_in(applicant).get(reverse("web:case_detail", args=[case.reference]))

    assert response.status_code == 200
    assert case.reference in response.content.decode()


def test_reviewer_queue_shows_only_their_authoritys_cases(make_case, make_user, reviewer, signed_in, applicant):
    own = make_case(submit=True)
    foreign = make_case(submit=True)
    foreign.authority_id = make_user(Role.REVIEWER, authority="GD-DOJ").authority_id
    foreign.save(update_fields=["authority"])

    html = signed_in(reviewer).get(reverse("web:review_queue")).content.decode()

    assert own.reference in html
    assert foreign.reference not in html


def test_reviewer_of_another_authority_gets_404_on_the_case(make_case, make_user, signed_in):
    case = make_case(submit=True)
    stranger = make_user(Role.REVIEWER, authority="GD-DOJ")

    response = signed_in(stranger).get(reverse("web:case_detail", args=[case.reference]))

    assert response.status_code == 404


def test_applicant_cannot_open_the_review_queue(applicant, signed_in):
    assert signed_in(applicant).get(reverse("web:review_queue")).status_code == 403


def test_reviewer_cannot_open_the_application_form(reviewer, signed_in):
    assert signed_in(reviewer).get(reverse("web:application_new", args=["talent_endorsement"])).status_code == 403


def test_document_download_is_an_attachment_with_nosniff(make_case, applicant, signed_in):
    case = make_case()
    document = document_upload(
        application_id=case.pk, actor=applicant, stream=io.BytesIO(PDF_BYTES), original_name="licence.pdf"
    )

    response = signed_in(applicant).get(reverse("web:document_download", args=[document.pk]))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="licence.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_document_of_another_applicant_is_404(make_case, applicant, make_user, signed_in):
    case = make_case()
    document = document_upload(
        application_id=case.pk, actor=applicant, stream=io.BytesIO(PDF_BYTES), original_name="licence.pdf"
    )

    response = signed_in(make_user(Role.APPLICANT)).get(reverse("web:document_download", args=[document.pk]))

    assert response.status_code == 404


def test_admin_is_for_superusers_only(make_user, signed_in):
    staff_admin = make_user(Role.ADMINISTRATOR, is_staff=True)
    superuser = make_user(Role.ADMINISTRATOR, is_staff=True, is_superuser=True)

    assert signed_in(staff_admin).get("/admin/").status_code == 302
    assert signed_in(superuser).get("/admin/").status_code == 200


def test_a_draft_is_its_applicants_alone_on_the_case_page(make_case, make_user, applicant, reviewer, signed_in):
    """Regression: reviewers and administrators could open an applicant's unsubmitted draft."""
    draft = make_case()
    url = reverse("web:case_detail", args=[draft.reference])
    administrator = make_user(Role.ADMINISTRATOR, is_staff=True, is_superuser=True)

    assert signed_in(applicant).get(url).status_code == 200
    assert signed_in(reviewer).get(url).status_code == 404
    assert signed_in(administrator).get(url).status_code == 404


def test_a_draft_withdrawn_before_submission_stays_private(make_case, applicant, reviewer, signed_in):
    from talentbridge.casework import services

    draft = make_case()
    services.application_transition(application_id=draft.pk, actor=applicant, transition="withdraw")

    response = signed_in(reviewer).get(reverse("web:case_detail", args=[draft.reference]))

    assert response.status_code == 404


def test_a_drafts_document_is_not_downloadable_by_officials(make_case, make_user, applicant, reviewer, signed_in):
    draft = make_case()
    document = document_upload(
        application_id=draft.pk, actor=applicant, stream=io.BytesIO(PDF_BYTES), original_name="licence.pdf"
    )
    url = reverse("web:document_download", args=[document.pk])
    administrator = make_user(Role.ADMINISTRATOR, is_staff=True, is_superuser=True)

    assert signed_in(reviewer).get(url).status_code == 404
    assert signed_in(administrator).get(url).status_code == 404
    assert signed_in(applicant).get(url).status_code == 200


def test_a_reviewer_cannot_act_on_a_draft(make_case, reviewer, signed_in):
    from talentbridge.casework.models import Application

    draft = make_case()

    response = signed_in(reviewer).post(
        reverse("web:case_decide", args=[draft.reference]),
        {"expected_version": draft.version, "transition": "start_review"},
    )

    assert response.status_code == 404
    assert Application.objects.get(pk=draft.pk).state == "draft"
