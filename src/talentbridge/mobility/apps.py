"""App configuration for mobility."""

from django.apps import AppConfig


class MobilityConfig(AppConfig):
    name = "talentbridge.mobility"
    label = "mobility"
