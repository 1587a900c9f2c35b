"""Stays on an endorsement: entries and exits the holder logs, border records exit-entry staff import, and an
endorsement revoked with its case."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import IO

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from talentbridge.accounts.models import Role, User
from talentbridge.core import clock
from talentbridge.core.errors import Forbidden, InvalidInput, NotFound
from talentbridge.core.text import clean_text
from talentbridge.mobility.models import Endorsement, EndorsementStatus, Standing, StayRecord
from talentbridge.mobility.services.common import aware, save_checked
from talentbridge.mobility.stays import local_date
from talentbridge.reference.models import Authority

MAX_IMPORT_ROWS = 10_000
MAX_BORDER_FILE_BYTES = 2 * 1024 * 1024


def _endorsement_of(holder: User, endorsement_id: int) -> Endorsement:
    endorsement = Endorsement.objects.select_for_update().filter(pk=endorsement_id, holder=holder).first()
    if endorsement is None:
        raise NotFound()
    return endorsement


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
    open_stay = stays.filter(exited_at__isnull=True).select_related("endorsement").first()
    if open_stay is not None:
        if open_stay.endorsement_id == endorsement.pk:
            message = _("A stay is still open: log its exit first.")
        else:
            other = open_stay.endorsement
            message = _(
                "A stay on your endorsement %(reference)s (%(destination)s) is still open: log its exit on "
                "that endorsement's page first."
            ) % {"reference": other.case_reference, "destination": other.get_destination_display()}
        raise InvalidInput(details={"entered_at": [message]})
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
    entered_at = aware(entered_at)
    _check_entry(endorsement, destination, entered_at, by_holder=source == StayRecord.Source.HOLDER)
    stay = StayRecord(endorsement=endorsement, destination=destination, entered_at=entered_at, source=source)
    save_checked(stay)
    return stay


def _exit(holder_id: int, exited_at: dt.datetime, endorsement_id: int | None = None) -> StayRecord:
    exited_at = aware(exited_at)
    stays = StayRecord.objects.select_for_update().filter(endorsement__holder_id=holder_id, exited_at__isnull=True)
    if endorsement_id is not None:
        stays = stays.filter(endorsement_id=endorsement_id)
    stay = stays.select_related("endorsement").first()
    if stay is None:
        raise InvalidInput(details={"exited_at": [_("There is no open stay to close.")]})
    _check_exit(stay, exited_at)
    stay.exited_at = exited_at
    save_checked(stay)
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


def border_records_import(*, user: User, file: IO[bytes]) -> dict[str, int]:
    """Border records sent as a file: UTF-8 text (a byte-order mark allowed) of at most 2 MB, then
    `stays_import_border_records`. Only exit-entry staff may send them."""
    if not border_import_allowed(user):
        raise Forbidden(_("Only exit-entry staff can import border records."))
    raw = file.read(MAX_BORDER_FILE_BYTES + 1)
    if len(raw) > MAX_BORDER_FILE_BYTES:
        raise InvalidInput(details={"file": [_("The file is larger than 2 MB.")]})
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidInput(details={"file": [_("The file is not UTF-8 text.")]}) from error
    if "\x00" in text:
        raise InvalidInput(details={"file": [_("Null characters are not allowed.")]})
    return stays_import_border_records(user=user, csv_text=text)


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
        moment = aware(dt.datetime.fromisoformat((row.get("at") or "").strip()))
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
