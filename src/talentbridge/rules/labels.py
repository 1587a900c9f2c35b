"""Trilingual labels (en, zh_hans, zh_hant) of variables, parameters, codes and reasons, read from labels.yaml.

This is the kernel's one presenter: what a person reads of a rule passes through it. Codes become
labels, `True`/`False` become "yes"/"no", and a reference (free text for developers, with markers
such as `[unverified]` and notes on the data) becomes a citation: a title, a link when the reference
holds one, and whether the figure is still provisional. The data files keep their markers. The official
source a reference cites, with its titles in the three languages, comes from sources.yaml (citations.py).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from talentbridge.rules import citations
from talentbridge.vocabulary import value_labels

LANGUAGES = ("en", "zh_hans", "zh_hant")
LABELS_FILE = Path(__file__).resolve().parent / "labels.yaml"
_NUMBERED = re.compile(r"^(age|grade)_(\d+)$")

Label = dict[str, str]
CodeLabels = Mapping[str, Mapping[str, str]]

# Reference text: markers in square brackets, links, and notes meant for developers.
_URL = re.compile(r"https?://[^\s<>\"')\]]+")
_MARKER = citations.MARKER
_DOMAIN_NOTE = re.compile(
    r"(?i)(,\s*)?(see\s+)?(the\s+)?(shared\s+)?DOMAIN\.md(,?\s*section\s*\d+)?(\s*\([^)]*\))?(:[^.;]*)?"
)
_CLAUSE_END = re.compile(r"(?<!\bArt\.)(?<!\bNo\.)(?<!\bpara\.)(?<=[.;])\s+")
_BRACKETED = re.compile(r"\[[^\]]*\]")
_PARENTHESISED = re.compile(r"\([^()]*\)")
_GUARDED_SEMICOLON = "\x01"
_INTERNAL_WORDS = (
    "domain.md",
    "placeholder",
    "replace with",
    "loaded",
    "reference data",
    "platform",
    "inferred",
    "until sourced",
    "not yet sourced",
    "todo",
    "(0)",
)
_CODE_LIKE = re.compile(r"\b[A-Z]{2,}(?:-[A-Z]{2,})+\b|\b[a-z]+_[a-z_]+\b")
_PROVISIONAL_WORDS = ("unverified", "placeholder", "provisional", "to confirm", "not yet sourced")


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


def code_label(code: str) -> Label:
    """A category code (`examination_licence`, `hong_kong`, `structural_engineer`, ...) as a value, in three languages.

    The vocabulary names the values of its concepts (a profession reads "Structural engineer", never the
    parameter-path segment "structural engineers"); labels.yaml `codes` names the other text values, and a
    parameter segment is the last resort. KeyError when none of them names it.
    """
    named = value_labels().get(code)
    if named is not None:
        return dict(named)
    codes = _labels().get("codes", {})
    if code in codes:
        return dict(codes[code])
    return segment_label(code)


def category_label(column: str, code: str, *, code_labels: CodeLabels | None = None) -> Label:
    """A value of the category `column` as a person reads it, in three languages: "none" names what is
    missing ("No profession" for `practice_field`), from labels.yaml `codes` `none_<column>`; other values
    as `code_label` (or `code_labels`, the authorities) names them. KeyError when nothing names it."""
    codes = _labels().get("codes", {})
    if code == "none" and f"none_{column}" in codes:
        return dict(codes[f"none_{column}"])
    if code_labels and code in code_labels:
        return {language: str(code_labels[code][language]) for language in LANGUAGES}
    return code_label(code)


def unit_needed(value: Any, unit: Any) -> bool:
    """Whether a unit goes after the value as shown: not after "no rule", yes/no or a percentage."""
    return not (value is None or isinstance(value, bool) or str(unit) in ("/1", "code", "boolean", "", "None"))


def has_code_label(code: str) -> bool:
    try:
        code_label(code)
    except KeyError:
        return False
    return True


def show(value: Any, language: str, *, unit: str | None = None, code_labels: CodeLabels | None = None) -> str:
    """A value as a person reads it: yes/no, labels for codes, plain numbers, "—" for nothing."""
    if isinstance(value, bool):
        return phrase("yes" if value else "no")[language]
    if value is None:
        return phrase("no_rule")[language]
    if isinstance(value, list | tuple):
        return ", ".join(show(item, language, code_labels=code_labels) for item in value) or "—"
    if isinstance(value, int | float) and str(unit) == "/1":
        # A share reads as a percentage: 0.6 -> 60%.
        return f"{round(float(value) * 100, 6):g}%"
    if isinstance(value, int | float) and unit and str(unit).startswith("currency"):
        # Money reads with its thousands grouped and its cents, whether the figure is stored whole or not.
        return f"{value:,.2f}"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if text == "":
        return "—"
    if code_labels and text in code_labels:
        return str(code_labels[text][language])
    if has_code_label(text):
        return code_label(text)[language]
    return text


def _internal(clause: str) -> bool:
    lowered = clause.casefold()
    return any(word in lowered for word in _INTERNAL_WORDS) or bool(_CODE_LIKE.search(_MARKER.sub("", clause)))


def _unverified(clause: str) -> bool:
    return any(m.group("body").casefold().startswith("unverified") for m in _MARKER.finditer(clause))


def _unmark(clause: str) -> str:
    """`[src: arb.org.hk]` -> `(arb.org.hk)`; `[src]`, `[secondary]` and `[unverified…]` go."""

    def replace(match: re.Match[str]) -> str:
        body = match.group("body").strip()
        head, _sep, rest = body.partition(":")
        if head.strip().casefold() == "src" and rest.strip():
            return f" ({rest.strip()})"
        return ""

    return _MARKER.sub(replace, clause).strip()


def source(reference: Any) -> dict[str, Any]:
    """A reference as a citation: `{title, url, provisional}`, with no internal marker or note.

    `title` is the reference's own English text, cleaned; `provisional` is true when the reference says
    the figure is unverified or a placeholder. When the reference cites a registered source
    (sources.yaml), the citation also has `titles`, that source's title in en,
    zh_hans and zh_hant with the reference's article number; `url` falls back to the source's link.
    """
    if isinstance(reference, list | tuple):
        reference = "; ".join(str(item) for item in reference if item)
    # Each cited part once: several values read from the same source join it again and again, and a part
    # another part repeats with more detail is that part's.
    parts = list(dict.fromkeys(_parts(str(reference or "").strip())))
    text = "; ".join(part for part in parts if not any(part != other and part in other for other in parts))
    cited = _cleaned(text)
    entry = citations.source_entry(text) if text else None
    if entry is not None:
        cited["url"] = cited["url"] or entry["url"]
        cited["titles"] = citations.titles(entry, citations.article(text))
    return cited


def _parts(text: str) -> list[str]:
    """The parts of a reference separated by "; " outside brackets (a "[src: a; b]" note stays whole)."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        depth += {"[": 1, "(": 1, "]": -1, ")": -1}.get(char, 0)
        if depth == 0 and text.startswith("; ", i):
            parts.append(text[start:i].strip())
            start = i + 2
    parts.append(text[start:].strip())
    return [part for part in parts if part]


