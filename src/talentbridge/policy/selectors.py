"""Reads of policy: determinations and what-if runs, for policy officers and administrators."""

from __future__ import annotations

from django.db.models import QuerySet

from talentbridge.accounts.models import Role, User
from talentbridge.core.errors import NotFound
from talentbridge.policy.models import Determination, RuleSetVersion, WhatIfRun

READER_ROLES = frozenset({Role.POLICY_OFFICER, Role.ADMINISTRATOR})


def _may_read(user: User) -> bool:
    return bool(user.is_active and user.role in READER_ROLES)


def whatif_run_list(*, user: User) -> QuerySet[WhatIfRun]:
    """Every run, newest first (policy work, no personal data); nothing for other roles."""
    if not _may_read(user):
        return WhatIfRun.objects.none()
    return WhatIfRun.objects.select_related("created_by", "rule_set").defer("result").order_by("-created_at", "-pk")


def whatif_run_get(*, user: User, run_id: int) -> WhatIfRun:
    run = WhatIfRun.objects.select_related("created_by", "rule_set", "progress").filter(pk=run_id).first()
    if run is None or not _may_read(user):
        raise NotFound()
    return run


def determination_list(*, user: User) -> QuerySet[Determination]:
    if not _may_read(user):
        return Determination.objects.none()
    return (
        Determination.objects.select_related("requested_by", "rule_set")
        .defer("explanation", "inputs")
        .order_by("-created_at", "-pk")
    )


def determination_get(*, user: User, determination_id: int) -> Determination:
    determination = Determination.objects.select_related("requested_by", "rule_set").filter(pk=determination_id).first()
    if determination is None or not _may_read(user):
        raise NotFound()
    return determination


def rule_set_list() -> QuerySet[RuleSetVersion]:
    return RuleSetVersion.objects.order_by("-first_seen_at", "-pk")
