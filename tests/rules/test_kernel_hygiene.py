"""Kernel hygiene: no Django, every parameter cited and dated, every variable labelled, versioning."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import talentbridge.rules
from talentbridge.rules import labels, params
from talentbridge.rules.system import rulebook
from talentbridge.rules.version import rules_version

ROOT = Path(__file__).resolve().parents[2]


def _modules() -> list[str]:
    found = [talentbridge.rules.__name__]
    for module in pkgutil.walk_packages(talentbridge.rules.__path__, prefix="talentbridge.rules."):
        if not module.name.endswith("__main__"):
            found.append(module.name)
    return found


def test_no_module_of_the_kernel_imports_django() -> None:
    code = (
        "import importlib, json, sys\n"
        f"for name in {_modules()!r}: importlib.import_module(name)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))))"
    )
    result = subprocess.run(  # noqa: S603 (fixed argv: this interpreter)
        [sys.executable, "-c", code], cwd=ROOT, env={"PYTHONPATH": str(ROOT / "src")}, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
    assert len(_modules()) >= 15


def test_every_parameter_leaf_has_a_reference_a_unit_and_a_dated_value() -> None:
    leaves = list(params.leaves(rulebook().parameters))
    assert len(leaves) > 150
    for leaf in leaves:
        assert leaf.metadata.get("reference"), leaf.name
        assert leaf.metadata.get("unit"), leaf.name
        assert leaf.description, leaf.name
        assert any(value.value is not None for value in leaf.values_list), leaf.name


def test_every_parameter_and_variable_has_labels_in_three_languages() -> None:
    tbs = rulebook()
    for leaf in params.leaves(tbs.parameters):
        label = labels.parameter_label(leaf.name)
        assert all(label[language] for language in labels.LANGUAGES), leaf.name
    for name, variable in tbs.variables.items():
        assert variable.label and variable.reference, name
        label = labels.variable_label(name)
        assert set(label) == set(labels.LANGUAGES), name


def test_unsourced_values_say_unverified() -> None:
    # given the values DOMAIN.md does not source (newer minimum wages, W, ...)
    tbs = rulebook()
    for path in (
        "insurance.pension.calculation_base",
        "insurance.minimum_wage.zhuhai",
        "insurance.minimum_wage.huizhou",
        "insurance.minimum_wage.shenzhen",
        "opportunities.youth_employment_scheme.maximum_allowance_months",
    ):
        leaf = params.find(tbs, path)
        assert leaf is not None
        assert "[unverified]" in leaf.metadata["reference"], path


def test_lawyers_pilot_ends_with_null_and_says_no_extension_is_loaded() -> None:
    mechanism = params.find(rulebook(), "practice.pathways.lawyer.nine_cities.mechanism")
    assert params.dated_values(mechanism) == {"2020-10-05": "examination_licence", "2026-10-05": None}  # type: ignore[arg-type]
    assert "not yet loaded [unverified]" in mechanism.metadata["reference"]  # type: ignore[union-attr]


def test_huangpu_has_no_pathway_and_says_so() -> None:
    pathways = params.find(rulebook(), "practice.pathways")
    assert all("huangpu" not in field.children for field in pathways.children.values())  # type: ignore[union-attr]
    assert "Huangpu has no sourced pathway" in (pathways.description or "")  # type: ignore[union-attr]


def test_rules_version_is_semver_and_a_sha256_of_the_rule_files() -> None:
    version = rules_version()
    major, minor, patch = version["semver"].split(".")
    assert all(part.isdigit() for part in (major, minor, patch))
    assert len(version["content_hash"]) == 64
    assert version == rules_version()
