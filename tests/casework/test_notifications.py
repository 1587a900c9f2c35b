"""Notifications are written with the change and e-mailed after commit in the recipient's language."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction

from talentbridge.casework import services
from talentbridge.casework.models import Notification
from talentbridge.casework.notifications import notification_mark_read, render
from tests.casework.filing import attach_required_documents


def test_submission_notifies_applicant_and_authority_and_mails_them(make_cast, django_capture_on_commit_callbacks):
    cast = make_cast("talent_endorsement")
    cast.applicant.preferred_language = "zh-hans"
    cast.applicant.save()
    case = services.application_create(
        applicant=cast.applicant, kind=cast.kind, authority_code=cast.authority, payload=cast.payload
    )
    attach_required_documents(case, cast.applicant)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_transition(application_id=case.pk, actor=cast.applicant, transition="submit")
    events = set(Notification.objects.values_list("recipient__email", "event"))
    assert events == {
        (cast.applicant.email, "submitted"),
        (cast.reviewer.email, "new_case"),
        (cast.second_reviewer.email, "new_case"),
    }
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [cast.applicant.email, cast.reviewer.email, cast.second_reviewer.email]
    )
    assert all(case.reference in m.body for m in mail.outbox)
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 0


def test_a_failed_change_leaves_no_notification(make_cast):
    cast = make_cast("talent_endorsement")
    case = services.application_create(
        applicant=cast.applicant, kind=cast.kind, authority_code=cast.authority, payload=cast.payload
    )
    attach_required_documents(case, cast.applicant)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.application_transition(application_id=case.pk, actor=cast.applicant, transition="submit")
        raise RuntimeError("the request failed after the change")
    assert Notification.objects.count() == 0


def test_render_and_mark_read(make_cast, case_in):
    cast = make_cast("benefit_claim")
    case = case_in(cast, "submitted")
    note = Notification.objects.get(recipient=cast.applicant)
    assert render(note) == f"Your application {case.reference} has been submitted."
    assert notification_mark_read(user=cast.applicant) == 1
    assert notification_mark_read(user=cast.applicant) == 0
