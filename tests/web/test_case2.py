"""Case page: withdrawing confirmed on the server, a typed message kept through a stale page, the decision
line's punctuation in Chinese; review queue filters fitted to the authority; the claim filing's message."""

from __future__ import annotations

import re

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from talentbridge.casework import services
from talentbridge.casework.models import Application
from talentbridge.web.forms import QueueFilterForm

pytestmark = pytest.mark.django_db


def _notices(response) -> list[str]:
    return re.findall(r'<div class="notice notice--\w+" role="status">(.*?)</div>', response.content.decode())


def test_withdrawing_without_the_tick_is_refused_and_changes_nothing(make_case, applicant, signed_in):
    case = make_case(submit=True)
    client = signed_in(applicant)

    refused = client.post(
        reverse("web:case_action", args=[case.reference]), {"transition": "withdraw", "expected_version": case.version}
    )

    assert refused.status_code == 400
    assert "Tick the box to confirm that you want to withdraw the application." in refused.content.decode()
    assert Application.objects.get(pk=case.pk).state == "submitted"
    with translation.override("zh-hans"):
        assert translation.gettext("Tick the box to confirm that you want to withdraw the application.") != (
            "Tick the box to confirm that you want to withdraw the application."
        )
    done = client.post(
        reverse("web:case_action", args=[case.reference]),
        {"transition": "withdraw", "expected_version": case.version, "confirm": "on"},
        follow=True,
    )
    assert _notices(done) == [f"Application {case.reference} withdrawn."]
    assert Application.objects.get(pk=case.pk).state == "withdrawn"


def test_a_message_typed_on_a_stale_page_is_kept(make_case, applicant, reviewer, second_reviewer, signed_in):
    case = make_case(submit=True)
    shown_version = case.version
    services.application_transition(application_id=case.pk, actor=second_reviewer, transition="start_review")

    response = signed_in(reviewer).post(
        reverse("web:case_decide", args=[case.reference]),
        {"transition": "request_info", "expected_version": shown_version, "reason": "Send the stamped licence"},
    )

    html = response.content.decode()
    assert response.status_code == 409
    assert "Send the stamped licence" in html  # the typed text is in the form shown again
    fresh = Application.objects.get(pk=case.pk)
    assert f'name="expected_version" value="{fresh.version}"' in html


def test_a_reply_refused_as_stale_keeps_its_text_and_the_new_version(make_case, applicant, reviewer, signed_in):
    case = make_case(submit=True)
    case = services.application_transition(application_id=case.pk, actor=reviewer, transition="start_review")
    services.info_request_create(
        application_id=case.pk, reviewer=reviewer, message="Which year?", expected_version=case.version
    )
    case = Application.objects.get(pk=case.pk)
    response = signed_in(applicant).post(
        reverse("web:case_reply", args=[case.reference]), {"reply": "Since 2015", "expected_version": case.version - 1}
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "Since 2015" in html
    assert f'name="expected_version" value="{case.version}"' in html


def test_the_decision_line_reads_with_chinese_punctuation():
    template = Template("{% load web_tags %}X{% comma %}Y{% aside remark %}")
    with translation.override("zh-hans"):
        assert template.render(Context({"remark": "by <Z>"})) == "X，Y（by &lt;Z&gt;）"
    with translation.override("en"):
        assert template.render(Context({"remark": "by <Z>"})) == "X, Y (by &lt;Z&gt;)"


def test_the_queue_offers_only_the_authoritys_kinds_and_states_a_reviewer_sees():
    form = QueueFilterForm(authority_kind="housing")
    kinds = {value for value, _label in form.fields["kind"].choices if value}
    states = {value for value, _label in form.fields["state"].choices if value}
    assert kinds and "benefit_claim" not in kinds
    assert "draft" not in states and "submitted" in states
    assert not QueueFilterForm({"state": "draft"}, authority_kind="housing").is_valid()
