"""Applying for a talent endorsement: the office, the case data, and the case filed with its attestation."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from talentbridge.accounts.models import Residence, Role, User
from talentbridge.core import clock
from talentbridge.core.errors import Forbidden, InvalidInput
from talentbridge.core.text import clean_text
from talentbridge.mobility import selectors
from talentbridge.mobility.checker import ANY_OFFICE_CATEGORIES, CATEGORIES, WORK_CITIES, exit_entry_offices
from talentbridge.mobility.models import Destination, EmployerAttestation, Endorsement
from talentbridge.mobility.services.attestations import confirmed_attestation
from talentbridge.vocabulary import HK_AND_MACAO, NO_TALENT_CATEGORY, STAY_DESTINATION

KIND = "talent_endorsement"
Case = TypeVar("Case")

# No talent category: the Hetao Shenzhen Park route (park staff filed with its management, from 2025-11-05).
HETAO_ROUTE_CATEGORY = NO_TALENT_CATEGORY.code

# An Exit-Entry Permit number: letters and digits, 8 to 12 of them (spaces are ignored).
EEP_NUMBER = re.compile(r"[A-Z0-9]{8,12}")


def eep_number_clean(raw: str) -> tuple[str, str]:
    """The Exit-Entry Permit number in capitals without spaces, and the refusal ("" when it is well formed)."""
    number = re.sub(r"\s+", "", clean_text(raw, field="eep_number")).upper()
    if not number:
        return number, _("This field is required.")
    if not EEP_NUMBER.fullmatch(number):
        return number, _("Enter the Exit-Entry Permit number as on the permit: 8 to 12 letters and digits.")
    return number, ""


def _places(destination: str) -> set[str]:
    return set(STAY_DESTINATION.codes) if destination == HK_AND_MACAO.code else {destination}


def endorsement_in_force_for(talent: User, destination: str) -> Endorsement | None:
    """The person's endorsement in force today (`Endorsement.objects.in_force`) that covers `destination`."""
    wanted = _places(destination)
    for endorsement in Endorsement.objects.in_force(clock.today()).filter(holder=talent).order_by("-valid_to"):
        if wanted & set(endorsement.destinations()):
            return endorsement
    return None


def _check_attestation_free(talent: User, attestation: EmployerAttestation) -> None:
    """One attestation backs one application: refused while another application naming it is open.

    The attestation's row is locked until the caller's transaction ends, and the case is filed in that
    transaction (`endorsement_apply`: `endorsement_application_prepare`, then the filing): a second filing
    with the same attestation (another tab, a second request) waits, then sees the first application.
    """
    with transaction.atomic():  # inside the caller's: the lock lasts until the filing commits
        EmployerAttestation.objects.select_for_update().filter(pk=attestation.pk).values_list("pk").first()
        other = selectors.attestation_open_application(talent=talent, attestation_id=attestation.pk)
    if other is not None:
        message = _(
            "This attestation already backs your application %(reference)s. One attestation backs one "
            "application at a time: withdraw that application first, or ask your employer for a new attestation."
        ) % {"reference": other.reference}
        raise InvalidInput(details={"employer_attestation": [message]})


