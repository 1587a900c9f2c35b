"""The admin (/admin/) speaks the language the administrator chose with the site's language switch."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client

from talentbridge.accounts.models import Role, User

# What the admin index says in each language: Django's own words, the platform's name and an app of the project.
EXPECTED = {
    "zh-hans": ("站点管理", "湾区人才通系统管理", "账户"),
    "zh-hant": ("網站管理", "灣區人才通系統管理", "帳戶"),
    "en": ("Site administration", "GBA Talent Bridge administration", "Accounts"),
}


@pytest.fixture
def administrator(make_user: Callable[..., User]) -> User:
    return make_user(Role.ADMINISTRATOR, is_staff=True, is_superuser=True)


def _admin_in(client: Client, language: str) -> str:
    client.post("/i18n/setlang/", {"language": language, "next": "/"})  # the site's language switch
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hans", "zh-hant", "en"])
def test_the_admin_follows_the_language_chosen_on_the_site(
    administrator: User, signed_in: Callable[[User], Client], language: str
) -> None:
    page = _admin_in(signed_in(administrator), language)
    assert re.search(rf'<html lang="{language}"', page)
    own, platform, app = EXPECTED[language]
    assert f"<h1>{own}</h1>" in page
    assert f'<div id="site-name"><a href="/admin/">{platform}</a></div>' in page
    assert f"<title>{own} | {platform}</title>" in page
    assert app in page
    if language != "en":
        assert "Django administration" not in page and "Django 管理" not in page


@pytest.mark.django_db
def test_a_change_list_follows_the_chosen_language_too(
    administrator: User, signed_in: Callable[[User], Client]
) -> None:
    client = signed_in(administrator)
    _admin_in(client, "zh-hant")
    page = client.get("/admin/accounts/user/").content.decode()
    assert '<html lang="zh-hant"' in page
    assert "灣區人才通系統管理" in page and "選擇" in page and "Select" not in page


@pytest.mark.parametrize(("language", "word"), [("zh-hans", "主管部门"), ("zh-hant", "主管部門")])
def test_the_admin_names_the_platforms_records_in_the_page_language(admin_client, language, word):
    admin_client.cookies["django_language"] = language
    page = admin_client.get("/admin/").content.decode()
    assert word in page and "Authorities" not in page and "Api tokens" not in page
