"""What a person reads: no internal marker, code, parameter path or True/False; reasons with both values and a source.

Every page here is read in English, Simplified and Traditional Chinese through the test client.
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from talentbridge.accounts.models import Role
from talentbridge.core import clock
from talentbridge.credentials import services as credentials
from talentbridge.policy.models import WhatIfRun
from talentbridge.policy.services import determination_make
from talentbridge.rules.simulate import synthetic_snapshot

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "zh-hans", "zh-hant")
TODAY = dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC)
MARKERS = re.compile(r"\[unverified|\[src|\[secondary|DOMAIN\.md|placeholder|replace with the published|TODO", re.I)
SNAKE = re.compile(r"\b[a-z]+_[a-z0-9_]+\b")
BOOLEAN = re.compile(r"\b(True|False)\b")
AUTHORITY_CODE = re.compile(r"\b(GD|HK|MO|SHENZHEN|GUANGZHOU|ZHUHAI)-[A-Z-]+\b")
PARAMETER_PATH = re.compile(r"\b(practice|insurance|mobility|opportunities)\.[a-z_]+\.[a-z_.]+")
LAWYER = {
    "field": "lawyer",
    "zone": "nine_cities",
    "home_jurisdiction": "hong_kong",
    "holds_home_licence": "yes",
    "years_of_practice": "2",
    "is_permanent_resident": "yes",
    "is_chinese_citizen": "yes",
    "has_disciplinary_record": "no",
}


@pytest.fixture(autouse=True)
def _today():
    # Pages in Chinese activate that language for the thread: give the next test English again.
    with clock.frozen_at(TODAY), translation.override("en"):
        yield


def visible(page: bytes | str) -> str:
    """The text a person sees: no markup, scripts, attributes or form option values."""
    text = page.decode() if isinstance(page, bytes) else page
    text = re.sub(r"(?s)<(script|style|svg)\b.*?</\1>", " ", text)
    text = re.sub(r"(?s)<[^>]+>", " ", text)
    return re.sub(r"\s+", " ", html_lib.unescape(text))


def assert_reads_plainly(page: bytes | str) -> str:
    text = visible(page)
    for pattern in (MARKERS, SNAKE, BOOLEAN, AUTHORITY_CODE, PARAMETER_PATH):
        found = pattern.findall(text)
        assert not found, (pattern.pattern, found[:5], text[:3000])
    assert "ProfessionalPracticeRegistration" not in text
    return text


def get(client: Client, url: str, language: str, **params: str) -> str:
    response = client.get(url, params, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, (url, response.status_code)
    return assert_reads_plainly(response.content)


def post(client: Client, url: str, language: str, data: dict[str, str]) -> str:
    response = client.post(url, data, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, (url, response.status_code)
    return assert_reads_plainly(response.content)


# --- the practice catalogue ---------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_names_codes_and_authorities_and_lists_the_ended_lawyers_pilot(reference, language):
    text = get(Client(), reverse("web:pathways"), language)
    page = Client().get(reverse("web:pathways"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert 'data-pathway="lawyer.nine_cities" data-status="ended"' in page
    assert 'data-ended-on="2026-10-04"' in page
    ended = {"en": "Ended on 4 Oct 2026", "zh-hans": "2026年10月4日", "zh-hant": "2026年10月4日"}[language]
    assert ended in text
    authority = {"en": "Department of Housing and Urban-Rural Development of Guangdong Province"}.get(
        language, "广东省住房和城乡建设厅" if language == "zh-hans" else "廣東省住房和城鄉建設廳"
    )
    assert authority in text


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("field", "zone"), [("architect", "qianhai"), ("lawyer", "nine_cities"), ("doctor", "hengqin")]
)
def test_pathway_pages_read_plainly_and_say_provisional_in_plain_words(reference, language, field, zone):
    text = get(Client(), reverse("web:pathway", args=[field, zone]), language)
    provisional = {
        "en": "provisional — not yet confirmed by an official notice",
        "zh-hans": "暂定——尚未经官方通告确认",
        "zh-hant": "暫定——尚未經官方通告確認",
    }[language]
    assert provisional in text


def test_the_ended_pathway_page_says_when_it_ended_and_keeps_its_terms(reference):
    page = Client().get(reverse("web:pathway", args=["lawyer", "nine_cities"])).content.decode()
    assert 'id="pathway-ended" data-ended-on="2026-10-04"' in page
    assert "This pathway ended on 4 Oct 2026." in visible(page)
    assert "Department of Justice of Guangdong Province" in visible(page)
    assert "data-minimum-years>3<" in page


# --- the practice checker ---------------------------------------------------------------------


def _reasons(page: str) -> dict[str, tuple[str, str]]:
    """data-variable -> (data-met, visible text) of each reason."""
    items = re.findall(r'<li class="[^"]*" data-variable="(\w+)" data-met="(\w+)">(.*?)</li>', page, re.S)
    return {variable: (met, visible(body).strip()) for variable, met, body in items}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_lawyer_with_two_years_after_the_pilot_ended_is_told_why_and_what_would_change(reference, language):
    text = post(Client(), reverse("web:practice_check"), language, {**LAWYER, "on": "2026-12-01"})
    page = Client().post(reverse("web:practice_check"), {**LAWYER, "on": "2026-12-01"}).content.decode()
    reasons = _reasons(page)
    assert list(reasons) == ["practice_pathway_available"]  # conditions with nothing to test are left out
    assert reasons["practice_pathway_available"][0] == "false"
    assert "The pathway for lawyers (nine cities) ended on 4 Oct 2026" in reasons["practice_pathway_available"][1]
    assert "NPCSC decision of 11 Aug 2020" in reasons["practice_pathway_available"][1]  # its source
    assert 'id="no-change"' in page and "the pathway ended on 4 Oct 2026" in visible(page)
    heading = {"en": "What would change the answer"}.get(language)
    if heading:
        assert heading in text
    assert "Rules applied" not in visible(page)  # no empty heading


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_lawyer_with_two_years_in_2025_is_told_both_values_and_the_source(reference, language):
    text = post(Client(), reverse("web:practice_check"), language, {**LAWYER, "on": "2025-06-01"})
    expected = {
        "en": "Years of practice — you: 2; the pathway requires at least 3.",
        "zh-hans": "执业年限——您：2年；该途径要求至少3年。",
        "zh-hant": "執業年資——您：2年；該途徑要求至少3年。",
    }[language]
    assert expected in text
    cited = {
        "en": "NPCSC decision of 11 Aug 2020",
        "zh-hans": "《香港法律执业者和澳门执业律师",
        "zh-hant": "《香港法律執業者和澳門執業律師",
    }
    assert cited[language] in text  # the source, in the page's language
    page = Client().post(reverse("web:practice_check"), {**LAWYER, "on": "2025-06-01"}).content.decode()
    assert 'data-kind="wait"' in page
    assert "Eligible in 12 months (from 1 Jun 2026), when you reach 3 years of practice." in visible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_macao_architect_is_told_the_pathway_is_not_open_to_macao(reference, language):
    data = {**LAWYER, "field": "architect", "home_jurisdiction": "macao", "on": "2026-12-01"}
    text = post(Client(), reverse("web:practice_check"), language, data)
    expected = {
        "en": "The pathway for architects (nine cities) is open to professionals of Hong Kong SAR only; "
        "you are registered in Macao SAR.",
        "zh-hans": "香港特别行政区",
        "zh-hant": "香港特別行政區",
    }[language]
    assert expected in text
    assert "A pathway is in force: not met" not in text
    source = {
        "en": "Guangdong DHURD interim guidelines",
        "zh-hans": "《香港工程建设咨询企业和专业人士在粤港澳大湾区内地城市开业执业试点管理暂行办法》",
        "zh-hant": "《香港工程建設諮詢企業和專業人士在粵港澳大灣區內地城市開業執業試點管理暫行辦法》",
    }[language]
    assert source in text  # the source of "open to Hong Kong only", in the page's language


def test_an_eligible_architect_sees_the_authority_by_name_and_every_reason_has_a_source(reference):
    data = {**LAWYER, "field": "architect", "years_of_practice": "5", "on": "2025-06-01"}
    page = Client().post(reverse("web:practice_check"), data).content.decode()
    assert 'data-eligible="true"' in page
    assert (
        '<dd data-authority="GD-DHURD">Department of Housing and Urban-Rural Development of Guangdong Province</dd>'
        in page
    )
    for variable, (_met, body) in _reasons(page).items():
        assert "Source:" in body, variable
    assert_reads_plainly(page)


# --- the endorsement checker --------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_endorsement_checker_names_cities_and_states_both_values(reference, language):
    data = {"category": "research", "holds_valid_eep": "on", "work_city": "shenzhen", "on": "2025-06-10"}
    text = post(Client(), reverse("web:endorsement_check"), language, data)
    city = {"en": "Shenzhen: from", "zh-hans": "深圳", "zh-hant": "深圳"}[language]
    assert city in text
    if language == "en":
        assert "Work city — yours: Shenzhen; the endorsement is issued there: yes." in text
        assert "Valid Exit-Entry Permit — you: yes; required: yes." in text


# --- certificates ------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_practice_certificate_names_its_type_and_statements(reference, applicant, signed_in, language):
    with clock.frozen_at(dt.datetime(2025, 6, 1, tzinfo=dt.UTC)):
        certificate = credentials.certificate_issue(
            issuer_code="GD-DHURD",
            subject={"user_id": str(applicant.pk), "name": "Chan Tai Man", "registrationNumber": "GD-AR-2025-0001"},
            claims={
                "type": "ProfessionalPracticeRegistration",
                "field": "architect",
                "zone": "nine_cities",
                "mechanism": "record_filing",
                "scope": "",
                "homeJurisdiction": "hong_kong",
            },
            valid_from=dt.date(2025, 1, 1),
            valid_until=dt.date(2027, 12, 31),
        )
    page = signed_in(applicant).get(
        reverse("web:certificate_print", args=[certificate.pk]), HTTP_ACCEPT_LANGUAGE=language
    )
    assert page.status_code == 200
    text = visible(page.content)
    assert "ProfessionalPracticeRegistration" not in text and "hong_kong" not in text and "nine_cities" not in text
    expected = {
        "en": ["Registration to practise a profession in the Greater Bay Area", "Hong Kong SAR", "Architect"],
        "zh-hans": ["大湾区专业执业登记证明", "香港特别行政区", "建筑师"],
        "zh-hant": ["大灣區專業執業登記證明", "香港特別行政區", "建築師"],
    }[language]
    for words in expected:
        assert words in text


# --- policy pages ------------------------------------------------------------------------------


@pytest.fixture
def snapshot(settings, tmp_path: Path) -> Path:
    settings.SNAPSHOT_ROOT = tmp_path / "snapshots"
    settings.SNAPSHOT_ROOT.mkdir()
    return synthetic_snapshot(settings.SNAPSHOT_ROOT / "population-20250101-000000-1.parquet", 300, seed=3)


@pytest.mark.parametrize("language", LANGUAGES)
def test_policy_pages_name_parameters_by_label(
    make_user, signed_in, snapshot, language, django_capture_on_commit_callbacks
):
    client = signed_in(make_user(Role.POLICY_OFFICER))
    path = "insurance.pension.calculation_base"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/policy/what-if/",
            {
                "change-TOTAL_FORMS": "1",
                "change-INITIAL_FORMS": "0",
                "change-MIN_NUM_FORMS": "0",
                "change-MAX_NUM_FORMS": "12",
                "change-0-path": "practice.pathways.lawyer.nine_cities.minimum_years_of_practice",
                "change-0-value": "2",
                "change-0-effective_date": "2024-01-01",
                "period": "2025-01",
            },
        )
    run = WhatIfRun.objects.get()
    for url in (f"/policy/what-if/{run.pk}/", "/policy/what-if/runs/"):
        text = get(client, url, language)
        label = {"en": "minimum years of practice", "zh-hans": "最低执业年限", "zh-hant": "最低執業年限"}[language]
        assert label in text
    fragment = client.get("/policy/what-if/parameter/", {"change-0-path": path}, HTTP_ACCEPT_LANGUAGE=language)
    text = assert_reads_plainly(fragment.content)
    provisional = {"en": "provisional — not yet confirmed", "zh-hans": "暂定", "zh-hant": "暫定"}[language]
    source = {
        "en": "Guangdong HRSS annual notice of the pension calculation base",
        "zh-hans": "广东省人力资源和社会保障厅基本养老金计发基数年度通知",
        "zh-hant": "廣東省人力資源和社會保障廳基本養老金計發基數年度通知",
    }[language]
    assert provisional in text and source in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_determination_page_gives_each_reason_both_values_without_codes(make_user, signed_in, language):
    month = "2025-01"
    inputs = {
        "practice_field": {month: "architect"},
        "home_jurisdiction": {month: "hong_kong"},
        "years_of_practice": {month: 5},
        "holds_home_licence": {month: True},
    }
    determination = determination_make(
        inputs=inputs, period=month, outputs=["practice_eligible", "practice_mechanism", "practice_authority"]
    )
    text = get(signed_in(make_user(Role.POLICY_OFFICER)), f"/policy/determinations/{determination.pk}/", language)
    expected = {
        "en": [
            "Home registration or licence — you hold a current one: yes; the pathway accepts only holders of one: yes.",
            "Department of Housing",
        ],
        "zh-hans": ["港澳执业资格——您持有有效资格：是；该途径仅接受持有者：是。", "广东省住房和城乡建设厅"],
        "zh-hant": ["港澳執業資格——您持有有效資格：是；該途徑只接受持有者：是。", "廣東省住房和城鄉建設廳"],
    }[language]
    for words in expected:
        assert words in text


def test_the_stored_explanation_keeps_the_developers_markers(reference):
    """The markers stay in the data and the stored trace (developers need them); only pages drop them."""
    month = "2025-01"
    determination = determination_make(
        inputs={"practice_field": {month: "lawyer"}, "years_of_practice": {month: 2}},
        period=month,
        outputs=["practice_eligible"],
    )
    minimum = next(
        p
        for p in determination.explanation["outputs"][0]["parameters"]
        if p["name"].endswith("nine_cities.mechanism")  # the end of the pilot is unconfirmed
    )
    assert "[unverified]" in minimum["reference"]
    assert minimum["source"]["provisional"] is True and "[unverified]" not in minimum["source"]["title"]
