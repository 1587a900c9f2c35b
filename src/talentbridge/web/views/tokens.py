"""API tokens on the web: a person lists, creates and revokes their own bearer tokens."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from talentbridge.accounts.models import User
from talentbridge.accounts.selectors import api_token_list
from talentbridge.accounts.services import api_token_create, api_token_revoke
from talentbridge.core.errors import InvalidInput, NotFound
from talentbridge.web.errors import add_service_error
from talentbridge.web.fields import MAX_ID

_SHOW_ONCE_SESSION_KEY = "api_token_new_secret"


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name of the token"),
        max_length=100,
        help_text=gettext_lazy("Say which system will use it, e.g. “HR system” or “payroll export”."),
    )


def _page(request: HttpRequest, form: TokenForm, *, secret: str = "", status: int = 200) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    response = render(
        request,
        "web/tokens/list.html",
        {"form": form, "tokens": list(api_token_list(user=user)), "secret": secret},
        status=status,
    )
    # The page can show a secret once: no cache may keep a copy.
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def api_tokens(request: HttpRequest) -> HttpResponse:
    """The signed-in person's tokens; POST creates one, then the next GET shows its secret this once."""
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _token, secret = api_token_create(
                user=request.user,  # type: ignore[arg-type]
                name=form.cleaned_data["name"],
                refuse_same_name=True,
            )
        except InvalidInput as error:
            add_service_error(form, error)
        else:
            # POST/redirect/GET: the secret waits in the session for the next page only, so reloading
            # that page neither shows it again nor creates another token.
            request.session[_SHOW_ONCE_SESSION_KEY] = secret
            return redirect("web:api_tokens")
    if request.method == "POST":
        return _page(request, form, status=400)
    secret = request.session.pop(_SHOW_ONCE_SESSION_KEY, "") if request.method == "GET" else ""
    return _page(request, form, secret=secret)


@login_required
@require_POST
def api_token_revoke_view(request: HttpRequest, token_id: int) -> HttpResponse:
    """Revoke one of the person's own active tokens; anyone else's is not found and stays as it is.

    One of their own already revoked (from another tab, say) is no error: the list says so."""
    user: User = request.user  # type: ignore[assignment]
    try:
        token = api_token_revoke(user=user, token_id=token_id)
    except NotFound as exc:
        own = api_token_list(user=user).filter(revoked_at__isnull=False)
        revoked = own.filter(pk=token_id).first() if 0 < token_id <= MAX_ID else None
        if revoked is None:
            raise Http404 from exc
        messages.info(
            request, _("The token “%(name)s” was already revoked: it no longer works.") % {"name": revoked.name}
        )
        return redirect("web:api_tokens")
    messages.success(request, _("The token “%(name)s” is revoked: it no longer works.") % {"name": token.name})
    return redirect("web:api_tokens")
