"""A renewal replaces the old certificate (it verifies as replaced, never valid), and a compensation
measure's months are ASCII digits or refused without side effect."""

from __future__ import annotations

import datetime as dt
from importlib import import_module

import pytest
from django.apps import apps

from talentbridge.casework import services as casework
from talentbridge.casework.models import Application
from talentbridge.core import clock
from talentbridge.core.errors import InvalidInput
from talentbridge.credentials import services as credentials
from talentbridge.credentials.models import Certificate, CertificateEvent, Standing
from talentbridge.practice import services
from talentbridge.practice.models import CompensationMeasure
from talentbridge.reference.models import Authority
from tests.casework.filing import attach_required_documents
from tests.practice.registrations import doctor_registration

pytestmark = pytest.mark.django_db

TODAY = clock.today()


def _doctor(user, *, reference="PR-DOC", on=None, **payload):
    return doctor_registration(user, reference=reference, on=on, **payload)


def _renew(registration, user):
    authority, payload = services.renewal_prefill(registration_id=registration.pk, professional=user)
    return services.registration_grant(
        professional=user, payload=payload, authority=Authority.objects.get(code=authority), case_reference="PR-RENEW"
    )


@pytest.mark.parametrize("days_ago", [1050, 1200], ids=["in_force", "expired"])
def test_a_renewal_replaces_the_old_certificate_by_the_new_one(applicant, days_ago):
    old = _doctor(applicant, on=TODAY - dt.timedelta(days=days_ago))

    new = _renew(old, applicant)

    certificate = Certificate.objects.get(pk=old.certificate_id)
    assert certificate.superseded_by_id == new.certificate_id
    assert certificate.revocation_reason == f"Replaced by registration {new.number}."
    assert certificate.standing(TODAY) == Standing.SUPERSEDED
    assert list(certificate.events.values_list("action", flat=True)) == ["issued", "superseded"]
    result = credentials.certificate_verify(certificate.jwt)
    assert (result.status, result.is_valid) == ("superseded", False)
    assert credentials.certificate_verify(Certificate.objects.get(pk=new.certificate_id).jwt).status == "valid"


@pytest.mark.parametrize("months", ["²", "٣", "-5", "1.5", "37", 0, True, 2.0, [6]])
def test_months_of_a_compensation_measure_must_be_a_number_from_1_to_36(
    practice_case, in_review, reviewer, applicant, months
):
    draft = practice_case(submit=False)
    attach_required_documents(draft, applicant)
    case = in_review(casework.application_transition(application_id=draft.pk, actor=applicant, transition="submit"))
    state, version = case.state, case.version

    with pytest.raises(InvalidInput) as error:
        casework.application_transition(
            application_id=case.pk,
            actor=reviewer,
            transition="require_aptitude_test",
            reason="Test on mainland building codes.",
            data={"months": months},
        )

    assert error.value.details == {"months": ["Enter a number of months from 1 to 36."]}
    assert Application.objects.values_list("state", "version").get(pk=case.pk) == (state, version)
    assert not CompensationMeasure.objects.exists()


def test_the_data_migration_marks_certificates_of_renewed_registrations_as_replaced(applicant):
    old = _doctor(applicant, on=TODAY - dt.timedelta(days=1050))
    new = _renew(old, applicant)
    # As the old code left them: the old certificate revoked as replaced, without naming its replacement.
    Certificate.objects.filter(pk=old.certificate_id).update(superseded_by=None)
    CertificateEvent.objects.filter(certificate_id=old.certificate_id, action="superseded").update(action="revoked")
    unrelated = _doctor(applicant, reference="PR-OTHER", field="pharmacist", profession="pharmacist")

    import_module("talentbridge.credentials.migrations.0003_replaced_certificates_superseded").replaced(apps, None)

    certificate = Certificate.objects.get(pk=old.certificate_id)
    assert certificate.superseded_by_id == new.certificate_id
    assert credentials.certificate_verify(certificate.jwt).status == "superseded"
    assert list(certificate.events.values_list("action", flat=True)) == ["issued", "revoked", "superseded"]
    assert Certificate.objects.filter(superseded_by__isnull=False).count() == 1
    assert Certificate.objects.get(pk=unrelated.certificate_id).standing(TODAY) == Standing.IN_FORCE
