"""What a person reads about a verification: a headline and an explanation per status, translated, and
the certificate's statements in the page's language."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from talentbridge.credentials.verify_core import Status, subject_in

HEADLINES: dict[str, Any] = {
    Status.VALID: _("Valid certificate"),
    Status.EXPIRED: _("Expired certificate"),
    Status.NOT_YET_VALID: _("Certificate not yet valid"),
    Status.REVOKED: _("Revoked certificate"),
    Status.SUPERSEDED: _("Replaced by a newer certificate"),
    Status.SUSPENDED: _("Suspended certificate"),
    Status.FORGED: _("Forged or damaged certificate"),
    Status.UNKNOWN_ISSUER: _("Unknown issuer"),
}
EXPLANATIONS: dict[str, Any] = {
    Status.VALID: _("The signature is genuine, the issuer is trusted and the certificate is in force today."),
    Status.EXPIRED: _("The signature is genuine, but the certificate's period of validity has ended."),
    Status.NOT_YET_VALID: _("The signature is genuine, but the certificate's period of validity has not begun."),
    Status.REVOKED: _("The issuing authority has revoked this certificate. It is no longer valid."),
    Status.SUPERSEDED: _(
        "The issuing authority has replaced this certificate with a newer one, for example when the registration "
        "was renewed. This certificate is no longer valid: ask its holder for the newer one."
    ),
    Status.SUSPENDED: _("The issuing authority has suspended this certificate. It is not valid while suspended."),
    Status.FORGED: _("The certificate was altered or is not a certificate at all. Do not rely on it."),
    Status.UNKNOWN_ISSUER: _("The certificate was not signed by an authority this platform trusts."),
}


def subject_items(claims: Mapping[str, Any] | None, language: str | None = None) -> list[tuple[str, str]]:
    """The statements of a credential about its holder, by name, each text stated in several languages
    given in `language` (default: the page's; English when it has none in it)."""
    subject = subject_in(claims, language or get_language())
    return sorted((name, str(value)) for name, value in subject.items())
