"""Mobility over real HTTP: the public check (rate-limited), attestations, applying, endorsements, stays and
border records; every refused call is checked for having changed nothing."""

# ruff: noqa: F811
from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from talentbridge.accounts.models import Role
from talentbridge.casework.models import Application, Document
from talentbridge.core import clock
from talentbridge.mobility import services
from talentbridge.mobility.models import EmployerAttestation, Endorsement, StayRecord
from talentbridge.policy.models import Determination
from tests.api.conftest import PDF, assert_error

# The mobility fixtures, shared with tests/mobility (ruff sees each use as a redefinition: F811 is off here).
from tests.mobility.conftest import (  # noqa: F401
    confirmed,
    employer_staff,
    endorsement,
    exit_entry,
    institute,
    second_exit_entry,
    submitted,
    talent,
)


@pytest.fixture(autouse=True)
def _fresh_rate_limit(transactional_db: Any) -> None:
    """Rate-limit counts live in the shared cache, which outlives each test's database flush."""
    cache.clear()


def _iso(moment: dt.datetime) -> str:
    return timezone.localtime(moment).isoformat()


# --- check ---------------------------------------------------------------------------------------


def test_anyone_may_check_and_the_answer_is_stored(anonymous, reference):
    response = anonymous.post(
        "/mobility/check",
        json={"category": "research", "holds_valid_eep": True, "work_city": "shenzhen", "on": "2025-06-10"},
    )

    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["eligible"], body["validity_years"], body["max_stay_days"]) == (True, 3, 30)
    assert [office["code"] for office in body["offices"]] == ["SHENZHEN-EXIT-ENTRY"]
    assert body["covered_from"] == "2023-02-20"
    assert body["reasons"]
    assert Determination.objects.get().pk == body["determination_id"]


HETAO_STAFF = {
    "category": "none",
    "holds_valid_eep": True,
    "work_city": "shenzhen",
    "works_in_hetao_shenzhen_park": True,
}


@pytest.mark.parametrize(
    ("on", "filed", "eligible", "years"),
    [("2025-11-05", True, True, 3), ("2025-11-05", False, False, 0), ("2025-11-04", True, False, 0)],
    ids=["filed-from-5-november", "not-filed", "filed-the-day-before"],
)
def test_hetao_park_staff_who_filed_get_three_years_from_5_november_2025(
    anonymous, reference, on, filed, eligible, years
):
    response = anonymous.post(
        "/mobility/check", json={**HETAO_STAFF, "filed_with_hetao_park_management": filed, "on": on}
    )

    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["eligible"], body["validity_years"]) == (eligible, years if eligible else None)
    stored = Determination.objects.get(pk=body["determination_id"])
    assert stored.inputs["filed_with_hetao_park_management"] == {on[:7]: filed}
    assert stored.inputs["decision_date"] == {on[:7]: on}


def test_outstanding_talents_are_shown_every_gba_office(anonymous, reference):
    body = anonymous.post(
        "/mobility/check", json={"category": "outstanding", "holds_valid_eep": True, "work_city": "zhuhai"}
    ).json()
    assert body["any_gba_office"] is True
    assert len(body["offices"]) == 9


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"category": "chef", "holds_valid_eep": True, "work_city": "shenzhen"}, "category"),
        ({"category": "research", "holds_valid_eep": True, "work_city": "beijing"}, "work_city"),
        ({"category": "research", "holds_valid_eep": "yes", "work_city": "shenzhen"}, "holds_valid_eep"),
        ({"category": "research", "holds_valid_eep": True, "work_city": "shenzhen", "on": "soon"}, "on"),
        ({"category": "research", "holds_valid_eep": True, "work_city": "shenzhen", "extra": 1}, "extra"),
    ],
)
def test_bad_check_input_is_422_on_the_field_and_stores_nothing(anonymous, reference, payload, field):
    error = assert_error(anonymous.post("/mobility/check", json=payload), 422, "invalid_input")
    assert list(error["details"]) == [field]
    assert Determination.objects.count() == 0


