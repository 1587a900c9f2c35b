"""The organisation's attestation queue: confirming needs no reasons, refusing does; each decision is said
back to the staff member after the redirect, and a decision sent twice is recorded once."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from talentbridge.accounts.models import Organisation, Role
from talentbridge.mobility import services as mobility
from talentbridge.mobility.models import EmployerAttestation
from talentbridge.reference.models import City

pytestmark = pytest.mark.django_db


def _page(response: Any) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def org(reference: None) -> Organisation:
    return Organisation.objects.create(
        name="Jinan University", kind=Organisation.Kind.UNIVERSITY, city=City.objects.get(code="guangzhou")
    )


@pytest.fixture
def request_of(make_user: Any, org: Organisation) -> Any:
    def make(full_name: str) -> EmployerAttestation:
        return mobility.attestation_request(
            talent=make_user(Role.APPLICANT, residence="GD", full_name=full_name),
            organisation_id=org.pk,
            job_title="Professor",
            professional_title="senior",
            employed_since=dt.date(2015, 9, 1),
        )

    return make


@pytest.fixture
def staff_client(make_user: Any, signed_in: Any, org: Organisation) -> Client:
    client: Client = signed_in(make_user(Role.ORGANISATION_STAFF, organisation=org))
    return client


def _decide(client: Client, attestation: EmployerAttestation, decision: str, reasons: str = "") -> Any:
    data = {"attestation": attestation.pk, "decision": decision, "reasons": reasons}
    return client.post(reverse("web:attestations"), data)


def test_a_confirmation_needs_no_reasons_and_says_it_was_recorded(staff_client, request_of):
    attestation = request_of("Li Na")

    response = _decide(staff_client, attestation, "confirm")

    assert (response.status_code, response.url) == (302, reverse("web:attestations"))
    attestation.refresh_from_db()
    assert (attestation.status, attestation.reasons) == ("confirmed", "")
    after = _page(staff_client.get(response.url))
    assert "You confirmed the attestation of Li Na as Professor." in after
    assert f'data-attestation="{attestation.pk}"><td>' not in after  # decided: no longer waiting
    assert f'data-attestation="{attestation.pk}" data-status="confirmed"' in after  # but on record as decided


def test_a_refusal_without_reasons_is_refused_beside_the_field_and_changes_nothing(staff_client, request_of):
    attestation, other = request_of("Li Na"), request_of("Wu Gang")

    response = _decide(staff_client, attestation, "refuse", "  ")

    assert response.status_code == 400
    page = _page(response)
    error = f'id="id_attestation_{attestation.pk}_reasons_error"><span>Give the reasons for refusing this attestation.'
    assert error in page
    assert f"id_attestation_{other.pk}_reasons_error" not in page  # the other row's form is untouched
    attestation.refresh_from_db()
    assert (attestation.status, attestation.decided_by, attestation.decided_at) == ("requested", None, None)


def test_a_refusal_with_reasons_is_recorded_and_said(staff_client, request_of):
    attestation = request_of("Li Na")

    response = _decide(staff_client, attestation, "refuse", "Not employed here.")

    assert response.status_code == 302
    attestation.refresh_from_db()
    assert (attestation.status, attestation.reasons) == ("refused", "Not employed here.")
    assert "You refused the attestation of Li Na as Professor." in _page(staff_client.get(response.url))


def test_the_same_confirmation_sent_twice_is_recorded_once_and_says_so(staff_client, request_of):
    attestation = request_of("Li Na")
    staff_client.get(_decide(staff_client, attestation, "confirm").url)  # the first message, read
    attestation.refresh_from_db()
    first = (attestation.status, attestation.decided_by_id, attestation.decided_at, attestation.reasons)

    again = _decide(staff_client, attestation, "confirm", "Clicked twice.")

    assert again.status_code == 302
    page = _page(staff_client.get(again.url))
    assert "The attestation of Li Na as Professor was already confirmed; nothing was changed." in page
    assert "You confirmed" not in page
    attestation.refresh_from_db()
    assert (attestation.status, attestation.decided_by_id, attestation.decided_at, attestation.reasons) == first
    assert EmployerAttestation.objects.count() == 1


def test_refusing_a_confirmed_attestation_is_refused_and_changes_nothing(staff_client, request_of):
    attestation = request_of("Li Na")
    _decide(staff_client, attestation, "confirm")

    response = _decide(staff_client, attestation, "refuse", "Changed my mind.")

    assert response.status_code == 400
    assert "This attestation has already been confirmed." in _page(response)
    attestation.refresh_from_db()
    assert (attestation.status, attestation.reasons) == ("confirmed", "")


def test_each_row_has_its_own_fields_and_says_reasons_are_for_refusing(staff_client, request_of):
    first, second = request_of("Li Na"), request_of("Wu Gang")

    page = _page(staff_client.get(reverse("web:attestations")))

    for attestation in (first, second):
        assert page.count(f'id="id_attestation_{attestation.pk}_reasons"') == 1
    assert page.count("Needed only to refuse.") == 2
    assert 'id="id_reasons"' not in page
