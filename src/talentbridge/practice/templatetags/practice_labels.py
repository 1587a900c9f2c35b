"""Template filters naming practice codes in the page's language (`lawyer` -> 律師, `hengqin` -> 橫琴), and
saying where a registration or an alert stands today by the one validity rule of each."""

from __future__ import annotations

from django import template

from talentbridge.core import clock
from talentbridge.practice.catalogue import field_label, zone_label
from talentbridge.practice.models import PracticeAlert, Registration
from talentbridge.practice.selectors import RegistrationValidity, registration_validity

register = template.Library()
register.filter("practice_field_label", field_label)
register.filter("practice_zone_label", zone_label)


@register.filter("practice_validity")
def practice_validity(registration: Registration) -> RegistrationValidity:
    """`{% with v=r|practice_validity %}`: v.standing, v.label, v.in_force, v.renewable (as of today)."""
    return registration_validity(registration, on=clock.today())


@register.filter("practice_alert_active")
def practice_alert_active(alert: PracticeAlert) -> bool:
    return alert.is_active(clock.today())
