"""Trilingual labels (en, zh_hans, zh_hant) of variables and parameters, read from labels.yaml."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import yaml

LANGUAGES = ("en", "zh_hans", "zh_hant")
LABELS_FILE = Path(__file__).resolve().parent / "labels.yaml"
_NUMBERED = re.compile(r"^(age|grade)_(\d+)$")

Label = dict[str, str]


@functools.cache
def _labels() -> dict[str, Any]:
    with LABELS_FILE.open(encoding="utf-8") as stream:
        data: dict[str, Any] = yaml.safe_load(stream)
    return data


def phrase(key: str) -> Label:
    """A fixed phrase ("yes", "source", ...) in the three languages."""
    return dict(_labels()["phrases"][key])


def variable_label(name: str) -> Label:
    """The variable's label in three languages; KeyError when labels.yaml lacks it."""
    return dict(_labels()["variables"][name])


def segment_label(segment: str) -> Label:
    """One parameter path segment in three languages; KeyError when labels.yaml lacks it."""
    match = _NUMBERED.match(segment)
    if match:
        pattern = _labels()["patterns"][f"{match.group(1)}_N"]
        return {language: pattern[language].format(n=match.group(2)) for language in LANGUAGES}
    return dict(_labels()["segments"][segment])


def parameter_label(path: str) -> Label:
    """A parameter's label composed from its path segments, e.g. "Social insurance › pension › ..."."""
    parts = [segment_label(segment) for segment in path.split(".")]
    separators = {"en": " › ", "zh_hans": " › ", "zh_hant": " › "}
    return {language: separators[language].join(part[language] for part in parts) for language in LANGUAGES}
