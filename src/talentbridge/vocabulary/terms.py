"""A term is a code with its label in English, Simplified and Traditional Chinese; a concept is a list of terms.

Pure Python: the rules kernel, the Django apps, the API and the data-file tests all read the same terms.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

LANGUAGES = ("en", "zh_hans", "zh_hant")

Label = dict[str, str]


@dataclass(frozen=True)
class Term:
    """One code of a concept and how a person reads it in each language."""

    code: str
    en: str
    zh_hans: str
    zh_hant: str

    def label(self, language: str) -> str:
        """The label in `language` (`en`, `zh_hans` or `zh_hant`); KeyError for another key."""
        if language not in LANGUAGES:
            raise KeyError(language)
        return str(getattr(self, language))

    @property
    def labels(self) -> Label:
        return {language: self.label(language) for language in LANGUAGES}


T = TypeVar("T", bound=Term, covariant=True)


class Concept(Generic[T]):
    """The terms of one enumerated concept, in their defined order (the kernel indexes parameters by it)."""

    def __init__(self, name: str, terms: Iterable[T]) -> None:
        self.name = name
        self.terms: tuple[T, ...] = tuple(terms)
        self._by_code = {term.code: term for term in self.terms}
        if len(self._by_code) != len(self.terms):
            raise ValueError(f"concept {name!r} names a code twice")

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(term.code for term in self.terms)

    def __iter__(self) -> Iterator[T]:
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __getitem__(self, code: str) -> T:
        return self._by_code[code]

    def get(self, code: str) -> T | None:
        return self._by_code.get(code)

    def label(self, code: str, language: str) -> str:
        """The label of `code` in `language`; KeyError when the concept has no such code."""
        return self._by_code[code].label(language)

    def labels(self) -> dict[str, Label]:
        return {term.code: term.labels for term in self.terms}

    def subset(self, name: str, codes: Iterable[str]) -> Concept[T]:
        """The terms of `codes`, in the order given (KeyError for a code the concept lacks)."""
        return Concept(name, (self._by_code[code] for code in codes))

    def __repr__(self) -> str:
        return f"Concept({self.name!r}, {list(self.codes)!r})"