def test_checks_are_rate_limited_per_client(anonymous, reference, settings):
    settings.RULES_API_RATE = "2/min"
    answers = {"category": "health", "holds_valid_eep": True, "work_city": "foshan"}
    allowed = [anonymous.post("/mobility/check", json=answers) for _ in range(2)]

    refused = anonymous.post("/mobility/check", json=answers)

    assert [r.status_code for r in allowed] == [200, 200]
    error = assert_error(refused, 429, "rate_limited")
    assert error["details"] == {"retry_after": int(refused.headers["Retry-After"])}
    assert Determination.objects.count() == 2


# --- attestations --------------------------------------------------------------------------------


def _attestation(institute, **changes: Any) -> dict[str, Any]:
    return {
        "organisation": institute.pk,
        "job_title": "Principal investigator",
        "professional_title": "associate_senior",
        "employed_since": "2020-09-01",
        **changes,
    }


def test_a_mainland_talent_requests_an_attestation(client_for, talent, institute):
    response = client_for(talent).post("/mobility/attestations", json=_attestation(institute))

    assert response.status_code == 201, response.text
    body = response.json()
    attestation = EmployerAttestation.objects.get()
    assert (body["id"], body["status"], body["organisation_name"]) == (
        attestation.pk,
        "requested",
        "Shenzhen Bay Laboratory",
    )


@pytest.mark.parametrize(
    ("who", "status", "code"),
    [("hk_applicant", 403, "forbidden"), ("reviewer", 403, "forbidden"), ("anonymous", 401, "not_authenticated")],
)
def test_only_mainland_applicants_may_request(client_for, anonymous, make_user, institute, who, status, code):
    client = {
        "hk_applicant": lambda: client_for(make_user(Role.APPLICANT, residence="HK")),
        "reviewer": lambda: client_for(make_user(Role.REVIEWER, authority="SHENZHEN-EXIT-ENTRY")),
        "anonymous": lambda: anonymous,
    }[who]()
    assert_error(client.post("/mobility/attestations", json=_attestation(institute)), status, code)
    assert EmployerAttestation.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"employed_since": "2999-01-01"}, "employed_since"),
        ({"employed_since": "yesterday"}, "employed_since"),
        ({"organisation": 999_999}, "organisation"),
        ({"organisation": "1"}, "organisation"),
        ({"professional_title": "emperor"}, "professional_title"),
        ({"job_title": "  "}, "job_title"),
    ],
)
def test_bad_attestation_requests_are_422_on_the_field(client_for, talent, institute, changes, field):
    error = assert_error(
        client_for(talent).post("/mobility/attestations", json=_attestation(institute, **changes)),
        422,
        "invalid_input",
    )
    assert field in error["details"]
    assert EmployerAttestation.objects.count() == 0


@pytest.fixture
def requested(talent, institute):
    return services.attestation_request(
        talent=talent,
        organisation_id=institute.pk,
        job_title="Principal investigator",
        professional_title="associate_senior",
        employed_since=dt.date(2020, 9, 1),
    )


def test_the_queue_is_the_organisations_and_the_applicants_own(
    client_for, make_user, talent, employer_staff, requested
):
    queue = client_for(employer_staff).get("/mobility/attestations")
    own = client_for(talent).get("/mobility/attestations")
    elsewhere = client_for(make_user(Role.ORGANISATION_STAFF)).get("/mobility/attestations")

    assert [a["id"] for a in queue.json()] == [requested.pk]
    assert [a["id"] for a in own.json()] == [requested.pk]
    assert elsewhere.json() == []
    assert_error(client_for(make_user(Role.ANALYST)).get("/mobility/attestations"), 403, "forbidden")
    assert_error(client_for(employer_staff).get("/mobility/attestations?status=maybe"), 422, "invalid_input")


def test_the_employer_confirms_with_reasons(client_for, employer_staff, requested):
    response = client_for(employer_staff).post(
        f"/mobility/attestations/{requested.pk}/decide", json={"confirmed": True, "reasons": "Employed full time."}
    )

    assert response.status_code == 200, response.text
    assert (response.json()["status"], response.json()["reasons"]) == ("confirmed", "Employed full time.")
    again = client_for(employer_staff).post(
        f"/mobility/attestations/{requested.pk}/decide", json={"confirmed": False, "reasons": "Oops."}
    )
    assert_error(again, 409, "illegal_transition")


