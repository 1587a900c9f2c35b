"""The pathway catalogue: the rules kernel's practice parameters on a date, plus `data/pathways.yaml`."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import Any

import yaml
from openfisca_core.simulations import SimulationBuilder

from talentbridge import vocabulary
from talentbridge.core import languages
from talentbridge.policy import presenter
from talentbridge.rules import labels, params
from talentbridge.rules.categories import HomeJurisdiction, PracticeField, PracticeMechanism, PracticeZone
from talentbridge.rules.explain import plain_value
from talentbridge.rules.situation import DECISION_DATE
from talentbridge.rules.system import rulebook

DATA_FILE = Path(__file__).resolve().parent / "data" / "pathways.yaml"
FIELDS = [name for name in PracticeField.__members__ if name != "none"]
ZONES = list(PracticeZone.__members__)
HOMES = list(HomeJurisdiction.__members__)
MECHANISMS = [name for name in PracticeMechanism.__members__ if name != "none"]
ROOT = "practice.pathways"

# Reference-data profession for each kernel field and back, and the city of each zone (for prefilling an
# application; the nine cities leave the choice to the person): the vocabulary's tables.
DEFAULT_PROFESSION = vocabulary.DEFAULT_PROFESSION
FIELD_OF_PROFESSION = vocabulary.PRACTICE_FIELD_OF
ZONE_CITY = {zone: city for zone, city in vocabulary.ZONE_CITY.items() if zone in vocabulary.PRACTICE_ZONE}


def field_label(code: str) -> str:
    """A profession, place, mechanism or SAR code in the page's language (from the rules' labels)."""
    try:
        return labels.code_label(code)[languages.language_key()]
    except KeyError:
        return code.replace("_", " ")


def field_group_label(code: str) -> str:
    """The people of a field in a sentence ("the pathway for lawyers"): the label of its parameter-path segment."""
    try:
        return labels.segment_label(code)[languages.language_key()]
    except KeyError:
        return field_label(code)


zone_label = home_label = field_label


def mechanism_label(code: str) -> str:
    return (
        vocabulary.NO_PATHWAY.label(languages.language_key())
        if code == vocabulary.NO_PATHWAY.code
        else field_label(code)
    )


@functools.cache
def extra_data() -> dict[str, Any]:
    with DATA_FILE.open(encoding="utf-8") as stream:
        data: dict[str, Any] = yaml.safe_load(stream)
    return data


def document_label(code: str) -> str:
    names = extra_data()["documents"].get(code)
    return str(names[languages.language_key()]) if names else code


@dataclass(frozen=True)
class Pathway:
    """One pathway as in force on `on`: field x zone x mechanism, its conditions and its practical details."""

    field: str
    zone: str
    on: dt.date
    mechanism: str
    authority: str
    open_to: tuple[str, ...]
    requires_home_licence: bool
    requires_permanent_residence: bool
    requires_chinese_citizenship: bool
    requires_clean_disciplinary_record: bool
    minimum_years_of_practice: float
    validity_years: int
    application_window_months: tuple[int, ...]
    in_force_from: str | None
    ends_on: str | None
    references: tuple[str, ...]
    documents: tuple[str, ...] = ()
    fee: dict[str, Any] = dataclass_field(default_factory=dict)
    processing_days: int | None = None
    tacit_approval: bool = False
    provisional: bool = False
    scope: str = ""
    scope_translations: dict[str, str] = dataclass_field(default_factory=dict)
    sources: tuple[str, ...] = ()
    history: dict[str, dict[str, Any]] = dataclass_field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"{self.field}.{self.zone}"

    @property
    def field_name(self) -> str:
        return field_label(self.field)

    @property
    def zone_name(self) -> str:
        return zone_label(self.zone)

    @property
    def mechanism_name(self) -> str:
        return mechanism_label(self.mechanism)

    @property
    def document_labels(self) -> list[str]:
        return [document_label(code) for code in self.documents]

    @property
    def authority_name(self) -> str:
        return presenter.code_shown(self.authority) if self.authority else ""

    @property
    def open_to_names(self) -> list[str]:
        return [home_label(home) for home in self.open_to]

    @property
    def last_day(self) -> dt.date | None:
        """The last day the pathway is in force, when an end is loaded (the day before the rule stops)."""
        return dt.date.fromisoformat(self.ends_on) - dt.timedelta(days=1) if self.ends_on else None

    @property
    def has_ended(self) -> bool:
        return self.last_day is not None and self.last_day < self.on

    @property
    def fee_note(self) -> dict[str, Any]:
        """The fee note in the page's language as a citation-like text: `{title, provisional, provisional_text}`."""
        note = presenter.source_view(self.fee.get("note"))
        translated = self.fee.get(f"note_{languages.language_key()}")
        return {**note, "title": str(translated)} if translated and note["title"] else note

    @property
    def scope_shown(self) -> str:
        """The example scope of practice in the page's language."""
        return str(self.scope_translations.get(languages.language_key()) or self.scope)

    @property
    def citations(self) -> list[dict[str, Any]]:
        """The sources of the pathway, each once, as citations (title, link, provisional)."""
        seen: dict[str, dict[str, Any]] = {}
        for reference in (*self.references, *self.sources):
            cited = presenter.source_view(reference)
            if not cited["title"]:
                continue
            current = seen.get(cited["title"])
            if current is None or (current["provisional"] and not cited["provisional"]):
                seen[cited["title"]] = cited
        return list(seen.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "zone": self.zone,
            "on": self.on.isoformat(),
            "mechanism": self.mechanism,
            "authority": self.authority,
            "open_to": list(self.open_to),
            "conditions": {
                "requires_home_licence": self.requires_home_licence,
                "requires_permanent_residence": self.requires_permanent_residence,
                "requires_chinese_citizenship": self.requires_chinese_citizenship,
                "requires_clean_disciplinary_record": self.requires_clean_disciplinary_record,
                "minimum_years_of_practice": self.minimum_years_of_practice,
                "application_window_months": list(self.application_window_months),
            },
            "validity_years": self.validity_years,
            "in_force_from": self.in_force_from,
            "ends_on": self.ends_on,
            "references": list(self.references),
            "documents": list(self.documents),
            "fee": self.fee,
            "processing_days": self.processing_days,
            "tacit_approval": self.tacit_approval,
            "provisional": self.provisional,
            "scope": self.scope,
            "sources": list(self.sources),
            "status": "ended" if self.has_ended else "in_force",
            "last_day": self.last_day.isoformat() if self.last_day else None,
        }


