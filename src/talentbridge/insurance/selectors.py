"""Reads of insurance: a person's periods and totals, imports, and statistics for the dashboard."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from talentbridge.accounts.models import Role, User
from talentbridge.core import clock
from talentbridge.insurance.aggregation import SchemeTotal, overlaps, totals
from talentbridge.insurance.estimates import spans_for
from talentbridge.insurance.models import BenefitAward, ContributionImport, ContributionPeriod, Scheme
from talentbridge.reference.models import City

HK_MACAO = ("HK", "MO")
BENEFIT_SCHEMES = (Scheme.PENSION, Scheme.UNEMPLOYMENT, Scheme.WORK_INJURY)


def period_list(*, person: User) -> QuerySet[ContributionPeriod]:
    return (
        ContributionPeriod.objects.filter(person=person).select_related("city").order_by("start_month", "scheme", "pk")
    )


def person_totals(*, person: User, until: dt.date | None = None) -> dict[str, SchemeTotal]:
    """Months, years to the month, cities, overlaps and average contribution index per scheme."""
    return totals(spans_for(person), until=(until or clock.today()).replace(day=1))


def scheme_rows(*, person: User, until: dt.date | None = None) -> list[dict[str, Any]]:
    """Totals per scheme as a page shows them: the scheme's label and the cities' names, never codes."""
    names = {city.code: city.name for city in City.objects.filter(is_mainland=True)}
    return [
        {
            "scheme": scheme,
            "label": Scheme(scheme).label,
            "total": total,
            "cities": [names.get(code, code) for code in total.cities],
        }
        for scheme, total in person_totals(person=person, until=until).items()
    ]


def person_overlaps(*, person: User) -> int:
    return len(overlaps(spans_for(person)))


def import_list(*, user: User) -> QuerySet[ContributionImport]:
    """An importer sees the files they sent; administrators see all."""
    imports = ContributionImport.objects.all()
    if user.role != Role.ADMINISTRATOR:
        imports = imports.filter(uploaded_by=user)
    return imports.order_by("-created_at", "-pk")


def import_get(*, user: User, import_id: int) -> ContributionImport | None:
    return import_list(user=user).filter(pk=import_id).first()


def _active_in(month: dt.date) -> Q:
    return Q(start_month__lte=month) & (Q(end_month__isnull=True) | Q(end_month__gte=month))


def insured_residents(*, month: dt.date | None = None) -> list[dict[str, Any]]:
    """HK/Macao residents contributing in `month` (default: this month), by scheme and city."""
    month = (month or clock.today()).replace(day=1)
    rows = (
        ContributionPeriod.objects.filter(_active_in(month), person__residence__in=HK_MACAO)
        .values("scheme", "city__code")
        .annotate(persons=Count("person", distinct=True))
        .order_by("scheme", "city__code")
    )
    return [{"scheme": r["scheme"], "city": r["city__code"], "persons": r["persons"], "month": month} for r in rows]


def insured_residents_total(*, month: dt.date | None = None, schemes: tuple[str, ...] = BENEFIT_SCHEMES) -> int:
    """Distinct HK/Macao residents covered by any of `schemes` in `month` (the ">300,000" figure)."""
    month = (month or clock.today()).replace(day=1)
    return (
        ContributionPeriod.objects.filter(_active_in(month), person__residence__in=HK_MACAO, scheme__in=schemes)
        .values("person")
        .distinct()
        .count()
    )


def awards_in_force() -> QuerySet[BenefitAward]:
    """Awards granted and not revoked: the one definition every statistic and page uses."""
    return BenefitAward.objects.filter(revoked_at__isnull=True)


def benefits_awarded() -> list[dict[str, Any]]:
    """Awards in force by benefit and city: how many and the sum of their amounts."""
    rows = awards_in_force().values("benefit", "city__code").annotate(awards=Count("pk"), total=Sum("total"))
    return [
        {"benefit": r["benefit"], "city": r["city__code"], "awards": r["awards"], "total": r["total"]}
        for r in rows.order_by("benefit", "city__code")
    ]


def people_benefited() -> dict[str, int]:
    """Distinct people awarded a pension (incl. lump sum), unemployment or work-injury benefit."""
    groups = {
        "pension": ("pension", "lump_sum"),
        "unemployment": ("unemployment",),
        "work_injury": ("work_injury",),
    }
    result = {
        name: awards_in_force().filter(benefit__in=kinds).values("person").distinct().count()
        for name, kinds in groups.items()
    }
    result["any"] = awards_in_force().values("person").distinct().count()
    return result
