"""A web page that shows a form again because what the person sent is refused answers 400, on every page:
whether the form found the fault or the service did, and on the sign-in and password pages Django draws.
A refusal for another reason keeps its own status (a case changed meanwhile, nothing to count on yet: 409).

The form-found faults of every page are `test_choice_errors`' (each choice of each form); here the
service-found ones and the account pages, one per view that shows a service's refusal on its form.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from talentbridge.accounts.models import Organisation, Role, User
from talentbridge.casework import services as casework
from talentbridge.casework.models import Application, Document
from talentbridge.insurance.models import ContributionImport
from talentbridge.mobility import services as mobility
from talentbridge.policy.models import WhatIfRun
from talentbridge.practice.models import PracticeAlert
from talentbridge.reference.models import City
from talentbridge.rules.simulate import synthetic_snapshot
from tests.conftest import PASSWORD
from tests.mobility.conftest import institute, talent  # noqa: F401
from tests.web.conftest import PDF_BYTES

pytestmark = pytest.mark.django_db

Fixture = Callable[[str], Any]
LAWYER_YEARS = "practice.pathways.lawyer.nine_cities.minimum_years_of_practice"


def _sign_in_wrong_password(fx: Fixture) -> tuple[Any, Any]:
    applicant = fx("applicant")
    response = Client().post(reverse("web:login"), {"username": applicant.email, "password": "wrong"})
    return response, lambda: "_auth_user_id" not in response.wsgi_request.session


def _password_reset_for_no_address(fx: Fixture) -> tuple[Any, Any]:
    fx("reference")
    response = Client().post(reverse("web:password_reset"), {"email": "not an address"})
    return response, lambda: mail.outbox == []


def _new_passwords_that_differ(fx: Fixture) -> tuple[Any, Any]:
    applicant: User = fx("applicant")
    client = Client()
    uid = urlsafe_base64_encode(force_bytes(applicant.pk))
    token = default_token_generator.make_token(applicant)
    form_page = client.get(reverse("web:password_reset_confirm", args=[uid, token]), follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": "Lantau-peak-934", "new_password2": "Lantau-peak-935"}
    )
    return response, lambda: User.objects.get(pk=applicant.pk).check_password(PASSWORD)


def _draft_with_a_file_that_is_no_pdf(fx: Fixture) -> tuple[Any, Any]:
    fx("_documents_in_tmp")
    case = fx("make_case")()
    data = {**case.payload, "action": "draft", "document": SimpleUploadedFile("evil.pdf", b"<html>no</html>")}
    response = fx("signed_in")(fx("applicant")).post(reverse("web:application_edit", args=[case.reference]), data)
    return response, lambda: Document.objects.count() == 0


def _refusal_without_a_reason(fx: Fixture) -> tuple[Any, Any]:
    fx("_documents_in_tmp")
    reviewer = fx("reviewer")
    case = fx("make_case")(submit=True)
    case = casework.application_transition(application_id=case.pk, actor=reviewer, transition="start_review")
    response = fx("signed_in")(reviewer).post(
        reverse("web:case_decide", args=[case.reference]),
        {"transition": "refuse", "reason": " ", "expected_version": case.version},
    )
    return response, lambda: Application.objects.get(pk=case.pk).state == "in_review"


def _apply_with_an_unconfirmed_attestation(fx: Fixture) -> tuple[Any, Any]:
    fx("_documents_in_tmp")
    talent_user = fx("talent")
    requested = mobility.attestation_request(
        talent=talent_user,
        organisation_id=fx("institute").pk,
        job_title="PI",
        professional_title="senior",
        employed_since=dt.date(2020, 1, 1),
    )
    codes = ("eep", "photo", "professional_title_certificate")
    pdf = {f"document_{code}": SimpleUploadedFile(f"{code}.pdf", PDF_BYTES, "application/pdf") for code in codes}
    data = {
        "category": "research",
        "destination": "HK_MO",
        "work_city": "shenzhen",
        "authority": "",
        "employer_attestation": requested.pk,
        "eep_number": "C12345678",
        **pdf,
    }
    response = fx("signed_in")(talent_user).post(reverse("web:endorsement_apply"), data)
    return response, lambda: Application.objects.count() == 0


def _import_of_a_file_that_is_no_table(fx: Fixture) -> tuple[Any, Any]:
    fx("reference")
    fx("settings").INSURANCE_IMPORT_ROOT = fx("tmp_path") / "imports"
    acme = Organisation.objects.create(
        name="ACME", kind=Organisation.Kind.EMPLOYER, city=City.objects.get(code="zhuhai")
    )
    staff = fx("make_user")(Role.ORGANISATION_STAFF, organisation=acme)
    response = fx("signed_in")(staff).post(
        reverse("web:insurance_imports"), {"file": SimpleUploadedFile("notes.txt", b"\x00\x01binary", "text/plain")}
    )
    return response, lambda: ContributionImport.objects.count() == 0


def _whatif_with_a_negative_value(fx: Fixture) -> tuple[Any, Any]:
    settings = fx("settings")
    settings.SNAPSHOT_ROOT = fx("tmp_path") / "snapshots"
    settings.SNAPSHOT_ROOT.mkdir()
    synthetic_snapshot(settings.SNAPSHOT_ROOT / "population-20250101-000000-1.parquet", 200, seed=5)
    data = {
        "change-TOTAL_FORMS": "1",
        "change-INITIAL_FORMS": "0",
        "change-MIN_NUM_FORMS": "0",
        "change-MAX_NUM_FORMS": "12",
        "change-0-path": LAWYER_YEARS,
        "change-0-value": "-1",
        "change-0-effective_date": "2024-01-01",
        "period": "2025-01",
    }
    response = fx("signed_in")(fx("make_user")(Role.POLICY_OFFICER)).post(reverse("web:whatif"), data)
    return response, lambda: WhatIfRun.objects.count() == 0


def _alert_that_expired_before_it_starts(fx: Fixture) -> tuple[Any, Any]:
    data = {"person_identifier": "x@example.org", "field": "", "reason": "Barred.", "expires_on": "2001-01-01"}
    response = fx("signed_in")(fx("reviewer")).post(reverse("web:practice_alerts"), data)
    return response, lambda: PracticeAlert.objects.count() == 0


def _case_action_with_a_version_that_is_no_number(fx: Fixture) -> tuple[Any, Any]:
    fx("_documents_in_tmp")
    case = fx("make_case")()
    response = fx("signed_in")(fx("applicant")).post(
        reverse("web:case_action", args=[case.reference]), {"transition": "withdraw", "expected_version": "abc"}
    )
    said = "This form is out of date or incomplete: reload the page and try again."
    return response, lambda: said in response.content.decode() and Application.objects.get(pk=case.pk).state == "draft"


REFUSALS = {
    "case action: a hidden version that is no number": _case_action_with_a_version_that_is_no_number,
    "sign-in: wrong password": _sign_in_wrong_password,
    "password reset: no address": _password_reset_for_no_address,
    "new password: the two differ": _new_passwords_that_differ,
    "draft: a file that is no PDF (service)": _draft_with_a_file_that_is_no_pdf,
    "decision: refusal without reason (service)": _refusal_without_a_reason,
    "endorsement: unconfirmed attestation (service)": _apply_with_an_unconfirmed_attestation,
    "contribution import: no table (service)": _import_of_a_file_that_is_no_table,
    "what-if: a negative value (service)": _whatif_with_a_negative_value,
    "alert: expired before it starts (service)": _alert_that_expired_before_it_starts,
}


@pytest.fixture
def _documents_in_tmp(settings: Any, tmp_path: Any) -> None:
    settings.DOCUMENT_ROOT = tmp_path / "documents"


@pytest.mark.parametrize("refusal", list(REFUSALS))
def test_refused_input_answers_400_with_the_form_and_its_error(request: pytest.FixtureRequest, refusal: str) -> None:
    response, unchanged = REFUSALS[refusal](request.getfixturevalue)

    html = response.content.decode()
    assert response.status_code == 400, (refusal, response.status_code)
    assert re.search(r'class="error-(message|summary)"|class="errorlist|role="alert"', html), refusal
    assert unchanged(), refusal


def test_a_case_changed_meanwhile_is_no_refused_input(
    make_case, reviewer, second_reviewer, signed_in, settings, tmp_path
):
    settings.DOCUMENT_ROOT = tmp_path / "documents"
    case = make_case(submit=True)
    shown = case.version
    casework.application_transition(application_id=case.pk, actor=second_reviewer, transition="start_review")

    response = signed_in(reviewer).post(
        reverse("web:case_decide", args=[case.reference]),
        {"transition": "start_review", "reason": "", "expected_version": shown},
    )

    assert response.status_code == 409


def test_the_queues_results_alone_answer_200_the_queue_page_400(reviewer, signed_in):
    """htmx swaps only a 2xx answer: the results fragment (which shows no form) stays 200."""
    client = signed_in(reviewer)
    assert client.get(reverse("web:review_queue"), {"state": "nonsense"}).status_code == 400
    fragment = client.get(reverse("web:review_queue"), {"state": "nonsense"}, HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200 and "<form" not in fragment.content.decode()
