"""Date inputs are written and read in ISO form in every language: a browser's date picker reads nothing else.

Chinese formats dates 2026/12/01 (Django's zh_Hans and zh_Hant formats); written so in a `type="date"`
input, the browser showed an empty field, and the endorsement checker then refused the date as missing.
"""

from __future__ import annotations

import datetime as dt
import html
import inspect
import re
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.test import Client
from django.urls import reverse
from django.utils import formats, translation

from talentbridge.core import clock
from talentbridge.web import forms as web_forms
from talentbridge.web import forms_insurance, forms_mobility, forms_policy, forms_practice

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "zh-hans", "zh-hant")
DAY = dt.date(2026, 12, 1)
MOMENT = dt.datetime(2026, 12, 1, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
LAWYER = {
    "field": "lawyer",
    "zone": "nine_cities",
    "home_jurisdiction": "hong_kong",
    "holds_home_licence": "yes",
    "years_of_practice": "3",
    "is_permanent_resident": "yes",
    "is_chinese_citizen": "yes",
    "has_disciplinary_record": "no",
}
ENDORSEMENT = {"category": "research", "holds_valid_eep": "on", "work_city": "guangzhou"}


def _client(language: str) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.cookies["django_language"] = language
    return client


def _inputs(page: str, kind: str) -> dict[str, str]:
    """name → value attribute of every `<input type="{kind}">` of the page."""
    found = {}
    for tag in re.findall(rf'<input[^>]*type="{kind}"[^>]*>', page):
        name = re.search(r'name="([^"]*)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        assert name, tag
        found[name.group(1)] = html.unescape(value.group(1)) if value else ""
    return found


def test_the_locales_write_dates_otherwise_than_iso():
    """The premise: Chinese writes a date input's default format 2026/12/01, so the ISO value is no accident."""
    with translation.override("zh-hans"):
        assert DAY.strftime(formats.get_format("DATE_INPUT_FORMATS")[0]) == "2026/12/01"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("url", ["web:endorsement_check", "web:practice_check"])
def test_each_checker_writes_todays_date_iso_in_every_language(reference, language, url):
    with clock.frozen_at(MOMENT):
        response = _client(language).get(reverse(url))
    page = response.content.decode()
    assert response.status_code == 200
    assert response.headers["Content-Language"] == language
    assert _inputs(page, "date") == {"on": "2026-12-01"}


@pytest.mark.parametrize("language", ["zh-hans", "zh-hant"])
def test_an_iso_date_sent_in_chinese_gets_an_endorsement_answer(reference, language):
    data = {**ENDORSEMENT, "on": "2023-02-25"}
    response = _client(language).post(reverse("web:endorsement_check"), data)
    page = response.content.decode()
    assert response.status_code == 200, page
    assert response.context["form"].errors == {}
    assert 'id="result-eligible"' in page
    assert response.context["result"] is not None
    # the date checked is written back ISO, so the next check sends it again
    assert _inputs(page, "date") == {"on": "2023-02-25"}


@pytest.mark.parametrize("language", ["zh-hans", "zh-hant"])
def test_an_iso_date_sent_in_chinese_is_the_practice_checks_day(reference, language):
    response = _client(language).post(reverse("web:practice_check"), {**LAWYER, "on": "2023-10-05"})
    page = response.content.decode()
    assert response.status_code == 200, page
    assert response.context["form"].errors == {}
    assert response.context["result"]["on"] == dt.date(2023, 10, 5)
    assert 'data-eligible="true"' in page  # 3 years suffice from 5 Oct 2023 only
    assert _inputs(page, "date") == {"on": "2023-10-05"}


def _form_classes() -> list[type[forms.Form]]:
    modules = (web_forms, forms_insurance, forms_mobility, forms_policy, forms_practice)
    return [
        cls
        for module in modules
        for _name, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__
    ]


def _temporal_fields() -> list[tuple[str, forms.Field]]:
    fields = [
        (f"{cls.__name__}.{name}", field)
        for cls in _form_classes()
        for name, field in cls.base_fields.items()
        if isinstance(field.widget, forms.DateInput | forms.DateTimeInput)
    ]
    assert len(fields) >= 9  # the checkers' days, attestations, stays, alerts, reforms, months of birth
    return fields


ISO_VALUES = {
    "date": (DAY, "2026-12-01"),
    "month": (DAY, "2026-12"),
    "datetime-local": (dt.datetime(2026, 12, 1, 9, 30), "2026-12-01T09:30"),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_date_month_and_time_input_of_every_form_is_written_iso(language):
    with translation.override(language):
        for name, field in _temporal_fields():
            kind = field.widget.input_type
            assert kind in ISO_VALUES, f"{name} is a {kind} input: a browser's picker shows dates to people"
            value, iso = ISO_VALUES[kind]
            rendered = field.widget.render("x", field.prepare_value(value))
            assert f'value="{iso}"' in rendered, (name, rendered)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_date_field_accepts_the_iso_date_in_every_language(language):
    with translation.override(language):
        for name, field in _temporal_fields():
            if isinstance(field, forms.DateField):
                assert field.clean("2026-12-01") == DAY, name
            elif isinstance(field, forms.DateTimeField):
                assert field.clean("2026-12-01T09:30").replace(tzinfo=None) == dt.datetime(2026, 12, 1, 9, 30), name
