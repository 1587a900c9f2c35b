"""Mobility pages: the checker shows the kernel's answer; attestations, applying, endorsements and stays."""

# ruff: noqa: F811
from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape

from talentbridge.accounts.models import Organisation, Role
from talentbridge.casework.models import Application, Document
from talentbridge.core import clock
from talentbridge.mobility import services
from talentbridge.mobility.models import EmployerAttestation, Endorsement, StayRecord
from talentbridge.policy.models import Determination
from talentbridge.reference.models import City
from talentbridge.rules.explain import explain

# The mobility fixtures, shared with tests/mobility (ruff sees each use as a redefinition: F811 is off here).
from tests.mobility.conftest import (  # noqa: F401
    confirmed,
    employer_staff,
    endorsement,
    exit_entry,
    institute,
    second_exit_entry,
    submitted,
    talent,
)
from tests.web.conftest import PDF_BYTES

pytestmark = pytest.mark.django_db


def _text(html: str, element_id: str) -> str:
    match = re.search(rf'id="{element_id}">(.*?)</(dd|ul)>', html, re.S)
    assert match, element_id
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(1))).strip()


@pytest.mark.parametrize(
    ("category", "eep", "city", "hetao", "on"),
    [
        ("research", True, "shenzhen", False, "2025-06-10"),
        ("outstanding", True, "zhuhai", False, "2024-01-15"),
        ("legal", False, "guangzhou", False, "2025-06-10"),
        ("none", True, "shenzhen", True, "2025-12-01"),
        ("health", True, "foshan", False, "2022-12-31"),
    ],
)
def test_checker_shows_the_kernels_answer_and_stores_it(client, reference, category, eep, city, hetao, on):
    data = {"category": category, "work_city": city, "on": on}
    if eep:
        data["holds_valid_eep"] = "on"
    if hetao:
        data["works_in_hetao_shenzhen_park"] = "on"

    html = client.post(reverse("web:endorsement_check"), data).content.decode()

    period = on[:7]
    kernel = explain(
        {
            "talent_category": {period: category},
            "holds_valid_eep": {period: eep},
            "work_city": {period: city},
            "works_in_hetao_shenzhen_park": {period: hetao},
            "filed_with_hetao_park_management": {period: False},  # asked, left unticked
        },
        period,
        ["endorsement_eligible", "endorsement_validity_years", "endorsement_max_stay_days"],
    )
    eligible, years, stay = (o["value"] for o in kernel["outputs"])
    assert _text(html, "result-eligible") == ("Yes" if eligible else "No")
    if eligible:
        assert _text(html, "result-validity") == str(years)
        assert _text(html, "result-max-stay") == str(stay)
    else:  # no endorsement: no period of zero years or days is shown
        assert 'id="result-validity"' not in html and 'id="result-max-stay"' not in html
    for line in kernel["text"]["en"]:
        assert line.strip().replace("'", "&#x27;") in html
    stored = Determination.objects.get()
    assert stored.outputs == {
        "endorsement_eligible": eligible,
        "endorsement_validity_years": years,
        "endorsement_max_stay_days": stay,
    }
    if eligible:
        offices = re.findall(r'data-code="([A-Z-]+)"', html)
        assert offices == ([f"{city.upper()}-EXIT-ENTRY"] if category != "outstanding" else sorted(offices))
        assert len(offices) == (1 if category != "outstanding" else 9)


HETAO_STAFF = {
    "category": "none",
    "holds_valid_eep": "on",
    "work_city": "shenzhen",
    "works_in_hetao_shenzhen_park": "on",
}


