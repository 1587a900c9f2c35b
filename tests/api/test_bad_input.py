"""Bad input on every endpoint: the one error shape, the right code and field, and nothing changed."""

import pytest

from tests.api.conftest import assert_error

MALFORMED = object()  # sentinel: send a body that is not JSON at all
BIG = 2**70

# (id, actor, case state, method, path ({ref} is the case), body, status, code, detail keys)
ROWS = [
    # tokens
    ("token-missing-name", "applicant", None, "POST", "/auth/tokens", {}, 422, "invalid_input", ["name"]),
    ("token-name-not-text", "applicant", None, "POST", "/auth/tokens", {"name": 5}, 422, "invalid_input", ["name"]),
    ("token-name-empty", "applicant", None, "POST", "/auth/tokens", {"name": " "}, 422, "invalid_input", ["name"]),
    ("token-name-long", "applicant", None, "POST", "/auth/tokens", {"name": "x" * 101}, 422, "invalid_input", ["name"]),
    ("token-extra-field", "applicant", None, "POST", "/auth/tokens", {"name": "a", "admin": True}, 422,
     "invalid_input", ["admin"]),
    ("token-body-a-list", "applicant", None, "POST", "/auth/tokens", [1, 2], 422, "invalid_input", ["__all__"]),
    ("token-malformed", "applicant", None, "POST", "/auth/tokens", MALFORMED, 400, "malformed_request", []),
    ("token-revoke-unknown", "applicant", None, "DELETE", "/auth/tokens/999999", None, 404, "not_found", []),
    ("token-revoke-not-a-number", "applicant", None, "DELETE", "/auth/tokens/abc", None, 404, "not_found", []),
    ("token-revoke-huge", "applicant", None, "DELETE", f"/auth/tokens/{BIG}", None, 422, "invalid_input",
     ["token_id"]),
    # application list
    ("list-unknown-state", "reviewer", None, "GET", "/applications?state=lost", None, 422, "invalid_input", ["state"]),
    ("list-unknown-kind", "reviewer", None, "GET", "/applications?kind=visa", None, 422, "invalid_input", ["kind"]),
    ("list-overdue-not-bool", "reviewer", None, "GET", "/applications?overdue=maybe", None, 422, "invalid_input",
     ["overdue"]),
    ("list-page-zero", "reviewer", None, "GET", "/applications?page=0", None, 422, "invalid_input", ["page"]),
    ("list-page-not-number", "reviewer", None, "GET", "/applications?page=two", None, 422, "invalid_input", ["page"]),
    ("list-q-too-long", "reviewer", None, "GET", "/applications?q=" + "x" * 101, None, 422, "invalid_input", ["q"]),
    # applications start from their service (practice, mobility, insurance), not from a generic create
    ("create-is-gone", "applicant", None, "POST", "/applications", {"kind": "practice_registration"}, 405,
     "method_not_allowed", []),
    # one application
    ("get-unknown", "applicant", None, "GET", "/applications/PR-2020-NOPE", None, 404, "not_found", []),
    ("patch-unknown", "applicant", None, "PATCH", "/applications/PR-2020-NOPE", {"payload": {}}, 404, "not_found", []),
    ("patch-missing-payload", "applicant", "draft", "PATCH", "/applications/{ref}", {}, 422, "invalid_input",
     ["payload"]),
    ("patch-version-as-text", "applicant", "draft", "PATCH", "/applications/{ref}",
     {"payload": {}, "expected_version": "1"}, 422, "invalid_input", ["expected_version"]),
    ("patch-bad-value", "applicant", "draft", "PATCH", "/applications/{ref}",
     {"payload": {"years_of_practice": "many"}}, 422, "invalid_input", ["years_of_practice"]),
    ("patch-malformed", "applicant", "draft", "PATCH", "/applications/{ref}", MALFORMED, 400, "malformed_request",
     []),
    # transitions
    ("transition-unknown-case", "reviewer", None, "POST", "/applications/PR-2020-NOPE/transitions",
     {"transition": "start_review"}, 404, "not_found", []),
    ("transition-missing", "reviewer", "submitted", "POST", "/applications/{ref}/transitions", {}, 422,
     "invalid_input", ["transition"]),
    ("transition-not-text", "reviewer", "submitted", "POST", "/applications/{ref}/transitions", {"transition": 5},
     422, "invalid_input", ["transition"]),
    ("transition-reason-null", "reviewer", "submitted", "POST", "/applications/{ref}/transitions",
     {"transition": "start_review", "reason": None}, 422, "invalid_input", ["reason"]),
    ("transition-version-not-number", "reviewer", "submitted", "POST", "/applications/{ref}/transitions",
     {"transition": "start_review", "expected_version": "two"}, 422, "invalid_input", ["expected_version"]),
    ("transition-malformed", "reviewer", "submitted", "POST", "/applications/{ref}/transitions", MALFORMED, 400,
     "malformed_request", []),
    ("submit-incomplete", "applicant", "incomplete", "POST", "/applications/{ref}/transitions",
     {"transition": "submit"}, 422, "invalid_input", ["documents", "licence_number", "years_of_practice"]),
    # information requests
    ("info-missing-message", "reviewer", "in_review", "POST", "/applications/{ref}/info-requests", {}, 422,
     "invalid_input", ["message"]),
    ("info-message-not-text", "reviewer", "in_review", "POST", "/applications/{ref}/info-requests",
     {"message": ["a"]}, 422, "invalid_input", ["message"]),
    ("info-unknown-case", "reviewer", None, "POST", "/applications/PR-2020-NOPE/info-requests", {"message": "x"},
     404, "not_found", []),
    ("info-malformed", "reviewer", "in_review", "POST", "/applications/{ref}/info-requests", MALFORMED, 400,
     "malformed_request", []),
    ("reply-missing", "applicant", "info_requested", "POST", "/applications/{ref}/info-requests/reply", {}, 422,
     "invalid_input", ["reply"]),
    ("reply-not-text", "applicant", "info_requested", "POST", "/applications/{ref}/info-requests/reply",
     {"reply": 3}, 422, "invalid_input", ["reply"]),
    ("reply-malformed", "applicant", "info_requested", "POST", "/applications/{ref}/info-requests/reply",
     MALFORMED, 400, "malformed_request", []),
    # verifications
    ("verify-missing-authority", "reviewer", "in_review", "POST", "/applications/{ref}/verifications", {}, 422,
     "invalid_input", ["authority"]),
    ("verify-unknown-authority", "reviewer", "in_review", "POST", "/applications/{ref}/verifications",
     {"authority": "NOPE", "question": "Valid?"}, 422, "invalid_input", ["authority"]),
    # the question is what the other authority answers: none (or only spaces) is refused, with the authority's fault
    ("verify-missing-question", "reviewer", "in_review", "POST", "/applications/{ref}/verifications",
     {"authority": "HK-ERB"}, 422, "invalid_input", ["question"]),
    ("verify-blank-question", "reviewer", "in_review", "POST", "/applications/{ref}/verifications",
     {"authority": "HK-ERB", "question": "  "}, 422, "invalid_input", ["question"]),
    ("verify-nothing-right", "reviewer", "in_review", "POST", "/applications/{ref}/verifications",
     {"authority": "NOPE", "question": ""}, 422, "invalid_input", ["authority", "question"]),
    ("verify-malformed", "reviewer", "in_review", "POST", "/applications/{ref}/verifications", MALFORMED, 400,
     "malformed_request", []),
    ("respond-missing", "verifier", "verification", "POST", "/applications/{ref}/verifications/respond", {}, 422,
     "invalid_input", ["confirmed"]),
    ("respond-not-bool", "verifier", "verification", "POST", "/applications/{ref}/verifications/respond",
     {"confirmed": "yes"}, 422, "invalid_input", ["confirmed"]),
    ("respond-note-not-text", "verifier", "verification", "POST", "/applications/{ref}/verifications/respond",
     {"confirmed": True, "note": 1}, 422, "invalid_input", ["note"]),
    ("respond-malformed", "verifier", "verification", "POST", "/applications/{ref}/verifications/respond",
     MALFORMED, 400, "malformed_request", []),
    # events, documents, notifications
    ("events-unknown", "applicant", None, "GET", "/applications/PR-2020-NOPE/events", None, 404, "not_found", []),
    ("events-page-size-zero", "applicant", "draft", "GET", "/applications/{ref}/events?page_size=0", None, 422,
     "invalid_input", ["page_size"]),
    ("documents-unknown", "applicant", None, "GET", "/applications/PR-2020-NOPE/documents", None, 404, "not_found",
     []),
    ("upload-unknown", "applicant", None, "UPLOAD", "/applications/PR-2020-NOPE/documents", None, 404, "not_found",
     []),
    ("notifications-unread-not-bool", "applicant", None, "GET", "/notifications?unread=perhaps", None, 422,
     "invalid_input", ["unread"]),
    ("notification-read-unknown", "applicant", None, "POST", "/notifications/424242/read", None, 404, "not_found",
     []),
    # digits that str.isdigit() accepts and int() refuses (²) or reads (fullwidth １), negatives and zero
    ("notification-read-superscript", "applicant", None, "POST", "/notifications/%C2%B2/read", None, 404,
     "not_found", []),
    ("notification-read-fullwidth", "applicant", None, "POST", "/notifications/%EF%BC%91/read", None, 404,
     "not_found", []),
    ("notification-read-negative", "applicant", None, "POST", "/notifications/-5/read", None, 404, "not_found", []),
    ("notification-read-zero", "applicant", None, "POST", "/notifications/0/read", None, 404, "not_found", []),
    ("token-revoke-superscript", "applicant", None, "DELETE", "/auth/tokens/%C2%B2", None, 404, "not_found", []),
    ("list-page-superscript", "reviewer", None, "GET", "/applications?page=%C2%B2", None, 422, "invalid_input",
     ["page"]),
    ("list-page-fullwidth", "reviewer", None, "GET", "/applications?page=%EF%BC%91", None, 422, "invalid_input",
     ["page"]),
    ("list-page-negative", "reviewer", None, "GET", "/applications?page=-5", None, 422, "invalid_input", ["page"]),
]  # fmt: skip


