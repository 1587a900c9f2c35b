"""Top-level URL map: web pages, the REST API, the admin and the language switch."""

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from talentbridge.api.urls import api

# The admin is named after the platform, in the page's language (Django's own default reads "Django administration").
admin.site.site_header = _("GBA Talent Bridge administration")
admin.site.site_title = _("GBA Talent Bridge administration")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("talentbridge.web.urls")),
]
