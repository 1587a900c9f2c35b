"""The one way the platform sends e-mail: a background task, after commit, in the recipient's language.

A mail is queued with words still to translate (msgids with their values, see `core.models.stored`,
or a template name with a JSON-able context); the worker renders it in the recipient's language
(their chosen one, or the one the caller names, e.g. the language of the sign-up), so nothing is
sent in the server's language or before the change that caused it is committed.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from talentbridge.core import clock
from talentbridge.core.models import StoredText, stored_text
from talentbridge.core.tasks import task

# (model label, primary key, date-time field): the mail goes once, and the field records when.
Once = tuple[str, Any, str]


def mail_user(
    user: Any,
    *,
    subject: StoredText,
    body: StoredText | None = None,
    template: str | None = None,
    context: dict[str, Any] | None = None,
    language: str | None = None,
    once: Once | None = None,
) -> None:
    """Queue a mail to `user` for after the current transaction commits.

    The body is `body` (stored text) or `template` rendered with `context` plus `user`. `language`
    overrides the recipient's own (for mails about an account whose language is not chosen yet).
    """
    if body is None and template is None:
        raise ValueError("a mail needs a body or a template")
    arguments = {
        "user_id": user.pk,
        "subject": subject,
        "body": body,
        "template": template,
        "context": context or {},
        "language": language,
        "once": list(once) if once else None,
    }
    transaction.on_commit(lambda: deliver.enqueue(**arguments))


@task()
def deliver(
    user_id: int,
    subject: StoredText,
    body: StoredText | None = None,
    template: str | None = None,
    context: dict[str, Any] | None = None,
    language: str | None = None,
    once: list[Any] | None = None,
) -> bool:
    """Render and send one mail in the recipient's language; False when there was nothing to send."""
    user = apps.get_model(settings.AUTH_USER_MODEL).objects.filter(pk=user_id).first()
    if user is None or not user.email:
        return False
    marker = None
    if once:
        label, pk, field = once
        marker = apps.get_model(label).objects.filter(pk=pk, **{f"{field}__isnull": True})
        if not marker.exists():
            return False  # already sent (a retried task sends nothing twice)
    with translation.override(language or getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE):
        text = (
            stored_text(body)
            if body is not None
            else render_to_string(str(template), {**(context or {}), "user": user})
        )
        send_mail(stored_text(subject), text, None, [user.email])
    if marker is not None:
        marker.update(**{once[2]: clock.now()})  # type: ignore[index]
    return True
