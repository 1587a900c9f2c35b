"""Applications: list with filters and pages, read, edit a draft, audit timeline; no generic opening."""

import datetime as dt

import pytest

from talentbridge.casework.models import Application
from tests.api.conftest import assert_error, step
from tests.casework.filing import case_factory
from tests.conftest import PRACTICE_PAYLOAD


@pytest.fixture
def make_case(applicant):
    """Cases submitted as an applicant does: with every required document."""
    return case_factory(applicant)


NEW_CASE = {"kind": "practice_registration", "authority": "GD-DHURD", "payload": PRACTICE_PAYLOAD}


@pytest.mark.parametrize(
    "body",
    [
        NEW_CASE,
        {"kind": "benefit_claim", "authority": "SHENZHEN-SIF", "payload": {"benefit": "pension"}},
        {"kind": "practice_registration", "authority": "GD-HEALTH", "payload": {"check": "1", "renewal_of": "X"}},
    ],
)
def test_there_is_no_generic_way_to_open_an_application(client_for, applicant, body, snapshot):
    """Regression: POST /applications let an applicant pick any authority and set internal fields."""
    client = client_for(applicant)
    before = snapshot()

    response = client.post("/applications", json=body)

    assert_error(response, 405, "method_not_allowed")
    assert snapshot() == before


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("check", "999"),
        ("renewal_of", "PR-REG-1"),
        ("field", "lawyer"),
        ("zone", "qianhai"),
        ("home_jurisdiction", "macao"),
    ],
)
def test_a_draft_edit_cannot_set_a_platform_field(client_for, applicant, make_case, snapshot, field, value):
    case = make_case()
    client = client_for(applicant)
    before = snapshot()

    response = client.patch(
        f"/applications/{case.reference}", json={"payload": {field: value, "city": "zhuhai"}, "expected_version": 1}
    )

    body = assert_error(response, 422, "invalid_input")
    assert body["details"] == {
        field: ["This is set by the platform from how the application was opened; it cannot be changed."]
    }
    assert snapshot() == before


def test_get_a_case(client_for, applicant, make_case):
    case = make_case(submit=True)

    response = client_for(applicant).get(f"/applications/{case.reference}")

    assert response.status_code == 200
    body = response.json()
    assert body["reference"] == case.reference
    assert body["state"] == "submitted"
    assert body["version"] == 2
    assert body["available_transitions"] == ["withdraw"]
    assert body["deadline"] == case.deadline.isoformat()
    assert body["rules_version"] == case.rules_version


def test_reviewer_sees_the_steps_of_a_reviewer(client_for, reviewer, case_in_review):
    body = client_for(reviewer).get(f"/applications/{case_in_review.reference}").json()

    assert body["available_transitions"] == [
        "request_info",
        "request_verification",
        "propose_approval",
        "require_adaptation_period",
        "require_aptitude_test",
        "refuse",
    ]


def test_update_a_draft(client_for, applicant, make_case):
    case = make_case()

    response = client_for(applicant).patch(
        f"/applications/{case.reference}", json={"payload": {"years_of_practice": 9}, "expected_version": 1}
    )

    assert response.status_code == 200
    assert response.json()["payload"] == {**PRACTICE_PAYLOAD, "years_of_practice": 9}
    assert response.json()["version"] == 2
    case.refresh_from_db()
    assert case.payload["years_of_practice"] == 9


def test_update_with_a_stale_version_is_a_conflict_and_changes_nothing(client_for, applicant, make_case, snapshot):
    case = make_case()
    client = client_for(applicant)
    before = snapshot()

    response = client.patch(
        f"/applications/{case.reference}", json={"payload": {"years_of_practice": 9}, "expected_version": 7}
    )

    body = assert_error(response, 409, "conflict")
    assert body["details"] == {"current_version": 1, "current_state": "draft"}
    assert snapshot() == before


def test_update_after_submission_is_an_illegal_transition(client_for, applicant, make_case, snapshot):
    case = make_case(submit=True)
    client = client_for(applicant)
    before = snapshot()

    response = client.patch(f"/applications/{case.reference}", json={"payload": {"city": "zhuhai"}})

    assert_error(response, 409, "illegal_transition")
    assert snapshot() == before


def test_list_shows_own_cases_newest_first(client_for, applicant, make_user, make_case):
    first = make_case()
    second = make_case(submit=True)
    make_case(owner=make_user())

    response = client_for(applicant).get("/applications")

    assert response.status_code == 200
    body = response.json()
    assert [c["reference"] for c in body["items"]] == [second.reference, first.reference]
    assert (body["count"], body["page"], body["pages"]) == (2, 1, 1)
    assert set(body["items"][0]) == {
        "reference", "kind", "state", "state_label", "authority", "authority_name", "applicant_name",
        "version", "deadline", "created_at", "submitted_at", "decided_at",
    }  # fmt: skip


