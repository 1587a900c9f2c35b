"""The vocabulary defines each enumerated concept once; every copy derives from it or is held equal to it here.

A test fails when a copy differs: the kernel's enums, Django choices, the API's `Literal` types, the checker's
lists, workflow YAML, reference data files, labels of parameter-path segments, and the tables that translate
codes between layers.
"""

from __future__ import annotations

import ast
import datetime as dt
import importlib
import typing
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.apps import apps as django_apps
from django.test import Client
from django.urls import reverse
from django.utils import translation

from talentbridge import vocabulary
from talentbridge.vocabulary import Concept, Term

SRC = Path(__file__).resolve().parents[1] / "src" / "talentbridge"
DJANGO_LANGUAGES = {"en": "en", "zh_hans": "zh-hans", "zh_hant": "zh-hant"}


def _codes_and_labels(concept: Concept[Term]) -> list[tuple[str, dict[str, str]]]:
    return [(term.code, term.labels) for term in concept]


def _choices_in_each_language(choices: Any) -> list[tuple[str, dict[str, str]]]:
    """`(value, {language: label})` of Django choices, each label read with that language active."""
    rows: dict[str, dict[str, str]] = {}
    for key, django_language in DJANGO_LANGUAGES.items():
        with translation.override(django_language):
            for value, label in list(choices):
                rows.setdefault(str(value), {})[key] = str(label)
    return list(rows.items())


# --- the vocabulary itself -----------------------------------------------------------------------


def test_the_vocabulary_imports_neither_django_nor_the_platform():
    for path in (SRC / "vocabulary").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            for name in names:
                assert not name.startswith("django"), f"{path.name} imports {name}"
                assert not name.startswith("talentbridge.") or name.startswith("talentbridge.vocabulary"), (
                    f"{path.name} imports {name}"
                )


@pytest.mark.parametrize("name", [name for name in vocabulary.__all__ if name.isupper()])
def test_every_term_is_labelled_in_the_three_languages(name: str):
    concept = getattr(vocabulary, name)
    terms = list(concept) if isinstance(concept, Concept) else [concept] if isinstance(concept, Term) else []
    for term in terms:
        assert all(term.label(language).strip() for language in vocabulary.LANGUAGES), term


def test_the_talent_categories_read_as_the_immigration_administration_names_them():
    # DOMAIN, section 2: 杰出、科研、文教、卫健、法律、其他 (the pages said 医疗卫生人才 and 法律服务人才 before).
    assert [term.zh_hans for term in vocabulary.TALENT_CATEGORY] == [
        "杰出人才",
        "科研人才",
        "文教人才",
        "卫健人才",
        "法律人才",
        "其他人才",
    ]
    assert vocabulary.TALENT_CATEGORY["health"].zh_hant == "衞健人才"


def test_translation_tables_go_both_ways_and_name_known_codes():
    for jurisdiction, home in vocabulary.HOME_JURISDICTION_OF.items():
        assert vocabulary.jurisdiction_of_home(home) == jurisdiction and jurisdiction in vocabulary.JURISDICTION
    assert vocabulary.home_jurisdiction_of("HK") == "hong_kong" and vocabulary.jurisdiction_of_home("macao") == "MO"
    for profession, field in vocabulary.PRACTICE_FIELD_OF.items():
        assert profession in vocabulary.PROFESSION and field in vocabulary.PRACTICE_FIELD
    for field in vocabulary.PRACTICE_FIELD:
        assert vocabulary.practice_field_of(vocabulary.default_profession(field.code)) == field.code
        assert vocabulary.default_profession(field.code) in vocabulary.professions_of(field.code)
    assert vocabulary.practice_field_of("nurse") == "none"
    for profession in vocabulary.PROFESSION:
        assert profession.field in vocabulary.PROFESSIONAL_FIELD
    for zone, city in vocabulary.ZONE_CITY.items():
        assert zone in vocabulary.SPECIAL_ZONE and city in vocabulary.MAINLAND_CITY
    for education in vocabulary.EDUCATION:
        assert education.level in vocabulary.EDUCATION_LEVEL
    assert {vocabulary.CITY[city].jurisdiction for city in vocabulary.SAR_CITY_OF.values()} == {"HK", "MO"}


# --- the rules kernel ----------------------------------------------------------------------------


