"""App configuration for web."""

from typing import Any

from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "talentbridge.web"
    label = "web"

    def ready(self) -> None:
        # The Django admin is for superusers only; every other person works in the web face.
        from django.contrib import admin

        def superusers_only(request: Any) -> bool:
            return bool(request.user.is_active and request.user.is_superuser)

        admin.site.has_permission = superusers_only  # type: ignore[method-assign]
