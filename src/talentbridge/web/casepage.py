"""Everything the case page shows, and which actions the person looking at it may take now."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.forms import Form
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from talentbridge.accounts.models import User
from talentbridge.casework import access, services
from talentbridge.casework.documents import upload_refusal
from talentbridge.casework.models import Application
from talentbridge.casework.requirements import document_type_labels, required_documents
from talentbridge.casework.selectors import case_detail
from talentbridge.casework.verifiers import verifying_authorities
from talentbridge.casework.workflow import Workflow, get_workflow
from talentbridge.core import clock
from talentbridge.core.errors import NotFound
from talentbridge.core.models import localized_name
from talentbridge.credentials.selectors import certificate_visible_to
from talentbridge.insurance.services import CLAIM_KIND
from talentbridge.mobility.models import EmployerAttestation
from talentbridge.mobility.selectors import endorsement_case_data
from talentbridge.policy.models import Determination
from talentbridge.policy.selectors import determination_get
from talentbridge.practice.checker import answers_of
from talentbridge.practice.selectors import registration_validity, registrations_of
from talentbridge.practice.services import KIND as PRACTICE_KIND
from talentbridge.reference.models import Authority, City, Profession
from talentbridge.web.deadlines import CountdownCalculator
from talentbridge.web.forms import (
    ApplicantActionForm,
    DecisionForm,
    DocumentRemoveForm,
    ReplyForm,
    UploadForm,
    VerificationAnswerForm,
)
from talentbridge.web.labels import choice_label, transition_label

# Transitions taken through their own forms rather than the reviewer's decision panel.
OWN_FORMS = frozenset({"reply", "confirm_verification", "deny_verification"})


def _day(moment: Any) -> str:
    return str(formats.date_format(timezone.localtime(moment).date(), "DATE_FORMAT"))


def _record_id(value: Any) -> int | None:
    text = str(value).strip()
    return int(text) if text.isascii() and text.isdigit() else None


def _determination_row(value: Any, user: User) -> dict[str, Any]:
    """An eligibility check in words ("Eligibility check of 5 Oct 2023"), linked where the viewer may open it."""
    pk = _record_id(value)
    check = Determination.objects.filter(pk=pk).first() if pk is not None else None
    if check is None:
        return {"value": _("An eligibility check no longer on record")}
    try:  # the day the check decided for (a practice check keeps it with its answers)
        day = formats.date_format(answers_of(check).on, "DATE_FORMAT")
    except (KeyError, ValueError, TypeError, StopIteration):
        day = _day(check.created_at)
    shown = _("Eligibility check of %(date)s") % {"date": day}
    try:
        determination_get(user=user, determination_id=check.pk)
    except NotFound:
        return {"value": shown}
    return {"value": shown, "url": reverse("web:determination", args=[check.pk])}


def _attestation_row(value: Any, user: User) -> dict[str, Any]:
    """An employer attestation by its organisation and the day it was confirmed (or asked for)."""
    pk = _record_id(value)
    attestation = (
        EmployerAttestation.objects.select_related("organisation").filter(pk=pk).first() if pk is not None else None
    )
    if attestation is None:
        return {"value": _("An employer attestation no longer on record")}
    if attestation.decided_at and attestation.status == EmployerAttestation.Status.CONFIRMED:
        text = _("%(organisation)s, confirmed on %(date)s")
        day = attestation.decided_at
    else:
        text = _("%(organisation)s, asked on %(date)s")
        day = attestation.requested_at
    return {"value": text % {"organisation": attestation.organisation.name, "date": _day(day)}}


# How a page names the record a platform-set id refers to (the field's `refers_to`), never by its id.
REFERRED = {"determination": _determination_row, "employer_attestation": _attestation_row}


# A benefit claim asks each benefit's own questions (`insurance.services.benefit_claim_prepare`): its summary
# shows the fields every claim has and those of its benefit, never another benefit's question as "—".
CLAIM_BENEFIT_FIELDS: dict[str, frozenset[str]] = {
    "unemployment": frozenset({"payment_option", "involuntary_job_loss", "registered_as_job_seeker"}),
    "work_injury": frozenset({"disability_grade", "employer_arranges_work"}),
    "pension": frozenset({"birth_month", "retirement_category"}),
    "lump_sum": frozenset(),
}


def _applies(workflow: Workflow, name: str, payload: dict[str, Any]) -> bool:
    """Whether a payload field is a question of this case: of a claim, a common one or its benefit's."""
    if workflow.kind != CLAIM_KIND:
        return True
    benefit_fields = frozenset().union(*CLAIM_BENEFIT_FIELDS.values())
    return name not in benefit_fields or name in CLAIM_BENEFIT_FIELDS.get(str(payload.get("benefit")), frozenset())


