"""Contribution files: per-row validation with reasons, one transaction per file, no double import."""

import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from talentbridge.core.errors import Forbidden, InvalidInput
from talentbridge.core.models import TaskProgress
from talentbridge.insurance import importing
from talentbridge.insurance.models import ContributionImport, ContributionPeriod
from talentbridge.insurance.services import contribution_import_start, exemption_record
from tests.insurance.conftest import HEADER

NOT_EMPLOYEE = "Not on record as an employee of your organisation: the social insurance fund records a new employee's first period."


def csv_bytes(*lines: str) -> bytes:
    return (HEADER + "".join(line + "\n" for line in lines)).encode()


def start(user, data: bytes, name="contributions.csv", django_capture_on_commit_callbacks=None):
    return contribution_import_start(user=user, chunks=[data], original_name=name)


@pytest.fixture
def run_now(django_capture_on_commit_callbacks):
    """Start an import and run its task (the immediate backend runs on commit)."""

    def run(user, data: bytes, name="contributions.csv"):
        with django_capture_on_commit_callbacks(execute=True):
            record, created = contribution_import_start(user=user, chunks=[data], original_name=name)
        record.refresh_from_db()
        return record, created

    return run


def test_good_and_bad_rows_are_separated_with_reasons(run_now, agency, employee, add_period):
    # given an employee of ACME with an existing unemployment period in 2024
    insured = employee
    add_period(insured, "unemployment", "2024-01", "2024-06", employer="ACME")
    email = insured.email
    data = csv_bytes(
        f"{email},pension,guangzhou,ACME,91440101,2024-07,2024-12,8000",  # 2 accepted
        f"{email},pension,shenzhen,ACME,,2025-01,,9000",  # 3 accepted (open, another city)
        "nobody@example.org,pension,guangzhou,ACME,,2024-07,,8000",  # 4 unknown person
        f"{email},medical,guangzhou,ACME,,2024-13,,8000",  # 5 bad month
        f"{email},unemployment,guangzhou,ACME,,2024-05,2024-08,8000",  # 6 overlaps an existing period
        f"{email},work_injury,guangzhou,ACME,,2024-07,,100",  # 7 wage below 60%
        f"{email},pension,guangzhou,ACME,,2024-10,2024-11,8000",  # 8 overlaps row 2 of this file
        f"{email},pension,hongkong,ACME,,2024-07,,8000",  # 9 not a mainland city
        f"{email},maternity,guangzhou,ACME,,2025-09,,8000",  # 10 future
    )
    record, created = run_now(agency, data)
    assert created is True
    assert (record.status, record.rows_total, record.rows_accepted, record.rows_rejected) == ("done", 9, 2, 7)
    reasons = {entry["row"]: entry["reasons"] for entry in record.rejected_rows()}
    assert sorted(reasons) == [4, 5, 6, 7, 8, 9, 10]
    assert reasons[4] == [NOT_EMPLOYEE]
    assert reasons[5] == ["Write months as YYYY-MM."]
    assert reasons[6] == ["Overlaps a period already recorded for this scheme."]
    assert reasons[7] == [
        "The monthly wage must be between CNY 4,680.00 and CNY 23,400.00 (60%–300% of the average wage)."
    ]
    assert reasons[8] == ["Overlaps a period already recorded for this scheme."]
    assert reasons[9] == ["Unknown city: use one of the nine mainland GBA cities."]
    assert reasons[10] == ["The first month must be between 1990-01 and this month."]
    periods = ContributionPeriod.objects.filter(person=insured, scheme="pension").order_by("start_month")
    assert [(p.city.code, p.start_month, p.end_month, p.source_import_id) for p in periods] == [
        ("guangzhou", dt.date(2024, 7, 1), dt.date(2024, 12, 1), record.pk),
        ("shenzhen", dt.date(2025, 1, 1), None, record.pk),
    ]
    progress = TaskProgress.objects.get(pk=record.progress_id)
    assert (progress.status, progress.done) == ("done", 9)


