"""A certificate replaced by a newer one: it says so (never "valid"), online and offline, and its standing
is the one validity rule every page and API answer reads."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command

from talentbridge.core import clock
from talentbridge.core.errors import IllegalTransition, InvalidInput
from talentbridge.credentials import selectors, services
from talentbridge.credentials.models import Certificate, CertificateEvent, Standing
from talentbridge.credentials.verify_core import bit_is_set, bitstring_decode, verify_credential
from tests.credentials.conftest import ON

pytestmark = pytest.mark.django_db
SRC = str(Path(__file__).resolve().parents[2] / "src")


def _supersede(old: Certificate, new: Certificate) -> Certificate:
    return services.certificate_supersede(
        certificate_id=old.pk, by_certificate_id=new.pk, actor=None, reason="Replaced by registration PR-2."
    )


def test_a_replaced_certificate_verifies_as_superseded_and_names_its_replacement(
    issue: Callable[..., Certificate],
) -> None:
    old, new = issue(), issue()

    _supersede(old, new)

    old.refresh_from_db()
    assert (old.superseded_by, old.revocation_reason, old.revoked_at is not None) == (
        new,
        "Replaced by registration PR-2.",
        True,
    )
    assert list(old.events.values_list("action", "reason")) == [
        ("issued", ""),
        ("superseded", "Replaced by registration PR-2."),
    ]
    result = services.certificate_verify(old.jwt, on=ON)
    assert (result.status, result.is_valid, result.words["en"]) == (
        "superseded",
        False,
        "Replaced by a newer certificate",
    )
    assert services.certificate_verify(new.jwt, on=ON).status == "valid"
    assert selectors.verified_certificate(result) == old
    assert old.standing(ON) == Standing.SUPERSEDED and old.is_in_force(ON) is False


def test_the_revocation_list_flags_a_replaced_certificate_so_plain_verifiers_read_it_revoked(
    issue: Callable[..., Certificate],
) -> None:
    old, new = issue(), issue()
    _supersede(old, new)
    document = selectors.status_list_document(old.authority, "revocation")
    subject = document["credentialSubject"]
    assert bit_is_set(bitstring_decode(subject["encodedList"]), old.status_index)
    assert bit_is_set(bitstring_decode(subject["supersededList"]), old.status_index)
    assert not bit_is_set(bitstring_decode(subject["supersededList"]), new.status_index)
    # A verifier that does not know `supersededList` (or an older export without it) still refuses it.
    plain = {**document, "credentialSubject": {k: v for k, v in subject.items() if k != "supersededList"}}
    url = document["id"]
    answer = verify_credential(old.jwt, trust_list=selectors.trust_list(), on=ON, status_lists={url: plain})
    assert (answer.status, answer.is_valid) == ("revoked", False)
    assert "supersededList" not in selectors.status_list_document(old.authority, "suspension")["credentialSubject"]


def test_a_plain_revocation_stays_revoked(issue: Callable[..., Certificate]) -> None:
    revoked, replaced, new = issue(), issue(), issue()
    services.certificate_revoke(certificate_id=revoked.pk, actor=None, reason="Withdrawn")
    _supersede(replaced, new)
    assert services.certificate_verify(revoked.jwt, on=ON).status == "revoked"
    assert revoked.__class__.objects.get(pk=revoked.pk).standing(ON) == Standing.REVOKED


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"} | {"PYTHONPATH": SRC}
    return subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "talentbridge.credentials", *args], capture_output=True, text=True, env=env, timeout=60
    )


def test_the_offline_cli_says_replaced_with_an_exported_trust_list(
    issue: Callable[..., Certificate], tmp_path: Path
) -> None:
    old, new = issue(), issue()
    _supersede(old, new)
    trust = tmp_path / "trust.json"
    call_command("export_trust_list", str(trust))
    file = tmp_path / "old.jwt"
    file.write_text(old.jwt)

    result = _cli(
        "verify", str(file), "--trust-list", str(trust), "--status-lists", str(tmp_path / "trust-status-lists")
    )

    output = json.loads(result.stdout)
    assert result.returncode == 1, result.stderr
    assert (output["status"], output["valid"]) == ("superseded", False)
    assert output["words"] == {
        "en": "Replaced by a newer certificate",
        "zh-hans": "已由较新的证书取代",
        "zh-hant": "已由較新的證書取代",
    }


def test_superseding_is_refused_without_side_effect(issue: Callable[..., Certificate]) -> None:
    revoked, old, new = issue(), issue(), issue()
    services.certificate_revoke(certificate_id=revoked.pk, actor=None, reason="Withdrawn")
    events = CertificateEvent.objects.count()

    with pytest.raises(IllegalTransition):
        _supersede(revoked, new)  # already revoked for another reason: it keeps that reason
    with pytest.raises(IllegalTransition):
        _supersede(old, revoked)  # a revoked certificate replaces nothing
    with pytest.raises(InvalidInput) as error:
        _supersede(old, old)
    assert error.value.details == {"by_certificate_id": ["Choose the newer certificate that replaces this one."]}

    revoked.refresh_from_db()
    old.refresh_from_db()
    assert (revoked.revocation_reason, revoked.superseded_by) == ("Withdrawn", None)
    assert (old.revoked_at, old.superseded_by) == (None, None)
    assert CertificateEvent.objects.count() == events


def test_the_queryset_the_model_method_and_verification_give_one_answer(issue: Callable[..., Certificate]) -> None:
    """For every status and day, `Certificate.standing`, `in_force()` and verifying the JWT agree."""
    certificate, newer = issue(valid_until=dt.date(2025, 12, 31)), issue()
    days = (dt.date(2024, 12, 31), dt.date(2025, 1, 1), dt.date(2025, 12, 31), dt.date(2026, 1, 1))
    now = clock.now()
    states = {
        "plain": {},
        "suspended": {"suspended_at": now},
        "revoked": {"revoked_at": now},
        "revoked_while_suspended": {"revoked_at": now, "suspended_at": now},
        "superseded": {"revoked_at": now, "superseded_by": newer},
    }
    seen = set()
    for (name, fields), day in itertools.product(states.items(), days):
        base = {"revoked_at": None, "suspended_at": None, "superseded_by": None}
        Certificate.objects.filter(pk=certificate.pk).update(**{**base, **fields})
        certificate.refresh_from_db()
        standing = certificate.standing(day)
        seen.add(standing)
        in_force = Certificate.objects.filter(pk=certificate.pk).in_force(day).exists()
        assert in_force is (standing == Standing.IN_FORCE) is certificate.is_in_force(day), (name, day)
        verified = services.certificate_verify(certificate.jwt, on=day).status
        assert verified == selectors.VERIFICATION_OF_STANDING[standing], (name, day)
    assert seen == set(Standing)


def test_holder_id_must_be_ascii_digits_of_an_existing_user(issue: Callable[..., Certificate]) -> None:
    before = Certificate.objects.count()
    for raw in ("²", "٣", "-5", "0", "1.0", " ", "1" * 40, True):
        with pytest.raises(InvalidInput) as error:
            issue(subject={"user_id": raw, "name": "Chan Tai Man"})
        assert error.value.details == {"subject": ["The holder does not exist."]}, raw
    assert Certificate.objects.count() == before
