"""App configuration for policy (the Django side of the rules kernel)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PolicyConfig(AppConfig):
    name = "talentbridge.policy"
    label = "policy"
    verbose_name = _("Policy")
