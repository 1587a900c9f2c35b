"""Policy officers' pages: what-if runs over the population snapshot, and stored determinations."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from talentbridge.accounts.models import Role, User
from talentbridge.casework.access import applications_visible_to
from talentbridge.casework.models import Application
from talentbridge.core import clock, languages
from talentbridge.core.errors import ApplicationError, Conflict, InvalidInput, NotFound
from talentbridge.policy import presenter, selectors
from talentbridge.policy import whatif as whatif_counts
from talentbridge.policy.models import Determination, RuleSetVersion, WhatIfRun
from talentbridge.policy.services import determination_rerun, parameter_in_force, whatif_start
from talentbridge.population.services import snapshot_latest
from talentbridge.rules import labels
from talentbridge.web.errors import refused_status
from talentbridge.web.forms_policy import (
    ReformRowForm,
    ReformRowFormSet,
    WhatIfForm,
    show_value,
)
from talentbridge.web.views.access import role_required

POLICY = (Role.POLICY_OFFICER, Role.ADMINISTRATOR)
CHART_BAR = 12
CHART_GAP = 10
CHART_LABEL = 220
CHART_WIDTH = 420


def _shown_with_unit(path: str, value: Any) -> str:
    """A parameter's value as the page shows it, with its unit (a share as a percentage, money grouped)."""
    info = parameter_in_force(path, clock.today())
    unit = info["unit"] if info else None
    return f"{presenter.value_shown(value, unit=unit)} {presenter.unit_after(value, unit)}".strip()


def parameter_info(path: str) -> dict[str, Any] | None:
    """A parameter in the page's language: label, value in force today, unit, citation, dated values."""
    info = parameter_in_force(path, clock.today())
    if info is None:
        return None
    return {
        **info,
        "label": labels.parameter_label(path)[languages.language_key()],
        "current_shown": presenter.value_shown(info["current"], unit=info["unit"]),
        "unit_shown": presenter.unit_after(info["current"], info["unit"]),
        "history": [(date, _shown_with_unit(path, value)) for date, value in info["values"].items()],
        "percent": info["unit"] == "/1",
        "source": presenter.source_view(info.get("reference")),
    }


def snapshot_view(path: str | Path | None, rows: int | None = None) -> dict[str, Any] | None:
    """A population snapshot as a person reads of it: how many people, and the day it was exported."""
    if not path:
        return None
    file = Path(path)
    try:
        written = datetime.datetime.fromtimestamp(file.stat().st_mtime, tz=datetime.UTC)
        people = rows if rows is not None else whatif_counts.snapshot_rows(file)
    except (OSError, ValueError):
        return {"people": rows, "exported": None} if rows is not None else None
    return {"people": people, "exported": timezone.localtime(written)}


def _place_errors(error: InvalidInput, form: WhatIfForm, rows: Any) -> list[str]:
    """Put the service's errors next to their fields; those without a field come back for the summary."""
    general: list[str] = []
    for key, messages in error.details.items():
        targets = [row for row in rows.forms if row.cleaned_data.get("path") == key]
        for message in messages:
            if key in ("by", "period"):
                form.add_error(key, message)
            elif targets:
                for row in targets:
                    row.add_error("value", message)
            else:
                general.append(message)
    return general


