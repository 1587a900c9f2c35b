"""Demo endorsements with stays (one stay near the 30-day limit); running it again changes nothing."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from talentbridge.accounts.models import Role, User
from talentbridge.core import clock
from talentbridge.mobility.models import Endorsement, StayRecord
from talentbridge.policy.services import rule_set_current

DEMO_PREFIX = "TE-DEMO-MOB-"
# (key, category, destination, work city, validity years, stays as (days ago entered, days stayed or None=open))
DEMO_ENDORSEMENTS = (
    ("1", "research", "HK_MO", "shenzhen", 3, ((120, 5), (60, 12), (27, None))),  # open stay, day 28: warning
    ("2", "health", "HK", "guangzhou", 3, ((40, 3),)),
    ("3", "outstanding", "HK_MO", "zhuhai", 5, ((200, 30), (10, 2))),
)


def _holder() -> User | None:
    return User.objects.filter(role=Role.APPLICANT, residence="GD").order_by("pk").first()


def demo_endorsements_load(*, seed: int = 7) -> int:
    """Endorsements for the first mainland applicant (if any); returns how many were created."""
    holder = _holder()
    if holder is None:
        return 0
    rng = random.Random(seed)
    today = clock.today()
    created = 0
    with transaction.atomic():
        rule_set = rule_set_current()
        for key, category, destination, city, years, stays in DEMO_ENDORSEMENTS:
            reference = f"{DEMO_PREFIX}{key}"
            if Endorsement.objects.filter(case_reference=reference).exists():
                continue
            valid_from = today - dt.timedelta(days=250)
            endorsement = Endorsement.objects.create(
                holder=holder,
                case_reference=reference,
                category=category,
                destination=destination,
                work_city=city,
                valid_from=valid_from,
                valid_to=valid_from.replace(year=valid_from.year + years) - dt.timedelta(days=1),
                max_stay_days=30,
                rule_set=rule_set,
                granted_at=clock.now() - dt.timedelta(days=250),
            )
            created += 1
            for days_ago, length in stays:
                entered = clock.now() - dt.timedelta(days=days_ago, hours=rng.randint(0, 6))
                StayRecord.objects.create(
                    endorsement=endorsement,
                    destination=endorsement.destinations()[0],
                    entered_at=entered,
                    exited_at=entered + dt.timedelta(days=length - 1) if length else None,
                )
    return created