def _case(state, make_case, case_in_review, case_info_requested, case_in_verification):
    return {
        "draft": make_case,
        "incomplete": lambda: make_case(licence_number="", years_of_practice=None),
        "submitted": lambda: make_case(submit=True),
        "in_review": lambda: case_in_review,
        "info_requested": lambda: case_info_requested,
        "verification": lambda: case_in_verification,
    }[state]()


@pytest.mark.parametrize(("name", "actor", "state", "method", "path", "body", "status", "code", "fields"),
                         ROWS, ids=[r[0] for r in ROWS])  # fmt: skip
def test_bad_input(request, people, client_for, snapshot, name, actor, state, method, path, body, status, code, fields):
    if state is not None:
        fixtures = ("make_case", "case_in_review", "case_info_requested", "case_in_verification")
        needed = {"in_review": fixtures[1:2], "info_requested": fixtures[2:3], "verification": fixtures[3:]}
        given = {
            f: request.getfixturevalue(f) if f in ("make_case", *needed.get(state, ())) else None for f in fixtures
        }
        path = path.format(ref=_case(state, *given.values()).reference)
    client = client_for(people[actor])
    before = snapshot()

    if body is MALFORMED:
        response = client.request(method, path, content=b'{"name": ', headers={"Content-Type": "application/json"})
    elif method == "UPLOAD":
        response = client.post(path, files={"file": ("a.pdf", b"%PDF-1.4", "application/pdf")})
    else:
        response = client.request(method, path, json=body)

    error = assert_error(response, status, code)
    assert sorted(error["details"]) == fields
    assert all(isinstance(m, str) for messages in error["details"].values() for m in messages)
    assert snapshot() == before


