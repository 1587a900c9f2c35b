"""Writes of mobility: employer attestations, endorsements granted on approval, stays and border records."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from talentbridge.accounts.models import Organisation, Residence, Role, User
from talentbridge.core import clock
from talentbridge.core.errors import Forbidden, IllegalTransition, InvalidInput, NotFound, validation_details
from talentbridge.core.text import clean_text
from talentbridge.mobility import selectors
from talentbridge.mobility.checker import ANY_OFFICE_CATEGORIES, CATEGORIES, WORK_CITIES, exit_entry_offices
from talentbridge.mobility.models import (
    Destination,
    EmployerAttestation,
    Endorsement,
    EndorsementStatus,
    ProfessionalTitle,
    Standing,
    StayRecord,
)
from talentbridge.mobility.stays import local_date
from talentbridge.reference.models import Authority

MAX_IMPORT_ROWS = 10_000


def _save(instance: Any) -> None:
    try:
        instance.full_clean()
    except Exception as error:
        raise InvalidInput(details=validation_details(error)) from error
    instance.save()


# --- Employer attestations ---------------------------------------------------------------------


def attestation_request(
    *,
    talent: User,
    organisation_id: int,
    job_title: str,
    professional_title: str,
    employed_since: dt.date,
) -> EmployerAttestation:
    """A talent asks their organisation to attest their employment, post and professional title."""
    if talent.role != Role.APPLICANT or talent.residence != Residence.MAINLAND:
        raise Forbidden(_("Only mainland applicants can request an employer attestation."))
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        raise InvalidInput(details={"organisation": [_("Choose an organisation from the list.")]})
    errors: dict[str, list[str]] = {}
    job_title = clean_text(job_title, field="job_title")
    if not job_title:
        errors["job_title"] = [_("This field is required.")]
    if professional_title not in ProfessionalTitle.values:
        errors["professional_title"] = [_("Choose one of the listed options.")]
    if employed_since > clock.today():
        errors["employed_since"] = [_("The date of employment may not be in the future.")]
    if errors:
        raise InvalidInput(details=errors)
    attestation = EmployerAttestation(
        talent=talent,
        organisation=organisation,
        job_title=job_title,
        professional_title=professional_title,
        employed_since=employed_since,
        requested_at=clock.now(),
    )
    with transaction.atomic():
        _save(attestation)
    return attestation


def attestation_decision_record(
    *, attestation_id: int, staff: User, confirmed: bool, reasons: str = ""
) -> tuple[EmployerAttestation, bool]:
    """The organisation's staff confirm or refuse a requested attestation; a refusal gives its reasons.

    Returns the attestation and whether this call decided it. The same decision sent again (a second click,
    a reloaded form) changes nothing and returns False; the other decision on a decided one is refused.
    """
    reasons = clean_text(reasons, field="reasons")
    outcome = EmployerAttestation.Status.CONFIRMED if confirmed else EmployerAttestation.Status.REFUSED
    with transaction.atomic():
        attestation = EmployerAttestation.objects.select_for_update().filter(pk=attestation_id).first()
        if (
            attestation is None
            or staff.role != Role.ORGANISATION_STAFF
            or staff.organisation_id != attestation.organisation_id
        ):
            raise NotFound()
        if attestation.status == outcome:
            return attestation, False
        if attestation.status != EmployerAttestation.Status.REQUESTED:
            raise IllegalTransition(
                _("This attestation has already been confirmed.")
                if attestation.status == EmployerAttestation.Status.CONFIRMED
                else _("This attestation has already been refused.")
            )
        if not confirmed and not reasons:
            raise InvalidInput(details={"reasons": [_("Give the reasons for refusing this attestation.")]})
        attestation.status = outcome
        attestation.decided_by, attestation.decided_at, attestation.reasons = staff, clock.now(), reasons
        attestation.save(update_fields=["status", "decided_by", "decided_at", "reasons"])
    return attestation, True


def attestation_decide(*, attestation_id: int, staff: User, confirmed: bool, reasons: str = "") -> EmployerAttestation:
    """`attestation_decision_record` for callers that need only the attestation (the same decision sent
    again returns it unchanged)."""
    return attestation_decision_record(
        attestation_id=attestation_id, staff=staff, confirmed=confirmed, reasons=reasons
    )[0]


def confirmed_attestation(*, attestation_id: Any, talent_id: int) -> EmployerAttestation:
    """The talent's confirmed attestation with this id, or a clear error on the `employer_attestation` field."""
    attestation = None
    if isinstance(attestation_id, int) and not isinstance(attestation_id, bool):
        attestation = EmployerAttestation.objects.filter(pk=attestation_id, talent_id=talent_id).first()
    if attestation is None:
        raise InvalidInput(details={"employer_attestation": [_("Choose one of your employer attestations.")]})
    if attestation.status != EmployerAttestation.Status.CONFIRMED:
        raise InvalidInput(
            details={"employer_attestation": [_("Your employer has not confirmed this attestation yet.")]}
        )
    return attestation


