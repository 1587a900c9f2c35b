"""Category enums shared by variables, parameters (as array indices), snapshots and the CLI.

Each enum is the vocabulary's concept (`talentbridge.vocabulary`), in its order: a parameter indexed by a
category reads its values in that order, so the vocabulary's order is part of the rules. The value of a
member is its English label; pages read labels through `rules.labels`.
"""

from __future__ import annotations

from collections.abc import Iterable

from openfisca_core.indexed_enums import Enum

from talentbridge.vocabulary import (
    EDUCATION_LEVEL,
    HOME_JURISDICTION,
    MAINLAND_CITY,
    NO_PATHWAY,
    NO_PRACTICE_FIELD,
    NO_TALENT_CATEGORY,
    PATHWAY_SCOPE,
    PRACTICE_FIELD,
    PRACTICE_MECHANISM,
    PRACTICE_ZONE,
    TALENT_CATEGORY,
    Term,
)


def _members(*terms: Term | Iterable[Term]) -> list[tuple[str, str]]:
    flat = [item for group in terms for item in ((group,) if isinstance(group, Term) else group)]
    return [(term.code, term.en) for term in flat]


WorkCity = Enum("WorkCity", _members(MAINLAND_CITY))
PracticeField = Enum("PracticeField", _members(NO_PRACTICE_FIELD, PRACTICE_FIELD))
PracticeZone = Enum("PracticeZone", _members(PRACTICE_ZONE))
HomeJurisdiction = Enum("HomeJurisdiction", _members(HOME_JURISDICTION))
PracticeMechanism = Enum("PracticeMechanism", _members(NO_PATHWAY, PRACTICE_MECHANISM))
PracticePathwayScope = Enum("PracticePathwayScope", _members(NO_PATHWAY, PATHWAY_SCOPE))
TalentCategory = Enum("TalentCategory", _members(NO_TALENT_CATEGORY, TALENT_CATEGORY))
EducationLevel = Enum("EducationLevel", _members(EDUCATION_LEVEL))

ENUMS: dict[str, type[Enum]] = {
    "work_city": WorkCity,
    "practice_field": PracticeField,
    "practice_zone": PracticeZone,
    "home_jurisdiction": HomeJurisdiction,
    "practice_mechanism": PracticeMechanism,
    "practice_pathway_scope": PracticePathwayScope,
    "talent_category": TalentCategory,
    "education_level": EducationLevel,
}
