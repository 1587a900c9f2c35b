"""Marking notifications read on the web: one's own by id, or all; any other id changes nothing and says so."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from talentbridge.accounts.models import User
from talentbridge.casework.models import Application, Notification

NOT_FOUND = "This notification was not found, so nothing was marked as read."


@pytest.fixture
def inbox(make_case: Callable[..., Application], applicant: User, make_user: Callable[..., User]) -> dict[str, Any]:
    """Two unread notifications of the applicant's, one of someone else's."""
    other = make_user()
    make_case(submit=True)
    make_case(submit=True)
    make_case(submit=True, owner=other)
    mine = list(Notification.objects.filter(recipient=applicant).order_by("pk"))
    assert len(mine) == 2
    return {"mine": mine, "theirs": Notification.objects.get(recipient=other)}


def read_states() -> list[tuple[int, bool]]:
    return [
        (pk, read_at is not None) for pk, read_at in Notification.objects.order_by("pk").values_list("pk", "read_at")
    ]


@pytest.mark.parametrize(
    "raw",
    ["²", "١", "１", "-5", "0", "1.5", "abc", " ", "", str(2**63), str(2**70), "9" * 400],
    ids=["superscript-two", "arabic-indic-one", "fullwidth-one", "negative", "zero", "fraction", "text", "blank",
         "empty", "past-the-largest-id", "huge", "very-long"],
)  # fmt: skip
def test_an_id_that_is_not_one_of_ones_notifications_changes_nothing_and_says_so(
    inbox: dict[str, Any], applicant: User, signed_in: Callable[[User], Client], raw: str
) -> None:
    client = signed_in(applicant)
    before = read_states()

    response = client.post(reverse("web:notification_read"), {"id": raw}, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain == [(reverse("web:notifications"), 302)]
    assert [str(message) for message in response.context["messages"]] == [NOT_FOUND]
    assert NOT_FOUND in response.content.decode()
    assert read_states() == before
    assert not any(read for _pk, read in before)


def test_someone_elses_notification_is_not_found_and_stays_unread(
    inbox: dict[str, Any], applicant: User, signed_in: Callable[[User], Client]
) -> None:
    client = signed_in(applicant)
    before = read_states()

    response = client.post(reverse("web:notification_read"), {"id": inbox["theirs"].pk}, follow=True)

    assert [str(message) for message in response.context["messages"]] == [NOT_FOUND]
    assert read_states() == before


def test_the_error_is_in_the_readers_language(
    inbox: dict[str, Any], applicant: User, signed_in: Callable[[User], Client]
) -> None:
    client = signed_in(applicant)

    response = client.post(reverse("web:notification_read"), {"id": "²"}, follow=True, HTTP_ACCEPT_LANGUAGE="zh-hant")

    assert "找不到此通知，因此沒有標示任何通知為已讀。" in response.content.decode()


def test_ones_own_notification_is_marked_read_alone(
    inbox: dict[str, Any], applicant: User, signed_in: Callable[[User], Client]
) -> None:
    client = signed_in(applicant)
    first, second = inbox["mine"]

    response = client.post(reverse("web:notification_read"), {"id": f" {first.pk} "}, follow=True)

    assert list(response.context["messages"]) == []
    assert dict(read_states()) == {first.pk: True, second.pk: False, inbox["theirs"].pk: False}


def test_the_form_without_an_id_marks_all_of_ones_own_read(
    inbox: dict[str, Any], applicant: User, signed_in: Callable[[User], Client]
) -> None:
    client = signed_in(applicant)
    first, second = inbox["mine"]

    client.post(reverse("web:notification_read"))

    assert dict(read_states()) == {first.pk: True, second.pk: True, inbox["theirs"].pk: False}


def test_the_id_is_read_by_the_pages_one_record_id_field() -> None:
    # One rule for an id a browser sends back (ASCII digits from 1), with this form's own message.
    from talentbridge.web.fields import RecordIdField
    from talentbridge.web.views.inbox import NotificationReadForm

    field = NotificationReadForm.base_fields["id"]

    assert type(field) is RecordIdField
    assert {code: str(field.error_messages[code]) for code in ("required", "invalid", "min_value", "max_value")} == (
        dict.fromkeys(("required", "invalid", "min_value", "max_value"), NOT_FOUND)
    )
