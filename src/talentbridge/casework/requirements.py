"""The documents a case needs before it can be submitted: its workflow's and its domain's (pathway, category)."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from talentbridge.casework.models import Application
from talentbridge.casework.workflow import Workflow, get_workflow
from talentbridge.core import clock


@dataclass(frozen=True)
class RequiredDocument:
    code: str
    label: str  # in the active language


def _source(path: str) -> Callable[..., list[tuple[str, str]]]:
    module_name, function_name = path.split(":")
    function: Callable[..., list[tuple[str, str]]] = getattr(importlib.import_module(module_name), function_name)
    return function


def documents_required(
    *, kind: str, payload: dict[str, Any], on: dt.date | None = None, workflow: Workflow | None = None
) -> list[RequiredDocument]:
    """What an application of `kind` with `payload` must carry at submission, labels in the active language.

    Usable before a case exists, so a form can ask for each document by name.
    """
    workflow = workflow or get_workflow(kind)
    found: dict[str, RequiredDocument] = {}
    if workflow.documents_from:
        for code, label in _source(workflow.documents_from)(payload=payload, on=on or clock.today()):
            found.setdefault(code, RequiredDocument(code=code, label=label))
    for spec in workflow.documents:
        if spec.applies(payload):
            found.setdefault(spec.code, RequiredDocument(code=spec.code, label=spec.localized_label()))
    return list(found.values())


def required_documents(application: Application) -> list[RequiredDocument]:
    """The documents the case needs, read from the data it carries (an endorsement case: with the employer
    attestation it stands on, which stands for the paper one, see `endorsement_case_data`)."""
    from talentbridge.mobility.selectors import endorsement_case_data

    return documents_required(kind=application.kind, payload=endorsement_case_data(application))


def document_type_labels(application: Application) -> dict[str, str]:
    """The name of each document type the case may carry, in the active language: a typed document is
    shown by its type's name (its stored title is in the uploader's language), an untyped one by its title."""
    workflow = get_workflow(application.kind)
    labels = {spec.code: spec.localized_label() for spec in workflow.documents}
    if application.kind == "talent_endorsement":  # also those not asked of this case (the attestation it holds)
        from talentbridge.mobility.checker import document_labels

        labels.update(document_labels())
    labels.update({document.code: document.label for document in required_documents(application)})
    return labels


def missing_documents(application: Application) -> list[RequiredDocument]:
    """The required documents no document of the case is marked as, in the order they are asked for."""
    present = set(application.documents.values_list("document_type", flat=True))
    return [document for document in required_documents(application) if document.code not in present]


def missing_documents_message(missing: list[RequiredDocument]) -> str:
    """One notice naming each missing document."""
    names = pgettext("list separator", ", ").join(document.label for document in missing)
    return _("Before you submit, attach: %(documents)s.") % {"documents": names}


# Sources named by the workflows (`documents: from:`). They read the domains through their public
# functions; casework sits above the domains, so it may.


def pathway_documents(*, payload: dict[str, Any], on: dt.date) -> list[tuple[str, str]]:
    """The documents of the practice pathway the case is under (its field, zone and home jurisdiction)."""
    from talentbridge.practice import catalogue
    from talentbridge.practice.services import case_terms

    terms = case_terms(payload)
    if not terms["field"]:
        return []
    pathway = catalogue.pathway_applicable(terms["field"], terms["zone"], terms["home_jurisdiction"], on)
    pathway = pathway or catalogue.pathway_get(terms["field"], terms["zone"], on)
    codes = (
        pathway.documents
        if pathway
        else tuple(catalogue.extra_data()["fields"].get(terms["field"], {}).get("documents", ()))
    )
    return [(code, catalogue.document_label(code)) for code in codes]


def endorsement_documents(*, payload: dict[str, Any], on: dt.date) -> list[tuple[str, str]]:
    """The documents the talent-endorsement checker lists for the case's category."""
    from talentbridge.mobility.checker import documents_needed

    category = str(payload.get("category") or "")
    if not category:
        return []
    # The employer's attestation confirmed on the platform stands for the paper one.
    held = {"employer_attestation"} if payload.get("employer_attestation") else set()
    # The Hetao Shenzhen Park route (no talent category) adds the park's proof of employment instead.
    hetao_park = category == "none" and payload.get("works_in_hetao_shenzhen_park") == "yes"
    rows = documents_needed(category, hetao_park=hetao_park)
    return [(row["key"], row["label"]) for row in rows if row["key"] not in held]
