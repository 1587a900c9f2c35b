"""Verifying a certificate by pasting it, in the browser: the forms on /verify/ pass Django's CSRF check."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from talentbridge.accounts.models import Role
from talentbridge.credentials import services
from tests.e2e.helpers import sign_in, switch_language

pytestmark = pytest.mark.e2e


def test_a_downloaded_certificate_pasted_on_the_verify_page_is_valid_and_a_tampered_one_is_not(
    new_page, make_user, screenshot, tmp_path: Path
):
    holder = make_user(Role.APPLICANT, full_name="Chan Tai Man")
    certificate = services.certificate_issue(
        issuer_code="GD-DOJ",
        subject={"user_id": str(holder.pk), "name": "Chan Tai Man"},
        claims={"profession": "lawyer"},
        valid_from=dt.date.today() - dt.timedelta(days=30),
        valid_until=dt.date.today() + dt.timedelta(days=365),
    )
    page = new_page()
    sign_in(page, holder.email)

    # The holder downloads the signed certificate from the printable page.
    page.goto(f"/certificates/{certificate.pk}/")
    with page.expect_download() as download_info:
        page.locator(f'a[href="/certificates/{certificate.pk}/certificate.jwt"]').click()
    saved = tmp_path / "certificate.jwt"
    download_info.value.save_as(saved)
    token = saved.read_text()
    assert token == certificate.jwt

    # Pasted on the verification page, it is valid.
    page.goto("/verify/")
    page.locator("#credential").fill(token)
    page.get_by_role("button", name="Verify", exact=True).click()
    page.wait_for_load_state()
    result = page.locator(".certificate-result")
    assert result.get_attribute("data-status") == "valid"
    assert result.locator("h2").inner_text() == "Valid certificate"
    screenshot(page, "verify-paste-01-valid")

    # One character changed in the signature: rejected as forged.
    tampered = token[:-5] + ("A" if token[-5] != "A" else "B") + token[-4:]
    page.locator("#credential").fill(tampered)
    page.get_by_role("button", name="Verify", exact=True).click()
    page.wait_for_load_state()
    assert page.locator(".certificate-result").get_attribute("data-status") == "forged"
    assert page.locator(".certificate-result h2").inner_text() == "Forged or damaged certificate"
    screenshot(page, "verify-paste-02-forged")

    # The language switch works from the verification page, and keeps the visitor there.
    switch_language(page, "zh-hant")
    assert page.url.endswith("/verify/")
    assert page.locator("h1").inner_text() == "核實證書"
    switch_language(page, "en")

    # So does signing out.
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    assert "/accounts/login/" in page.url
    assert page.get_by_role("link", name="Sign in").count() == 1


def test_a_qr_link_opens_a_verified_certificate_and_its_forms_still_work(new_page, make_user):
    holder = make_user(Role.APPLICANT)
    certificate = services.certificate_issue(
        issuer_code="GD-DOJ",
        subject={"user_id": str(holder.pk), "name": "Chan Tai Man"},
        claims={"profession": "lawyer"},
        valid_from=dt.date.today() - dt.timedelta(days=30),
        valid_until=None,
    )
    page = new_page()
    response = page.goto("/verify/?c=" + certificate.jwt)
    assert response is not None and response.status == 200
    # The credential never leaves the site in a Referer header; same-site forms keep their Origin.
    assert response.headers["referrer-policy"] == "same-origin"
    assert page.locator(".certificate-result").get_attribute("data-status") == "valid"
    switch_language(page, "zh-hans")
    assert page.locator(".certificate-result").get_attribute("data-status") == "valid"
    assert page.locator("h1").inner_text() == "核验证书"


def test_a_replaced_certificate_says_so_and_the_holder_reaches_the_newer_one(new_page, make_user, screenshot):
    holder = make_user(Role.APPLICANT, full_name="Chan Tai Man")

    def issue(days: int) -> object:
        return services.certificate_issue(
            issuer_code="GD-DOJ",
            subject={"user_id": str(holder.pk), "name": "Chan Tai Man"},
            claims={"profession": "lawyer"},
            valid_from=dt.date.today() - dt.timedelta(days=days),
            valid_until=dt.date.today() + dt.timedelta(days=365),
        )

    old, new = issue(700), issue(0)
    services.certificate_supersede(
        certificate_id=old.pk, by_certificate_id=new.pk, actor=None, reason="Replaced by registration PR-2."
    )

    # A stranger scanning the old certificate learns it was replaced, and nothing about the newer one.
    page = new_page()
    page.goto("/verify/?c=" + old.jwt)
    result = page.locator(".certificate-result")
    assert result.get_attribute("data-status") == "superseded"
    assert result.locator("h2").inner_text() == "Replaced by a newer certificate"
    assert page.locator("[data-replacement]").count() == 0
    switch_language(page, "zh-hant")
    assert page.locator(".certificate-result h2").inner_text() == "已由較新的證書取代"
    screenshot(page, "verify-paste-03-replaced-zh-hant")
    switch_language(page, "en")

    # The holder pastes it, and is led to the newer certificate, which is valid.
    sign_in(page, holder.email)
    page.goto("/verify/")
    page.locator("#credential").fill(old.jwt)
    page.get_by_role("button", name="Verify", exact=True).click()
    page.wait_for_load_state()
    assert page.locator(".certificate-result").get_attribute("data-status") == "superseded"
    screenshot(page, "verify-paste-04-replaced-holder")
    page.get_by_role("link", name="See the newer certificate").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/certificates/{new.pk}/")
    assert page.locator(".certificate-result").get_attribute("data-status") == "valid"