def test_the_kernels_enums_are_the_vocabularys_concepts_in_order():
    from talentbridge.rules import RetirementCategory, categories

    expected: dict[str, list[Term]] = {
        "work_city": list(vocabulary.MAINLAND_CITY),
        "practice_field": [vocabulary.NO_PRACTICE_FIELD, *vocabulary.PRACTICE_FIELD],
        "practice_zone": list(vocabulary.PRACTICE_ZONE),
        "home_jurisdiction": list(vocabulary.HOME_JURISDICTION),
        "practice_mechanism": [vocabulary.NO_PATHWAY, *vocabulary.PRACTICE_MECHANISM],
        "practice_pathway_scope": [vocabulary.NO_PATHWAY, *vocabulary.PATHWAY_SCOPE],
        "talent_category": [vocabulary.NO_TALENT_CATEGORY, *vocabulary.TALENT_CATEGORY],
        "education_level": list(vocabulary.EDUCATION_LEVEL),
    }
    assert set(categories.ENUMS) == set(expected)
    for name, enum in categories.ENUMS.items():
        assert [(member.name, member.index, member.value) for member in enum] == [
            (term.code, index, term.en) for index, term in enumerate(expected[name])
        ], name
    assert [str(category.value) for category in RetirementCategory] == list(vocabulary.RETIREMENT_CATEGORY.codes)


def test_code_labels_read_a_profession_as_a_value_and_parameter_paths_keep_their_segments():
    from talentbridge.rules import labels

    # A value reads like reference data names it; the parameter path keeps its plural segment.
    assert labels.code_label("structural_engineer") == {
        "en": "Structural engineer",
        "zh_hans": "结构工程师",
        "zh_hant": "結構工程師",
    }
    assert labels.code_label("health")["zh_hans"] == "卫健人才"
    assert labels.code_label("macao")["en"] == "Macao SAR"  # the home SAR before the city
    assert labels.code_label("nine_cities")["en"] == "nine cities"  # the zone before the scope
    assert labels.show("examination_licence", "zh_hant") == "考試取得執業證"
    assert labels.segment_label("structural_engineer")["en"] == "structural engineers"
    assert (
        "structural engineers"
        in labels.parameter_label("practice.pathways.structural_engineer.nine_cities.mechanism")["en"]
    )


def _segments() -> dict[str, dict[str, str]]:
    data = yaml.safe_load((SRC / "rules" / "labels.yaml").read_text(encoding="utf-8"))
    return dict(data["segments"])


def test_parameter_path_segments_name_the_vocabularys_codes_alike():
    segments = _segments()
    for concept in (vocabulary.MAINLAND_CITY, vocabulary.PRACTICE_ZONE):
        for term in concept:
            assert segments[term.code] == term.labels, term.code
    for concept in (vocabulary.TALENT_CATEGORY, vocabulary.PRACTICE_FIELD):
        for term in concept:
            # Same words in Chinese; in English a path segment is the group in lower case ("lawyers").
            assert segments[term.code]["zh_hans"] == term.zh_hans and segments[term.code]["zh_hant"] == term.zh_hant
            assert segments[term.code]["en"].casefold().startswith(term.en.casefold()[:4]), term.code


def test_labels_yaml_codes_name_no_term_of_the_vocabulary_again():
    data = yaml.safe_load((SRC / "rules" / "labels.yaml").read_text(encoding="utf-8"))
    assert not set(data.get("codes") or {}) & set(vocabulary.value_labels())


# --- Django --------------------------------------------------------------------------------------


def test_django_choices_are_the_vocabularys_codes_and_labels():
    from talentbridge.insurance.models import BenefitAward, ContributionPeriod, Scheme
    from talentbridge.mobility.models import Destination, Endorsement, ProfessionalTitle, StayRecord, TalentCategory
    from talentbridge.population import models as population

    pairs: list[tuple[Any, Concept[Term]]] = [
        (TalentCategory.choices, vocabulary.TALENT_CATEGORY),
        (ProfessionalTitle.choices, vocabulary.PROFESSIONAL_TITLE),
        (Destination.choices, vocabulary.DESTINATION),
        (Endorsement._meta.get_field("category").choices, vocabulary.TALENT_CATEGORY),
        (StayRecord._meta.get_field("destination").choices, vocabulary.STAY_DESTINATION),
        (population.ProfessionalTitle.choices, vocabulary.PROFESSIONAL_TITLE),
        (population.Education.choices, vocabulary.EDUCATION),
        (population.Sex.choices, vocabulary.SEX),
        (population.SocialSecuritySystem.choices, vocabulary.SOCIAL_SECURITY_SYSTEM),
        (population.ContributionPeriod._meta.get_field("scheme").choices, vocabulary.SOCIAL_SECURITY_SYSTEM),
        (Scheme.choices, vocabulary.INSURANCE_SCHEME),
        (ContributionPeriod._meta.get_field("scheme").choices, vocabulary.INSURANCE_SCHEME),
        (BenefitAward.Benefit.choices, vocabulary.BENEFIT),
    ]
    for choices, concept in pairs:
        assert _choices_in_each_language(choices) == _codes_and_labels(concept), concept.name


