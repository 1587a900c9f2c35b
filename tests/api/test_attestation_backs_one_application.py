"""One confirmed employer attestation backs one open endorsement application, on the web page and the API,
also when two filings with it arrive at the same moment; refused filings save nothing."""

# ruff: noqa: F811
from __future__ import annotations

import threading
from typing import Any

import httpx
import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from talentbridge.casework import services as casework
from talentbridge.casework.models import Application, Document
from talentbridge.mobility.models import EmployerAttestation
from tests.api.conftest import PDF

# The mobility fixtures, shared with tests/mobility (ruff sees each use as a redefinition: F811 is off here).
from tests.mobility.conftest import confirmed, employer_staff, institute, talent  # noqa: F401

DOCUMENTS = ("eep", "photo", "professional_title_certificate")  # the research category's (documents.yaml)


@pytest.fixture(autouse=True)
def _fresh_rate_limit(transactional_db: Any) -> None:
    cache.clear()


def _files() -> list[tuple[str, tuple[str, bytes, str]]]:
    return [("documents", (f"{code}.pdf", PDF, "application/pdf")) for code in DOCUMENTS]


def _api_apply(client: httpx.Client, attestation: EmployerAttestation) -> httpx.Response:
    data = {
        "category": "research",
        "destination": "HK_MO",
        "work_city": "shenzhen",
        "employer_attestation": str(attestation.pk),
        "eep_number": "C12345678",
        "document_types": list(DOCUMENTS),
    }
    return client.post("/mobility/applications", data=data, files=_files())


def _web_apply(client: Client, attestation: EmployerAttestation) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = {
        "category": "research",
        "destination": "HK_MO",
        "work_city": "shenzhen",
        "authority": "",
        "employer_attestation": attestation.pk,
        "eep_number": "c12345678",
        **{f"document_{code}": SimpleUploadedFile(f"{code}.pdf", PDF, "application/pdf") for code in DOCUMENTS},
    }
    return client.post(reverse("web:endorsement_apply"), data)


def _in_use_message(reference: str) -> str:
    return (
        f"This attestation already backs your application {reference}. One attestation backs one application at "
        "a time: withdraw that application first, or ask your employer for a new attestation."
    )


def test_the_api_refuses_a_second_application_with_the_same_attestation(client_for, talent, confirmed):
    first = _api_apply(client_for(talent), confirmed)
    assert first.status_code == 201, first.text
    documents = Document.objects.count()

    second = _api_apply(client_for(talent), confirmed)

    assert second.status_code == 422
    body = second.json()
    assert body["details"] == {"employer_attestation": [_in_use_message(first.json()["reference"])]}
    assert Application.objects.count() == 1
    assert Document.objects.count() == documents


def test_the_web_page_refuses_a_second_application_next_to_the_attestation_field(talent, confirmed):
    browser = Client()
    browser.force_login(talent, backend="django.contrib.auth.backends.ModelBackend")
    assert _web_apply(browser, confirmed).status_code == 302
    case = Application.objects.get()

    response = _web_apply(browser, confirmed)

    assert response.status_code == 400
    assert response.context["form"].errors == {"employer_attestation": [_in_use_message(case.reference)]}
    assert Application.objects.count() == 1
    assert Document.objects.filter(application__in=Application.objects.exclude(pk=case.pk)).count() == 0


def test_a_withdrawn_application_frees_its_attestation(client_for, talent, confirmed):
    first = _api_apply(client_for(talent), confirmed)
    case = Application.objects.get(reference=first.json()["reference"])
    casework.application_transition(application_id=case.pk, actor=talent, transition="withdraw")

    second = _api_apply(client_for(talent), confirmed)

    assert second.status_code == 201, second.text
    assert Application.objects.exclude(state="withdrawn").count() == 1


@pytest.mark.postgres  # real concurrent transactions: SQLite's test database is one shared connection
def test_two_filings_at_the_same_moment_open_one_application(client_for, talent, confirmed):
    clients = [client_for(talent), client_for(talent)]
    answers: list[httpx.Response] = []
    start = threading.Barrier(2)

    def file(client: httpx.Client) -> None:
        start.wait()
        answers.append(_api_apply(client, confirmed))

    threads = [threading.Thread(target=file, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(answer.status_code for answer in answers) == [201, 422]
    assert Application.objects.count() == 1
