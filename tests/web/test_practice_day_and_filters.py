"""The practice pages read days as days: the check names the day it decided on, and the catalogue's ended
pathways keep the valid filters when another one (a day that is no date) is refused."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse

from talentbridge.core import clock
from talentbridge.policy.models import Determination

pytestmark = pytest.mark.django_db

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
# After the lawyers' nine-cities pilot ended (4 Oct 2026).
AFTER_THE_PILOT = dt.datetime(2026, 12, 1, 4, tzinfo=dt.UTC)


def _visible(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "Checked under the rules in force on 5 Oct 2023 (determination #{n})."),
        ("zh-hans", "按2023年10月5日有效的规定查询（判定 #{n}）。"),
        ("zh-hant", "按2023年10月5日有效的規定查詢（判定 #{n}）。"),
    ],
)
def test_the_check_names_the_day_it_decided_on(reference, language, said):
    # given a Hong Kong lawyer checking on 5 October 2023, the day the 3-year minimum began
    response = Client().post(
        reverse("web:practice_check"), {**LAWYER, "on": "2023-10-05"}, HTTP_ACCEPT_LANGUAGE=language
    )
    # then the page names that day, not only its month
    assert response.status_code == 200
    assert said.format(n=Determination.objects.get().pk) in _visible(response.content.decode())


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_day_that_is_no_date_leaves_the_other_filters_on_the_ended_pathways(reference, language):
    with clock.frozen_at(AFTER_THE_PILOT):
        # given the catalogue filtered to Nansha, with a day that is no date
        refused = Client().get(reverse("web:pathways"), {"zone": "nansha", "on": "soon"}, HTTP_ACCEPT_LANGUAGE=language)
        # and the same filter with no day
        plain = Client().get(reverse("web:pathways"), {"zone": "nansha"}, HTTP_ACCEPT_LANGUAGE=language)
        lawyers = Client().get(reverse("web:pathways"), {"field": "lawyer", "on": "soon"})
    html = refused.content.decode()
    # then the day is refused at its field, and the ended rows are Nansha's too: the nine cities' ended
    # lawyers' pilot is not listed there
    assert refused.status_code == 400
    assert 'data-pathway="architect.nansha"' in html
    assert 'data-pathway="lawyer.nine_cities"' not in html
    rows = re.findall(r'<tr data-pathway="([a-z_.]+)"', html)
    assert rows == re.findall(r'<tr data-pathway="([a-z_.]+)"', plain.content.decode())
    assert all(row.endswith(".nansha") for row in rows)
    # and a filter that keeps the ended pilot still lists it as ended
    assert lawyers.status_code == 400
    assert 'data-pathway="lawyer.nine_cities" data-status="ended"' in lawyers.content.decode()
