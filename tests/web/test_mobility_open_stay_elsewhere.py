"""A stay still open on one endorsement blocks an entry on another: the refusal names that endorsement and
the page links to it."""

# ruff: noqa: F811
from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from talentbridge.core import clock
from talentbridge.mobility import services
from talentbridge.mobility.models import Endorsement, StayRecord

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

pytestmark = pytest.mark.django_db


def test_an_open_stay_on_another_endorsement_is_named_and_linked(signed_in, talent, endorsement):
    Endorsement.objects.filter(pk=endorsement.pk).update(valid_from=clock.today() - dt.timedelta(days=100))
    other = Endorsement.objects.create(
        holder=talent,
        case_reference="TE-2026-OTHER001",
        category=endorsement.category,
        destination="MO",
        work_city=endorsement.work_city,
        valid_from=clock.today() - dt.timedelta(days=100),
        valid_to=endorsement.valid_to,
        max_stay_days=endorsement.max_stay_days,
        rule_set=endorsement.rule_set,
        granted_at=clock.now(),
    )
    services.stay_entry_log(
        holder=talent, endorsement_id=endorsement.pk, destination="HK", entered_at=clock.now() - dt.timedelta(days=2)
    )
    entered = (clock.now() - dt.timedelta(hours=1)).astimezone().strftime("%Y-%m-%dT%H:%M")
    response = signed_in(talent).post(
        reverse("web:endorsement_detail", args=[other.pk]),
        {"action": "entry", "destination": "MO", "entered_at": entered},
    )
    html = response.content.decode()
    assert response.status_code == 400
    (message,) = response.context["entry_form"].errors["entered_at"]
    assert endorsement.case_reference in message and "Hong Kong" in message
    assert f'href="{reverse("web:endorsement_detail", args=[endorsement.pk])}" id="open-elsewhere-link"' in html
    assert StayRecord.objects.filter(endorsement=other).count() == 0
