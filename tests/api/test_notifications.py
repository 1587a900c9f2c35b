"""The caller's notifications: list, unread filter, mark read."""

import pytest

from talentbridge.casework.models import Notification
from tests.api.conftest import assert_error, step


def test_list_notifications_newest_first(client_for, applicant, reviewer, make_case):
    case = make_case(submit=True)
    step(case, reviewer, "start_review")

    response = client_for(applicant).get("/notifications")

    assert response.status_code == 200
    body = response.json()
    assert [n["event"] for n in body["items"]] == ["in_review", "submitted"]
    assert body["items"][0]["application"] == case.reference
    assert body["items"][0]["message"] == f"Your application {case.reference} is being reviewed."
    assert body["items"][0]["read_at"] is None
    assert body["count"] == 2


def test_others_notifications_are_not_listed(client_for, make_case, make_user, reviewer):
    make_case(submit=True)

    response = client_for(make_user()).get("/notifications")

    assert response.json() == {"items": [], "count": 0, "page": 1, "pages": 0}


def test_mark_a_notification_read(client_for, applicant, make_case):
    make_case(submit=True)
    notification = Notification.objects.get(recipient=applicant)
    client = client_for(applicant)

    response = client.post(f"/notifications/{notification.pk}/read")
    again = client.post(f"/notifications/{notification.pk}/read")

    assert response.status_code == 200
    assert response.json()["id"] == notification.pk
    assert response.json()["read_at"] is not None
    assert again.status_code == 200
    assert again.json()["read_at"] == response.json()["read_at"]
    assert client.get("/notifications", params={"unread": "true"}).json()["items"] == []
    assert len(client.get("/notifications").json()["items"]) == 1


def test_marking_someone_elses_notification_is_not_found_and_changes_nothing(
    client_for, applicant, make_user, make_case, snapshot
):
    make_case(submit=True)
    notification = Notification.objects.get(recipient=applicant)
    client = client_for(make_user())
    before = snapshot()

    response = client.post(f"/notifications/{notification.pk}/read")

    assert_error(response, 404, "not_found")
    assert snapshot() == before


def test_unknown_or_malformed_notification_id(client_for, applicant):
    client = client_for(applicant)

    assert_error(client.post("/notifications/999999/read"), 404, "not_found")
    assert_error(client.post("/notifications/abc/read"), 404, "not_found")
    assert_error(client.post("/notifications/-1/read"), 404, "not_found")
    body = assert_error(client.post(f"/notifications/{2**70}/read"), 422, "invalid_input")
    assert list(body["details"]) == ["notification_id"]


def test_notification_session_post_needs_csrf(client_for, applicant, make_case, snapshot):
    make_case(submit=True)
    notification = Notification.objects.get(recipient=applicant)
    client = client_for(applicant, via="session", csrf=False)
    before = snapshot()

    assert_error(client.post(f"/notifications/{notification.pk}/read"), 403, "csrf_failed")
    assert snapshot() == before


@pytest.mark.parametrize(
    ("segment", "status", "code"),
    [
        ("%C2%B2", 404, "not_found"),  # ² passes str.isdigit() and breaks int()
        ("%EF%BC%91", 404, "not_found"),  # fullwidth 1, which int() would read as 1
        ("-5", 404, "not_found"),
        ("0", 404, "not_found"),
        ("1.5", 404, "not_found"),
        ("", 404, "not_found"),
        (str(2**63), 422, "invalid_input"),
        ("9" * 400, 422, "invalid_input"),
    ],
    ids=["superscript-two", "fullwidth-one", "negative", "zero", "fraction", "empty", "past-the-largest-id", "long"],
)
def test_a_bad_notification_id_changes_nothing(client_for, applicant, make_case, snapshot, segment, status, code):
    make_case(submit=True)
    client = client_for(applicant)
    before = snapshot()

    response = client.post(f"/notifications/{segment}/read")

    assert_error(response, status, code)
    assert snapshot() == before
    assert Notification.objects.filter(read_at__isnull=False).count() == 0


@pytest.mark.parametrize(
    ("query", "field"),
    [("unread=%C2%B2", "unread"), ("unread=maybe", "unread"), ("page=%C2%B2", "page"), ("page=-5", "page"),
     ("page=0", "page"), (f"page={2**70}", "page"), ("page_size=%EF%BC%91", "page_size"), ("page_size=101", "page_size")],
)  # fmt: skip
def test_bad_list_parameters_are_422_by_field(client_for, applicant, query, field):
    response = client_for(applicant).get(f"/notifications?{query}")

    body = assert_error(response, 422, "invalid_input")
    assert list(body["details"]) == [field]
