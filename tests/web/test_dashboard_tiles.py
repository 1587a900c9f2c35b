"""Every figure on an authority's dashboard links to a page listing exactly the records it counts; a verifying
body (a home registration body) gets a dashboard, navigation and role name built around its verifications."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from talentbridge.accounts.models import Role, User
from talentbridge.casework import services
from talentbridge.casework.models import Application, Verification
from talentbridge.core import clock
from talentbridge.reference.models import Authority
from tests.casework.filing import case_factory

pytestmark = pytest.mark.django_db

TILE = re.compile(r'<a class="stat[^"]*" href="([^"]+)"><span class="number">(\d+)</span><span class="label">([^<]+)<')
LONG_AGO = dt.date(2000, 1, 3)


@pytest.fixture(autouse=True)
def _documents_in_tmp(settings: Any, tmp_path: Any) -> None:
    settings.DOCUMENT_ROOT = tmp_path / "documents"


def _tiles(page: str) -> list[tuple[str, int, str]]:
    tiles = [(html_lib.unescape(url), int(n), label) for url, n, label in TILE.findall(page)]
    assert tiles, "no figures on the dashboard"
    return tiles


def _listed(client: Client, url: str) -> set[str]:
    """The case references a list page links, across its pages."""
    references: set[str] = set()
    page = 1
    while True:
        response = client.get(url, {"page": page} if page > 1 else {})
        assert response.status_code == 200
        content = response.content.decode()
        main = content.split('<main id="main"', 1)[1].split("</main>", 1)[0]
        references |= set(re.findall(r'href="/cases/([A-Z0-9-]+)/"', main))
        if f'page={page + 1}"' not in content:
            return references
        page += 1


def _in_state(case: Application, state: str, *, deadline: dt.date | None = None) -> None:
    Application.objects.filter(pk=case.pk).update(state=state, **({"deadline": deadline} if deadline else {}))


def _ask(case: Application, authority: str, asker: User, outcome: str = Verification.Outcome.PENDING) -> None:
    Verification.objects.create(
        application=case,
        authority=Authority.objects.get(code=authority),
        requested_by=asker,
        question="Is it so?",
        requested_at=clock.now(),
        outcome=outcome,
    )


@pytest.fixture
def busy_authority(applicant: User, make_user: Any) -> User:
    """A reviewer of GD-DHURD whose queue has a case for each figure, and one a figure must not count."""
    reviewer = make_user(Role.REVIEWER, authority="GD-DHURD")
    make = case_factory(applicant)
    cases = [make(submit=True) for _ in range(7)]
    _in_state(cases[1], "resubmitted")
    _in_state(cases[2], "resubmitted")
    _in_state(cases[3], "pending_second_approval")
    _in_state(cases[4], "in_review", deadline=LONG_AGO)
    # a compensation measure reported done waits for the authority within a deadline: overdue like any other
    _in_state(cases[5], "compensation_reported", deadline=LONG_AGO)
    _in_state(cases[6], "approved")
    elsewhere = make_user(Role.REVIEWER, authority="GD-DOJ")
    _ask(cases[6], "GD-DHURD", elsewhere)
    _ask(cases[5], "GD-DHURD", elsewhere, outcome=Verification.Outcome.CONFIRMED)
    return reviewer


def test_each_reviewer_figure_links_to_exactly_what_it_counts(busy_authority: User, signed_in: Any) -> None:
    client = signed_in(busy_authority)

    tiles = _tiles(client.get(reverse("web:home")).content.decode())

    for url, count, label in tiles:
        assert count > 0, f"{label}: the test gives every figure something to count"
        assert len(_listed(client, url)) == count, f"{label} counts {count}, {url} lists another number"
    by_label = {label: count for _url, count, label in tiles}
    assert by_label["Cases waiting for a review to start"] == 1
    assert by_label["Cases the applicant has answered, waiting for review"] == 2
    assert by_label["Open cases past their deadline"] == 2


def test_the_verifications_list_says_when_it_shows_the_waiting_ones_only(busy_authority: User, signed_in: Any) -> None:
    client = signed_in(busy_authority)

    waiting = client.get(reverse("web:verifications"), {"outcome": "pending"}).content.decode()
    everything = client.get(reverse("web:verifications")).content.decode()

    assert "Only the verifications waiting for your authority's answer are shown." in waiting
    assert f'<a href="{reverse("web:verifications")}">Show all verifications</a>' in waiting
    assert "Only the verifications waiting" not in everything


@pytest.fixture
def board(applicant: User, make_user: Any) -> User:
    """Staff of the Engineers Registration Board, asked to verify two cases, one of them answered."""
    reviewer = make_user(Role.REVIEWER, authority="GD-DHURD")
    staff = make_user(Role.REVIEWER, authority="HK-ERB", full_name="Lee Ka Yan")
    make = case_factory(applicant)
    for answered in (False, True):
        case = services.application_transition(
            application_id=make(submit=True).pk, actor=reviewer, transition="start_review"
        )
        services.verification_request(
            application_id=case.pk, reviewer=reviewer, authority_code="HK-ERB", question="Is the licence current?"
        )
        if answered:
            services.verification_respond(application_id=case.pk, verifier=staff, confirmed=True)
    return staff


def _nav(page: str) -> list[str]:
    nav = page.split('class="site-nav"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'<li><a href="([^"]+)"', nav)


def test_a_verifying_body_gets_a_dashboard_of_its_verifications(board: User, signed_in: Any) -> None:
    client = signed_in(board)

    page = client.get(reverse("web:home")).content.decode()

    assert "<h1>Verification dashboard</h1>" in page
    assert "Reviewer dashboard" not in page and "Open the review queue" not in page
    tiles = _tiles(page)
    assert [(label, count) for _url, count, label in tiles] == [
        ("Verifications waiting for your answer", 1),
        ("All verifications asked of your authority", 2),
    ]
    for url, count, label in tiles:
        assert len(_listed(client, url)) == count, f"{label} counts {count}, {url} lists another number"
    assert f'href="{reverse("web:verifications")}?outcome=pending"' in page


def test_a_verifying_body_is_offered_its_own_work_only(board: User, signed_in: Any) -> None:
    nav = _nav(signed_in(board).get(reverse("web:home")).content.decode())

    assert nav == [
        reverse("web:home"),
        reverse("web:verifications"),
        reverse("web:notifications"),
        reverse("web:api_tokens"),
    ]


@pytest.mark.parametrize(
    ("language", "verifying", "deciding"),
    [
        ("en", "Verifying authority", "Reviewer"),
        ("zh-hans", "核实部门", "审批人员"),
        ("zh-hant", "核實部門", "審批人員"),
    ],
)
def test_the_header_names_the_role_by_the_work(
    board: User, make_user: Any, signed_in: Any, language: str, verifying: str, deciding: str
) -> None:
    reviewer = make_user(Role.REVIEWER, authority="GD-DHURD")

    def header(user: User) -> str:
        client = signed_in(user)
        client.cookies["django_language"] = language
        return client.get(reverse("web:home")).content.decode().split("</header>", 1)[0]

    assert f'<small id="role-label">({verifying})</small>' in header(board)
    assert f'<small id="role-label">({deciding})</small>' in header(reviewer)