def _leaf_value(node: Any, attribute: str, instant: str, default: Any) -> Any:
    leaf = node.children.get(attribute)
    if leaf is None:
        return default
    value = leaf(instant)
    return default if value is None else value


def _end_after(leaf: Any, instant: str) -> str | None:
    """The first date after `instant` on which the rule stops (a null value), if one is loaded."""
    for date, value in params.dated_values(leaf).items():
        if date > instant and value is None:
            return str(date)
    return None


def _extras(field_code: str, zone: str, mechanism: str) -> dict[str, Any]:
    data = extra_data()
    merged: dict[str, Any] = {}
    sources: list[str] = []
    for part in (
        data["mechanisms"].get(mechanism, {}),
        data["fields"].get(field_code, {}),
        data["pathways"].get(f"{field_code}.{zone}", {}),
    ):
        merged.update({k: v for k, v in part.items() if k != "source"})
        if part.get("source"):
            sources.append(str(part["source"]))
    merged["sources"] = tuple(sources)
    return merged


def _ended_before(node: Any, instant: str) -> str | None:
    """The date the pathway stopped (its mechanism became null), if it was in force before `instant` and is not now."""
    mechanism_leaf = node.children.get("mechanism")
    if mechanism_leaf is None:
        return None
    stop: str | None = None
    was_in_force = False
    for date, value in params.dated_values(mechanism_leaf).items():
        if date > instant:
            break
        if value is None and was_in_force:
            stop = str(date)
        elif value is not None:
            was_in_force, stop = True, None
    return stop


def pathway_get(field_code: str, zone: str, on: dt.date | None = None) -> Pathway | None:
    """The pathway for `field_code` in `zone` as in force on `on` (None if none is in force then)."""
    on = on or dt.date.today()
    node = params.find(rulebook(), f"{ROOT}.{field_code}.{zone}")
    if node is None or not hasattr(node, "children"):
        return None
    return _pathway_at(node, field_code, zone, on, on.isoformat())


def term_reference(field_code: str, zone: str, attribute: str) -> str:
    """The reference of one term of a pathway (e.g. `open_to_macao`, `mechanism`), or ""."""
    leaf = params.find(rulebook(), f"{ROOT}.{field_code}.{zone}.{attribute}")
    metadata = getattr(leaf, "metadata", None) or {}
    return str(metadata.get("reference") or "")


def pathway_ended(field_code: str, zone: str, on: dt.date | None = None) -> Pathway | None:
    """The pathway for `field_code` in `zone` that has ended by `on`, as it stood on its last day (else None).

    Its `on` stays the date asked about, so `has_ended` is true and `last_day` says when it ended.
    """
    on = on or dt.date.today()
    node = params.find(rulebook(), f"{ROOT}.{field_code}.{zone}")
    if node is None or not hasattr(node, "children"):
        return None
    stop = _ended_before(node, on.isoformat())
    if stop is None:
        return None
    last_day = dt.date.fromisoformat(stop) - dt.timedelta(days=1)
    return _pathway_at(node, field_code, zone, on, last_day.isoformat())


