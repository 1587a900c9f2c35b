"""Pages cite a rule's source by its title in the page's language (rules/sources.yaml), not in English."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re
from typing import Any

import pytest
import yaml
from django.test import Client
from django.urls import reverse
from django.utils import translation

from talentbridge.accounts.models import Role
from talentbridge.core import clock
from talentbridge.mobility.checker import DOCUMENTS_FILE
from talentbridge.policy import presenter
from talentbridge.policy.services import determination_make
from talentbridge.practice.catalogue import extra_data
from talentbridge.rules import citations, labels, params, rulebook

pytestmark = pytest.mark.django_db

TODAY = dt.datetime(2025, 6, 10, 10, tzinfo=dt.UTC)
LAWYERS = citations.sources()["lawyers_pilot_measures"]["title"]
CONSTRUCTION = citations.sources()["construction_professionals_measures"]["title"]
ENDORSEMENT = citations.sources()["talent_endorsement_announcement"]["title"]
WORK_INJURY = citations.sources()["work_injury_insurance_regulation"]["title"]
LAWYER_FORM = {
    "field": "lawyer",
    "zone": "nine_cities",
    "home_jurisdiction": "hong_kong",
    "holds_home_licence": "yes",
    "years_of_practice": "2",
    "is_permanent_resident": "yes",
    "is_chinese_citizen": "yes",
    "has_disciplinary_record": "no",
    "on": "2025-06-01",
}


@pytest.fixture(autouse=True)
def _today():
    # A Chinese page activates its language for the thread: the next test starts in English again.
    with clock.frozen_at(TODAY), translation.override("en"):
        yield


def _client(language: str, client: Client | None = None) -> Client:
    client = client or Client()
    client.cookies["django_language"] = language
    return client


def _citations(page: bytes) -> list[str]:
    """The text of every citation on the page (the `cite` filter's <cite> and source links)."""
    found = re.findall(r'<cite>(.*?)</cite>|class="source-link">(.*?)</a>', page.decode(), re.S)
    return [html_lib.unescape(a or b) for a, b in found]


def test_a_zh_hant_determination_page_cites_the_traditional_title_not_the_english(make_user, signed_in):
    month = "2025-01"
    inputs = {
        "practice_field": {month: "lawyer"},
        "home_jurisdiction": {month: "hong_kong"},
        "years_of_practice": {month: 2},
        "holds_home_licence": {month: True},
        "is_permanent_resident": {month: True},
        "is_chinese_citizen": {month: True},
    }
    determination = determination_make(inputs=inputs, period=month, outputs=["practice_eligible"])
    client = _client("zh-hant", signed_in(make_user(Role.POLICY_OFFICER)))
    page = client.get(f"/policy/determinations/{determination.pk}/").content
    citations = _citations(page)
    assert LAWYERS["zh_hant"] in citations
    assert not any("NPCSC" in cited or "Measures for" in cited for cited in citations)
    assert LAWYERS["zh_hans"] not in page.decode()


def test_the_english_determination_page_keeps_the_english_citation(make_user, signed_in):
    month = "2025-01"
    inputs = {"practice_field": {month: "lawyer"}, "years_of_practice": {month: 2}}
    determination = determination_make(inputs=inputs, period=month, outputs=["practice_eligible"])
    page = _client("en", signed_in(make_user(Role.POLICY_OFFICER))).get(f"/policy/determinations/{determination.pk}/")
    citations = _citations(page.content)
    assert any(cited.startswith("NPCSC decision of 11 Aug 2020") for cited in citations)
    assert LAWYERS["zh_hant"] not in page.content.decode()


@pytest.mark.parametrize("language", ["zh-hans", "zh-hant"])
def test_the_practice_checker_result_cites_sources_in_the_pages_chinese(reference, language):
    key = language.replace("-", "_")
    page = _client(language).post(reverse("web:practice_check"), LAWYER_FORM).content
    citations = _citations(page)
    assert LAWYERS[key] in citations
    assert not [cited for cited in citations if re.search(r"[A-Za-z]{3,}", cited)]


def test_a_macao_architect_reads_the_construction_measures_in_traditional_chinese(reference):
    data = {**LAWYER_FORM, "field": "architect", "home_jurisdiction": "macao"}
    citations = _citations(_client("zh-hant").post(reverse("web:practice_check"), data).content)
    assert CONSTRUCTION["zh_hant"] in citations
    assert not any("DHURD" in cited for cited in citations)


def test_the_endorsement_checker_cites_the_announcement_in_traditional_chinese(reference):
    data = {"category": "research", "holds_valid_eep": "on", "work_city": "shenzhen", "on": "2025-06-10"}
    citations = _citations(_client("zh-hant").post(reverse("web:endorsement_check"), data).content)
    assert ENDORSEMENT["zh_hant"] in citations
    assert not any("National Immigration Administration" in cited or "NIA" in cited for cited in citations)


def test_the_what_if_parameter_page_cites_the_regulation_in_simplified_chinese(make_user, signed_in):
    client = _client("zh-hans", signed_in(make_user(Role.POLICY_OFFICER)))
    path = "insurance.work_injury.one_off_subsidy_months.grade_1"
    fragment = client.get("/policy/what-if/parameter/", {"change-0-path": path})
    assert fragment.status_code == 200
    assert _citations(fragment.content) == [WORK_INJURY["zh_hans"]]


def test_every_source_the_practice_and_endorsement_pages_name_is_registered():
    data = extra_data()
    named = [
        str(part["source"])
        for group in ("mechanisms", "fields", "pathways")
        for part in data[group].values()
        if part.get("source")
    ]
    documents = yaml.safe_load(DOCUMENTS_FILE.read_text(encoding="utf-8"))
    rows = [*documents["common"], *documents["hetao_park"]]
    rows += [row for category in documents["categories"].values() for row in category]
    named += [str(row["source"]) for row in rows]
    assert named and [text for text in named if "titles" not in labels.source(text)] == []


def _rule(name: str) -> dict[str, Any]:
    leaf = params.find(rulebook(), name)
    assert leaf is not None
    return {
        "name": name,
        "label": labels.parameter_label(name),
        "value": 1,
        "unit": leaf.metadata.get("unit"),
        "effective_date": "2023-03-01",
        "reference": leaf.metadata.get("reference"),
    }


def test_one_source_cited_by_a_confirmed_and_a_provisional_figure_says_provisional():
    # Two figures of the Youth Employment Scheme: in Chinese they cite the one scheme, once.
    confirmed = _rule("opportunities.youth_employment_scheme.phase")
    provisional = _rule("opportunities.youth_employment_scheme.guangdong_monthly_top_up_max_rmb")
    assert not labels.source(confirmed["reference"])["provisional"]
    assert labels.source(provisional["reference"])["provisional"]
    condition = {
        "variable": "youth_employment_scheme_open",
        "label": labels.variable_label("youth_employment_scheme_open"),
        "met": True,
        "facts": [],
        "rules": [confirmed, provisional],
    }
    with translation.override("zh-hant"):
        sources = presenter.reason_view(condition, known={})["sources"]
    assert [(s["title"], s["provisional"]) for s in sources] == [
        (citations.sources()["youth_employment_scheme"]["title"]["zh_hant"], True)
    ]
