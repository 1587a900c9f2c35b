"""Contribution imports: an employer's own rows named by name alone, files that are not what their name says
refused at upload, no retry for a failed file; an award's day of decision in local time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone, translation

from talentbridge.accounts.models import Organisation, Role
from talentbridge.core.errors import Conflict, InvalidInput
from talentbridge.insurance.awards import award_view
from talentbridge.insurance.models import BenefitAward, ContributionImport, ContributionPeriod
from talentbridge.insurance.services import contribution_import_retry, contribution_import_start
from talentbridge.insurance.tasks import run_contribution_import
from talentbridge.reference.models import City
from tests.insurance.conftest import HEADER
from tests.insurance.test_claims import approve, claim

pytestmark = pytest.mark.django_db
NAME = "Qianhai Harbour Engineering Co., Ltd."
OTHER_EMPLOYER = "The row names another employer: an employer records only its own contributions."


@pytest.fixture
def run_now(django_capture_on_commit_callbacks):
    def run(user, data: bytes, name="contributions.csv"):
        with django_capture_on_commit_callbacks(execute=True):
            record, _created = contribution_import_start(user=user, chunks=[data], original_name=name)
        record.refresh_from_db()
        return record

    return run


def test_an_employer_with_a_number_records_its_own_rows_named_by_name_alone(run_now, make_user, add_period):
    org = Organisation.objects.create(
        name=NAME,
        kind=Organisation.Kind.EMPLOYER,
        city=City.objects.get(code="shenzhen"),
        unified_social_credit_code="91440300QH",
    )
    staff = make_user(Role.ORGANISATION_STAFF, organisation=org)
    person = make_user(Role.APPLICANT, residence="HK")
    period = add_period(person, "medical", "2015-01", "2015-12", employer=NAME)
    ContributionPeriod.objects.filter(pk=period.pk).update(employer_code="91440300QH")
    lines = [
        f'{person.email},pension,shenzhen,"{NAME}",,2016-01,2016-12,9000',  # own, by name only: recorded
        f"{person.email},unemployment,shenzhen,Other Ltd,,2016-01,2016-12,9000",  # another name: refused
        f'{person.email},medical,shenzhen,"{NAME}",OTHER,2016-01,2016-12,9000',  # another number: refused
    ]
    record = run_now(staff, (HEADER + "\n".join(lines) + "\n").encode())
    assert (record.rows_accepted, [(e["row"], e["reasons"]) for e in record.rejected]) == (
        1,
        [(3, [OTHER_EMPLOYER]), (4, [OTHER_EMPLOYER])],
    )
    recorded = ContributionPeriod.objects.get(source_import=record)
    assert (recorded.scheme, recorded.employer_code) == ("pension", "91440300QH")  # recorded with its number


@pytest.mark.parametrize(
    ("data", "name"),
    [(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00<<>>", "contributions.csv"), (b"PK\x03\x04junk", "c.xlsx")],
)
def test_a_file_that_is_not_csv_or_xlsx_is_refused_at_upload(agency, data, name, settings):
    with pytest.raises(InvalidInput) as refused:
        contribution_import_start(user=agency, chunks=[data], original_name=name)
    assert refused.value.details == {"file": ["This is not a CSV or XLSX file."]}
    assert not ContributionImport.objects.exists()
    assert not list(Path(settings.INSURANCE_IMPORT_ROOT).glob("*"))  # nothing kept


def test_a_csv_without_the_header_is_refused_at_upload(agency):
    with pytest.raises(InvalidInput) as refused:
        contribution_import_start(user=agency, chunks=[b"who,what\nx,y\n"], original_name="c.csv")
    assert "The header lacks the columns" in refused.value.details["file"][0]
    assert not ContributionImport.objects.exists()


def test_an_import_failed_for_its_file_offers_no_retry(agency, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        record, _ = contribution_import_start(user=agency, chunks=[HEADER.encode()], original_name="c.csv")
    Path(record.stored_path).write_bytes(b"\x00\x01 not text")  # the file read in the background is not text
    run_contribution_import.call(record.pk, "en", record.attempt)
    record.refresh_from_db()
    assert record.status == "failed" and record.error_text() == "This is not a CSV or XLSX file."
    assert record.retriable is False
    with pytest.raises(Conflict):
        contribution_import_retry(user=agency, import_id=record.pk)


def test_the_day_of_decision_is_the_local_day(insured, fund_reviewer, add_period, make_user):
    add_period(insured, "unemployment", "2019-06", "2025-05", city="guangzhou")
    case = claim(
        insured, fund_reviewer, benefit="unemployment", involuntary_job_loss="yes", registered_as_job_seeker="yes"
    )
    approve(case, fund_reviewer, make_user)
    award = BenefitAward.objects.get(case_reference=case.reference)
    award.awarded_at = dt.datetime(2026, 12, 1, 16, 1, tzinfo=dt.UTC)  # 2 Dec 00:01 in Guangdong
    with translation.override("en"), timezone.override("Asia/Shanghai"):
        assert award_view(award)["decided_on"] == "2 Dec 2026"
