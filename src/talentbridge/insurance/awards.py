"""Decided benefit awards as people read them: who may see one, and its figures in the page's language.

An award is seen by the person it was granted to, by the staff of the social insurance fund of its
city, and by administrators. Amounts are the kernel's, as recorded at the decision.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from talentbridge.accounts.models import Role, User
from talentbridge.core.errors import InvalidInput
from talentbridge.core.models import stored_text
from talentbridge.insurance.effects import benefit_award_preview
from talentbridge.insurance.models import BenefitAward
from talentbridge.insurance.money import money_stored
from talentbridge.reference.models import Authority


def award_list(*, user: User) -> QuerySet[BenefitAward]:
    """The awards `user` may see: their own; a fund's staff those of its city; administrators all."""
    awards = BenefitAward.objects.select_related("city", "rule_set").order_by("-awarded_at", "-pk")
    if not user.is_authenticated or not user.is_active:
        return awards.none()
    if user.role == Role.ADMINISTRATOR:
        return awards
    visible = Q(person=user)
    authority = user.authority if user.role == Role.REVIEWER else None
    if authority is not None and authority.kind == Authority.Kind.SOCIAL_INSURANCE and authority.city_id:
        visible |= Q(city_id=authority.city_id)
    return awards.filter(visible)


def award_for_case(*, user: User, case_reference: str) -> BenefitAward | None:
    """The award decided on a claim, if `user` may see it."""
    return award_list(user=user).filter(case_reference=case_reference).first()


def money_text(value: Any) -> str:
    """An amount in yuan as a person reads it: "CNY 159,120.00" (人民币159,120.00元); "—" for none.

    Grouped by thousands in every language, as the funds' own statements write amounts (Django's
    Chinese formats group nothing).
    """
    words = money_stored(value)
    return "—" if words is None else stored_text(words)


def month_text(value: Any) -> str:
    """A month (a date, or `YYYY-MM`) in the page's language: "October 2026", "2026年10月"; "—" for none."""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(f"{value}-01") if len(value) == 7 else None
        except ValueError:
            value = None
    if not isinstance(value, dt.date):
        return "—"
    return date_format(value, "YEAR_MONTH_FORMAT")


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: str


def _figures(award: BenefitAward) -> list[Figure]:
    amounts = award.amounts or {}
    if award.benefit == BenefitAward.Benefit.UNEMPLOYMENT:
        if amounts.get("option") == "one_off":
            return [Figure("one_off", _("One-off payment"), money_text(amounts.get("one_off")))]
        return [
            Figure("monthly", _("Monthly amount"), money_text(amounts.get("monthly"))),
            Figure("months", _("Months paid"), str(amounts.get("months", "—"))),
        ]
    if award.benefit == BenefitAward.Benefit.WORK_INJURY:
        return [
            Figure("one_off_subsidy", _("One-off disability subsidy"), money_text(amounts.get("one_off_subsidy"))),
            Figure(
                "monthly_allowance", _("Monthly disability allowance"), money_text(amounts.get("monthly_allowance"))
            ),
            Figure("grade", _("Disability grade"), str(amounts.get("grade", "—"))),
            Figure("own_wage", _("Own monthly wage before the injury"), money_text(amounts.get("own_wage"))),
        ]
    if award.benefit == BenefitAward.Benefit.PENSION:
        return [
            Figure("monthly", _("Monthly pension"), money_text(award.total)),
            Figure("basic", _("Basic pension"), money_text(amounts.get("basic"))),
            Figure("personal_account", _("Personal account pension"), money_text(amounts.get("personal_account"))),
            Figure("retirement_month", _("Paid from"), month_text(amounts.get("retirement_month"))),
        ]
    figures = [Figure("one_off", _("One-off payment"), money_text(amounts.get("personal_account_balance")))]
    if award.periods_ended:
        figures.append(Figure("periods_ended", _("Contribution periods ended"), str(award.periods_ended)))
    return figures


# The states in which a reviewer weighs approving a claim: the award is shown before anyone approves it.
PROPOSAL_STATES = frozenset({"in_review", "pending_second_approval"})


def award_proposal(*, user: User, case: Any) -> dict[str, Any] | None:
    """What approving the benefit claim `case` today would award, for the staff of the fund deciding it.

    The reviewer who proposes and the colleague who approves see the same figures the approval will
    record (the same computation, not saved); when the rules grant nothing, the approval's own refusal.
    None for anyone else, another kind of case, or a case not awaiting a decision.
    """
    if getattr(case, "kind", "") != "benefit_claim" or getattr(case, "state", "") not in PROPOSAL_STATES:
        return None
    if not user.is_authenticated or not user.is_active:
        return None
    if user.role != Role.ADMINISTRATOR and not (user.role == Role.REVIEWER and user.authority_id == case.authority_id):
        return None
    try:
        award = benefit_award_preview(case)
    except InvalidInput as refusal:
        return {"case_reference": case.reference, "refusal": str(refusal.message), "figures": []}
    return {
        "case_reference": case.reference,
        "benefit_label": award.get_benefit_display(),
        "city": award.city.name if award.city else "—",
        "figures": _figures(award),
        "refusal": "",
    }


def award_view(award: BenefitAward) -> dict[str, Any]:
    """Everything a page or the API shows of an award, in the active language."""
    return {
        "case_reference": award.case_reference,
        "benefit": award.benefit,
        "benefit_label": award.get_benefit_display(),
        "city": award.city.name,
        "figures": _figures(award),
        "rules_version": award.rule_set.semver,
        "decided_at": award.awarded_at,
        "decided_on": date_format(timezone.localtime(award.awarded_at), "DATE_FORMAT"),  # the day where it was decided
        "revoked": not award.in_force,
        "revoked_at": award.revoked_at,
    }
