"""Writes of policy: the current rule-set version, stored determinations and their re-run, what-if runs."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from talentbridge.accounts.models import Role, User
from talentbridge.core.errors import Forbidden, InvalidInput, validation_details
from talentbridge.core.tasks import progress_start
from talentbridge.policy import presenter, whatif
from talentbridge.policy.models import Determination, RuleSetVersion, WhatIfRun
from talentbridge.rules import explain, params, reforms, situation
from talentbridge.rules.simulate import SNAPSHOT_COLUMNS
from talentbridge.rules.system import rulebook
from talentbridge.rules.version import rules_version

WHATIF_ROLES = frozenset({Role.POLICY_OFFICER, Role.ADMINISTRATOR})


def rule_set_current() -> RuleSetVersion:
    """The row of the rule set this process runs (created the first time it is seen)."""
    version = rules_version()
    row, _created = RuleSetVersion.objects.get_or_create(semver=version["semver"], content_hash=version["content_hash"])
    return row


def _check_situation(inputs: Any, period: str, outputs: Sequence[str]) -> None:
    tbs = rulebook()
    if not situation.MONTH.match(str(period)):
        raise InvalidInput(details={"period": [_("Enter a month as YYYY-MM.")]})
    unknown = [name for name in outputs if name not in tbs.variables]
    if unknown or not outputs:
        raise InvalidInput(details={"outputs": [_("Unknown outputs: %(names)s") % {"names": ", ".join(unknown)}]})
    try:
        situation.validate(tbs, {"persons": {"person": inputs}})
    except situation.SituationError as error:
        raise InvalidInput(details={error.path.removeprefix("persons.person."): [str(error)]}) from error


def determination_compute(
    *,
    inputs: dict[str, dict[str, Any]],
    period: str,
    outputs: Sequence[str],
    user: User | None = None,
    case_reference: str = "",
    explained: bool = True,
) -> Determination:
    """What `determination_make` would store, computed and explained but not saved.

    With `explained=False` only the outputs are computed (no trace): a preview that shows figures only.
    """
    _check_situation(inputs, period, outputs)
    if not explained:
        persons = {"persons": {"person": {**inputs, **{name: {period: None} for name in outputs}}}}
        values = situation.calculate(rulebook(), persons)["persons"]["person"]
        return Determination(
            requested_by=user,
            case_reference=case_reference,
            period=period,
            inputs=inputs,
            outputs={name: values[name][period] for name in outputs},
            explanation={},
        )
    explanation = explain.explain(inputs, period, list(outputs), code_labels=presenter.code_labels())
    return Determination(
        requested_by=user,
        case_reference=case_reference,
        period=period,
        inputs=inputs,
        outputs={entry["variable"]: entry["value"] for entry in explanation["outputs"]},
        explanation=explanation,
    )


def determination_make(
    *,
    inputs: dict[str, dict[str, Any]],
    period: str,
    outputs: Sequence[str],
    user: User | None = None,
    case_reference: str = "",
) -> Determination:
    """Compute and explain `outputs` for one person's `inputs` and store everything with the rule set."""
    determination = determination_compute(
        inputs=inputs, period=period, outputs=outputs, user=user, case_reference=case_reference
    )
    with transaction.atomic():
        determination.rule_set = rule_set_current()
        try:
            determination.full_clean()
        except Exception as error:
            raise InvalidInput(details=validation_details(error)) from error
        determination.save()
    return determination


def determination_rerun(*, determination: Determination, tbs: TaxBenefitSystem | None = None) -> dict[str, Any]:
    """The stored inputs re-evaluated under today's rules (or `tbs`): what changed and both versions."""
    names = list(determination.outputs)
    explanation = explain.explain(
        determination.inputs, determination.period, names, tbs=tbs, code_labels=presenter.code_labels()
    )
    new_values = {entry["variable"]: entry for entry in explanation["outputs"]}
    changed, unchanged = [], []
    for name in names:
        entry = new_values[name]
        old = determination.outputs[name]
        if old == entry["value"]:
            unchanged.append(name)
        else:
            changed.append({"variable": name, "label": entry["label"], "old": old, "new": entry["value"]})
    return {
        "changed": changed,
        "unchanged": unchanged,
        "old_rules_version": determination.rule_set.as_dict(),
        "new_rules_version": explanation["rules_version"],
        "explanation": explanation,
    }


