"""An authority's registrations list: revoking (which cannot be undone) is a form of its own that asks to be
confirmed, and each action's message names the registration and what was done to it."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from talentbridge.accounts.models import User
from talentbridge.practice import services
from talentbridge.practice.models import Registration
from talentbridge.reference.models import Authority

pytestmark = pytest.mark.django_db


def _registration(professional: User) -> Registration:
    return services.registration_grant(
        professional=professional,
        payload={"profession": "architect", "city": "shenzhen", "licence_number": "ARB-1"},
        authority=Authority.objects.get(code="GD-DHURD"),
        case_reference="PR-ACTIONS-1",
    )


def _forms(page: str, number: str) -> list[str]:
    row = re.search(rf'<tr data-number="{re.escape(number)}".*?</tr>', page, re.S)
    assert row, f"no row for {number}"
    return re.findall(r"<form .*?</form>", row.group(0), re.S)


def test_revoke_is_its_own_form_sent_only_once_confirmed(reference, applicant, reviewer, signed_in):
    registration = _registration(applicant)

    page = signed_in(reviewer).get(reverse("web:practice_registrations")).content.decode()

    forms = _forms(page, registration.number)
    revoking = [f for f in forms if 'value="revoke"' in f]
    assert len(revoking) == 1, "one form revokes"
    assert all('value="revoke"' not in f for f in forms if 'value="suspend"' in f), "Suspend never sends a revocation"
    confirm = re.search(r'<input type="checkbox" name="confirm"[^>]*>([^<]*)</label>', revoking[0])
    assert confirm and " required" in confirm.group(0)
    assert confirm.group(1).strip() == f"I understand that revoking registration {registration.number} cannot be undone"
    # opened on purpose: the revocation sits in a closed disclosure, no script needed
    assert re.search(r'<details class="registration-revoke">\s*<summary>Revoke…</summary>\s*<form', page)
    assert "onclick" not in page


@pytest.mark.parametrize(
    ("steps", "said", "status"),
    [
        (["suspend"], "Registration {number} suspended.", "suspended"),
        (["suspend", "reinstate"], "Registration {number} reinstated.", "active"),
        (["revoke"], "Registration {number} revoked.", "revoked"),
    ],
)
def test_the_message_names_the_registration_and_what_was_done(
    reference, applicant, reviewer, signed_in, steps, said, status
):
    registration = _registration(applicant)
    client = signed_in(reviewer)
    url = reverse("web:practice_registration_action", args=[registration.pk])

    for step in steps:
        response = client.post(url, {"action": step, "reason": "Board decision 12.", "confirm": "yes"}, follow=True)

    notices = re.findall(r'<div class="notice notice--success" role="status">(.*?)</div>', response.content.decode())
    assert notices == [said.format(number=registration.number)]
    assert Registration.objects.get(pk=registration.pk).status == status