def endorsement_application_prepare(
    *,
    talent: User,
    category: str,
    destination: str,
    work_city: str,
    attestation_id: Any,
    eep_number: str,
    office_code: str = "",
    works_in_hetao_shenzhen_park: bool = False,
    filed_with_hetao_park_management: bool = False,
) -> tuple[str, dict[str, Any]]:
    """The office to apply at and the case data for a `talent_endorsement` application.

    Hetao Shenzhen Park staff say so, and whether they filed with the park's management (the route's
    condition from 2025-11-05); the kernel decides on approval whether that route applies.

    The office is the work city's exit-entry office; outstanding talents may name any exit-entry office
    of the nine cities. Every fault is reported on its field, all at once where they are independent.
    """
    if talent.role != Role.APPLICANT or talent.residence != Residence.MAINLAND:
        raise Forbidden(_("Only mainland applicants can apply for a talent endorsement."))
    errors: dict[str, list[str]] = {}
    if category == HETAO_ROUTE_CATEGORY:
        # No talent category: only the Hetao Shenzhen Park route, for park staff filed with its management.
        if not (works_in_hetao_shenzhen_park and filed_with_hetao_park_management):
            errors["category"] = [
                _(
                    "Without a talent category you may apply only on the Hetao Shenzhen Park route: "
                    "say that you work in the park and have filed with its management."
                )
            ]
    elif category not in CATEGORIES:
        errors["category"] = [_("Choose one of the listed options.")]
    if destination not in Destination.values:
        errors["destination"] = [_("Choose one of the listed options.")]
    if work_city not in WORK_CITIES:
        errors["work_city"] = [_("Choose one of the nine mainland GBA cities.")]
    eep_number, eep_refusal = eep_number_clean(eep_number)
    if eep_refusal:
        errors["eep_number"] = [eep_refusal]
    held = endorsement_in_force_for(talent, destination) if destination in Destination.values else None
    if held is not None:
        errors["destination"] = [
            _(
                "You already hold talent endorsement %(reference)s for %(destination)s, in force until %(end)s: "
                "you cannot apply for another one for the same destination while it is in force."
            )
            % {
                "reference": held.case_reference,
                "destination": held.get_destination_display(),
                "end": date_format(held.valid_to, "DATE_FORMAT"),
            }
        ]
    attestation = None
    try:
        attestation = confirmed_attestation(attestation_id=attestation_id, talent_id=talent.pk)
        _check_attestation_free(talent, attestation)
    except InvalidInput as error:
        errors.update(error.details)
    if errors or attestation is None:
        raise InvalidInput(details=errors)
    offices = {office.code: office for office in exit_entry_offices(category=category, work_city=work_city)}
    office_code = (office_code or "").strip()
    if not office_code:
        office_code = next((code for code, o in offices.items() if o.city and o.city.code == work_city), "")
    if office_code not in offices:
        message = (
            _("Apply at an exit-entry office of the nine cities.")
            if category in ANY_OFFICE_CATEGORIES
            else _("Apply at the exit-entry office of the city where you work.")
        )
        raise InvalidInput(details={"authority": [message]})
    payload = {
        "category": category,
        "destination": destination,
        "employer": attestation.organisation.name,
        "eep_number": eep_number,
        "work_city": work_city,
        "employer_attestation": attestation.pk,
        "works_in_hetao_shenzhen_park": "yes" if works_in_hetao_shenzhen_park else "no",
        "filed_with_hetao_park_management": "yes" if filed_with_hetao_park_management else "no",
    }
    return office_code, payload


def endorsement_apply(
    *,
    talent: User,
    category: str,
    destination: str,
    work_city: str,
    attestation_id: Any,
    eep_number: str,
    office_code: str = "",
    works_in_hetao_shenzhen_park: bool = False,
    filed_with_hetao_park_management: bool = False,
    file_case: Callable[..., Case],
) -> Case:
    """Apply for a talent endorsement: the case filed at the office `endorsement_application_prepare` names.

    The page and the API both call this. `file_case` files the case (casework's `application_file`, which
    sits above this package, with the documents the face received); it is called with the applicant, the
    kind, the office and the case data once the applicant and the answers are accepted, in the transaction
    that holds the attestation: the case, its documents and its submission succeed or fail together.
    """
    with transaction.atomic():
        authority, payload = endorsement_application_prepare(
            talent=talent,
            category=category,
            destination=destination,
            work_city=work_city,
            attestation_id=attestation_id,
            eep_number=eep_number,
            office_code=office_code,
            works_in_hetao_shenzhen_park=works_in_hetao_shenzhen_park,
            filed_with_hetao_park_management=filed_with_hetao_park_management,
        )
        return file_case(applicant=talent, kind=KIND, authority_code=authority, payload=payload)
