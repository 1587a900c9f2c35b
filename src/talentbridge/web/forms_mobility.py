"""Forms of the mobility pages: the public endorsement checker and the attestation decision."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from talentbridge.core import clock
from talentbridge.mobility.checker import WORK_CITIES
from talentbridge.mobility.models import TalentCategory

CITY_LABELS = {
    "guangzhou": _("Guangzhou"),
    "shenzhen": _("Shenzhen"),
    "zhuhai": _("Zhuhai"),
    "foshan": _("Foshan"),
    "huizhou": _("Huizhou"),
    "dongguan": _("Dongguan"),
    "zhongshan": _("Zhongshan"),
    "jiangmen": _("Jiangmen"),
    "zhaoqing": _("Zhaoqing"),
}


class EndorsementCheckForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Talent category"), choices=[*TalentCategory.choices, ("none", _("None of these"))]
    )
    holds_valid_eep = forms.BooleanField(label=_("I hold a valid Exit-Entry Permit (EEP)"), required=False)
    work_city = forms.ChoiceField(label=_("Work city"), choices=[(c, CITY_LABELS[c]) for c in WORK_CITIES])
    works_in_hetao_shenzhen_park = forms.BooleanField(label=_("I work in the Hetao Shenzhen Park"), required=False)
    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}), initial=clock.today)


class AttestationDecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=[("confirm", _("Confirm")), ("refuse", _("Refuse"))])
    reasons = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
