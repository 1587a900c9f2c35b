"""A practice case factory that submits as an applicant does: every required document attached first.

A module overrides the root `make_case` fixture with it (the root one's `submit=True` predates the
required-documents rule):

    @pytest.fixture
    def make_case(applicant):
        return case_factory(applicant)
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from talentbridge.accounts.models import User
from talentbridge.casework import services
from talentbridge.casework.documents import document_upload
from talentbridge.casework.models import Application
from talentbridge.casework.requirements import missing_documents
from tests.conftest import PRACTICE_PAYLOAD

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def attach_required_documents(case: Application, applicant: User) -> None:
    """Upload a PDF as each required document the case still lacks."""
    for document in missing_documents(case):
        document_upload(
            application_id=case.pk,
            actor=applicant,
            stream=io.BytesIO(PDF),
            original_name=f"{document.code}.pdf",
            document_type=document.code,
        )


def case_factory(applicant: User) -> Callable[..., Application]:
    """A practice-registration case for `applicant` at GD-DHURD, optionally submitted with its documents."""

    def make(*, submit: bool = False, owner: User | None = None, **payload: Any) -> Application:
        person = owner or applicant
        case = services.application_create(
            applicant=person,
            kind="practice_registration",
            authority_code="GD-DHURD",
            payload={**PRACTICE_PAYLOAD, **payload},
        )
        if submit:
            attach_required_documents(case, person)
            case = services.application_transition(application_id=case.pk, actor=person, transition="submit")
        return case

    return make
