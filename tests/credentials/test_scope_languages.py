"""A registration's scope of practice in three languages: kept on the registration, signed into its
certificate as JSON-LD value objects, and shown in the reader's language on the certificate page, the
verification page and by the offline verifier; older certificates stating it in English still verify."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from importlib import import_module
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from talentbridge.accounts.models import User
from talentbridge.core import clock
from talentbridge.credentials import services as credentials
from talentbridge.credentials.models import Certificate
from talentbridge.credentials.verify_core import in_language
from talentbridge.practice import catalogue
from talentbridge.practice import services as practice
from talentbridge.practice.models import Registration
from talentbridge.reference.models import Authority
from tests.practice.registrations import doctor_registration

pytestmark = pytest.mark.django_db
SRC = str(Path(__file__).resolve().parents[2] / "src")
TODAY = clock.today()

# The doctor's scope as the pathway catalogue writes it (data/pathways.yaml).
DOCTOR_SCOPE = {
    "en": "Short-term practice at the named mainland medical institution, up to 3 years per licence",
    "zh-hans": "在指定的内地医疗机构短期执业，每次许可最长3年",
    "zh-hant": "在指定的內地醫療機構短期執業，每次許可最長3年",
}
LANGUAGES = list(DOCTOR_SCOPE)


@pytest.fixture(autouse=True)
def _english_after() -> Iterator[None]:
    # A page in Chinese activates that language for the thread: give the next test English again.
    with translation.override("en"):
        yield


def _doctor(user, *, reference="PR-SCOPE", on=None, **payload):
    return doctor_registration(user, reference=reference, on=on, **payload)


def _certificate(registration: Registration) -> Certificate:
    return Certificate.objects.get(pk=registration.certificate_id)


def _text(content: bytes) -> str:
    text = re.sub(r"(?s)<(script|style|svg)\b.*?</\1>", " ", content.decode())
    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"(?s)<[^>]+>", " ", text)))


def _stated_scope(content: bytes) -> str:
    """The value the page gives for the scope of practice, whatever the page's language calls it."""
    found = re.search(r"<dt>(?:Scope of practice|执业范围|執業範圍)</dt><dd>(.*?)</dd>", content.decode(), re.S)
    assert found, content.decode()[:3000]
    return html_lib.unescape(found.group(1)).strip()


def _holder_client(user: User) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _verify_link(token: str) -> str:
    return reverse("web:certificate_verify") + "?" + urlencode({"c": token})


# --- the registration -------------------------------------------------------------------------


def test_a_granted_registration_keeps_the_catalogues_scope_in_three_languages(applicant: User) -> None:
    registration = _doctor(applicant)

    pathway = catalogue.pathway_applicable("doctor", "nine_cities", "hong_kong", TODAY)
    assert pathway is not None
    assert registration.scope == pathway.scope == DOCTOR_SCOPE["en"]
    assert registration.scope_translations == pathway.scope_translations
    assert registration.scope_translations == {"zh_hans": DOCTOR_SCOPE["zh-hans"], "zh_hant": DOCTOR_SCOPE["zh-hant"]}
    registration.refresh_from_db()
    for language in LANGUAGES:
        with translation.override(language):
            assert registration.scope_shown == DOCTOR_SCOPE[language]


def test_a_provisional_registration_keeps_its_scope_in_three_languages(applicant: User) -> None:
    registration = practice.registration_provisional_create(
        professional=applicant,
        payload={"profession": "architect", "field": "architect", "zone": "nansha", "city": "guangzhou"},
        authority=Authority.objects.get(code="GD-DHURD"),
        case_reference="PR-PROVISIONAL",
    )

    assert registration is not None and registration.status == "provisional"
    assert registration.scope == "Equivalent status by record filing; may serve directly in the nine cities"
    assert registration.scope_translations == {
        "zh_hans": "经备案取得同等资格；可直接在内地九市提供服务",
        "zh_hant": "經備案取得同等資格；可直接在內地九市提供服務",
    }


def test_a_renewal_writes_the_scope_in_three_languages_on_the_new_registration_and_certificate(
    applicant: User,
) -> None:
    old = _doctor(applicant, on=TODAY - dt.timedelta(days=1050))
    authority, payload = practice.renewal_prefill(registration_id=old.pk, professional=applicant)

    new = practice.registration_grant(
        professional=applicant,
        payload=payload,
        authority=Authority.objects.get(code=authority),
        case_reference="PR-RENEW",
    )

    assert new.pk != old.pk and new.renews_id == old.pk
    assert new.scope_translations["zh_hant"] == DOCTOR_SCOPE["zh-hant"]
    claims = credentials.certificate_verify(_certificate(new).jwt).claims
    assert claims is not None
    assert in_language(claims["credentialSubject"]["scope"], "zh-hant") == DOCTOR_SCOPE["zh-hant"]


