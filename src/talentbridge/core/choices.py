"""Django choices built from the vocabulary: its codes, its labels in the active language.

Models, forms and pages take their choices of a domain concept from here rather than listing codes and
labels again; a label is lazy, so a choice made at import time reads in the language of each request.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models
from django.utils.functional import lazy

from talentbridge.core.languages import language_key
from talentbridge.vocabulary import Term


def _label_now(term: Term) -> str:
    return term.label(language_key())


_lazy_label = lazy(_label_now, str)


def term_label(term: Term) -> Any:
    """The term's label, read in the active language whenever it is shown."""
    return _lazy_label(term)


def choices(terms: Iterable[Term]) -> list[tuple[str, Any]]:
    """`(code, label)` pairs of `terms`, in their order, for a form or model field."""
    return [(term.code, term_label(term)) for term in terms]


def text_choices(name: str, terms: Iterable[Term], *, module: str) -> type[models.TextChoices]:
    """A `TextChoices` enum of `terms`: member `OUTSTANDING` is the code `outstanding`, labelled lazily."""
    members = [(term.code.upper(), (term.code, term_label(term))) for term in terms]
    built: type[models.TextChoices] = models.TextChoices(name, members, module=module)  # type: ignore[call-overload]
    return built
