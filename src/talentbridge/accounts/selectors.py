"""Reads on accounts: a person's own API tokens."""

from __future__ import annotations

from django.db.models import QuerySet

from talentbridge.accounts.models import ApiToken, User


def api_token_list(*, user: User) -> QuerySet[ApiToken]:
    """The tokens `user` holds, newest first, revoked ones included; never anyone else's."""
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")
