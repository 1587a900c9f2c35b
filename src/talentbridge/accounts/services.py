"""Writes on accounts: sign-up with e-mail confirmation, API tokens."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _

from talentbridge.accounts.models import ApiToken, Residence, Role, User
from talentbridge.core import clock
from talentbridge.core.errors import InvalidInput, NotAuthenticated, NotFound, validation_details
from talentbridge.core.text import clean_text

TOKEN_PREFIX = "tb"  # noqa: S105 - a public marker, not a secret


def user_sign_up(*, email: str, password: str, full_name: str, residence: str, language: str, base_url: str) -> User:
    """Create an inactive applicant account and e-mail a confirmation link."""
    email = (email or "").strip().lower()
    errors: dict[str, list[str]] = {}
    if User.objects.filter(email=email).exists():
        errors["email"] = [_("An account with this e-mail address already exists.")]
    if residence not in Residence.values:
        errors["residence"] = [_("Choose where you are a resident.")]
    user = User(
        email=email,
        full_name=clean_text(full_name, field="full_name", max_length=150),
        residence=residence,
        role=Role.APPLICANT,
    )
    user.preferred_language = language if language in {"en", "zh-hans", "zh-hant"} else "en"
    user.is_active = False
    try:
        validate_password(password, user)
    except ValidationError as exc:
        errors["password"] = [str(m) for m in exc.messages]
    try:
        user.set_password(password)
        user.full_clean()
    except ValidationError as exc:
        for field, messages in validation_details(exc).items():
            if field != "email" or "email" not in errors:
                errors.setdefault(field, []).extend(messages)
    if errors:
        raise InvalidInput(details=errors)
    with transaction.atomic():
        user.save()
        link = base_url.rstrip("/") + reverse(
            "web:confirm_email",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        transaction.on_commit(lambda: _send_confirmation(user, link))
    return user


def _send_confirmation(user: User, link: str) -> None:
    with translation.override(user.preferred_language):
        body = render_to_string("web/email/confirm_email.txt", {"user": user, "link": link})
        send_mail(_("Confirm your GBA Talent Bridge account"), body, None, [user.email])


def user_confirm_email(*, uidb64: str, token: str) -> User:
    """Activate the account named by a confirmation link."""
    try:
        user = User.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))))
    except (ValueError, TypeError, OverflowError, User.DoesNotExist) as exc:
        raise InvalidInput(_("This confirmation link is not valid.")) from exc
    if user.is_active and user.email_confirmed_at:
        return user
    if not default_token_generator.check_token(user, token):
        raise InvalidInput(_("This confirmation link is not valid or has expired."))
    user.is_active = True
    user.email_confirmed_at = clock.now()
    user.save(update_fields=["is_active", "email_confirmed_at"])
    return user


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Issue a token; the returned raw value is shown once and never stored."""
    name = clean_text(name, field="name")
    if not name or len(name) > 100:
        raise InvalidInput(details={"name": [_("Give the token a name of 1 to 100 characters.")]})
    prefix = secrets.token_hex(4)
    secret = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, prefix=prefix, key_hash=_hash(secret))
    return token, f"{TOKEN_PREFIX}_{prefix}_{secret}"


def api_token_revoke(*, user: User, token_id: int) -> None:
    updated = ApiToken.objects.filter(pk=token_id, user=user, revoked_at__isnull=True).update(revoked_at=clock.now())
    if not updated:
        raise NotFound(_("No such active token."))


def api_token_authenticate(raw: str) -> User:
    """The active user a raw bearer token belongs to, or NotAuthenticated."""
    parts = (raw or "").split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX:
        raise NotAuthenticated(_("The API token is not valid."))
    token = ApiToken.objects.select_related("user").filter(prefix=parts[1], revoked_at__isnull=True).first()
    if token is None or not secrets.compare_digest(token.key_hash, _hash(parts[2])) or not token.user.is_active:
        raise NotAuthenticated(_("The API token is not valid."))
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=clock.now())
    return token.user


def demo_user_ensure(*, email: str, password: str, full_name: str, role: str, **extra: Any) -> User:
    """Create or reset a demo account (used by `load_demo`)."""
    user, _created = User.objects.get_or_create(email=email, defaults={"full_name": full_name, "role": role, **extra})
    user.full_name, user.role, user.is_active = full_name, role, True
    for key, value in extra.items():
        setattr(user, key, value)
    user.is_staff = user.is_superuser = role == Role.ADMINISTRATOR
    user.email_confirmed_at = user.email_confirmed_at or clock.now()
    user.set_password(password)
    user.save()
    return user