def test_without_a_pathway_the_scope_names_field_and_zone_in_each_language(applicant: User) -> None:
    # No pathway for teachers in Qianhai: the scope is the field and the zone by name.
    registration = practice.registration_grant(
        professional=applicant,
        payload={"profession": "teacher", "field": "teacher", "zone": "qianhai", "city": "shenzhen"},
        authority=Authority.objects.get(code="GD-DHURD"),
        case_reference="PR-NO-PATHWAY",
    )

    assert catalogue.pathway_applicable("teacher", "qianhai", "hong_kong", TODAY) is None
    assert registration.scope == "Teacher — Qianhai"
    assert registration.scope_translations == {"zh_hans": "教师 — 前海", "zh_hant": "教師 — 前海"}


# --- the signed credential --------------------------------------------------------------------


def test_the_certificate_states_the_scope_as_value_objects_in_three_languages(applicant: User) -> None:
    result = credentials.certificate_verify(_certificate(_doctor(applicant)).jwt)

    assert result.status == "valid" and result.claims is not None
    assert result.claims["credentialSubject"]["scope"] == [
        {"@value": DOCTOR_SCOPE["en"], "@language": "en"},
        {"@value": DOCTOR_SCOPE["zh-hans"], "@language": "zh-Hans"},
        {"@value": DOCTOR_SCOPE["zh-hant"], "@language": "zh-Hant"},
    ]
    for language in LANGUAGES:
        assert result.subject(language)["scope"] == DOCTOR_SCOPE[language]
    assert result.subject()["scope"] == DOCTOR_SCOPE["en"]


def test_a_text_picks_the_language_asked_then_english_and_leaves_a_plain_string_alone() -> None:
    english_and_simplified = [{"@value": "Teaching", "@language": "en"}, {"@value": "任教", "@language": "zh-Hans"}]
    assert in_language(english_and_simplified, "zh-hans") == "任教"
    assert in_language(english_and_simplified, "zh_hans") == "任教"
    assert in_language(english_and_simplified, "zh-hant") == "Teaching"  # no Traditional text: English
    assert in_language({"en": "Teaching", "zh-Hant": "任教"}, "zh-HK") == "任教"  # a language map
    assert in_language({"@value": "Teaching", "@language": "en"}, "zh-hant") == "Teaching"
    assert in_language("Teaching in Nansha", "zh-hant") == "Teaching in Nansha"
    assert in_language({"id": "did:web:x", "name": "X"}, "zh-hant") == {"id": "did:web:x", "name": "X"}


# --- pages --------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_certificate_page_shows_the_scope_in_the_pages_language(applicant: User, language: str) -> None:
    certificate = _certificate(_doctor(applicant))

    page = _holder_client(applicant).get(
        reverse("web:certificate_print", args=[certificate.pk]), HTTP_ACCEPT_LANGUAGE=language
    )

    assert page.status_code == 200
    assert _stated_scope(page.content) == DOCTOR_SCOPE[language]
    text = _text(page.content)
    assert "@value" not in text and "@language" not in text
    for other in set(LANGUAGES) - {language}:
        if DOCTOR_SCOPE[other] != DOCTOR_SCOPE[language]:
            assert DOCTOR_SCOPE[other] not in text


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("method", ["qr_link", "pasted"])
def test_the_verification_page_shows_the_scope_in_the_pages_language(
    applicant: User, language: str, method: str
) -> None:
    token = _certificate(_doctor(applicant)).jwt
    client = Client()

    if method == "qr_link":
        page = client.get(_verify_link(token), HTTP_ACCEPT_LANGUAGE=language)
    else:
        page = client.post(reverse("web:certificate_verify"), {"credential": token}, HTTP_ACCEPT_LANGUAGE=language)

    assert page.status_code == 200 and 'data-status="valid"' in page.content.decode()
    assert _stated_scope(page.content) == DOCTOR_SCOPE[language]
    assert "@value" not in _text(page.content)


