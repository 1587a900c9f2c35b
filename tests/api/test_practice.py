"""Practice API over real HTTP: pathways, the check (the lawyers' 2023 change), apply, registrations, alerts, register."""

from __future__ import annotations

import datetime as dt

import pytest

from talentbridge.accounts.models import Role
from talentbridge.casework.models import Application
from talentbridge.core import clock
from talentbridge.policy.models import Determination
from talentbridge.practice import services
from talentbridge.practice.models import PracticeAlert, Registration
from talentbridge.reference.models import Authority

from .conftest import assert_error

pytestmark = pytest.mark.django_db(transaction=True)

LAWYER = {
    "field": "lawyer",
    "zone": "nine_cities",
    "home_jurisdiction": "hong_kong",
    "years_of_practice": 4,
    "holds_home_licence": True,
    "is_permanent_resident": True,
    "is_chinese_citizen": True,
    "has_disciplinary_record": False,
}


def _grant(user, reference="PR-API"):
    return services.registration_grant(
        professional=user,
        payload={"profession": "architect", "city": "shenzhen", "licence_number": "PRIVATE-77"},
        authority=Authority.objects.get(code="GD-DHURD"),
        case_reference=reference,
    )


def test_pathways_list_filters_and_detail(anonymous, reference):
    body = anonymous.get("/practice/pathways", params={"zone": "nansha", "on": "2025-06-01"}).json()
    assert {p["mechanism"] for p in body} == {"administrative_confirmation"}
    detail = anonymous.get("/practice/pathways/lawyer/nine_cities", params={"on": "2023-08-01"})
    assert detail.status_code == 200
    assert detail.json()["conditions"]["minimum_years_of_practice"] == 5
    assert_error(anonymous.get("/practice/pathways/lawyer/hengqin"), 404, "not_found")


@pytest.mark.parametrize(("day", "eligible", "authority"), [("2023-10-04", False, ""), ("2023-10-05", True, "GD-DOJ")])
def test_check_answers_differently_around_5_october_2023(anonymous, reference, day, eligible, authority):
    response = anonymous.post("/practice/check", json={**LAWYER, "on": day})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["eligible"], body["authority"], body["period"]) == (eligible, authority, day[:7])
    assert Determination.objects.get(pk=body["determination_id"]).outputs["practice_eligible"] is eligible
    minimum = next(c for c in body["citations"] if c["name"].endswith("minimum_years_of_practice"))
    assert minimum["value"] == (3 if eligible else 5)
    if not eligible:
        assert body["changes"][0]["kind"] == "wait" and body["changes"][0]["on"] == "2023-10-05"


def test_check_bad_input_is_422_by_field(anonymous, reference):
    response = anonymous.post("/practice/check", json={**LAWYER, "field": "astronaut", "years_of_practice": "4"})
    body = assert_error(response, 422, "invalid_input")
    assert not Determination.objects.exists() and body["details"]
    body = assert_error(anonymous.post("/practice/check", json={**LAWYER, "field": "astronaut"}), 422, "invalid_input")
    assert list(body["details"]) == ["field"]


def test_check_is_rate_limited(anonymous, reference, settings):
    settings.RULES_API_RATE = "2/min"
    from django.core.cache import cache

    cache.clear()
    assert anonymous.post("/practice/check", json=LAWYER).status_code == 200
    assert anonymous.post("/practice/check", json=LAWYER).status_code == 200
    assert_error(anonymous.post("/practice/check", json=LAWYER), 429, "rate_limited")
    cache.clear()


def test_apply_from_a_check_opens_a_draft_at_the_named_authority(client_for, anonymous, applicant, reference):
    check = anonymous.post("/practice/check", json={**LAWYER, "on": "2025-06-01"}).json()
    data = {"check": check["determination_id"], "city": "shenzhen", "licence_number": "HK-1"}
    # Filed after the lawyers' pathway ended (2026-10-04), the same check is refused; while it is in force, accepted.
    with clock.frozen_at(dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC)):
        assert_error(client_for(applicant).post("/practice/apply", json=data), 409, "illegal_transition")
    assert not Application.objects.exists()
    with clock.frozen_at(dt.datetime(2026, 6, 1, 10, tzinfo=dt.UTC)):
        response = client_for(applicant).post("/practice/apply", json=data)
    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["authority"], body["state"], body["payload"]["field"]) == ("GD-DOJ", "draft", "lawyer")


