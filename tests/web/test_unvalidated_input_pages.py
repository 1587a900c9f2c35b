"""What a browser sends back is an answer like any other: an id or a date that is not one is a clear,
translated refusal that changes nothing, never a server error and never replaced by another value."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from talentbridge.accounts.models import Organisation, Role
from talentbridge.casework.models import Application
from talentbridge.core import clock
from talentbridge.mobility import services as mobility
from talentbridge.mobility.models import EmployerAttestation
from talentbridge.policy.models import Determination
from talentbridge.reference.models import City
from tests.web.test_practice_pages import LAWYER

pytestmark = pytest.mark.django_db

ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def _page(response: Any) -> str:
    return html.unescape(response.content.decode())


# --- the attestation a decision is about ----------------------------------------------------------


@pytest.fixture
def queue(make_user: Any) -> tuple[Any, EmployerAttestation]:
    org = Organisation.objects.create(
        name="Jinan University", kind=Organisation.Kind.UNIVERSITY, city=City.objects.get(code="guangzhou")
    )
    staff = make_user(Role.ORGANISATION_STAFF, organisation=org)
    attestation = mobility.attestation_request(
        talent=make_user(Role.APPLICANT, residence="GD"),
        organisation_id=org.pk,
        job_title="Professor",
        professional_title="senior",
        employed_since=dt.date(2015, 9, 1),
    )
    return staff, attestation


@pytest.mark.parametrize("sent", ["²", "abc", "-5", "0", "", "1e3", "9" * 30, "same in Arabic-Indic digits", None])
def test_a_decision_on_no_attestation_decides_nothing_and_says_so(signed_in, queue, sent):
    staff, attestation = queue
    data = {"decision": "confirm", "reasons": "Tenured."}
    if sent == "same in Arabic-Indic digits":
        sent = str(attestation.pk).translate(ARABIC_INDIC)  # int() reads it as the real id
    if sent is not None:
        data["attestation"] = sent

    response = signed_in(staff).post(reverse("web:attestations"), data)

    assert response.status_code == 400
    assert "This attestation is not in your queue, so nothing was decided." in _page(response)
    attestation.refresh_from_db()
    assert (attestation.status, attestation.decided_by, attestation.reasons) == ("requested", None, "")


def test_a_decision_on_another_organisations_attestation_is_refused_in_chinese(signed_in, queue, make_user):
    _, attestation = queue
    other = Organisation.objects.create(
        name="Other", kind=Organisation.Kind.EMPLOYER, city=City.objects.get(code="shenzhen")
    )
    client = signed_in(make_user(Role.ORGANISATION_STAFF, organisation=other))
    response = client.post(
        reverse("web:attestations"),
        {"attestation": attestation.pk, "decision": "confirm", "reasons": "Yes."},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 400
    assert "此证明不在您的待办列表中，因此未作任何决定。" in _page(response)
    attestation.refresh_from_db()
    assert attestation.status == "requested"


# --- the check an application starts from ---------------------------------------------------------


@pytest.mark.parametrize("sent", ["²", "abc", "-5", "", "9" * 30])
def test_applying_from_no_check_opens_nothing_and_says_so(reference, applicant, signed_in, sent):
    response = signed_in(applicant).post(
        reverse("web:practice_apply"), {"check": sent, "city": "shenzhen", "licence_number": "HK-LS-1"}
    )
    assert response.status_code == 400
    page = _page(response)
    assert 'id="apply-refused"' in page
    assert "This eligibility check was not found: check your eligibility again, then apply." in page
    assert not Application.objects.exists()


def test_applying_from_someone_elses_check_shows_nothing_of_it(reference, applicant, make_user, signed_in):
    other = signed_in(make_user(Role.APPLICANT))
    other.post(reverse("web:practice_check"), {**LAWYER, "on": "2025-06-01"})
    theirs = Determination.objects.get()
    assert theirs.requested_by is not None and theirs.requested_by != applicant

    response = signed_in(applicant).post(
        reverse("web:practice_apply"), {"check": theirs.pk, "city": "shenzhen", "licence_number": "HK-LS-1"}
    )

    assert response.status_code == 400
    page = _page(response)
    assert 'id="check-result"' not in page and f"#{theirs.pk}" not in page
    assert "The requested item does not exist or is not visible to you." in page
    assert not Application.objects.exists()


# --- the day a pathway is shown on ----------------------------------------------------------------


@pytest.mark.parametrize("sent", ["abc", "2025-13-01", "2025-06-0²", "31/12/2025"])
def test_a_pathway_on_no_date_says_so_and_shows_todays_terms(reference, sent):
    response = Client().get(reverse("web:pathway", args=["lawyer", "nine_cities"]), {"on": sent})
    assert response.status_code == 400
    page = _page(response)
    assert f"“{sent}” is not a date: write it as YYYY-MM-DD. The terms shown are those in force today." in page
    assert response.context["on"] == clock.today()


def test_a_pathway_on_a_date_shows_that_days_terms(reference):
    response = Client().get(reverse("web:pathway", args=["lawyer", "nine_cities"]), {"on": "2023-08-01"})
    assert response.status_code == 200
    assert response.context["on"] == dt.date(2023, 8, 1)
    assert "data-minimum-years>5<" in response.content.decode()
    assert Client().get(reverse("web:pathway", args=["astronaut", "mars"]), {"on": "abc"}).status_code == 404


def test_the_pathway_list_refuses_a_day_that_is_no_date_at_its_field_and_keeps_the_other_filters(reference):
    response = Client().get(reverse("web:pathways"), {"zone": "nansha", "on": "2025-06-3²"})
    assert response.status_code == 400
    assert response.context["form"].errors == {"on": ["Enter a valid date."]}
    found = response.context["pathways"]
    assert found and {p.zone for p in found} == {"nansha"}
    assert 'data-pathway="architect.nansha"' in response.content.decode()
