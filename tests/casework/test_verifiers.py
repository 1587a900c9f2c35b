"""Verification goes only to a body that can verify: the profession's home registration body, or the city's."""

from __future__ import annotations

import pytest
from django.utils import translation

from talentbridge.casework import services
from talentbridge.casework.models import Application, AuditEvent, Notification, Verification
from talentbridge.casework.verifiers import verifying_authorities
from talentbridge.casework.workflow import registry
from talentbridge.core.errors import InvalidInput
from talentbridge.reference.models import Authority, Profession


def _codes(case: Application) -> list[str]:
    return [a.code for a in verifying_authorities(case)]


@pytest.mark.parametrize(
    ("profession", "home", "expected"),
    [
        ("architect", None, ["HK-ARB"]),
        ("architect", "hong_kong", ["HK-ARB"]),
        ("architect", "macao", ["MO-DSSCU"]),
        ("structural_engineer", None, ["HK-ERB"]),
        ("quantity_surveyor", None, ["HK-SRB"]),
        ("planner", None, ["HK-PRB"]),
        ("lawyer", "macao", ["MO-AAM"]),
        ("physician", None, ["HK-MCHK"]),
        ("physician", "macao", ["MO-SSM"]),
        ("tour_guide", "macao", ["MO-DST"]),
        ("tax_adviser", None, []),
    ],
)
def test_a_licence_is_verified_by_the_home_body_of_its_profession(make_cast, case_in, profession, home, expected):
    cast = make_cast("practice_registration")
    case = case_in(cast, "in_review")
    case.payload = {**case.payload, "profession": profession} | ({"home_jurisdiction": home} if home else {})
    assert _codes(case) == expected


def test_every_body_named_in_reference_data_verifies_known_professions(reference):
    from talentbridge.casework.verifiers import registration_bodies

    professions = set(Profession.objects.values_list("code", flat=True))
    authorities = dict(Authority.objects.values_list("code", "kind"))
    kinds = registry()["practice_registration"].verification_authority_kinds
    for (jurisdiction, profession), codes in registration_bodies().items():
        assert jurisdiction in {"HK", "MO"} and profession in professions
        assert all(authorities[code] in kinds for code in codes)


@pytest.mark.parametrize(
    ("kind", "expected"), [("talent_endorsement", "SHENZHEN-HRSS"), ("benefit_claim", "GUANGZHOU-HRSS")]
)
def test_a_city_case_is_verified_by_its_citys_bureau_only(make_cast, case_in, kind, expected):
    cast = make_cast(kind)
    case = case_in(cast, "in_review")
    assert _codes(case) == [expected]


def test_an_endorsement_is_verified_in_the_work_city(make_cast, case_in):
    cast = make_cast("talent_endorsement")
    case = case_in(cast, "in_review")
    case.payload = {**case.payload, "work_city": "zhuhai"}
    assert _codes(case) == ["ZHUHAI-HRSS"]


def test_an_architects_licence_cannot_go_to_the_health_commission(make_cast, case_in):
    """Regression: a reviewer could send an architect's licence to the Health Commission; the case was stuck."""
    cast = make_cast("practice_registration")
    case = case_in(cast, "in_review")
    events, notifications = AuditEvent.objects.count(), Notification.objects.count()
    for code in ("GD-HEALTH", "HK-ERB", "HK-MCHK", "MO-SSM", "GD-DHURD", "GUANGZHOU-SIF", "NOPE"):
        with pytest.raises(InvalidInput) as error:
            services.verification_request(
                application_id=case.pk, reviewer=cast.reviewer, authority_code=code, question="Valid?"
            )
        assert error.value.details == {"authority": ["Only Architects Registration Board can verify this case."]}
    fresh = Application.objects.get(pk=case.pk)
    assert (fresh.state, fresh.version) == ("in_review", case.version)
    assert not Verification.objects.exists()
    assert (AuditEvent.objects.count(), Notification.objects.count()) == (events, notifications)
    services.verification_request(
        application_id=case.pk, reviewer=cast.reviewer, authority_code="HK-ARB", question="Valid?"
    )
    assert Verification.objects.get(application=case).authority.code == "HK-ARB"


def test_the_refusal_is_translated(make_cast, case_in):
    cast = make_cast("practice_registration")
    case = case_in(cast, "in_review")
    with translation.override("zh-hant"), pytest.raises(InvalidInput) as error:
        services.verification_request(
            application_id=case.pk, reviewer=cast.reviewer, authority_code="GD-HEALTH", question="Valid?"
        )
    assert error.value.details == {"authority": ["只有建築師註冊管理局可核實此個案。"]}


def test_a_profession_without_a_home_body_cannot_be_sent_for_verification(make_cast, case_in):
    cast = make_cast("practice_registration")
    case = case_in(cast, "in_review")
    Application.objects.filter(pk=case.pk).update(payload={**case.payload, "profession": "tax_adviser"})
    with pytest.raises(InvalidInput) as error:
        services.verification_request(
            application_id=case.pk, reviewer=cast.reviewer, authority_code="HK-ARB", question="Valid?"
        )
    assert error.value.details == {
        "authority": ["No authority on the platform can verify this case; decide it on its documents."]
    }
    assert not Verification.objects.exists()
