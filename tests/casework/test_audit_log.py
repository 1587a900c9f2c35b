"""The audit log is append-only: in the model layer everywhere, and in PostgreSQL by a trigger."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from talentbridge.casework.models import AuditEvent


def test_model_layer_refuses_to_change_or_delete_events(make_case):
    case = make_case(submit=True)
    event = AuditEvent.objects.filter(application=case).first()
    assert event is not None
    event.reason = "rewritten"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(application=case).update(reason="rewritten")
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(application=case).delete()
    assert AuditEvent.objects.filter(application=case, reason="rewritten").count() == 0
    assert list(AuditEvent.objects.filter(application=case).values_list("action", flat=True)) == [
        "created",
        *["document_uploaded"] * 4,  # the pathway's four documents
        "submit",
    ]


@pytest.mark.postgres
@pytest.mark.parametrize(
    "statement", ["UPDATE casework_auditevent SET reason = 'x'", "DELETE FROM casework_auditevent"]
)
def test_postgresql_trigger_rejects_raw_update_and_delete(make_case, statement):
    case = make_case(submit=True)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    assert list(AuditEvent.objects.filter(application=case).values_list("action", flat=True)) == [
        "created",
        *["document_uploaded"] * 4,  # the pathway's four documents
        "submit",
    ]
    assert not AuditEvent.objects.filter(reason="x").exists()
