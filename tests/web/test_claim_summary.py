"""A benefit claim's case page sums up the questions of its benefit only: no other benefit's question as "—"."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from talentbridge.accounts.models import Role
from talentbridge.casework.models import Application
from tests.web.conftest import PDF_BYTES

pytestmark = pytest.mark.django_db

COMMON = {"Benefit", "City of insurance", "Social insurance number"}
# What each benefit asks (the claim page's questions, as the claim service keeps them), in the page's words.
CLAIMS: dict[str, tuple[dict[str, Any], set[str]]] = {
    "unemployment": (
        {
            "payment_option": "one_off",
            "involuntary_job_loss": "on",
            "registered_as_job_seeker": "on",
            "document_employment_end_proof": "end.pdf",
        },
        {"Payment", "Job lost involuntarily", "Registered as job seeker"},
    ),
    "work_injury": (
        {"disability_grade": "6", "document_work_ability_assessment": "assessment.pdf"},
        {"Disability grade", "Employer arranges suitable work"},
    ),
    "pension": (
        {"birth_month": "1962-03", "retirement_category": "man"},
        {"Birth month (YYYY-MM)", "Retirement category"},
    ),
    "lump_sum": ({"confirm_end": "on", "document_termination_request": "request.pdf"}, set()),
}


@pytest.fixture
def _documents_in_tmp(settings: Any, tmp_path: Any) -> None:
    settings.DOCUMENT_ROOT = tmp_path / "documents"


def _file(benefit: str, client: Any) -> Application:
    answers, _asked = CLAIMS[benefit]
    data: dict[str, Any] = {
        "benefit": benefit,
        "city": "zhuhai",
        "insurance_number": "H1",
        "document_identity_card": SimpleUploadedFile("id.pdf", PDF_BYTES, "application/pdf"),
    }
    for name, value in answers.items():
        data[name] = SimpleUploadedFile(value, PDF_BYTES, "application/pdf") if name.startswith("document_") else value
    response = client.post(reverse("web:insurance_claim"), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return Application.objects.get(payload__benefit=benefit)


def _summary(html: str) -> dict[str, str]:
    summary = html.split('<dl class="summary">', 1)[1].split("</dl>", 1)[0]
    pairs = re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", summary, re.S)
    return {label: re.sub(r"<[^>]+>", "", value).strip() for label, value in pairs}


@pytest.mark.usefixtures("_documents_in_tmp")
@pytest.mark.parametrize("benefit", list(CLAIMS))
def test_a_claim_shows_the_questions_of_its_benefit_and_no_other(make_user, signed_in, benefit):
    client = signed_in(make_user(Role.APPLICANT, residence="HK"))
    case = _file(benefit, client)

    response = client.get(reverse("web:case_detail", args=[case.reference]))

    rows = _summary(response.content.decode())
    payload_labels = {str(row["label"]) for row in response.context["payload_rows"]}
    _answers, asked = CLAIMS[benefit]
    assert payload_labels == COMMON | asked
    # every row shown has an answer, and none of another benefit's questions is shown
    assert all(rows[label] not in {"", "—"} for label in payload_labels), rows
    others = set().union(*(questions for other, (_a, questions) in CLAIMS.items() if other != benefit))
    assert not others & set(rows)


def test_the_fund_reads_the_same_summary(make_user, signed_in, settings, tmp_path):
    settings.DOCUMENT_ROOT = tmp_path / "documents"
    case = _file("pension", signed_in(make_user(Role.APPLICANT, residence="HK")))
    fund = make_user(Role.REVIEWER, authority=case.authority.code)

    rows = _summary(signed_in(fund).get(reverse("web:case_detail", args=[case.reference])).content.decode())

    assert {"Birth month (YYYY-MM)", "Retirement category"} <= set(rows)
    assert not {"Disability grade", "Payment", "Employer arranges suitable work"} & set(rows)


def test_another_kind_still_lists_its_empty_answers(make_case, applicant, signed_in):
    """A practice draft names each question, answered or not: only a claim's questions depend on its benefit."""
    case = make_case(licence_number=None)
    rows = _summary(signed_in(applicant).get(reverse("web:case_detail", args=[case.reference])).content.decode())
    assert rows["Home licence number"] == "—"
