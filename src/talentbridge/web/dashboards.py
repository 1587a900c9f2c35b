"""Aggregate figures for the home pages (counts only, no personal data)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from talentbridge.accounts.models import Role, User
from talentbridge.casework.models import Application, Decision, State, Verification
from talentbridge.casework.selectors import application_list
from talentbridge.casework.verifiers import registration_bodies
from talentbridge.casework.workflow import registry
from talentbridge.core import clock
from talentbridge.insurance import selectors as insurance_selectors
from talentbridge.mobility import selectors as mobility_selectors
from talentbridge.practice import selectors as practice_selectors
from talentbridge.reference.models import Authority
from talentbridge.web.labels import kind_label, state_label


def counts_by_state(cases: QuerySet[Application]) -> list[dict[str, Any]]:
    """One row per state that has cases, in the workflow's natural order."""
    rows = dict(cases.order_by().values_list("state").annotate(n=Count("id")).values_list("state", "n"))
    return [{"state": s, "label": state_label(s), "count": rows[s]} for s in State.values if rows.get(s)]


def counts_by_kind_and_state(cases: QuerySet[Application]) -> list[dict[str, Any]]:
    """A table: one row per workflow kind, one column per state."""
    grid: dict[str, dict[str, int]] = {kind: {} for kind in registry()}
    for kind, state, n in (
        cases.order_by().values_list("kind", "state").annotate(n=Count("id")).values_list("kind", "state", "n")
    ):
        grid.setdefault(kind, {})[state] = n
    return [
        {
            "kind": kind,
            "label": kind_label(kind),
            "cells": [by_state.get(s, 0) for s in State.values],
            "total": sum(by_state.values()),
        }
        for kind, by_state in grid.items()
    ]


def overdue_count(cases: QuerySet[Application], today: dt.date) -> int:
    """Cases past their deadline: the review queue's "only overdue cases" (`?overdue=on`) to the case.

    Only an open state carries a deadline, so every dated case is open (a compensation measure reported done
    included); the count and the queue's filter read the same field the same way.
    """
    return cases.filter(deadline__lt=today).count()


def decisions_since(since: dt.datetime) -> list[dict[str, Any]]:
    rows = Decision.objects.filter(decided_at__gte=since).order_by().values_list("outcome").annotate(n=Count("id"))
    labels = dict(Decision.Outcome.choices)
    return [{"label": labels.get(outcome, outcome), "count": n} for outcome, n in rows]


def users_by_role() -> list[dict[str, Any]]:
    rows = dict(User.objects.order_by().values_list("role").annotate(n=Count("id")).values_list("role", "n"))
    return [{"label": label, "count": rows.get(value, 0)} for value, label in Role.choices]


def all_cases() -> QuerySet[Application]:
    """Every case, for aggregate figures only (officials see counts, never case contents)."""
    return Application.objects.all()


def headline_figures() -> list[dict[str, Any]]:
    """The figures the Guangdong authorities publish, computed from the platform's own records."""
    return [
        {
            "label": _("Hong Kong and Macao professionals with a practice registration in force"),
            "count": practice_selectors.professionals_registered(),
        },
        {
            "label": _("Hong Kong and Macao residents insured (pension, unemployment or work injury) this month"),
            "count": insurance_selectors.insured_residents_total(),
        },
        {
            "label": _("People who received pension, unemployment or work-injury benefits"),
            "count": insurance_selectors.people_benefited()["any"],
        },
        {"label": _("Talent endorsements in force"), "count": mobility_selectors.endorsements_in_force().count()},
        {
            "label": _("Practice registrations approved tacitly (deadline missed)"),
            "count": practice_selectors.tacit_approvals(),
        },
    ]


def is_verifying_body(authority: Authority | None) -> bool:
    """Whether `authority` is a home registration body (of Hong Kong or Macao): it verifies the licences it
    registers when a Guangdong authority asks, and decides no case of the platform itself."""
    if authority is None:
        return False
    return any(authority.code in codes for codes in registration_bodies().values())


def _tile(count: int, label: Any, url_name: str, *, warn: bool = False, **query: str) -> dict[str, Any]:
    """One dashboard figure and the page listing exactly the records it counts."""
    url = reverse(url_name) + (f"?{urlencode(query)}" if query else "")
    return {"count": count, "label": label, "url": url, "warn": warn}


def reviewer_tiles(user: User) -> list[dict[str, Any]]:
    """A deciding authority's figures, each linking to the queue filtered to the cases it counts."""
    queue = application_list(user=user).filter(authority_id=user.authority_id or 0)
    by_state = dict(queue.order_by().values_list("state").annotate(n=Count("id")).values_list("state", "n"))
    return [
        _tile(
            by_state.get("submitted", 0),
            _("Cases waiting for a review to start"),
            "web:review_queue",
            state="submitted",
        ),
        _tile(
            by_state.get("resubmitted", 0),
            _("Cases the applicant has answered, waiting for review"),
            "web:review_queue",
            state="resubmitted",
        ),
        _tile(
            overdue_count(queue, clock.today()),
            _("Open cases past their deadline"),
            "web:review_queue",
            warn=True,
            overdue="on",
        ),
        _tile(
            by_state.get("pending_second_approval", 0),
            _("Awaiting a second approval"),
            "web:review_queue",
            state="pending_second_approval",
        ),
        _tile(
            _verifications(user, waiting=True).count(),
            _("Verifications asked of your authority, waiting for an answer"),
            "web:verifications",
            outcome=Verification.Outcome.PENDING,
        ),
    ]


def _verifications(user: User, *, waiting: bool) -> QuerySet[Verification]:
    asked = Verification.objects.filter(authority_id=user.authority_id or 0)
    return asked.filter(outcome=Verification.Outcome.PENDING) if waiting else asked


def verifier_tiles(user: User) -> list[dict[str, Any]]:
    """A verifying body's figures: the requests waiting for its answer, and all it was asked."""
    return [
        _tile(
            _verifications(user, waiting=True).count(),
            _("Verifications waiting for your answer"),
            "web:verifications",
            outcome=Verification.Outcome.PENDING,
        ),
        _tile(
            _verifications(user, waiting=False).count(),
            _("All verifications asked of your authority"),
            "web:verifications",
        ),
    ]


def authority_dashboard(user: User) -> tuple[str, dict[str, Any]]:
    """The home page of an authority's staff: a verifying body's around its verifications, a deciding
    authority's around its review queue."""
    if is_verifying_body(user.authority):
        tiles = verifier_tiles(user)
        return "web/home/verifier.html", {"authority": user.authority, "tiles": tiles, "waiting_url": tiles[0]["url"]}
    queue = application_list(user=user).filter(authority_id=user.authority_id or 0)
    return "web/home/reviewer.html", {
        "authority": user.authority,
        "tiles": reviewer_tiles(user),
        "by_state": counts_by_state(queue),
    }