@pytest.mark.parametrize("who", ["talent", "other_staff"])
def test_nobody_else_may_decide_and_nothing_changes(client_for, make_user, talent, requested, who):
    actor = talent if who == "talent" else make_user(Role.ORGANISATION_STAFF)
    response = client_for(actor).post(
        f"/mobility/attestations/{requested.pk}/decide", json={"confirmed": True, "reasons": "Sure."}
    )
    assert_error(response, 404, "not_found")
    requested.refresh_from_db()
    assert (requested.status, requested.decided_by) == ("requested", None)


def test_a_refusal_needs_reasons(client_for, employer_staff, requested):
    response = client_for(employer_staff).post(
        f"/mobility/attestations/{requested.pk}/decide", json={"confirmed": False, "reasons": " "}
    )
    assert assert_error(response, 422, "invalid_input")["details"] == {
        "reasons": ["Give the reasons for refusing this attestation."]
    }
    requested.refresh_from_db()
    assert requested.status == "requested"


def test_a_confirmation_needs_no_reasons_and_sent_again_changes_nothing(client_for, employer_staff, requested):
    client = client_for(employer_staff)
    first = client.post(f"/mobility/attestations/{requested.pk}/decide", json={"confirmed": True, "reasons": ""})
    requested.refresh_from_db()
    decided_at = requested.decided_at
    again = client.post(f"/mobility/attestations/{requested.pk}/decide", json={"confirmed": True, "reasons": "Again."})

    assert (first.status_code, first.json()["status"]) == (200, "confirmed")
    assert (again.status_code, again.json()["status"], again.json()["reasons"]) == (200, "confirmed", "")
    requested.refresh_from_db()
    assert (requested.status, requested.decided_at, requested.reasons) == ("confirmed", decided_at, "")


# --- applying ------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _documents_in_tmp(settings: Any, tmp_path: Any) -> None:
    settings.DOCUMENT_ROOT = tmp_path / "documents"


# The documents each category asks for (mobility/data/documents.yaml).
CATEGORY_DOCUMENTS = {
    "research": ("eep", "photo", "professional_title_certificate"),
    "outstanding": ("eep", "photo", "talent_recognition"),
    "chef": (),
}


def _apply(client: httpx.Client, attestation: EmployerAttestation, files: Any = None, **changes: Any) -> httpx.Response:
    data = {
        "category": "research",
        "destination": "HK_MO",
        "work_city": "shenzhen",
        "employer_attestation": str(attestation.pk),
        "eep_number": "C12345678",
        **changes,
    }
    if files is None:
        codes = CATEGORY_DOCUMENTS[str(data["category"])]
        files = [("documents", (f"{code}.pdf", PDF, "application/pdf")) for code in codes]
        files.append(("documents", ("contract.pdf", PDF, "application/pdf")))
        data.setdefault("document_types", [*codes, ""])
    return client.post("/mobility/applications", data=data, files=files)


def test_applying_submits_at_the_work_citys_office_with_the_documents(client_for, talent, confirmed):
    response = _apply(client_for(talent), confirmed)

    assert response.status_code == 201, response.text
    case = Application.objects.get()
    assert response.json() == {
        "reference": case.reference,
        "state": "submitted",
        "authority": "SHENZHEN-EXIT-ENTRY",
        "documents": 4,
    }
    assert case.payload["employer"] == "Shenzhen Bay Laboratory"
    assert sorted(case.documents.values_list("document_type", "title")) == [
        ("", "contract.pdf"),
        ("eep", "Valid Exit-Entry Permit for Travelling to and from Hong Kong and Macao"),
        ("photo", "Recent ID photo (taken at the office or meeting its standard)"),
        ("professional_title_certificate", "Certificate of an associate-senior (副高) or higher professional title"),
    ]


