"""What the applicant does on a practice case that requires a compensation measure: report it completed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.utils.translation import gettext as _

from talentbridge.accounts.models import User
from talentbridge.core.errors import InvalidInput, NotFound
from talentbridge.core.text import clean_text
from talentbridge.practice.services.applying import KIND

Case = TypeVar("Case")


def compensation_report(*, case: Any, actor: User, report: str, step: Callable[..., Case]) -> Case:
    """The applicant reports the adaptation period or aptitude test completed, in their words.

    The page and the API both call this. `case` is the case as casework shows it to `actor` (read by
    attribute: practice does not import casework); a case of another kind is not found here. `step` takes
    the workflow step (casework's `application_transition`, which decides who may take it).
    """
    if case.kind != KIND:
        raise NotFound()
    text = clean_text(report, field="report", max_length=2000)
    if not text:
        raise InvalidInput(details={"report": [_("Say what you completed.")]})
    return step(application_id=case.pk, actor=actor, transition="report_compensation", reason=text)
