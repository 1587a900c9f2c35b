"""Writes of populations: start a snapshot export in the background; where snapshots are kept."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from talentbridge.accounts.models import Role, User
from talentbridge.core import clock
from talentbridge.core.errors import Forbidden
from talentbridge.core.models import TaskProgress
from talentbridge.core.tasks import progress_start

SNAPSHOT_ROLES = frozenset({Role.ANALYST, Role.POLICY_OFFICER, Role.ADMINISTRATOR})


def snapshot_directory() -> Path:
    return Path(settings.SNAPSHOT_ROOT)


def snapshot_latest() -> Path | None:
    """The most recently written snapshot file in `snapshot_directory()`, or None when there is none.

    Exports land there under their final name in one rename, so every file listed is complete.
    """
    directory = snapshot_directory()
    if not directory.is_dir():
        return None
    files = []
    for path in directory.glob("*.parquet"):
        try:
            files.append((path.stat().st_mtime_ns, path.name, path))
        except FileNotFoundError:  # removed by another process since the listing
            continue
    return max(files)[2] if files else None


def snapshot_export_start(*, user: User) -> TaskProgress:
    """Create the progress record and enqueue the export once the record is committed."""
    if not user.is_active or user.role not in SNAPSHOT_ROLES:
        raise Forbidden(_("Only analysts, policy officers and administrators can export the population."))
    from talentbridge.population.tasks import export_snapshot

    path = snapshot_directory() / f"population-{clock.now():%Y%m%d-%H%M%S}-{user.pk}.parquet"
    with transaction.atomic():
        progress = progress_start(label=gettext_noop("Population snapshot export"), owner=user)
        progress.result = {"path": str(path)}
        progress.save(update_fields=["result"])
        progress_id = str(progress.pk)
        transaction.on_commit(lambda: export_snapshot.enqueue(progress_id, str(path)))
    return progress