def _old_style_certificate(applicant: User) -> Certificate:
    """A certificate as issued before the scope was signed in three languages: a plain English string."""
    return credentials.certificate_issue(
        issuer_code="GD-DHURD",
        subject={"user_id": str(applicant.pk), "name": "Chan Tai Man", "registrationNumber": "GBA-2025-OLDSTYLE"},
        claims={
            "type": "ProfessionalPracticeRegistration",
            "field": "teacher",
            "zone": "nansha",
            "mechanism": "administrative_confirmation",
            "scope": "Teaching in Nansha",
            "homeJurisdiction": "hong_kong",
        },
        valid_from=TODAY - dt.timedelta(days=10),
        valid_until=TODAY + dt.timedelta(days=365),
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_older_certificate_with_its_scope_in_english_still_verifies_and_shows_it(
    applicant: User, language: str
) -> None:
    certificate = _old_style_certificate(applicant)

    result = credentials.certificate_verify(certificate.jwt)
    verified = Client().get(_verify_link(certificate.jwt), HTTP_ACCEPT_LANGUAGE=language)
    printed = _holder_client(applicant).get(
        reverse("web:certificate_print", args=[certificate.pk]), HTTP_ACCEPT_LANGUAGE=language
    )

    assert result.status == "valid" and result.subject(language)["scope"] == "Teaching in Nansha"
    for page in (verified, printed):
        assert page.status_code == 200 and 'data-status="valid"' in page.content.decode()
        assert _stated_scope(page.content) == "Teaching in Nansha"


# --- the offline verifier -----------------------------------------------------------------------


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"} | {"PYTHONPATH": SRC}
    return subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "talentbridge.credentials", *args], capture_output=True, text=True, env=env, timeout=60
    )


def test_the_offline_verifier_gives_the_scope_in_the_language_asked(applicant: User, tmp_path: Path) -> None:
    new = _doctor(applicant)
    old = _old_style_certificate(applicant)
    trust = tmp_path / "trust.json"
    call_command("export_trust_list", str(trust))
    files = {}
    for name, token in (("new", _certificate(new).jwt), ("old", old.jwt)):
        files[name] = tmp_path / f"{name}.jwt"
        files[name].write_text(token)
    on = TODAY.isoformat()

    by_default = _cli("verify", str(files["new"]), "--trust-list", str(trust), "--on", on)
    assert by_default.returncode == 0, by_default.stderr
    output = json.loads(by_default.stdout)
    assert (output["language"], output["subject"]["scope"]) == ("en", DOCTOR_SCOPE["en"])
    assert output["issuer_name"] == Authority.objects.get(code="GD-HEALTH").name_en
    for language in LANGUAGES:
        for case in ("new", "old"):
            result = _cli("verify", str(files[case]), "--trust-list", str(trust), "--on", on, "--language", language)
            assert result.returncode == 0, result.stderr
            output = json.loads(result.stdout)
            assert output["status"] == "valid"
            assert output["subject"]["scope"] == (DOCTOR_SCOPE[language] if case == "new" else "Teaching in Nansha")
    traditional = json.loads(
        _cli("verify", str(files["new"]), "--trust-list", str(trust), "--on", on, "--language", "ZH-HANT").stdout
    )
    assert traditional["issuer_name"] == Authority.objects.get(code="GD-HEALTH").name_zh_hant
    refused = _cli("verify", str(files["new"]), "--trust-list", str(trust), "--language", "fr")
    assert refused.returncode == 2 and refused.stdout == ""


# --- registrations recorded before --------------------------------------------------------------


def test_the_data_migration_fills_earlier_registrations_from_the_catalogue(applicant: User) -> None:
    doctor = _doctor(applicant)
    teacher = practice.registration_grant(
        professional=applicant,
        payload={"profession": "teacher", "field": "teacher", "zone": "qianhai", "city": "shenzhen"},
        authority=Authority.objects.get(code="GD-DHURD"),
        case_reference="PR-NO-PATHWAY",
    )
    own_words = _doctor(applicant, reference="PR-OWN", zone="hengqin", city="zhuhai")
    # As the old code left them: the scope in English only (one of them in words the catalogue never had).
    Registration.objects.update(scope_translations={})
    Registration.objects.filter(pk=own_words.pk).update(scope="Practice at Hengqin Hospital only")

    import_module("talentbridge.practice.migrations.0004_registration_scope_translations").fill(apps, None)

    assert Registration.objects.get(pk=doctor.pk).scope_translations == {
        "zh_hans": DOCTOR_SCOPE["zh-hans"],
        "zh_hant": DOCTOR_SCOPE["zh-hant"],
    }
    assert Registration.objects.get(pk=teacher.pk).scope_translations == {
        "zh_hans": "教师 — 前海",
        "zh_hant": "教師 — 前海",
    }
    unmatched = Registration.objects.get(pk=own_words.pk)
    assert unmatched.scope_translations == {}
    with translation.override("zh-hant"):
        assert unmatched.scope_shown == "Practice at Hengqin Hospital only"
