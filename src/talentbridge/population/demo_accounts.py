"""The demo accounts: one sign-in per role (with the published demo password) and the demo employer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from talentbridge.accounts.models import Organisation, Role, User
from talentbridge.accounts.services import demo_user_ensure
from talentbridge.casework.models import Application
from talentbridge.insurance.models import ContributionPeriod
from talentbridge.reference.models import Authority, City

DEMO_DOMAIN = "demo.talentbridge.example"
DEMO_PASSWORD = "GBA-demo-2025!"  # noqa: S105 - published on purpose: these are demo accounts
# The demo employer reads like any organisation; the site's footer already says the service is a demonstration.
DEMO_EMPLOYER = "Qianhai Harbour Engineering Co., Ltd."
DEMO_EMPLOYER_CODE = "91440300MA5F2K6R8N"  # unified social credit code (the form of a Shenzhen company's)
# Its earlier name: a demo database loaded before the rename is renamed in place, not given a second employer.
LEGACY_DEMO_EMPLOYER = "Qianhai Harbour Engineering Ltd (demo)"


@dataclass(frozen=True)
class DemoAccount:
    """One demo sign-in. Read fields as attributes (`a.email`) or keys (`a["email"]`)."""

    key: str
    email: str
    password: str
    role: str
    full_name: str
    residence: str = ""
    authority: str | None = None
    organisation: str | None = None
    superuser: bool = False

    def __getitem__(self, name: str) -> Any:
        return getattr(self, name)


def _account(key: str, local: str, role: str, full_name: str, **extra: Any) -> DemoAccount:
    return DemoAccount(
        key=key, email=f"{local}@{DEMO_DOMAIN}", password=DEMO_PASSWORD, role=role, full_name=full_name, **extra
    )


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    _account("applicant_hk", "applicant", Role.APPLICANT, "Chan Tai Man", residence="HK"),
    _account("applicant_mo", "applicant.macao", Role.APPLICANT, "Leong Ka Wai", residence="MO"),
    _account("applicant_mainland", "applicant.mainland", Role.APPLICANT, "Li Wei", residence="GD"),
    _account("organisation_staff", "employer", Role.ORGANISATION_STAFF, "Zhang Min", organisation=DEMO_EMPLOYER),
    _account("reviewer", "reviewer", Role.REVIEWER, "Wang Fang", authority="GD-DHURD"),
    _account("second_reviewer", "reviewer2", Role.REVIEWER, "Chen Jie", authority="GD-DHURD"),
    _account("reviewer_exit_entry", "reviewer.exit-entry", Role.REVIEWER, "Liu Yang", authority="SHENZHEN-EXIT-ENTRY"),
    _account(
        "second_reviewer_exit_entry",
        "reviewer2.exit-entry",
        Role.REVIEWER,
        "Zhou Ling",
        authority="SHENZHEN-EXIT-ENTRY",
    ),
    _account("reviewer_health", "reviewer.health", Role.REVIEWER, "Deng Hui", authority="GD-HEALTH"),
    _account("second_reviewer_health", "reviewer2.health", Role.REVIEWER, "Luo Jun", authority="GD-HEALTH"),
    _account("reviewer_social_insurance", "reviewer.sif", Role.REVIEWER, "Huang Li", authority="ZHUHAI-SIF"),
    _account("second_reviewer_social_insurance", "reviewer2.sif", Role.REVIEWER, "Xu Ming", authority="ZHUHAI-SIF"),
    _account("verifier", "verifier", Role.REVIEWER, "Wong Siu Ming", authority="HK-ERB"),
    _account("policy_officer", "policy", Role.POLICY_OFFICER, "Zhao Qiang"),
    _account("analyst", "analyst", Role.ANALYST, "Sun Hui"),
    _account("administrator", "admin", Role.ADMINISTRATOR, "Platform Administrator", superuser=True),
)


def demo_account(key: str) -> DemoAccount:
    """The demo account with this key, e.g. `demo_account("reviewer")`."""
    return next(a for a in DEMO_ACCOUNTS if a.key == key)


def _legacy_employer_rename() -> None:
    """The demo employer's earlier name, wherever the demo wrote it, becomes its name (once; then a no-op)."""
    if not Organisation.objects.filter(name=DEMO_EMPLOYER).exists():
        Organisation.objects.filter(name=LEGACY_DEMO_EMPLOYER).update(name=DEMO_EMPLOYER)
    ContributionPeriod.objects.filter(employer_name=LEGACY_DEMO_EMPLOYER).update(employer_name=DEMO_EMPLOYER)
    for case in Application.objects.filter(payload__employer=LEGACY_DEMO_EMPLOYER):
        case.payload = {**case.payload, "employer": DEMO_EMPLOYER}
        case.save(update_fields=["payload"])


def demo_users_ensure() -> dict[str, User]:
    """Create or reset every demo account; returns them by key."""
    shenzhen = City.objects.get(code="shenzhen")
    _legacy_employer_rename()
    employer, _ = Organisation.objects.get_or_create(
        name=DEMO_EMPLOYER,
        defaults={
            "kind": Organisation.Kind.EMPLOYER,
            "city": shenzhen,
            "unified_social_credit_code": DEMO_EMPLOYER_CODE,
        },
    )
    if not employer.unified_social_credit_code:
        employer.unified_social_credit_code = DEMO_EMPLOYER_CODE
        employer.save(update_fields=["unified_social_credit_code"])
    users = {}
    for account in DEMO_ACCOUNTS:
        extra: dict[str, Any] = {"residence": account.residence}
        extra["authority"] = Authority.objects.get(code=account.authority) if account.authority else None
        extra["organisation"] = employer if account.organisation else None
        users[account.key] = demo_user_ensure(
            email=account.email,
            password=account.password,
            full_name=account.full_name,
            role=account.role,
            **extra,
        )
    return users
