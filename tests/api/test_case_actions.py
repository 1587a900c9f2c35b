"""Workflow steps over HTTP: transitions, information requests, home-authority verification."""

import pytest

from talentbridge.casework.models import Application, Decision, InfoRequest, Notification, Verification
from tests.api.conftest import PDF, assert_error, step
from tests.casework.filing import attach_required_documents, case_factory


@pytest.fixture
def make_case(applicant):
    """Cases submitted as an applicant does: with every required document."""
    return case_factory(applicant)


def test_submit(client_for, applicant, make_case):
    case = make_case()
    attach_required_documents(case, applicant)

    response = client_for(applicant).post(
        f"/applications/{case.reference}/transitions", json={"transition": "submit", "expected_version": 1}
    )

    assert response.status_code == 200
    assert response.json()["state"] == "submitted"
    assert response.json()["version"] == 2
    assert Application.objects.get(pk=case.pk).state == "submitted"


def test_submit_without_the_required_documents_is_one_notice(client_for, applicant, make_case, snapshot):
    """Regression: a pathway listed four documents and one was enough to submit."""
    case = make_case()
    client = client_for(applicant)
    upload = client.post(
        f"/applications/{case.reference}/documents",
        files={"file": ("licence.pdf", PDF, "application/pdf")},
        data={"document_type": "home_licence"},
    )
    assert upload.status_code == 201
    before = snapshot()

    response = client.post(f"/applications/{case.reference}/transitions", json={"transition": "submit"})

    body = assert_error(response, 422, "invalid_input")
    notice = (
        "Before you submit, attach: Permanent identity card, Letter of good standing (no discipline), "
        "Letter from the mainland employer."
    )
    assert (body["message"], body["details"]) == (notice, {"documents": [notice]})
    assert snapshot() == before
    detail = client.get(f"/applications/{case.reference}").json()
    assert detail["required_documents"] == [
        {"document_type": "identity_card", "label": "Permanent identity card", "provided": False},
        {"document_type": "home_licence", "label": "Home registration or licence", "provided": True},
        {
            "document_type": "good_standing_letter",
            "label": "Letter of good standing (no discipline)",
            "provided": False,
        },
        {"document_type": "employer_letter", "label": "Letter from the mainland employer", "provided": False},
    ]


def test_the_missing_documents_notice_is_translated(client_for, applicant, make_case):
    case = make_case()

    response = client_for(applicant, language="zh-hant").post(
        f"/applications/{case.reference}/transitions", json={"transition": "submit"}
    )

    body = assert_error(response, 422, "invalid_input")
    assert body["details"] == {
        "documents": ["提交前請附上：永久性居民身份證、原執業資格證明、良好執業記錄證明、內地聘用單位證明。"]
    }


def test_four_eyes_approval(client_for, reviewer, second_reviewer, case_in_review):
    proposed = client_for(reviewer).post(
        f"/applications/{case_in_review.reference}/transitions", json={"transition": "propose_approval"}
    )
    own = client_for(reviewer).post(
        f"/applications/{case_in_review.reference}/transitions", json={"transition": "approve"}
    )
    approved = client_for(second_reviewer).post(
        f"/applications/{case_in_review.reference}/transitions", json={"transition": "approve"}
    )

    assert proposed.status_code == 200
    assert proposed.json()["state"] == "pending_second_approval"
    assert_error(own, 403, "forbidden")
    assert approved.status_code == 200
    assert approved.json()["state"] == "approved"
    assert approved.json()["decisions"][0]["outcome"] == "approved"
    assert Decision.objects.get(application=case_in_review).proposed_by == reviewer


def test_refuse_needs_a_reason(client_for, reviewer, case_in_review, snapshot):
    client = client_for(reviewer)
    before = snapshot()

    response = client.post(f"/applications/{case_in_review.reference}/transitions", json={"transition": "refuse"})

    body = assert_error(response, 422, "reason_required")
    assert list(body["details"]) == ["reason"]
    assert snapshot() == before


def test_refuse_with_a_reason(client_for, reviewer, case_in_review):
    response = client_for(reviewer).post(
        f"/applications/{case_in_review.reference}/transitions",
        json={"transition": "refuse", "reason": "Licence not recognised."},
    )

    assert response.status_code == 200
    assert response.json()["state"] == "refused"
    assert response.json()["decisions"][0]["reason"] == "Licence not recognised."


