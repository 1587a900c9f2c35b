"""Who is calling: a bearer token (machine clients) or a Django session with CSRF (the browser)."""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from talentbridge.accounts.models import User
from talentbridge.accounts.services import api_token_authenticate
from talentbridge.api.errors import CsrfFailed
from talentbridge.core.errors import NotAuthenticated

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class BearerTokenAuth(HttpBearer):
    """`Authorization: Bearer tb_…`. A present but unusable header is an error, never a fallback."""

    def __call__(self, request: HttpRequest) -> User | None:
        header = request.headers.get(self.header)
        if header is None:
            return None
        scheme, _space, token = header.strip().partition(" ")
        if scheme.lower() != self.openapi_scheme or not token.strip():
            raise NotAuthenticated(_("Send the API token as 'Authorization: Bearer <token>'."))
        return self.authenticate(request, token.strip())

    def authenticate(self, request: HttpRequest, token: str) -> User:
        user = api_token_authenticate(token)
        request.auth_method = "token"  # type: ignore[attr-defined]
        return user


class SessionAuth(APIKeyCookie):
    """The browser's Django session; unsafe methods must carry the CSRF token."""

    param_name: str = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if request.method not in SAFE_METHODS and check_csrf(request) is not None:
            raise CsrfFailed()
        request.auth_method = "session"  # type: ignore[attr-defined]
        return cast(User, user)


# Token first: a request carrying a token is judged by it alone and needs no CSRF token.
AUTHENTICATED: list[Any] = [BearerTokenAuth(), SessionAuth()]


def current_user(request: HttpRequest) -> User:
    """The user an authenticated operation runs for."""
    user = getattr(request, "auth", None)
    if not isinstance(user, User):  # only reachable if an operation forgot its auth
        raise NotAuthenticated()
    return user


def auth_method(request: HttpRequest) -> str:
    return str(getattr(request, "auth_method", "session"))
