"""App configuration for insurance."""

from django.apps import AppConfig


class InsuranceConfig(AppConfig):
    name = "talentbridge.insurance"
    label = "insurance"