def _pathway_at(node: Any, field_code: str, zone: str, on: dt.date, instant: str) -> Pathway | None:
    """The pathway's terms in force at `instant`, reported for the date `on`."""
    mechanism = _leaf_value(node, "mechanism", instant, None)
    if mechanism is None:
        return None
    mechanism_leaf = node.children["mechanism"]
    extras = _extras(field_code, zone, str(mechanism))
    references = tuple(
        dict.fromkeys(
            str(leaf.metadata.get("reference")) for leaf in params.leaves(node) if leaf.metadata.get("reference")
        )
    )
    history = {name: params.dated_values(leaf) for name, leaf in node.children.items()}
    return Pathway(
        field=field_code,
        zone=zone,
        on=on,
        mechanism=str(mechanism),
        authority=str(_leaf_value(node, "authority", instant, "")),
        open_to=tuple(home for home in HOMES if _leaf_value(node, f"open_to_{home}", instant, False)),
        requires_home_licence=bool(_leaf_value(node, "requires_home_licence", instant, False)),
        requires_permanent_residence=bool(_leaf_value(node, "requires_permanent_residence", instant, False)),
        requires_chinese_citizenship=bool(_leaf_value(node, "requires_chinese_citizenship", instant, False)),
        requires_clean_disciplinary_record=bool(
            _leaf_value(node, "requires_clean_disciplinary_record", instant, False)
        ),
        minimum_years_of_practice=float(_leaf_value(node, "minimum_years_of_practice", instant, 0)),
        validity_years=int(_leaf_value(node, "validity_years", instant, 0)),
        application_window_months=tuple(
            int(m) for m in _leaf_value(node, "application_window_months", instant, list(range(1, 13)))
        ),
        in_force_from=params.effective_date(mechanism_leaf, instant),
        ends_on=_end_after(mechanism_leaf, instant),
        references=references,
        documents=tuple(extras.get("documents", ())),
        fee=dict(extras.get("fee", {})),
        processing_days=extras.get("processing_days"),
        tacit_approval=bool(extras.get("tacit_approval", False)),
        provisional=bool(extras.get("provisional", False)),
        scope=str(extras.get("scope", "")),
        scope_translations={
            language: str(extras[f"scope_{language}"])
            for language in ("zh_hans", "zh_hant")
            if extras.get(f"scope_{language}")
        },
        sources=extras["sources"],
        history=history,
    )


@functools.lru_cache(maxsize=4096)  # the rules are fixed for the life of the process
def applicable_scope(field_code: str, zone: str, home: str, on: dt.date) -> str:
    """The kernel's answer to "which pathway applies" (`practice_pathway_scope`): zone, nine_cities or none."""
    tbs = rulebook()
    period = f"{on:%Y-%m}"
    facts = {
        "practice_field": field_code,
        "practice_zone": zone,
        "home_jurisdiction": home,
        DECISION_DATE: on.isoformat(),
    }
    situation = {"persons": {"p": {name: {period: value} for name, value in facts.items()}}}
    scope = SimulationBuilder().build_from_entities(tbs, situation).calculate("practice_pathway_scope", period)
    return str(plain_value(tbs, "practice_pathway_scope", scope, 0))


def pathway_applicable(field_code: str, zone: str, home: str, on: dt.date) -> Pathway | None:
    """The pathway that applies to a person of `home` practising `field_code` in `zone` on `on`, as the kernel chooses it."""
    if field_code not in FIELDS or zone not in ZONES or home not in HOMES:
        return None
    scope = applicable_scope(field_code, zone, home, on)
    if scope == "none":
        return None
    return pathway_get(field_code, zone if scope == "zone" else "nine_cities", on)


def pathway_list(
    *,
    on: dt.date | None = None,
    field_code: str | None = None,
    zone: str | None = None,
    mechanism: str | None = None,
    search: str | None = None,
    ended: bool = False,
) -> list[Pathway]:
    """Every pathway in force on `on` (or, with `ended`, every one that has ended by then), filtered by
    field, zone, mechanism and free text (codes and the names shown in the page's language)."""
    on = on or dt.date.today()
    found: list[Pathway] = []
    needle = (search or "").strip().casefold()
    lookup = pathway_ended if ended else pathway_get
    for f in FIELDS:
        if field_code and f != field_code:
            continue
        for z in ZONES:
            if zone and z != zone:
                continue
            pathway = lookup(f, z, on)
            if pathway is None or (mechanism and pathway.mechanism != mechanism):
                continue
            if needle:
                haystack = " ".join(
                    [
                        f,
                        z,
                        pathway.mechanism,
                        pathway.authority,
                        pathway.field_name,
                        pathway.zone_name,
                        pathway.mechanism_name,
                        pathway.authority_name,
                        pathway.scope,
                        pathway.scope_shown,
                    ]
                ).casefold()
                if needle not in haystack:
                    continue
            found.append(pathway)
    return found
