"""App configuration for practice."""

from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "talentbridge.practice"
    label = "practice"
