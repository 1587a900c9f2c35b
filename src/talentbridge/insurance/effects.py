"""What a decided benefit claim does in insurance: the kernel computes the award; a lump sum ends the periods.

Called by casework inside the approval's transaction (declared in `benefit_claim.yaml`); an error
here rolls the approval back. Insurance does not import casework: it reads the case duck-typed.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from talentbridge.accounts.models import User
from talentbridge.core import clock
from talentbridge.core.errors import InvalidInput
from talentbridge.insurance import estimates
from talentbridge.insurance.models import BenefitAward
from talentbridge.insurance.retirement import Category, statutory_retirement_month
from talentbridge.insurance.selectors import awards_in_force
from talentbridge.insurance.services import periods_end_open
from talentbridge.insurance.services.benefits import ONE_AWARD_IN_FORCE
from talentbridge.policy.models import Determination
from talentbridge.policy.services import determination_compute, determination_make
from talentbridge.reference.models import City


def _yes(payload: dict[str, Any], name: str, default: bool = False) -> bool:
    value = payload.get(name)
    return default if value in (None, "") else value == "yes"


def _month(text: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(f"{text}-01")
    except (TypeError, ValueError):
        return None


def _refuse(message: str) -> InvalidInput:
    return InvalidInput(message, details={"transition": [message]})


def _decide(
    person: User,
    benefit: str,
    payload: dict[str, Any],
    reference: str,
    determination_make: Callable[..., Determination] = determination_make,
) -> tuple[Determination, dict[str, Any], Decimal]:
    spans = estimates.spans_for(person)
    today = clock.today()  # the day of the decision: the rules in force that day apply
    month = today.replace(day=1)
    period = f"{month:%Y-%m}"
    if benefit == "unemployment":
        inputs = estimates.unemployment_inputs(
            spans,
            month=month,
            involuntary=_yes(payload, "involuntary_job_loss", True),
            registered=_yes(payload, "registered_as_job_seeker", True),
            on=today,
        )
        det = determination_make(
            inputs=inputs, period=period, outputs=estimates.UNEMPLOYMENT_OUTPUTS, user=person, case_reference=reference
        )
        out = det.outputs
        if not out["unemployment_benefit_eligible"]:
            raise _refuse(_("The rules grant no unemployment benefit on these records: refuse the claim instead."))
        if payload.get("payment_option") == "one_off":
            if not out["unemployment_one_off_payment"]:  # the option exists from 15 Dec 2020
                raise _refuse(
                    _("The rules offer no one-off payment on the day of this decision: refuse the claim instead.")
                )
            amounts = {"option": "one_off", "one_off": out["unemployment_one_off_payment"]}
            return det, amounts, Decimal(str(out["unemployment_one_off_payment"]))
        monthly, months = out["unemployment_benefit_monthly"], out["unemployment_benefit_months"]
        if not monthly:  # the rules hold no minimum wage for the city on that day (before July 2018)
            raise _refuse(
                _(
                    "The rules hold no minimum wage for this city on the day of this decision: the benefit cannot be computed."
                )
            )
        amounts = {"option": "monthly", "monthly": monthly, "months": months}
        return det, amounts, Decimal(str(monthly))
    if benefit == "work_injury":
        grade = payload.get("disability_grade")
        if not isinstance(grade, int) or not 1 <= grade <= 10:
            raise _refuse(_("A work injury claim needs a disability grade from 1 to 10."))
        inputs = estimates.work_injury_inputs(
            spans, month=month, grade=grade, employer_arranges_work=_yes(payload, "employer_arranges_work"), on=today
        )
        det = determination_make(
            inputs=inputs, period=period, outputs=estimates.WORK_INJURY_OUTPUTS, user=person, case_reference=reference
        )
        out = det.outputs
        amounts = {
            "grade": grade,
            "own_wage": out["work_injury_own_wage"],
            "one_off_subsidy": out["work_injury_one_off_subsidy"],
            "monthly_allowance": out["work_injury_monthly_allowance"],
        }
        return det, amounts, Decimal(str(out["work_injury_one_off_subsidy"]))
    if benefit == "pension":
        birth = _month(payload.get("birth_month"))
        category = payload.get("retirement_category") or ""
        if birth is None or category not in Category.__members__.values():
            raise _refuse(_("A pension claim needs the birth month (YYYY-MM) and the retirement category."))
        retirement = statutory_retirement_month(birth_month=birth, category=category)
        # Decided for the retirement month, with the rules in force on its first day.
        inputs = estimates.pension_inputs(spans, birth_month=birth, retirement_month=retirement)
        det = determination_make(
            inputs=inputs,
            period=f"{retirement:%Y-%m}",
            outputs=estimates.PENSION_OUTPUTS,
            user=person,
            case_reference=reference,
        )
        out = det.outputs
        if not out["pension_eligible"]:
            raise _refuse(_("The rules grant no monthly pension on these records: refuse the claim instead."))
        monthly = Decimal(str(out["basic_pension"])) + Decimal(str(out["personal_account_pension"]))
        amounts = {
            "basic": out["basic_pension"],
            "personal_account": out["personal_account_pension"],
            "retirement_month": f"{retirement:%Y-%m}",
        }
        return det, amounts, monthly
    if benefit == "lump_sum":
        det = determination_make(
            inputs=estimates.lump_sum_inputs(spans, month=month, on=today),
            period=period,
            outputs=estimates.LUMP_SUM_OUTPUTS,
            user=person,
            case_reference=reference,
        )
        balance = det.outputs["personal_account_balance"]
        return det, {"personal_account_balance": balance}, Decimal(str(balance))
    raise _refuse(_("Unknown benefit."))


def _one_award_in_force(person: User, benefit: str, reference: str) -> None:
    """Refuse a second award in force of a benefit a person holds once (see `services.ONE_AWARD_IN_FORCE`)."""
    if benefit not in ONE_AWARD_IN_FORCE:
        return
    held = awards_in_force().filter(person=person, benefit=benefit).exclude(case_reference=reference).first()
    if held is not None:
        raise _refuse(
            _("The person already receives this benefit, awarded on claim %(reference)s: refuse the claim instead.")
            % {"reference": held.case_reference}
        )


def benefit_award_preview(application: Any) -> BenefitAward:
    """The award approving `application` today would record, computed but not saved.

    What the second reviewer confirms: the same computation as the approval's, on the same day's rules
    and records. Raises `InvalidInput` with the approval's own refusal when the rules grant nothing.
    """
    payload = application.payload
    person = application.applicant
    benefit = payload.get("benefit", "")
    city = City.objects.filter(code=payload.get("city", "")).first() or application.authority.city
    _one_award_in_force(person, benefit, application.reference)
    figures_only = functools.partial(determination_compute, explained=False)  # a preview shows no trace
    _determination, amounts, total = _decide(person, benefit, payload, application.reference, figures_only)
    return BenefitAward(
        person=person, benefit=benefit, city=city, case_reference=application.reference, amounts=amounts, total=total
    )


def benefit_award_from_case(*, application: Any, actor: User | None, reason: str, data: dict[str, Any]) -> BenefitAward:
    """Compute the claimed benefit with the kernel and record the award (once per case)."""
    existing = BenefitAward.objects.filter(case_reference=application.reference).first()
    if existing is not None:
        return existing
    payload = application.payload
    person = application.applicant
    benefit = payload.get("benefit", "")
    city = City.objects.filter(code=payload.get("city", "")).first() or application.authority.city
    _one_award_in_force(person, benefit, application.reference)
    determination, amounts, total = _decide(person, benefit, payload, application.reference)
    ended = periods_end_open(person=person) if benefit == "lump_sum" else 0
    return BenefitAward.objects.create(
        person=person,
        benefit=benefit,
        city=city,
        case_reference=application.reference,
        amounts=amounts,
        total=total,
        determination=determination,
        rule_set=determination.rule_set,
        periods_ended=ended,
        awarded_at=clock.now(),
    )


def benefit_award_revoke_from_case(*, application: Any, actor: User | None, reason: str, data: dict[str, Any]) -> int:
    """The claim's approval is revoked: its award stops counting as granted (periods ended stay ended)."""
    return BenefitAward.objects.filter(case_reference=application.reference, revoked_at__isnull=True).update(
        revoked_at=clock.now()
    )
