"""Insurance pages: import upload and report, estimate equal to the kernel, statement, claim."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from talentbridge.accounts.models import Organisation, Role
from talentbridge.casework.models import Application
from talentbridge.core import clock
from talentbridge.insurance.models import ContributionImport, ContributionPeriod
from talentbridge.reference.models import City
from talentbridge.rules import situation
from talentbridge.rules.money import round_money
from talentbridge.rules.system import rulebook

NOW = dt.datetime(2025, 6, 15, 10, 0, tzinfo=dt.UTC)
HEADER = "person_email,scheme,city,employer_name,employer_code,start_month,end_month,monthly_wage\n"


@pytest.fixture(autouse=True)
def _pinned(settings, tmp_path):
    settings.INSURANCE_IMPORT_ROOT = tmp_path / "imports"
    with clock.frozen_at(NOW):
        yield


@pytest.fixture
def insured(make_user):
    person = make_user(Role.APPLICANT, residence="HK")
    for scheme in ("pension", "unemployment", "work_injury"):
        for city, start, end, wage in (
            ("guangzhou", "2015-03", "2019-12", "8000"),
            ("shenzhen", "2020-01", None, "9500"),
        ):
            place = City.objects.get(code=city)
            ContributionPeriod.objects.create(
                person=person,
                scheme=scheme,
                jurisdiction=place.jurisdiction,
                city=place,
                employer_name="ACME",
                start_month=dt.date.fromisoformat(f"{start}-01"),
                end_month=dt.date.fromisoformat(f"{end}-01") if end else None,
                monthly_wage=Decimal(wage),
            )
    return person


def _acme_staff(make_user):
    acme = Organisation.objects.create(
        name="ACME", kind=Organisation.Kind.EMPLOYER, city=City.objects.get(code="zhuhai")
    )
    return make_user(Role.ORGANISATION_STAFF, organisation=acme)


def test_agency_uploads_a_file_and_sees_the_report(signed_in, make_user, insured, django_capture_on_commit_callbacks):
    agency = _acme_staff(make_user)
    data = (
        HEADER
        + f"{insured.email},medical,zhuhai,ACME,,2024-07,,8000\nghost@example.org,medical,zhuhai,ACME,,2024-07,,8000\n"
    ).encode()
    client = signed_in(agency)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/insurance/imports/", {"file": SimpleUploadedFile("c.csv", data, "text/csv")})
    record = ContributionImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/tasks/{record.progress_id}/"
    page = client.get(f"/insurance/imports/{record.pk}/").content.decode()
    assert 'data-count="accepted">1<' in page
    assert 'data-count="rejected">1<' in page
    assert "Not on record as an employee of your organisation" in page
    # the same file again adds nothing and says so
    again = client.post("/insurance/imports/", {"file": SimpleUploadedFile("c.csv", data, "text/csv")})
    assert again["Location"] == f"/insurance/imports/{record.pk}/?again=1"
    assert ContributionPeriod.objects.filter(scheme="medical").count() == 1


def test_the_same_file_from_another_organisation_is_its_own_import_on_the_web(
    signed_in, make_user, insured, django_capture_on_commit_callbacks
):
    data = (HEADER + f"{insured.email},medical,zhuhai,ACME,,2024-07,,8000\n").encode()
    acme = signed_in(_acme_staff(make_user))
    other_staff = make_user(Role.ORGANISATION_STAFF)
    other = signed_in(other_staff)
    with django_capture_on_commit_callbacks(execute=True):
        acme.post("/insurance/imports/", {"file": SimpleUploadedFile("c.csv", data, "text/csv")})
        response = other.post("/insurance/imports/", {"file": SimpleUploadedFile("c.csv", data, "text/csv")})
    mine, theirs = ContributionImport.objects.order_by("pk")
    assert theirs.uploaded_by == other_staff
    assert response["Location"] == f"/tasks/{theirs.progress_id}/"
    page = other.get(f"/insurance/imports/{theirs.pk}/").content.decode()
    assert 'data-count="accepted">0<' in page and 'data-count="rejected">1<' in page
    assert other.get(f"/insurance/imports/{mine.pk}/").status_code == 404


def test_administrators_see_imports_but_send_none_on_the_web(signed_in, make_user, insured):
    admin = signed_in(make_user(Role.ADMINISTRATOR))
    page = admin.get("/insurance/imports/")
    assert page.status_code == 200
    assert 'id="import-form"' not in page.content.decode()
    data = (HEADER + f"{insured.email},medical,zhuhai,ACME,,2024-07,,8000\n").encode()
    assert admin.post("/insurance/imports/", {"file": SimpleUploadedFile("c.csv", data, "text/csv")}).status_code == 403
    assert ContributionImport.objects.count() == 0


def test_a_stale_import_shows_its_reason_and_is_retried_with_the_button(
    signed_in, make_user, insured, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    from talentbridge.core.models import TaskProgress

    staff = _acme_staff(make_user)
    client = signed_in(staff)
    data = (HEADER + f"{insured.email},medical,zhuhai,ACME,,2024-07,,8000\n").encode()
    with django_capture_on_commit_callbacks(execute=False):  # the worker never runs it ...
        client.post("/insurance/imports/", {"file": SimpleUploadedFile("c.csv", data, "text/csv")})
    record = ContributionImport.objects.get()
    ContributionImport.objects.filter(pk=record.pk).update(status="running")  # ... it was killed while running
    TaskProgress.objects.filter(pk=record.progress_id).update(
        status="running", updated_at=timezone.now() - dt.timedelta(hours=1)
    )
    page = client.get(f"/insurance/imports/{record.pk}/").content.decode()
    assert "The import stopped before it finished" in page
    assert f'action="/insurance/imports/{record.pk}/retry/"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/insurance/imports/{record.pk}/retry/")
    record.refresh_from_db()
    assert response["Location"] == f"/tasks/{record.progress_id}/"
    assert (record.status, record.attempt, record.rows_accepted) == ("done", 2, 1)
    # nobody else can retry it
    assert (
        signed_in(make_user(Role.ORGANISATION_STAFF)).post(f"/insurance/imports/{record.pk}/retry/").status_code == 404
    )


def test_imports_are_closed_to_applicants_and_other_reviewers(signed_in, insured, make_user):
    assert signed_in(insured).get("/insurance/imports/").status_code == 403
    assert signed_in(make_user(Role.REVIEWER, authority="GD-DOJ")).get("/insurance/imports/").status_code == 403
    assert signed_in(make_user(Role.REVIEWER, authority="SHENZHEN-SIF")).get("/insurance/imports/").status_code == 200


def _kernel(inputs, period, name):
    persons = {"p": {**inputs, name: {period: None}}}
    value = situation.calculate(rulebook(), {"persons": persons})["persons"]["p"][name][period]
    return round_money(value) if isinstance(value, float) else value


def _shown(page, section, output):
    block = page.split(f'data-section="{section}"')[1].split("<details")[0]  # the answer, before the trace
    # The figure as shown: money as "CNY 1,234.00", counts with their unit ("8 months").
    match = re.search(rf'data-output="{output}"><strong data-value>(CNY )?([\d,.]+)[^<]*</strong>', block)
    assert match, output
    return float(match.group(2).replace(",", ""))


def test_every_estimate_figure_equals_the_kernel(signed_in, insured):
    client = signed_in(insured)
    response = client.post(
        "/insurance/estimate/",
        {"birth_month": "1966-03", "category": "man", "retirement_month": "", "disability_grade": "5"},
    )
    page = response.content.decode()
    assert response.status_code == 200, page
    # statutory: born Mar 1966 -> 60 years 4 months (+1 month per 4 months of birth from Jan 1965)
    assert "data-statutory>July 2026<" in page
    # pension inputs from the records: 2015-03..2026-06 = 136 months; W 7500 before 2024-07, then 7800
    months = 136
    index_sum = sum(
        (8000 if m < 2020 * 12 else 9500) / (7500 if m < 2024 * 12 + 6 else 7800)
        for m in range(2015 * 12 + 2, 2015 * 12 + 2 + months)
    )
    balance = sum((8000 if m < 2020 * 12 else 9500) * 0.08 for m in range(2015 * 12 + 2, 2015 * 12 + 2 + months))
    pension = {
        "contribution_years": {"2026-07": round(months / 12, 6)},
        "average_contribution_index": {"2026-07": round(index_sum / months, 6)},
        "personal_account_balance": {"2026-07": round(balance, 2)},
        "retirement_age_months": {"2026-07": 724},
    }
    for output in ("basic_pension", "personal_account_pension"):
        assert _shown(page, "pension", output) == _kernel(pension, "2026-07", output)
    unemployment = {
        "unemployment_contribution_months": {"2025-06": 123},
        "work_city": {"2025-06": "shenzhen"},
        "involuntary_job_loss": {"2025-06": True},
        "registered_as_job_seeker": {"2025-06": True},
    }
    for output in ("unemployment_benefit_months", "unemployment_benefit_monthly", "unemployment_one_off_payment"):
        assert _shown(page, "unemployment", output) == _kernel(unemployment, "2025-06", output)
    injury = {
        "disability_grade": {"2025-06": 5},
        "pre_injury_average_wage": {"2025-06": 9500.0},
        "employer_arranges_work": {"2025-06": False},
    }
    for output in ("work_injury_one_off_subsidy", "work_injury_monthly_allowance"):
        assert _shown(page, "work_injury", output) == _kernel(injury, "2025-06", output)
    assert "Guofa [2005] No. 38" in page
    assert insured.determinations.count() == 3


def test_statement_lists_periods_with_totals_and_print_css(signed_in, insured):
    page = signed_in(insured).get("/insurance/statement/").content.decode()
    assert "@media print" in page
    assert re.search(r'data-scheme="pension">.*?<td data-months>124</td>', page, re.S)
    assert page.count("continuing") == 3


PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _pdf(name):
    return SimpleUploadedFile(name, PDF, "application/pdf")


def test_claim_routes_to_the_city_fund_and_states_the_lump_sum_consequence(signed_in, insured):
    client = signed_in(insured)
    assert "all your contribution periods are ended" in client.get("/insurance/claims/new/").content.decode()
    refused = client.post(
        "/insurance/claims/new/", {"benefit": "lump_sum", "city": "shenzhen", "insurance_number": "H1"}
    )
    assert refused.status_code == 400
    assert Application.objects.count() == 0
    claim = {
        "benefit": "unemployment",
        "city": "shenzhen",
        "insurance_number": "H1",
        "payment_option": "monthly",
        "involuntary_job_loss": "on",
        "registered_as_job_seeker": "on",
    }
    # the documents the fund needs for this benefit are asked for by name, each at its own field
    missing = client.post("/insurance/claims/new/", {**claim, "document_identity_card": _pdf("id.pdf")})
    assert missing.status_code == 400
    assert missing.context["form"].errors == {
        "__all__": ["Before you submit, attach: Proof that the employment ended involuntarily."],
        "document_employment_end_proof": ["Attach this document: the fund needs it for this claim."],
    }
    assert Application.objects.count() == 0
    response = client.post(
        "/insurance/claims/new/",
        {
            **claim,
            "document_identity_card": _pdf("id.pdf"),
            "document_employment_end_proof": _pdf("end.pdf"),
            "document_work_ability_assessment": _pdf("not-needed.pdf"),  # for work injury: not attached
        },
    )
    case = Application.objects.get()
    assert response["Location"] == f"/cases/{case.reference}/"
    assert (case.authority.code, case.state, case.payload["benefit"]) == ("SHENZHEN-SIF", "submitted", "unemployment")
    assert sorted(case.documents.values_list("document_type", flat=True)) == ["employment_end_proof", "identity_card"]


def test_estimate_and_statement_are_for_applicants(signed_in, make_user):
    officer = signed_in(make_user(Role.POLICY_OFFICER))
    assert officer.get("/insurance/estimate/").status_code == 403
    assert officer.get("/insurance/statement/").status_code == 403


def test_the_estimate_answers_first_and_folds_the_trace(signed_in, insured):
    page = (
        signed_in(insured)
        .post("/insurance/estimate/", {"birth_month": "1966-03", "category": "man", "disability_grade": "5"})
        .content.decode()
    )
    for section in ("pension", "unemployment", "work_injury"):
        block = page.split(f'data-section="{section}"')[1].split("</section>")[0]
        answer, trace = block.split(f'<details class="trace" data-trace="{section}">')
        assert "data-value" in answer and "data-value" not in trace
        assert 'class="conditions"' in answer or 'class="inputs"' in answer  # the reasons come with the answer
        assert "in force from" not in answer and "in force from" in trace  # rules and sources are folded
        assert "<details open" not in block


def test_the_statement_names_cities_and_its_tables_scroll_inside_the_page(signed_in, insured):
    page = signed_in(insured).get("/insurance/statement/").content.decode()
    assert '<div class="table-scroll"><table id="statement-totals">' in page
    assert '<div class="table-scroll"><table id="statement-periods">' in page
    totals = page.split('id="statement-totals"')[1].split("</table>")[0]
    assert "Guangzhou, Shenzhen" in totals and "guangzhou" not in totals


def _award(person, fund_city="guangzhou", benefit="unemployment", **payload):
    from types import SimpleNamespace

    from talentbridge.insurance.effects import benefit_award_from_case
    from talentbridge.reference.models import Authority

    case = SimpleNamespace(
        reference=f"BC-TEST-{benefit}",
        applicant=person,
        payload={"benefit": benefit, "city": fund_city, "involuntary_job_loss": "yes", **payload},
        authority=Authority.objects.get(code=f"{fund_city.upper()}-SIF"),
    )
    return benefit_award_from_case(application=case, actor=None, reason="", data={})


def test_the_award_is_shown_to_the_claimant_and_the_citys_fund_only(signed_in, insured, make_user):
    award = _award(insured, fund_city="shenzhen")
    months, monthly = award.amounts["months"], award.amounts["monthly"]
    assert (award.amounts["option"], months) == ("monthly", 16)  # 123 months of unemployment insurance
    mine = signed_in(insured).get("/insurance/awards/").content.decode()
    assert f'data-award="monthly">CNY {monthly:,.2f}<' in mine
    assert f'data-award="months">{months}<' in mine
    assert f'data-award="rules_version">{award.rule_set.semver}<' in mine
    assert 'datetime="2025-06-15T18:00:00+08:00"' in mine  # decided at the pinned clock, shown in Guangdong time
    statement = signed_in(insured).get("/insurance/statement/").content.decode()
    assert 'id="statement-awards"' in statement and f'data-award="months">{months}<' in statement
    fund = signed_in(make_user(Role.REVIEWER, authority="SHENZHEN-SIF")).get("/insurance/awards/").content.decode()
    assert f'data-award="months">{months}<' in fund
    other_fund = signed_in(make_user(Role.REVIEWER, authority="GUANGZHOU-SIF")).get("/insurance/awards/")
    assert 'data-award="months"' not in other_fund.content.decode()
    assert signed_in(make_user(Role.APPLICANT)).get("/insurance/awards/").content.decode().count("data-award=") == 0
    assert signed_in(make_user(Role.ORGANISATION_STAFF)).get("/insurance/awards/").status_code == 403


def test_the_case_page_panel_shows_the_award_to_the_claimant_and_the_fund(rf, insured, make_user):
    from types import SimpleNamespace

    from django.template.loader import render_to_string

    award = _award(insured, fund_city="shenzhen", payment_option="one_off")
    case = SimpleNamespace(kind="benefit_claim", reference=award.case_reference, state="approved")

    def panel(user):
        request = rf.get("/")
        request.user = user
        return render_to_string("web/insurance/_award_panel.html", {"case": case}, request=request)

    assert 'data-award="one_off">CNY ' in panel(insured)
    assert 'data-award="one_off">CNY ' in panel(make_user(Role.REVIEWER, authority="SHENZHEN-SIF"))
    assert "data-award" not in panel(make_user(Role.REVIEWER, authority="GUANGZHOU-SIF"))
    assert "data-award" not in panel(make_user(Role.APPLICANT))
    case.state = "revoked"
    assert "This award was revoked" in panel(insured)


def test_the_reviewers_deciding_a_claim_see_the_award_approval_would_record(rf, insured, make_user):
    from types import SimpleNamespace

    from django.template.loader import render_to_string

    from talentbridge.reference.models import Authority

    fund = Authority.objects.get(code="SHENZHEN-SIF")
    payload = {"benefit": "unemployment", "city": "shenzhen", "involuntary_job_loss": "yes"}
    case = SimpleNamespace(
        kind="benefit_claim",
        reference="BC-TEST-unemployment",
        state="pending_second_approval",
        applicant=insured,
        payload=payload,
        authority=fund,
        authority_id=fund.pk,
    )

    def panel(user):
        request = rf.get("/")
        request.user = user
        return render_to_string("web/insurance/_award_panel.html", {"case": case}, request=request)

    colleague = make_user(Role.REVIEWER, authority="SHENZHEN-SIF")
    proposed = panel(colleague)
    assert 'id="benefit-award-proposal"' in proposed
    for nobody in (insured, make_user(Role.REVIEWER, authority="GUANGZHOU-SIF"), make_user(Role.APPLICANT)):
        assert "benefit-award-proposal" not in panel(nobody)  # a proposal is the fund's, not the claimant's
    award = _award(insured, fund_city="shenzhen")  # what the approval then records
    assert f'data-award="monthly">CNY {award.amounts["monthly"]:,.2f}<' in proposed
    assert f'data-award="months">{award.amounts["months"]}<' in proposed
    case.state = "approved"
    assert "benefit-award-proposal" not in panel(colleague) and 'id="benefit-award"' in panel(colleague)
    case.reference, case.state = "BC-TEST-second", "in_review"
    case.payload = {**payload, "involuntary_job_loss": "no"}
    refused = panel(colleague)
    assert "refuse the claim instead" in refused and "data-award" not in refused  # the approval's own refusal


@pytest.mark.parametrize("language", ["en", "zh-hans", "zh-hant"])
def test_insurance_pages_read_as_plain_words_for_each_of_their_people(
    signed_in, make_user, insured, language, django_capture_on_commit_callbacks
):
    from tests.sweep import offending_tokens, read_page, vocabulary

    vocab = vocabulary()
    staff = _acme_staff(make_user)
    fund = make_user(Role.REVIEWER, authority="SHENZHEN-SIF")
    _award(insured, fund_city="shenzhen")
    data = (
        HEADER + f"{insured.email},medical,zhuhai,ACME,,2024-07,,8000\nghost@example.org,x,y,,,2024-13,,\n"
    ).encode()
    employer = signed_in(staff)
    with django_capture_on_commit_callbacks(execute=True):
        employer.post("/insurance/imports/", {"file": SimpleUploadedFile("c.csv", data, "text/csv")})
    record = ContributionImport.objects.get()
    ContributionImport.objects.filter(pk=record.pk).update(status="failed", error="The import failed; retry it.")
    pages = [
        (staff, "get", "/insurance/imports/", None),
        (staff, "get", f"/insurance/imports/{record.pk}/", None),
        (insured, "get", "/insurance/statement/", None),
        (insured, "get", "/insurance/awards/", None),
        (insured, "get", "/insurance/claims/new/", None),
        (
            insured,
            "post",
            "/insurance/estimate/",
            {"birth_month": "1966-03", "category": "man", "disability_grade": "5"},
        ),
        (fund, "get", "/insurance/awards/", None),
        (fund, "get", "/insurance/imports/", None),
    ]
    for user, method, path, body in pages:
        client = signed_in(user)
        client.cookies["django_language"] = language
        response = getattr(client, method)(path, body or {}, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, path
        assert {"en": '<html lang="en"', "zh-hans": '<html lang="zh-Hans', "zh-hant": '<html lang="zh-Hant'}[
            language
        ] in response.content.decode()
        page = read_page(response.content.decode())
        found = offending_tokens(page.texts, language, vocab) + offending_tokens(
            page.literals, language, vocab, literal=True
        )
        assert found == [], (path, found)


def test_the_claim_page_names_every_fault_at_once_each_at_its_field(signed_in, insured):
    """The benefit's own questions are the claim service's (as in the API), shown beside the missing documents."""
    response = signed_in(insured).post(
        "/insurance/claims/new/", {"benefit": "work_injury", "city": "zhuhai", "insurance_number": "H1"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "__all__": [
            "Before you submit, attach: Hong Kong or Macao permanent identity card, "
            "Work ability assessment conclusion (disability grade)."
        ],
        "document_identity_card": ["Attach this document: the fund needs it for this claim."],
        "document_work_ability_assessment": ["Attach this document: the fund needs it for this claim."],
        "disability_grade": ["Choose the disability grade."],
    }
    assert Application.objects.count() == 0


@pytest.mark.parametrize("month", ["1966-03x", "196²-03", "abc", "1966-3"])
def test_a_malformed_month_is_refused_never_cut_to_a_month(signed_in, insured, month):
    response = signed_in(insured).post(
        "/insurance/estimate/", {"birth_month": month, "category": "man", "disability_grade": "5"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {"birth_month": ["Write the month as YYYY-MM."]}
    assert insured.determinations.count() == 0


def _in_language(client, language):
    client.cookies["django_language"] = language
    return client


def _estimate(client, language="en"):
    response = _in_language(client, language).post(
        "/insurance/estimate/",
        {"birth_month": "1966-03", "category": "man", "disability_grade": "5"},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 200
    return response.content.decode()


def _block(page, section):
    return page.split(f'data-section="{section}"')[1].split("</section>")[0]


def test_the_estimate_states_what_it_assumes_never_as_the_persons_answers(signed_in, insured):
    """The form asks nothing about losing a job; the unemployment figures assume it, and the page says so."""
    insured.residence = "MO"
    insured.save(update_fields=["residence"])
    page = _estimate(signed_in(insured))
    unemployment = _block(page, "unemployment")
    assert "Your answers" not in page
    assert re.findall(r'data-assumed="(\w+)">([^<]*)<', unemployment) == [
        ("involuntary_job_loss", "Involuntary job loss: assumed yes"),
        ("registered_as_job_seeker", "Registered as job seeker: assumed yes"),
    ]
    answers = unemployment.split('<ul class="inputs">')[1].split("</ul>")[0]
    assert "Involuntary job loss" not in answers and "Registered as job seeker" not in answers
    assert "Unemployment contribution months: 123" in answers
    why = unemployment.split('<ul class="conditions">')[1].split("</ul>")[0]
    assert "Entitled to unemployment benefit: met, on the assumptions stated below." in why
    assert "Job lost involuntarily" not in why  # an assumption is not a condition the person met
    assert (
        "Involuntary job loss: yes (assumed)" in unemployment
        and "(given)" not in unemployment.split("Involuntary job loss: yes")[1][:12]
    )
    # the kernel is told exactly what the page says it assumed
    stored = insured.determinations.get(outputs__has_key="unemployment_benefit_monthly")
    assert (stored.inputs["involuntary_job_loss"], stored.inputs["registered_as_job_seeker"]) == (
        {"2025-06": True},
        {"2025-06": True},
    )


@pytest.mark.parametrize(
    ("language", "monthly", "statutory", "first_month"),
    [
        ("en", "CNY 2,268.00", "July 2026", "March 2015"),
        ("zh-hans", "人民币2,268.00元", "2026年7月", "2015年3月"),
        ("zh-hant", "人民幣2,268.00元", "2026年7月", "2015年3月"),
    ],
)
def test_amounts_carry_their_currency_and_months_read_as_months(
    signed_in, insured, language, monthly, statutory, first_month
):
    client = signed_in(insured)
    page = _estimate(client, language)
    assert f'data-output="unemployment_benefit_monthly"><strong data-value>{monthly}<' in page
    assert f"data-statutory>{statutory}<" in page
    assert "2026-07" not in page.split('id="estimate-result"')[1].split("<details")[0]
    assert re.search(r"<small>\S+ (June 2025|2025年6月) ·", page)  # the month of the trace
    statement = _in_language(client, language).get("/insurance/statement/", HTTP_ACCEPT_LANGUAGE=language)
    text = statement.content.decode()
    assert f"<td>{first_month}</td>" in text and "<td>2015-03</td>" not in text
    assert "2023-07-01" not in text  # the first month of the published average wage, in words too
    assert monthly.replace("2,268.00", "9,500.00") in text  # each period's wage
    place = City.objects.get(code="guangzhou")
    ContributionPeriod.objects.create(  # 10 more years, so that a pension is granted
        person=insured,
        scheme="pension",
        jurisdiction=place.jurisdiction,
        city=place,
        employer_name="ACME",
        start_month=dt.date(2005, 1, 1),
        end_month=dt.date(2014, 12, 1),
        monthly_wage=Decimal("6000"),
    )
    _award(insured, benefit="pension", birth_month="1966-03", retirement_category="man")
    awards = _in_language(client, language).get("/insurance/awards/", HTTP_ACCEPT_LANGUAGE=language)
    assert f'data-award="retirement_month">{statutory}<' in awards.content.decode()


def test_the_money_filter_groups_thousands_and_names_the_currency():
    from django.template import Context, Template
    from django.utils import translation

    template = Template("{% load web_tags %}{{ a|money }}|{{ b|money }}|{{ c|money }}")
    context = {"a": 159120, "b": Decimal("1234.5"), "c": None}
    with translation.override("en"):
        assert template.render(Context(context)) == "CNY 159,120.00|CNY 1,234.50|—"
    with translation.override("zh-hans"):
        assert template.render(Context(context)) == "人民币159,120.00元|人民币1,234.50元|—"


def test_a_refused_claim_names_each_missing_document_once_and_asks_for_the_chosen_files_again(signed_in, insured):
    response = signed_in(insured).post(
        "/insurance/claims/new/",
        {
            "benefit": "work_injury",
            "city": "zhuhai",
            "insurance_number": "H1",
            "disability_grade": "5",
            "document_termination_request": _pdf("request.pdf"),  # not one this benefit needs
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    summary = page.split('class="error-summary"')[1].split("</div>")[0]
    assert re.findall(r"<p>([^<]*)</p>", summary) == [
        "Before you submit, attach: Hong Kong or Macao permanent identity card, "
        "Work ability assessment conclusion (disability grade)."
    ]
    assert (
        'id="files-again">The file you chose (request.pdf) was not kept: choose it again before you submit.</p>' in page
    )
    assert Application.objects.count() == 0
    assert 'id="files-again"' not in signed_in(insured).get("/insurance/claims/new/").content.decode()


def test_insurance_pages_answer_head_as_get(signed_in, make_user, insured, django_capture_on_commit_callbacks):
    staff = _acme_staff(make_user)
    data = (HEADER + f"{insured.email},pension,zhuhai,ACME,,2024-07,,8000\n").encode()
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(staff).post("/insurance/imports/", {"file": SimpleUploadedFile("c.csv", data, "text/csv")})
    record = ContributionImport.objects.get()
    pages = [
        (staff, "/insurance/imports/"),
        (staff, f"/insurance/imports/{record.pk}/"),
        (insured, "/insurance/estimate/"),
        (insured, "/insurance/statement/"),
        (insured, "/insurance/awards/"),
        (insured, "/insurance/claims/new/"),
    ]
    for user, path in pages:
        client = signed_in(user)
        head = client.head(path)
        assert (head.status_code, head.content) == (200, b""), path
    assert signed_in(staff).head(f"/insurance/imports/{record.pk}/retry/").status_code == 405


def test_every_link_of_the_estimate_opens_for_the_person(signed_in, insured):
    """The trace names its stored determination; the policy pages it was linked to are not the person's."""
    client = signed_in(insured)
    page = _estimate(client)
    assert re.findall(r"<span data-determination>Determination (\d+)</span>", page) == [
        str(pk) for pk in insured.determinations.order_by("pk").values_list("pk", flat=True)
    ]
    links = set(re.findall(r'href="(/[^"#]*)"', page.split('id="estimate-result"')[1]))
    assert links, page
    for link in sorted(links):
        assert client.get(link).status_code == 200, link


