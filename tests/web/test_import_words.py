"""The contribution import pages in words a person reads, in English and both Chinese scripts.

The help names the codes the `scheme` and `city` columns accept, each with its label; amounts in a
report read as on the rest of the platform ("CNY 4,680.00"); counts take the plural form of the
reader's language.
"""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from talentbridge.accounts.models import Organisation, Role
from talentbridge.core import clock
from talentbridge.insurance.models import ContributionImport
from talentbridge.reference.models import City
from talentbridge.vocabulary import INSURANCE_SCHEME

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2025, 6, 15, 10, 0, tzinfo=dt.UTC)
HEADER = "person_email,scheme,city,employer_name,employer_code,start_month,end_month,monthly_wage\n"
LANGUAGES = ["en", "zh-hans", "zh-hant"]
KEY = {"en": "en", "zh-hans": "zh_hans", "zh-hant": "zh_hant"}
LOWEST_WAGE = {"en": "CNY 4,680.00", "zh-hans": "人民币4,680.00元", "zh-hant": "人民幣4,680.00元"}
HIGHEST_WAGE = {"en": "CNY 23,400.00", "zh-hans": "人民币23,400.00元", "zh-hant": "人民幣23,400.00元"}
WAGE_UNIT = {"en": "in yuan (CNY)", "zh-hans": "以人民币元为单位", "zh-hant": "以人民幣元為單位"}


@pytest.fixture(autouse=True)
def _pinned(settings, tmp_path):
    settings.INSURANCE_IMPORT_ROOT = tmp_path / "imports"
    with clock.frozen_at(NOW):
        yield


def _text(response) -> str:
    """The page's words, tags dropped and entities read."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def _employer(make_user):
    acme = Organisation.objects.create(
        name="ACME", kind=Organisation.Kind.EMPLOYER, city=City.objects.get(code="zhuhai")
    )
    return make_user(Role.ORGANISATION_STAFF, organisation=acme)


def _send(client, data: bytes, capture, language: str = "en"):
    with capture(execute=True):
        return client.post(
            "/insurance/imports/",
            {"file": SimpleUploadedFile("c.csv", data, "text/csv")},
            HTTP_ACCEPT_LANGUAGE=language,
        )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_help_lists_each_scheme_and_city_code_with_its_label(signed_in, make_user, language) -> None:
    page = _text(signed_in(_employer(make_user)).get("/insurance/imports/", HTTP_ACCEPT_LANGUAGE=language))

    for term in INSURANCE_SCHEME:
        assert f"{term.code} — {term.label(KEY[language])}" in page
    mainland = City.objects.filter(is_mainland=True)
    assert mainland.count() == 9
    for city in mainland:
        assert f"{city.code} — {getattr(city, f'name_{KEY[language]}')}" in page
    for city in City.objects.filter(is_mainland=False):
        assert f"{city.code} —" not in page  # Hong Kong and Macao are no file's city
    assert "YYYY-MM" in page and "2024-07" in page
    assert WAGE_UNIT[language] in page and "300%" in page and "%%" not in page


def test_a_fund_is_offered_only_its_own_city(signed_in, make_user) -> None:
    fund = make_user(Role.REVIEWER, authority="GUANGZHOU-SIF")
    page = _text(signed_in(fund).get("/insurance/imports/", HTTP_ACCEPT_LANGUAGE="en"))

    assert "guangzhou — Guangzhou" in page
    assert "shenzhen —" not in page


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_wage_out_of_bounds_reads_as_money(signed_in, make_user, language, django_capture_on_commit_callbacks):
    client = signed_in(_employer(make_user))
    _send(
        client,
        (HEADER + "ghost@example.org,medical,zhuhai,ACME,,2024-07,,100\n").encode(),
        django_capture_on_commit_callbacks,
    )
    record = ContributionImport.objects.get()

    page = _text(client.get(f"/insurance/imports/{record.pk}/", HTTP_ACCEPT_LANGUAGE=language))

    assert LOWEST_WAGE[language] in page and HIGHEST_WAGE[language] in page
    assert "4680.00" not in page and "23400.00" not in page


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "1 row recorded, 0 already recorded, 0 rejected."),
        ("zh-hans", "已记录 1 行，0 行此前已记录，0 行被拒。"),
        ("zh-hant", "已記錄 1 行，0 行此前已記錄，0 行被拒。"),
    ],
)
def test_the_progress_of_one_recorded_row_says_row(
    signed_in, make_user, language, said, django_capture_on_commit_callbacks
) -> None:
    fund = make_user(Role.REVIEWER, authority="GUANGZHOU-SIF")
    person = make_user(Role.APPLICANT, residence="HK")
    client = signed_in(fund)
    data = (HEADER + f"{person.email},pension,guangzhou,ACME,,2024-07,,8000\n").encode()
    _send(client, data, django_capture_on_commit_callbacks)
    record = ContributionImport.objects.get()
    assert record.rows_accepted == 1

    page = _text(client.get(f"/tasks/{record.progress_id}/", HTTP_ACCEPT_LANGUAGE=language))

    assert said in page
    assert "1 rows" not in page


@pytest.mark.parametrize(
    ("language", "said"),
    [("en", "The first row is listed."), ("zh-hans", "仅列出前 1 行。"), ("zh-hant", "僅列出前 1 行。")],
)
def test_a_report_that_lists_one_of_its_rejected_rows_says_row(signed_in, make_user, language, said) -> None:
    staff = _employer(make_user)
    record = ContributionImport.objects.create(
        uploaded_by=staff,
        original_name="big.csv",
        file_format="csv",
        sha256="1" * 64,
        status=ContributionImport.Status.DONE,
        rows_total=3,
        rows_rejected=3,
        rejected=[{"row": 2, "person": "a@example.org", "reasons": ["The person is missing."]}],
    )

    page = _text(signed_in(staff).get(f"/insurance/imports/{record.pk}/", HTTP_ACCEPT_LANGUAGE=language))

    assert said in page
    assert "The first 1 are listed" not in page


@pytest.mark.parametrize(
    ("language", "limit", "refused"),
    [
        ("en", "At most 1 row per file;", "The file has more than 1 row: split it into smaller files."),
        ("zh-hans", "每个文件最多 1 行；", "该文件超过 1 行：请拆分为较小的文件。"),
        ("zh-hant", "每個檔案最多 1 行；", "該檔案超過 1 行：請拆分為較小的檔案。"),
    ],
)
def test_a_limit_of_one_row_says_row(
    signed_in, make_user, settings, language, limit, refused, django_capture_on_commit_callbacks
) -> None:
    settings.INSURANCE_IMPORT_MAX_ROWS = 1
    client = signed_in(_employer(make_user))
    assert limit in _text(client.get("/insurance/imports/", HTTP_ACCEPT_LANGUAGE=language))

    data = (HEADER + "a@example.org,medical,zhuhai,ACME,,2024-07,,8000\n" * 2).encode()
    response = _send(client, data, django_capture_on_commit_callbacks, language)

    assert response.status_code != 302
    assert refused in _text(response)
    assert "1 rows" not in _text(response)
