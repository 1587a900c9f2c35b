"""The offline CLI, in a subprocess with an exported trust list, agrees with the API's service."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command

from talentbridge.credentials import services
from talentbridge.credentials.models import Certificate

pytestmark = pytest.mark.django_db
SRC = str(Path(__file__).resolve().parents[2] / "src")


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    # No DJANGO_SETTINGS_MODULE: the verifier must not need Django at all.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"} | {"PYTHONPATH": SRC}
    return subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "talentbridge.credentials", *args], capture_output=True, text=True, env=env, timeout=60
    )


def test_cli_gives_the_same_answers_as_the_service(issue: Callable[..., Certificate], tmp_path: Path) -> None:
    valid, revoked, suspended = issue(), issue(), issue()
    services.certificate_revoke(certificate_id=revoked.pk, actor=None, reason="Withdrawn")
    services.certificate_suspend(certificate_id=suspended.pk, actor=None, reason="Inquiry")
    services.issuer_key_rotate(authority_code="GD-DOJ")
    rotated = issue()
    trust = tmp_path / "trust.json"
    call_command("export_trust_list", str(trust))
    lists = tmp_path / "trust-status-lists"
    assert sorted(p.name for p in lists.iterdir()) == ["GD-DOJ-revocation.jwt", "GD-DOJ-suspension.jwt"]
    cases = [(c, on) for c in (valid, revoked, suspended, rotated) for on in ("2025-06-01", "2030-01-01")]
    for certificate, on in cases:
        file = tmp_path / f"{certificate.pk}.jwt"
        file.write_text(certificate.jwt)
        result = _cli("verify", str(file), "--trust-list", str(trust), "--status-lists", str(lists), "--on", on)
        expected = services.certificate_verify(certificate.jwt, on=dt.date.fromisoformat(on))
        output = json.loads(result.stdout)
        assert output["status"] == expected.status, (certificate.pk, on, result.stderr)
        assert output["claims"] == expected.claims
        assert result.returncode == (0 if expected.status == "valid" else 1)
    assert {
        json.loads(
            _cli("verify", str(tmp_path / f"{c.pk}.jwt"), "--trust-list", str(trust), "--on", "2025-06-01").stdout
        )["status"]
        for c in (valid, revoked)
    } == {"valid"}


def test_cli_reports_forged_and_bad_input(issue: Callable[..., Certificate], tmp_path: Path) -> None:
    certificate = issue()
    trust = tmp_path / "trust.json"
    call_command("export_trust_list", str(trust))
    forged = tmp_path / "forged.jwt"
    forged.write_text(certificate.jwt[:-3] + ("AAA" if not certificate.jwt.endswith("AAA") else "BBB"))
    result = _cli("verify", str(forged), "--trust-list", str(trust), "--on", "2025-06-01")
    assert (result.returncode, json.loads(result.stdout)["status"]) == (1, "forged")
    assert _cli("verify", str(tmp_path / "missing.jwt"), "--trust-list", str(trust)).returncode == 2
    assert _cli("verify", str(forged), "--trust-list", str(trust), "--on", "June").returncode == 2
    assert _cli("verify", str(forged)).returncode == 2
