"""Workflow files are checked when loaded; a broken one is rejected with the reasons."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from talentbridge.casework.workflow import WORKFLOW_DIR, WorkflowDefinitionError, load_workflow_file, registry


def test_every_shipped_workflow_loads_and_has_a_distinct_rules_version():
    versions = {wf.rules_version for wf in registry().values()}
    assert set(registry()) == {"practice_registration", "talent_endorsement", "benefit_claim"}
    assert len(versions) == 3


def test_rules_version_changes_with_the_file(tmp_path: Path):
    source = (WORKFLOW_DIR / "talent_endorsement.yaml").read_text()
    original = tmp_path / "a.yaml"
    original.write_text(source)
    changed = tmp_path / "b.yaml"
    changed.write_text(
        source.replace("in_review: {deadline_business_days: 10}", "in_review: {deadline_business_days: 12}")
    )
    assert load_workflow_file(original).rules_version != load_workflow_file(changed).rules_version


@pytest.mark.parametrize(
    ("mutation", "message"),
    [
        (lambda w: w["transitions"]["submit"].update({"to": "nowhere"}), "unknown state 'nowhere'"),
        (lambda w: w["transitions"]["submit"].update({"by": ["clerk"]}), "unknown roles ['clerk']"),
        (lambda w: w["states"]["in_review"].update({"on_expiry": "approve"}), "not a system transition"),
        (lambda w: w.update({"initial": "limbo"}), "initial state 'limbo'"),
    ],
)
def test_inconsistent_workflow_is_rejected(tmp_path: Path, mutation, message):
    raw = yaml.safe_load((WORKFLOW_DIR / "talent_endorsement.yaml").read_text())
    mutation(raw)
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(raw))
    with pytest.raises(WorkflowDefinitionError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_workflow_file(path)