def test_an_application_without_a_required_document_is_refused_naming_it(client_for, talent, confirmed):
    files = [("documents", ("eep.pdf", PDF, "application/pdf")), ("documents", ("photo.pdf", PDF, "application/pdf"))]

    response = _apply(client_for(talent), confirmed, files=files, document_types=["eep", "photo"])

    assert assert_error(response, 422, "invalid_input")["details"] == {
        "documents": [
            "Before you submit, attach: Certificate of an associate-senior (副高) or higher professional title."
        ]
    }
    assert (Application.objects.count(), Document.objects.count()) == (0, 0)


def test_applying_carries_the_hetao_park_answers_into_the_case(client_for, talent, confirmed):
    response = _apply(
        client_for(talent), confirmed, works_in_hetao_shenzhen_park="true", filed_with_hetao_park_management="true"
    )

    assert response.status_code == 201, response.text
    payload = Application.objects.get().payload
    assert (payload["works_in_hetao_shenzhen_park"], payload["filed_with_hetao_park_management"]) == ("yes", "yes")


def test_an_application_without_the_hetao_answers_records_no_to_both(client_for, talent, confirmed):
    assert _apply(client_for(talent), confirmed).status_code == 201
    payload = Application.objects.get().payload
    assert (payload["works_in_hetao_shenzhen_park"], payload["filed_with_hetao_park_management"]) == ("no", "no")


@pytest.mark.parametrize(
    "changes",
    [{"employer": "Someone Else Ltd"}, {"payload": "{}", "state": "approved"}, {"works_in_hetao": "true"}],
    ids=["platform-field", "internal-fields", "misspelt"],
)
def test_a_field_the_application_does_not_have_is_refused_naming_it_and_saves_nothing(
    client_for, talent, confirmed, changes
):
    response = _apply(client_for(talent), confirmed, **changes)

    assert assert_error(response, 422, "invalid_input")["details"] == {
        name: ["This field is not expected here."] for name in sorted(changes)
    }
    assert (Application.objects.count(), Document.objects.count()) == (0, 0)


def test_a_file_under_a_name_the_application_does_not_have_is_refused_naming_it_and_saves_nothing(
    client_for, talent, confirmed
):
    codes = CATEGORY_DOCUMENTS["research"]
    files = [("documents", (f"{code}.pdf", PDF, "application/pdf")) for code in codes]
    files.append(("photo", ("photo.pdf", PDF, "application/pdf")))  # a file field the application does not have

    response = _apply(client_for(talent), confirmed, files=files, document_types=list(codes))

    assert assert_error(response, 422, "invalid_input")["details"] == {"photo": ["This field is not expected here."]}
    assert (Application.objects.count(), Document.objects.count()) == (0, 0)


def test_an_application_from_a_browser_form_may_carry_its_csrf_token_in_the_body(client_for, talent, confirmed):
    client = client_for(talent, via="session", csrf=False)

    response = _apply(client, confirmed, csrfmiddlewaretoken=client.cookies[settings.CSRF_COOKIE_NAME])

    assert response.status_code == 201, response.text
    assert Application.objects.get().documents.count() == 4


def test_an_outstanding_talent_may_name_another_gba_office(client_for, talent, confirmed):
    response = _apply(client_for(talent), confirmed, category="outstanding", authority="ZHONGSHAN-EXIT-ENTRY")
    assert response.status_code == 201, response.text
    assert Application.objects.get().authority.code == "ZHONGSHAN-EXIT-ENTRY"


