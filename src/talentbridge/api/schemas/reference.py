"""Schemas of the reference data: jurisdictions, cities, zones, fields, professions, documents, authorities."""

from __future__ import annotations

from typing import Any

from ninja import Schema
from pydantic import Field

from talentbridge.core.models import localized_name


class NamedOut(Schema):
    code: str
    name: str
    name_en: str
    name_zh_hans: str
    name_zh_hant: str

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return localized_name(obj)


class JurisdictionOut(NamedOut):
    pass


class CityOut(NamedOut):
    jurisdiction: str
    is_mainland: bool

    @staticmethod
    def resolve_jurisdiction(obj: Any) -> str:
        return str(obj.jurisdiction.code)


class ZoneOut(NamedOut):
    city: str
    source: str

    @staticmethod
    def resolve_city(obj: Any) -> str:
        return str(obj.city.code)


class FieldOut(NamedOut):
    pass


class ProfessionOut(NamedOut):
    field: str

    @staticmethod
    def resolve_field(obj: Any) -> str:
        return str(obj.field.code)


class DocumentTypeOut(NamedOut):
    issued_by: str

    @staticmethod
    def resolve_issued_by(obj: Any) -> str:
        return str(obj.issued_by.code)


class AuthorityFilters(Schema):
    kind: str | None = Field(None, max_length=32, pattern=r"^[a-z_]*$", description="Only authorities of this kind")


class AuthorityOut(NamedOut):
    kind: str
    jurisdiction: str
    city: str | None
    fields: list[str]

    @staticmethod
    def resolve_jurisdiction(obj: Any) -> str:
        return str(obj.jurisdiction.code)

    @staticmethod
    def resolve_city(obj: Any) -> str | None:
        return obj.city.code if obj.city_id else None

    @staticmethod
    def resolve_fields(obj: Any) -> list[str]:
        return [f.code for f in obj.fields.all()]
