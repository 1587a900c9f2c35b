"""What a finished what-if says it did, and how typed values are read (bounds by unit, grouped digits)."""

from __future__ import annotations

import pytest
from django import forms
from django.utils import translation

from talentbridge.core.models import stored_text
from talentbridge.policy.tasks import done_message
from talentbridge.web.forms_policy import parse_value

SHARE = {"kind": "number", "unit": "/1", "values": {}}
MONEY = {"kind": "number", "unit": "currency-CNY", "values": {}}


def _result(gained: int, lost: int) -> dict[str, object]:
    return {
        "persons": 3000,
        "total": {"outputs": {"a": {"gained": gained, "lost": lost}, "b": {"gained": 0, "lost": 0}}},
    }


def test_the_done_message_counts_people_and_changes_with_plural_forms():
    with translation.override("en"):
        assert stored_text(done_message(_result(400, 12))) == "Simulated 3,000 people: 412 changes of eligibility."
        assert stored_text(done_message(_result(1, 0))) == "Simulated 3,000 people: 1 change of eligibility."


@pytest.mark.parametrize("text", ["150", "-1", "100.5%"])
def test_a_share_outside_0_to_100_percent_is_refused(text):
    with pytest.raises(forms.ValidationError) as refused:
        parse_value(SHARE, text)
    assert refused.value.code == "share"


@pytest.mark.parametrize(("text", "value"), [("0", 0.0), ("100%", 1.0), ("８％", 0.08)])
def test_a_share_inside_the_bounds_is_read(text, value):
    assert parse_value(SHARE, text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [("2,800", 2800), ("1,234,567.5", 1234567.5), ("２８００", 2800), ("２，８００", 2800), ("2 800", 2800)],
)
def test_money_is_read_with_group_separators(text, value):
    assert parse_value(MONEY, text) == value


@pytest.mark.parametrize("text", ["2,8", "28,00", "2,80,0"])
def test_a_comma_that_groups_no_thousands_is_no_number(text):
    with pytest.raises(forms.ValidationError):
        parse_value(MONEY, text)
