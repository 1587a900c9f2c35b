"""Writes of practice: registrations (grant, provisional, suspend, revoke, expire, renewal reminders) and alerts.

By topic: `applying` (a practice application's terms and choices, prefilled new and renewal applications),
`registrations` (provisional, grant and renewal, end of a provisional one), `standing` (suspend, reinstate,
revoke, expire), `reminders` (renewal reminders), `alerts`; `common` holds what they share.
"""

from talentbridge.practice.services.alerts import alert_raise, alert_withdraw, normalise_identifier
from talentbridge.practice.services.applying import (
    apply_prefill,
    case_terms,
    city_choices,
    profession_choices,
    renewal_prefill,
)
from talentbridge.practice.services.registrations import (
    registration_end_provisional,
    registration_grant,
    registration_provisional_create,
)
from talentbridge.practice.services.reminders import RENEWAL_NOTICE_DAYS, renewal_reminders_send
from talentbridge.practice.services.standing import (
    registration_reinstate,
    registration_revoke,
    registration_revoke_for_case,
    registration_suspend,
    registrations_expire,
)

__all__ = [
    "RENEWAL_NOTICE_DAYS",
    "alert_raise",
    "alert_withdraw",
    "apply_prefill",
    "case_terms",
    "city_choices",
    "normalise_identifier",
    "profession_choices",  # named by the practice_registration workflow (`choices_from`)
    "registration_end_provisional",
    "registration_grant",
    "registration_provisional_create",
    "registration_reinstate",
    "registration_revoke",
    "registration_revoke_for_case",
    "registration_suspend",
    "registrations_expire",
    "renewal_prefill",
    "renewal_reminders_send",
]