@pytest.mark.parametrize(
    ("on", "filed", "eligible", "years"),
    [("2025-11-05", True, "Yes", "3"), ("2025-11-05", False, "No", "0"), ("2025-11-04", True, "No", "0")],
    ids=["filed-from-5-november", "not-filed", "filed-the-day-before"],
)
def test_hetao_park_staff_are_asked_about_the_filing_and_the_check_decides_on_the_day(
    client, reference, on, filed, eligible, years
):
    # given a Hetao Shenzhen Park employee without a talent category, who has filed with the park or not
    data = {**HETAO_STAFF, "on": on, **({"filed_with_hetao_park_management": "on"} if filed else {})}
    # when they check on 4 or 5 November 2025
    response = client.post(reverse("web:endorsement_check"), data)
    html = response.content.decode()
    # then the question is on the page, and only filed staff from 5 November get the 3-year route
    assert response.status_code == 200
    assert 'name="filed_with_hetao_park_management"' in html
    assert "I have filed with the Hetao Shenzhen Park&#x27;s management" in html
    assert _text(html, "result-eligible") == eligible
    if eligible == "Yes":
        assert _text(html, "result-validity") == years
    else:
        assert 'id="result-validity"' not in html
    stored = Determination.objects.get()
    assert stored.inputs["filed_with_hetao_park_management"] == {on[:7]: filed}
    assert stored.inputs["decision_date"] == {on[:7]: on}
    assert stored.outputs["endorsement_validity_years"] == int(years)


def test_checker_shows_the_coverage_date(client, reference):
    html = client.post(
        reverse("web:endorsement_check"),
        {"category": "research", "holds_valid_eep": "on", "work_city": "jiangmen", "on": "2025-01-01"},
    ).content.decode()
    assert _text(html, "result-covered-from") == "20 Feb 2023"


def test_attestation_queue_refuses_with_reasons(signed_in, make_user):
    org = Organisation.objects.create(
        name="Jinan University", kind=Organisation.Kind.UNIVERSITY, city=City.objects.get(code="guangzhou")
    )
    staff = make_user(Role.ORGANISATION_STAFF, organisation=org)
    talent = make_user(Role.APPLICANT, residence="GD")
    attestation = services.attestation_request(
        talent=talent,
        organisation_id=org.pk,
        job_title="Professor",
        professional_title="senior",
        employed_since=dt.date(2015, 9, 1),
    )
    client = signed_in(staff)
    assert f'data-attestation="{attestation.pk}"' in client.get(reverse("web:attestations")).content.decode()

    refused = client.post(reverse("web:attestations"), {"attestation": attestation.pk, "decision": "refuse"})
    assert refused.status_code == 400
    attestation.refresh_from_db()
    assert attestation.status == "requested"

    done = client.post(
        reverse("web:attestations"), {"attestation": attestation.pk, "decision": "refuse", "reasons": "Left in May."}
    )
    assert done.status_code == 302
    attestation.refresh_from_db()
    assert (attestation.status, attestation.decided_by, attestation.reasons) == ("refused", staff, "Left in May.")


@pytest.mark.parametrize("role", [Role.APPLICANT, Role.REVIEWER])
def test_attestation_queue_is_for_organisation_staff_only(signed_in, make_user, role):
    extra = {"authority": "SHENZHEN-EXIT-ENTRY"} if role == Role.REVIEWER else {}
    assert signed_in(make_user(role, **extra)).get(reverse("web:attestations")).status_code == 403
    assert EmployerAttestation.objects.count() == 0


# --- Talent pages: attestation request, apply, endorsements and stays ---------------------------------------


@pytest.fixture
def _documents_in_tmp(settings, tmp_path):
    settings.DOCUMENT_ROOT = tmp_path / "documents"


