"""Template context shared by every page: navigation for the person's role, unread count, language."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from talentbridge.accounts.models import Role
from talentbridge.casework.selectors import notification_list
from talentbridge.insurance.services import is_fund_staff
from talentbridge.reference.models import Authority
from talentbridge.web.dashboards import is_verifying_body
from talentbridge.web.views.home import offered

# BCP 47 tags for <html lang>: screen readers and fonts pick the right script and region.
HTML_LANG = {"en": "en", "zh-hans": "zh-Hans-CN", "zh-hant": "zh-Hant-HK"}

NAV_BY_ROLE: dict[str, list[tuple[str, Any]]] = {
    Role.APPLICANT: [
        ("web:home", _("Dashboard")),
        ("web:my_applications", _("My applications")),
        ("web:practice_check", _("Professional practice")),
        ("web:practice_registrations", _("Registrations")),
        ("web:endorsements", _("Talent endorsements")),
        ("web:insurance_estimate", _("Social insurance")),
        ("web:insurance_awards", _("Benefits awarded")),
    ],
    Role.REVIEWER: [
        ("web:home", _("Dashboard")),
        ("web:review_queue", _("Review queue")),
        ("web:verifications", _("Verifications")),
    ],
    Role.ORGANISATION_STAFF: [
        ("web:home", _("Dashboard")),
        ("web:attestations", _("Employment attestations")),
        ("web:insurance_imports", _("Contribution imports")),
    ],
    Role.POLICY_OFFICER: [
        ("web:home", _("Dashboard")),
        ("web:whatif", _("What-if simulation")),
        ("web:determinations", _("Stored determinations")),
    ],
}
# The staff of a verifying body (a home registration body: `dashboards.is_verifying_body`) answer verifications
# and decide no case: no review queue, no practice registers. Their role is named after that work.
VERIFYING_BODY_NAV: list[tuple[str, Any]] = [
    ("web:home", _("Dashboard")),
    ("web:verifications", _("Verifications")),
]
VERIFYING_BODY_ROLE = _("Verifying authority")
# The service each applicant entry belongs to: an applicant is offered only the services meant for where they
# live (`views.home.offered`); the pages themselves stay open at their addresses.
APPLICANT_ITEM_SERVICE: dict[str, str] = {
    "web:practice_check": "practice_registration",
    "web:practice_registrations": "practice_registration",
    "web:endorsements": "talent_endorsement",
}
# The API is offered to agencies, employers and institutions: every role but applicants finds its
# tokens in the navigation (an applicant's own tokens page still works, at the same address).
API_TOKENS_ITEM: tuple[str, Any] = ("web:api_tokens", _("API tokens"))
API_ROLES = frozenset(Role.values) - {Role.APPLICANT}
# Reviewers of the Guangdong authorities that register professionals also keep the practice registers;
# exit-entry offices, social insurance funds and verifying bodies have no practice work.
PRACTICE_ITEMS: list[tuple[str, Any]] = [
    ("web:practice_registrations", _("Registrations")),
    ("web:practice_alerts", _("Practice alerts")),
]
NO_PRACTICE_KINDS = frozenset({Authority.Kind.EXIT_ENTRY, Authority.Kind.SOCIAL_INSURANCE})
# Staff of a social insurance fund also see the benefits their fund awarded.
FUND_ITEM: tuple[str, Any] = ("web:insurance_awards", _("Benefits awarded"))
# A fund also records contributions for its city: its imports are part of its work.
FUND_IMPORTS_ITEM: tuple[str, Any] = ("web:insurance_imports", _("Contribution imports"))
# Each language is named in itself, so a person can find theirs whatever the page's language.
LANGUAGE_OPTIONS = [
    ("en", "English", "en"),
    ("zh-hans", "简体中文", "zh-Hans"),
    ("zh-hant", "繁體中文（香港）", "zh-Hant-HK"),
]

DEFAULT_NAV: list[tuple[str, Any]] = [("web:home", _("Home"))]


# What anyone can use without an account.
PUBLIC_NAV: list[tuple[str, Any]] = [
    ("web:pathways", _("Practice pathways")),
    ("web:practice_check", _("Check eligibility")),
    ("web:practice_register", _("Public register")),
    ("web:endorsement_check", _("Talent endorsement")),
    ("web:certificate_verify", _("Verify a certificate")),
]


def _items(items: list[tuple[str, Any]], path: str) -> list[dict[str, Any]]:
    return [
        {"url": (url := reverse(name)), "label": label, "current": path == url or (url != "/" and path.startswith(url))}
        for name, label in items
    ]


def navigation(request: HttpRequest) -> dict[str, Any]:
    language = (get_language() or "en").lower()
    context: dict[str, Any] = {
        "html_lang": HTML_LANG.get(language, language),
        "language_options": [
            {"code": code, "name": name, "lang": tag, "current": code == language}
            for code, name, tag in LANGUAGE_OPTIONS
        ],
        "nav_items": [],
        "unread_count": 0,
    }
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        context["nav_items"] = _items(PUBLIC_NAV, request.path)
        return context
    verifying_body = user.role == Role.REVIEWER and is_verifying_body(user.authority)
    items = [*(VERIFYING_BODY_NAV if verifying_body else NAV_BY_ROLE.get(user.role, DEFAULT_NAV))]
    if user.role == Role.APPLICANT:
        items = [(name, label) for name, label in items if offered(APPLICANT_ITEM_SERVICE.get(name), user.residence)]
    if (
        user.role == Role.REVIEWER
        and not verifying_body
        and (user.authority is None or user.authority.kind not in NO_PRACTICE_KINDS)
    ):
        items.extend(PRACTICE_ITEMS)
    if is_fund_staff(user):
        items.extend([FUND_ITEM, FUND_IMPORTS_ITEM])
    items.append(("web:notifications", _("Notifications")))
    if user.role in API_ROLES:
        items.append(API_TOKENS_ITEM)
    context["nav_items"] = _items(items, request.path)
    context["unread_count"] = notification_list(user=user, unread_only=True).count()
    context["show_admin"] = user.is_superuser
    context["role_label"] = VERIFYING_BODY_ROLE if verifying_body else user.get_role_display()
    return context
