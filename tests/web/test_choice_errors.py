"""Every choice of every web form refuses a value it did not offer in the same words: a translated message
naming the field's question, never the value sent (Django's own "Select a valid choice. xyz is not one of
the available choices." repeats it). The page is shown again with 400 and nothing is saved.

The forms are found, not listed: each form class of the web's form modules either has a page below, on
which each of its choice fields is sent a value it does not offer, or has no choice at all.
"""

# ruff: noqa: F811
from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from talentbridge.accounts.models import Organisation, Role, User
from talentbridge.casework import services as casework
from talentbridge.casework.models import Application, AuditEvent, Document, Verification
from talentbridge.core import clock
from talentbridge.insurance.models import ContributionPeriod
from talentbridge.mobility import services as mobility
from talentbridge.mobility.models import EmployerAttestation, Endorsement, StayRecord
from talentbridge.policy.models import Determination, WhatIfRun
from talentbridge.practice import services as practice
from talentbridge.practice.models import PracticeAlert, Registration
from talentbridge.reference.models import Authority, City
from talentbridge.web import fields, forms_insurance, forms_mobility, forms_policy, forms_practice
from talentbridge.web import forms as web_forms

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
from tests.sweep import read_page
from tests.web.conftest import PDF_BYTES
from tests.web.test_practice_pages import LAWYER

pytestmark = pytest.mark.django_db

BOGUS = "xyz-not-offered"
FORM_MODULES = (web_forms, forms_insurance, forms_mobility, forms_policy, forms_practice)

# Forms whose refusal says more than the shared words (they name what is offered: an action, an authority).
OWN_WORDS = {
    ("DecisionForm", "transition"): "This action is not open on this case now. Choose one of those listed.",
    ("DecisionForm", "verifier"): "Choose one of the authorities listed.",
    ("ApplicantActionForm", "transition"): "This action is not open on this case now.",
    ("ReasonForm", "action"): "This action is not open on this registration.",
}


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


@dataclass
class Page:
    """A page with one of the forms: who sends it, where, the answers it takes, and what it would save."""

    client: Client
    url: str
    data: dict[str, Any]
    saved: Callable[[], Any]
    method: str = "post"
    context: str = "form"  # where the page keeps the form it shows again
    row: int | None = None  # a formset's row
    prefix: str = ""
    redirects: bool = False  # a form of a list (one per row) refused with a message above the list
    files: tuple[str, ...] = field(default_factory=tuple)  # answers that are uploads, made fresh for each request

    def send(self, name: str, value: Any) -> Any:
        data = {**self.data, f"{self.prefix}{name}": value}
        data.update({key: _pdf(f"{key}.pdf") for key in self.files if key not in {f"{self.prefix}{name}"}})
        if self.method == "get":
            return self.client.get(self.url, data)
        return self.client.post(self.url, data, follow=self.redirects)


Fixture = Callable[[str], Any]


def _events() -> int:
    return AuditEvent.objects.count()


# --- The pages, one per form ----------------------------------------------------------------------------


def _signup(fx: Fixture) -> Page:
    fx("reference")
    data = {
        "full_name": "Chan Tai Man",
        "email": "chan@example.org",
        "residence": "HK",
        "password": "a-Long-pass-2025",
        "password_again": "a-Long-pass-2025",
    }
    return Page(Client(), reverse("web:signup"), data, saved=lambda: User.objects.count())


def _draft(fx: Fixture) -> Application:
    fx("_documents_in_tmp")
    return fx("make_case")()


def _application_edit(fx: Fixture) -> Page:
    case = _draft(fx)
    data = {**case.payload, "action": "draft", "document_type": "", "document_title": ""}
    fresh = Application.objects.filter(pk=case.pk)
    return Page(
        fx("signed_in")(fx("applicant")),
        reverse("web:application_edit", args=[case.reference]),
        data,
        saved=lambda: (list(fresh.values_list("payload", "version")), Document.objects.count(), _events()),
    )


def _in_review(fx: Fixture) -> Application:
    fx("_documents_in_tmp")
    case = fx("make_case")(submit=True)
    return casework.application_transition(application_id=case.pk, actor=fx("reviewer"), transition="start_review")