def _pdf(name: str = "contract.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def test_talent_requests_an_attestation(signed_in, talent, institute):
    client = signed_in(talent)
    response = client.post(
        reverse("web:attestation_request"),
        {
            "organisation": institute.pk,
            "job_title": "Principal investigator",
            "professional_title": "associate_senior",
            "employed_since": "2020-09-01",
        },
    )
    assert response.status_code == 302
    attestation = EmployerAttestation.objects.get()
    assert (attestation.talent, attestation.organisation, attestation.status) == (talent, institute, "requested")
    assert f'data-attestation="{attestation.pk}" data-status="requested"' in client.get(response.url).content.decode()


def test_a_future_employment_date_is_shown_next_to_the_field_and_nothing_is_saved(signed_in, talent, institute):
    future = (clock.today() + dt.timedelta(days=3)).isoformat()
    response = signed_in(talent).post(
        reverse("web:attestation_request"),
        {"organisation": institute.pk, "job_title": "PI", "professional_title": "senior", "employed_since": future},
    )
    assert response.status_code == 400
    assert 'id="id_employed_since_error"><span>The date of employment may not be in the future.' in (
        response.content.decode()
    )
    assert EmployerAttestation.objects.count() == 0


def test_a_hong_kong_applicant_cannot_request_an_attestation(signed_in, make_user, institute):
    hk = make_user(Role.APPLICANT, residence="HK")
    response = signed_in(hk).post(
        reverse("web:attestation_request"),
        {
            "organisation": institute.pk,
            "job_title": "PI",
            "professional_title": "senior",
            "employed_since": "2020-01-01",
        },
    )
    # The page says so instead of offering the form; a request sent anyway is refused.
    assert response.status_code == 403
    assert "Talent endorsements are for mainland residents" in response.content.decode()
    assert EmployerAttestation.objects.count() == 0


# The documents each category asks for, one field each (mobility/data/documents.yaml).
CATEGORY_DOCUMENTS = {
    "research": ("eep", "photo", "professional_title_certificate"),
    "outstanding": ("eep", "photo", "talent_recognition"),
}


def _apply_data(attestation: EmployerAttestation, **changes: object) -> dict[str, object]:
    category = str(changes.get("category", "research"))
    return {
        "category": category,
        "destination": "HK_MO",
        "work_city": "shenzhen",
        "authority": "",
        "employer_attestation": attestation.pk,
        "eep_number": "c12345678",
        **{f"document_{code}": _pdf(f"{code}.pdf") for code in CATEGORY_DOCUMENTS[category]},
        "documents": [_pdf()],
        **changes,
    }


@pytest.mark.usefixtures("_documents_in_tmp")
def test_apply_submits_at_the_work_citys_office_with_the_documents(signed_in, talent, confirmed):
    response = signed_in(talent).post(reverse("web:endorsement_apply"), _apply_data(confirmed))

    case = Application.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("web:case_detail", kwargs={"reference": case.reference})
    assert (case.kind, case.state, case.authority.code) == ("talent_endorsement", "submitted", "SHENZHEN-EXIT-ENTRY")
    assert case.payload == {
        "category": "research",
        "destination": "HK_MO",
        "employer": "Shenzhen Bay Laboratory",
        "eep_number": "C12345678",
        "work_city": "shenzhen",
        "works_in_hetao_shenzhen_park": "no",
        "filed_with_hetao_park_management": "no",
        "employer_attestation": confirmed.pk,
    }
    assert sorted(case.documents.values_list("document_type", "original_name")) == [
        ("", "contract.pdf"),
        ("eep", "eep.pdf"),
        ("photo", "photo.pdf"),
        ("professional_title_certificate", "professional_title_certificate.pdf"),
    ]


@pytest.mark.usefixtures("_documents_in_tmp")
def test_apply_carries_the_hetao_park_answers_into_the_case(signed_in, talent, confirmed):
    # given a research talent of the Hetao Shenzhen Park who has filed with the park's management
    data = _apply_data(confirmed, works_in_hetao_shenzhen_park="on", filed_with_hetao_park_management="on")
    # when they apply
    response = signed_in(talent).post(reverse("web:endorsement_apply"), data)
    # then the case records both answers, as the decision reads them
    assert response.status_code == 302
    payload = Application.objects.get().payload
    assert (payload["works_in_hetao_shenzhen_park"], payload["filed_with_hetao_park_management"]) == ("yes", "yes")


def test_the_apply_form_asks_the_hetao_park_questions(signed_in, talent):
    html = signed_in(talent).get(reverse("web:endorsement_apply")).content.decode()
    assert 'name="works_in_hetao_shenzhen_park"' in html
    assert 'name="filed_with_hetao_park_management"' in html


@pytest.mark.usefixtures("_documents_in_tmp")
def test_an_outstanding_talent_may_choose_another_gba_office(signed_in, talent, confirmed):
    data = _apply_data(confirmed, category="outstanding", authority="ZHUHAI-EXIT-ENTRY")
    assert signed_in(talent).post(reverse("web:endorsement_apply"), data).status_code == 302
    assert Application.objects.get().authority.code == "ZHUHAI-EXIT-ENTRY"


@pytest.mark.usefixtures("_documents_in_tmp")
@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"authority": "GUANGZHOU-EXIT-ENTRY"},
            "authority",
            "Apply at the exit-entry office of the city where you work.",
        ),
        ({"documents": [SimpleUploadedFile("a.txt", b"hello")]}, "documents", "The file is not a PDF, JPEG or PNG"),
    ],
)
def test_apply_errors_are_next_to_the_field_and_nothing_is_saved(signed_in, talent, confirmed, changes, field, message):
    response = signed_in(talent).post(reverse("web:endorsement_apply"), _apply_data(confirmed, **changes))

    assert response.status_code == 400
    assert f'id="id_{field}_error"><span>{message}' in response.content.decode()
    assert (Application.objects.count(), Document.objects.count()) == (0, 0)


