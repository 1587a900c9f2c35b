"""Writes of practice: registrations (grant, provisional, suspend, revoke, expire, renewal reminders) and alerts.

By topic: `applying` (a practice application's terms and choices, new and renewal applications opened),
`compensation` (the applicant reports a measure completed), `registrations` (provisional, grant and renewal,
end of a provisional one), `standing` (suspend, reinstate, revoke, expire), `reminders` (renewal reminders),
`alerts`; `common` holds what they share. The page and the API call the same function for each write.
"""

from talentbridge.practice.services.alerts import alert_raise, alert_withdraw, normalise_identifier
from talentbridge.practice.services.applying import (
    KIND,
    apply_prefill,
    case_terms,
    city_choices,
    practice_apply,
    profession_choices,
    renewal_open,
    renewal_prefill,
)
from talentbridge.practice.services.compensation import compensation_report
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
    "KIND",
    "RENEWAL_NOTICE_DAYS",
    "alert_raise",
    "alert_withdraw",
    "apply_prefill",
    "case_terms",
    "city_choices",
    "compensation_report",
    "normalise_identifier",
    "practice_apply",
    "profession_choices",  # named by the practice_registration workflow (`choices_from`)
    "registration_end_provisional",
    "registration_grant",
    "registration_provisional_create",
    "registration_reinstate",
    "registration_revoke",
    "registration_revoke_for_case",
    "registration_suspend",
    "registrations_expire",
    "renewal_open",
    "renewal_prefill",
    "renewal_reminders_send",
]
