"""Filters that turn codes into translated labels and field widgets into accessible markup."""

from __future__ import annotations

from typing import Any

from django import template
from django.forms import BoundField

from talentbridge.core.models import localized_name
from talentbridge.web import labels

register = template.Library()


@register.filter
def state_label(state: str) -> str:
    return labels.state_label(state)


@register.filter
def kind_label(kind: str) -> str:
    return labels.kind_label(kind)


@register.filter
def action_label(action: str) -> str:
    return labels.action_label(action)


@register.filter
def actor_role_label(role: str) -> str:
    return labels.actor_role_label(role)


@register.filter
def choice_label(code: Any) -> str:
    return labels.choice_label(str(code))


@register.filter
def localized(obj: Any) -> str:
    return localized_name(obj) if obj is not None else ""


@register.filter
def described(field: BoundField) -> str:
    """The widget with `aria-describedby` pointing at its help and error texts, and `aria-invalid`."""
    ids = []
    attrs: dict[str, Any] = {}
    if field.help_text:
        ids.append(f"{field.auto_id}_help")
    if field.errors:
        ids.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if ids:
        attrs["aria-describedby"] = " ".join(ids)
    return field.as_widget(attrs=attrs)
