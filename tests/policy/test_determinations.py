"""Determinations are stored with their rule-set version and re-run under today's (or changed) rules."""

from __future__ import annotations

import pytest

from talentbridge.accounts.models import Role
from talentbridge.core.errors import InvalidInput
from talentbridge.policy.models import Determination, RuleSetVersion
from talentbridge.policy.services import determination_make, determination_rerun, rule_set_current
from talentbridge.rules import explain, reforms
from talentbridge.rules.version import rules_version
from tests.policy.conftest import LAWYER_YEARS

OUTPUTS = ["practice_eligible", "practice_validity_years"]


def test_rule_set_current_is_created_once(db):
    first = rule_set_current()
    second = rule_set_current()
    assert first.pk == second.pk
    assert first.as_dict() == rules_version()
    assert RuleSetVersion.objects.count() == 1


def test_determination_is_stored_with_version_and_explained_identically(make_user, lawyer_inputs):
    officer = make_user(Role.POLICY_OFFICER)
    determination = determination_make(
        inputs=lawyer_inputs, period="2025-01", outputs=OUTPUTS, user=officer, case_reference="GBA-2025-000001"
    )
    stored = Determination.objects.get(pk=determination.pk)
    assert stored.requested_by == officer and stored.case_reference == "GBA-2025-000001"
    assert stored.rule_set.as_dict() == rules_version()
    assert stored.inputs == lawyer_inputs
    assert stored.outputs == {"practice_eligible": False, "practice_validity_years": 0}
    assert stored.explanation == explain.explain(lawyer_inputs, "2025-01", OUTPUTS)
    assert explain.render(stored.explanation, "zh_hant") == stored.explanation["text"]["zh_hant"]


def test_rerun_under_unchanged_rules_changes_nothing(db, lawyer_inputs):
    determination = determination_make(inputs=lawyer_inputs, period="2025-01", outputs=OUTPUTS)
    diff = determination_rerun(determination=determination)
    assert diff["changed"] == []
    assert diff["unchanged"] == OUTPUTS
    assert diff["old_rules_version"] == diff["new_rules_version"] == rules_version()


def test_rerun_after_a_rules_change_shows_old_and_new_values(db, lawyer_inputs):
    determination = determination_make(inputs=lawyer_inputs, period="2025-01", outputs=OUTPUTS)
    relaxed = reforms.apply({LAWYER_YEARS: {"2024-01-01": 2}})
    diff = determination_rerun(determination=determination, tbs=relaxed)
    assert [(c["variable"], c["old"], c["new"]) for c in diff["changed"]] == [("practice_eligible", False, True)]
    assert diff["changed"][0]["label"]["en"] == "May practise in the GBA"
    assert diff["unchanged"] == ["practice_validity_years"]
    assert diff["old_rules_version"] == determination.rule_set.as_dict()
    assert Determination.objects.get(pk=determination.pk).outputs["practice_eligible"] is False


@pytest.mark.parametrize(
    ("inputs", "period", "outputs", "key"),
    [
        ({"years_of_practice": {"2025-01": -1}}, "2025-01", OUTPUTS, "years_of_practice.2025-01"),
        ({"no_such_variable": {"2025-01": 1}}, "2025-01", OUTPUTS, "no_such_variable"),
        ({}, "2025-13", OUTPUTS, "period"),
        ({}, "2025-01", ["no_such_output"], "outputs"),
    ],
)
def test_bad_situations_are_refused_and_store_nothing(db, inputs, period, outputs, key):
    with pytest.raises(InvalidInput) as caught:
        determination_make(inputs=inputs, period=period, outputs=outputs)
    assert list(caught.value.details) == [key]
    assert Determination.objects.count() == 0
    assert RuleSetVersion.objects.count() == 0
