"""Who can verify a case: only an authority that holds the record asked about, so no case waits on nobody."""

from __future__ import annotations

from functools import cache

import yaml
from django.db.models import QuerySet

from talentbridge.casework.models import Application
from talentbridge.casework.workflow import get_workflow
from talentbridge.practice.services import case_terms
from talentbridge.reference.models import Authority
from talentbridge.reference.services import DATA_DIR
from talentbridge.vocabulary import JURISDICTION_OF_HOME

# The practice pathways name the home jurisdiction; reference data names jurisdictions by code (the
# vocabulary's table translates).
HOME_JURISDICTION_CODE = JURISDICTION_OF_HOME


@cache
def registration_bodies() -> dict[tuple[str, str], frozenset[str]]:
    """(jurisdiction code, profession code) -> the codes of the bodies that register that profession there."""
    rows = yaml.safe_load((DATA_DIR / "authorities.yaml").read_text(encoding="utf-8"))
    bodies: dict[tuple[str, str], set[str]] = {}
    for row in rows:
        for profession in row.get("professions", []):
            bodies.setdefault((row["jurisdiction"], profession), set()).add(row["code"])
    return {key: frozenset(codes) for key, codes in bodies.items()}


def verifying_authorities(application: Application) -> QuerySet[Authority]:
    """The authorities the case's reviewer may ask to verify it, by the rule its workflow declares.

    `home_registration_body`: the body that registers the applicant's profession in their home
    jurisdiction (an architect's licence goes to the architects' board, never to a health authority).
    `city_authority`: the authority of the case's city (the payload's city field, else the deciding
    authority's city).
    """
    workflow = get_workflow(application.kind)
    candidates = Authority.objects.filter(kind__in=workflow.verification_authority_kinds).exclude(
        pk=application.authority_id
    )
    payload = application.payload or {}
    if workflow.verifier_rule == "home_registration_body":
        home = HOME_JURISDICTION_CODE.get(case_terms(payload)["home_jurisdiction"], "")
        codes = registration_bodies().get((home, str(payload.get("profession") or "")), frozenset())
        candidates = candidates.filter(code__in=codes, jurisdiction__code=home)
    elif workflow.verifier_rule == "city_authority":
        city = str(payload.get(workflow.verifier_city_field or "") or "")
        deciding_city = application.authority.city
        if not city and deciding_city is not None:
            city = deciding_city.code
        candidates = candidates.filter(city__code=city)
    else:
        candidates = candidates.none()
    return candidates.select_related("jurisdiction").order_by("code")
