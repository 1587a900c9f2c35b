"""Writes on accounts: sign-up with e-mail confirmation, API tokens."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from talentbridge.accounts.models import ApiToken, Residence, Role, User
from talentbridge.core import clock
from talentbridge.core.errors import InvalidInput, NotAuthenticated, NotFound, validation_details
from talentbridge.core.mail import mail_user
from talentbridge.core.text import clean_text

TOKEN_PREFIX = "tb"  # noqa: S105 - a public marker, not a secret
MAX_ROW_ID = 2**63 - 1  # larger ids exist in no database (and overflow SQLite's integers)
LANGUAGES = frozenset(code for code, _name in settings.LANGUAGES)
DEFAULT_LANGUAGE = settings.LANGUAGE_CODE  # what `User.preferred_language` holds until a language is chosen


@dataclass(frozen=True)
class AccountLinks:
    """The addresses mails about an account point to, built by the face that serves those pages."""

    confirm: Callable[[str, str], str]  # (uidb64, token) -> the confirmation page's absolute address
    sign_in: str
    password_reset: str


def user_sign_up(
    *, email: str, password: str, full_name: str, residence: str, language: str, links: AccountLinks
) -> User | None:
    """Create an inactive applicant account and e-mail a confirmation link.

    The answer never tells whether the address already has an account: if it has, nothing is
    created and the address is sent a notice instead (an unconfirmed account gets its confirmation
    link again), so only the owner of the mailbox learns it. Returns the new account, or None.
    """
    email = (email or "").strip().lower()
    errors: dict[str, list[str]] = {}
    if residence not in Residence.values:
        errors["residence"] = [_("Choose where you are a resident.")]
    user = User(
        email=email,
        full_name=clean_text(full_name, field="full_name", max_length=150),
        residence=residence,
        role=Role.APPLICANT,
    )
    user.preferred_language = language if language in LANGUAGES else DEFAULT_LANGUAGE
    user.is_active = False
    try:
        validate_password(password, user)
    except ValidationError as exc:
        errors["password"] = [str(m) for m in exc.messages]
    try:
        # Hashed on both paths, so an existing address does not answer measurably faster.
        user.set_password(password)
        user.full_clean(validate_unique=False)
    except ValidationError as exc:
        for field, messages in validation_details(exc).items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise InvalidInput(details=errors)
    with transaction.atomic():
        existing = User.objects.filter(email=email).first()
        if existing is not None:
            _notify_existing_account(existing, links=links, language=user.preferred_language)
            return None
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError:  # the same address signed up at the same moment: that one stands
            return None
        link = _confirmation_link(user, links)
        _send_confirmation(user, link)
    return user


def _confirmation_link(user: User, links: AccountLinks) -> str:
    return links.confirm(urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user))


def _notify_existing_account(user: User, *, links: AccountLinks, language: str) -> None:
    """Someone signed up with an address that has an account: tell the address, not the visitor."""
    if not user.is_active and user.email_confirmed_at is None:
        _send_confirmation(user, _confirmation_link(user, links))
        return
    context = {
        "user": user,
        "login_link": links.sign_in,
        "reset_link": links.password_reset,
    }
    mail_user(
        user,
        subject=gettext_noop("Your GBA Talent Bridge account"),
        template="web/email/account_exists.txt",
        context={key: value for key, value in context.items() if key != "user"},
        language=_mail_language(user, language),
    )


def _mail_language(user: User, request_language: str) -> str:
    """The language of a mail about an account: the account's own if one was chosen (it differs from the
    default every account starts with), else the language the sign-up was made in."""
    chosen = user.preferred_language
    if chosen in LANGUAGES and chosen != DEFAULT_LANGUAGE:
        return chosen
    return request_language if request_language in LANGUAGES else DEFAULT_LANGUAGE


def _send_confirmation(user: User, link: str) -> None:
    """Queue the confirmation mail (after commit, in the account's language)."""
    mail_user(
        user,
        subject=gettext_noop("Confirm your GBA Talent Bridge account"),
        template="web/email/confirm_email.txt",
        context={"link": link},
    )


def user_confirm_email(*, uidb64: str, token: str) -> User:
    """Activate the account named by a confirmation link.

    Every bad link gets the same message, so a link does not reveal whether an account exists.
    """
    invalid = _("This confirmation link is not valid. It may have expired or been used already.")
    try:
        user = User.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))))
    except (ValueError, TypeError, OverflowError, User.DoesNotExist) as exc:
        raise InvalidInput(invalid) from exc
    if not default_token_generator.check_token(user, token):
        raise InvalidInput(invalid)
    if user.is_active and user.email_confirmed_at:
        return user
    user.is_active = True
    user.email_confirmed_at = clock.now()
    user.save(update_fields=["is_active", "email_confirmed_at"])
    return user


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user: User, name: str, refuse_same_name: bool = False) -> tuple[ApiToken, str]:
    """Issue a token for `user` itself; the returned raw value is shown once and never stored.

    With `refuse_same_name`, a second active token of the same name (case aside) is refused, so a form
    sent twice creates one token.
    """
    if not user.is_authenticated or not user.is_active:
        raise NotAuthenticated()
    name = clean_text(name, field="name")
    if not name or len(name) > 100:
        raise InvalidInput(details={"name": [_("Give the token a name of 1 to 100 characters.")]})
    if refuse_same_name:
        # Lock the person's row so two submits at once cannot both pass the check below.
        User.objects.select_for_update().filter(pk=user.pk).first()
    if refuse_same_name and ApiToken.objects.filter(user=user, name__iexact=name, revoked_at__isnull=True).exists():
        raise InvalidInput(
            details={
                "name": [
                    _(
                        "You already have an active token named “%(name)s”: choose another name or revoke that one first."
                    )
                    % {"name": name}
                ]
            }
        )
    prefix = secrets.token_hex(4)
    secret = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, prefix=prefix, key_hash=_hash(secret))
    return token, f"{TOKEN_PREFIX}_{prefix}_{secret}"


@transaction.atomic
def api_token_revoke(*, user: User, token_id: int) -> ApiToken:
    """Revoke one of `user`'s own active tokens; anyone else's is "not found", as an unknown one is."""
    token = None
    if 0 < token_id <= MAX_ROW_ID:
        token = ApiToken.objects.select_for_update().filter(pk=token_id, user=user, revoked_at__isnull=True).first()
    if token is None:
        raise NotFound(_("No such active token."))
    token.revoked_at = clock.now()
    token.save(update_fields=["revoked_at"])
    return token


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