def test_apply_refused_for_reviewers_ineligible_checks_and_anonymous(
    client_for, anonymous, reviewer, applicant, reference
):
    eligible = anonymous.post("/practice/check", json={**LAWYER, "on": "2025-06-01"}).json()
    ineligible = anonymous.post("/practice/check", json={**LAWYER, "on": "2023-06-01"}).json()
    assert_error(
        client_for(reviewer).post("/practice/apply", json={"check": eligible["determination_id"]}), 403, "forbidden"
    )
    assert_error(
        anonymous.post("/practice/apply", json={"check": eligible["determination_id"]}), 401, "not_authenticated"
    )
    assert_error(
        client_for(applicant).post("/practice/apply", json={"check": ineligible["determination_id"]}),
        422,
        "invalid_input",
    )
    assert_error(client_for(applicant).post("/practice/apply", json={"check": 999999}), 404, "not_found")
    assert not Application.objects.exists()


def test_registrations_are_listed_per_role_and_managed_by_the_authority(
    client_for, applicant, reviewer, make_user, reference
):
    registration = _grant(applicant)
    other_applicant = make_user(Role.APPLICANT)
    other_authority = make_user(Role.REVIEWER, authority="GD-DOJ")
    assert client_for(applicant).get("/practice/registrations").json()["count"] == 1
    assert client_for(reviewer).get("/practice/registrations").json()["count"] == 1
    assert client_for(other_applicant).get("/practice/registrations").json()["count"] == 0
    assert client_for(other_authority).get("/practice/registrations").json()["count"] == 0
    url = f"/practice/registrations/{registration.pk}"
    assert_error(client_for(applicant).post(f"{url}/revoke", json={"reason": "x"}), 403, "forbidden")
    assert_error(client_for(other_authority).post(f"{url}/revoke", json={"reason": "x"}), 404, "not_found")
    assert_error(client_for(reviewer).post(f"{url}/suspend", json={"reason": ""}), 422, "reason_required")
    assert Registration.objects.get(pk=registration.pk).status == "active"
    response = client_for(reviewer).post(f"{url}/suspend", json={"reason": "Inquiry."})
    assert response.status_code == 200 and response.json()["status"] == "suspended"
    response = client_for(reviewer).post(f"{url}/revoke", json={"reason": "Struck off."})
    assert response.json()["status"] == "revoked"
    assert_error(client_for(reviewer).post(f"{url}/revoke", json={"reason": "Again."}), 409, "illegal_transition")


def test_public_register_hides_private_data(anonymous, applicant, reference):
    registration = _grant(applicant)
    body = anonymous.get("/practice/register", params={"name": applicant.full_name}).json()
    [row] = body["items"]
    assert row["number"] == registration.number
    assert set(row) == {"number", "full_name", "field", "zone", "authority", "valid_until", "status"}
    assert "PRIVATE-77" not in str(body)


def test_alerts_crud_for_reviewers_only(client_for, reviewer, applicant, make_user, reference):
    other = make_user(Role.REVIEWER, authority="GD-DOJ")
    created = client_for(reviewer).post(
        "/practice/alerts", json={"person_identifier": "barred@example.org", "reason": "Barred for a year."}
    )
    assert created.status_code == 201, created.text
    alert_id = created.json()["id"]
    assert client_for(other).get(f"/practice/alerts/{alert_id}").json()["authority"] == "GD-DHURD"
    assert_error(client_for(applicant).get("/practice/alerts"), 403, "forbidden")
    assert_error(
        client_for(applicant).post("/practice/alerts", json={"person_identifier": "a", "reason": "b"}), 403, "forbidden"
    )
    assert_error(client_for(other).delete(f"/practice/alerts/{alert_id}"), 403, "forbidden")
    assert_error(client_for(reviewer).post("/practice/alerts", json={"person_identifier": "a"}), 422, "invalid_input")
    withdrawn = client_for(reviewer).delete(f"/practice/alerts/{alert_id}")
    assert withdrawn.status_code == 200 and withdrawn.json()["withdrawn_at"]
    assert PracticeAlert.objects.count() == 1


