"""The registry of official sources (sources.yaml): the source a reference cites, its titles in en, 简, 繁.

A rule's `reference` is free text for developers; the source it names first is found here by the words
the reference starts with (see sources.yaml), so a page can cite it in the page's language.
`labels.source` builds the citation from it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from talentbridge.vocabulary import LANGUAGES

# Markers in a reference: `[src]`, `[src: …]`, `[secondary]`, `[unverified …]`.
MARKER = re.compile(r"\s*\[(?P<body>(?:src|unverified|secondary)[^\]]*)\]", re.IGNORECASE)
SOURCES_FILE = Path(__file__).resolve().parent / "sources.yaml"
_SOURCE_KEYS = {"title", "url", "match", "pattern"}
# An article number in the reference ("Art. 17", "Arts. 35-37"), kept in every language.
_ARTICLE = re.compile(r"\bArts?\.\s*(?P<number>\d+[a-z]?(?:\s*[-–]\s*\d+[a-z]?)?)")
_ABBREVIATIONS = ("No", "Art", "Arts", "para")


def matching_text(reference: Any) -> str:
    """A reference as the registry matches it: one text, markers gone, spaces single."""
    if isinstance(reference, list | tuple):
        reference = "; ".join(str(item) for item in reference if item)
    return re.sub(r"\s+", " ", MARKER.sub("", str(reference or ""))).strip()


def load_sources(path: Path = SOURCES_FILE) -> dict[str, dict[str, Any]]:
    """The registry of official sources in `path`, checked: `{id: {id, title: {en, zh_hans, zh_hant}, url, ...}}`.

    Raises ValueError naming the entry when an entry lacks a title in a language or a way to match it.
    """
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    registry: dict[str, dict[str, Any]] = {}
    for source_id, entry in (data.get("sources") or {}).items():
        if not isinstance(entry, dict):
            raise ValueError(f"{path.name}: source {source_id!r} is not a mapping")
        unknown = set(entry) - _SOURCE_KEYS
        if unknown:
            raise ValueError(f"{path.name}: source {source_id!r} has unknown keys {sorted(unknown)}")
        title = entry.get("title") or {}
        missing = [language for language in LANGUAGES if not str(title.get(language) or "").strip()]
        if missing:
            raise ValueError(f"{path.name}: source {source_id!r} has no title in {', '.join(missing)}")
        prefixes = [matching_text(text).casefold() for text in entry.get("match") or ()]
        patterns = [re.compile(text, re.IGNORECASE) for text in entry.get("pattern") or ()]
        if not any(prefixes) and not patterns:
            raise ValueError(f"{path.name}: source {source_id!r} has no `match` or `pattern`")
        registry[str(source_id)] = {
            "id": str(source_id),
            "title": {language: str(title[language]).strip() for language in LANGUAGES},
            "url": str(entry["url"]).strip() if entry.get("url") else None,
            "prefixes": [prefix for prefix in prefixes if prefix],
            "patterns": patterns,
        }
    return registry


@functools.cache
def sources() -> dict[str, dict[str, Any]]:
    """The kernel's registry of official sources (sources.yaml), loaded once."""
    return load_sources()


def source_entry(reference: Any, registry: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, Any] | None:
    """The registry entry a reference cites (the longest match at its start), or None when none does."""
    text = matching_text(reference)
    folded = text.casefold()
    best: tuple[int, Mapping[str, Any]] | None = None
    for entry in (registry if registry is not None else sources()).values():
        lengths = [len(prefix) for prefix in entry["prefixes"] if folded.startswith(prefix)]
        lengths += [m.end() for pattern in entry["patterns"] if (m := pattern.match(text))]
        if lengths and (best is None or max(lengths) > best[0]):
            best = (max(lengths), entry)
    return dict(best[1]) if best else None


def _head(text: str) -> str:
    """The reference's first clause: up to a `;`, `:` or full stop outside brackets and abbreviations."""
    depth = 0
    for position, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(depth - 1, 0)
        elif depth == 0 and char in ";:":
            return text[:position]
        elif depth == 0 and char == "." and text[position + 1 : position + 2] in (" ", ""):
            word = re.search(r"(\w+)$", text[:position])
            if not (word and word.group(1) in _ABBREVIATIONS):
                return text[:position]
    return text


def article(reference: Any) -> str | None:
    """The article number the reference cites in the source it names first ("17", "35-37"), if any."""
    found = _ARTICLE.search(_head(matching_text(reference)))
    return re.sub(r"\s*[-–]\s*", "-", found.group("number")) if found else None


def titles(entry: Mapping[str, Any], number: str | None) -> dict[str, str]:
    """The source's titles in the three languages, with the article number when the reference cites one."""
    named = {language: str(entry["title"][language]) for language in LANGUAGES}
    if number:
        named["en"] = f"{named['en']}, Art. {number}"
        named["zh_hans"] = f"{named['zh_hans']}第{number}条"
        named["zh_hant"] = f"{named['zh_hant']}第{number}條"
    return named
