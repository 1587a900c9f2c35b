"""Health and the caller's own identity."""

from django.db import connection
from django.http import HttpRequest
from ninja import Router

from talentbridge.api.auth import AUTHENTICATED, auth_method, current_user
from talentbridge.api.errors import error_responses
from talentbridge.api.schemas.accounts import HealthOut, MeOut

router = Router(tags=["system"])

API_VERSION = "1.0.0"


@router.get("/health", response={200: HealthOut}, auth=None, url_name="health")
def health(request: HttpRequest) -> dict[str, str]:
    """Liveness and database reachability (public)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {"status": "ok", "database": "ok", "version": API_VERSION}


@router.get("/me", response={200: MeOut, **error_responses(401)}, auth=AUTHENTICATED, url_name="me")
def me(request: HttpRequest) -> dict[str, object]:
    """Who the API sees: the session's or the token's user."""
    user = current_user(request)
    return {
        "id": user.pk,
        "email": user.email,
        "full_name": user.full_name,
        "role": user.role,
        "residence": user.residence,
        "preferred_language": user.preferred_language,
        "authority": user.authority.code if user.authority else None,
        "organisation": user.organisation.name if user.organisation else None,
        "auth_method": auth_method(request),
    }
