"""Hong Kong and Macao residents need no talent endorsement: its pages say so instead of showing a form."""

from __future__ import annotations

import pytest
from django.urls import reverse

from talentbridge.accounts.models import Role
from talentbridge.mobility.models import EmployerAttestation

pytestmark = pytest.mark.django_db

PAGES = ("web:endorsement_apply", "web:attestation_request")


@pytest.mark.parametrize("residence", ["HK", "MO"])
@pytest.mark.parametrize("page", PAGES)
def test_sar_residents_see_a_notice_not_a_form(make_user, signed_in, residence, page):
    client = signed_in(make_user(Role.APPLICANT, residence=residence))
    response = client.get(reverse(page))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="mainland-only"' in html and "Talent endorsements are for mainland residents" in html
    assert 'class="stacked"' not in html and 'name="eep_number"' not in html
    assert 'name="job_title"' not in html
    refused = client.post(reverse(page), {"job_title": "Engineer"})
    assert refused.status_code == 403
    assert not EmployerAttestation.objects.exists()


@pytest.mark.parametrize("page", PAGES)
def test_mainland_residents_still_see_the_form(make_user, signed_in, page):
    response = signed_in(make_user(Role.APPLICANT, residence="GD")).get(reverse(page))
    assert response.status_code == 200
    assert 'id="mainland-only"' not in response.content.decode()
    assert "form" in response.context
