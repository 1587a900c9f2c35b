"""Domain effects the talent-endorsement workflow declares (casework calls them; mobility never imports casework).

`application` is casework's Application, read by duck typing: reference, applicant, authority, payload,
and its `verifications` (the talent authority's confirmation for the outstanding and other categories).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from talentbridge.accounts.models import User
from talentbridge.core import clock
from talentbridge.core.errors import InvalidInput
from talentbridge.mobility.checker import ANY_OFFICE_CATEGORIES, OUTPUTS, WORK_CITIES, exit_entry_offices
from talentbridge.mobility.models import Endorsement
from talentbridge.mobility.selectors import case_work_city
from talentbridge.mobility.services import confirmed_attestation, endorsement_revoke_for_case
from talentbridge.policy.services import determination_make, rule_set_current

# Categories the talent authority (<CITY>-HRSS) must confirm through the case's verification step.
TALENT_AUTHORITY_CATEGORIES = frozenset({"outstanding", "other"})


def endorsement_submission_check(*, application: Any, actor: User | None, reason: str, data: dict[str, Any]) -> None:
    """On submit: a named employer attestation must be the applicant's and confirmed, and the office must be
    the work city's exit-entry office (outstanding talents: any office of the nine cities)."""
    payload = application.payload
    if "employer_attestation" in payload:
        confirmed_attestation(attestation_id=payload["employer_attestation"], talent_id=application.applicant_id)
    city = payload.get("work_city")
    if city:
        offices = {office.pk for office in exit_entry_offices(category=payload.get("category", ""), work_city=city)}
        if application.authority_id not in offices:
            message = (
                _("Apply at an exit-entry office of the nine cities.")
                if payload.get("category") in ANY_OFFICE_CATEGORIES
                else _("Apply at the exit-entry office of the city where you work.")
            )
            raise InvalidInput(details={"authority": [message]})


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _yes(payload: dict[str, Any], name: str) -> bool:
    """A yes/no answer of the payload (a choice "yes" or "no"); not answered is no."""
    return payload.get(name) == "yes"


def endorsement_grant(*, application: Any, actor: User | None, reason: str, data: dict[str, Any]) -> Endorsement:
    """On approval: the endorsement, valid for the years and stays the kernel gives for the case on the day
    of the decision (the rules in force that day, e.g. the Hetao Shenzhen Park route from 5 Nov 2025)."""
    payload = application.payload
    category = str(payload.get("category", ""))
    if (
        category in TALENT_AUTHORITY_CATEGORIES
        and not application.verifications.filter(outcome="confirmed", authority__kind="human_resources").exists()
    ):
        raise InvalidInput(
            _("The talent authority must confirm this category first."),
            details={"verification": [_("Ask the talent authority (HRSS) to confirm the category first.")]},
        )
    city = case_work_city(application)
    if city not in WORK_CITIES:
        raise InvalidInput(details={"work_city": [_("Choose one of the nine mainland GBA cities.")]})
    today = clock.today()
    period = f"{today:%Y-%m}"
    determination = determination_make(
        inputs={
            "talent_category": {period: category},
            "holds_valid_eep": {period: bool(payload.get("eep_number"))},
            "work_city": {period: city},
            "works_in_hetao_shenzhen_park": {period: _yes(payload, "works_in_hetao_shenzhen_park")},
            "filed_with_hetao_park_management": {period: _yes(payload, "filed_with_hetao_park_management")},
            "decision_date": {period: today.isoformat()},
        },
        period=period,
        outputs=OUTPUTS,
        user=actor,
        case_reference=application.reference,
    )
    outputs = determination.outputs
    if not outputs["endorsement_eligible"]:
        raise InvalidInput(_("Under the rules in force, this case does not qualify for an endorsement."))
    years = int(outputs["endorsement_validity_years"])
    endorsement, _created = Endorsement.objects.update_or_create(
        case_reference=application.reference,
        defaults={
            "holder": application.applicant,
            "category": category,
            "destination": str(payload.get("destination", "")),
            "work_city": city,
            "valid_from": today,
            "valid_to": _add_years(today, years) - dt.timedelta(days=1),
            "max_stay_days": int(outputs["endorsement_max_stay_days"]),
            "rule_set": rule_set_current(),
            "determination": determination,
            "granted_at": clock.now(),
        },
    )
    return endorsement


def endorsement_revocation(*, application: Any, actor: User | None, reason: str, data: dict[str, Any]) -> None:
    """On the case's `revoke` step: the endorsement it granted is revoked, so it never acts as valid again."""
    endorsement_revoke_for_case(case_reference=application.reference, reason=reason)
