"""App configuration for synthetic populations and demo data."""

from django.apps import AppConfig


class PopulationConfig(AppConfig):
    name = "talentbridge.population"
    label = "population"
