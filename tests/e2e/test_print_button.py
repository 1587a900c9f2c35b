"""The certificate's Print button opens the browser's print dialog (a static script; no inline script)."""

from __future__ import annotations

import datetime as dt

import pytest

from talentbridge.accounts.models import Role
from talentbridge.credentials import services
from tests.e2e.helpers import sign_in

pytestmark = pytest.mark.e2e


def test_the_print_button_asks_the_browser_to_print_and_stays_on_the_page(new_page, make_user):
    holder = make_user(Role.APPLICANT, full_name="Chan Tai Man")
    certificate = services.certificate_issue(
        issuer_code="GD-DOJ",
        subject={"user_id": str(holder.pk), "name": "Chan Tai Man"},
        claims={"profession": "lawyer"},
        valid_from=dt.date.today() - dt.timedelta(days=30),
        valid_until=dt.date.today() + dt.timedelta(days=365),
    )
    page = new_page()
    page.add_init_script("window.__printed = 0; window.print = () => { window.__printed += 1; };")
    sign_in(page, holder.email)
    page.goto(f"/certificates/{certificate.pk}/")
    page.locator("[data-print]").click()
    assert page.evaluate("window.__printed") == 1
    assert "print=1" not in page.url  # the dialog opened instead of the page with how to print