def test_list_filters(client_for, reviewer, make_case):
    draft = make_case()
    submitted = make_case(submit=True)
    other = make_case(submit=True)
    step(other, reviewer, "start_review")
    client = client_for(reviewer)

    def refs(**params):
        response = client.get("/applications", params=params)
        assert response.status_code == 200
        return {c["reference"] for c in response.json()["items"]}

    assert refs() == {submitted.reference, other.reference}
    assert refs(state="submitted") == {submitted.reference}
    assert refs(state="draft") == set()
    assert refs(kind="practice_registration") == {submitted.reference, other.reference}
    assert draft.reference not in refs(q=draft.reference)
    assert refs(kind="benefit_claim") == set()
    assert refs(q=submitted.reference[-5:].lower()) == {submitted.reference}
    assert refs(overdue="true") == set()


def test_list_overdue(client_for, reviewer, make_case):
    late = make_case(submit=True)
    make_case(submit=True)
    Application.objects.filter(pk=late.pk).update(deadline=dt.date(2020, 1, 1))

    response = client_for(reviewer).get("/applications", params={"overdue": "true"})

    assert [c["reference"] for c in response.json()["items"]] == [late.reference]


def test_list_pages(client_for, applicant, make_case):
    cases = [make_case() for _ in range(5)]
    client = client_for(applicant)

    page_two = client.get("/applications", params={"page": 2, "page_size": 2}).json()
    past_the_end = client.get("/applications", params={"page": 9, "page_size": 2}).json()

    assert [c["reference"] for c in page_two["items"]] == [cases[2].reference, cases[1].reference]
    assert (page_two["count"], page_two["page"], page_two["pages"]) == (5, 2, 3)
    assert past_the_end == {"items": [], "count": 5, "page": 9, "pages": 3}


def test_list_page_size_above_the_maximum_is_refused(client_for, applicant):
    body = assert_error(client_for(applicant).get("/applications", params={"page_size": 101}), 422, "invalid_input")

    assert list(body["details"]) == ["page_size"]


def test_events_are_the_audit_timeline(client_for, applicant, reviewer, make_case):
    case = make_case(submit=True)
    step(case, reviewer, "start_review")

    response = client_for(applicant).get(f"/applications/{case.reference}/events")

    assert response.status_code == 200
    body = response.json()
    assert [(e["action"], e["from_state"], e["to_state"]) for e in body["items"]] == [
        ("created", "", "draft"),
        *[("document_uploaded", "", "")] * 4,  # the pathway's four documents
        ("submit", "draft", "submitted"),
        ("start_review", "submitted", "in_review"),
    ]
    # As on the case page, the applicant reads the official's role, not their name (and their own name).
    assert body["items"][-1]["actor"] is None
    assert body["items"][-1]["actor_role"] == "reviewer"
    assert body["items"][0]["actor"] == applicant.full_name
    assert body["count"] == 7


def test_events_of_a_system_step_have_no_actor(client_for, applicant, case_info_requested):
    step(case_info_requested, None, "expire")

    items = client_for(applicant).get(f"/applications/{case_info_requested.reference}/events").json()["items"]

    assert items[-1]["action"] == "expire"
    assert items[-1]["actor"] is None
    assert items[-1]["actor_role"] == "system"


def test_a_draft_is_its_applicants_alone(client_for, people, make_case):
    """Regression: reviewers read applicants' unsubmitted drafts over the API."""
    draft = make_case(owner=people["applicant"])

    assert client_for(people["applicant"]).get(f"/applications/{draft.reference}").status_code == 200
    for role in ("reviewer", "verifier", "administrator", "policy_officer", "analyst", "other_applicant"):
        client = client_for(people[role])
        assert_error(client.get(f"/applications/{draft.reference}"), 404, "not_found")
        assert_error(client.get(f"/applications/{draft.reference}/events"), 404, "not_found")
        assert_error(client.get(f"/applications/{draft.reference}/documents"), 404, "not_found")
        listed = client.get("/applications", params={"page_size": 100}).json()["items"]
        assert draft.reference not in {c["reference"] for c in listed}


def test_a_reviewer_cannot_move_a_draft(client_for, reviewer, make_case, snapshot):
    draft = make_case()
    client = client_for(reviewer)
    before = snapshot()

    response = client.post(f"/applications/{draft.reference}/transitions", json={"transition": "start_review"})

    assert_error(response, 404, "not_found")
    assert snapshot() == before