@pytest.mark.usefixtures("_documents_in_tmp")
def test_an_unconfirmed_attestation_is_refused_next_to_its_field(signed_in, talent, institute):
    requested = services.attestation_request(
        talent=talent,
        organisation_id=institute.pk,
        job_title="PI",
        professional_title="senior",
        employed_since=dt.date(2020, 1, 1),
    )
    response = signed_in(talent).post(reverse("web:endorsement_apply"), _apply_data(requested))

    assert response.status_code == 400
    waiting = f"{escape(requested.organisation.name)} has not decided on this attestation yet: it is still waiting."
    assert f'id="id_employer_attestation_error"><span>{waiting}' in response.content.decode()
    assert Application.objects.count() == 0


def test_the_check_result_links_to_apply_prefilled(client, signed_in, talent, reference):
    html = client.post(
        reverse("web:endorsement_check"),
        {"category": "health", "holds_valid_eep": "on", "work_city": "foshan", "on": "2025-06-10"},
    ).content.decode()
    link = reverse("web:endorsement_apply") + "?category=health&amp;work_city=foshan"
    assert f'id="apply-link" href="{link}"' in html

    form = signed_in(talent).get(link.replace("&amp;", "&")).content.decode()
    assert '<option value="health" selected>' in form
    assert '<option value="foshan" selected>' in form


def test_endorsements_list_validity_days_left(signed_in, talent, endorsement):
    html = signed_in(talent).get(reverse("web:endorsements")).content.decode()
    days = (endorsement.valid_to - clock.today()).days + 1
    assert f'data-endorsement="{endorsement.pk}"' in html
    assert f'<td class="days-left">{days}</td>' in html


@pytest.fixture
def valid_since_100_days(endorsement):
    Endorsement.objects.filter(pk=endorsement.pk).update(valid_from=clock.today() - dt.timedelta(days=100))
    endorsement.refresh_from_db()
    return endorsement