@login_required
@role_required(*POLICY)
@require_http_methods(["GET", "HEAD", "POST"])
def whatif(request: HttpRequest) -> HttpResponse:
    """Pick parameters, new values and dates, grouping and month; start the run; follow its progress."""
    user: User = request.user  # type: ignore[assignment]
    snapshot = snapshot_latest()
    general: list[str] = []
    status = 200
    if request.method == "POST":
        form = WhatIfForm(request.POST)
        # Each row is held to the month evaluated: a change that starts after it would change nothing.
        rows = ReformRowFormSet(request.POST, prefix="change", form_kwargs={"period": request.POST.get("period")})
        if not (form.is_valid() and rows.is_valid()):
            status = refused_status()
        elif snapshot is None:
            general.append(_("No population snapshot yet: export one first."))
            status = Conflict.http_status  # nothing to count on until one is exported, whatever was asked
        else:
            try:
                run = whatif_start(
                    user=user,
                    reform=rows.reform(),
                    by=form.cleaned_data["by"],
                    period=form.cleaned_data["period"],
                    snapshot_path=snapshot,
                    link=lambda run: reverse("web:whatif_run", args=[run.pk]),
                )
            except InvalidInput as error:
                general = _place_errors(error, form, rows)
                status = refused_status(error)
            except ApplicationError as error:
                general.append(str(error.message))
                status = refused_status(error)
            else:
                assert run.progress_id is not None
                return redirect("web:task_progress", task_id=run.progress_id)
    else:
        form, rows = WhatIfForm(), ReformRowFormSet(prefix="change")
    for row in rows.forms:
        path = row["path"].value()
        row.info = parameter_info(path) if path else None
    context = {
        "form": form,
        "rows": rows,
        "general_errors": general,
        "snapshot": snapshot,
        "snapshot_view": snapshot_view(snapshot),
        "runs": list(selectors.whatif_run_list(user=user)[:5]),
    }
    return render(request, "web/policy/whatif.html", context, status=status)


@login_required
@role_required(*POLICY)
@require_safe
def whatif_parameter(request: HttpRequest) -> HttpResponse:
    """The chosen parameter's value in force, unit and reference (HTMX fragment under its row)."""
    keys = [key for key in request.GET if key.endswith("-path")]
    path = request.GET.get(keys[0], "") if keys else request.GET.get("path", "")
    # The row's value field fits the parameter (a list of options for a coded one): swapped in beside the info.
    row = ReformRowForm(prefix=keys[0].removesuffix("-path"), initial={"path": path}) if keys else None
    context = {"info": parameter_info(path) if path else None, "value_row": row}
    return render(request, "web/policy/_parameter.html", context)


