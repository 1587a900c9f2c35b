"""An import report reads in the language of whoever reads it, not of the run that made it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from talentbridge.accounts.models import Organisation, Role
from talentbridge.core import clock
from talentbridge.insurance.models import ContributionImport
from talentbridge.reference.models import City

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2025, 6, 15, 10, 0, tzinfo=dt.UTC)
HEADER = "person_email,scheme,city,employer_name,employer_code,start_month,end_month,monthly_wage\n"
NOT_EMPLOYEE = {
    "zh-hans": "记录中此人不是贵单位的职工：新职工的首段参保记录由社会保险经办机构登记。",
    "zh-hant": "記錄中此人不是貴機構的僱員：新僱員的首段參保記錄由社會保險經辦機構登記。",
}
WAGE = {"zh-hans": "月工资须介于", "zh-hant": "月薪須介乎"}


@pytest.fixture(autouse=True)
def _pinned(settings, tmp_path):
    settings.INSURANCE_IMPORT_ROOT = tmp_path / "imports"
    with clock.frozen_at(NOW):
        yield


@pytest.mark.parametrize("language", ["zh-hans", "zh-hant"])
def test_rejected_rows_read_in_chinese_although_the_file_was_sent_in_english(
    signed_in, make_user, language, django_capture_on_commit_callbacks
) -> None:
    acme = Organisation.objects.create(
        name="ACME", kind=Organisation.Kind.EMPLOYER, city=City.objects.get(code="zhuhai")
    )
    client = signed_in(make_user(Role.ORGANISATION_STAFF, organisation=acme))
    data = (HEADER + "ghost@example.org,medical,zhuhai,ACME,,2024-07,,100\n").encode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/insurance/imports/", {"file": SimpleUploadedFile("c.csv", data, "text/csv")}, HTTP_ACCEPT_LANGUAGE="en"
        )
    record = ContributionImport.objects.get()

    page = client.get(f"/insurance/imports/{record.pk}/", HTTP_ACCEPT_LANGUAGE=language).content.decode()

    assert NOT_EMPLOYEE[language] in page
    assert WAGE[language] in page and "60%–300%" in page
    assert "Not on record as an employee" not in page and "The monthly wage" not in page
    english = client.get(f"/insurance/imports/{record.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Not on record as an employee of your organisation" in english


@pytest.mark.parametrize("language", ["zh-hans", "zh-hant"])
def test_a_report_stored_as_text_is_still_shown(signed_in, make_user, language) -> None:
    staff = make_user(Role.ORGANISATION_STAFF)
    record = ContributionImport.objects.create(
        uploaded_by=staff,
        original_name="old.csv",
        file_format="csv",
        sha256="0" * 64,
        status=ContributionImport.Status.DONE,
        rows_total=2,
        rows_rejected=2,
        rejected=[
            # stored by an older version, in the words of the run's language
            {
                "row": 2,
                "person": "a@example.org",
                "reasons": ["The person is exempt from this scheme (Macao social security)."],
            },
            {"row": 3, "person": "b@example.org", "reasons": ["Unknown scheme 'x'."]},
        ],
    )

    page = signed_in(staff).get(f"/insurance/imports/{record.pk}/", HTTP_ACCEPT_LANGUAGE=language).content.decode()

    exempt = {
        "zh-hans": "此人已参加澳门社会保障，获豁免参加此险种。",
        "zh-hant": "此人已參加澳門社會保障，獲豁免參加此險種。",
    }
    assert exempt[language] in page  # a stored msgid is put into the page's language
    assert "Unknown scheme &#x27;x&#x27;." in page  # a text with its value filled in stays as it was