def test_transition_from_the_wrong_state_is_illegal(client_for, reviewer, make_case, snapshot):
    case = make_case(submit=True)
    client = client_for(reviewer)
    before = snapshot()

    response = client.post(f"/applications/{case.reference}/transitions", json={"transition": "propose_approval"})

    body = assert_error(response, 409, "illegal_transition")
    assert body["details"] == {"state": "submitted", "allowed": ["start_review", "withdraw"]}
    assert snapshot() == before


def test_transition_with_a_stale_version_is_a_conflict(client_for, reviewer, make_case, snapshot):
    case = make_case(submit=True)
    client = client_for(reviewer)
    before = snapshot()

    response = client.post(
        f"/applications/{case.reference}/transitions", json={"transition": "start_review", "expected_version": 1}
    )

    assert_error(response, 409, "conflict")
    assert snapshot() == before


def test_unknown_transition_is_illegal(client_for, reviewer, case_in_review, snapshot):
    client = client_for(reviewer)
    before = snapshot()

    response = client.post(f"/applications/{case_in_review.reference}/transitions", json={"transition": "teleport"})

    assert_error(response, 409, "illegal_transition")
    assert snapshot() == before


def test_steps_with_their_own_endpoint_are_refused_by_the_generic_one(client_for, reviewer, case_in_review, snapshot):
    client = client_for(reviewer)
    before = snapshot()

    for transition in ["request_info", "request_verification", "reply", "confirm_verification", "deny_verification"]:
        response = client.post(
            f"/applications/{case_in_review.reference}/transitions", json={"transition": transition, "reason": "x"}
        )
        body = assert_error(response, 422, "invalid_input")
        assert list(body["details"]) == ["transition"]
    assert snapshot() == before


def test_system_transitions_are_forbidden_to_people(client_for, reviewer, case_in_review, snapshot):
    client = client_for(reviewer)
    before = snapshot()

    response = client.post(
        f"/applications/{case_in_review.reference}/transitions", json={"transition": "tacit_approve"}
    )

    assert_error(response, 403, "forbidden")
    assert snapshot() == before


def test_request_information(client_for, applicant, reviewer, case_in_review):
    response = client_for(reviewer).post(
        f"/applications/{case_in_review.reference}/info-requests",
        json={"message": "Send a copy of your licence.", "expected_version": case_in_review.version},
    )

    assert response.status_code == 201
    body = response.json()
    assert body["state"] == "info_requested"
    assert [r["message"] for r in body["info_requests"]] == ["Send a copy of your licence."]
    assert body["info_requests"][0]["replied_at"] is None
    assert Notification.objects.filter(recipient=applicant, event="info_requested").count() == 1


def test_request_information_needs_a_message(client_for, reviewer, case_in_review, snapshot):
    client = client_for(reviewer)
    before = snapshot()

    response = client.post(f"/applications/{case_in_review.reference}/info-requests", json={"message": "  "})

    assert_error(response, 422, "reason_required")
    assert snapshot() == before


def test_reply_to_an_information_request(client_for, applicant, case_info_requested):
    response = client_for(applicant).post(
        f"/applications/{case_info_requested.reference}/info-requests/reply",
        json={"reply": "Attached.", "expected_version": case_info_requested.version},
    )

    assert response.status_code == 200
    assert response.json()["state"] == "resubmitted"
    assert response.json()["info_requests"][0]["reply"] == "Attached."
    assert InfoRequest.objects.get(application=case_info_requested).replied_at is not None


def test_empty_reply_is_refused(client_for, applicant, case_info_requested, snapshot):
    client = client_for(applicant)
    before = snapshot()

    response = client.post(f"/applications/{case_info_requested.reference}/info-requests/reply", json={"reply": ""})

    body = assert_error(response, 422, "invalid_input")
    assert list(body["details"]) == ["reply"]
    assert snapshot() == before


def test_reply_without_an_open_request_is_illegal(client_for, applicant, case_in_review, snapshot):
    client = client_for(applicant)
    before = snapshot()

    response = client.post(f"/applications/{case_in_review.reference}/info-requests/reply", json={"reply": "Hi"})

    assert_error(response, 409, "illegal_transition")
    assert snapshot() == before


