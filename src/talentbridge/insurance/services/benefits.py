"""Benefits for the insured: an estimate from one's own records, and a claim filed at the city's fund."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import transaction
from django.utils.translation import gettext as _

from talentbridge import vocabulary
from talentbridge.accounts.models import Role, User
from talentbridge.core import clock
from talentbridge.core.errors import Forbidden, InvalidInput
from talentbridge.core.text import clean_text
from talentbridge.insurance.estimates import Estimate, estimate_make
from talentbridge.insurance.retirement import Category
from talentbridge.insurance.selectors import awards_in_force
from talentbridge.reference.models import Authority

CLAIM_KIND = "benefit_claim"
CLAIM_BENEFITS = ("unemployment", "work_injury", "lump_sum", "pension")
PAYMENT_OPTIONS = ("monthly", "one_off")
RETIREMENT_CATEGORIES = vocabulary.RETIREMENT_CATEGORY.codes
MONTH = re.compile(r"\d{4}-\d{2}", re.ASCII)
EARLIEST_BIRTH_YEAR = 1900  # of a person claiming
ESTIMATE_EARLIEST_BIRTH_YEAR = 1930  # of a person whose benefits the rules on record can estimate
WORKING_AGE = 16
RETIREMENT_AGES = (40, 70)  # the retirement month an estimate may be asked for, in whole years of age
Case = TypeVar("Case")


# A person holds one award in force of each of these at a time: a pension for life, the personal account paid
# out once. Unemployment benefit is claimed again for a later spell out of work, and work injury benefits for
# each injury recognised (a claim does not yet record which injury it is for).
ONE_AWARD_IN_FORCE = frozenset({"pension", "lump_sum"})


def month_parse(value: str | None, *, field: str) -> dt.date | None:
    """A month written YYYY-MM (ASCII digits) as its first day; empty is None; anything else is refused."""
    text = (value or "").strip()
    if not text:
        return None
    try:
        if not MONTH.fullmatch(text):
            raise ValueError(text)
        return dt.date(int(text[:4]), int(text[5:7]), 1)
    except ValueError as exc:
        raise InvalidInput(details={field: [_("Write the month as YYYY-MM.")]}) from exc


def _month(value: dt.date | str | None, *, field: str, errors: dict[str, list[str]]) -> dt.date | None:
    """A month as a face gives it (a date, or text written YYYY-MM); a fault is added to `errors`."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return month_parse(value, field=field)
    except InvalidInput as error:
        errors.update(error.details)
        return None


def birth_month_refusal(month: dt.date, *, earliest_year: int = EARLIEST_BIRTH_YEAR) -> str | None:
    """Why `month` cannot be a person's birth month (still to come, before `earliest_year`, of someone under
    the working age of 16 today), or None."""
    today = clock.today()
    if month > today:
        return _("This month is still to come: enter the month you were born.")
    if month.year < earliest_year:
        return _("Enter a birth month from %(year)s on.") % {"year": earliest_year}
    if month > dt.date(today.year - WORKING_AGE, today.month, 1):
        return _("Enter a birth month at least 16 years ago: social insurance covers people aged 16 or over.")
    return None


def _insured_only(person: User, message: str) -> None:
    if not (person.is_active and person.role == Role.APPLICANT):
        raise Forbidden(message)


# --- Estimates ---------------------------------------------------------------------------------


def benefit_estimate(
    *,
    person: User,
    birth_month: dt.date | str | None,
    category: Category | str,
    retirement_month: dt.date | str | None = None,
    disability_grade: int = 10,
    employer_arranges_work: bool = False,
) -> Estimate:
    """The insured person's own benefits estimated by the kernel (`estimate_make`), for the page and the API.

    The birth month is one a person of working age has, from 1930 on (`birth_month_refusal`); a chosen
    retirement month falls between the ages of 40 and 70; the grade is one of 1 to 10. Every fault is
    reported on its field, all at once.
    """
    _insured_only(person, _("Only insured people have contribution records."))
    errors: dict[str, list[str]] = {}
    birth = _month(birth_month, field="birth_month", errors=errors)
    retirement = _month(retirement_month, field="retirement_month", errors=errors)
    if birth is None and "birth_month" not in errors:
        errors["birth_month"] = [_("This field is required.")]
    elif birth is not None and (refusal := birth_month_refusal(birth, earliest_year=ESTIMATE_EARLIEST_BIRTH_YEAR)):
        errors["birth_month"] = [refusal]
    if birth is not None and retirement is not None:
        months = (retirement.year - birth.year) * 12 + retirement.month - birth.month
        if not RETIREMENT_AGES[0] * 12 <= months <= RETIREMENT_AGES[1] * 12:
            errors["retirement_month"] = [_("Choose a retirement month between the ages of 40 and 70.")]
    if disability_grade not in vocabulary.DISABILITY_GRADES:
        errors["disability_grade"] = [_("Choose a grade from 1 to 10.")]
    if errors or birth is None:
        raise InvalidInput(details=errors)
    return estimate_make(
        person=person,
        birth_month=birth,
        category=category,
        retirement_month=retirement,
        disability_grade=disability_grade,
        employer_arranges_work=employer_arranges_work,
    )