# Kernel ReformError messages (English, naming the path) mapped to translated ones by their wording.
def _reform_message(message: str, date: str) -> str:
    if "unknown parameter" in message:
        return _("This is not a parameter of the rules.")
    if "is a group of parameters" in message:
        return _("This is a group of parameters: choose one of its parameters.")
    if "bad date" in message:
        return _("%(date)s is not a date (YYYY-MM-DD).") % {"date": date}
    if "is negative" in message:
        return _("The value may not be negative.")
    if "true or false" in message:
        return _("Expected yes or no (true or false).")
    if "non-empty code" in message:
        return _("Expected a code.")
    if "list of months" in message:
        return _("Expected a list of months from 1 to 12.")
    if "expected a number" in message:
        return _("Expected a number.")
    if "expected an object" in message:
        return _('Expected dated values such as {"2025-01-01": value}.')
    return message


def reform_errors(reform: Any) -> dict[str, list[str]]:
    """Every problem of `reform`, translated and keyed by parameter path (`reform` for its shape)."""
    if not isinstance(reform, dict) or not reform:
        return {"reform": [_("Change at least one parameter.")]}
    problems: dict[str, list[str]] = {}
    tbs = rulebook()
    for path, values in reform.items():
        entries = values.items() if isinstance(values, dict) and values else [("", values)]
        for date, value in entries:
            try:
                reforms.validate({path: {date: value} if date else values}, tbs)
            except reforms.ReformError as error:
                message = _reform_message(str(error), str(date))
                if message not in problems.setdefault(str(path), []):
                    problems[str(path)].append(message)
    return problems


def _snapshot_problems(snapshot_path: str | Path, by: Any) -> tuple[dict[str, list[str]], int]:
    problems: dict[str, list[str]] = {}
    if not isinstance(by, list | tuple) or not all(isinstance(name, str) for name in by):
        return {"by": [_("Choose grouping columns from the list.")]}, 0
    unknown = [name for name in by if name not in SNAPSHOT_COLUMNS]
    if unknown:
        problems["by"] = [_("Not columns of a snapshot: %(names)s") % {"names": ", ".join(unknown)}]
    elif len(set(by)) != len(by):
        problems["by"] = [_("Choose each grouping column once.")]
    path = Path(snapshot_path)
    if not path.is_file():
        problems["snapshot"] = [_("No population snapshot yet: export one first.")]
        return problems, 0
    try:
        columns = whatif.snapshot_columns(path)
        rows = whatif.snapshot_rows(path)
    except Exception:
        problems["snapshot"] = [_("The population snapshot cannot be read.")]
        return problems, 0
    missing = [name for name in SNAPSHOT_COLUMNS if name not in columns]
    if missing:
        problems["snapshot"] = [
            _("The population snapshot lacks columns the rules need: %(names)s") % {"names": ", ".join(missing)}
        ]
    return problems, rows


def whatif_start(
    *,
    user: User,
    reform: Any,
    by: Sequence[str],
    period: str,
    snapshot_path: str | Path,
    link: Callable[[WhatIfRun], str] | None = None,
) -> WhatIfRun:
    """Validate, record the run and its progress, and enqueue the computation once committed.

    `link(run)` gives the page of the finished run; the progress page links to it.
    """
    if not user.is_active or user.role not in WHATIF_ROLES:
        raise Forbidden(_("Only policy officers and administrators can run a what-if."))
    problems = reform_errors(reform)
    snapshot_problems, rows = _snapshot_problems(snapshot_path, list(by) if isinstance(by, list | tuple) else by)
    problems.update(snapshot_problems)
    if not situation.MONTH.match(str(period)):
        problems["period"] = [_("Enter a month as YYYY-MM.")]
    if problems:
        raise InvalidInput(details=problems)
    from talentbridge.policy.tasks import run_whatif

    sha256 = whatif.file_sha256(snapshot_path)
    with transaction.atomic():
        progress = progress_start(label=gettext_noop("What-if simulation"), owner=user, total=whatif.step_count(rows))
        run = WhatIfRun(
            created_by=user,
            reform=reform,
            by=list(by),
            period=period,
            snapshot_path=str(snapshot_path),
            snapshot_rows=rows,
            snapshot_sha256=sha256,
            rule_set=rule_set_current(),
            progress=progress,
        )
        run.full_clean()
        run.save()
        progress.result = {"whatif_run": run.pk, **({"url": link(run)} if link else {})}
        progress.save(update_fields=["result"])
        run_id, language = run.pk, translation.get_language() or "en"
        transaction.on_commit(lambda: run_whatif.enqueue(run_id, language))
    return run


def parameter_in_force(path: str, on: datetime.date) -> dict[str, Any] | None:
    """A leaf's description with the value in force on `on` and its start date (None: not a leaf)."""
    from openfisca_core.parameters import Parameter

    leaf = params.find(rulebook(), path)
    if not isinstance(leaf, Parameter):
        return None
    instant = on.isoformat()
    since = params.effective_date(leaf, instant)
    values = params.dated_values(leaf)
    return {
        **params.describe(leaf),
        "kind": reforms.kind(leaf),
        "current": values.get(since) if since else None,
        "since": since,
    }
