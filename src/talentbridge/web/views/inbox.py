"""Notifications, document downloads and background-task progress."""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST, require_safe

from talentbridge.accounts.models import Role, User
from talentbridge.casework.documents import document_for_download
from talentbridge.casework.notifications import notification_mark_read
from talentbridge.casework.notifications import render as render_notification
from talentbridge.casework.selectors import notification_list
from talentbridge.core.errors import NotFound
from talentbridge.core.models import TaskProgress
from talentbridge.core.tasks import progress_expire_stale
from talentbridge.web.fields import RecordIdField


@login_required
@require_safe
def notifications(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    page = Paginator(notification_list(user=user), 50).get_page(request.GET.get("page"))
    for item in page:
        item.text = render_notification(item)  # type: ignore[attr-defined]
    return render(request, "web/inbox/notifications.html", {"page": page})


NOTIFICATION_NOT_FOUND = _("This notification was not found, so nothing was marked as read.")


class NotificationReadForm(forms.Form):
    """The notification to mark read: one of the reader's own, by id (ASCII digits, like every record id)."""

    id = RecordIdField(
        error_messages=dict.fromkeys(("required", "invalid", "min_value", "max_value"), NOTIFICATION_NOT_FOUND),
    )


@login_required
@require_POST
def notification_read(request: HttpRequest) -> HttpResponse:
    """Mark one of one's notifications as read (the form without an `id` field: all of them).

    An id that is not a whole number, not positive, out of range, empty or someone else's changes nothing
    and says so.
    """
    user: User = request.user  # type: ignore[assignment]
    if "id" not in request.POST:
        notification_mark_read(user=user)
        return redirect("web:notifications")
    form = NotificationReadForm(request.POST)
    if not form.is_valid() or not notification_list(user=user).filter(pk=form.cleaned_data["id"]).exists():
        messages.error(request, NOTIFICATION_NOT_FOUND)
        return redirect("web:notifications")
    notification_mark_read(user=user, notification_id=form.cleaned_data["id"])
    return redirect("web:notifications")


@login_required
@require_safe
def document_download(request: HttpRequest, document_id: uuid.UUID) -> FileResponse:
    try:
        document, path = document_for_download(user=request.user, document_id=str(document_id))  # type: ignore[arg-type]
    except NotFound as exc:
        raise Http404 from exc
    if not path.exists():
        raise Http404
    response = FileResponse(
        open(path, "rb"),  # noqa: SIM115 - FileResponse closes it
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _may_watch(user: User, progress: TaskProgress) -> bool:
    if progress.owner_id is not None:
        return progress.owner_id == user.pk or user.role == Role.ADMINISTRATOR
    return user.role != Role.APPLICANT  # platform jobs are for officials


@login_required
@require_safe
def task_progress(request: HttpRequest, task_id: uuid.UUID) -> HttpResponse:
    """A progress bar that polls itself every second (HTMX) until the job is done or failed."""
    progress = TaskProgress.objects.filter(pk=task_id).first()
    if progress is None or not _may_watch(request.user, progress):  # type: ignore[arg-type]
        raise Http404
    # A job whose worker died is shown as failed now, not polled for ever.
    if progress_expire_stale(ids=[progress.pk]):
        progress.refresh_from_db()
    finished = progress.status in {TaskProgress.Status.DONE, TaskProgress.Status.FAILED}
    context = {"progress": progress, "finished": finished}
    template = "web/inbox/_progress.html" if request.headers.get("HX-Request") else "web/inbox/progress.html"
    return render(request, template, context)