@pytest.mark.parametrize(
    ("changes", "files", "status", "code", "details"),
    [
        (
            {"authority": "GUANGZHOU-EXIT-ENTRY"},
            None,
            422,
            "invalid_input",
            {"authority": ["Apply at the exit-entry office of the city where you work."]},
        ),
        ({}, [], 422, "invalid_input", {"documents": ["This field is required."]}),
        (
            {},
            [("documents", ("note.txt", b"hello", "text/plain"))],
            422,
            "unsupported_document",
            {"documents": ["The file is not a PDF, JPEG or PNG document."]},
        ),
        ({"category": "chef"}, None, 422, "invalid_input", {"category": ["Choose one of the listed options."]}),
        (
            {"employer_attestation": "x"},
            None,
            422,
            "invalid_input",
            {"employer_attestation": ["Enter a whole number."]},
        ),
    ],
)
def test_bad_applications_are_refused_and_save_nothing(
    client_for, talent, confirmed, changes, files, status, code, details
):
    response = _apply(client_for(talent), confirmed, files=files, **changes)

    assert assert_error(response, status, code)["details"] == details
    assert (Application.objects.count(), Document.objects.count()) == (0, 0)


def test_an_unconfirmed_attestation_is_refused(client_for, talent, requested):
    response = _apply(client_for(talent), requested)
    assert assert_error(response, 422, "invalid_input")["details"] == {
        "employer_attestation": [
            f"{requested.organisation.name} has not decided on this attestation yet: it is still waiting."
        ]
    }
    assert Application.objects.count() == 0


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.ORGANISATION_STAFF])
def test_only_mainland_applicants_may_apply(client_for, make_user, confirmed, role):
    extra = {"authority": "SHENZHEN-EXIT-ENTRY"} if role == Role.REVIEWER else {}
    assert_error(_apply(client_for(make_user(role, **extra)), confirmed), 403, "forbidden")
    assert Application.objects.count() == 0


# --- endorsements and stays ----------------------------------------------------------------------


@pytest.fixture
def valid_since_100_days(endorsement):
    Endorsement.objects.filter(pk=endorsement.pk).update(valid_from=clock.today() - dt.timedelta(days=100))
    endorsement.refresh_from_db()
    return endorsement


def test_the_holder_sees_their_endorsements_others_do_not(client_for, make_user, talent, endorsement):
    mine = client_for(talent).get("/mobility/endorsements").json()
    assert [(e["id"], e["category"], e["destination"]) for e in mine] == [(endorsement.pk, "research", "HK_MO")]
    assert mine[0]["validity_days_left"] == (endorsement.valid_to - clock.today()).days + 1

    other = client_for(make_user(Role.APPLICANT, residence="GD"))
    assert other.get("/mobility/endorsements").json() == []
    assert_error(other.get(f"/mobility/endorsements/{endorsement.pk}"), 404, "not_found")
    assert_error(other.get(f"/mobility/endorsements/{endorsement.pk}/stays"), 404, "not_found")
    assert client_for(talent).get(f"/mobility/endorsements/{endorsement.pk}").json()["id"] == endorsement.pk


def test_an_entry_26_days_ago_warns_and_the_exit_closes_it(client_for, talent, valid_since_100_days, settings):
    settings.MOBILITY_STAY_WARNING_DAY = 25
    client = client_for(talent)
    base = f"/mobility/endorsements/{valid_since_100_days.pk}/stays"
    entered = clock.now() - dt.timedelta(days=26)

    created = client.post(f"{base}/entry", json={"destination": "HK", "entered_at": _iso(entered)})

    assert created.status_code == 201, created.text
    assert (created.json()["days_used"], created.json()["warning"], created.json()["is_open"]) == (27, True, True)
    stays = client.get(base).json()
    assert (stays["max_stay_days"], stays["warning_day"]) == (30, 25)
    assert len(stays["warnings"]) == 1 and stays["warnings"][0].startswith("Day 27 of at most 30 days")

    closed = client.post(f"{base}/exit", json={"exited_at": _iso(clock.now() - dt.timedelta(days=1))})
    assert closed.status_code == 200, closed.text
    assert (closed.json()["is_open"], closed.json()["days_used"], closed.json()["warning"]) == (False, 26, False)


def test_an_overstay_is_reported(client_for, talent, valid_since_100_days):
    services.stay_entry_log(
        holder=talent,
        endorsement_id=valid_since_100_days.pk,
        destination="MO",
        entered_at=clock.now() - dt.timedelta(days=35),
    )
    stays = client_for(talent).get(f"/mobility/endorsements/{valid_since_100_days.pk}/stays").json()
    assert [(s["days_used"], s["overstay"]) for s in stays["stays"]] == [(36, True)]
    assert stays["warnings"] == ["Overstay: 36 days, more than the 30 days allowed per stay."]


