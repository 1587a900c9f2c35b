"""Granting registrations: provisional on submission, granted (or renewed) on approval, ended on refusal."""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from talentbridge.accounts.models import User
from talentbridge.core import clock
from talentbridge.core.errors import IllegalTransition, InvalidInput
from talentbridge.credentials import services as credentials
from talentbridge.practice import catalogue
from talentbridge.practice.models import SCOPE_LANGUAGES, Registration, RegistrationStatus
from talentbridge.practice.services.applying import case_terms
from talentbridge.practice.services.common import add_months, add_years, registration_save, renewal_refusal
from talentbridge.reference.models import Authority
from talentbridge.rules import labels as rules_labels


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
        return registration_save(registration)


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
        raise IllegalTransition(renewal_refusal(renews, today))
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
    registration_save(old)


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
        registration_save(registration)
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