def _local(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_logging_an_entry_26_days_ago_warns_from_day_25(signed_in, talent, valid_since_100_days, settings):
    settings.MOBILITY_STAY_WARNING_DAY = 25
    client = signed_in(talent)
    url = reverse("web:endorsement_detail", kwargs={"endorsement_id": valid_since_100_days.pk})
    entered = clock.now() - dt.timedelta(days=26)

    response = client.post(url, {"action": "entry", "destination": "HK", "entered_at": _local(entered)})

    assert response.status_code == 302
    html = client.get(url).content.decode()
    last = timezone.localtime(entered).date() + dt.timedelta(days=29)
    assert 'id="stay-warning"' in html
    assert f"Day 27 of at most 30 days in this stay: leave by {date_format(last, 'DATE_FORMAT')}." in html
    assert '<td class="days-used">27</td>' in html


def test_no_warning_before_the_warning_day(signed_in, talent, valid_since_100_days, settings):
    settings.MOBILITY_STAY_WARNING_DAY = 28
    client = signed_in(talent)
    url = reverse("web:endorsement_detail", kwargs={"endorsement_id": valid_since_100_days.pk})
    client.post(
        url, {"action": "entry", "destination": "MO", "entered_at": _local(clock.now() - dt.timedelta(days=26))}
    )
    assert 'id="stay-warning"' not in client.get(url).content.decode()


def test_an_overstay_is_flagged(signed_in, talent, valid_since_100_days):
    services.stay_entry_log(
        holder=talent,
        endorsement_id=valid_since_100_days.pk,
        destination="HK",
        entered_at=clock.now() - dt.timedelta(days=40),
    )
    html = (
        signed_in(talent)
        .get(reverse("web:endorsement_detail", kwargs={"endorsement_id": valid_since_100_days.pk}))
        .content.decode()
    )
    assert "Overstay: 41 days, more than the 30 days allowed per stay." in html
    assert 'class="overstay"' in html


def test_logging_an_exit_closes_the_stay(signed_in, talent, valid_since_100_days):
    client = signed_in(talent)
    url = reverse("web:endorsement_detail", kwargs={"endorsement_id": valid_since_100_days.pk})
    client.post(url, {"action": "entry", "destination": "HK", "entered_at": _local(clock.now() - dt.timedelta(days=5))})
    response = client.post(url, {"action": "exit", "exited_at": _local(clock.now() - dt.timedelta(days=2))})
    assert response.status_code == 302
    stay = StayRecord.objects.get()
    assert stay.exited_at is not None


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"action": "entry", "destination": "HK", "entered_at": "2999-01-01T10:00"},
            "entered_at",
            "The entry may not be in the future.",
        ),
        ({"action": "entry", "destination": "HK", "entered_at": "yesterday"}, "entered_at", "Enter a valid date/time."),
        (
            {"action": "entry", "destination": "XX", "entered_at": "2020-01-01T10:00"},
            "destination",
            "Choose one of the options offered for “Destination”.",
        ),
        ({"action": "exit", "exited_at": "2020-01-01T10:00"}, "exited_at", "There is no open stay to close."),
    ],
)
def test_bad_stay_records_are_shown_next_to_the_field_and_save_nothing(
    signed_in, talent, valid_since_100_days, data, field, message
):
    url = reverse("web:endorsement_detail", kwargs={"endorsement_id": valid_since_100_days.pk})
    response = signed_in(talent).post(url, data)
    assert response.status_code == 400
    assert f'id="id_{field}_error"><span>{message}' in response.content.decode()
    assert StayRecord.objects.count() == 0


def test_an_overlapping_entry_is_refused(signed_in, talent, valid_since_100_days):
    services.stay_entry_log(
        holder=talent,
        endorsement_id=valid_since_100_days.pk,
        destination="HK",
        entered_at=clock.now() - dt.timedelta(days=10),
    )
    services.stay_exit_log(holder=talent, exited_at=clock.now() - dt.timedelta(days=5))
    url = reverse("web:endorsement_detail", kwargs={"endorsement_id": valid_since_100_days.pk})

    response = signed_in(talent).post(
        url, {"action": "entry", "destination": "MO", "entered_at": _local(clock.now() - dt.timedelta(days=7))}
    )

    assert response.status_code == 400
    assert 'id="id_entered_at_error"><span>This entry overlaps or precedes a stay already recorded.' in (
        response.content.decode()
    )
    assert StayRecord.objects.count() == 1


def test_someone_elses_endorsement_is_not_found(signed_in, make_user, endorsement):
    other = make_user(Role.APPLICANT, residence="GD")
    url = reverse("web:endorsement_detail", kwargs={"endorsement_id": endorsement.pk})
    assert signed_in(other).get(url).status_code == 404
    assert (
        signed_in(other)
        .post(url, {"action": "entry", "destination": "HK", "entered_at": "2020-01-01T10:00"})
        .status_code
        == 404
    )
    assert StayRecord.objects.count() == 0


@pytest.mark.parametrize("name", ["attestation_request", "endorsement_apply", "endorsements"])
def test_talent_pages_are_for_applicants(signed_in, make_user, name):
    assert signed_in(make_user(Role.ORGANISATION_STAFF)).get(reverse(f"web:{name}")).status_code == 403


def test_applicants_find_their_endorsement_pages_from_the_checker(client, signed_in, talent):
    html = signed_in(talent).get(reverse("web:endorsement_check")).content.decode()
    for name in ("endorsements", "attestation_request", "endorsement_apply"):
        assert f'href="{reverse(f"web:{name}")}"' in html
    assert 'id="talent-links"' not in client.get(reverse("web:endorsement_check")).content.decode()


# --- a revoked, suspended or expired endorsement never acts as valid -----------------------------------