def test_the_same_file_twice_adds_nothing(run_now, agency, employee):
    data = csv_bytes(f"{employee.email},pension,guangzhou,ACME,,2024-07,,8000")
    first, _created = run_now(agency, data)
    again, created = run_now(agency, data)
    assert (again.pk, created) == (first.pk, False)
    assert ContributionImport.objects.count() == 1
    assert ContributionPeriod.objects.filter(source_import__isnull=False).count() == 1


def test_rows_already_recorded_in_another_file_are_skipped_not_rejected(run_now, agency, employee):
    row = f"{employee.email},pension,guangzhou,ACME,,2024-07,,8000"
    run_now(agency, csv_bytes(row))
    record, _ = run_now(agency, csv_bytes(row, f"{employee.email},medical,guangzhou,ACME,,2024-07,,8000"))
    assert (record.rows_accepted, record.rows_duplicate, record.rows_rejected) == (1, 1, 0)
    assert ContributionPeriod.objects.filter(source_import__isnull=False).count() == 2


def test_xlsx_is_read_row_by_row(run_now, agency, employee):
    insured = employee
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.strip().split(","))
    sheet.append([insured.email, "pension", "zhuhai", "ACME", "", dt.datetime(2024, 8, 1), None, 8000])
    sheet.append([insured.email, "pension", "zhuhai", "ACME", "", "2024-13", None, 8000])
    buffer = io.BytesIO()
    book.save(buffer)
    record, _ = run_now(agency, buffer.getvalue(), name="file.xlsx")
    assert (record.file_format, record.rows_accepted, record.rows_rejected) == ("xlsx", 1, 1)
    assert ContributionPeriod.objects.get(source_import=record).start_month == dt.date(2024, 8, 1)


def test_exempt_macao_resident_is_refused_pension_and_unemployment(run_now, agency, make_user, add_period):
    macao = make_user("applicant", residence="MO")
    add_period(macao, "medical", "2023-01", "2023-12", city="zhuhai", employer="ACME")
    exemption_record(person=macao, evidence="FSS-123", valid_from=dt.date(2024, 1, 1))
    record, _ = run_now(
        agency,
        csv_bytes(
            f"{macao.email},pension,zhuhai,ACME,,2024-07,,8000",
            f"{macao.email},unemployment,zhuhai,ACME,,2024-07,,8000",
            f"{macao.email},work_injury,zhuhai,ACME,,2024-07,,8000",
        ),
    )
    assert (record.rows_accepted, record.rows_rejected) == (1, 2)
    assert record.rejected_rows()[0]["reasons"] == ["The person is exempt from this scheme (Macao social security)."]
    assert list(ContributionPeriod.objects.filter(source_import=record).values_list("scheme", flat=True)) == [
        "work_injury"
    ]


def test_only_hk_macao_exemption_for_macao_residents(insured):
    with pytest.raises(InvalidInput):
        exemption_record(person=insured, evidence="FSS-1", valid_from=dt.date(2024, 1, 1))


def test_a_fund_imports_only_for_its_own_city(run_now, fund_reviewer, insured):
    record, _ = run_now(
        fund_reviewer,
        csv_bytes(
            f"{insured.email},pension,guangzhou,ACME,,2024-07,,8000",
            f"{insured.email},medical,shenzhen,ACME,,2024-07,,8000",
        ),
    )
    assert (record.rows_accepted, record.rows_rejected) == (1, 1)
    assert record.rejected_rows()[0]["reasons"] == ["This city is not one your fund may report for."]


def test_applicants_and_other_reviewers_may_not_import(insured, make_user):
    other = make_user("reviewer", authority="GD-DOJ")
    for user in (insured, other):
        with pytest.raises(Forbidden):
            contribution_import_start(user=user, chunks=[csv_bytes()], original_name="a.csv")
    assert ContributionImport.objects.count() == 0


