"""Fixtures for credentials: an issued certificate and a pinned verification date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from talentbridge.accounts.models import User
from talentbridge.credentials import services
from talentbridge.credentials.models import Certificate

ON = dt.date(2025, 6, 1)


@pytest.fixture
def issue(reference: None, applicant: User) -> Callable[..., Certificate]:
    def make(**overrides: Any) -> Certificate:
        kwargs: dict[str, Any] = {
            "issuer_code": "GD-DOJ",
            "subject": {"user_id": str(applicant.pk), "name": "Chan Tai Man", "licence_number": "HK-LS-001"},
            "claims": {"profession": "lawyer", "jurisdiction": "GD"},
            "valid_from": dt.date(2025, 1, 1),
            "valid_until": dt.date(2027, 12, 31),
        }
        kwargs.update(overrides)
        return services.certificate_issue(**kwargs)

    return make
