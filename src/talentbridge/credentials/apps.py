"""App configuration for credentials."""

from django.apps import AppConfig


class CredentialsConfig(AppConfig):
    name = "talentbridge.credentials"
    label = "credentials"
