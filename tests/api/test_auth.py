"""Health, /me, API tokens, bearer and session authentication, CSRF, unknown paths and methods."""

from talentbridge.accounts.models import ApiToken
from talentbridge.accounts.services import api_token_create, api_token_revoke
from tests.api.conftest import assert_error


def test_health_is_public(anonymous, reference):
    response = anonymous.get("/health")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "version": "1.0.0"}


def test_me_with_a_bearer_token(client_for, reviewer):
    response = client_for(reviewer).get("/me")

    assert response.status_code == 200
    assert response.json() == {
        "id": reviewer.pk,
        "email": reviewer.email,
        "full_name": reviewer.full_name,
        "role": "reviewer",
        "residence": "",
        "preferred_language": "en",
        "authority": "GD-DHURD",
        "organisation": None,
        "auth_method": "token",
    }


def test_me_with_a_session(client_for, applicant):
    response = client_for(applicant, via="session").get("/me")

    assert response.status_code == 200
    assert response.json()["email"] == applicant.email
    assert response.json()["auth_method"] == "session"


def test_me_anonymous_is_401_with_a_bearer_challenge(anonymous, reference):
    response = anonymous.get("/me")

    assert_error(response, 401, "not_authenticated")
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="api"'


def test_token_create_returns_the_raw_token_once(client_for, applicant):
    client = client_for(applicant, via="session")

    response = client.post("/auth/tokens", json={"name": "payroll system"})

    assert response.status_code == 201
    body = response.json()
    token = ApiToken.objects.get(pk=body["id"])
    assert body["name"] == "payroll system"
    assert body["prefix"] == token.prefix
    assert body["token"].startswith(f"tb_{token.prefix}_")
    assert body["revoked_at"] is None
    assert token.user == applicant
    listed = client.get("/auth/tokens").json()
    assert [t["id"] for t in listed["items"]] == [token.pk]
    assert "token" not in listed["items"][0]


def test_a_created_token_authenticates(client_for, anonymous, applicant):
    raw = client_for(applicant, via="session").post("/auth/tokens", json={"name": "cli"}).json()["token"]

    response = anonymous.get("/me", headers={"Authorization": f"Bearer {raw}"})

    assert response.status_code == 200
    assert response.json()["id"] == applicant.pk


def test_token_list_shows_only_own_tokens(client_for, applicant, reviewer):
    api_token_create(user=applicant, name="mine")
    api_token_create(user=reviewer, name="theirs")

    response = client_for(applicant, via="session").get("/auth/tokens")

    assert response.status_code == 200
    assert [t["name"] for t in response.json()["items"]] == ["mine"]
    assert response.json()["count"] == 1


def test_token_revoke(client_for, anonymous, applicant):
    token, raw = api_token_create(user=applicant, name="old")

    response = client_for(applicant, via="session").delete(f"/auth/tokens/{token.pk}")

    assert response.status_code == 204
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert_error(anonymous.get("/me", headers={"Authorization": f"Bearer {raw}"}), 401, "not_authenticated")


def test_revoking_someone_elses_token_is_not_found_and_changes_nothing(client_for, applicant, reviewer, snapshot):
    theirs, _ = api_token_create(user=reviewer, name="theirs")
    client = client_for(applicant, via="session")
    before = snapshot()

    response = client.delete(f"/auth/tokens/{theirs.pk}")

    assert_error(response, 404, "not_found")
    assert snapshot() == before


def test_revoking_twice_is_not_found(client_for, applicant):
    token, _ = api_token_create(user=applicant, name="old")
    api_token_revoke(user=applicant, token_id=token.pk)

    assert_error(client_for(applicant, via="session").delete(f"/auth/tokens/{token.pk}"), 404, "not_found")


def test_revoked_token_is_refused(anonymous, applicant):
    token, raw = api_token_create(user=applicant, name="old")
    api_token_revoke(user=applicant, token_id=token.pk)

    body = assert_error(anonymous.get("/me", headers={"Authorization": f"Bearer {raw}"}), 401, "not_authenticated")

    assert body["details"] == {}


