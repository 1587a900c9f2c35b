"""Who may call what: every role against every endpoint, and a refusal never changes anything.

Roles: the case's applicant, another applicant, organisation staff, a reviewer of the deciding
authority (GD-DHURD), a reviewer of another authority (GD-DOJ), a reviewer of the verifying
authority (HK-ERB, asked to verify only where the case is in verification), a policy officer, an
analyst, an administrator (sees every submitted case but acts on none) and an anonymous caller. A draft
is its applicant's alone: everyone else gets 404.
"""

import io

import pytest

from talentbridge.casework import services
from talentbridge.casework.documents import document_upload
from tests.api.conftest import PDF, step
from tests.casework.filing import attach_required_documents
from tests.conftest import PRACTICE_PAYLOAD

ROLES = [
    "applicant",
    "other_applicant",
    "organisation_staff",
    "reviewer",
    "other_reviewer",
    "verifier",
    "policy_officer",
    "analyst",
    "administrator",
    "anonymous",
]

# Status per role, in the order of ROLES.
EVERYONE = [200] * 9 + [401]
PUBLIC = [200] * 10
SEES_CASE = [200, 404, 404, 200, 404, 200, 404, 404, 200, 401]

# name: (state of the case, method, path after /applications/{ref} or absolute, body, statuses)
ENDPOINTS = {
    "me": (None, "GET", "/me", None, EVERYONE),
    "health": (None, "GET", "/health", None, PUBLIC),
    "reference": (None, "GET", "/reference/authorities", None, PUBLIC),
    "workflows": (None, "GET", "/workflows", None, PUBLIC),
    "token_list": (None, "GET", "/auth/tokens", None, EVERYONE),
    "token_create": (None, "POST", "/auth/tokens", {"name": "x"}, [201] * 9 + [401]),
    "notifications": (None, "GET", "/notifications", None, EVERYONE),
    "application_list": (None, "GET", "/applications", None, EVERYONE),
    # an application opens through the service of its kind (e.g. /practice/apply), never generically
    "application_create": (
        None,
        "POST",
        "/applications",
        {"kind": "practice_registration", "authority": "GD-DHURD", "payload": PRACTICE_PAYLOAD},
        [405] * 10,
    ),
    "application_get": ("verification", "GET", "", None, SEES_CASE),
    "application_events": ("verification", "GET", "/events", None, SEES_CASE),
    "document_list": ("verification", "GET", "/documents", None, SEES_CASE),
    "document_content": ("verification", "GET", "document", None, SEES_CASE),
    "application_update": (
        "draft",
        "PATCH",
        "",
        {"payload": {"years_of_practice": 3}},
        [200, 404, 404, 404, 404, 404, 404, 404, 404, 401],  # a draft is its applicant's alone
    ),
    "submit": (
        "draft",
        "POST",
        "/transitions",
        {"transition": "submit"},
        [200, 404, 404, 404, 404, 404, 404, 404, 404, 401],
    ),
    "start_review": (
        "submitted",
        "POST",
        "/transitions",
        {"transition": "start_review"},
        [403, 404, 404, 200, 404, 404, 404, 404, 403, 401],
    ),
    "info_request": (
        "in_review",
        "POST",
        "/info-requests",
        {"message": "Send your licence."},
        [403, 404, 404, 201, 404, 404, 404, 404, 403, 401],
    ),
    "info_reply": (
        "info_requested",
        "POST",
        "/info-requests/reply",
        {"reply": "Attached."},
        [200, 404, 404, 403, 404, 404, 404, 404, 403, 401],
    ),
    "verification_request": (
        "in_review",
        "POST",
        "/verifications",
        {"authority": "HK-ERB", "question": "Is the licence valid?"},
        [403, 404, 404, 201, 404, 404, 404, 404, 403, 401],
    ),
    "verification_respond": (
        "verification",
        "POST",
        "/verifications/respond",
        {"confirmed": True},
        [403, 404, 404, 403, 404, 200, 404, 404, 403, 401],
    ),
    "document_upload": ("draft", "UPLOAD", "/documents", None, [201, 404, 404, 404, 404, 404, 404, 404, 404, 401]),
}

CASES = [(endpoint, role, spec[4][i]) for endpoint, spec in ENDPOINTS.items() for i, role in enumerate(ROLES)]


def _case_in(state, people, make_case):
    applicant, reviewer = people["applicant"], people["reviewer"]
    case = make_case(submit=state != "draft")
    if state == "draft":  # complete, so that only who may submit decides whether submission works
        attach_required_documents(case, applicant)
    if state in {"in_review", "info_requested", "verification"}:
        case = step(case, reviewer, "start_review")
    if state == "info_requested":
        services.info_request_create(application_id=case.pk, reviewer=reviewer, message="More please.")
    if state == "verification":
        services.verification_request(
            application_id=case.pk, reviewer=reviewer, authority_code="HK-ERB", question="Is the licence valid?"
        )
    if state == "draft":
        document = document_upload(
            application_id=case.pk, actor=applicant, stream=io.BytesIO(PDF), original_name="licence.pdf"
        )
    else:  # only the applicant adds documents: a submitted case has those it was submitted with
        document = case.documents.order_by("uploaded_at", "pk").first()
    return case, document


@pytest.mark.parametrize(("endpoint", "role", "expected"), CASES, ids=[f"{e}-{r}" for e, r, _ in CASES])
def test_access(endpoint, role, expected, people, make_case, client_for, anonymous, snapshot):
    state, method, path, body, _statuses = ENDPOINTS[endpoint]
    if state is not None:
        case, document = _case_in(state, people, make_case)
        path = f"/documents/{document.pk}/content" if path == "document" else f"/applications/{case.reference}{path}"
    user = people[role]
    client = anonymous if user is None else client_for(user)
    before = snapshot()

    if method == "UPLOAD":
        response = client.post(path, files={"file": ("more.pdf", PDF, "application/pdf")})
    else:
        response = client.request(method, path, json=body)

    assert response.status_code == expected, response.text
    if expected >= 400:
        assert set(response.json()) == {"code", "message", "details"}
        assert snapshot() == before
