"""Every public page keeps one referrer policy that still lets its forms pass the CSRF check in Chromium.

`Referrer-Policy: no-referrer` makes Chromium send `Origin: null` with a same-site form, which Django's
CSRF check refuses (it did on /verify/). `same-origin` sends no Referer to other sites and a normal
Origin to this one.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "web:home",
    "web:login",
    "web:signup",
    "web:password_reset",
    "web:certificate_verify",
    "web:pathways",
    "web:practice_check",
    "web:practice_register",
    "web:endorsement_check",
]


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_pages_send_the_same_origin_referrer_policy(client: Client, reference, name: str) -> None:
    response = client.get(reverse(name))

    assert response.status_code == 200
    assert response["Referrer-Policy"] == "same-origin"


def test_a_qr_link_carrying_a_certificate_keeps_the_same_policy(client: Client, reference) -> None:
    response = client.get(reverse("web:certificate_verify") + "?c=eyJhbGciOiJFZERTQSJ9.e30.c2ln")

    assert response.status_code == 200
    assert response["Referrer-Policy"] == "same-origin"


def test_the_verify_form_posts_with_the_browsers_origin(reference) -> None:
    client = Client(enforce_csrf_checks=True)
    page = client.get(reverse("web:certificate_verify"))
    token = page.cookies["csrftoken"].value

    response = client.post(
        reverse("web:certificate_verify"),
        {"credential": "not-a-certificate", "csrfmiddlewaretoken": token},
        HTTP_ORIGIN="http://testserver",
    )

    assert response.status_code == 200
    assert 'data-status="forged"' in response.content.decode()