def _doctor(user, *, on=None, reference="PR-DOC"):
    """Doctors in the nine cities register for a fixed term of three years."""
    return services.registration_grant(
        professional=user,
        payload={
            "profession": "physician",
            "field": "doctor",
            "city": "shenzhen",
            "licence_number": "MC-9",
            "years_of_practice": 5,
        },
        authority=Authority.objects.get(code="GD-HEALTH"),
        case_reference=reference,
        on=on,
    )


def test_a_renewal_over_http_leaves_one_row_per_person_on_the_register(client_for, anonymous, applicant, reference):
    old = _doctor(applicant, on=clock.today() - dt.timedelta(days=1050))
    client = client_for(applicant)

    opened = client.post(f"/practice/registrations/{old.pk}/renew")
    assert opened.status_code == 201
    case = Application.objects.get(reference=opened.json()["reference"])
    assert opened.json()["payload"]["renewal_of"] == old.number
    new = services.registration_grant(
        professional=applicant, payload=case.payload, authority=case.authority, case_reference=case.reference
    )

    rows = anonymous.get("/practice/register", params={"name": applicant.full_name}).json()["items"]
    assert [(r["number"], r["status"]) for r in rows] == [(new.number, "active")]
    mine = {r["number"]: r for r in client.get("/practice/registrations").json()["items"]}
    assert (mine[old.number]["standing"], mine[old.number]["in_force"], mine[old.number]["renewable"]) == (
        "superseded",
        False,
        False,
    )
    assert (mine[new.number]["standing"], mine[new.number]["standing_label"], mine[new.number]["in_force"]) == (
        "in_force",
        "In force",
        True,
    )
    assert_error(client.post(f"/practice/registrations/{old.pk}/renew"), 409, "illegal_transition")
    assert Application.objects.count() == 1


def test_a_registration_without_a_fixed_term_cannot_be_renewed_over_http(client_for, applicant, reviewer, reference):
    registration = _grant(applicant)

    listed = client_for(applicant).get("/practice/registrations").json()["items"]
    response = client_for(applicant).post(f"/practice/registrations/{registration.pk}/renew")

    assert [(r["valid_until"], r["renewable"]) for r in listed] == [(None, False)]
    assert assert_error(response, 409, "illegal_transition")["message"] == (
        "A registration without a fixed term does not need renewing."
    )
    assert_error(client_for(reviewer).post(f"/practice/registrations/{registration.pk}/renew"), 403, "forbidden")
    assert not Application.objects.exists()


def test_suspended_and_expired_registrations_are_not_in_force_over_http(client_for, anonymous, applicant, reference):
    suspended = _doctor(applicant, reference="PR-S")
    services.registration_suspend(registration_id=suspended.pk, actor=None, reason="Inquiry.")
    _doctor(applicant, on=clock.today() - dt.timedelta(days=1200), reference="PR-E")

    everyone = anonymous.get("/practice/register").json()["items"]
    active = anonymous.get("/practice/register", params={"status": "active"}).json()["items"]
    standings = {
        r["number"]: r["standing"] for r in client_for(applicant).get("/practice/registrations").json()["items"]
    }

    assert [(r["number"], r["status"]) for r in everyone] == [(suspended.number, "suspended")]
    assert active == []
    assert sorted(standings.values()) == ["expired", "suspended"]
    assert_error(anonymous.get("/practice/register", params={"status": "revoked"}), 422, "invalid_input")
