"""Writes of practice: registrations (grant, provisional, suspend, revoke, expire, renewal reminders) and alerts."""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import secrets
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from talentbridge.accounts.models import Role, User
from talentbridge.core import clock
from talentbridge.core.errors import Conflict, Forbidden, IllegalTransition, InvalidInput, NotFound, ReasonRequired
from talentbridge.core.mail import mail_user
from talentbridge.core.models import stored
from talentbridge.core.text import clean_text
from talentbridge.credentials import services as credentials
from talentbridge.policy.models import Determination
from talentbridge.practice import catalogue
from talentbridge.practice.checker import answers_of
from talentbridge.practice.models import SCOPE_LANGUAGES, PracticeAlert, Registration, RegistrationStatus, Standing
from talentbridge.reference.models import Authority, City, Profession, SpecialZone
from talentbridge.rules import labels as rules_labels

NUMBER_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
RENEWAL_NOTICE_DAYS = 90
# Who decides on registrations: a reviewer of the registering authority, or an administrator.
MANAGERS = frozenset({Role.REVIEWER, Role.ADMINISTRATOR})


def add_years(day: dt.date, years: int) -> dt.date:
    """`day` plus whole years; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _new_number() -> str:
    code = "".join(secrets.choice(NUMBER_ALPHABET) for _ in range(8))
    return f"GBA-{clock.today().year}-{code}"


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


def _save(registration: Registration) -> Registration:
    registration.updated_at = clock.now()
    try:
        registration.full_clean(
            validate_unique=False, validate_constraints=False, exclude=["number", "professional", "authority", "renews"]
        )
    except Exception as error:  # a programming error in the caller, reported in the one error shape
        raise InvalidInput(details={"registration": [str(error)]}) from error
    if registration.pk is None:
        for _attempt in range(5):
            registration.number = _new_number()
            try:
                with transaction.atomic():
                    registration.save(force_insert=True)
                return registration
            except IntegrityError:
                continue
        raise Conflict(_("Could not allocate a registration number; try again."))
    registration.save()
    return registration


def _scope_texts(pathway: catalogue.Pathway | None, field_code: str, zone: str) -> dict[str, str]:
    """The scope written on the registration and its certificate, by language key (en, zh_hans, zh_hant): the
    pathway's own words, else its field and zone by name (never their codes)."""
    if pathway is not None and pathway.scope:
        texts = {"en": pathway.scope, **pathway.scope_translations}
        return {language: str(texts[language])[:300] for language in ("en", *SCOPE_LANGUAGES) if texts.get(language)}
    texts = {}
    for language in ("en", *SCOPE_LANGUAGES):
        named = [
            rules_labels.code_label(code)[language] if rules_labels.has_code_label(code) else code.replace("_", " ")
            for code in (field_code, zone)
        ]
        texts[language] = f"{named[0][:1].upper()}{named[0][1:]} — {named[1]}"[:300]
    return texts


def _scope_fill(registration: Registration, pathway: catalogue.Pathway | None, field_code: str, zone: str) -> None:
    """Write the scope on `registration`: in English, and in the other languages it is written in."""
    texts = _scope_texts(pathway, field_code, zone)
    registration.scope = texts.get("en", "")
    registration.scope_translations = {language: texts[language] for language in SCOPE_LANGUAGES if language in texts}


def registration_provisional_create(
    *, professional: User, payload: dict[str, Any], authority: Authority, case_reference: str
) -> Registration | None:
    """On submission of an administrative-confirmation case: practise now, for one month or until decided."""
    if payload.get("renewal_of"):
        return None  # the registration being renewed stays in force until the renewal is decided
    terms = case_terms(payload)
    today = clock.today()
    pathway = catalogue.pathway_applicable(terms["field"], terms["zone"], terms["home_jurisdiction"], today)
    if pathway is None or not pathway.provisional:
        return None
    months = int(catalogue.extra_data()["mechanisms"][pathway.mechanism].get("confirm_within_months", 1))
    with transaction.atomic():
        existing = Registration.objects.filter(case_reference=case_reference).first()
        if existing is not None:
            return existing
        registration = Registration(
            professional=professional,
            full_name=professional.full_name,
            field=terms["field"],
            profession=terms["profession"],
            zone=terms["zone"],
            city=terms["city"],
            home_jurisdiction=terms["home_jurisdiction"],
            licence_number=str(payload.get("licence_number") or ""),
            authority=authority,
            mechanism=pathway.mechanism,
            valid_from=today,
            valid_until=add_months(today, months),
            status=RegistrationStatus.PROVISIONAL,
            case_reference=case_reference,
        )
        _scope_fill(registration, pathway, terms["field"], terms["zone"])
        return _save(registration)


