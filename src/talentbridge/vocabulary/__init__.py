"""The vocabulary: every enumerated domain concept, defined once, with its codes and labels in three languages.

Pure Python (no Django, nothing else of the platform), so the rules kernel reads it as the Django apps do.
Everything else derives from it: the kernel's enums (`rules.categories`), Django choices (`core.choices`),
the API's `Literal` types (`api.schemas`), the checker's lists and the value labels of `rules.labels`.
Copies that cannot derive from it (workflow YAML, reference data files, labels of parameter-path segments)
are compared with it by `tests/test_vocabulary.py`. Where two layers name one thing differently, the table
that translates between them is here too (see `places` and `practice`).
"""

from __future__ import annotations

import functools

from talentbridge.vocabulary.insurance import (
    BENEFIT,
    DISABILITY_GRADES,
    EXEMPTIBLE_SCHEMES,
    INSURANCE_SCHEME,
    PAYMENT_OPTION,
    RETIREMENT_CATEGORY,
    SOCIAL_SECURITY_SYSTEM,
)
from talentbridge.vocabulary.people import (
    EDUCATION,
    EDUCATION_LEVEL,
    EDUCATION_LEVEL_OF,
    NO_PROFESSIONAL_TITLE,
    NO_TALENT_CATEGORY,
    PROFESSIONAL_TITLE,
    SEX,
    TALENT_CATEGORY,
)
from talentbridge.vocabulary.places import (
    CITY,
    DESTINATION,
    HK_AND_MACAO,
    HOME_JURISDICTION,
    HOME_JURISDICTION_OF,
    JURISDICTION,
    JURISDICTION_OF_HOME,
    MAINLAND_CITY,
    NINE_CITIES,
    PRACTICE_ZONE,
    SAR_CITY_OF,
    SPECIAL_ZONE,
    STAY_DESTINATION,
    ZONE_CITY,
    home_jurisdiction_of,
    jurisdiction_of_home,
)
from talentbridge.vocabulary.practice import (
    DEFAULT_PROFESSION,
    NO_PATHWAY,
    NO_PRACTICE_FIELD,
    PATHWAY_SCOPE,
    PRACTICE_FIELD,
    PRACTICE_FIELD_OF,
    PRACTICE_MECHANISM,
    PROFESSION,
    PROFESSIONAL_FIELD,
    default_profession,
    practice_field_of,
    professions_of,
)
from talentbridge.vocabulary.terms import LANGUAGES, Concept, Label, Term

# The concepts whose codes are values of the kernel's variables and of payloads, in the order that decides
# a code two of them share: `macao` is the home SAR (not the city), `nine_cities` the zone (not the scope).
VALUE_CONCEPTS: tuple[Concept[Term], ...] = (
    HOME_JURISDICTION,
    PRACTICE_MECHANISM,
    PRACTICE_ZONE,
    PATHWAY_SCOPE,
    PRACTICE_FIELD,
    PROFESSION,
    TALENT_CATEGORY,
    CITY,
    EDUCATION_LEVEL,
)


@functools.cache
def value_labels() -> dict[str, Label]:
    """The label of each code a value may take, as a person reads it (a lawyer reads "Lawyer", a city its name).

    `none` is left out: each concept says "none" in its own words, so a bare `none` names none of them.
    """
    labels: dict[str, Label] = {}
    for concept in VALUE_CONCEPTS:
        for term in concept:
            if term.code != "none":
                labels.setdefault(term.code, term.labels)
    return labels


__all__ = [
    "BENEFIT",
    "CITY",
    "DEFAULT_PROFESSION",
    "DESTINATION",
    "DISABILITY_GRADES",
    "EDUCATION",
    "EDUCATION_LEVEL",
    "EDUCATION_LEVEL_OF",
    "EXEMPTIBLE_SCHEMES",
    "HK_AND_MACAO",
    "HOME_JURISDICTION",
    "HOME_JURISDICTION_OF",
    "INSURANCE_SCHEME",
    "JURISDICTION",
    "JURISDICTION_OF_HOME",
    "LANGUAGES",
    "MAINLAND_CITY",
    "NINE_CITIES",
    "NO_PATHWAY",
    "NO_PRACTICE_FIELD",
    "NO_PROFESSIONAL_TITLE",
    "NO_TALENT_CATEGORY",
    "PATHWAY_SCOPE",
    "PAYMENT_OPTION",
    "PRACTICE_FIELD",
    "PRACTICE_FIELD_OF",
    "PRACTICE_MECHANISM",
    "PRACTICE_ZONE",
    "PROFESSION",
    "PROFESSIONAL_FIELD",
    "PROFESSIONAL_TITLE",
    "RETIREMENT_CATEGORY",
    "SAR_CITY_OF",
    "SEX",
    "SOCIAL_SECURITY_SYSTEM",
    "SPECIAL_ZONE",
    "STAY_DESTINATION",
    "TALENT_CATEGORY",
    "ZONE_CITY",
    "Concept",
    "Label",
    "Term",
    "default_profession",
    "home_jurisdiction_of",
    "jurisdiction_of_home",
    "practice_field_of",
    "professions_of",
    "value_labels",
]