def test_the_two_schemes_have_two_names():
    from talentbridge.insurance import models as insurance
    from talentbridge.population import models as population

    assert not hasattr(population, "Scheme")
    assert set(insurance.Scheme.values).isdisjoint(population.SocialSecuritySystem.values)
    assert set(insurance.Scheme.values) >= insurance.EXEMPTIBLE_SCHEMES


def test_residences_of_accounts_are_jurisdictions():
    from talentbridge.accounts.models import Residence

    assert set(Residence.values) == set(vocabulary.JURISDICTION.codes)


def test_no_professional_title_is_spelled_none_in_every_app():
    from talentbridge.mobility.models import EmployerAttestation
    from talentbridge.population.models import Person

    for model in (EmployerAttestation, Person):
        field = model._meta.get_field("professional_title")
        assert field.default == "none" and "" not in dict(field.choices), model.__name__


@pytest.mark.django_db
def test_the_data_migration_stores_no_title_as_none(reference):
    from talentbridge.population.models import Person, PopulationRun
    from talentbridge.reference.models import City

    migration = importlib.import_module("talentbridge.population.migrations.0002_professional_title_none_spelled_none")
    run = PopulationRun.objects.create(
        seed=1,
        persons=2,
        applications_share=0,
        as_of=dt.date(2025, 1, 1),
        created_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
    )
    city = City.objects.get(code="shenzhen")
    common = {"run": run, "residence": "HK", "sex": "F", "birth_date": dt.date(1990, 1, 1), "education": "bachelor"}
    untitled = Person.objects.create(
        number=1, professional_title="", work_city=city, monthly_wage=Decimal(9000), **common
    )
    senior = Person.objects.create(
        number=2, professional_title="senior", work_city=city, monthly_wage=Decimal(9000), **common
    )

    migration.blank_to_none(django_apps, None)

    untitled.refresh_from_db()
    senior.refresh_from_db()
    assert (untitled.professional_title, senior.professional_title) == ("none", "senior")


# --- the API, the checker, the workflows ---------------------------------------------------------


def test_api_code_types_are_the_vocabularys():
    from talentbridge.api.routers import insurance, mobility

    expected = {
        (mobility.MobilityCheckIn, "category"): (*vocabulary.TALENT_CATEGORY.codes, "none"),
        (mobility.MobilityCheckIn, "work_city"): vocabulary.MAINLAND_CITY.codes,
        (mobility.EndorsementApplyIn, "category"): vocabulary.TALENT_CATEGORY.codes,
        (mobility.EndorsementApplyIn, "destination"): vocabulary.DESTINATION.codes,
        (mobility.StayEntryIn, "destination"): vocabulary.STAY_DESTINATION.codes,
        (insurance.ClaimIn, "city"): vocabulary.MAINLAND_CITY.codes,
        (insurance.ClaimIn, "benefit"): vocabulary.BENEFIT.codes,
        (insurance.ClaimIn, "payment_option"): ("", *vocabulary.PAYMENT_OPTION.codes),
        (insurance.ClaimIn, "retirement_category"): ("", *vocabulary.RETIREMENT_CATEGORY.codes),
    }
    for (schema, field), codes in expected.items():
        annotation = schema.model_fields[field].annotation
        assert typing.get_origin(annotation) is typing.Literal, (schema.__name__, field)
        assert typing.get_args(annotation) == tuple(codes), (schema.__name__, field)


def test_the_checkers_lists_and_documents_are_the_vocabularys():
    from talentbridge.mobility import checker

    assert vocabulary.MAINLAND_CITY.codes == checker.WORK_CITIES
    assert vocabulary.TALENT_CATEGORY.codes == checker.CATEGORIES
    assert set(vocabulary.TALENT_CATEGORY.codes) >= checker.ANY_OFFICE_CATEGORIES
    documents = yaml.safe_load((SRC / "mobility" / "data" / "documents.yaml").read_text(encoding="utf-8"))
    assert set(documents["categories"]) == set(vocabulary.TALENT_CATEGORY.codes)


