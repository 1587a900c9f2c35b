"""Public reference data and workflows: complete lists, names in three languages."""

import pytest

from talentbridge.casework.workflow import registry
from talentbridge.reference.models import (
    Authority,
    City,
    IdentityDocumentType,
    Jurisdiction,
    Profession,
    ProfessionalField,
    SpecialZone,
)

NAME_KEYS = {"code", "name", "name_en", "name_zh_hans", "name_zh_hant"}


@pytest.mark.parametrize(
    ("path", "model", "extra_keys"),
    [
        ("/reference/jurisdictions", Jurisdiction, set()),
        ("/reference/cities", City, {"jurisdiction", "is_mainland"}),
        ("/reference/zones", SpecialZone, {"city", "source"}),
        ("/reference/fields", ProfessionalField, set()),
        ("/reference/professions", Profession, {"field"}),
        ("/reference/document-types", IdentityDocumentType, {"issued_by"}),
        ("/reference/authorities", Authority, {"kind", "jurisdiction", "city", "fields"}),
    ],
)
def test_reference_lists_are_public_and_complete(anonymous, reference, path, model, extra_keys):
    response = anonymous.get(path)

    assert response.status_code == 200
    items = response.json()
    assert [i["code"] for i in items] == list(model.objects.order_by("code").values_list("code", flat=True))
    assert all(set(i) == NAME_KEYS | extra_keys for i in items)


def test_jurisdiction_names_in_three_languages(anonymous, reference):
    items = {i["code"]: i for i in anonymous.get("/reference/jurisdictions").json()}

    hong_kong = Jurisdiction.objects.get(code="HK")
    assert items["HK"] == {
        "code": "HK",
        "name": hong_kong.name_en,
        "name_en": hong_kong.name_en,
        "name_zh_hans": hong_kong.name_zh_hans,
        "name_zh_hant": hong_kong.name_zh_hant,
    }


@pytest.mark.parametrize(("language", "field"), [("zh-hans", "name_zh_hans"), ("zh-hant", "name_zh_hant")])
def test_name_follows_accept_language(anonymous, reference, language, field):
    items = anonymous.get("/reference/cities", headers={"Accept-Language": language}).json()

    shenzhen = next(i for i in items if i["code"] == "shenzhen")
    assert shenzhen["name"] == getattr(City.objects.get(code="shenzhen"), field)


def test_authority_details(anonymous, reference):
    items = {i["code"]: i for i in anonymous.get("/reference/authorities").json()}

    assert items["HK-ERB"]["kind"] == "registration_body"
    assert items["HK-ERB"]["jurisdiction"] == "HK"
    assert items["HK-ERB"]["city"] == "hongkong"
    assert items["HK-ERB"]["fields"] == ["construction"]
    assert items["GD-DHURD"]["city"] is None


def test_authorities_filtered_by_kind(anonymous, reference):
    response = anonymous.get("/reference/authorities", params={"kind": "social_insurance"})

    assert response.status_code == 200
    codes = [i["code"] for i in response.json()]
    assert codes == list(
        Authority.objects.filter(kind="social_insurance").order_by("code").values_list("code", flat=True)
    )
    assert len(codes) == 9


def test_authorities_of_an_unknown_kind_is_an_empty_list(anonymous, reference):
    response = anonymous.get("/reference/authorities", params={"kind": "nonsense"})

    assert response.status_code == 200
    assert response.json() == []


def test_workflows_are_public_and_describe_each_kind(anonymous, reference):
    response = anonymous.get("/workflows")

    assert response.status_code == 200
    workflows = {w["kind"]: w for w in response.json()}
    assert sorted(workflows) == sorted(registry())
    practice = workflows["practice_registration"]
    declared = registry()["practice_registration"]
    assert practice["prefix"] == "PR"
    assert practice["initial"] == "draft"
    assert practice["rules_version"] == declared.rules_version
    assert practice["labels"] == {
        "en": "Professional practice registration",
        "zh_hans": "跨境执业登记",
        "zh_hant": "跨境執業登記",
    }
    assert [s["name"] for s in practice["states"]] == list(declared.states)
    assert [t["name"] for t in practice["transitions"]] == list(declared.transitions)
    approve = next(t for t in practice["transitions"] if t["name"] == "approve")
    assert approve == {
        "name": "approve",
        "sources": ["pending_second_approval"],
        "target": "approved",
        "by": ["reviewer"],
        "reason_required": False,
        "four_eyes": True,
        "decision": "approved",
    }
    years = next(f for f in practice["payload"] if f["name"] == "years_of_practice")
    assert years["type"] == "integer"
    assert years["required"] is True
    assert (years["min"], years["max"]) == (0, 60)
    in_review = next(s for s in practice["states"] if s["name"] == "in_review")
    assert in_review == {
        "name": "in_review",
        "label": "In review",
        "final": False,
        "deadline_business_days": 20,
        "on_expiry": "tacit_approve",
    }


def test_workflow_labels_follow_accept_language(anonymous, reference):
    response = anonymous.get("/workflows", headers={"Accept-Language": "zh-hans"})

    practice = next(w for w in response.json() if w["kind"] == "practice_registration")
    assert practice["label"] == "跨境执业登记"
    assert next(f for f in practice["payload"] if f["name"] == "profession")["label"] == "专业"
