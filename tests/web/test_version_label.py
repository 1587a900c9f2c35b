"""A rules or workflow version reads as "version 2.0.0"; its full identifier stays out of the text."""

import re

from django.urls import reverse

from talentbridge.accounts.models import Role
from talentbridge.casework.workflow import registry
from talentbridge.web.templatetags.web_tags import version_label


def _visible(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_a_workflow_version_reads_as_its_number_with_the_identifier_in_the_title():
    html = str(version_label("practice_registration@2.0.0+33b937d27306"))

    assert _visible(html).strip() == "version 2.0.0"
    assert 'title="practice_registration@2.0.0+33b937d27306"' in html


def test_the_policy_overview_names_no_workflow_identifier(make_user, signed_in):
    html = signed_in(make_user(Role.POLICY_OFFICER)).get(reverse("web:home")).content.decode()

    text = _visible(html)
    for workflow in registry().values():
        assert workflow.rules_version not in text
        assert f"version {workflow.rules_version.rpartition('@')[2].split('+')[0]}" in text
