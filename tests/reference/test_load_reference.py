"""Reference data loads from the data files, idempotently, with names in three languages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import translation

from talentbridge.reference.models import Authority, CalendarDay, City, ProfessionalField, SpecialZone
from talentbridge.reference.selectors import work_calendar_for
from talentbridge.reference.services import reference_load


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    first = reference_load()
    call_command("load_reference")
    assert reference_load() == first
    assert first["City"] == 11 and first["Jurisdiction"] == 3 and first["SpecialZone"] == 5


@pytest.mark.django_db
def test_the_nine_mainland_cities_and_the_zones():
    reference_load()
    mainland = set(City.objects.filter(is_mainland=True).values_list("code", flat=True))
    assert mainland == {
        "guangzhou",
        "shenzhen",
        "zhuhai",
        "foshan",
        "huizhou",
        "dongguan",
        "zhongshan",
        "jiangmen",
        "zhaoqing",
    }
    assert dict(SpecialZone.objects.values_list("code", "city__code")) == {
        "qianhai": "shenzhen",
        "hengqin": "zhuhai",
        "nansha": "guangzhou",
        "huangpu": "guangzhou",
        "hetao": "shenzhen",
    }


@pytest.mark.django_db
def test_every_field_named_in_the_domain_facts_exists_with_an_authority():
    reference_load()
    fields = set(ProfessionalField.objects.values_list("code", flat=True))
    assert {"legal", "construction", "urban_planning", "medical", "tourism", "tax", "veterinary", "education"} <= fields
    assert Authority.objects.get(code="GD-DOJ").fields.filter(code="legal").exists()


@pytest.mark.django_db
def test_names_follow_the_active_language():
    reference_load()
    city = City.objects.get(code="guangzhou")
    with translation.override("zh-hant"):
        assert city.name == "廣州"
    with translation.override("zh-hans"):
        assert city.name == "广州"
    with translation.override("en"):
        assert city.name == "Guangzhou"


@pytest.mark.django_db
def test_calendar_has_holidays_and_swapped_workdays():
    reference_load()
    calendar = work_calendar_for("GD")
    assert CalendarDay.objects.filter(jurisdiction__code="GD").count() == len(calendar.holidays) + len(
        calendar.extra_workdays
    )
    assert not calendar.is_business_day(dt.date(2026, 10, 1))
    assert calendar.is_business_day(dt.date(2026, 10, 10))
