"""Steps shared by the browser tests."""

from __future__ import annotations

from typing import Any

from tests.conftest import PASSWORD


def sign_in(page: Any, email: str) -> None:
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/")


def switch_language(page: Any, code: str) -> None:
    page.locator(f'.lang-switch button[value="{code}"]').click()
    page.wait_for_load_state()
    page.locator(f'.lang-switch button[value="{code}"][aria-current="true"]').wait_for()


def decide(page: Any, transition: str, reason: str = "") -> None:
    page.locator(f'#decision-panel input[name="transition"][value="{transition}"]').check()
    if reason:
        page.locator("#decision-panel textarea[name=reason]").fill(reason)
    page.locator("#decision-panel button[type=submit]").click()
    page.wait_for_load_state()
