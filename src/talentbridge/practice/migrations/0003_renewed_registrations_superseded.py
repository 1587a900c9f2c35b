"""Registrations already renewed, or replaced by a later one for the same field and zone, become superseded,
and their certificates still within their term are revoked as replaced (so they no longer verify as valid)."""

from django.db import migrations
from django.utils import timezone


def supersede(apps, schema_editor):  # type: ignore[no-untyped-def]
    Registration = apps.get_model("practice", "Registration")
    Certificate = apps.get_model("credentials", "Certificate")
    CertificateEvent = apps.get_model("credentials", "CertificateEvent")
    now = timezone.now()
    today = timezone.localtime(now).date()
    newest: dict[tuple[int, str, str], object] = {}
    replaced: list[tuple[object, object]] = []
    rows = Registration.objects.filter(status__in=["active", "expired"]).order_by("valid_from", "created_at", "pk")
    for registration in rows:
        renewal = Registration.objects.filter(renews_id=registration.pk, status="active").order_by("-pk").first()
        if renewal is not None:
            replaced.append((registration, renewal))
            continue
        if registration.status != "active":
            continue
        key = (registration.professional_id, registration.field, registration.zone)
        if key in newest:
            replaced.append((newest[key], registration))
        newest[key] = registration
    for old, new in replaced:
        text = f"Replaced by registration {new.number}."
        if old.certificate_id and (old.valid_until is None or old.valid_until >= today):
            certificate = Certificate.objects.filter(pk=old.certificate_id, revoked_at__isnull=True).first()
            if certificate is not None:
                certificate.revoked_at, certificate.revocation_reason = now, text
                certificate.save(update_fields=["revoked_at", "revocation_reason"])
                CertificateEvent.objects.create(certificate=certificate, action="revoked", reason=text, at=now)
        Registration.objects.filter(pk=old.pk).update(status="superseded", status_reason=text, updated_at=now)


class Migration(migrations.Migration):
    dependencies = [
        ("practice", "0002_registration_superseded"),
        ("credentials", "0001_initial"),
    ]

    operations = [migrations.RunPython(supersede, migrations.RunPython.noop)]
