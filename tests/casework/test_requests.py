"""Requests for information and verification by a second authority."""

from __future__ import annotations

import pytest

from talentbridge.casework import access, services
from talentbridge.casework.models import Application, InfoRequest, Notification, Verification
from talentbridge.core.errors import Forbidden, InvalidInput


def test_info_request_and_reply_round_trip(make_cast, case_in):
    cast = make_cast("practice_registration")
    case = case_in(cast, "in_review")
    services.info_request_create(application_id=case.pk, reviewer=cast.reviewer, message="Upload your HK licence.")
    assert Application.objects.get(pk=case.pk).state == "info_requested"
    assert Notification.objects.filter(recipient=cast.applicant, event="info_requested").count() == 1
    services.info_request_reply(application_id=case.pk, applicant=cast.applicant, reply="Uploaded it.")
    request = InfoRequest.objects.get(application=case)
    assert (request.message, request.reply, request.replied_by) == (
        "Upload your HK licence.",
        "Uploaded it.",
        cast.applicant,
    )
    assert Application.objects.get(pk=case.pk).state == "resubmitted"
    assert Notification.objects.filter(recipient=cast.reviewer, event="resubmitted").count() == 1


def test_empty_reply_is_rejected(make_cast, case_in):
    cast = make_cast("practice_registration")
    case = case_in(cast, "info_requested")
    with pytest.raises(InvalidInput):
        services.info_request_reply(application_id=case.pk, applicant=cast.applicant, reply=" ")
    assert Application.objects.get(pk=case.pk).state == "info_requested"


def test_verification_is_answered_by_the_second_authority_only_while_pending(make_cast, case_in):
    cast = make_cast("practice_registration")
    case = case_in(cast, "in_review")
    assert not access.can_view(cast.verifier, case)
    services.verification_request(
        application_id=case.pk, reviewer=cast.reviewer, authority_code="HK-ARB", question="Is licence ARB-778 valid?"
    )
    assert access.can_view(cast.verifier, case)
    assert access.case_roles(cast.verifier, case) == {"verifier"}
    assert Notification.objects.filter(recipient=cast.verifier, event="verification_requested").count() == 1
    services.verification_respond(
        application_id=case.pk, verifier=cast.verifier, confirmed=False, note="Lapsed in 2024."
    )
    verification = Verification.objects.get(application=case)
    assert (verification.outcome, verification.note, verification.responded_by) == (
        "not_confirmed",
        "Lapsed in 2024.",
        cast.verifier,
    )
    assert Application.objects.get(pk=case.pk).state == "in_review"
    # the verifier keeps read access to what it answered, but may no longer act
    assert access.case_roles(cast.verifier, case) == frozenset()
    with pytest.raises(Forbidden):
        services.verification_respond(application_id=case.pk, verifier=cast.verifier, confirmed=True)


def test_verification_by_an_unsuitable_authority_is_rejected(make_cast, case_in):
    cast = make_cast("practice_registration")
    case = case_in(cast, "in_review")
    for code in ("GD-DHURD", "GUANGZHOU-SIF", "NOPE"):
        with pytest.raises(InvalidInput) as error:
            services.verification_request(
                application_id=case.pk, reviewer=cast.reviewer, authority_code=code, question="Valid?"
            )
        assert "authority" in error.value.details
    assert Application.objects.get(pk=case.pk).state == "in_review"
    assert not Verification.objects.exists()
