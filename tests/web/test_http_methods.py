"""Read-only pages answer HEAD as they answer GET; a method a page does not take is a translated 405 page."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

PAGES = ["/", "/verify/", "/mobility/check/", "/accounts/signup/", "/accounts/password-reset/"]

NOT_THIS_WAY = {
    "en": ("en", "This page cannot be opened this way"),
    "zh-hans": ("zh-Hans-CN", "无法以这种方式打开此页面"),
    "zh-hant": ("zh-Hant-HK", "無法以這種方式開啟此頁面"),
}


@pytest.mark.parametrize("path", PAGES)
def test_head_answers_like_get(client: Client, reference, path: str) -> None:
    get = client.get(path)
    head = client.head(path)

    assert get.status_code == 200
    assert head.status_code == 200
    assert head.content == b""
    assert head["Content-Type"] == get["Content-Type"]


@pytest.mark.parametrize("language", list(NOT_THIS_WAY))
def test_a_post_only_action_opened_by_its_address_is_a_translated_405_page(signed_in, applicant, language: str) -> None:
    html_lang, heading = NOT_THIS_WAY[language]

    response = signed_in(applicant).get("/practice/registrations/1/renew/", HTTP_ACCEPT_LANGUAGE=language)

    html = response.content.decode()
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert f'<html lang="{html_lang}">' in html
    assert f"<h1>{heading}</h1>" in html
    assert 'class="site-header"' in html and 'class="lang-switch"' in html


def test_a_page_that_does_not_take_a_method_says_so_in_the_site_layout(client: Client, reference) -> None:
    response = client.delete("/mobility/check/")

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, POST"
    assert "<h1>This page cannot be opened this way</h1>" in response.content.decode()


def test_the_api_keeps_its_own_405_answers(client: Client, reference) -> None:
    response = client.delete("/api/v1/mobility/check")

    assert "This page cannot be opened this way" not in response.content.decode()
