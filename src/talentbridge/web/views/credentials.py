"""Certificates on the web: public verification (paste or QR link) and the printable certificate."""

from __future__ import annotations

import datetime as dt
import functools
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
from talentbridge.credentials.labels import EXPLANATIONS, HEADLINES, subject_items
from talentbridge.credentials.verify_core import MAX_TOKEN_CHARS, Status, Verification, parse_instant
from talentbridge.web.ratelimit import rate_limited

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


def _day(stamp: Any) -> dt.date | None:
    """The civil day of a signed date-time (a person reads a date, not an ISO timestamp)."""
    try:
        return parse_instant(stamp)
    except ValueError:
        return None


def _verification_context(result: Verification, request: HttpRequest) -> dict[str, Any]:
    """What the result box shows; a replaced certificate links its replacement when the reader may see it."""
    claims = result.claims or {}
    replacement = None
    if result.status == Status.SUPERSEDED:
        certificate = selectors.verified_certificate(result)
        replacement = selectors.replacement_visible_to(certificate, request.user) if certificate else None  # type: ignore[arg-type]
    types = [t for t in claims.get("type", []) if t != "VerifiableCredential"] if claims else []
    return {
        "result": result,
        "headline": HEADLINES[result.status],
        "explanation": EXPLANATIONS[result.status],
        "replacement": replacement,
        "tone": "success" if result.is_valid else "error",
        "issuer_name": _issuer_name(claims) if claims else "",
        "credential_type": ", ".join(str(t) for t in types),
        "subject_items": subject_items(claims),
        "valid_from": _day(claims.get("validFrom")),
        "valid_until": _day(claims.get("validUntil")),
    }


def _token(request: HttpRequest) -> str:
    token = (request.POST.get("credential") if request.method == "POST" else request.GET.get("c")) or ""
    return "".join(token.split())[: MAX_TOKEN_CHARS + 1]


@require_http_methods(["GET", "HEAD", "POST"])
def certificate_verify(request: HttpRequest) -> HttpResponse:
    """Public: verify a pasted JWT or the one a QR link carries (`?c=`); the bare form costs nothing."""
    if request.method == "POST" or _token(request):
        return _verified(request)
    return render(request, "web/credentials/verify.html", {"token": ""})


@rate_limited("credential_verify", methods=("GET", "POST"))
def _verified(request: HttpRequest) -> HttpResponse:
    """A verification, counted against the client's budget shared with `POST /api/v1/credentials/verify`."""
    token = _token(request)
    context: dict[str, Any] = {"token": token}
    if token:
        context.update(_verification_context(services.certificate_verify(token), request))
    # A QR link carries the credential in its URL. The site-wide `Referrer-Policy: same-origin`
    # (SECURE_REFERRER_POLICY) keeps it out of any other site's Referer, while same-site forms still
    # send their Origin: `no-referrer` here made Chromium send `Origin: null`, which fails CSRF.
    return render(request, "web/credentials/verify.html", context)


def _visible(request: HttpRequest, certificate_id: uuid.UUID) -> Any:
    certificate = selectors.certificate_visible_to(certificate_id, request.user)  # type: ignore[arg-type]
    if certificate is None:
        raise Http404
    return certificate


@functools.lru_cache(maxsize=256)
def _qr_svg(link: str, title: str) -> str:
    """The QR code of a verification link as inline SVG, "" when it is too long for one code.

    Encoding a certificate's link takes about a second (most of it choosing the mask), and a certificate
    never changes: each link is encoded once per process.
    """
    try:
        return str(segno.make(link, error="l").svg_inline(scale=2, omitsize=True, title=title))
    except segno.DataOverflowError:
        # A certificate too long for one QR code (very long names): the page says how to verify it instead.
        return ""


@login_required
def certificate_print(request: HttpRequest, certificate_id: uuid.UUID) -> HttpResponse:
    """The printable certificate with a QR code linking to the verification page (holder and issuer)."""
    certificate = _visible(request, certificate_id)
    link = request.build_absolute_uri(reverse("web:certificate_verify")) + "?" + urlencode({"c": certificate.jwt})
    qr_svg = _qr_svg(link, str(_("Scan to verify this certificate")))
    context = {
        "certificate": certificate,
        "verify_link": link,
        "qr_svg": qr_svg,
        "print_hint": "print" in request.GET,  # the Print link: how to print, without any script
        **_verification_context(services.certificate_verify(certificate.jwt), request),
    }
    return render(request, "web/credentials/print.html", context)


@login_required
def certificate_download(request: HttpRequest, certificate_id: uuid.UUID) -> HttpResponse:
    """The raw JWT as a `.jwt` file."""
    certificate = _visible(request, certificate_id)
    response = HttpResponse(certificate.jwt, content_type="application/vc+jwt")
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.id}.jwt"'
    return response
