"""Filing an application: open a draft, file one with its documents, edit a draft."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import IO, Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from talentbridge.accounts.models import Role, User
from talentbridge.casework import access
from talentbridge.casework.models import Application
from talentbridge.casework.payload import clean_payload
from talentbridge.casework.services.common import check_version, locked, record
from talentbridge.casework.services.transitions import application_transition
from talentbridge.casework.workflow import Workflow, get_workflow, registry
from talentbridge.core import clock
from talentbridge.core.errors import Conflict, Forbidden, IllegalTransition, InvalidInput
from talentbridge.reference.models import Authority

REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def _new_reference(workflow: Workflow) -> str:
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{workflow.prefix}-{clock.today().year}-{code}"


def _workflow_or_error(kind: str) -> Workflow:
    if kind not in registry():
        raise InvalidInput(details={"kind": [_("Unknown application kind.")]})
    return get_workflow(kind)


def _authority_for(workflow: Workflow, authority_code: str, *, field: str = "authority") -> Authority:
    authority = Authority.objects.filter(code=authority_code).first()
    if authority is None or authority.kind not in workflow.authority_kinds:
        raise InvalidInput(details={field: [_("This authority does not decide this kind of application.")]})
    return authority


def application_create(*, applicant: User, kind: str, authority_code: str, payload: dict[str, Any]) -> Application:
    """Open a draft application; the payload is checked against the workflow's declared fields.

    Called with what the service of each kind prepares, which routes it to its authority and sets the
    fields the platform owns: a practice registration from an eligible check or a renewal
    (`practice.services.apply_prefill`, `renewal_prefill`), an endorsement from its application
    (`mobility.services.endorsement_application_prepare`), a benefit claim from its fund
    (`insurance.services.benefit_claim_prepare`), the last two through `application_file`. No face lets an
    applicant name the authority or those fields.
    """
    if applicant.role != Role.APPLICANT:
        raise Forbidden(_("Only applicants can open applications."))
    workflow = _workflow_or_error(kind)
    authority = _authority_for(workflow, authority_code)
    cleaned = clean_payload(workflow, payload, partial=True)
    with transaction.atomic():
        for _attempt in range(5):
            try:
                with transaction.atomic():
                    application = Application.objects.create(
                        reference=_new_reference(workflow),
                        kind=kind,
                        applicant=applicant,
                        authority=authority,
                        state=workflow.initial,
                        payload=cleaned,
                        rules_version=workflow.rules_version,
                        state_entered_at=clock.now(),
                    )
                break
            except IntegrityError:  # a reference collision: draw another
                continue
        else:  # pragma: no cover - 32^8 references a year make this practically unreachable
            raise Conflict(_("Could not allocate a reference number; try again."))
        record(
            application,
            actor=applicant,
            actor_role="applicant",
            action="created",
            to_state=workflow.initial,
            rules_version=workflow.rules_version,
        )
    return application


def application_file(
    *,
    applicant: User,
    kind: str,
    authority_code: str,
    payload: dict[str, Any],
    documents: Iterable[tuple[IO[bytes], str, str] | tuple[IO[bytes], str, str, str]] = (),
    submit: bool = True,
) -> Application:
    """Open an application, attach `documents` and submit it: all or nothing.

    Each document is (stream, file name, title) or (stream, file name, title, document type); the type
    is the code of the required document it is (see `requirements.documents_required`).
    """
    from talentbridge.casework.documents import document_upload

    with transaction.atomic():
        application = application_create(applicant=applicant, kind=kind, authority_code=authority_code, payload=payload)
        for stream, original_name, title, *typed in documents:
            document_upload(
                application_id=application.pk,
                actor=applicant,
                stream=stream,
                original_name=original_name,
                title=title,
                document_type=typed[0] if typed else "",
            )
        if submit:
            application = application_transition(application_id=application.pk, actor=applicant, transition="submit")
    return application


def application_update_draft(
    *, application_id: int, actor: User, payload: dict[str, Any], expected_version: int | None = None
) -> Application:
    """Change a draft's data; only its applicant may, and only while it is a draft."""
    with transaction.atomic():
        application = locked(application_id, actor)
        if "applicant" not in access.case_roles(actor, application):
            raise Forbidden()
        if application.state != "draft":
            raise IllegalTransition(_("Only a draft can be edited."))
        check_version(application, expected_version)
        workflow = get_workflow(application.kind)
        if not isinstance(payload, dict):
            raise InvalidInput(details={"payload": [_("The application data must be an object.")]})
        fixed = sorted(spec.name for spec in workflow.payload if spec.platform and spec.name in payload)
        if fixed:
            message = _("This is set by the platform from how the application was opened; it cannot be changed.")
            raise InvalidInput(details={name: [message] for name in fixed})
        merged = {**application.payload, **payload}
        # An explicit null (or empty text) clears a field.
        merged = {k: v for k, v in merged.items() if v is not None and not (isinstance(v, str) and not v.strip())}
        application.payload = clean_payload(workflow, merged, partial=True)
        application.version += 1
        application.save(update_fields=["payload", "version"])
        record(application, actor=actor, actor_role="applicant", action="edited", data={"fields": sorted(payload)})
    return application