# --- Claims ------------------------------------------------------------------------------------


def claim_fund(city: str) -> Authority | None:
    """The social insurance fund that decides a claim: the fund of the city of insurance."""
    return (
        Authority.objects.filter(kind=Authority.Kind.SOCIAL_INSURANCE, city__code=city, city__is_mainland=True)
        .order_by("code")
        .first()
    )


def benefit_claim_prepare(
    *,
    applicant: User,
    benefit: str,
    city: str,
    insurance_number: str,
    payment_option: str = "",
    involuntary_job_loss: bool = False,
    registered_as_job_seeker: bool = False,
    disability_grade: int | None = None,
    employer_arranges_work: bool = False,
    birth_month: dt.date | str | None = None,
    retirement_category: str = "",
    confirm_end: bool = False,
) -> tuple[str, dict[str, Any]]:
    """The fund to claim from and the case data of a `benefit_claim`, for the web page and the API alike.

    Only an insured person (an applicant) claims. The claim goes to the fund of the city of insurance;
    each benefit asks what it needs (work injury: the disability grade; pension: birth month and
    retirement category; a lump sum: the person confirms that their periods end). Every fault is
    reported on its field, all at once. The documents are enforced when the case is submitted.
    """
    _insured_only(applicant, _("Only insured people can claim benefits."))
    errors: dict[str, list[str]] = {}
    birth_month = _month(birth_month, field="birth_month", errors=errors)
    if birth_month is not None and (refusal := birth_month_refusal(birth_month)):
        errors["birth_month"] = [refusal]
    choose = _("Choose one of the listed options.")
    if benefit not in CLAIM_BENEFITS:
        errors["benefit"] = [choose]
    fund = claim_fund(city)
    if fund is None:
        errors["city"] = [_("Choose one of the nine mainland GBA cities.")]
    number = ""
    try:
        number = clean_text(insurance_number, field="insurance_number", max_length=30)
    except InvalidInput as error:
        errors.update(error.details)
    else:
        if not number:
            errors["insurance_number"] = [_("This field is required.")]
    if payment_option and payment_option not in PAYMENT_OPTIONS:
        errors["payment_option"] = [choose]
    if retirement_category and retirement_category not in RETIREMENT_CATEGORIES:
        errors["retirement_category"] = [choose]
    if disability_grade is not None and disability_grade not in vocabulary.DISABILITY_GRADES:
        errors["disability_grade"] = [_("Choose a grade from 1 to 10.")]
    if benefit == "lump_sum" and not confirm_end:
        errors["confirm_end"] = [_("Confirm that you understand the consequence.")]
    if benefit == "work_injury" and disability_grade is None:
        errors.setdefault("disability_grade", [_("Choose the disability grade.")])
    if benefit == "pension" and not (birth_month and retirement_category):
        errors.setdefault("birth_month", [_("Give the birth month and the retirement category.")])
    if not errors and benefit in ONE_AWARD_IN_FORCE:
        held = awards_in_force().filter(person=applicant, benefit=benefit).order_by("-awarded_at").first()
        if held is not None:
            errors["benefit"] = [
                _(
                    "You already receive this benefit, awarded on claim %(reference)s: a further claim for it is "
                    "not accepted while that award is in force."
                )
                % {"reference": held.case_reference}
            ]
    if errors or fund is None:
        raise InvalidInput(details=errors)
    payload: dict[str, Any] = {"benefit": benefit, "city": city, "insurance_number": number}
    if benefit == "unemployment":
        payload["payment_option"] = payment_option or "monthly"
        payload["involuntary_job_loss"] = "yes" if involuntary_job_loss else "no"
        payload["registered_as_job_seeker"] = "yes" if registered_as_job_seeker else "no"
    elif benefit == "work_injury":
        payload["disability_grade"] = disability_grade
        payload["employer_arranges_work"] = "yes" if employer_arranges_work else "no"
    elif benefit == "pension":
        assert birth_month is not None
        payload["birth_month"] = f"{birth_month:%Y-%m}"
        payload["retirement_category"] = retirement_category
    return fund.code, payload


def benefit_claim_file(*, applicant: User, file_case: Callable[..., Case], **answers: Any) -> Case:
    """Claim a benefit: the case filed at the fund `benefit_claim_prepare` names, with its `answers`.

    The page and the API both call this. `file_case` files the case (casework's `application_file`, which
    sits above this package, with the documents the face received); it is called with the applicant, the
    kind, the fund and the case data once the claim is accepted: the case, its documents and its
    submission succeed or fail together.
    """
    with transaction.atomic():
        authority, payload = benefit_claim_prepare(applicant=applicant, **answers)
        return file_case(applicant=applicant, kind=CLAIM_KIND, authority_code=authority, payload=payload)