@pytest.mark.parametrize(
    ("path", "payload", "field"),
    [
        ("entry", {"destination": "HK", "entered_at": "2999-01-01T10:00:00"}, "entered_at"),
        ("entry", {"destination": "HK", "entered_at": "2001-01-01T10:00:00"}, "entered_at"),
        ("entry", {"destination": "HK", "entered_at": "someday"}, "entered_at"),
        ("entry", {"destination": "TW", "entered_at": "2020-01-01T10:00:00"}, "destination"),
        ("exit", {"exited_at": "2020-01-01T10:00:00"}, "exited_at"),
    ],
)
def test_bad_stay_records_are_422_on_the_field_and_save_nothing(
    client_for, talent, valid_since_100_days, path, payload, field
):
    response = client_for(talent).post(f"/mobility/endorsements/{valid_since_100_days.pk}/stays/{path}", json=payload)
    assert list(assert_error(response, 422, "invalid_input")["details"]) == [field]
    assert StayRecord.objects.count() == 0


def test_an_overlapping_entry_is_refused(client_for, talent, valid_since_100_days):
    services.stay_entry_log(
        holder=talent,
        endorsement_id=valid_since_100_days.pk,
        destination="HK",
        entered_at=clock.now() - dt.timedelta(days=10),
    )
    services.stay_exit_log(holder=talent, exited_at=clock.now() - dt.timedelta(days=5))

    response = client_for(talent).post(
        f"/mobility/endorsements/{valid_since_100_days.pk}/stays/entry",
        json={"destination": "HK", "entered_at": _iso(clock.now() - dt.timedelta(days=7))},
    )

    assert assert_error(response, 422, "invalid_input")["details"] == {
        "entered_at": ["This entry overlaps or precedes a stay already recorded."]
    }
    assert StayRecord.objects.count() == 1


def test_nobody_else_may_log_stays(client_for, make_user, valid_since_100_days):
    other = client_for(make_user(Role.APPLICANT, residence="GD"))
    base = f"/mobility/endorsements/{valid_since_100_days.pk}/stays"
    entry = other.post(f"{base}/entry", json={"destination": "HK", "entered_at": _iso(clock.now())})
    assert_error(entry, 404, "not_found")
    assert_error(other.post(f"{base}/exit", json={"exited_at": _iso(clock.now())}), 404, "not_found")
    assert StayRecord.objects.count() == 0


def test_a_browser_session_needs_the_csrf_token(client_for, talent, valid_since_100_days):
    client = client_for(talent, via="session", csrf=False)
    response = client.post(
        f"/mobility/endorsements/{valid_since_100_days.pk}/stays/entry",
        json={"destination": "HK", "entered_at": _iso(clock.now() - dt.timedelta(days=1))},
    )
    assert_error(response, 403, "csrf_failed")
    assert StayRecord.objects.count() == 0


def test_an_endorsement_in_force_says_so_with_its_days_left(client_for, talent, valid_since_100_days):
    [row] = client_for(talent).get("/mobility/endorsements").json()
    days = (valid_since_100_days.valid_to - clock.today()).days + 1
    assert (row["standing"], row["standing_label"], row["in_force"], row["validity_days_left"]) == (
        "in_force",
        "In force",
        True,
        days,
    )


