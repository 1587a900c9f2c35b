"""Practice pages: catalogue, eligibility check (the lawyers' 2023 change), apply, register, registrations, alerts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from talentbridge.accounts.models import Role
from talentbridge.casework import services as casework
from talentbridge.casework.models import Application
from talentbridge.core import clock
from talentbridge.policy.models import Determination
from talentbridge.practice import services
from talentbridge.practice.models import PracticeAlert, Registration
from talentbridge.reference.models import Authority
from tests.mobility.conftest import attach_required_documents

LAWYER = {
    "field": "lawyer",
    "zone": "nine_cities",
    "home_jurisdiction": "hong_kong",
    "holds_home_licence": "yes",
    "years_of_practice": "4",
    "is_permanent_resident": "yes",
    "is_chinese_citizen": "yes",
    "has_disciplinary_record": "no",
}


@pytest.mark.django_db
def test_pathways_page_lists_and_filters(reference):
    page = Client().get(reverse("web:pathways"), {"zone": "nansha", "on": "2025-06-01"})
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-pathway="architect.nansha"' in html and 'data-pathway="lawyer.nine_cities"' not in html


@pytest.mark.django_db
def test_pathway_page_shows_conditions_documents_and_sources(reference):
    page = Client().get(reverse("web:pathway", args=["lawyer", "nine_cities"]), {"on": "2023-08-01"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "data-minimum-years>5<" in html and "Law Society" in html and "GBA examination pass certificate" in html
    assert Client().get(reverse("web:pathway", args=["astronaut", "mars"])).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(("day", "eligible"), [("2023-10-04", "false"), ("2023-10-05", "true")])
def test_check_page_answers_differently_around_5_october_2023(reference, day, eligible):
    page = Client().post(reverse("web:practice_check"), {**LAWYER, "on": day})
    html = page.content.decode()
    assert page.status_code == 200
    assert f'data-eligible="{eligible}"' in html
    assert 'data-variable="meets_practice_experience_requirement"' in html
    assert Determination.objects.count() == 1
    if eligible == "false":
        assert 'data-kind="wait"' in html  # eligible from 5 Oct 2023 under the 3-year minimum


@pytest.mark.django_db
def test_check_page_reports_bad_answers(reference):
    page = Client().post(reverse("web:practice_check"), {**LAWYER, "years_of_practice": "-3"})
    assert page.status_code == 400
    assert not Determination.objects.exists()


@pytest.mark.django_db
def test_apply_from_an_eligible_check_opens_a_prefilled_draft_at_the_named_authority(reference, applicant, signed_in):
    client = signed_in(applicant)
    client.post(reverse("web:practice_check"), {**LAWYER, "on": "2025-06-01"})
    determination = Determination.objects.get()
    with clock.frozen_at(dt.datetime(2026, 6, 1, 10, tzinfo=dt.UTC)):  # filed while the lawyers' pathway is in force
        response = client.post(
            reverse("web:practice_apply"),
            {"check": determination.pk, "city": "shenzhen", "licence_number": "HK-LS-4711"},
        )
    case = Application.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("web:case_detail", args=[case.reference])
    assert (case.kind, case.authority.code, case.state) == ("practice_registration", "GD-DOJ", "draft")
    assert case.payload == {
        "profession": "lawyer",
        "field": "lawyer",
        "zone": "nine_cities",
        "city": "shenzhen",
        "home_jurisdiction": "hong_kong",
        "licence_number": "HK-LS-4711",
        "years_of_practice": 4,
        "check": str(determination.pk),
    }


@pytest.mark.django_db
def test_apply_needs_an_applicant(reference, reviewer, signed_in):
    response = signed_in(reviewer).post(reverse("web:practice_apply"), {"check": 1, "city": "shenzhen"})
    assert response.status_code == 403
    assert not Application.objects.exists()


def _registration(applicant, **extra):
    return services.registration_grant(
        professional=applicant,
        payload={"profession": "architect", "city": "shenzhen", "licence_number": "SECRET-LIC-99", **extra},
        authority=Authority.objects.get(code="GD-DHURD"),
        case_reference="PR-TEST-1",
    )


@pytest.mark.django_db
def test_public_register_shows_public_columns_only(reference, applicant):
    registration = _registration(applicant)
    page = Client().get(reverse("web:practice_register"), {"name": applicant.full_name})
    html = page.content.decode()
    assert page.status_code == 200
    assert registration.number in html and applicant.full_name in html
    assert "Department of Housing and Urban-Rural Development of Guangdong Province" in html
    assert "SECRET-LIC-99" not in html and applicant.email not in html and "PR-TEST-1" not in html


@pytest.mark.django_db
def test_authority_suspends_and_revokes_from_its_registrations_page(reference, applicant, reviewer, signed_in):
    registration = _registration(applicant)
    client = signed_in(reviewer)
    url = reverse("web:practice_registration_action", args=[registration.pk])
    client.post(url, {"action": "suspend", "reason": "Under investigation."})
    assert Registration.objects.get(pk=registration.pk).status == "suspended"
    client.post(url, {"action": "revoke", "reason": "Struck off.", "confirm": "yes"})
    assert Registration.objects.get(pk=registration.pk).status == "revoked"


@pytest.mark.django_db
def test_other_authority_cannot_touch_a_registration(reference, applicant, make_user, signed_in):
    registration = _registration(applicant)
    stranger = make_user(Role.REVIEWER, authority="GD-DOJ")
    url = reverse("web:practice_registration_action", args=[registration.pk])
    assert signed_in(stranger).post(url, {"action": "revoke", "reason": "No."}).status_code == 404
    assert Registration.objects.get(pk=registration.pk).status == "active"


@pytest.mark.django_db
def test_reviewer_raises_an_alert_and_applicants_cannot_see_alerts(reference, reviewer, applicant, signed_in):
    response = signed_in(reviewer).post(
        reverse("web:practice_alerts"), {"person_identifier": "x@example.org", "field": "", "reason": "Barred."}
    )
    assert response.status_code == 302 and PracticeAlert.objects.count() == 1
    assert signed_in(applicant).get(reverse("web:practice_alerts")).status_code == 403


def _doctor_registration(applicant, *, on=None, reference="PR-TEST-DOC"):
    """A registration with a fixed term (doctors in the nine cities: three years)."""
    return services.registration_grant(
        professional=applicant,
        payload={
            "profession": "physician",
            "field": "doctor",
            "city": "shenzhen",
            "licence_number": "MC-1234",
            "years_of_practice": 6,
        },
        authority=Authority.objects.get(code="GD-HEALTH"),
        case_reference=reference,
        on=on,
    )


@pytest.mark.django_db
def test_registrations_page_links_the_certificate_and_offers_renewal(reference, applicant, signed_in):
    registration = _doctor_registration(applicant, on=clock.today() - dt.timedelta(days=1050))  # in its last 90 days
    html = signed_in(applicant).get(reverse("web:practice_registrations")).content.decode()
    assert registration.number in html
    assert reverse("web:certificate_print", args=[registration.certificate_id]) in html
    assert reverse("web:practice_renew", args=[registration.pk]) in html


@pytest.mark.django_db
def test_a_registration_without_a_fixed_term_offers_no_renewal_and_the_service_refuses(reference, applicant, signed_in):
    registration = _registration(applicant)  # architects: no fixed term
    client = signed_in(applicant)

    html = client.get(reverse("web:practice_registrations")).content.decode()
    response = client.post(reverse("web:practice_renew", args=[registration.pk]), follow=True)

    assert registration.valid_until is None
    assert reverse("web:practice_renew", args=[registration.pk]) not in html
    assert "no fixed term" in html
    assert "A registration without a fixed term does not need renewing." in response.content.decode()
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_renewal_opens_a_complete_draft_that_can_be_submitted_as_it_is(
    reference, applicant, signed_in, settings, tmp_path
):
    settings.DOCUMENT_ROOT = tmp_path / "documents"
    registration = _doctor_registration(applicant, on=clock.today() - dt.timedelta(days=1050))  # in its last 90 days
    client = signed_in(applicant)

    response = client.post(reverse("web:practice_renew", args=[registration.pk]))

    case = Application.objects.get()
    assert response.status_code == 302
    assert case.payload == {
        "profession": "physician",
        "field": "doctor",
        "zone": "nine_cities",
        "city": "shenzhen",
        "home_jurisdiction": "hong_kong",
        "licence_number": "MC-1234",
        "years_of_practice": 8,  # 6 when granted, plus two whole years since
        "renewal_of": registration.number,
    }
    assert case.authority.code == "GD-HEALTH"
    attach_required_documents(case, applicant)  # the documents are the applicant's to give; the data is complete
    submitted = casework.application_transition(application_id=case.pk, actor=applicant, transition="submit")
    assert submitted.state == "submitted"


@pytest.mark.django_db
def test_the_register_shows_a_renewed_registration_once(reference, applicant, signed_in, make_user):
    old = _doctor_registration(applicant, on=clock.today() - dt.timedelta(days=1050))
    authority, payload = services.renewal_prefill(registration_id=old.pk, professional=applicant)
    new = services.registration_grant(
        professional=applicant, payload=payload, authority=Authority.objects.get(code=authority), case_reference="R1"
    )

    html = Client().get(reverse("web:practice_register"), {"name": applicant.full_name}).content.decode()
    mine = signed_in(applicant).get(reverse("web:practice_registrations")).content.decode()
    home = signed_in(make_user(Role.ANALYST)).get("/").content.decode()

    assert html.count(f"<td>{applicant.full_name}</td>") == 1
    assert f'data-number="{new.number}" data-standing="in_force"' in html
    assert old.number not in html
    assert f'data-number="{old.number}" data-status="superseded" data-standing="superseded"' in mine
    assert reverse("web:practice_renew", args=[old.pk]) not in mine
    figures = home[home.index('id="headline-figures"') :]
    assert (
        "<tr><td>Hong Kong and Macao professionals with a practice registration in force</td>"
        '<td class="num">1</td></tr>'
    ) in figures


@pytest.mark.django_db
def test_alerts_panel_shows_other_authorities_alerts_on_the_applicant(
    reference, make_case, reviewer, make_user, applicant
):
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    case = make_case(submit=True)
    other = make_user(Role.REVIEWER, authority="GD-DOJ")
    services.alert_raise(actor=other, person_identifier="HK-ERB-12345", reason="Barred by the home board.")
    request = RequestFactory().get("/")
    request.user = reviewer
    html = render_to_string("web/practice/_alerts_panel.html", {"case": case, "request": request})
    assert 'id="practice-alerts"' in html and "Barred by the home board." in html
    assert "Department of Justice of Guangdong Province" in html
    request.user = applicant
    assert "practice-alerts" not in render_to_string(
        "web/practice/_alerts_panel.html", {"case": case, "request": request}
    )


def test_practice_codes_are_named_in_the_page_language():
    from django.template import Context, Template
    from django.utils import translation

    template = Template("{% load practice_labels %}{{ f|practice_field_label }}/{{ z|practice_zone_label }}")
    with translation.override("zh-hant"):
        assert template.render(Context({"f": "structural_engineer", "z": "hengqin"})) == "結構工程師/橫琴"
    with translation.override("en"):
        assert template.render(Context({"f": "lawyer", "z": "nine_cities"})) == "Lawyer/nine cities"


@pytest.mark.django_db
def test_an_expired_alert_says_so_and_offers_no_withdrawal(reference, reviewer, signed_in):
    alert = services.alert_raise(
        actor=reviewer, person_identifier="x@example.org", reason="Barred.", expires_on=clock.today() + dt.timedelta(1)
    )
    PracticeAlert.objects.filter(pk=alert.pk).update(expires_on=clock.today() - dt.timedelta(days=1))

    html = signed_in(reviewer).get(reverse("web:practice_alerts")).content.decode()

    row = html[html.index(f'data-alert="{alert.pk}"') :]
    row = row[: row.index("</tr>")]
    assert "(expired)" in row
    assert reverse("web:practice_alert_withdraw", args=[alert.pk]) not in row


@pytest.mark.django_db
def test_a_refused_registration_action_names_the_registration_and_keeps_the_reason(
    reference, applicant, reviewer, signed_in
):
    registration = _registration(applicant)
    client = signed_in(reviewer)
    url = reverse("web:practice_registration_action", args=[registration.pk])
    response = client.post(url, {"action": "revoke", "reason": "Struck off by the board."})  # the box left unticked
    assert response.status_code == 400
    html = response.content.decode()
    assert f"Registration {registration.number}: " in html
    assert 'value="Struck off by the board."' in html and '<details class="registration-revoke" open>' in html
    assert Registration.objects.get(pk=registration.pk).status == "active"


@pytest.mark.django_db
def test_the_registrations_page_finds_a_registration_by_number_or_name(reference, applicant, reviewer, signed_in):
    registration = _registration(applicant)
    client = signed_in(reviewer)
    found = client.get(reverse("web:practice_registrations"), {"q": registration.number}).content.decode()
    assert f'id="registration-{registration.number}"' in found
    missing = client.get(reverse("web:practice_registrations"), {"q": "NO-SUCH-NUMBER"}).content.decode()
    assert f'id="registration-{registration.number}"' not in missing and "No registration matches" in missing