@pytest.mark.parametrize(
    ("kind", "field", "concept"),
    [
        ("talent_endorsement", "category", vocabulary.TALENT_CATEGORY),
        ("talent_endorsement", "destination", vocabulary.DESTINATION),
        ("benefit_claim", "benefit", vocabulary.BENEFIT),
        ("benefit_claim", "retirement_category", vocabulary.RETIREMENT_CATEGORY),
        ("benefit_claim", "payment_option", vocabulary.PAYMENT_OPTION),
        ("practice_registration", "field", vocabulary.PRACTICE_FIELD),
        ("practice_registration", "zone", vocabulary.PRACTICE_ZONE),
        ("practice_registration", "home_jurisdiction", vocabulary.HOME_JURISDICTION),
    ],
)
def test_workflow_choices_are_the_vocabularys(kind: str, field: str, concept: Concept[Term]):
    from talentbridge.casework.workflow import get_workflow

    spec = next(spec for spec in get_workflow(kind).payload if spec.name == field)
    # An endorsement may also be asked without a category, on the Hetao Shenzhen Park route.
    extra = (vocabulary.NO_TALENT_CATEGORY.code,) if (kind, field) == ("talent_endorsement", "category") else ()
    assert spec.choices == (*concept.codes, *extra)


def test_the_layers_translate_codes_with_the_vocabularys_tables():
    from talentbridge.casework import verifiers
    from talentbridge.population import rules_inputs
    from talentbridge.practice import catalogue

    assert verifiers.HOME_JURISDICTION_CODE is vocabulary.JURISDICTION_OF_HOME
    assert rules_inputs.HOME_JURISDICTION is vocabulary.HOME_JURISDICTION_OF
    assert rules_inputs.PROFESSION_FIELD is vocabulary.PRACTICE_FIELD_OF
    assert rules_inputs.EDUCATION_LEVEL is vocabulary.EDUCATION_LEVEL_OF
    assert catalogue.FIELD_OF_PROFESSION is vocabulary.PRACTICE_FIELD_OF
    assert catalogue.DEFAULT_PROFESSION is vocabulary.DEFAULT_PROFESSION
    assert {
        zone: vocabulary.ZONE_CITY[zone] for zone in ("qianhai", "hengqin", "nansha", "huangpu")
    } == catalogue.ZONE_CITY
    assert list(vocabulary.PRACTICE_FIELD.codes) == catalogue.FIELDS


# --- reference data ------------------------------------------------------------------------------


def _reference(name: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = yaml.safe_load((SRC / "reference" / "data" / name).read_text(encoding="utf-8"))
    return rows


def _names(row: dict[str, Any]) -> dict[str, str]:
    return {language: row[language] for language in vocabulary.LANGUAGES}


def test_reference_data_files_are_the_vocabularys():
    assert [(r["code"], _names(r)) for r in _reference("jurisdictions.yaml")] == _codes_and_labels(
        vocabulary.JURISDICTION
    )
    assert [(r["code"], r["jurisdiction"], r["mainland"], _names(r)) for r in _reference("cities.yaml")] == [
        (c.code, c.jurisdiction, c.mainland, c.labels) for c in vocabulary.CITY
    ]
    assert [(r["code"], r["city"], _names(r)) for r in _reference("zones.yaml")] == [
        (z.code, z.city, z.labels) for z in vocabulary.SPECIAL_ZONE
    ]
    assert [(r["code"], _names(r)) for r in _reference("fields.yaml")] == _codes_and_labels(
        vocabulary.PROFESSIONAL_FIELD
    )
    assert [(r["code"], r["field"], _names(r)) for r in _reference("professions.yaml")] == [
        (p.code, p.field, p.labels) for p in vocabulary.PROFESSION
    ]


def test_authorities_name_known_places_fields_and_professions():
    for row in _reference("authorities.yaml"):
        assert row["jurisdiction"] in vocabulary.JURISDICTION, row["code"]
        assert not row.get("city") or row["city"] in vocabulary.CITY, row["code"]
        assert set(row.get("fields", [])) <= set(vocabulary.PROFESSIONAL_FIELD.codes), row["code"]
        assert set(row.get("professions", [])) <= set(vocabulary.PROFESSION.codes), row["code"]


# --- what people read ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_pathways_page_names_a_profession_as_reference_data_does(reference):
    with translation.override("en"):
        page = Client().get(reverse("web:pathways"), {"on": "2025-06-01"}, HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert page.status_code == 200
    assert ">Structural engineer</a>" in html and "structural engineers</a>" not in html


@pytest.mark.django_db
def test_the_check_page_offers_the_official_category_names(reference):
    client = Client()
    client.cookies["django_language"] = "zh-hans"
    html = client.get(reverse("web:endorsement_check")).content.decode()
    assert "卫健人才" in html and "医疗卫生人才" not in html


def test_payload_choices_read_from_the_vocabulary():
    from talentbridge.web.labels import choice_label

    with translation.override("zh-hant"):
        assert choice_label("health") == "衞健人才"
        assert choice_label("HK_MO") == "香港和澳門"
    with translation.override("en"):
        assert choice_label("legal") == "Legal talent"
        assert choice_label("lump_sum") == vocabulary.BENEFIT["lump_sum"].en
        assert choice_label("yes") == "Yes"