def payload_rows(workflow: Workflow, payload: dict[str, Any], user: User) -> list[dict[str, Any]]:
    codes: dict[str, list[str]] = {spec.type: [] for spec in workflow.payload}
    for spec in workflow.payload:
        if payload.get(spec.name) is not None:
            codes[spec.type].append(str(payload[spec.name]))
    names: dict[str, str] = {}
    if codes.get("profession"):
        names |= {p.code: localized_name(p) for p in Profession.objects.filter(code__in=codes["profession"])}
    if codes.get("mainland_city"):
        names |= {c.code: localized_name(c) for c in City.objects.filter(code__in=codes["mainland_city"])}
    rows = []
    for spec in workflow.payload:
        value = payload.get(spec.name)
        if value is None and spec.platform:  # nothing the platform set: nothing to show
            continue
        if not _applies(workflow, spec.name, payload):
            continue
        if value is not None and spec.refers_to in REFERRED:
            rows.append({"label": spec.localized_label(), **REFERRED[spec.refers_to](value, user)})
            continue
        if value is None:
            shown = ""
        elif spec.type == "choice":
            shown = capfirst(choice_label(str(value)))  # a value standing alone: "Nine cities"
        elif spec.type in {"profession", "mainland_city"}:
            shown = names.get(str(value), str(value))
        else:
            shown = str(value)
        rows.append({"label": spec.localized_label(), "value": shown})
    return rows


def reviewer_transitions(workflow: Workflow, state: str, roles: frozenset[str]) -> list[tuple[str, str]]:
    """The decisions the reviewer may take now: exactly what the workflow allows their role."""
    if "reviewer" not in roles:
        return []
    return [
        (t.name, transition_label(t.name))
        for t in workflow.available(state)
        if "reviewer" in t.by and t.name not in OWN_FORMS
    ]


def verifier_choices(workflow: Workflow, case: Application) -> list[Authority]:
    """Only the authorities that can verify this case (casework decides; the form offers no other)."""
    return list(verifying_authorities(case))


def document_choices(case: Application) -> list[tuple[str, str]]:
    """The case's required documents as form choices, those still missing first."""
    required = required_documents(case)
    present = set(case.documents.values_list("document_type", flat=True))
    return [(d.code, d.label) for d in required if d.code not in present] + [
        (d.code, d.label) for d in required if d.code in present
    ]


def document_namer(case: Application) -> Callable[[str, str], tuple[str, str]]:
    """How this page names a document of `case` from its type and stored title: (name, type shown beside it).

    A typed document without a title of its uploader's is named by its type in the page's language (its
    stored title is then the type's name in the uploader's language); one given its own title keeps that
    title, with its type beside it; an untyped one is named by its title."""
    labels = document_type_labels(case)
    given_by_default: dict[str, set[str]] = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for code, label in document_type_labels(case).items():
                given_by_default.setdefault(code, set()).add(label)

    def name(document_type: str, title: str) -> tuple[str, str]:
        label = labels.get(document_type, "")
        if not label:
            return title, ""
        if not title or title in given_by_default.get(document_type, set()):
            return label, ""
        return title, label

    return name


def _name_documents(case: Application, documents: list[Any], events: list[Any]) -> None:
    """Give each document (and each upload or removal in the history) the name a reader of this page reads."""
    name = document_namer(case)
    for document in documents:
        document.shown_title, document.shown_type = name(document.document_type, document.title)
    for event in events:
        data = event.data if isinstance(event.data, dict) else {}
        title, kind = name(str(data.get("document_type") or ""), str(data.get("title") or ""))
        event.shown_title = f"{title} — {kind}" if kind else title


def registration_of_case(user: User, case: Application) -> dict[str, Any] | None:
    """The registration a practice case produced, as `user` may see it (the applicant, the deciding
    authority, an administrator): where it stands today by the registrations' one validity rule, with
    links to it and to its certificate."""
    if case.kind != PRACTICE_KIND:
        return None
    registration = (
        registrations_of(user=user).filter(case_reference=case.reference).order_by("-created_at", "-pk").first()
    )
    if registration is None:
        return None
    validity = registration_validity(registration, on=clock.today())
    certificate = certificate_visible_to(registration.certificate_id, user) if registration.certificate_id else None
    return {
        "registration": registration,
        "standing": validity.standing,
        "label": validity.label,
        "practising": validity.practising,
        "url": reverse("web:practice_registrations") + f"?q={registration.number}#registration-{registration.number}",
        "certificate_url": reverse("web:certificate_print", args=[certificate.pk]) if certificate else "",
    }


# Who reads the officials' side of a case, and which steps are the authorities' exchange: one rule for the
# case page and the API (casework.access).
AUTHORITY_EXCHANGE = access.AUTHORITY_EXCHANGE
OFFICIAL_ROLES = access.OFFICIAL_ROLES
sees_officials_work = access.sees_officials_work


