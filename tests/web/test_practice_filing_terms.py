"""Practice filing: the pathway must be in force on the day of filing and of submission; the draft
carries the profession that was checked (or leaves it to the applicant)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from talentbridge.casework import services as casework
from talentbridge.casework.models import Application
from talentbridge.core import clock
from talentbridge.core.errors import IllegalTransition
from talentbridge.policy.models import Determination
from tests.casework.filing import attach_required_documents

LAWYER = {
    "field": "lawyer",
    "zone": "nine_cities",
    "home_jurisdiction": "hong_kong",
    "holds_home_licence": "yes",
    "years_of_practice": "4",
    "is_permanent_resident": "yes",
    "is_chinese_citizen": "yes",
    "has_disciplinary_record": "no",
}


def _at(day: str) -> Any:
    return clock.frozen_at(timezone.make_aware(dt.datetime.fromisoformat(f"{day}T10:00:00")))


def _apply(client: Any, determination: Determination) -> Any:
    return client.post(
        reverse("web:practice_apply"),
        {"check": determination.pk, "city": "shenzhen", "licence_number": "HK-LS-4711"},
    )


@pytest.mark.django_db
def test_apply_from_an_old_check_of_an_ended_pathway_is_refused(reference, applicant, signed_in):
    client = signed_in(applicant)
    with _at("2026-12-01"):
        client.post(reverse("web:practice_check"), {**LAWYER, "on": "2025-06-01"})
        determination = Determination.objects.get()
        assert determination.outputs["practice_eligible"]
        response = _apply(client, determination)
    assert response.status_code == 400
    html = response.content.decode()
    assert "This pathway is not open today (it ended on 4 Oct 2026)" in html and "check again with today" in html
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_apply_while_the_pathway_is_in_force_opens_the_draft(reference, applicant, signed_in):
    client = signed_in(applicant)
    with _at("2026-06-01"):
        client.post(reverse("web:practice_check"), {**LAWYER, "on": "2025-06-01"})
        response = _apply(client, Determination.objects.get())
    assert response.status_code == 302
    assert Application.objects.get().state == "draft"


@pytest.mark.django_db
def test_submitting_a_draft_after_its_pathway_ended_is_refused(reference, applicant, signed_in):
    client = signed_in(applicant)
    with _at("2026-06-01"):
        client.post(reverse("web:practice_check"), {**LAWYER, "on": "2026-06-01"})
        assert _apply(client, Determination.objects.get()).status_code == 302
    case = Application.objects.get()
    attach_required_documents(case, applicant)
    with _at("2026-12-01"), pytest.raises(IllegalTransition, match="ended on"):
        casework.application_transition(application_id=case.pk, actor=applicant, transition="submit")
    case.refresh_from_db()
    assert case.state == "draft"


@pytest.mark.django_db
def test_a_surveyor_check_asks_which_surveying_profession_and_files_the_one_chosen(reference, applicant, signed_in):
    """Surveyor (測量師) covers quantity and building surveyors: the apply form asks which, offers only those,
    refuses to guess, and the draft carries the one chosen; a one-profession field (lawyer) names it."""
    client = signed_in(applicant)
    surveyor = {**LAWYER, "field": "surveyor", "zone": "hengqin"}
    with _at("2026-06-01"):
        page = client.post(reverse("web:practice_check"), {**surveyor, "on": "2026-06-01"}).content.decode()
        determination = Determination.objects.get()
        assert determination.outputs["practice_eligible"]
        offered = re.findall(r'<option value="([a-z_]+)"', page.split('name="profession"', 1)[1].split("</select>")[0])
        assert offered and all("surveyor" in code for code in offered)
        apply = {"check": determination.pk, "city": "zhuhai", "licence_number": "S-1"}
        unchosen = client.post(reverse("web:practice_apply"), apply)
        assert unchosen.status_code == 400 and not Application.objects.exists()
        response = client.post(reverse("web:practice_apply"), {**apply, "profession": offered[0]})
    assert response.status_code == 302
    case = Application.objects.get()
    assert (case.payload["field"], case.payload["profession"]) == ("surveyor", offered[0])


@pytest.mark.django_db
def test_a_lawyer_check_names_the_lawyer_profession(reference, applicant, signed_in):
    client = signed_in(applicant)
    with _at("2026-06-01"):
        client.post(reverse("web:practice_check"), {**LAWYER, "on": "2026-06-01"})
        assert _apply(client, Determination.objects.get()).status_code == 302
    assert Application.objects.get().payload["profession"] == "lawyer"
