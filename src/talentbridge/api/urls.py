"""The API instance mounted at /api/v1/."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, re_path
from ninja import NinjaAPI, Swagger
from ninja.openapi.docs import render_template
from ninja.operation import Operation
from ninja.renderers import JSONRenderer

from talentbridge.api.errors import install_error_handlers, json_method_not_allowed, unknown_path
from talentbridge.api.routers import (
    accounts,
    applications,
    case_actions,
    credentials,
    documents,
    insurance,
    mobility,
    notifications,
    practice,
    reference,
    rules,
    system,
    workflows,
)

DESCRIPTION = """\
REST API of GBA Talent Bridge for agencies, employers and institutions.

Authentication: `Authorization: Bearer tb_…` (create tokens on the web at /account/api-tokens/ or
at `POST /auth/tokens`; in these docs, paste one under "Authorize"), or the browser's session
cookie with the `X-CSRFToken` header on unsafe methods (these docs send it for you when you are
signed in).

Every error has the shape `{"code": …, "message": …, "details": {…}}`; `message` follows
`Accept-Language` (en, zh-hans, zh-hant). Codes: `malformed_request` (400), `not_authenticated`
(401), `forbidden` and `csrf_failed` (403), `not_found` (404), `method_not_allowed` (405),
`conflict` and `illegal_transition` (409), `request_too_large` (413), `invalid_input`,
`reason_required` and `unsupported_document` (422, field messages in `details`), `rate_limited`
(429, with `Retry-After` and `details.retry_after` in seconds).

The rules endpoints (`/rules/…`) are public: they compute and explain situations with the rules
kernel and list its variables and parameters; calculations are rate-limited per client address.

Lists are paginated with `page` and `page_size` (at most 100) and return
`{items, count, page, pages}`.
"""


class SessionSwagger(Swagger):
    """Swagger UI whose "Try it out" works for a signed-in browser: it sends the CSRF token.

    Ninja adds the token only when the API-wide `auth` needs CSRF; here each router declares its
    own (bearer token or session), so the docs page would otherwise send none and every unsafe
    request from it would fail with `csrf_failed`.
    """

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {"swagger_settings": json.dumps(self.settings, indent=1), "api": api, "add_csrf": True}
        return render_template(request, self.template, self.template_cdn, context)


class TalentBridgeAPI(NinjaAPI):
    """NinjaAPI whose every answer, even for unknown paths and methods, uses the one error shape."""

    @property
    def urls(self) -> tuple[list[URLResolver | URLPattern], str, str]:
        patterns, app_name, namespace = super().urls
        wrapped: list[URLResolver | URLPattern] = [
            URLPattern(p.pattern, json_method_not_allowed(p.callback), p.default_args, p.name)
            if isinstance(p, URLPattern)
            else p
            for p in patterns
        ]
        wrapped.append(re_path(r"^.*$", unknown_path, name="unknown"))
        return wrapped, app_name, namespace

    def get_openapi_operation_id(self, operation: Operation) -> str:
        return str(operation.view_func.__name__)


class Utf8JSONRenderer(JSONRenderer):
    """JSON in UTF-8, Chinese unescaped, as the error shape and the size limit of an answer count it."""

    json_dumps_params = {"ensure_ascii": False}


def build_api(**kwargs: Any) -> TalentBridgeAPI:
    kwargs.setdefault("renderer", Utf8JSONRenderer())
    new_api = TalentBridgeAPI(
        title="GBA Talent Bridge API",
        version="1.0.0",
        description=DESCRIPTION,
        urls_namespace="api",
        docs=SessionSwagger(),
        **kwargs,
    )
    install_error_handlers(new_api)
    modules = (
        system,
        accounts,
        reference,
        workflows,
        applications,
        case_actions,
        documents,
        notifications,
        rules,
        practice,
        credentials,
        mobility,
        insurance,
    )
    for module in modules:
        new_api.add_router("/", module.router)
    return new_api


api = build_api()
