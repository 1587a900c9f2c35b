"""The list of practice registrations comes in pages, for the professional and for the authority, and an
action taken on a later page returns to that page."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import reverse

from talentbridge.accounts.models import Role, User
from talentbridge.core import clock
from talentbridge.practice import services
from talentbridge.practice.models import Registration
from talentbridge.reference.models import Authority
from talentbridge.web.views.practice import REGISTRATIONS_PAGE_SIZE

pytestmark = pytest.mark.django_db

EXTRA = 3  # registrations beyond the first page
AUTHORITY = "GD-DHURD"


def _registrations(professional: User, count: int) -> list[Registration]:
    """`count` registrations of `professional`, newest first: one granted by the service, the rest alike."""
    granted = services.registration_grant(
        professional=professional,
        payload={"profession": "architect", "city": "shenzhen", "licence_number": "ARB-1"},
        authority=Authority.objects.get(code=AUTHORITY),
        case_reference="PR-PAGE-0",
    )
    start = clock.now()
    Registration.objects.filter(pk=granted.pk).update(created_at=start)
    copies = []
    for n in range(1, count):
        copy = Registration.objects.get(pk=granted.pk)
        copy.pk = None
        copy.number = f"{granted.number}-{n:03d}"
        copy.case_reference = f"PR-PAGE-{n}"
        copy.certificate_id = None
        copy.created_at = start - dt.timedelta(minutes=n)
        copies.append(copy)
    Registration.objects.bulk_create(copies)
    return list(Registration.objects.filter(professional=professional).order_by("-created_at", "-pk"))


def _numbers(page: str) -> list[str]:
    return re.findall(r'<tr data-number="([^"]+)"', page)


@pytest.fixture
def listed(make_user: Any) -> list[Registration]:
    return _registrations(make_user(Role.APPLICANT, residence="HK"), REGISTRATIONS_PAGE_SIZE + EXTRA)


@pytest.mark.parametrize("who", ["professional", "reviewer"])
def test_the_registrations_list_comes_in_pages(make_user, signed_in, listed, who):
    user = listed[0].professional if who == "professional" else make_user(Role.REVIEWER, authority=AUTHORITY)
    client = signed_in(user)
    url = reverse("web:practice_registrations")

    first = client.get(url).content.decode()
    second = client.get(url, {"page": 2}).content.decode()

    assert _numbers(first) == [r.number for r in listed[:REGISTRATIONS_PAGE_SIZE]]
    assert _numbers(second) == [r.number for r in listed[REGISTRATIONS_PAGE_SIZE:]]
    assert "Page 1 of 2" in first and 'href="?page=2"' in first
    assert "Page 2 of 2" in second and 'href="?page=1"' in second
    # a page number that is not one shows the first page, one past the end the last
    assert _numbers(client.get(url, {"page": "x"}).content.decode()) == _numbers(first)
    assert _numbers(client.get(url, {"page": 99}).content.decode()) == _numbers(second)


def test_one_page_of_registrations_shows_no_page_links(signed_in, make_user):
    professional = make_user(Role.APPLICANT, residence="HK")
    _registrations(professional, 2)

    page = signed_in(professional).get(reverse("web:practice_registrations")).content.decode()

    assert len(_numbers(page)) == 2
    assert 'class="pagination"' not in page


def test_an_action_on_the_second_page_returns_to_it(make_user, signed_in, listed):
    client = signed_in(make_user(Role.REVIEWER, authority=AUTHORITY))
    target = listed[-1]
    second = client.get(reverse("web:practice_registrations"), {"page": 2}).content.decode()
    action = f"{reverse('web:practice_registration_action', args=[target.pk])}?page=2"
    assert f'action="{action}"' in second

    response = client.post(action, {"action": "suspend", "reason": "Complaint under investigation."})

    assert response.url == f"{reverse('web:practice_registrations')}?page=2"
    target.refresh_from_db()
    assert target.status == "suspended"


def test_the_public_register_pages_keep_the_search_and_name_the_page_once(client, listed):
    name = listed[0].full_name

    first = client.get(reverse("web:practice_register"), {"name": name}).content.decode()
    links = re.findall(r'<nav class="pagination".*?</nav>', first, flags=re.S)

    assert len(links) == 1
    hrefs = re.findall(r'href="([^"]+)"', links[0])
    assert hrefs == [f"?name={name.replace(' ', '+')}&amp;page=2"]
    again = client.get(reverse("web:practice_register"), {"name": name, "page": 2}).content.decode()
    assert re.findall(r'href="([^"]+)"', re.findall(r'<nav class="pagination".*?</nav>', again, flags=re.S)[0]) == [
        f"?name={name.replace(' ', '+')}&amp;page=1"
    ]
