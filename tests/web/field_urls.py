"""The site's URLs plus one form with a checkbox that has help text, rendered by the shared field include."""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns

PAGE = engines["django"].from_string('<form method="post">{% include "web/includes/fields.html" %}</form>')


class ConsentForm(forms.Form):
    agree = forms.BooleanField(label="I agree", help_text="You may withdraw it at any time.")
    notes = forms.CharField(label="Notes", required=False)


def consent_form(request: HttpRequest) -> HttpResponse:
    form = ConsentForm(request.POST or None)
    status = 400 if request.method == "POST" and not form.is_valid() else 200
    return HttpResponse(PAGE.render({"form": form}, request), status=status)


urlpatterns = [path("test-consent-form/", consent_form), *site_urlpatterns]
