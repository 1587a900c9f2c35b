"""Every role's home page, notifications and the task-progress page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from talentbridge.accounts.models import Role
from talentbridge.casework import services
from talentbridge.core.models import TaskProgress

pytestmark = pytest.mark.django_db

HOME_HEADINGS = {
    Role.APPLICANT: "Welcome, ",
    Role.REVIEWER: "Reviewer dashboard",
    Role.POLICY_OFFICER: "Policy overview",
    Role.ANALYST: "Statistics",
    Role.ORGANISATION_STAFF: "Employer ",
    Role.ADMINISTRATOR: "Platform administration",
}


@pytest.mark.parametrize("role", list(HOME_HEADINGS))
def test_each_role_has_its_home(role, make_user, make_case, signed_in):
    make_case(submit=True)
    user = make_user(role, authority="GD-DHURD" if role == Role.REVIEWER else None)

    response = signed_in(user).get(reverse("web:home"))

    assert response.status_code == 200
    assert HOME_HEADINGS[role] in response.content.decode()


def test_officials_see_counts_by_state(make_case, make_user, signed_in):
    make_case(submit=True)
    make_case(submit=True)

    html = signed_in(make_user(Role.POLICY_OFFICER)).get(reverse("web:home")).content.decode()

    assert '<span class="number">2</span><span class="label">Submitted</span>' in html


def test_anonymous_home_is_public(client, reference):
    response = client.get(reverse("web:home"))

    assert response.status_code == 200
    assert "Create an account" in response.content.decode()


def test_notifications_are_listed_counted_and_marked_read(make_case, applicant, signed_in):
    case = make_case(submit=True)
    client = signed_in(applicant)

    page = client.get(reverse("web:notifications")).content.decode()
    assert f"Your application {case.reference} has been submitted." in page
    assert '<span class="count-badge"' in page

    client.post(reverse("web:notification_read"))

    assert '<span class="count-badge"' not in client.get(reverse("web:notifications")).content.decode()


def test_task_progress_page_polls_until_done(make_user, signed_in):
    owner = make_user(Role.ANALYST)
    progress = TaskProgress.objects.create(label="Population run", owner=owner, total=4, done=1, status="running")
    client = signed_in(owner)

    page = client.get(reverse("web:task_progress", args=[progress.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in page and 'aria-valuenow="25"' in page

    TaskProgress.objects.filter(pk=progress.pk).update(status="done", done=4)
    fragment = client.get(reverse("web:task_progress", args=[progress.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment
    assert "hx-trigger" not in fragment and 'aria-valuenow="100"' in fragment


def test_task_progress_of_someone_else_is_404(make_user, signed_in):
    progress = TaskProgress.objects.create(label="Run", owner=make_user(Role.ANALYST))

    assert signed_in(make_user(Role.ANALYST)).get(reverse("web:task_progress", args=[progress.pk])).status_code == 404


def test_verifier_answers_a_verification(make_case, reviewer, verifier, signed_in):
    case = make_case(submit=True)
    case = services.application_transition(application_id=case.pk, actor=reviewer, transition="start_review")
    services.verification_request(
        application_id=case.pk, reviewer=reviewer, authority_code="HK-ERB", question="Is the licence valid?"
    )
    case.refresh_from_db()
    client = signed_in(verifier)
    assert case.reference in client.get(reverse("web:verifications")).content.decode()

    response = client.post(
        reverse("web:case_verify", args=[case.reference]),
        {"answer": "confirm", "note": "Registered.", "expected_version": case.version},
    )

    case.refresh_from_db()
    assert response.status_code == 302
    assert case.state == "in_review"
    assert case.verifications.get().outcome == "confirmed"


def test_analyst_home_shows_headline_figures_computed_from_records(make_user, signed_in):
    from django.core.management import call_command

    from talentbridge.insurance import selectors as insurance_selectors
    from talentbridge.practice import selectors as practice_selectors

    call_command("load_demo", verbosity=0)
    html = signed_in(make_user("analyst")).get("/").content.decode()
    table = html[html.index('id="headline-figures"') :]
    registered = practice_selectors.professionals_registered()
    insured = insurance_selectors.insured_residents_total()
    assert registered > 0 and insured > 0
    assert f'<td class="num">{registered}</td>' in table
    assert f'<td class="num">{insured}</td>' in table
