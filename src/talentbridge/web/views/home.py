"""The role-aware home page: each role lands on what it needs first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from talentbridge.accounts.models import Residence, Role, User
from talentbridge.casework.models import State
from talentbridge.casework.notifications import render as render_notification
from talentbridge.casework.selectors import application_list, notification_list
from talentbridge.casework.workflow import registry
from talentbridge.core import clock
from talentbridge.web import dashboards
from talentbridge.web.deadlines import CountdownCalculator

# Where each kind of application begins: the service's own page (its checker routes the application).
# `public` says whether someone without an applicant account may open it.
SERVICE_PAGES: dict[str, tuple[str, bool, Any]] = {
    "practice_registration": (
        "web:practice_check",
        True,
        _("Check whether you may practise your profession in a mainland city of the Greater Bay Area, then apply."),
    ),
    "talent_endorsement": (
        "web:endorsement_check",
        True,
        _("Check whether you qualify for a talent endorsement, then apply with your employer's attestation."),
    ),
    "benefit_claim": (
        "web:insurance_claim",
        False,
        _("Claim a social insurance benefit from your contribution record; its estimate comes with it."),
    ),
}
# Whom each service is for: practice registration serves Hong Kong and Macao professionals, the talent
# endorsement mainland residents. A kind not named here is for everyone; so is every kind for a person whose
# residence is not recorded. Only the offer follows this: every page stays open at its address.
SERVICE_RESIDENCES: dict[str, frozenset[str]] = {
    "practice_registration": frozenset({Residence.HONG_KONG, Residence.MACAO}),
    "talent_endorsement": frozenset({Residence.MAINLAND}),
}


def offered(kind: str | None, residence: str) -> bool:
    """Whether a person resident in `residence` ("" when unknown) is offered the service of `kind`."""
    residences = SERVICE_RESIDENCES.get(kind or "")
    return residences is None or not residence or residence in residences


def service_cards(*, public_only: bool = False, residence: str = "") -> list[dict[str, Any]]:
    """One card per kind of application: its name, what it does and the link to its service page.

    `residence`: only the services offered to a person resident there (all when it is empty)."""
    cards = []
    for workflow in registry().values():
        if not offered(workflow.kind, residence):
            continue
        url_name, public, description = SERVICE_PAGES[workflow.kind]
        cards.append(
            {
                "kind": workflow.kind,
                "label": workflow.localized_label(),
                "description": description,
                "url": reverse(url_name) if public or not public_only else "",
                "needs_account": not public,
            }
        )
    return cards


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "web/home/public.html", {"services": service_cards()})
    return _home_for(request, request.user)


def _home_for(request: HttpRequest, user: User) -> HttpResponse:
    builders: dict[str, Callable[[User], tuple[str, dict[str, Any]]]] = {
        Role.APPLICANT: _applicant,
        Role.REVIEWER: _reviewer,
        Role.POLICY_OFFICER: _policy_officer,
        Role.ANALYST: _analyst,
        Role.ORGANISATION_STAFF: _organisation_staff,
        Role.ADMINISTRATOR: _administrator,
    }
    template, context = builders.get(user.role, _policy_officer)(user)
    context["notifications"] = list(notification_list(user=user, unread_only=True)[:5])
    for item in context["notifications"]:
        item.text = render_notification(item)
    return render(request, template, context)


def _applicant(user: User) -> tuple[str, dict[str, Any]]:
    cases = list(application_list(user=user).select_related("authority__jurisdiction")[:10])
    calculator = CountdownCalculator()
    for case in cases:
        case.countdown = calculator.countdown(case.deadline, case.authority.jurisdiction.code)  # type: ignore[attr-defined]
    waiting = [c for c in cases if c.state in {"draft", "info_requested"}]
    return "web/home/applicant.html", {
        "cases": cases,
        "waiting_on_me": waiting,
        "services": service_cards(residence=user.residence),
    }


def _reviewer(user: User) -> tuple[str, dict[str, Any]]:
    return dashboards.authority_dashboard(user)


def _official_figures() -> dict[str, Any]:
    cases = dashboards.all_cases()
    return {
        "states": State.choices,
        "grid": dashboards.counts_by_kind_and_state(cases),
        "by_state": dashboards.counts_by_state(cases),
        "overdue": dashboards.overdue_count(cases, clock.today()),
    }


def _policy_officer(user: User) -> tuple[str, dict[str, Any]]:
    return "web/home/policy_officer.html", {**_official_figures(), "workflows": list(registry().values())}


def _analyst(user: User) -> tuple[str, dict[str, Any]]:
    since = clock.now() - dt.timedelta(days=30)
    return "web/home/analyst.html", {
        **_official_figures(),
        "decisions": dashboards.decisions_since(since),
        "headline": dashboards.headline_figures(),
    }


def _organisation_staff(user: User) -> tuple[str, dict[str, Any]]:
    organisation = user.organisation
    colleagues = organisation.staff.count() if organisation else 0
    return "web/home/organisation.html", {
        "organisation": organisation,
        "colleagues": colleagues,
        "services": service_cards(public_only=True),
    }


def _administrator(user: User) -> tuple[str, dict[str, Any]]:
    return "web/home/administrator.html", {**_official_figures(), "users_by_role": dashboards.users_by_role()}