def _certificate_for(registration: Registration) -> None:
    certificate = credentials.certificate_issue(
        issuer_code=registration.authority.code,
        subject={
            "name": registration.full_name,
            "registrationNumber": registration.number,
            credentials.HOLDER_KEY: str(registration.professional_id),
        },
        claims={
            "type": "ProfessionalPracticeRegistration",
            "field": registration.field,
            "zone": registration.zone,
            "mechanism": registration.mechanism,
            "scope": credentials.language_values(registration.scope_texts),
            "homeJurisdiction": registration.home_jurisdiction,
        },
        valid_from=registration.valid_from,
        valid_until=registration.valid_until,
    )
    registration.certificate_id = certificate.pk


def _years_of_practice(payload: dict[str, Any]) -> int | None:
    raw = payload.get("years_of_practice")
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not 0 <= raw <= 60:
        return None
    return int(raw)


def _renewed(payload: dict[str, Any], professional: User, today: dt.date) -> Registration | None:
    """The professional's registration a renewal case names, locked; refused unless it can be renewed."""
    if not payload.get("renewal_of"):
        return None
    renews = (
        Registration.objects.select_for_update()
        .filter(number=str(payload["renewal_of"]), professional=professional)
        .first()
    )
    if renews is None:
        raise InvalidInput(details={"renewal_of": [_("This is not one of your registrations.")]})
    if renews.valid_until is None:
        raise IllegalTransition(_("A registration without a fixed term does not need renewing."))
    if not renews.is_renewable(today):
        raise IllegalTransition(_("Only an active or expired registration can be renewed."))
    return renews


def _supersede(old: Registration, new: Registration, today: dt.date) -> None:
    """`old` is replaced by `new`: no longer in force, and its certificate no longer verifies as valid."""
    text = _("Replaced by registration %(number)s.") % {"number": new.number}
    if old.certificate_id and new.certificate_id:
        # Even an expired certificate says it was replaced; one already revoked keeps its reason.
        with contextlib.suppress(IllegalTransition):
            credentials.certificate_supersede(
                certificate_id=old.certificate_id, by_certificate_id=new.certificate_id, actor=None, reason=text
            )
    elif old.certificate_id and (old.valid_until is None or old.valid_until >= today):
        with contextlib.suppress(IllegalTransition):  # already revoked: nothing more to say
            credentials.certificate_revoke(certificate_id=old.certificate_id, actor=None, reason=text)
    old.status, old.status_reason = RegistrationStatus.SUPERSEDED, text
    _save(old)


def registration_grant(
    *,
    professional: User,
    payload: dict[str, Any],
    authority: Authority,
    case_reference: str,
    tacit: bool = False,
    on: dt.date | None = None,
) -> Registration:
    """The registration an approved case grants, valid for the kernel's validity, with its signed certificate.

    An administrative-confirmation case confirms its provisional registration. One registration is in
    force per professional, field and zone: the new one supersedes the one it renews (and any other in
    force for the same field and zone), whose certificate is revoked as replaced. A renewal is in force
    at once and its term runs on from the end of the renewed registration, so no day is lost or doubled.
    """
    terms = case_terms(payload)
    today = on or clock.today()
    pathway = catalogue.pathway_applicable(terms["field"], terms["zone"], terms["home_jurisdiction"], today)
    if tacit and (pathway is None or not pathway.tacit_approval):
        raise IllegalTransition(_("This pathway has no tacit approval: the authority must decide."))
    with transaction.atomic():
        renews = _renewed(payload, professional, today)
        term_start = today
        if renews is not None and renews.valid_until is not None and renews.valid_until >= today:
            term_start = renews.valid_until + dt.timedelta(days=1)
        years = pathway.validity_years if pathway else 0
        registration = (
            Registration.objects.select_for_update()
            .filter(case_reference=case_reference, status=RegistrationStatus.PROVISIONAL)
            .first()
        ) or Registration(professional=professional, case_reference=case_reference)
        registration.full_name = professional.full_name
        registration.field = terms["field"]
        registration.profession = terms["profession"]
        registration.zone = terms["zone"]
        registration.city = terms["city"]
        registration.home_jurisdiction = terms["home_jurisdiction"]
        registration.licence_number = str(payload.get("licence_number") or "")
        registration.years_of_practice = _years_of_practice(payload)
        registration.authority = authority
        registration.mechanism = pathway.mechanism if pathway else "record_filing"
        _scope_fill(registration, pathway, terms["field"], terms["zone"])
        registration.valid_from = registration.valid_from if registration.pk else today
        registration.valid_until = add_years(term_start, years) - dt.timedelta(days=1) if years else None
        registration.status = RegistrationStatus.ACTIVE
        registration.tacit = tacit
        registration.renews = renews
        _save(registration)
        _certificate_for(registration)
        registration.save(update_fields=["certificate_id"])
        others = Registration.objects.select_for_update().filter(
            professional=professional,
            field=registration.field,
            zone=registration.zone,
            status=RegistrationStatus.ACTIVE,
        )
        replaced = [renews] if renews is not None else []
        replaced += [old for old in others.exclude(pk=registration.pk) if old.pk not in {r.pk for r in replaced}]
        for old in replaced:
            _supersede(old, registration, today)
        return registration