def test_oversized_json_body_is_refused(client_for, applicant, snapshot):
    client = client_for(applicant)
    before = snapshot()

    response = client.post("/auth/tokens", json={"name": "x" * (13 * 1024 * 1024)})

    assert_error(response, 413, "request_too_large")
    assert snapshot() == before


def test_null_characters_are_refused_not_stored(client_for, applicant, make_case, snapshot):
    case = make_case()
    client = client_for(applicant)
    before = snapshot()

    named_token = client.post("/auth/tokens", json={"name": "HK\x001"})
    patched = client.patch(f"/applications/{case.reference}", json={"payload": {"licence_number": "A\x00"}})
    uploaded = client.post(
        f"/applications/{case.reference}/documents",
        files={"file": ("a.pdf", b"%PDF-1.4", "application/pdf")},
        data={"title": "bad\x00title"},
    )
    searched = client.get("/applications", params={"q": "PR\x00"})
    named = client.get(f"/applications/{case.reference}%00")

    assert sorted(assert_error(named_token, 422, "invalid_input")["details"]) == ["name"]
    assert sorted(assert_error(patched, 422, "invalid_input")["details"]) == ["payload"]
    assert sorted(assert_error(uploaded, 422, "invalid_input")["details"]) == ["title"]
    assert sorted(assert_error(searched, 422, "invalid_input")["details"]) == ["q"]
    assert_error(named, 404, "not_found")
    assert snapshot() == before


def test_odd_requests_are_client_errors_never_500(client_for, anonymous, applicant, make_case, snapshot):
    case = make_case()
    client = client_for(applicant)
    before = snapshot()

    form_body = client.post(
        "/auth/tokens", content=b"name=x", headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    not_utf8 = client.post("/auth/tokens", content=b"\xff\xfe{", headers={"Content-Type": "application/json"})
    empty = client.post("/auth/tokens", content=b"", headers={"Content-Type": "application/json"})
    multipart_to_json = client.post(f"/applications/{case.reference}/transitions", files={"f": ("a", b"x")})
    long_reference = client.get("/applications/" + "X" * 500)
    chinese_reference = client.get("/applications/申请")
    bad_kind = anonymous.get("/reference/authorities", params={"kind": "Robert'); DROP TABLE--"})

    assert_error(form_body, 400, "malformed_request")
    assert_error(not_utf8, 400, "malformed_request")
    assert list(assert_error(empty, 422, "invalid_input")["details"]) == ["__all__"]
    assert_error(multipart_to_json, 400, "malformed_request")
    assert_error(long_reference, 404, "not_found")
    assert_error(chinese_reference, 404, "not_found")
    assert list(assert_error(bad_kind, 422, "invalid_input")["details"]) == ["kind"]
    assert snapshot() == before
