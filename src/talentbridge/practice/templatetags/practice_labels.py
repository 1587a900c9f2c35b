"""Template filters naming practice codes in the page's language (`lawyer` -> 律師, `hengqin` -> 橫琴)."""

from __future__ import annotations

from django import template

from talentbridge.practice.catalogue import field_label, zone_label

register = template.Library()
register.filter("practice_field_label", field_label)
register.filter("practice_zone_label", zone_label)
