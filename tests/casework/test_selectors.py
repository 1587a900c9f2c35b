"""Reads: a reviewer's queue and an applicant's list."""

from __future__ import annotations

from talentbridge.casework.selectors import application_list, authority_queue


def test_queue_has_nearest_deadline_first_and_final_cases_last(make_cast, case_in):
    cast = make_cast("talent_endorsement")
    approved = case_in(cast, "approved")  # no deadline
    submitted = case_in(cast, "submitted")  # 3 business days
    in_review = case_in(cast, "in_review")  # 10 business days
    queue = list(authority_queue(user=cast.reviewer))
    assert queue == [submitted, in_review, approved]
    assert list(authority_queue(user=cast.reviewer, state="in_review")) == [in_review]
    assert list(authority_queue(user=cast.foreign_reviewer)) == []
    assert list(authority_queue(user=cast.applicant)) == []
    assert list(authority_queue(user=cast.verifier)) == []


def test_applicant_list_is_newest_first_and_only_their_own(make_cast, case_in):
    cast = make_cast("benefit_claim")
    first = case_in(cast, "draft")
    second = case_in(cast, "submitted")
    assert list(application_list(user=cast.applicant)) == [second, first]
    assert list(application_list(user=cast.other_applicant)) == []
