"""What a practice application starts from: its terms, the choices it may name, and the prefilled data
of a new application (from an eligible check) or of a renewal (from one's own registration); the draft
opened from either."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from talentbridge.accounts.models import Role, User
from talentbridge.core import clock
from talentbridge.core.errors import Forbidden, IllegalTransition, InvalidInput, NotFound
from talentbridge.core.text import clean_text
from talentbridge.policy.models import Determination
from talentbridge.practice import catalogue
from talentbridge.practice.checker.answers import answers_of
from talentbridge.practice.models import Registration
from talentbridge.practice.services.common import renewal_refusal
from talentbridge.reference.models import City, Profession, SpecialZone

KIND = "practice_registration"
Case = TypeVar("Case")


def case_terms(payload: dict[str, Any]) -> dict[str, str]:
    """Field, zone and home SAR of a practice application (defaults: the profession's field, nine cities, HK)."""
    profession = str(payload.get("profession") or "")
    field_code = str(payload.get("field") or catalogue.FIELD_OF_PROFESSION.get(profession, ""))
    return {
        "field": field_code,
        "zone": str(payload.get("zone") or "nine_cities"),
        "home_jurisdiction": str(payload.get("home_jurisdiction") or "hong_kong"),
        "profession": profession,
        "city": str(payload.get("city") or ""),
    }


def profession_choices(*, payload: dict[str, Any]) -> list[str] | None:
    """The professions a practice application may name: those of its field (any while it has none)."""
    field_code = str(payload.get("field") or "")
    if not field_code:
        return None
    codes = {code for code, of_field in catalogue.FIELD_OF_PROFESSION.items() if of_field == field_code}
    return list(Profession.objects.filter(code__in=codes).order_by("code").values_list("code", flat=True))


def city_choices(*, payload: dict[str, Any]) -> list[str] | None:
    """The cities a practice application may name: its zone's city (reference data); any of the nine
    mainland cities under the nine-cities pathway or while it names no zone."""
    zone = str(payload.get("zone") or "nine_cities")
    if zone == "nine_cities":
        return list(City.objects.filter(is_mainland=True).order_by("code").values_list("code", flat=True))
    city = SpecialZone.objects.filter(code=zone).values_list("city__code", flat=True).first()
    city = city or catalogue.ZONE_CITY.get(zone)
    return [city] if city else []


def pathway_closed_refusal(terms: dict[str, str], on: dt.date) -> str:
    """Why no pathway for the terms (`case_terms`) is open on `on` (the day of filing), or "" when one is."""
    field_code, zone, home = terms["field"], terms["zone"], terms["home_jurisdiction"]
    if catalogue.pathway_applicable(field_code, zone, home, on) is not None:
        return ""
    for scope in dict.fromkeys((zone, "nine_cities")):
        ended = catalogue.pathway_ended(field_code, scope, on)
        if ended is not None and ended.last_day is not None:
            return _("This pathway is not open today (it ended on %(day)s): check again with today's date.") % {
                "day": date_format(ended.last_day, "DATE_FORMAT")
            }
    return _("This pathway is not open to you today: check again with today's date.")


def _sole_profession(field_code: str) -> str:
    """The one reference profession of a kernel field, or "" when it has several (or none)."""
    professions = {code for code, of_field in catalogue.FIELD_OF_PROFESSION.items() if of_field == field_code}
    return professions.pop() if len(professions) == 1 else ""


def _applicant_only(user: User) -> None:
    if not user.is_authenticated or user.role != Role.APPLICANT:
        raise Forbidden(_("Only applicants can open applications."))


def _years_at_renewal(registration: Registration, today: dt.date) -> int:
    """Years of practice now: those stated when granted (or, for older records, the pathway's minimum,
    which the professional met) plus the whole years practised since."""
    base = registration.years_of_practice
    if base is None:
        terms = (registration.field, registration.zone, registration.home_jurisdiction)
        pathway = catalogue.pathway_applicable(*terms, registration.valid_from)
        base = math.ceil(pathway.minimum_years_of_practice) if pathway else 0
    since = today.year - registration.valid_from.year
    if (today.month, today.day) < (registration.valid_from.month, registration.valid_from.day):
        since -= 1
    return min(base + max(since, 0), 60)


def renewal_prefill(*, registration_id: int, professional: User) -> tuple[str, dict[str, Any]]:
    """The authority and complete data of a renewal application for one's own registration (ready to submit)."""
    _applicant_only(professional)
    registration = (
        Registration.objects.select_related("authority").filter(pk=registration_id, professional=professional).first()
    )
    if registration is None:
        raise NotFound()
    today = clock.today()
    if registration.valid_until is None:
        raise IllegalTransition(_("A registration without a fixed term does not need renewing."))
    if not registration.is_renewable(today):
        raise IllegalTransition(renewal_refusal(registration, today))
    payload: dict[str, Any] = {
        "profession": registration.profession or catalogue.DEFAULT_PROFESSION.get(registration.field, ""),
        "field": registration.field,
        "zone": registration.zone,
        "city": registration.city or catalogue.ZONE_CITY.get(registration.zone, ""),
        "home_jurisdiction": registration.home_jurisdiction,
        "licence_number": registration.licence_number,
        "years_of_practice": _years_at_renewal(registration, today),
        "renewal_of": registration.number,
    }
    return registration.authority.code, {k: v for k, v in payload.items() if v not in ("", None)}


def apply_prefill(
    *,
    determination_id: int,
    user: User,
    city: str = "",
    licence_number: str = "",
    profession: str = "",
) -> tuple[str, dict[str, Any]]:
    """Authority and payload of a practice application from an eligible check (casework opens the draft)."""
    _applicant_only(user)
    determination = Determination.objects.filter(pk=determination_id).first()
    if (
        determination is None
        or (determination.requested_by_id is not None and determination.requested_by_id != user.pk)
        or "practice_eligible" not in determination.outputs
    ):
        raise NotFound()
    if not determination.outputs["practice_eligible"]:
        raise InvalidInput(details={"check": [_("This check did not find you eligible.")]})
    answers = answers_of(determination)
    # The check may be of another day: filing needs the pathway in force today.
    closed = pathway_closed_refusal(
        {"field": answers.field, "zone": answers.zone, "home_jurisdiction": answers.home_jurisdiction}, clock.today()
    )
    if closed:
        raise IllegalTransition(closed, details={"check": [closed]})
    authority = str(determination.outputs["practice_authority"])
    # The check names a field, not a profession: the draft names the field's profession only when it has
    # one (a lawyer); where a field covers several (a surveyor: quantity or building surveyor), the applicant
    # chooses it in the draft (a required field), never a default that changes what was checked.
    profession = profession or _sole_profession(answers.field)
    # The profession and city are checked where every draft's are (the workflow's `choices_from`, when
    # casework opens the draft); a zone with one city names it.
    cities = city_choices(payload={"zone": answers.zone}) or []
    city = city or (cities[0] if len(cities) == 1 else "")
    payload: dict[str, Any] = {
        "profession": profession,
        "field": answers.field,
        "zone": answers.zone,
        "city": city,
        "home_jurisdiction": answers.home_jurisdiction,
        "licence_number": clean_text(licence_number, field="licence_number", max_length=40),
        "years_of_practice": int(answers.years_of_practice),
        "check": str(determination.pk),
    }
    return authority, {k: v for k, v in payload.items() if v not in ("", None)}


def practice_apply(
    *,
    user: User,
    determination_id: int,
    city: str = "",
    licence_number: str = "",
    profession: str = "",
    open_case: Callable[..., Case],
) -> Case:
    """Open a practice-registration draft from an eligible check, at the authority the rules name.

    The page and the API both call this. `open_case` opens the draft (casework's `application_create`,
    which sits above this package); it is called with the applicant, the kind, the authority and the case
    data of `apply_prefill`, in one transaction with it.
    """
    with transaction.atomic():
        authority, payload = apply_prefill(
            determination_id=determination_id,
            user=user,
            city=city,
            licence_number=licence_number,
            profession=profession,
        )
        return open_case(applicant=user, kind=KIND, authority_code=authority, payload=payload)


def renewal_open(*, registration_id: int, professional: User, open_case: Callable[..., Case]) -> Case:
    """Open the renewal of one's own registration, prefilled by `renewal_prefill` so that it can be submitted
    as it is (only a fixed term in force or expired is renewed). `open_case` as for `practice_apply`."""
    with transaction.atomic():
        authority, payload = renewal_prefill(registration_id=registration_id, professional=professional)
        return open_case(applicant=professional, kind=KIND, authority_code=authority, payload=payload)
