"""The values a contribution file's columns accept: as the import checks them, and as its page lists them.

Schemes are the vocabulary's (`insurance.models.Scheme`, built from `vocabulary.INSURANCE_SCHEME`);
cities are the mainland GBA cities of reference data. Each is listed as its code (what a file writes)
with its label in the active language.
"""

from __future__ import annotations

from django.db.models import QuerySet

from talentbridge.insurance.importing.importer import Importer
from talentbridge.insurance.models import Scheme
from talentbridge.reference.models import City


def scheme_codes() -> frozenset[str]:
    """The codes a file's `scheme` column may hold."""
    return frozenset(Scheme.values)


def scheme_choices() -> list[tuple[str, str]]:
    """`(code, label)` of every scheme, the label in the active language."""
    return [(str(code), str(label)) for code, label in Scheme.choices]


def mainland_cities() -> QuerySet[City]:
    """The cities a file's `city` column may name (by code): the nine mainland GBA cities."""
    return City.objects.filter(is_mainland=True)


def city_choices(importer: Importer) -> list[tuple[str, str]]:
    """`(code, name)` of the cities `importer` may record for (a fund: its own), the name in the active language."""
    cities = mainland_cities()
    if importer.city_ids is not None:
        cities = cities.filter(pk__in=importer.city_ids)
    return [(city.code, city.name) for city in cities.order_by("code")]