def registration_end_provisional(*, case_reference: str, reason: str) -> int:
    """A refused or withdrawn administrative-confirmation case ends its provisional registration."""
    with transaction.atomic():
        return Registration.objects.filter(case_reference=case_reference, status=RegistrationStatus.PROVISIONAL).update(
            status=RegistrationStatus.LAPSED, status_reason=reason, updated_at=clock.now()
        )


def _managed(registration_id: int, actor: User | None) -> Registration:
    registration = (
        Registration.objects.select_for_update().select_related("authority").filter(pk=registration_id).first()
    )
    if registration is None:
        raise NotFound()
    if actor is None:
        return registration
    if not actor.is_active or actor.role not in MANAGERS:
        raise Forbidden(_("Only the registering authority can change a registration."))
    if actor.role == Role.REVIEWER and actor.authority_id != registration.authority_id:
        raise NotFound()  # other authorities' registrations are not theirs to see
    return registration


def _reason(reason: str) -> str:
    text = clean_text(reason, field="reason", max_length=2000)
    if not text:
        raise ReasonRequired(details={"reason": [_("A reason is required.")]})
    return text


def registration_suspend(*, registration_id: int, actor: User | None, reason: str) -> Registration:
    """Suspend an active registration and its certificate, with a reason."""
    text = _reason(reason)
    with transaction.atomic():
        registration = _managed(registration_id, actor)
        if not registration.is_in_force(clock.today()):
            raise IllegalTransition(_("Only an active registration can be suspended."))
        if registration.certificate_id:
            credentials.certificate_suspend(certificate_id=registration.certificate_id, actor=None, reason=text)
        registration.status, registration.status_reason = RegistrationStatus.SUSPENDED, text
        return _save(registration)


def registration_reinstate(*, registration_id: int, actor: User | None, reason: str) -> Registration:
    """Lift a suspension."""
    text = _reason(reason)
    with transaction.atomic():
        registration = _managed(registration_id, actor)
        if registration.standing(clock.today()) != Standing.SUSPENDED:  # a suspension past the end is expired
            raise IllegalTransition(_("Only a suspended registration can be reinstated."))
        if registration.certificate_id:
            credentials.certificate_reinstate(certificate_id=registration.certificate_id, actor=None, reason=text)
        registration.status, registration.status_reason = RegistrationStatus.ACTIVE, text
        return _save(registration)


def registration_revoke(*, registration_id: int, actor: User | None, reason: str) -> Registration:
    """Revoke a registration for good, and its certificate."""
    text = _reason(reason)
    with transaction.atomic():
        registration = _managed(registration_id, actor)
        if registration.status not in {
            RegistrationStatus.ACTIVE,
            RegistrationStatus.SUSPENDED,
            RegistrationStatus.PROVISIONAL,
        }:
            raise IllegalTransition(_("This registration is no longer in force."))
        if registration.certificate_id:
            credentials.certificate_revoke(certificate_id=registration.certificate_id, actor=None, reason=text)
        registration.status, registration.status_reason = RegistrationStatus.REVOKED, text
        return _save(registration)


def registration_revoke_for_case(*, case_reference: str, reason: str) -> int:
    """A case's approval revoked: every registration it granted (still in force) is revoked too."""
    revoked = 0
    with transaction.atomic():
        ids = Registration.objects.filter(
            case_reference=case_reference,
            status__in=[RegistrationStatus.ACTIVE, RegistrationStatus.SUSPENDED, RegistrationStatus.PROVISIONAL],
        ).values_list("pk", flat=True)
        for registration_id in list(ids):
            registration_revoke(registration_id=registration_id, actor=None, reason=reason)
            revoked += 1
    return revoked


