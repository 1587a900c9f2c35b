"""Notifications, document downloads and background-task progress."""

from __future__ import annotations

import uuid

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from talentbridge.accounts.models import Role, User
from talentbridge.casework.documents import document_for_download
from talentbridge.casework.notifications import notification_mark_read
from talentbridge.casework.notifications import render as render_notification
from talentbridge.casework.selectors import notification_list
from talentbridge.core.errors import NotFound
from talentbridge.core.models import TaskProgress


@login_required
@require_GET
def notifications(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    page = Paginator(notification_list(user=user), 50).get_page(request.GET.get("page"))
    for item in page:
        item.text = render_notification(item)  # type: ignore[attr-defined]
    return render(request, "web/inbox/notifications.html", {"page": page})


@login_required
@require_POST
def notification_read(request: HttpRequest) -> HttpResponse:
    """Mark one notification (or, without an id, all of them) as read."""
    raw = request.POST.get("id")
    notification_mark_read(user=request.user, notification_id=int(raw) if raw and raw.isdigit() else None)  # type: ignore[arg-type]
    return redirect("web:notifications")


@login_required
@require_GET
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
@require_GET
def task_progress(request: HttpRequest, task_id: uuid.UUID) -> HttpResponse:
    """A progress bar that polls itself every second (HTMX) until the job is done or failed."""
    progress = TaskProgress.objects.filter(pk=task_id).first()
    if progress is None or not _may_watch(request.user, progress):  # type: ignore[arg-type]
        raise Http404
    finished = progress.status in {TaskProgress.Status.DONE, TaskProgress.Status.FAILED}
    context = {"progress": progress, "finished": finished}
    template = "web/inbox/_progress.html" if request.headers.get("HX-Request") else "web/inbox/progress.html"
    return render(request, template, context)