def _present_history(user: User, case: Application, events: list[Any]) -> None:
    """Give each history entry the name and text this reader may see: an applicant reads their own name,
    an official's role without the official's name, and nothing of the authorities' exchange."""
    official = sees_officials_work(user)
    for event in events:
        own = event.actor is not None and event.actor_id == case.applicant_id
        event.shown_actor = event.actor.full_name if event.actor is not None and (official or own) else ""
        event.shown_reason = event.reason if official or event.action not in AUTHORITY_EXCHANGE else ""


def decision_options(user: User, case: Application) -> tuple[list[tuple[str, str]], list[Authority], bool]:
    """The decisions `user` may take on `case` now, the authorities a verification may go to, and whether
    the user awaits a colleague's second pair of eyes. The page's form and the POST it sends use this one."""
    workflow = get_workflow(case.kind)
    transitions = reviewer_transitions(workflow, case.state, access.case_roles(user, case))
    awaiting_colleague = False
    if any(workflow.transitions[name].four_eyes for name, _label in transitions):
        proposer = services.proposer_of(case)
        if proposer is not None and proposer.pk == user.pk:  # the second pair of eyes is someone else's
            transitions = [t for t in transitions if not workflow.transitions[t[0]].four_eyes]
            awaiting_colleague = True
    verifiers = verifier_choices(workflow, case) if "request_verification" in dict(transitions) else []
    if not verifiers:  # nobody could answer: do not offer to ask
        transitions = [t for t in transitions if t[0] != "request_verification"]
    return transitions, verifiers, awaiting_colleague


def decision_form(user: User, case: Application, data: Any = None) -> DecisionForm:
    """The reviewer's decision form, with the same choices whether shown fresh or bound to a POST."""
    transitions, verifiers, _awaiting = decision_options(user, case)
    if data is not None:
        form = DecisionForm(data, transitions=transitions, verifiers=verifiers)
    else:
        form = DecisionForm(initial={"expected_version": case.version}, transitions=transitions, verifiers=verifiers)
    if verifiers:  # the same text is then the question the other authority reads (the applicant does not)
        form.fields["reason"].help_text = _(
            "Required when refusing, revoking or requesting information; the applicant sees it. "
            "When asking another authority to verify, it is the question sent to that authority "
            "(required; the applicant does not see it)."
        )
    return form


def case_context(user: User, case: Application, bound: dict[str, Form] | None = None) -> dict[str, Any]:
    """Context of the case page; `bound` carries forms re-shown with their errors after a failed action."""
    bound = bound or {}
    workflow = get_workflow(case.kind)
    roles = access.case_roles(user, case)
    version = {"expected_version": case.version}
    available = {t.name for t in workflow.available(case.state)}
    transitions, _verifiers, awaiting_colleague = decision_options(user, case)
    context: dict[str, Any] = {
        "case": case,
        "workflow": workflow,
        "roles": roles,
        "payload_rows": payload_rows(workflow, endorsement_case_data(case), user),
        "countdown": CountdownCalculator().countdown(case.deadline, case.authority.jurisdiction.code),
        "is_final": workflow.is_final(case.state),
        "awaiting_colleague": awaiting_colleague,
        **case_detail(application=case),
    }
    if transitions:
        context["decision_form"] = bound.get("decision") or decision_form(user, case)
    if "applicant" in roles:
        context["can_submit"] = "submit" in available
        context["can_withdraw"] = "withdraw" in available
        context["can_edit"] = case.state == "draft"
        context["action_form"] = bound.get("action") or ApplicantActionForm(initial=version)
        if "reply" in available:
            context["reply_form"] = bound.get("reply") or ReplyForm(initial=version)
    context["sees_officials_work"] = sees_officials_work(user)
    context["case_registration"] = registration_of_case(user, case)
    _present_history(user, case, context["events"])
    required = required_documents(case)
    _name_documents(case, context["documents"], context["events"])
    present = {d.document_type for d in context["documents"]}
    context["required_documents"] = [{"label": d.label, "provided": d.code in present} for d in required]
    if upload_refusal(roles, case) is None:
        missing = [d.code for d in required if d.code not in present]
        context["upload_form"] = bound.get("upload") or UploadForm(
            document_types=document_choices(case), initial={"document_type": missing[0] if missing else ""}
        )
    if "applicant" in roles and case.state == "draft":  # the applicant may take a document out of a draft
        context["remove_form"] = DocumentRemoveForm()  # one per document: a refusal is said above the page
    if "verifier" in roles and available & {"confirm_verification", "deny_verification"}:
        context["verification_form"] = bound.get("verification") or VerificationAnswerForm(initial=version)
    return context
