"""Every OpenFisca YAML test of the kernel passes through openfisca's own test runner."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from talentbridge.rules.system import YAML_TESTS_DIR

ROOT = Path(__file__).resolve().parents[2]
RUNNER = """
import sys
from openfisca_core.tools.test_runner import run_tests
from talentbridge.rules.system import YAML_TESTS_DIR, rulebook
sys.exit(run_tests(rulebook(), [str(YAML_TESTS_DIR)]))
"""


def test_all_yaml_tests_pass_in_the_openfisca_runner() -> None:
    # given the YAML tests at every legal boundary
    assert sorted(path.name for path in YAML_TESTS_DIR.glob("*.yaml"))
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTEST_ADDOPTS": "-p no:django -p no:cacheprovider -q"}
    # when openfisca's runner (a nested pytest, hence a subprocess) runs them
    result = subprocess.run(  # noqa: S603 (fixed argv: this interpreter)
        [sys.executable, "-c", RUNNER], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    # then none fails
    assert result.returncode == 0, result.stdout[-4000:]
    assert " passed" in result.stdout and "failed" not in result.stdout
