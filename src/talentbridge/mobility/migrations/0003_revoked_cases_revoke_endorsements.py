"""Endorsements whose case was revoked before revocation reached the endorsement become revoked."""

from django.db import migrations
from django.utils import timezone


def revoke(apps, schema_editor):  # type: ignore[no-untyped-def]
    Application = apps.get_model("casework", "Application")
    Endorsement = apps.get_model("mobility", "Endorsement")
    revoked = Application.objects.filter(kind="talent_endorsement", state="revoked").values_list("reference", flat=True)
    Endorsement.objects.filter(case_reference__in=list(revoked), status="granted").update(
        status="revoked", status_reason="The case's approval was revoked.", status_changed_at=timezone.now()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("mobility", "0002_endorsement_status"),
        ("casework", "0001_initial"),
    ]

    operations = [migrations.RunPython(revoke, migrations.RunPython.noop)]
