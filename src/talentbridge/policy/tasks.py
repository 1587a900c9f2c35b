"""Background work of policy: a what-if run, reporting each phase to its progress record."""

from __future__ import annotations

from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext_noop, ngettext

from talentbridge.core.models import StoredText, TaskProgress, stored_plural
from talentbridge.core.tasks import progress_update, task
from talentbridge.policy import whatif
from talentbridge.policy.models import WhatIfRun


def _phase_message(phase: str) -> str:
    return {
        "baseline": gettext_noop("Baseline evaluated (today's rules)."),
        "reform": gettext_noop("Reform evaluated."),
        "grouping": gettext_noop("Counted by group."),
    }[phase]


def done_message(result: dict[str, Any]) -> StoredText:
    """What the finished run did, for its progress page: how many people, how many changes of eligibility.

    A change is one person gaining or losing one output (a person changing two outputs counts twice).
    """
    outputs = (result.get("total") or {}).get("outputs", {})
    changes = sum(int(counts.get("gained", 0)) + int(counts.get("lost", 0)) for counts in outputs.values())
    return stored_plural(
        lambda n: ngettext(
            "Simulated %(people)s people: %(changes)s change of eligibility.",
            "Simulated %(people)s people: %(changes)s changes of eligibility.",
            n,
        ),
        changes,
        people=f"{int(result.get('persons', 0)):,}",
        changes=f"{changes:,}",
    )


@task()
def run_whatif(run_id: int, language: str = "en") -> dict[str, Any]:
    """Compute the run's counts phase by phase and store them on the run; messages in `language`."""
    run = WhatIfRun.objects.select_related("progress").get(pk=run_id)
    progress_id = run.progress_id
    link = dict(run.progress.result) if run.progress else {}
    with translation.override(language):
        WhatIfRun.objects.filter(pk=run.pk).update(status=WhatIfRun.Status.RUNNING)
        if progress_id:
            progress_update(progress_id, status=TaskProgress.Status.RUNNING, done=0, message=gettext_noop("Started."))

        def on_progress(phase: str, done: int) -> None:
            if progress_id:
                progress_update(progress_id, done=done, message=_phase_message(phase))

        try:
            result = whatif.compute(run.snapshot_path, run.reform, run.by, run.period, on_progress=on_progress)
        except Exception as error:
            WhatIfRun.objects.filter(pk=run.pk).update(
                status=WhatIfRun.Status.FAILED, error=str(error), finished_at=timezone.now()
            )
            if progress_id:
                progress_update(
                    progress_id, status=TaskProgress.Status.FAILED, message=gettext_noop("The what-if failed.")
                )
            raise
        WhatIfRun.objects.filter(pk=run.pk).update(
            status=WhatIfRun.Status.DONE, result=result, finished_at=timezone.now()
        )
        if progress_id:
            total = whatif.step_count(run.snapshot_rows)
            progress_update(
                progress_id,
                status=TaskProgress.Status.DONE,
                done=total,
                total=total,
                message=done_message(result),
                result=link,
            )
    return {"whatif_run": run.pk, "persons": result["persons"]}
