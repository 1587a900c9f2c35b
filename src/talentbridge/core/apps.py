"""App configuration for the shared kernel."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "talentbridge.core"
    label = "core"
