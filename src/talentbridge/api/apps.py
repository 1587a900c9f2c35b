"""App configuration for api."""

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "talentbridge.api"
    label = "api"