def test_a_revoked_endorsement_is_listed_as_revoked_without_days_left(signed_in, talent, valid_since_100_days):
    Endorsement.objects.filter(pk=valid_since_100_days.pk).update(status="revoked")

    html = signed_in(talent).get(reverse("web:endorsements")).content.decode()

    row = html[html.index(f'data-endorsement="{valid_since_100_days.pk}"') :]
    row = row[: row.index("</tr>")]
    assert 'data-standing="revoked"' in row
    assert '<td class="standing">Revoked</td>' in row
    assert '<td class="days-left">—</td>' in row


@pytest.mark.parametrize(
    ("status", "message"),
    [
        ("revoked", "This endorsement has been revoked: no stay can be recorded on it."),
        ("suspended", "This endorsement is suspended: no stay can be recorded on it while it is suspended."),
    ],
)
def test_a_revoked_or_suspended_endorsement_offers_no_entry_and_refuses_one(
    signed_in, talent, valid_since_100_days, status, message
):
    Endorsement.objects.filter(pk=valid_since_100_days.pk).update(status=status)
    url = reverse("web:endorsement_detail", kwargs={"endorsement_id": valid_since_100_days.pk})
    client = signed_in(talent)

    page = client.get(url).content.decode()
    assert 'value="entry"' not in page
    assert "endorsement-days-left" not in page
    assert f'<p role="status" id="no-entry">{message}</p>' in page

    entered = _local(clock.now() - dt.timedelta(days=2))
    response = client.post(url, {"action": "entry", "destination": "HK", "entered_at": entered})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert StayRecord.objects.count() == 0


def test_an_expired_endorsement_refuses_an_entry_in_chinese(signed_in, talent, valid_since_100_days):
    today = clock.today()
    Endorsement.objects.filter(pk=valid_since_100_days.pk).update(
        valid_from=today - dt.timedelta(days=400), valid_to=today - dt.timedelta(days=1)
    )
    url = reverse("web:endorsement_detail", kwargs={"endorsement_id": valid_since_100_days.pk})
    client = signed_in(talent)
    entered = _local(clock.now() - dt.timedelta(days=5))

    response = client.post(
        url, {"action": "entry", "destination": "HK", "entered_at": entered}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )

    assert response.status_code == 400
    assert "此签注已于" in response.content.decode()
    assert StayRecord.objects.count() == 0


def test_the_analyst_home_counts_only_endorsements_in_force(signed_in, make_user, talent, valid_since_100_days):
    template = {f: getattr(valid_since_100_days, f) for f in ("category", "destination", "work_city", "max_stay_days")}
    today = clock.today()
    for reference, changes in (
        ("TE-REVOKED", {"status": "revoked", "valid_from": today, "valid_to": today + dt.timedelta(days=1000)}),
        ("TE-SUSPENDED", {"status": "suspended", "valid_from": today, "valid_to": today + dt.timedelta(days=1000)}),
        ("TE-EXPIRED", {"valid_from": today - dt.timedelta(days=400), "valid_to": today - dt.timedelta(days=1)}),
    ):
        Endorsement.objects.create(
            holder=talent,
            case_reference=reference,
            rule_set=valid_since_100_days.rule_set,
            granted_at=clock.now(),
            **template,
            **changes,
        )

    html = signed_in(make_user(Role.ANALYST)).get("/").content.decode()

    table = html[html.index('id="headline-figures"') :]
    assert '<tr><td>Talent endorsements in force</td><td class="num">1</td></tr>' in table


@pytest.mark.parametrize("action", ["", "jump", None])
def test_a_stay_form_without_entry_or_exit_says_so_and_records_nothing(signed_in, talent, valid_since_100_days, action):
    data = {"destination": "HK", "entered_at": "2025-01-01T10:00"}
    if action is not None:
        data["action"] = action
    response = signed_in(talent).post(reverse("web:endorsement_detail", args=[valid_since_100_days.pk]), data)
    assert response.status_code == 400
    assert "Choose what to record: an entry or an exit." in response.content.decode()
    assert StayRecord.objects.count() == 0


def test_the_apply_page_says_the_confirmed_attestation_needs_no_upload(signed_in, talent):
    html = signed_in(talent).get(reverse("web:endorsement_apply") + "?category=research").content.decode()

    item = re.search(r'<li data-key="employer_attestation">(.*?)</li>', html, re.S)
    assert item is not None and "already on the platform" in item.group(1)
    assert 'name="document_employer_attestation"' not in html
