"""Insurance API over real HTTP: contribution import with its report, totals, estimates equal to the kernel."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings

from talentbridge.accounts.models import Organisation, Role
from talentbridge.insurance.models import ContributionImport, ContributionPeriod
from talentbridge.reference.models import City
from talentbridge.rules import situation
from talentbridge.rules.money import round_money
from talentbridge.rules.system import rulebook
from tests.api.conftest import assert_error

HEADER = "person_email,scheme,city,employer_name,employer_code,start_month,end_month,monthly_wage\n"


@pytest.fixture(autouse=True)
def _imports_in_tmp(settings, tmp_path):
    settings.INSURANCE_IMPORT_ROOT = tmp_path / "imports"


@pytest.fixture
def insured(make_user):
    return make_user(Role.APPLICANT, residence="HK")


def _csv(*lines):
    return (HEADER + "".join(f"{line}\n" for line in lines)).encode()


def _employer_of(person, make_user, name="ACME"):
    """Staff of `name`, and `person` on record (a period recorded by the fund) as its employee."""
    place = City.objects.get(code="guangzhou")
    organisation = Organisation.objects.create(name=name, kind=Organisation.Kind.EMPLOYER, city=place)
    ContributionPeriod.objects.create(
        person=person,
        scheme="medical",
        jurisdiction=place.jurisdiction,
        city=place,
        employer_name=name,
        start_month=dt.date(2010, 1, 1),
        end_month=dt.date(2010, 12, 1),
        monthly_wage=Decimal("4000"),
    )
    return make_user(Role.ORGANISATION_STAFF, organisation=organisation)


def test_agency_imports_a_file_and_gets_the_report(client_for, make_user, insured):
    agency = client_for(_employer_of(insured, make_user))
    data = _csv(
        f"{insured.email},pension,guangzhou,ACME,,2024-07,2024-12,8000",
        f"{insured.email},pension,guangzhou,ACME,,2024-10,,8000",
    )

    response = agency.post("/insurance/imports", files={"file": ("c.csv", data, "text/csv")})

    assert response.status_code == 202, response.text
    record = ContributionImport.objects.get()
    body = agency.get(f"/insurance/imports/{record.pk}").json()
    assert (body["status"], body["rows_accepted"], body["rows_rejected"]) == ("done", 1, 1)
    assert body["rejected"] == [
        {"row": 3, "person": insured.email, "reasons": ["Overlaps a period already recorded for this scheme."]}
    ]
    again = agency.post("/insurance/imports", files={"file": ("c.csv", data, "text/csv")})
    assert (again.status_code, again.json()["already_imported"], again.json()["id"]) == (200, True, record.pk)
    assert ContributionPeriod.objects.filter(source_import=record).count() == 1


def test_applicants_may_not_import_and_nothing_is_stored(client_for, insured):
    response = client_for(insured).post("/insurance/imports", files={"file": ("c.csv", _csv(), "text/csv")})
    assert_error(response, 403, "forbidden")
    assert ContributionImport.objects.count() == 0


def test_an_import_with_a_field_it_does_not_have_is_refused_naming_it_and_stores_nothing(
    client_for, make_user, insured
):
    agency = client_for(_employer_of(insured, make_user))
    data = _csv(f"{insured.email},pension,guangzhou,ACME,,2024-07,2024-12,8000")
    periods = ContributionPeriod.objects.count()

    response = agency.post(
        "/insurance/imports",
        files={"file": ("c.csv", data, "text/csv"), "report": ("r.csv", data, "text/csv")},
        data={"importer": "GUANGZHOU-SIF"},  # an import is its sender's: nobody names another importer
    )

    assert assert_error(response, 422, "invalid_input")["details"] == {
        "importer": ["This field is not expected here."],
        "report": ["This field is not expected here."],
    }
    assert (ContributionImport.objects.count(), ContributionPeriod.objects.count()) == (0, periods)


def test_other_formats_are_invalid_input(client_for, make_user):
    response = client_for(make_user(Role.ORGANISATION_STAFF)).post(
        "/insurance/imports", files={"file": ("c.pdf", b"%PDF", "application/pdf")}
    )
    assert_error(response, 422, "invalid_input")


def test_totals_and_estimate_for_the_signed_in_person(client_for, insured):
    place = City.objects.get(code="shenzhen")
    ContributionPeriod.objects.create(
        person=insured,
        scheme="unemployment",
        jurisdiction=place.jurisdiction,
        city=place,
        employer_name="ACME",
        start_month=dt.date(2018, 1, 1),
        end_month=dt.date(2023, 12, 1),
        monthly_wage=Decimal("9000"),
    )
    client = client_for(insured)
    assert client.get("/insurance/totals").json() == [
        {
            "scheme": "unemployment",
            "months": 72,
            "years": 6,
            "extra_months": 0,
            "cities": ["shenzhen"],
            "overlap_months": 0,
            "average_contribution_index": pytest.approx(9000 / 7500),
        }
    ]
    response = client.post("/insurance/estimates", json={"birth_month": "1980-05", "category": "female_worker"})
    assert response.status_code == 201, response.text
    body = response.json()
    period = body["unemployment"]["period"]
    inputs = {
        "unemployment_contribution_months": {period: 72},
        "work_city": {period: "shenzhen"},
        "involuntary_job_loss": {period: True},
        "registered_as_job_seeker": {period: True},
        "unemployment_benefit_monthly": {period: None},
        "unemployment_benefit_months": {period: None},
    }
    computed = situation.calculate(rulebook(), {"persons": {"p": inputs}})["persons"]["p"]
    assert (
        body["unemployment"]["outputs"]["unemployment_benefit_months"]
        == computed["unemployment_benefit_months"][period]
        == 8
    )
    assert body["unemployment"]["outputs"]["unemployment_benefit_monthly"] == round_money(
        computed["unemployment_benefit_monthly"][period]
    )
    # born May 1980, 64 months after Jan 1975: 50 years + (64 // 2 + 1) = 33 months
    assert body["statutory_retirement_month"] == "2033-02"
    assert any("Guangdong Unemployment Insurance Regulations" in line for line in body["unemployment"]["reasons"])


def test_estimates_are_for_insured_people(client_for, make_user):
    response = client_for(make_user(Role.POLICY_OFFICER)).post(
        "/insurance/estimates", json={"birth_month": "1980-05", "category": "man"}
    )
    assert_error(response, 403, "forbidden")


def test_bad_estimate_input_is_invalid(client_for, insured):
    response = client_for(insured).post("/insurance/estimates", json={"birth_month": "May 1980", "category": "man"})
    body = assert_error(response, 422, "invalid_input")
    assert "birth_month" in body["details"]


def test_a_fund_records_a_macao_exemption_and_pension_rows_are_then_refused(client_for, make_user):
    from talentbridge.insurance.models import Exemption

    macao = make_user(Role.APPLICANT, residence="MO")
    fund = client_for(make_user(Role.REVIEWER, authority="GUANGZHOU-SIF"))
    response = fund.post(
        "/insurance/exemptions",
        json={"person_email": macao.email, "evidence": "FSS card 1234567", "valid_from": "2024-01-01"},
    )
    assert response.status_code == 201, response.text
    assert response.json()["person_email"] == macao.email
    fund.post(
        "/insurance/imports",
        files={"file": ("e.csv", _csv(f"{macao.email},pension,guangzhou,ACME,,2024-07,2024-12,8000"), "text/csv")},
    )
    body = fund.get(f"/insurance/imports/{ContributionImport.objects.get().pk}").json()
    assert (body["rows_accepted"], body["rows_rejected"]) == (0, 1)
    assert Exemption.objects.filter(person=macao).count() == 1


@pytest.mark.parametrize(
    ("language", "reason"),
    [
        ("zh-hans", "此人已参加澳门社会保障，获豁免参加此险种。"),
        ("zh-hant", "此人已參加澳門社會保障，獲豁免參加此險種。"),
    ],
)
def test_the_import_report_gives_its_reasons_in_the_requests_language(client_for, make_user, language, reason):
    from talentbridge.insurance.models import Exemption

    macao = make_user(Role.APPLICANT, residence="MO")
    fund_staff = make_user(Role.REVIEWER, authority="GUANGZHOU-SIF")
    Exemption.objects.create(person=macao, evidence="FSS card 1234567", valid_from=dt.date(2024, 1, 1))
    client_for(fund_staff, language="en").post(
        "/insurance/imports",
        files={"file": ("e.csv", _csv(f"{macao.email},pension,guangzhou,ACME,,2024-07,2024-12,8000"), "text/csv")},
    )
    record = ContributionImport.objects.get()

    body = client_for(fund_staff, language=language).get(f"/insurance/imports/{record.pk}").json()

    assert body["rejected"] == [{"row": 2, "person": macao.email, "reasons": [reason]}]


@pytest.mark.parametrize(
    ("who", "payload", "status", "field"),
    [
        ("agency", {"person_email": "x@example.org", "evidence": "e", "valid_from": "2024-01-01"}, 403, None),
        ("applicant", {"person_email": "x@example.org", "evidence": "e", "valid_from": "2024-01-01"}, 403, None),
        (
            "fund",
            {"person_email": "nobody@example.org", "evidence": "e", "valid_from": "2024-01-01"},
            422,
            "person_email",
        ),
        ("fund", {"person_email": "HK", "evidence": "card", "valid_from": "2024-01-01"}, 422, "person"),
        ("fund", {"person_email": "MO", "evidence": " ", "valid_from": "2024-01-01"}, 422, "evidence"),
        ("fund", {"person_email": "MO", "evidence": "card", "valid_from": "2024-13-01"}, 422, None),
        (
            "fund",
            {"person_email": "MO", "evidence": "card", "valid_from": "2024-05-01", "valid_to": "2024-01-01"},
            422,
            "valid_to",
        ),
    ],
)
def test_exemption_refusals_change_nothing(client_for, make_user, who, payload, status, field):
    from talentbridge.insurance.models import Exemption

    people = {"HK": make_user(Role.APPLICANT, residence="HK"), "MO": make_user(Role.APPLICANT, residence="MO")}
    payload = (
        {**payload, "person_email": people[payload["person_email"]].email}
        if payload["person_email"] in people
        else payload
    )
    caller = {
        "agency": lambda: make_user(Role.ORGANISATION_STAFF),
        "applicant": lambda: people["MO"],
        "fund": lambda: make_user(Role.REVIEWER, authority="GUANGZHOU-SIF"),
    }[who]()
    response = client_for(caller).post("/insurance/exemptions", json=payload)
    error = assert_error(response, status, {403: "forbidden", 422: "invalid_input"}[status])
    if field:
        assert field in error["details"]
    assert Exemption.objects.count() == 0


NOT_EMPLOYEE = "Not on record as an employee of your organisation: the social insurance fund records a new employee's first period."


def test_an_employer_gives_no_stranger_pension_months_row_by_row(client_for, make_user, insured):
    # given ACME's employee and a stranger insured elsewhere
    employer = client_for(_employer_of(insured, make_user))
    stranger = make_user(Role.APPLICANT, residence="HK")
    data = _csv(
        f"{insured.email},pension,guangzhou,ACME,,2010-01,2024-12,8000",
        f"{stranger.email},pension,guangzhou,ACME,,2010-01,2024-12,8000",
    )
    response = employer.post("/insurance/imports", files={"file": ("c.csv", data, "text/csv")})
    assert response.status_code == 202, response.text
    body = employer.get(f"/insurance/imports/{response.json()['id']}").json()
    assert (body["rows_accepted"], body["rows_rejected"]) == (1, 1)
    assert body["rejected"] == [{"row": 3, "person": stranger.email, "reasons": [NOT_EMPLOYEE]}]
    assert not ContributionPeriod.objects.filter(person=stranger).exists()


def test_the_same_bytes_sent_by_another_organisation_are_its_own_import(client_for, make_user, insured):
    first = client_for(_employer_of(insured, make_user, name="ACME"))
    second = client_for(make_user(Role.ORGANISATION_STAFF))
    data = _csv(f"{insured.email},pension,guangzhou,ACME,,2024-07,2024-12,8000")
    mine = first.post("/insurance/imports", files={"file": ("c.csv", data, "text/csv")}).json()
    theirs = second.post("/insurance/imports", files={"file": ("c.csv", data, "text/csv")})
    assert theirs.status_code == 202, theirs.text
    body = theirs.json()
    assert body["id"] != mine["id"]
    assert body["already_imported"] is False
    report = second.get(f"/insurance/imports/{body['id']}").json()
    assert (report["rows_accepted"], report["rows_rejected"]) == (0, 1)  # their own report, not ACME's
    assert_error(second.get(f"/insurance/imports/{mine['id']}"), 404, "not_found")
    assert ContributionImport.objects.count() == 2


def test_administrators_read_imports_but_send_none(client_for, make_user, insured):
    employer = client_for(_employer_of(insured, make_user))
    sent = employer.post("/insurance/imports", files={"file": ("c.csv", _csv(), "text/csv")}).json()
    admin = client_for(make_user(Role.ADMINISTRATOR))
    assert admin.get(f"/insurance/imports/{sent['id']}").json()["id"] == sent["id"]
    refused = admin.post("/insurance/imports", files={"file": ("a.csv", _csv(), "text/csv")})
    assert_error(refused, 403, "forbidden")
    assert ContributionImport.objects.count() == 1


def test_a_failed_import_is_retried_through_the_api(client_for, make_user, insured):
    employer = client_for(_employer_of(insured, make_user))
    data = _csv(f"{insured.email},pension,guangzhou,ACME,,2024-07,2024-12,8000")
    sent = employer.post("/insurance/imports", files={"file": ("c.csv", data, "text/csv")}).json()
    assert_error(employer.post(f"/insurance/imports/{sent['id']}/retry"), 409, "conflict")
    ContributionImport.objects.filter(pk=sent["id"]).update(status="failed", error="Stopped.")
    assert employer.get(f"/insurance/imports/{sent['id']}").json()["error"] == "Stopped."
    assert_error(
        client_for(make_user(Role.ORGANISATION_STAFF)).post(f"/insurance/imports/{sent['id']}/retry"), 404, "not_found"
    )
    retried = employer.post(f"/insurance/imports/{sent['id']}/retry")
    assert retried.status_code == 202, retried.text
    body = employer.get(f"/insurance/imports/{sent['id']}").json()
    assert (body["status"], body["rows_accepted"], body["rows_duplicate"], body["error"]) == ("done", 1, 0, "")
    assert ContributionPeriod.objects.filter(source_import_id=sent["id"]).count() == 1


def test_a_zip_bomb_is_refused_over_http_while_other_writes_go_on(client_for, make_user, insured):
    import threading
    import time

    from tests.insurance.test_import_rules import zip_bomb

    bomb = zip_bomb()
    employer = client_for(_employer_of(insured, make_user))
    writer = client_for(insured)
    answers: dict[str, object] = {}

    def upload() -> None:
        answers["bomb"] = employer.post(
            "/insurance/imports", files={"file": ("bomb.xlsx", bomb, "application/octet-stream")}
        )

    started = time.monotonic()
    thread = threading.Thread(target=upload)
    thread.start()
    statuses = []
    while thread.is_alive() or not statuses:
        statuses.append(
            writer.post("/insurance/estimates", json={"birth_month": "1980-05", "category": "man"}).status_code
        )
    thread.join()
    refused = answers["bomb"]
    assert time.monotonic() - started < 10
    body = assert_error(refused, 422, "invalid_input")  # type: ignore[arg-type]
    assert body["details"]["file"][0].startswith("The workbook unpacks to 200 MB, more than the 128 MB allowed")
    assert set(statuses) == {201}
    assert ContributionImport.objects.count() == 0


def test_the_decided_award_is_in_the_api_for_the_claimant_and_the_citys_fund(client_for, make_user, insured):
    from types import SimpleNamespace

    from talentbridge.insurance.effects import benefit_award_from_case
    from talentbridge.reference.models import Authority

    place = City.objects.get(code="guangzhou")
    ContributionPeriod.objects.create(
        person=insured,
        scheme="unemployment",
        jurisdiction=place.jurisdiction,
        city=place,
        employer_name="ACME",
        start_month=dt.date(2015, 1, 1),
        end_month=dt.date(2020, 12, 1),
        monthly_wage=Decimal("9000"),
    )
    case = SimpleNamespace(
        reference="BC-API-1",
        applicant=insured,
        payload={"benefit": "unemployment", "city": "guangzhou", "payment_option": "monthly"},
        authority=Authority.objects.get(code="GUANGZHOU-SIF"),
    )
    award = benefit_award_from_case(application=case, actor=None, reason="", data={})
    expected = {
        "case_reference": "BC-API-1",
        "benefit": "unemployment",
        "benefit_label": "Unemployment benefit",
        "city": "guangzhou",
        "amounts": award.amounts,
        "total": float(award.total),
        "rules_version": award.rule_set.as_dict(),
    }
    mine = client_for(insured).get("/insurance/awards/BC-API-1").json()
    assert {key: mine[key] for key in expected} == expected
    assert [f["key"] for f in mine["figures"]] == ["monthly", "months"]
    assert mine["figures"][1]["value"] == str(award.amounts["months"])
    decided = dt.datetime.fromisoformat(mine["decided_at"].replace("Z", "+00:00"))
    assert abs(decided - award.awarded_at) < dt.timedelta(milliseconds=1)
    fund = client_for(make_user(Role.REVIEWER, authority="GUANGZHOU-SIF"))
    assert [a["case_reference"] for a in fund.get("/insurance/awards").json()] == ["BC-API-1"]
    for outsider in (make_user(Role.APPLICANT), make_user(Role.REVIEWER, authority="SHENZHEN-SIF")):
        client = client_for(outsider)
        assert_error(client.get("/insurance/awards/BC-API-1"), 404, "not_found")
        assert client.get("/insurance/awards").json() == []


def test_the_deciding_funds_reviewers_read_the_proposed_award_over_http(client_for, make_user, insured):
    from talentbridge.casework.models import Application

    place = City.objects.get(code="shenzhen")
    ContributionPeriod.objects.create(
        person=insured,
        scheme="unemployment",
        jurisdiction=place.jurisdiction,
        city=place,
        employer_name="ACME",
        start_month=dt.date(2015, 1, 1),
        end_month=dt.date(2020, 12, 1),
        monthly_wage=Decimal("9000"),
    )
    response = _claim(client_for(insured))
    assert response.status_code == 201, response.text
    case = Application.objects.get()
    case.state = "pending_second_approval"
    case.save(update_fields=["state"])
    path = f"/insurance/claims/{case.reference}/proposed-award"
    reviewer = client_for(make_user(Role.REVIEWER, authority="SHENZHEN-SIF"))
    proposal = reviewer.get(path)
    assert proposal.status_code == 200, proposal.text
    body = proposal.json()
    assert body["refusal"] == "" and [f["key"] for f in body["figures"]] == ["monthly", "months"]
    months = body["figures"][1]["value"]
    assert months.isdigit() and int(months) > 0
    for outsider in (insured, make_user(Role.REVIEWER, authority="GUANGZHOU-SIF")):
        assert_error(client_for(outsider).get(path), 404, "not_found")
    assert_error(reviewer.get("/insurance/claims/BC-NONE/proposed-award"), 404, "not_found")
    case.state = "approved"
    case.save(update_fields=["state"])
    assert_error(reviewer.get(path), 404, "not_found")  # decided: the award itself is at /insurance/awards/


# --- benefit claims: the web page's service over HTTP ---------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
UNEMPLOYMENT = {
    "benefit": "unemployment",
    "city": "shenzhen",
    "insurance_number": "H1",
    "payment_option": "monthly",
    "involuntary_job_loss": "true",
    "registered_as_job_seeker": "true",
}


def _claim(client, data=None, codes=("identity_card", "employment_end_proof"), extra=True):
    files = [("documents", (f"{code}.pdf", PDF, "application/pdf")) for code in codes]
    types = list(codes)
    if extra:
        files.append(("documents", ("letter.pdf", PDF, "application/pdf")))
        types.append("")
    return client.post("/insurance/claims", data={**(data or UNEMPLOYMENT), "document_types": types}, files=files)


def test_a_claim_is_filed_at_the_citys_fund_with_its_documents_and_submitted(client_for, insured):
    from talentbridge.casework.models import Application

    response = _claim(client_for(insured))

    assert response.status_code == 201, response.text
    case = Application.objects.get()
    assert response.json() == {
        "reference": case.reference,
        "state": "submitted",
        "authority": "SHENZHEN-SIF",
        "documents": 3,
    }
    assert (case.kind, case.applicant, case.authority.code) == ("benefit_claim", insured, "SHENZHEN-SIF")
    assert case.payload == {
        "benefit": "unemployment",
        "city": "shenzhen",
        "insurance_number": "H1",
        "payment_option": "monthly",
        "involuntary_job_loss": "yes",
        "registered_as_job_seeker": "yes",
    }
    assert sorted(case.documents.values_list("document_type", "title")) == [
        ("", "letter.pdf"),
        ("employment_end_proof", "Proof that the employment ended involuntarily"),
        ("identity_card", "Hong Kong or Macao permanent identity card"),
    ]


def test_the_api_and_the_web_page_give_the_same_case_for_the_same_claim(client_for, insured, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from talentbridge.casework.models import Application

    api = _claim(client_for(insured), extra=False).json()
    client.force_login(insured)
    web = client.post(
        "/insurance/claims/new/",
        {
            **UNEMPLOYMENT,
            "involuntary_job_loss": "on",
            "registered_as_job_seeker": "on",
            "document_identity_card": SimpleUploadedFile("identity_card.pdf", PDF, "application/pdf"),
            "document_employment_end_proof": SimpleUploadedFile("employment_end_proof.pdf", PDF, "application/pdf"),
        },
    )
    by_api, by_web = (
        Application.objects.get(reference=api["reference"]),
        Application.objects.exclude(reference=api["reference"]).get(),
    )
    assert web["Location"] == f"/cases/{by_web.reference}/"

    def seen(case):
        types = sorted(case.documents.values_list("document_type", "title"))
        return (case.kind, case.authority.code, case.state, case.payload, types)

    assert seen(by_api) == seen(by_web)


@pytest.mark.parametrize(
    ("role", "where"),
    [
        (Role.REVIEWER, {"authority": "SHENZHEN-SIF"}),
        (Role.ORGANISATION_STAFF, {}),
        (Role.ADMINISTRATOR, {}),
        (Role.POLICY_OFFICER, {}),
    ],
)
def test_only_insured_people_claim_and_a_refusal_changes_nothing(client_for, make_user, snapshot, role, where):
    outsider = client_for(make_user(role, **where))
    before = snapshot()
    response = _claim(outsider)
    body = assert_error(response, 403, "forbidden")
    assert body["message"] == "Only insured people can claim benefits."
    assert snapshot() == before


def test_a_claim_lacking_required_documents_names_each_and_stores_nothing(client_for, insured, snapshot):
    claimant = client_for(insured)
    before = snapshot()
    response = _claim(
        claimant, {**UNEMPLOYMENT, "benefit": "work_injury", "disability_grade": "5"}, codes=(), extra=True
    )
    body = assert_error(response, 422, "invalid_input")
    assert body["details"] == {
        "documents": [
            "Before you submit, attach: Hong Kong or Macao permanent identity card, "
            "Work ability assessment conclusion (disability grade)."
        ]
    }
    assert snapshot() == before


@pytest.mark.parametrize(
    ("changes", "details"),
    [
        ({"benefit": "lump_sum"}, {"confirm_end": ["Confirm that you understand the consequence."]}),
        ({"benefit": "work_injury"}, {"disability_grade": ["Choose the disability grade."]}),
        ({"benefit": "work_injury", "disability_grade": "11"}, {"disability_grade": ["Choose a grade from 1 to 10."]}),
        (
            {"benefit": "pension", "birth_month": "1966-03"},
            {"birth_month": ["Give the birth month and the retirement category."]},
        ),
        (
            {"benefit": "pension", "birth_month": "1966-0³", "retirement_category": "man"},
            {"birth_month": ["Write the month as YYYY-MM."]},
        ),
        ({"insurance_number": "  "}, {"insurance_number": ["This field is required."]}),
        ({"insurance_number": "H\x01"}, {"insurance_number": ["The text contains characters that are not allowed."]}),
    ],
)
def test_a_claim_with_wrong_answers_is_refused_at_each_field_and_stores_nothing(
    client_for, insured, snapshot, changes, details
):
    claimant = client_for(insured)
    before = snapshot()
    response = _claim(claimant, {**UNEMPLOYMENT, **changes})
    body = assert_error(response, 422, "invalid_input")
    assert body["details"] == details
    assert snapshot() == before


def test_a_claim_names_no_authority_and_no_unknown_field(client_for, insured, snapshot):
    claimant = client_for(insured)
    before = snapshot()
    response = _claim(claimant, {**UNEMPLOYMENT, "authority": "GUANGZHOU-SIF"})
    assert assert_error(response, 422, "invalid_input")["details"] == {
        "authority": ["This field is not expected here."]
    }
    assert snapshot() == before
    response = _claim(claimant, {**UNEMPLOYMENT, "city": "hong_kong"})
    assert_error(response, 422, "invalid_input")
    assert snapshot() == before


def test_a_claim_with_a_file_under_an_unknown_name_is_refused_naming_it_and_stores_nothing(
    client_for, insured, snapshot
):
    claimant = client_for(insured)
    before = snapshot()
    files = [
        ("documents", (f"{code}.pdf", PDF, "application/pdf")) for code in ("identity_card", "employment_end_proof")
    ]
    files.append(("identity_card", ("id.pdf", PDF, "application/pdf")))  # a file field the claim does not have
    response = claimant.post(
        "/insurance/claims",
        data={**UNEMPLOYMENT, "document_types": ["identity_card", "employment_end_proof"], "state": "approved"},
        files=files,
    )
    assert assert_error(response, 422, "invalid_input")["details"] == {
        "identity_card": ["This field is not expected here."],
        "state": ["This field is not expected here."],
    }
    assert snapshot() == before


def test_a_claim_from_a_browser_form_may_carry_its_csrf_token_in_the_body(client_for, insured):
    claimant = client_for(insured, via="session", csrf=False)
    files = [
        ("documents", (f"{code}.pdf", PDF, "application/pdf")) for code in ("identity_card", "employment_end_proof")
    ]
    response = claimant.post(
        "/insurance/claims",
        data={
            **UNEMPLOYMENT,
            "document_types": ["identity_card", "employment_end_proof"],
            "csrfmiddlewaretoken": claimant.cookies[settings.CSRF_COOKIE_NAME],
        },
        files=files,
    )
    assert response.status_code == 201, response.text
    assert response.json()["documents"] == 2


def test_a_claim_in_chinese_is_refused_in_chinese(client_for, insured):
    response = _claim(client_for(insured, language="zh-hant"), {**UNEMPLOYMENT, "benefit": "lump_sum"})
    body = assert_error(response, 422, "invalid_input")
    assert body["details"]["confirm_end"] != ["Confirm that you understand the consequence."]
    assert all(ord(ch) > 127 for ch in body["details"]["confirm_end"][0][:2])


@pytest.mark.parametrize("month", ["1966-3", "1966-03-01", "abc", "１９６６-03", "1966-13", "196²-03"])
def test_an_estimate_with_a_malformed_month_is_invalid_input(client_for, insured, month):
    response = client_for(insured).post(
        "/insurance/estimates", json={"birth_month": "1966-03", "category": "man", "retirement_month": month}
    )
    body = assert_error(response, 422, "invalid_input")
    assert body["details"] == {"retirement_month": ["Write the month as YYYY-MM."]}
    assert insured.determinations.count() == 0