@pytest.mark.parametrize(
    ("status", "label", "message"),
    [
        ("revoked", "已撤销", "此签注已被撤销，不能再记录任何逗留。"),
        ("suspended", "已暂停", "此签注已暂停，暂停期间不能记录任何逗留。"),
    ],
)
def test_a_revoked_or_suspended_endorsement_is_not_in_force_and_refuses_entries(
    client_for, talent, valid_since_100_days, status, label, message
):
    Endorsement.objects.filter(pk=valid_since_100_days.pk).update(status=status)
    client = client_for(talent, language="zh-hans")

    [row] = client.get("/mobility/endorsements").json()
    one = client.get(f"/mobility/endorsements/{valid_since_100_days.pk}").json()
    entry = client.post(
        f"/mobility/endorsements/{valid_since_100_days.pk}/stays/entry",
        json={"destination": "HK", "entered_at": _iso(clock.now() - dt.timedelta(days=2))},
    )

    assert row == one
    assert (row["standing"], row["standing_label"], row["in_force"], row["validity_days_left"]) == (
        status,
        label,
        False,
        None,
    )
    assert assert_error(entry, 422, "invalid_input")["details"] == {"endorsement": [message]}
    assert StayRecord.objects.count() == 0


# --- border records ------------------------------------------------------------------------------


def _csv(*rows: str) -> list[tuple[str, tuple[str, bytes, str]]]:
    text = "\n".join(["endorsement,destination,direction,at", *rows]) + "\n"
    return [("file", ("border.csv", text.encode(), "text/csv"))]


def test_exit_entry_reviewers_import_border_records(client_for, exit_entry, valid_since_100_days):
    reference = valid_since_100_days.case_reference
    entered = timezone.localtime(clock.now() - dt.timedelta(days=9)).replace(tzinfo=None).isoformat(timespec="minutes")
    left = timezone.localtime(clock.now() - dt.timedelta(days=3)).replace(tzinfo=None).isoformat(timespec="minutes")

    response = client_for(exit_entry).post(
        "/mobility/border-records", files=_csv(f"{reference},HK,entry,{entered}", f"{reference},HK,exit,{left}")
    )

    assert response.status_code == 200, response.text
    assert response.json() == {"entries": 1, "exits": 1}
    stay = StayRecord.objects.get()
    assert (stay.source, stay.exited_at is not None) == ("border", True)


def test_border_records_with_a_field_the_import_does_not_have_are_refused_and_import_nothing(
    client_for, exit_entry, valid_since_100_days
):
    reference = valid_since_100_days.case_reference
    entered = timezone.localtime(clock.now() - dt.timedelta(days=9)).replace(tzinfo=None).isoformat(timespec="minutes")

    response = client_for(exit_entry).post(
        "/mobility/border-records", files=_csv(f"{reference},HK,entry,{entered}"), data={"source": "holder"}
    )

    assert assert_error(response, 422, "invalid_input")["details"] == {"source": ["This field is not expected here."]}
    assert StayRecord.objects.count() == 0


def test_a_bad_row_imports_nothing(client_for, exit_entry, valid_since_100_days):
    reference = valid_since_100_days.case_reference
    entered = timezone.localtime(clock.now() - dt.timedelta(days=9)).replace(tzinfo=None).isoformat(timespec="minutes")
    response = client_for(exit_entry).post(
        "/mobility/border-records", files=_csv(f"{reference},HK,entry,{entered}", "TE-NOPE,HK,exit,2025-01-01T10:00")
    )
    assert assert_error(response, 422, "invalid_input")["details"] == {
        "line 3": ["No endorsement has this case reference."]
    }
    assert StayRecord.objects.count() == 0


def test_a_file_that_is_not_utf8_is_refused(client_for, exit_entry):
    response = client_for(exit_entry).post(
        "/mobility/border-records", files=[("file", ("border.csv", b"\xff\xfe\x00bad", "text/csv"))]
    )
    assert assert_error(response, 422, "invalid_input")["details"] == {"file": ["The file is not UTF-8 text."]}


@pytest.mark.parametrize("who", ["holder", "other_reviewer", "employer"])
def test_only_exit_entry_staff_may_import(client_for, make_user, talent, employer_staff, valid_since_100_days, who):
    actor = {
        "holder": talent,
        "other_reviewer": make_user(Role.REVIEWER, authority="GD-DHURD"),
        "employer": employer_staff,
    }[who]
    reference = valid_since_100_days.case_reference
    response = client_for(actor).post("/mobility/border-records", files=_csv(f"{reference},HK,entry,2025-06-01T10:00"))
    assert_error(response, 403, "forbidden")
    assert StayRecord.objects.count() == 0
