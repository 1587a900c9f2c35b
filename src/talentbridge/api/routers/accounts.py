"""The caller's own API tokens: create (the raw token is shown once), list, revoke."""

from django.http import HttpRequest
from ninja import Path, Router
from ninja.pagination import paginate

from talentbridge.accounts.selectors import api_token_list
from talentbridge.accounts.services import api_token_create, api_token_revoke
from talentbridge.api.auth import AUTHENTICATED, current_user
from talentbridge.api.errors import error_responses
from talentbridge.api.pagination import PagePagination
from talentbridge.api.schemas.accounts import TokenCreatedOut, TokenCreateIn, TokenOut

router = Router(tags=["auth"], auth=AUTHENTICATED)

MAX_ID = 2**63 - 1


@router.post(
    "/auth/tokens",
    response={201: TokenCreatedOut, **error_responses(400, 401, 403, 422)},
    url_name="token_create",
)
def token_create(request: HttpRequest, data: TokenCreateIn) -> tuple[int, dict[str, object]]:
    """Issue a bearer token for the caller; store the returned `token` now, it is not shown again."""
    token, raw = api_token_create(user=current_user(request), name=data.name)
    return 201, {**TokenOut.model_validate(token).model_dump(), "token": raw}


@router.get("/auth/tokens", response={200: list[TokenOut], **error_responses(401, 422)}, url_name="token_list")
@paginate(PagePagination)
def token_list(request: HttpRequest) -> object:
    """The caller's tokens, newest first, revoked ones included."""
    return api_token_list(user=current_user(request))


@router.delete(
    "/auth/tokens/{int:token_id}",
    response={204: None, **error_responses(401, 403, 404, 422)},
    url_name="token_revoke",
)
def token_revoke(request: HttpRequest, token_id: int = Path(..., le=MAX_ID)) -> tuple[int, None]:  # type: ignore[type-arg]
    """Revoke one of the caller's active tokens; someone else's or an unknown one is not found."""
    api_token_revoke(user=current_user(request), token_id=token_id)
    return 204, None
