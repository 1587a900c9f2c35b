"""An applicant is offered the services meant for where they live: practice registration to Hong Kong and
Macao residents, the talent endorsement to mainland residents, both when the residence is not recorded.
Only the offer changes: every page still opens at its address."""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.urls import reverse

from talentbridge.accounts.models import Residence, Role
from talentbridge.casework.workflow import registry
from talentbridge.web.context_processors import APPLICANT_ITEM_SERVICE
from talentbridge.web.views.home import SERVICE_RESIDENCES

pytestmark = pytest.mark.django_db

PRACTICE = {"practice": True, "endorsement": False}
ENDORSEMENT = {"practice": False, "endorsement": True}
BOTH = {"practice": True, "endorsement": True}
RESIDENCES = [("HK", PRACTICE), ("MO", PRACTICE), ("GD", ENDORSEMENT), ("", BOTH)]


def _between(page: str, start: str, end: str) -> str:
    return page.split(start, 1)[1].split(end, 1)[0]


def _nav(response: Any) -> str:
    return _between(response.content.decode(), 'class="site-nav"', "</nav>")


def _links(fragment: str, *names: str) -> list[bool]:
    return [f'href="{reverse(name)}"' in fragment for name in names]


@pytest.mark.parametrize(("residence", "offers"), RESIDENCES)
def test_the_navigation_offers_the_services_of_the_applicants_residence(make_user, signed_in, residence, offers):
    client = signed_in(make_user(Role.APPLICANT, residence=residence))

    nav = _nav(client.get(reverse("web:home")))

    practice = _links(nav, "web:practice_check", "web:practice_registrations")
    assert practice == [offers["practice"]] * 2
    assert _links(nav, "web:endorsements") == [offers["endorsement"]]
    # what every applicant has, whatever their residence
    assert _links(nav, "web:my_applications", "web:insurance_estimate") == [True, True]


@pytest.mark.parametrize(("residence", "offers"), RESIDENCES)
def test_the_dashboard_and_my_applications_offer_the_services_of_the_residence(make_user, signed_in, residence, offers):
    client = signed_in(make_user(Role.APPLICANT, residence=residence))
    dashboard = _between(html.unescape(client.get(reverse("web:home")).content.decode()), 'id="start-heading"', "</ul>")
    listing = _between(client.get(reverse("web:my_applications")).content.decode(), 'class="grid"', "</div>")

    for page in (dashboard, listing):
        expected = [offers["practice"], offers["endorsement"]]
        assert _links(page, "web:practice_check", "web:endorsement_check") == expected
        assert _links(page, "web:insurance_claim") == [True]
    assert ("Professional practice registration" in dashboard) is offers["practice"]
    assert ("Talent entry endorsement" in dashboard) is offers["endorsement"]


@pytest.mark.parametrize("residence", ["HK", "GD"])
def test_the_pages_not_offered_still_open_at_their_address(make_user, signed_in, residence):
    client = signed_in(make_user(Role.APPLICANT, residence=residence))

    for name in ("web:practice_check", "web:practice_registrations", "web:endorsement_check", "web:endorsements"):
        assert client.get(reverse(name)).status_code == 200, name


def test_the_offers_name_workflow_kinds_and_residences_only():
    assert set(SERVICE_RESIDENCES) <= set(registry())
    assert set(APPLICANT_ITEM_SERVICE.values()) <= set(SERVICE_RESIDENCES)
    assert set().union(*SERVICE_RESIDENCES.values()) <= set(Residence.values)