def _decision(fx: Fixture) -> Page:
    case = _in_review(fx)
    data = {
        "transition": "request_verification",
        "verifier": "HK-ERB",
        "reason": "Is the licence valid?",
        "expected_version": case.version,
    }
    fresh = Application.objects.filter(pk=case.pk)
    return Page(
        fx("signed_in")(fx("reviewer")),
        reverse("web:case_decide", args=[case.reference]),
        data,
        saved=lambda: (list(fresh.values_list("state", "version")), Verification.objects.count(), _events()),
        context="decision_form",
    )


def _applicant_action(fx: Fixture) -> Page:
    case = _draft(fx)
    fresh = Application.objects.filter(pk=case.pk)
    return Page(
        fx("signed_in")(fx("applicant")),
        reverse("web:case_action", args=[case.reference]),
        {"transition": "withdraw", "expected_version": case.version, "confirm": "on"},
        saved=lambda: (list(fresh.values_list("state", "version")), _events()),
        context="action_form",
    )


def _upload(fx: Fixture) -> Page:
    case = _draft(fx)
    return Page(
        fx("signed_in")(fx("applicant")),
        reverse("web:case_upload", args=[case.reference]),
        {"document_type": "", "title": ""},
        saved=lambda: (Document.objects.count(), _events()),
        context="upload_form",
        files=("file",),
    )


def _verification(fx: Fixture) -> Page:
    case = _in_review(fx)
    casework.verification_request(
        application_id=case.pk, reviewer=fx("reviewer"), authority_code="HK-ERB", question="Is the licence valid?"
    )
    case.refresh_from_db()
    fresh = Application.objects.filter(pk=case.pk)
    return Page(
        fx("signed_in")(fx("verifier")),
        reverse("web:case_verify", args=[case.reference]),
        {"answer": "confirm", "note": "Registered.", "expected_version": case.version},
        saved=lambda: (list(fresh.values_list("state", "version")), list(Verification.objects.values("outcome"))),
        context="verification_form",
    )


def _queue(fx: Fixture) -> Page:
    return Page(fx("signed_in")(fx("reviewer")), reverse("web:review_queue"), {"q": ""}, saved=_events, method="get")


def _insured(fx: Fixture) -> User:
    person = fx("make_user")(Role.APPLICANT, residence="HK")
    place = City.objects.get(code="shenzhen")
    for scheme in ("pension", "unemployment", "work_injury"):
        ContributionPeriod.objects.create(
            person=person,
            scheme=scheme,
            jurisdiction=place.jurisdiction,
            city=place,
            employer_name="ACME",
            start_month=dt.date(2015, 1, 1),
            end_month=None,
            monthly_wage=9500,
        )
    return person


def _estimate(fx: Fixture) -> Page:
    data = {"birth_month": "1970-03", "category": "man", "retirement_month": "", "disability_grade": "5"}
    return Page(
        fx("signed_in")(_insured(fx)),
        reverse("web:insurance_estimate"),
        data,
        saved=lambda: Determination.objects.count(),
    )


def _claim(fx: Fixture) -> Page:
    fx("_documents_in_tmp")
    data = {
        "benefit": "unemployment",
        "city": "shenzhen",
        "insurance_number": "H1",
        "payment_option": "monthly",
        "involuntary_job_loss": "on",
        "registered_as_job_seeker": "on",
        "disability_grade": "",
        "retirement_category": "",
    }
    return Page(
        fx("signed_in")(_insured(fx)),
        reverse("web:insurance_claim"),
        data,
        saved=lambda: (Application.objects.count(), Document.objects.count()),
        files=("document_identity_card", "document_employment_end_proof"),
    )


def _endorsement_check(fx: Fixture) -> Page:
    fx("reference")
    data = {"category": "research", "holds_valid_eep": "on", "work_city": "shenzhen", "on": "2025-06-01"}
    return Page(Client(), reverse("web:endorsement_check"), data, saved=lambda: Determination.objects.count())


