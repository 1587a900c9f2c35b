"""Schemas of the rules endpoints: situations, explanations with citations, and the rule-set listings.

A situation is free-form by design (its variables are the kernel's), so requests are read and
checked by the kernel itself; these schemas document the shapes and check what the API returns.
"""

from __future__ import annotations

from typing import Any, Literal

from ninja import Schema
from pydantic import Field

Situation = dict[str, dict[str, dict[str, Any]]]

SITUATION_EXAMPLE: dict[str, Any] = {
    "persons": {
        "p1": {
            "practice_field": {"2023-10": "lawyer"},
            "years_of_practice": {"2023-10": 4},
            "holds_home_licence": {"2023-10": True},
            "is_permanent_resident": {"2023-10": True},
            "is_chinese_citizen": {"2023-10": True},
            "practice_eligible": {"2023-10": None},
            "practice_mechanism": {"2023-10": None},
        }
    }
}

# The request body, documented by hand: the view reads the raw body so that the kernel names the path of
# any fault (`persons.p1.disability_grade.2025-01`) rather than a schema library naming its own.
SITUATION_REQUEST_BODY: dict[str, Any] = {
    "required": True,
    "description": (
        "A situation: `{persons: {person id: {variable: {month YYYY-MM: value or null}}}}`. Every null is "
        "computed; given values are kept. Variables and their types: `GET /rules/variables`. Limits per "
        "request: `/rules/calculate` at most 1 MB, 100 persons, 120 months per variable and 5,000 values; "
        "`/rules/trace` at most 64 kB, 10 persons, 120 months per variable, 1,000 values of which 50 nulls "
        "(each null is explained) and 2 MB of answer. Past a limit: 413 `request_too_large` (bytes) or 422 "
        "`invalid_input` (counts, keyed by the path)."
    ),
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "title": "SituationIn",
                "required": ["persons"],
                "additionalProperties": False,
                "properties": {
                    "persons": {
                        "type": "object",
                        "minProperties": 1,
                        "maxProperties": 100,
                        "description": "Persons by identifier.",
                        "additionalProperties": {
                            "type": "object",
                            "description": "Variables by name.",
                            "additionalProperties": {
                                "type": "object",
                                "minProperties": 1,
                                "description": "Values by month (YYYY-MM); null asks for the value.",
                                "propertyNames": {"pattern": r"^\d{4}-(0[1-9]|1[0-2])$"},
                                "additionalProperties": {
                                    "oneOf": [
                                        {"type": "boolean"},
                                        {"type": "number"},
                                        {"type": "string"},
                                        {"type": "null"},
                                    ]
                                },
                            },
                        },
                    }
                },
            },
            "example": SITUATION_EXAMPLE,
        }
    },
}


class LabelOut(Schema):
    """A label in the kernel's three languages."""

    en: str
    zh_hans: str
    zh_hant: str


class RulesVersionOut(Schema):
    semver: str = Field(description="Semantic version of the rule set")
    content_hash: str = Field(description="SHA-256 of the parameter and variable files")


class SituationOut(Schema):
    persons: Situation = Field(description="The situation as sent, with every null computed")


class SourceOut(Schema):
    """A legal source as a citation: its title, its link if it has one, and whether the figure is provisional."""

    title: str
    url: str | None
    provisional: bool
    titles: LabelOut | None = Field(None, description="The cited source's title in each language")


class CitationOut(Schema):
    """A parameter the rules read: its value then, since when it is in force, and its legal source."""

    name: str
    label: LabelOut
    value: Any
    unit: str | None
    effective_date: str | None = Field(description="Start date (YYYY-MM-DD) of the value in force")
    reference: str | None = Field(description="Legal source")
    source: SourceOut | None = Field(None, description="The legal source as a citation")


class FactOut(Schema):
    """A value of the person that a condition compared."""

    variable: str
    label: LabelOut
    value: Any


class ConditionOut(Schema):
    variable: str
    label: LabelOut
    met: bool
    facts: list[FactOut] = Field(default_factory=list, description="The person's values it compared")
    rules: list[CitationOut] = Field(default_factory=list, description="The rule's values it compared")
    reference: list[str] | str | None = None
    text: LabelOut | None = Field(None, description="The reason as a sentence in each language")


class ValueUsedOut(Schema):
    variable: str
    label: LabelOut
    value: Any
    unit: str | None = Field(None, description="Unit of the value (e.g. currency-CNY, month, /1 for a share)")
    given: bool
    origin: Literal["given", "computed", "default"]


class OutputExplanationOut(Schema):
    variable: str
    label: LabelOut
    value: Any
    unit: str | None = Field(None, description="Unit of the value (e.g. currency-CNY, month, /1 for a share)")
    given: bool
    reference: list[str] | str | None
    source: SourceOut | None = Field(None, description="The legal source as a citation")
    conditions: list[ConditionOut]
    values_used: list[ValueUsedOut]
    parameters: list[CitationOut]
    reason: ConditionOut | None = Field(None, description="For a yes/no output: why, as for a condition")


class ReasonsTextOut(Schema):
    en: list[str]
    zh_hans: list[str]
    zh_hant: list[str]


class ExplanationOut(Schema):
    period: str
    rules_version: RulesVersionOut
    outputs: list[OutputExplanationOut]
    text: ReasonsTextOut = Field(description="The reasons rendered in each language")


class TraceOut(Schema):
    persons: Situation = Field(description="The situation as sent, with every null computed")
    explanations: dict[str, dict[str, ExplanationOut]] = Field(description="By person, then by month")
    language: Literal["en", "zh-hans", "zh-hant"] = Field(description="Language of `reasons` (Accept-Language)")
    reasons: dict[str, dict[str, list[str]]] = Field(
        description="By person, then by month: one line per output, condition, value and cited parameter"
    )


class VariableOut(Schema):
    name: str
    label: LabelOut
    value_type: Literal["boolean", "integer", "number", "string"]
    unit: str | None
    reference: list[str] | str | None
    computed: bool = Field(description="Whether the rules compute it (otherwise it is an input with a default)")
    possible_values: list[str] | None = Field(None, description="For categories: the accepted values")


class VariablesOut(Schema):
    rules_version: RulesVersionOut
    variables: list[VariableOut]


class ParameterOut(Schema):
    name: str
    description: str | None
    unit: str | None
    reference: str | None
    values: dict[str, Any] = Field(description="Value by effective date (YYYY-MM-DD); null ends the rule")


class ParametersOut(Schema):
    rules_version: RulesVersionOut
    parameters: list[ParameterOut]