def test_a_refused_upload_names_the_file_to_choose_again(signed_in, make_user):
    staff = _acme_staff(make_user)
    response = signed_in(staff).post(
        "/insurance/imports/", {"file": SimpleUploadedFile("notes.txt", b"\x00\x01binary", "text/plain")}
    )
    assert response.status_code == 400
    assert (
        'id="files-again">The file you chose (notes.txt) was not kept: choose it again before you submit.</p>'
        in response.content.decode()
    )
    assert ContributionImport.objects.count() == 0


def test_a_retirement_before_the_pension_rules_on_record_is_refused_not_a_server_error(signed_in, insured):
    from talentbridge.insurance.estimates import pension_rules_start
    from talentbridge.policy.models import Determination

    client = signed_in(insured)
    before = Determination.objects.count()
    response = client.post(
        "/insurance/estimate/",
        {"birth_month": "1940-03", "category": "man", "retirement_month": "", "disability_grade": "5"},
    )
    page = response.content.decode()
    assert response.status_code == 400, page
    assert "cannot be estimated" in page and pension_rules_start().strftime("%Y") in page
    assert Determination.objects.count() == before  # nothing computed or stored


@pytest.mark.parametrize("language", ["en", "zh-hans", "zh-hant"])
def test_the_statement_names_the_average_wage_by_its_name_not_its_parameter_path(signed_in, insured, language):
    client = signed_in(insured)
    client.cookies["django_language"] = language
    page = client.get("/insurance/statement/").content.decode()
    note = page.split('id="statement-totals"')[1]
    assert "›" not in note  # no "Social insurance › basic pension › …" path
    assert {"en": "Pension calculation base", "zh-hans": "养老金计发基数", "zh-hant": "養老金計發基數"}[
        language
    ] in note
