from talentbridge.casework import services


def test_full_happy_path(make_case, applicant, reviewer, second_reviewer):
    case = make_case(submit=True)
    case = services.application_transition(application_id=case.pk, actor=reviewer, transition="start_review")
    case = services.application_transition(application_id=case.pk, actor=reviewer, transition="propose_approval")
    case = services.application_transition(application_id=case.pk, actor=second_reviewer, transition="approve")
    assert case.state == "approved"
    assert [e.action for e in case.events.exclude(action="document_uploaded")] == [
        "created",
        "submit",
        "start_review",
        "propose_approval",
        "approve",
    ]