@login_required
@role_required(*POLICY)
@require_safe
def whatif_runs(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    page = Paginator(selectors.whatif_run_list(user=user), 25).get_page(request.GET.get("page"))
    return render(request, "web/policy/whatif_runs.html", {"page": page, "runs": page.object_list})


def _group_label(key: dict[str, Any]) -> str:
    """A group's values in the page's language (`lawyer` -> 律師, `none` of a profession -> "No profession")."""
    return " · ".join(presenter.category_shown(column, value) for column, value in key.items())


def result_rows(run: WhatIfRun) -> list[dict[str, Any]]:
    """One row per group and a total: persons and, per output, before / after / gained / lost."""
    result = run.result
    rows = [{"label": _group_label(group["key"]), "key": group["key"], **group} for group in result.get("groups", [])]
    total = result.get("total")
    if total and result.get("by"):
        rows.append({"label": _("Total"), "is_total": True, **total})
    return rows


def chart(run: WhatIfRun, output: str) -> dict[str, Any]:
    """Bar geometry for one output: per group a bar before and a bar after, scaled to the largest count."""
    groups = [*run.result.get("groups", [])]
    if not run.result.get("by") and run.result.get("total"):
        groups = [run.result["total"]]
    largest = max([1, *(max(g["outputs"][output]["before"], g["outputs"][output]["after"]) for g in groups)])
    bars, y = [], CHART_GAP
    for group in groups:
        counts = group["outputs"][output]
        label = _group_label(group["key"]) or "—"
        bars.append(
            {
                "label": label,
                "label_y": y + CHART_BAR + 4,
                "before": counts["before"],
                "after": counts["after"],
                "before_y": y,
                "after_y": y + CHART_BAR,
                "before_w": round(CHART_WIDTH * counts["before"] / largest, 1),
                "after_w": round(CHART_WIDTH * counts["after"] / largest, 1),
            }
        )
        y += 2 * CHART_BAR + CHART_GAP
    return {
        "output": output,
        "label": labels.variable_label(output)[languages.language_key()],
        "bars": bars,
        "height": y,
        "width": CHART_LABEL + CHART_WIDTH + 80,
        "bar_x": CHART_LABEL,
        "bar_h": CHART_BAR,
    }


@login_required
@role_required(*POLICY)
@require_safe
def whatif_run(request: HttpRequest, run_id: int) -> HttpResponse:
    """A stored run: what was asked, on which snapshot and rules, and the counts as a table and a chart."""
    try:
        run = selectors.whatif_run_get(user=request.user, run_id=run_id)  # type: ignore[arg-type]
    except NotFound as error:
        raise Http404 from error
    language = languages.language_key()
    outputs = run.result.get("outputs", [])
    context = {
        "run": run,
        "changes": [
            {"label": labels.parameter_label(path)[language], "date": date, "value": _shown_with_unit(path, value)}
            for path, values in run.reform.items()
            for date, value in values.items()
        ],
        "by_labels": [labels.variable_label(name)[language] for name in run.by],
        "outputs": [{"name": name, "label": labels.variable_label(name)[language]} for name in outputs],
        "rows": result_rows(run) if run.status == WhatIfRun.Status.DONE else [],
        "charts": [chart(run, name) for name in outputs] if run.status == WhatIfRun.Status.DONE else [],
        "snapshot_view": snapshot_view(run.snapshot_path, run.snapshot_rows),
        "rules_version": rules_identifier(run.rule_set),
    }
    return render(request, "web/policy/whatif_run.html", context)


@login_required
@role_required(*POLICY)
@require_safe
def determinations(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    page = Paginator(selectors.determination_list(user=user), 25).get_page(request.GET.get("page"))
    return render(request, "web/policy/determinations.html", {"page": page, "determinations": page.object_list})


@login_required
@role_required(*POLICY)
@require_http_methods(["GET", "HEAD", "POST"])
def determination(request: HttpRequest, determination_id: int) -> HttpResponse:
    """A stored determination's reasons with citations; POST re-runs it under today's rules."""
    try:
        stored = selectors.determination_get(user=request.user, determination_id=determination_id)  # type: ignore[arg-type]
    except NotFound as error:
        raise Http404 from error
    language = languages.language_key()
    rerun = determination_rerun(determination=stored) if request.method == "POST" else None
    if rerun is not None:
        for change in rerun["changed"]:
            change["label_shown"] = change["label"][language]
            change["old_shown"], change["new_shown"] = show_value(change["old"]), show_value(change["new"])
    reference = stored.case_reference
    visible = bool(reference) and applications_visible_to(request.user).filter(reference=reference).exists()  # type: ignore[arg-type]
    context = {
        "determination": stored,
        "case_url": reverse("web:case_detail", args=[reference]) if visible else None,
        "rules_version": rules_identifier(stored.rule_set),
        "computed": computed_text(stored),
        "outputs": [presenter.output_view(output) for output in stored.explanation.get("outputs", [])],
        "rerun": rerun,
    }
    return render(request, "web/policy/determination.html", context)


def rules_identifier(rule_set: RuleSetVersion) -> str:
    """The rule set as the `version_label` filter reads it: "version 2.0.0", the content hash in its title."""
    return f"{rule_set.semver}+{rule_set.content_hash}"


def computed_text(determination: Determination) -> str:
    """What happened, in words: when it was computed, and for whom.

    A case's determination was computed for the case its applicant filed (during its decision), whoever
    set it going; any other was asked for by a person (an eligibility check, an estimate) or by no one
    signed in.
    """
    when = formats.date_format(timezone.localtime(determination.created_at), "DATETIME_FORMAT")
    case = (
        Application.objects.select_related("applicant").filter(reference=determination.case_reference).first()
        if determination.case_reference
        else None
    )
    if case is not None:
        return _("Computed on %(date)s for the case filed by %(name)s.") % {
            "date": when,
            "name": case.applicant.full_name or case.applicant.email,
        }
    if determination.requested_by is not None:
        return _("Computed on %(date)s at the request of %(name)s.") % {
            "date": when,
            "name": determination.requested_by.full_name or determination.requested_by.email,
        }
    return _("Computed on %(date)s for someone who was not signed in.") % {"date": when}
