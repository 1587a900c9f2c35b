"""Certificates on the web: public verification (paste or QR link) and the printable certificate."""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlencode

import segno
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from talentbridge.credentials import selectors, services
from talentbridge.credentials.verify_core import MAX_TOKEN_CHARS, Verification

# The headline in the page's language; the same in all three languages below it, for border checks.
HEADLINES: dict[str, Any] = {
    "valid": _("Valid certificate"),
    "expired": _("Expired certificate"),
    "not_yet_valid": _("Certificate not yet valid"),
    "revoked": _("Revoked certificate"),
    "suspended": _("Suspended certificate"),
    "forged": _("Forged or damaged certificate"),
    "unknown_issuer": _("Unknown issuer"),
}
EXPLANATIONS: dict[str, Any] = {
    "valid": _("The signature is genuine, the issuer is trusted and the certificate is in force today."),
    "expired": _("The signature is genuine, but the certificate's period of validity has ended."),
    "not_yet_valid": _("The signature is genuine, but the certificate's period of validity has not begun."),
    "revoked": _("The issuing authority has revoked this certificate. It is no longer valid."),
    "suspended": _("The issuing authority has suspended this certificate. It is not valid while suspended."),
    "forged": _("The certificate was altered or is not a certificate at all. Do not rely on it."),
    "unknown_issuer": _("The certificate was not signed by an authority this platform trusts."),
}
TRILINGUAL: dict[str, tuple[str, str, str]] = {
    "valid": ("Valid", "有效", "有效"),
    "expired": ("Expired", "已过期", "已過期"),
    "not_yet_valid": ("Not yet valid", "尚未生效", "尚未生效"),
    "revoked": ("Revoked", "已撤销", "已撤銷"),
    "suspended": ("Suspended", "已暂停", "已暫停"),
    "forged": ("Forged", "伪造或损坏", "偽造或損壞"),
    "unknown_issuer": ("Unknown issuer", "签发机构不明", "簽發機構不明"),
}
_LANGUAGE_TAGS = {"en": "en", "zh-hans": "zh-Hans", "zh-hant": "zh-Hant"}


def _issuer_name(claims: dict[str, Any]) -> str:
    issuer = claims.get("issuer")
    if not isinstance(issuer, dict):
        return str(issuer or "")
    names = issuer.get("name")
    if isinstance(names, list):
        wanted = _LANGUAGE_TAGS.get((get_language() or "en").lower(), "en")
        by_tag = {n.get("@language"): n.get("@value") for n in names if isinstance(n, dict)}
        return str(by_tag.get(wanted) or by_tag.get("en") or issuer.get("id", ""))
    return str(names or issuer.get("id", ""))


def _verification_context(result: Verification) -> dict[str, Any]:
    claims = result.claims or {}
    subject = claims.get("credentialSubject") if isinstance(claims.get("credentialSubject"), dict) else {}
    types = [t for t in claims.get("type", []) if t != "VerifiableCredential"] if claims else []
    return {
        "result": result,
        "headline": HEADLINES[result.status],
        "explanation": EXPLANATIONS[result.status],
        "trilingual": TRILINGUAL[result.status],
        "tone": "success" if result.is_valid else "error",
        "issuer_name": _issuer_name(claims) if claims else "",
        "credential_type": ", ".join(str(t) for t in types),
        "subject_items": sorted((str(k), str(v)) for k, v in (subject or {}).items()),
        "valid_from": claims.get("validFrom", ""),
        "valid_until": claims.get("validUntil", ""),
    }


@require_http_methods(["GET", "POST"])
def certificate_verify(request: HttpRequest) -> HttpResponse:
    """Public: verify a pasted JWT or the one a QR link carries (`?c=`)."""
    token = (request.POST.get("credential") if request.method == "POST" else request.GET.get("c")) or ""
    token = "".join(token.split())[: MAX_TOKEN_CHARS + 1]
    context: dict[str, Any] = {"token": token}
    if token:
        context.update(_verification_context(services.certificate_verify(token)))
    # A QR link carries the credential in its URL. The site-wide `Referrer-Policy: same-origin`
    # (SECURE_REFERRER_POLICY) keeps it out of any other site's Referer, while same-site forms still
    # send their Origin: `no-referrer` here made Chromium send `Origin: null`, which fails CSRF.
    return render(request, "web/credentials/verify.html", context)


def _visible(request: HttpRequest, certificate_id: uuid.UUID) -> Any:
    certificate = selectors.certificate_visible_to(certificate_id, request.user)  # type: ignore[arg-type]
    if certificate is None:
        raise Http404
    return certificate


@login_required
def certificate_print(request: HttpRequest, certificate_id: uuid.UUID) -> HttpResponse:
    """The printable certificate with a QR code linking to the verification page (holder and issuer)."""
    certificate = _visible(request, certificate_id)
    link = request.build_absolute_uri(reverse("web:certificate_verify")) + "?" + urlencode({"c": certificate.jwt})
    qr_svg = segno.make(link, error="l").svg_inline(scale=2, title=str(_("Scan to verify this certificate")))
    context = {
        "certificate": certificate,
        "verify_link": link,
        "qr_svg": qr_svg,
        **_verification_context(services.certificate_verify(certificate.jwt)),
    }
    return render(request, "web/credentials/print.html", context)


@login_required
def certificate_download(request: HttpRequest, certificate_id: uuid.UUID) -> HttpResponse:
    """The raw JWT as a `.jwt` file."""
    certificate = _visible(request, certificate_id)
    response = HttpResponse(certificate.jwt, content_type="application/vc+jwt")
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.id}.jwt"'
    return response
