"""Web middleware: a page, in the site's layout and language, for a method a page does not take."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

API_PREFIX = "/api/"


class MethodNotAllowedPageMiddleware:
    """Django's `require_*` decorators answer a bare, empty 405 (`HttpResponseNotAllowed`); a person who
    opens a form's action by its address (e.g. a "renew" button's URL) reads a translated page instead.

    Only empty 405 answers of the web pages are replaced; the API's answers and their bodies are its own.
    The status and the `Allow` header stay as they were.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 405 or request.path.startswith(API_PREFIX) or response.content:
            return response
        allowed = [m.strip() for m in response.get("Allow", "").split(",") if m.strip()]
        page = HttpResponse(
            render_to_string("405.html", {"allowed": allowed}, request=request),
            status=405,
            content_type="text/html; charset=utf-8",
        )
        if "Allow" in response:
            page["Allow"] = response["Allow"]
        return page
