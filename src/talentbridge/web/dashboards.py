"""Aggregate figures for the home pages (counts only, no personal data)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _

from talentbridge.accounts.models import Role, User
from talentbridge.casework.models import Application, Decision, State
from talentbridge.casework.workflow import registry
from talentbridge.insurance import selectors as insurance_selectors
from talentbridge.mobility import selectors as mobility_selectors
from talentbridge.practice import selectors as practice_selectors
from talentbridge.web.labels import kind_label, state_label

OPEN_STATES = ("submitted", "in_review", "verification", "info_requested", "resubmitted", "pending_second_approval")


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
    return cases.filter(state__in=OPEN_STATES, deadline__lt=today).count()


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