def registrations_expire(*, today: dt.date | None = None) -> int:
    """Registrations (and provisional ones) past their last day become expired (lapsed)."""
    today = today or clock.today()
    with transaction.atomic():
        expired = Registration.objects.filter(
            status__in=[RegistrationStatus.ACTIVE, RegistrationStatus.SUSPENDED], valid_until__lt=today
        ).update(status=RegistrationStatus.EXPIRED, updated_at=clock.now())
        lapsed = Registration.objects.filter(status=RegistrationStatus.PROVISIONAL, valid_until__lt=today).update(
            status=RegistrationStatus.LAPSED, updated_at=clock.now()
        )
    return expired + lapsed


def renewal_reminders_send(*, today: dt.date | None = None, days_before: int = RENEWAL_NOTICE_DAYS) -> int:
    """E-mail each professional whose registration in force ends within `days_before` days, once."""
    today = today or clock.today()
    due = list(
        Registration.objects.in_force(today)
        .select_related("professional")
        .filter(valid_until__lte=today + dt.timedelta(days=days_before), reminder_sent_at__isnull=True)
        .order_by("valid_until", "pk")
    )
    for registration in due:
        with transaction.atomic():
            updated = Registration.objects.filter(pk=registration.pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=clock.now()
            )
            if not updated:
                continue  # another worker sent it
            # Words to translate when the mail is sent, in the professional's language.
            mail_user(
                registration.professional,
                subject=gettext_noop("Renew your registration to practise"),
                body=stored(
                    gettext_noop(
                        "Your registration %(number)s to practise ends on %(until)s. Apply for its renewal before then."
                    ),
                    number=registration.number,
                    until=str(registration.valid_until),  # in force and ending soon: a day
                ),
            )
    return len(due)


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
    registration = (
        Registration.objects.select_related("authority").filter(pk=registration_id, professional=professional).first()
    )
    if registration is None:
        raise NotFound()
    today = clock.today()
    if registration.valid_until is None:
        raise IllegalTransition(_("A registration without a fixed term does not need renewing."))
    if not registration.is_renewable(today):
        raise IllegalTransition(_("Only an active or expired registration can be renewed."))
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
    if not user.is_authenticated or user.role != Role.APPLICANT:
        raise Forbidden(_("Only applicants can open applications."))
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
    authority = str(determination.outputs["practice_authority"])
    profession = profession or catalogue.DEFAULT_PROFESSION.get(answers.field, "")
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


def _reviewer(actor: User) -> None:
    if not actor.is_active or actor.role != Role.REVIEWER or not actor.authority_id:
        raise Forbidden(_("Only reviewers of an authority can manage alerts."))


def normalise_identifier(value: str) -> str:
    return "".join(value.split()).casefold()


def alert_raise(
    *, actor: User, person_identifier: str, field: str = "", reason: str, expires_on: dt.date | None = None
) -> PracticeAlert:
    """Flag a professional as barred from practice (by e-mail or home licence number), for other authorities."""
    _reviewer(actor)
    errors: dict[str, list[str]] = {}
    identifier = normalise_identifier(clean_text(person_identifier, field="person_identifier", max_length=120))
    if not identifier:
        errors["person_identifier"] = [_("Enter the person's e-mail address or home licence number.")]
    if field and field not in catalogue.FIELDS:
        errors["field"] = [_("Choose a profession from the list.")]
    text = clean_text(reason, field="reason", max_length=2000)
    if not text:
        errors["reason"] = [_("A reason is required.")]
    if expires_on is not None and expires_on <= clock.today():
        errors["expires_on"] = [_("Choose a date in the future.")]
    if errors:
        raise InvalidInput(details=errors)
    with transaction.atomic():
        alert = PracticeAlert(
            person_identifier=identifier,
            field=field,
            reason=text,
            authority=actor.authority,
            raised_by=actor,
            raised_at=clock.now(),
            expires_on=expires_on,
        )
        alert.save()
        return alert


def alert_withdraw(*, actor: User, alert_id: int) -> PracticeAlert:
    """The raising authority withdraws its alert (it stays on record)."""
    _reviewer(actor)
    with transaction.atomic():
        alert = PracticeAlert.objects.select_for_update().filter(pk=alert_id).first()
        if alert is None:
            raise NotFound()
        if alert.authority_id != actor.authority_id:
            raise Forbidden(_("Only the authority that raised an alert can withdraw it."))
        if alert.withdrawn_at is not None:
            raise IllegalTransition(_("This alert is already withdrawn."))
        alert.withdrawn_at = clock.now()
        alert.save(update_fields=["withdrawn_at"])
        return alert