def _attestation_decision(fx: Fixture) -> Page:
    staff, talent, institute = fx("employer_staff"), fx("talent"), fx("institute")
    attestation = mobility.attestation_request(
        talent=talent,
        organisation_id=institute.pk,
        job_title="Principal investigator",
        professional_title="senior",
        employed_since=dt.date(2020, 9, 1),
    )
    return Page(
        fx("signed_in")(staff),
        reverse("web:attestations"),
        {"attestation": attestation.pk, "decision": "confirm", "reasons": "Employed full time."},
        saved=lambda: list(EmployerAttestation.objects.values_list("status", "decided_by", "reasons")),
    )


def _attestation_request(fx: Fixture) -> Page:
    data = {
        "organisation": fx("institute").pk,
        "job_title": "Principal investigator",
        "professional_title": "senior",
        "employed_since": "2020-09-01",
    }
    return Page(
        fx("signed_in")(fx("talent")),
        reverse("web:attestation_request"),
        data,
        saved=lambda: EmployerAttestation.objects.count(),
    )


def _endorsement_apply(fx: Fixture) -> Page:
    fx("_documents_in_tmp")
    confirmed = fx("confirmed")
    data = {
        "category": "research",
        "destination": "HK_MO",
        "work_city": "shenzhen",
        "authority": "",
        "employer_attestation": confirmed.pk,
        "eep_number": "C12345678",
    }
    return Page(
        fx("signed_in")(fx("talent")),
        reverse("web:endorsement_apply"),
        data,
        saved=lambda: (Application.objects.count(), Document.objects.count()),
        files=("document_eep", "document_photo", "document_professional_title_certificate"),
    )


