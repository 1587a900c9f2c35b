"""Certificates of registrations already superseded by a renewal (or by a later registration for the same
field and zone) name the newer registration's certificate as their replacement, and are revoked if they
were not yet, so they verify as "replaced by a newer certificate" and never as valid."""

from django.db import migrations
from django.utils import timezone


def replaced(apps, schema_editor):  # type: ignore[no-untyped-def]
    Registration = apps.get_model("practice", "Registration")
    Certificate = apps.get_model("credentials", "Certificate")
    CertificateEvent = apps.get_model("credentials", "CertificateEvent")
    now = timezone.now()
    for old in Registration.objects.filter(status="superseded").exclude(certificate_id=None).order_by("pk"):
        new = Registration.objects.filter(renews_id=old.pk).exclude(certificate_id=None).order_by("-pk").first()
        if new is None:
            new = (
                Registration.objects.filter(
                    professional_id=old.professional_id, field=old.field, zone=old.zone, status="active", pk__gt=old.pk
                )
                .exclude(certificate_id=None)
                .order_by("-pk")
                .first()
            )
        certificate = Certificate.objects.filter(pk=old.certificate_id, superseded_by=None).first()
        newer = Certificate.objects.filter(pk=new.certificate_id).first() if new is not None else None
        if certificate is None or newer is None or newer.pk == certificate.pk:
            continue
        text = f"Replaced by registration {new.number}."
        certificate.superseded_by = newer
        fields = ["superseded_by"]
        if certificate.revoked_at is None:
            certificate.revoked_at, certificate.revocation_reason = now, text
            fields += ["revoked_at", "revocation_reason"]
        certificate.save(update_fields=fields)
        CertificateEvent.objects.create(certificate=certificate, action="superseded", reason=text, at=now)


class Migration(migrations.Migration):
    dependencies = [
        ("credentials", "0002_certificate_superseded_by"),
        ("practice", "0003_renewed_registrations_superseded"),
    ]

    operations = [migrations.RunPython(replaced, migrations.RunPython.noop)]