def test_a_bad_header_is_refused_at_upload_and_records_nothing(agency):
    with pytest.raises(InvalidInput) as refused:
        contribution_import_start(user=agency, chunks=[b"who,what\nx,y\n"], original_name="contributions.csv")
    assert "person_email" in refused.value.details["file"][0]
    assert (ContributionImport.objects.count(), ContributionPeriod.objects.count()) == (0, 0)


def test_other_formats_are_refused(agency):
    with pytest.raises(InvalidInput):
        contribution_import_start(user=agency, chunks=[b"x"], original_name="a.txt")


def test_chunks_see_each_other(agency, insured, reference):
    # given rows of one person split over two chunks, the second overlapping the first
    rows = iter(
        [
            (
                2,
                {
                    "person_email": insured.email,
                    "scheme": "pension",
                    "city": "guangzhou",
                    "employer_name": "A",
                    "start_month": "2024-07",
                    "end_month": "2024-09",
                    "monthly_wage": "8000",
                },
            ),
            (
                3,
                {
                    "person_email": insured.email,
                    "scheme": "pension",
                    "city": "guangzhou",
                    "employer_name": "A",
                    "start_month": "2024-08",
                    "end_month": "",
                    "monthly_wage": "8000",
                },
            ),
        ]
    )
    outcome = importing.import_rows(rows, import_id=None, chunk_rows=1)
    assert (outcome.accepted, outcome.rejected_count) == (1, 1)


def test_reasons_are_stored_as_msgids_with_their_values_not_as_words_of_the_runs_language(run_now, agency):
    from django.utils import translation

    with translation.override("zh-hant"):
        record, _ = run_now(agency, csv_bytes("nobody@example.org,bogus,guangzhou,ACME,,2024-07,,8000"))

    assert record.rejected == [
        {
            "row": 2,
            "person": "nobody@example.org",
            "reasons": [{"msgid": "Unknown scheme %(value)r.", "params": {"value": "bogus"}}, NOT_EMPLOYEE],
        }
    ]
    with translation.override("zh-hans"):
        assert record.rejected_rows()[0]["reasons"] == [
            "未知的险种 'bogus'。",
            "记录中此人不是贵单位的职工：新职工的首段参保记录由社会保险经办机构登记。",
        ]
    with translation.override("en"):
        assert record.rejected_rows()[0]["reasons"] == ["Unknown scheme 'bogus'.", NOT_EMPLOYEE]


MISSING = "person_email, scheme, city, employer_name, start_month, monthly_wage"


@pytest.mark.parametrize(
    ("language", "words"),
    [("zh-hans", f"表头缺少以下列：{MISSING}"), ("zh-hant", f"標題列缺少以下欄：{MISSING}")],
)
def test_why_an_import_failed_reads_in_the_readers_language(
    django_capture_on_commit_callbacks, agency, language, words
):
    from django.utils import translation

    from talentbridge.insurance.tasks import run_contribution_import

    with translation.override("en"), django_capture_on_commit_callbacks(execute=False):
        record, _ = contribution_import_start(user=agency, chunks=[HEADER.encode()], original_name="c.csv")
    Path(record.stored_path).write_bytes(b"who,what\nx,y\n")  # the file read in the background lacks the header
    with translation.override("en"):
        run_contribution_import.call(record.pk, "en", record.attempt)
    record.refresh_from_db()

    assert record.status == "failed"
    assert record.error_reason == {
        "attempt": 1,
        "file": True,
        "reason": {"msgid": "The header lacks the columns: %(names)s", "params": {"names": MISSING}},
    }
    with translation.override(language):
        assert record.error_text() == words
    with translation.override("en"):
        assert record.error_text() == f"The header lacks the columns: {MISSING}"


def test_a_reason_kept_from_an_earlier_attempt_is_not_shown_for_a_later_one(agency):
    record = ContributionImport.objects.create(
        uploaded_by=agency,
        original_name="c.csv",
        file_format="csv",
        sha256="1" * 64,
        status=ContributionImport.Status.FAILED,
        attempt=2,
        error="The import stopped before it finished.",
        error_reason={"attempt": 1, "reason": "The file is empty."},
    )

    assert record.error_text() == "The import stopped before it finished."
