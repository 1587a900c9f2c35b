"""The API answers an applicant as the case page does: that a verification was asked and answered, never
the question, the note or the officials' names; officials read them all."""

from __future__ import annotations

from talentbridge.casework import services


def _answered(case, verifier):
    services.verification_respond(
        application_id=case.pk, verifier=verifier, confirmed=False, note="No such registration in our roll."
    )


def test_the_applicant_reads_no_question_note_or_official_names(
    client_for, applicant, reviewer, verifier, case_in_verification
):
    _answered(case_in_verification, verifier)
    reference = case_in_verification.reference

    mine = client_for(applicant).get(f"/applications/{reference}").json()
    (verification,) = mine["verifications"]
    assert verification["outcome"] == "not_confirmed" and verification["responded_at"]
    assert (verification["question"], verification["note"]) == ("", "")

    events = client_for(applicant).get(f"/applications/{reference}/events").json()["items"]
    exchange = [e for e in events if e["action"] in {"request_verification", "deny_verification"}]
    assert exchange and all(e["reason"] == "" and e["actor"] is None for e in exchange)
    officials = {reviewer.full_name, verifier.full_name}
    assert not any(e["actor"] in officials for e in events)
    assert any(e["actor"] == applicant.full_name for e in events)  # their own name stays

    official = client_for(reviewer).get(f"/applications/{reference}").json()["verifications"][0]
    assert (official["question"], official["note"]) == ("Is the licence valid?", "No such registration in our roll.")
    official_events = client_for(reviewer).get(f"/applications/{reference}/events").json()["items"]
    assert any(e["reason"] == "Is the licence valid?" for e in official_events)
