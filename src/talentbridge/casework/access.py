"""Who may see a case, and in which capacity a person acts on it."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from talentbridge.accounts.models import Role, User
from talentbridge.casework.models import Application, Verification

# A case reaches anyone but its applicant only once submitted: a draft (and a draft withdrawn before it
# was ever submitted) belongs to its applicant alone.
SUBMITTED = Q(submitted_at__isnull=False)


def is_submitted(application: Application) -> bool:
    return application.submitted_at is not None


def applications_visible_to(user: User) -> QuerySet[Application]:
    """Applicants see their own cases; reviewers their authority's queue and what it is asked to verify.

    Officials (administrators included) never see a case that was not submitted.
    """
    cases = Application.objects.all()
    if not user.is_authenticated or not user.is_active:
        return cases.none()
    if user.role == Role.APPLICANT:
        return cases.filter(applicant=user)
    cases = cases.filter(SUBMITTED)
    if user.role == Role.ADMINISTRATOR:
        return cases
    if user.role == Role.REVIEWER and user.authority_id:
        asked = Verification.objects.filter(authority_id=user.authority_id).values("application_id")
        return cases.filter(Q(authority_id=user.authority_id) | Q(pk__in=asked))
    return cases.none()


def case_roles(user: User | None, application: Application) -> frozenset[str]:
    """The capacities (`applicant`, `reviewer`, `verifier`) in which `user` may act on `application`."""
    if user is None:
        return frozenset({"system"})
    if not user.is_active:
        return frozenset()
    roles = set()
    if user.role == Role.APPLICANT and application.applicant_id == user.pk:
        roles.add("applicant")
    if user.role == Role.REVIEWER and user.authority_id and is_submitted(application):
        if application.authority_id == user.authority_id:
            roles.add("reviewer")
        if application.verifications.filter(authority_id=user.authority_id, outcome="pending").exists():
            roles.add("verifier")
    return frozenset(roles)


def can_view(user: User, application: Application) -> bool:
    return applications_visible_to(user).filter(pk=application.pk).exists()


# The exchange between authorities is the officials' own: the applicant sees that a verification was asked
# and answered (and when), never the question, the answer's note or who wrote them.
AUTHORITY_EXCHANGE = frozenset({"request_verification", "confirm_verification", "deny_verification"})
# Who reads the officials' side of a case (their notes and names): its reviewers, verifiers, administrators.
OFFICIAL_ROLES = frozenset({Role.REVIEWER, Role.ADMINISTRATOR})


def sees_officials_work(user: User) -> bool:
    """Whether `user` reads officials' internal notes and names on a case (an applicant does not); the
    case page and the API answer alike."""
    return user.role in OFFICIAL_ROLES