def _cleaned(text: str) -> dict[str, Any]:
    if not text:
        return {"title": "", "url": None, "provisional": False}
    provisional = any(word in text.casefold() for word in _PROVISIONAL_WORDS)
    url_match = _URL.search(text)
    url = url_match.group(0).rstrip(".,;") if url_match else None
    text = _URL.sub("", text)
    text = _DOMAIN_NOTE.sub("", text).strip(" ,;:")
    # Semicolons inside a marker ("[src: a; b]") or brackets ("(in force 2002; revised 2013)") end no clause.
    text = _BRACKETED.sub(lambda m: m.group(0).replace(";", _GUARDED_SEMICOLON), text)
    text = _PARENTHESISED.sub(lambda m: m.group(0).replace(";", _GUARDED_SEMICOLON), text)
    clauses = [clause for clause in _CLAUSE_END.split(text) if clause.strip()]
    # A clause after the first that starts in lower case qualifies the one before (a note): it goes.
    kept = [
        clause
        for position, clause in enumerate(clauses)
        if not _internal(clause) and (position == 0 or not clause.strip()[:1].islower())
    ]
    confirmed = [clause for clause in kept if not _unverified(clause)]
    kept = confirmed or kept
    title = " ".join(_unmark(clause) for clause in kept).replace(_GUARDED_SEMICOLON, ";").strip()
    title = re.sub(r"\s+([.;,])", r"\1", title)
    title = re.sub(r"\(\s*\)", "", title).strip(" ;,")
    if title and not title.endswith((".", ")")):
        title += "."
    if not re.search(r"\w", title):
        title = ""
    if not title and url:
        title = url
    return {"title": title, "url": url, "provisional": provisional}


