"""Error messages follow Accept-Language; the shape and the code never change with it."""

import pytest

from tests.api.conftest import assert_error


@pytest.mark.parametrize("language", ["zh-hans", "zh-hant", "en"])
def test_error_language_follows_accept_language(anonymous, reference, language):
    response = anonymous.get("/me", headers={"Accept-Language": language})

    assert_error(response, 401, "not_authenticated")
    assert response.headers["Content-Language"] == language


def test_chinese_validation_error_keeps_code_and_fields(client_for, applicant, snapshot):
    client = client_for(applicant, language="zh-hans")
    before = snapshot()

    response = client.post(
        "/practice/check",
        json={
            "field": "visa",
            "home_jurisdiction": "hong_kong",
            "years_of_practice": 5,
            "holds_home_licence": True,
            "is_permanent_resident": True,
            "is_chinese_citizen": True,
            "has_disciplinary_record": False,
        },
    )

    body = assert_error(response, 422, "invalid_input")
    assert response.headers["Content-Language"] == "zh-hans"
    assert list(body["details"]) == ["field"]
    assert isinstance(body["details"]["field"][0], str)
    assert any("\u4e00" <= char <= "\u9fff" for char in body["message"] + body["details"]["field"][0])
    assert snapshot() == before


def test_chinese_schema_validation_error(client_for, applicant):
    response = client_for(applicant, language="zh-hant").post("/auth/tokens", json={})

    body = assert_error(response, 422, "invalid_input")
    assert response.headers["Content-Language"] == "zh-hant"
    assert list(body["details"]) == ["name"]
    assert isinstance(body["details"]["name"][0], str)


def test_chinese_conflict_and_not_found(client_for, applicant, make_case):
    case = make_case()
    client = client_for(applicant, language="zh-hans")

    assert_error(client.get("/applications/PR-2020-NOPE"), 404, "not_found")
    conflict = client.patch(f"/applications/{case.reference}", json={"payload": {}, "expected_version": 9})
    assert assert_error(conflict, 409, "conflict")["details"] == {"current_version": 1, "current_state": "draft"}


def test_unknown_language_falls_back_to_english(anonymous, reference):
    response = anonymous.get("/me", headers={"Accept-Language": "xx"})

    body = assert_error(response, 401, "not_authenticated")
    assert response.headers["Content-Language"] == "en"
    assert body["message"] == "Please sign in to continue."
