"""Officials' background jobs: start a population snapshot export, fetch its file when done."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST, require_safe

from talentbridge.accounts.models import Role, User
from talentbridge.core.errors import ApplicationError
from talentbridge.core.models import TaskProgress
from talentbridge.population.services import snapshot_directory, snapshot_export_start
from talentbridge.web.views.access import role_required

OFFICIALS = (Role.ANALYST, Role.POLICY_OFFICER, Role.ADMINISTRATOR)


@login_required
@role_required(*OFFICIALS)
@require_POST
def snapshot_export(request: HttpRequest) -> HttpResponse:
    """Start the export in the background and show its progress page."""
    try:
        progress = snapshot_export_start(user=request.user)  # type: ignore[arg-type]
    except ApplicationError as error:
        messages.error(request, str(error.message))
        return redirect("web:home")
    return redirect("web:task_progress", task_id=progress.pk)


@login_required
@role_required(*OFFICIALS)
@require_safe
def task_download(request: HttpRequest, task_id: uuid.UUID) -> FileResponse:
    """The file a finished job of the requesting person wrote (only from the snapshot directory)."""
    user: User = request.user  # type: ignore[assignment]
    progress = TaskProgress.objects.filter(pk=task_id, status=TaskProgress.Status.DONE).first()
    if progress is None or (progress.owner_id != user.pk and user.role != Role.ADMINISTRATOR):
        raise Http404
    path = Path(str(progress.result.get("path", ""))).resolve()
    root = snapshot_directory().resolve()
    if root not in path.parents or not path.is_file():
        raise Http404
    response = FileResponse(open(path, "rb"), as_attachment=True, filename=path.name)  # noqa: SIM115
    response["X-Content-Type-Options"] = "nosniff"
    return response