def source_title(reference: Any, language: str) -> str:
    """The title a person reads for a reference (or a citation from `source`) in `language`.

    Chinese shows the registered source's title; English shows the reference's own cleaned text, which
    names the same source with its details, or the registered English title when that text is empty.
    A reference with no registered source reads in its English text in every language.
    """
    cited = reference if isinstance(reference, Mapping) and "title" in reference else source(reference)
    titles = cited.get("titles") or {}
    if language == "en":
        return str(cited["title"] or titles.get("en") or "")
    return str(titles.get(language) or cited["title"])


def source_text(reference: Any, language: str) -> str:
    """A citation as one line of text in `language`: its title (and link), then "provisional — …" when it is."""
    cited = reference if isinstance(reference, Mapping) and "title" in reference else source(reference)
    title = source_title(cited, language)
    parts = [title] if title else []
    if cited["url"] and cited["url"] != title:
        parts.append(f"<{cited['url']}>")
    if cited["provisional"]:
        parts.append(f"({phrase('provisional')[language]})")
    return " ".join(parts)


def _rule_key(name: str, wanted: str) -> bool:
    return wanted in name.split(".")


def reason_text(condition: Mapping[str, Any], language: str, *, code_labels: CodeLabels | None = None) -> str:
    """One condition as a sentence: its outcome, the person's value and the rule's value.

    `condition` is an explained condition: `{variable, label, met, facts, rules}` (see explain.py).
    Sources are cited next to the sentence by the caller (see `source`), not inside it.
    """
    template = _labels().get("reasons", {}).get(condition["variable"])
    status = phrase("met" if condition["met"] else "not_met")[language]
    facts = condition.get("facts", [])
    rules = condition.get("rules", [])
    if template:
        fact = next((f for f in facts if f["variable"] == template.get("fact")), None)
        rule = next((r for r in rules if template.get("rule") and _rule_key(r["name"], template["rule"])), None)
        if (fact is not None or not template.get("fact")) and (rule is not None or not template.get("rule")):
            values = {
                "fact": show(fact["value"], language, code_labels=code_labels) if fact else "",
                "rule": show(rule["value"], language, unit=rule.get("unit"), code_labels=code_labels) if rule else "",
                "status": status,
            }
            return str(template["text"][language]).format(**values)
    colon, stop = (": ", ". ") if language == "en" else ("：", "。")
    sentence = f"{condition['label'][language]}{colon}{status}"
    if facts:
        shown = "; ".join(
            f"{f['label'][language]} — {show(f['value'], language, code_labels=code_labels)}" for f in facts
        )
        sentence += f"{stop}{phrase('yours')[language]}{colon}{shown}"
    if rules:
        shown = "; ".join(
            f"{r['label'][language].split(' › ')[-1]} — "
            f"{show(r['value'], language, unit=r.get('unit'), code_labels=code_labels)}"
            for r in rules
        )
        sentence += f"{stop}{phrase('the_rule')[language]}{colon}{shown}"
    return sentence + stop.strip()


def reason_fact(condition: str) -> str | None:
    """The input a condition compares with the rule (from labels.yaml `reasons`), if one is declared."""
    template = _labels().get("reasons", {}).get(condition)
    return template.get("fact") if template else None


def reason_rule(condition: str) -> str | None:
    """The parameter (last path segment) a condition compares against, if one is declared."""
    template = _labels().get("reasons", {}).get(condition)
    return template.get("rule") if template else None


def input_conditions() -> dict[str, bool]:
    """Yes/no inputs that are conditions of an output in themselves, with the answer that meets them."""
    return {name: bool(wanted) for name, wanted in _labels().get("input_conditions", {}).items()}