def test_request_verification(client_for, reviewer, verifier, case_in_review):
    response = client_for(reviewer).post(
        f"/applications/{case_in_review.reference}/verifications",
        json={"authority": "HK-ERB", "question": "Is the licence valid?", "expected_version": case_in_review.version},
    )

    assert response.status_code == 201
    body = response.json()
    assert body["state"] == "verification"
    assert body["verifications"][0]["authority"] == "HK-ERB"
    assert body["verifications"][0]["question"] == "Is the licence valid?"
    assert body["verifications"][0]["outcome"] == "pending"
    assert Notification.objects.filter(recipient=verifier, event="verification_requested").count() == 1


def test_verification_by_an_authority_that_cannot_verify_is_refused(client_for, reviewer, case_in_review, snapshot):
    client = client_for(reviewer)
    before = snapshot()

    # a structural engineer's licence: only the Engineers Registration Board holds it
    for authority in ["GD-DHURD", "HK-LD", "NO-SUCH", "GD-HEALTH", "HK-ARB", "HK-MCHK", "MO-DSSCU"]:
        response = client.post(
            f"/applications/{case_in_review.reference}/verifications",
            json={"authority": authority, "question": "Valid?"},
        )
        body = assert_error(response, 422, "invalid_input")
        assert body["details"] == {"authority": ["Only Engineers Registration Board can verify this case."]}
    assert snapshot() == before


def test_the_refusal_of_an_unsuitable_verifier_is_translated(client_for, reviewer, case_in_review):
    response = client_for(reviewer, language="zh-hans").post(
        f"/applications/{case_in_review.reference}/verifications", json={"authority": "GD-HEALTH", "question": "Valid?"}
    )

    body = assert_error(response, 422, "invalid_input")
    assert body["details"] == {"authority": ["只有工程师注册管理局可核实此个案。"]}


def test_the_verifier_sees_the_case_and_confirms(client_for, verifier, case_in_verification):
    client = client_for(verifier)

    seen = client.get(f"/applications/{case_in_verification.reference}")
    response = client.post(
        f"/applications/{case_in_verification.reference}/verifications/respond",
        json={"confirmed": True, "note": "Registered since 2015.", "expected_version": case_in_verification.version},
    )

    assert seen.status_code == 200
    assert seen.json()["available_transitions"] == ["confirm_verification", "deny_verification"]
    assert response.status_code == 200
    assert response.json()["state"] == "in_review"
    assert response.json()["verifications"][0]["outcome"] == "confirmed"
    assert response.json()["verifications"][0]["note"] == "Registered since 2015."
    assert Verification.objects.get(application=case_in_verification).responded_by == verifier


def test_denial_needs_a_note(client_for, verifier, case_in_verification, snapshot):
    client = client_for(verifier)
    before = snapshot()

    response = client.post(
        f"/applications/{case_in_verification.reference}/verifications/respond", json={"confirmed": False}
    )

    assert_error(response, 422, "reason_required")
    assert snapshot() == before


def test_denial_with_a_note(client_for, verifier, case_in_verification):
    response = client_for(verifier).post(
        f"/applications/{case_in_verification.reference}/verifications/respond",
        json={"confirmed": False, "note": "No such registration."},
    )

    assert response.status_code == 200
    assert response.json()["verifications"][0]["outcome"] == "not_confirmed"


def test_the_deciding_reviewer_cannot_answer_the_verification(client_for, reviewer, case_in_verification, snapshot):
    client = client_for(reviewer)
    before = snapshot()

    response = client.post(
        f"/applications/{case_in_verification.reference}/verifications/respond", json={"confirmed": True}
    )

    assert_error(response, 403, "forbidden")
    assert snapshot() == before


def test_withdraw_by_the_applicant(client_for, applicant, case_in_review):
    response = client_for(applicant).post(
        f"/applications/{case_in_review.reference}/transitions", json={"transition": "withdraw"}
    )

    assert response.status_code == 200
    assert response.json()["state"] == "withdrawn"
    assert response.json()["available_transitions"] == []


def test_revoke_an_approval(client_for, reviewer, second_reviewer, case_in_review):
    step(case_in_review, reviewer, "propose_approval")
    step(case_in_review, second_reviewer, "approve")

    response = client_for(reviewer).post(
        f"/applications/{case_in_review.reference}/transitions",
        json={"transition": "revoke", "reason": "Licence withdrawn at home."},
    )

    assert response.status_code == 200
    assert response.json()["state"] == "revoked"
    assert [d["outcome"] for d in response.json()["decisions"]] == ["approved", "revoked"]