# --- Applying -----------------------------------------------------------------------------------


def _check_attestation_free(talent: User, attestation: EmployerAttestation) -> None:
    """One attestation backs one application: refused while another application naming it is open.

    The attestation's row is locked until the caller's transaction ends, and the callers file the case in
    that transaction (`endorsement_application_prepare`, then `casework.application_file`): a second filing
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
    if category not in CATEGORIES:
        errors["category"] = [_("Choose one of the listed options.")]
    if destination not in Destination.values:
        errors["destination"] = [_("Choose one of the listed options.")]
    if work_city not in WORK_CITIES:
        errors["work_city"] = [_("Choose one of the nine mainland GBA cities.")]
    eep_number = clean_text(eep_number, field="eep_number").upper()
    if not eep_number:
        errors["eep_number"] = [_("This field is required.")]
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


# --- Stays -------------------------------------------------------------------------------------


def _endorsement_of(holder: User, endorsement_id: int) -> Endorsement:
    endorsement = Endorsement.objects.select_for_update().filter(pk=endorsement_id, holder=holder).first()
    if endorsement is None:
        raise NotFound()
    return endorsement


def _aware(moment: dt.datetime) -> dt.datetime:
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _check_entry(endorsement: Endorsement, destination: str, entered_at: dt.datetime, *, by_holder: bool) -> None:
    """An entry needs an endorsement in force on the day of entry (`Endorsement.standing`); the holder may
    log one only while the endorsement is in force today too (border records report past facts)."""
    standing = endorsement.standing(local_date(entered_at))
    if standing in (Standing.REVOKED, Standing.SUSPENDED):  # whatever the day
        message = (
            _("This endorsement has been revoked: no stay can be recorded on it.")
            if standing == Standing.REVOKED
            else _("This endorsement is suspended: no stay can be recorded on it while it is suspended.")
        )
        raise InvalidInput(message, details={"endorsement": [message]})
    if by_holder and endorsement.standing(clock.today()) == Standing.EXPIRED:
        message = _("This endorsement expired on %(day)s: it allows no new stay.") % {
            "day": date_format(endorsement.valid_to, "DATE_FORMAT")
        }
        raise InvalidInput(message, details={"endorsement": [message]})
    if destination not in endorsement.destinations():
        raise InvalidInput(details={"destination": [_("This endorsement does not cover this destination.")]})
    if entered_at > clock.now():
        raise InvalidInput(details={"entered_at": [_("The entry may not be in the future.")]})
    if standing != Standing.IN_FORCE:
        raise InvalidInput(
            details={
                "entered_at": [
                    _("The entry is outside the endorsement's validity (%(start)s to %(end)s).")
                    % {
                        "start": date_format(endorsement.valid_from, "DATE_FORMAT"),
                        "end": date_format(endorsement.valid_to, "DATE_FORMAT"),
                    }
                ]
            }
        )
    stays = StayRecord.objects.filter(endorsement__holder_id=endorsement.holder_id)
    if stays.filter(exited_at__isnull=True).exists():
        raise InvalidInput(details={"entered_at": [_("A stay is still open: log its exit first.")]})
    if (
        stays.filter(entered_at__lte=entered_at, exited_at__gte=entered_at).exists()
        or stays.filter(entered_at__gte=entered_at).exists()
    ):
        raise InvalidInput(details={"entered_at": [_("This entry overlaps or precedes a stay already recorded.")]})


def _check_exit(stay: StayRecord, exited_at: dt.datetime) -> None:
    if exited_at < stay.entered_at:
        raise InvalidInput(details={"exited_at": [_("The exit may not be before the entry.")]})
    if exited_at > clock.now():
        raise InvalidInput(details={"exited_at": [_("The exit may not be in the future.")]})


def _enter(endorsement: Endorsement, destination: str, entered_at: dt.datetime, source: str) -> StayRecord:
    entered_at = _aware(entered_at)
    _check_entry(endorsement, destination, entered_at, by_holder=source == StayRecord.Source.HOLDER)
    stay = StayRecord(endorsement=endorsement, destination=destination, entered_at=entered_at, source=source)
    _save(stay)
    return stay


def _exit(holder_id: int, exited_at: dt.datetime, endorsement_id: int | None = None) -> StayRecord:
    exited_at = _aware(exited_at)
    stays = StayRecord.objects.select_for_update().filter(endorsement__holder_id=holder_id, exited_at__isnull=True)
    if endorsement_id is not None:
        stays = stays.filter(endorsement_id=endorsement_id)
    stay = stays.select_related("endorsement").first()
    if stay is None:
        raise InvalidInput(details={"exited_at": [_("There is no open stay to close.")]})
    _check_exit(stay, exited_at)
    stay.exited_at = exited_at
    _save(stay)
    return stay


def stay_entry_log(*, holder: User, endorsement_id: int, destination: str, entered_at: dt.datetime) -> StayRecord:
    """The holder records entering Hong Kong or Macao on an endorsement."""
    with transaction.atomic():
        return _enter(_endorsement_of(holder, endorsement_id), destination, entered_at, StayRecord.Source.HOLDER)


def stay_exit_log(*, holder: User, exited_at: dt.datetime, endorsement_id: int | None = None) -> StayRecord:
    """The holder records leaving: the open stay (on `endorsement_id`, if named) is closed."""
    with transaction.atomic():
        if endorsement_id is not None:
            _endorsement_of(holder, endorsement_id)
        return _exit(holder.pk, exited_at, endorsement_id)


def endorsement_revoke_for_case(*, case_reference: str, reason: str) -> Endorsement | None:
    """A case's approval revoked: the endorsement it granted is revoked too (None if it granted none).

    A stay still open stays open so that its exit can be logged; no new stay can begin.
    """
    text = clean_text(reason, field="reason", max_length=2000)
    with transaction.atomic():
        endorsement = Endorsement.objects.select_for_update().filter(case_reference=case_reference).first()
        if endorsement is None or endorsement.status == EndorsementStatus.REVOKED:
            return endorsement
        endorsement.status = EndorsementStatus.REVOKED
        endorsement.status_reason = text
        endorsement.status_changed_at = clock.now()
        endorsement.save(update_fields=["status", "status_reason", "status_changed_at"])
        return endorsement


def border_import_allowed(user: User) -> bool:
    """Exit-entry reviewers (and administrators) may import border records."""
    if user.role == Role.ADMINISTRATOR:
        return True
    authority = user.authority if user.role == Role.REVIEWER else None
    return authority is not None and authority.kind == Authority.Kind.EXIT_ENTRY


def stays_import_border_records(*, user: User, csv_text: str) -> dict[str, int]:
    """Entries and exits from border records: CSV `endorsement,destination,direction,at` (case reference,
    HK/MO, entry/exit, ISO date-time). All rows or none: the first bad row is reported by its line."""
    if not border_import_allowed(user):
        raise Forbidden(_("Only exit-entry staff can import border records."))
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    if not rows or not {"endorsement", "destination", "direction", "at"} <= set(rows[0]):
        raise InvalidInput(details={"csv": [_("Expected the columns endorsement, destination, direction and at.")]})
    if len(rows) > MAX_IMPORT_ROWS:
        raise InvalidInput(details={"csv": [_("At most %(n)s rows per import.") % {"n": MAX_IMPORT_ROWS}]})
    counts = {"entries": 0, "exits": 0}
    with transaction.atomic():
        for line, row in enumerate(rows, start=2):
            try:
                _import_row(row, counts)
            except InvalidInput as error:
                messages = [str(m) for values in error.details.values() for m in values] or [str(error.message)]
                raise InvalidInput(details={f"line {line}": messages}) from error
    return counts


def _import_row(row: dict[str, str], counts: dict[str, int]) -> None:
    try:
        moment = _aware(dt.datetime.fromisoformat((row.get("at") or "").strip()))
    except ValueError as error:
        raise InvalidInput(details={"at": [_("Enter a date and time as YYYY-MM-DDTHH:MM.")]}) from error
    endorsement = (
        Endorsement.objects.select_for_update().filter(case_reference=(row.get("endorsement") or "").strip()).first()
    )
    if endorsement is None:
        raise InvalidInput(details={"endorsement": [_("No endorsement has this case reference.")]})
    direction = (row.get("direction") or "").strip().lower()
    if direction == "entry":
        _enter(endorsement, (row.get("destination") or "").strip().upper(), moment, StayRecord.Source.BORDER)
        counts["entries"] += 1
    elif direction == "exit":
        _exit(endorsement.holder_id, moment)
        counts["exits"] += 1
    else:
        raise InvalidInput(details={"direction": [_("The direction must be entry or exit.")]})
