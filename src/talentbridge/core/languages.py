"""The one mapping from a Django language code to the key of trilingual data (en, zh_hans, zh_hant).

Labels in data files, the rules kernel and reference data are keyed `en`, `zh_hans`, `zh_hant`; pages
and mail speak Django codes (`en`, `zh-hans`, `zh-hant`, and browsers' `zh-hk`, `zh-tw`, `zh-cn` …).
Pure Python (Django is asked only for the active language), so the offline certificate verifier uses it too.
"""

from __future__ import annotations

from collections.abc import Mapping

KEYS = ("en", "zh_hans", "zh_hant")
_TRADITIONAL = ("zh-hant", "zh-hk", "zh-tw", "zh-mo")


def language_key(language: str | None = None) -> str:
    """The data key of `language` (default: the active language)."""
    if language is None:
        from django.utils.translation import get_language

        language = get_language()
    code = (language or "en").lower().replace("_", "-")
    if code.startswith(_TRADITIONAL):
        return "zh_hant"
    return "zh_hans" if code.startswith("zh") else "en"


def pick(labels: Mapping[str, str], language: str | None = None) -> str:
    """The label of `labels` (keyed en / zh_hans / zh_hant) in `language`, English when it lacks one."""
    return str(labels.get(language_key(language)) or labels.get("en") or "")