def test_token_of_an_inactive_user_is_refused(anonymous, applicant):
    _token, raw = api_token_create(user=applicant, name="cli")
    applicant.is_active = False
    applicant.save()

    assert_error(anonymous.get("/me", headers={"Authorization": f"Bearer {raw}"}), 401, "not_authenticated")


def test_malformed_authorization_headers_are_refused(anonymous, applicant):
    _token, raw = api_token_create(user=applicant, name="cli")
    wrong_secret = raw[:-4] + ("AAAA" if not raw.endswith("AAAA") else "BBBB")

    for header in [
        "Bearer",
        "Bearer nonsense",
        "Bearer tb_x",
        f"Token {raw}",
        "Basic dXNlcjpwYXNz",
        f"Bearer {wrong_secret}",
        "Bearer tb_ffffffff_secret",
    ]:
        response = anonymous.get("/me", headers={"Authorization": header})
        assert_error(response, 401, "not_authenticated")


def test_an_invalid_token_does_not_fall_back_to_the_session(client_for, applicant):
    client = client_for(applicant, via="session")

    response = client.get("/me", headers={"Authorization": "Bearer tb_00000000_nothing"})

    assert_error(response, 401, "not_authenticated")


def test_token_requests_need_no_csrf_token(client_for, applicant):
    response = client_for(applicant).post("/auth/tokens", json={"name": "script"})

    assert response.status_code == 201


def test_session_post_without_csrf_token_is_refused_and_changes_nothing(client_for, applicant, snapshot):
    client = client_for(applicant, via="session", csrf=False)
    before = snapshot()

    response = client.post("/auth/tokens", json={"name": "script"})

    assert_error(response, 403, "csrf_failed")
    assert snapshot() == before


def test_session_post_with_a_wrong_csrf_token_is_refused(client_for, applicant, snapshot):
    client = client_for(applicant, via="session", csrf=False)
    before = snapshot()

    response = client.post("/auth/tokens", json={"name": "x"}, headers={"X-CSRFToken": "a" * 32})

    assert_error(response, 403, "csrf_failed")
    assert snapshot() == before


def test_session_delete_and_patch_need_csrf_too(client_for, applicant, make_case, snapshot):
    token, _ = api_token_create(user=applicant, name="old")
    case = make_case()
    client = client_for(applicant, via="session", csrf=False)
    before = snapshot()

    assert_error(client.delete(f"/auth/tokens/{token.pk}"), 403, "csrf_failed")
    assert_error(client.patch(f"/applications/{case.reference}", json={"payload": {}}), 403, "csrf_failed")
    assert snapshot() == before


def test_session_post_with_csrf_token_succeeds(client_for, applicant):
    response = client_for(applicant, via="session").post("/auth/tokens", json={"name": "script"})

    assert response.status_code == 201
    assert ApiToken.objects.filter(user=applicant, name="script").count() == 1


def test_session_reads_need_no_csrf_token(client_for, applicant):
    assert client_for(applicant, via="session", csrf=False).get("/applications").status_code == 200


def test_session_of_a_deactivated_user_is_not_authenticated(client_for, applicant):
    client = client_for(applicant, via="session")
    applicant.is_active = False
    applicant.save()

    assert_error(client.get("/me"), 401, "not_authenticated")


def test_unknown_path_is_not_found_in_the_error_shape(anonymous, reference):
    assert_error(anonymous.get("/no-such-endpoint"), 404, "not_found")
    assert_error(anonymous.post("/applications/X/unknown"), 404, "not_found")


def test_wrong_method_is_405_in_the_error_shape(anonymous, reference):
    response = anonymous.delete("/health")

    assert_error(response, 405, "method_not_allowed")
    assert response.headers["Allow"] == "GET"
