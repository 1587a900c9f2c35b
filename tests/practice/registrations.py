"""A registration with a fixed term, granted as an approved case grants it (doctors in the nine cities: three years)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from talentbridge.practice import services
from talentbridge.practice.models import Registration
from talentbridge.reference.models import Authority


def doctor_registration(
    user: Any, *, reference: str = "PR-DOC", on: dt.date | None = None, **payload: Any
) -> Registration:
    return services.registration_grant(
        professional=user,
        payload={
            "profession": "physician",
            "field": "doctor",
            "city": "shenzhen",
            "licence_number": "MC-1",
            "years_of_practice": 6,
            **payload,
        },
        authority=Authority.objects.get(code="GD-HEALTH"),
        case_reference=reference,
        on=on,
    )