def _stay_entry(fx: Fixture) -> Page:
    fx("_documents_in_tmp")
    endorsement: Endorsement = fx("endorsement")
    Endorsement.objects.filter(pk=endorsement.pk).update(valid_from=clock.today() - dt.timedelta(days=100))
    entered = timezone.localtime(clock.now() - dt.timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    return Page(
        fx("signed_in")(fx("talent")),
        reverse("web:endorsement_detail", kwargs={"endorsement_id": endorsement.pk}),
        {"action": "entry", "destination": "HK", "entered_at": entered},
        saved=lambda: StayRecord.objects.count(),
        context="entry_form",
    )


WHATIF_ROWS = {
    "change-TOTAL_FORMS": "3",
    "change-INITIAL_FORMS": "0",
    "change-MIN_NUM_FORMS": "0",
    "change-MAX_NUM_FORMS": "12",
    "change-0-path": "practice.pathways.lawyer.nine_cities.minimum_years_of_practice",
    "change-0-value": "2",
    "change-0-effective_date": "2024-01-01",
}


def _whatif(fx: Fixture) -> Page:
    return Page(
        fx("signed_in")(fx("make_user")(Role.POLICY_OFFICER)),
        reverse("web:whatif"),
        {**WHATIF_ROWS, "by": ["practice_field"], "period": "2025-01"},
        saved=lambda: WhatIfRun.objects.count(),
    )


def _reform_row(fx: Fixture) -> Page:
    page = _whatif(fx)
    page.context, page.row, page.prefix = "rows", 0, "change-0-"
    return page


def _pathways(fx: Fixture) -> Page:
    fx("reference")
    return Page(Client(), reverse("web:pathways"), {"q": ""}, saved=_events, method="get")


def _practice_check(fx: Fixture) -> Page:
    fx("reference")
    return Page(
        Client(),
        reverse("web:practice_check"),
        {**LAWYER, "on": "2025-06-01"},
        saved=lambda: Determination.objects.count(),
    )


def _practice_apply(fx: Fixture) -> Page:
    client = fx("signed_in")(fx("applicant"))
    client.post(reverse("web:practice_check"), {**LAWYER, "on": "2025-06-01"})
    check = Determination.objects.get()
    return Page(
        client,
        reverse("web:practice_apply"),
        {"check": check.pk, "city": "shenzhen", "licence_number": "HK-LS-4711"},
        saved=lambda: Application.objects.count(),
        context="apply_form",
    )


def _registration_action(fx: Fixture) -> Page:
    registration = practice.registration_grant(
        professional=fx("applicant"),
        payload={"profession": "architect", "city": "shenzhen", "licence_number": "ARB-1"},
        authority=Authority.objects.get(code="GD-DHURD"),
        case_reference="PR-TEST-1",
    )
    return Page(
        fx("signed_in")(fx("reviewer")),
        reverse("web:practice_registration_action", args=[registration.pk]),
        {"action": "suspend", "reason": "Under investigation."},
        saved=lambda: list(Registration.objects.values_list("status", flat=True)),
        redirects=True,
    )


def _register(fx: Fixture) -> Page:
    fx("reference")
    return Page(Client(), reverse("web:practice_register"), {"name": ""}, saved=_events, method="get")


def _alerts(fx: Fixture) -> Page:
    return Page(
        fx("signed_in")(fx("reviewer")),
        reverse("web:practice_alerts"),
        {"person_identifier": "x@example.org", "field": "lawyer", "reason": "Barred.", "expires_on": ""},
        saved=lambda: PracticeAlert.objects.count(),
    )


# form class -> (its page, its choice fields)
PAGES: dict[type[forms.BaseForm], tuple[Callable[[Fixture], Page], tuple[str, ...]]] = {
    web_forms.SignupForm: (_signup, ("residence",)),
    web_forms.ApplicationForm: (_application_edit, ("profession", "city", "document_type")),
    web_forms.DecisionForm: (_decision, ("transition", "verifier")),
    web_forms.ApplicantActionForm: (_applicant_action, ("transition",)),
    web_forms.UploadForm: (_upload, ("document_type",)),
    web_forms.VerificationAnswerForm: (_verification, ("answer",)),
    web_forms.QueueFilterForm: (_queue, ("state", "kind")),
    forms_insurance.EstimateForm: (_estimate, ("category", "disability_grade")),
    forms_insurance.ClaimForm: (
        _claim,
        ("benefit", "city", "payment_option", "disability_grade", "retirement_category"),
    ),
    forms_mobility.EndorsementCheckForm: (_endorsement_check, ("category", "work_city")),
    forms_mobility.AttestationDecisionForm: (_attestation_decision, ("decision",)),
    forms_mobility.AttestationRequestForm: (_attestation_request, ("organisation", "professional_title")),
    forms_mobility.EndorsementApplyForm: (
        _endorsement_apply,
        ("category", "destination", "work_city", "authority", "employer_attestation"),
    ),
    forms_mobility.StayEntryForm: (_stay_entry, ("destination",)),
    forms_policy.ReformRowForm: (_reform_row, ("path",)),
    forms_policy.WhatIfForm: (_whatif, ("by",)),
    forms_practice.PathwayFilterForm: (_pathways, ("field", "zone", "mechanism")),
    forms_practice.CheckForm: (
        _practice_check,
        (
            "field",
            "zone",
            "home_jurisdiction",
            "holds_home_licence",
            "is_permanent_resident",
            "is_chinese_citizen",
            "has_disciplinary_record",
        ),
    ),
    forms_practice.ApplyForm: (_practice_apply, ("city",)),
    forms_practice.ReasonForm: (_registration_action, ("action",)),
    forms_practice.RegisterSearchForm: (_register, ("field", "zone", "status")),
    forms_practice.AlertForm: (_alerts, ("field",)),
}

CASES = [
    pytest.param(form, name, id=f"{form.__name__}.{name}") for form, (_page, names) in PAGES.items() for name in names
]


def _web_forms() -> list[type[forms.BaseForm]]:
    return [
        value
        for module in FORM_MODULES
        for value in vars(module).values()
        if inspect.isclass(value) and issubclass(value, forms.BaseForm) and value.__module__ == module.__name__
    ]


def _choice_fields(form: forms.BaseForm) -> dict[str, forms.Field]:
    return {name: f for name, f in form.fields.items() if isinstance(f, forms.ChoiceField)}


def test_every_web_form_with_a_choice_has_its_page_here() -> None:
    """A form not listed above has no choice: none declared, none added when it is made (no __init__)."""
    for form in _web_forms():
        if form in PAGES:
            continue
        declared = {name for name, f in form.base_fields.items() if isinstance(f, forms.ChoiceField)}
        own_init = any("__init__" in vars(cls) for cls in form.__mro__ if cls.__module__.startswith("talentbridge"))
        assert not declared and not own_init, f"{form.__name__}: add its page to PAGES"


@pytest.fixture
def _documents_in_tmp(settings: Any, tmp_path: Any) -> None:
    settings.DOCUMENT_ROOT = tmp_path / "documents"


@pytest.mark.parametrize(("form_class", "name"), CASES)
def test_a_choice_not_offered_is_refused_in_words_and_saves_nothing(
    request: pytest.FixtureRequest, form_class: type[forms.BaseForm], name: str
) -> None:
    build, names = PAGES[form_class]
    page = build(request.getfixturevalue)
    before = page.saved()
    value: Any = [BOGUS] if name == "by" else BOGUS

    response = page.send(name, value)

    html = response.content.decode()
    shown = read_page(html)
    text = " ".join(shown.texts + shown.literals)
    if page.redirects:  # the list again, the refusal above it: after a redirect, or at once with what was typed
        assert (response.redirect_chain and response.status_code == 200) or (
            not response.redirect_chain and response.status_code == 400
        )
    else:
        assert response.status_code == 400, text[:2000]
        form = response.context[page.context]
        form = form.forms[page.row] if page.row is not None else form
        assert isinstance(form, form_class)
        # every choice the form offers is the shared one, and each is tried here
        choices = _choice_fields(form)
        assert set(choices) == set(names)
        assert all(isinstance(f, fields.OfferedChoices) for f in choices.values()), choices
        expected = OWN_WORDS.get((form_class.__name__, name)) or (
            f"Choose one of the options offered for “{form.fields[name].label}”."
        )
        assert expected in [str(message) for message in form.errors.get(name) or form.non_field_errors()]
    words = OWN_WORDS.get((form_class.__name__, name))
    assert (words or "Choose one of the options offered") in text
    assert BOGUS not in text
    assert "Select a valid choice" not in text and "not one of the available choices" not in text
    assert page.saved() == before


def test_a_value_not_offered_is_refused_in_chinese_without_repeating_it(make_user, signed_in) -> None:
    client = signed_in(make_user(Role.POLICY_OFFICER))
    client.cookies["django_language"] = "zh-hant"
    response = client.post(reverse("web:whatif"), {**WHATIF_ROWS, "by": [BOGUS], "period": "2025-01"})

    assert response.status_code == 400
    errors = [str(message) for message in response.context["form"].errors["by"]]
    assert errors == [f"請從「{response.context['form'].fields['by'].label}」提供的選項中選擇一項。"]
    assert BOGUS not in " ".join(read_page(response.content.decode()).texts)


def test_the_shared_fields_keep_their_own_rules(reference: None) -> None:
    """The shared choice fields still take what they offer, typed, and refuse an empty required answer
    with the required message; a hidden field's refusal has no question to name."""

    class Sample(forms.Form):
        grade = fields.TypedChoiceField(label="Grade", choices=[(1, "1"), (2, "2")], coerce=int)
        by = fields.MultipleChoiceField(label="By", choices=[("a", "A"), ("b", "B")])
        who = fields.ModelChoiceField(label="Organisation", queryset=Organisation.objects.all())
        hidden = fields.ChoiceField(choices=[("x", "x")], widget=forms.HiddenInput)

    org = Organisation.objects.create(
        name="Jinan University", kind=Organisation.Kind.UNIVERSITY, city=City.objects.get(code="guangzhou")
    )
    good = Sample({"grade": "2", "by": ["a", "b"], "who": str(org.pk), "hidden": "x"})
    assert good.is_valid() and good.cleaned_data == {"grade": 2, "by": ["a", "b"], "who": org, "hidden": "x"}
    empty = Sample({})
    assert not empty.is_valid() and set(empty.errors) == {"grade", "by", "who", "hidden"}
    assert {str(m) for errors in empty.errors.values() for m in errors} == {"This field is required."}
    bad = Sample({"grade": "9", "by": ["a", "z"], "who": str(org.pk + 99), "hidden": "y"})
    assert not bad.is_valid()
    assert {name: [str(m) for m in errors] for name, errors in bad.errors.items()} == {
        "grade": ["Choose one of the options offered for “Grade”."],
        "by": ["Choose one of the options offered for “By”."],
        "who": ["Choose one of the options offered for “Organisation”."],
        "hidden": ["Choose one of the options offered."],
    }
