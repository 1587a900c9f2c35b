"""The site's URLs plus one rate-limited form, to test `web.ratelimit` through the whole request stack."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns
from talentbridge.web.ratelimit import rate_limited

CALLS: list[str] = []


@rate_limited("test_form")
def limited_form(request: HttpRequest) -> HttpResponse:
    CALLS.append(request.method or "")
    return HttpResponse("done")


urlpatterns = [path("test-limited-form/", limited_form), *site_urlpatterns]
