"""Demo endorsements with stays (one expired, one with a stay near the 30-day limit); running it again changes nothing."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from talentbridge.accounts.models import Role, User
from talentbridge.core import clock
from talentbridge.mobility.models import Endorsement, StayRecord
from talentbridge.policy.services import rule_set_current

# (code of the case reference, category, destination, work city, days since granted, validity years,
#  stays as (days ago entered, days stayed or None=open)). With the endorsement the demo's approved case
# grants (Hong Kong), the holder has at most one endorsement in force for each destination: two earlier
# ones (Hong Kong, then both SARs) have run out, and the one in force for Macao has an open stay on day 28 (a warning).
DEMO_ENDORSEMENTS = (
    ("4TB9WC6E", "research", "HK", "guangzhou", 7 * 365, 3, ((2500, 4), (2300, 9))),
    ("7QK4M2XP", "research", "HK_MO", "shenzhen", 4 * 365, 3, ((1400, 6), (1250, 14), (1100, 3))),
    ("H3VN8R5T", "research", "MO", "shenzhen", 250, 3, ((120, 5), (60, 12), (27, None))),
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
        for code, category, destination, city, granted_days_ago, years, stays in DEMO_ENDORSEMENTS:
            if Endorsement.objects.filter(case_reference__endswith=f"-{code}").exists():
                continue
            valid_from = today - dt.timedelta(days=granted_days_ago)
            reference = f"TE-{valid_from.year}-{code}"  # as a case's reference: the year it was opened
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
                granted_at=clock.now() - dt.timedelta(days=granted_days_ago),
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
