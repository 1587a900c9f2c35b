"""The review queue: filters, countdowns in business days, and a fixed number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from talentbridge.casework.models import Application
from talentbridge.web.deadlines import countdown_text
from tests.casework.filing import case_factory

pytestmark = pytest.mark.django_db


@pytest.fixture
def make_case(applicant):
    """Cases submitted as an applicant does: with every required document."""
    return case_factory(applicant)


def _queries_for_queue(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("web:review_queue"))
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_queue_query_count_does_not_grow_with_the_queue(make_case, make_user, reviewer, signed_in):
    client = signed_in(reviewer)
    for _ in range(5):
        make_case(submit=True)
    with_five = _queries_for_queue(client)
    for _ in range(55):
        make_case(submit=True, owner=make_user())

    with_sixty = _queries_for_queue(client)

    assert with_five == with_sixty


def test_queue_is_paginated_by_fifty(make_case, reviewer, signed_in):
    for _ in range(51):
        make_case(submit=True)

    first = signed_in(reviewer).get(reverse("web:review_queue")).content.decode()
    second = signed_in(reviewer).get(reverse("web:review_queue") + "?page=2").content.decode()

    assert first.count('href="/cases/') == 50
    assert second.count('href="/cases/') == 1
    assert "51 cases" in first


def test_queue_filters_by_state_and_reference(make_case, reviewer, signed_in):
    draft = make_case()
    submitted = make_case(submit=True)
    client = signed_in(reviewer)

    by_state = client.get(reverse("web:review_queue"), {"state": "submitted"}).content.decode()
    by_reference = client.get(reverse("web:review_queue"), {"q": submitted.reference[-5:]}).content.decode()

    assert submitted.reference in by_state and draft.reference not in by_state
    assert submitted.reference in by_reference and draft.reference not in by_reference


def test_overdue_filter_and_countdown(make_case, reviewer, signed_in):
    on_time = make_case(submit=True)
    late = make_case(submit=True)
    Application.objects.filter(pk=late.pk).update(deadline=dt.date(2000, 1, 3))

    html = signed_in(reviewer).get(reverse("web:review_queue"), {"overdue": "on"}).content.decode()

    assert late.reference in html and on_time.reference not in html
    assert "overdue by" in html


def test_htmx_request_gets_only_the_results_fragment(make_case, reviewer, signed_in):
    make_case(submit=True)

    html = signed_in(reviewer).get(reverse("web:review_queue"), HTTP_HX_REQUEST="true").content.decode()

    assert "<html" not in html
    assert "<table>" in html


@pytest.mark.parametrize(
    "days,text",
    [(3, "3 business days left"), (1, "1 business day left"), (0, "due today"), (-2, "overdue by 2 business days")],
)
def test_countdown_text(days, text):
    assert countdown_text(days) == text


def test_the_queue_never_shows_a_draft(make_case, reviewer, signed_in):
    """Regression: the queue listed applicants' unsubmitted drafts (filterable by state=draft)."""
    draft = make_case()
    client = signed_in(reviewer)

    everything = client.get(reverse("web:review_queue")).content.decode()
    drafts = client.get(reverse("web:review_queue"), {"state": "draft"}).content.decode()
    searched = client.get(reverse("web:review_queue"), {"q": draft.reference}).content.decode()

    link = reverse("web:case_detail", args=[draft.reference])
    assert draft.reference not in everything
    assert draft.reference not in drafts
    assert link not in searched
