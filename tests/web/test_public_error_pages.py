"""Error pages as production renders them: DEBUG off by default, translated 400/403/404/500, static files served."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation
from django.views import defaults

from talentbridge.accounts.models import Role

pytestmark = pytest.mark.django_db

LANGUAGES = {
    "en": ("en", "Page not found", "Not allowed", "Something went wrong"),
    "zh-hans": ("zh-Hans-CN", "找不到页面", "无权访问", "出现错误"),
    "zh-hant": ("zh-Hant-HK", "找不到頁面", "無權存取", "出現錯誤"),
}


def _settings_value(name: str, **env: str) -> str:
    """A setting as `manage.py` would see it in a fresh process with this environment."""
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_DEBUG"} | env
    environment["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    code = f"import django; django.setup(); from django.conf import settings; print(settings.{name})"
    result = subprocess.run(  # noqa: S603 - a fixed command
        [sys.executable, "-c", code], env=environment, cwd=settings.BASE_DIR, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_debug_is_off_unless_a_developer_asks_for_it() -> None:
    assert _settings_value("DEBUG") == "False"
    assert _settings_value("DEBUG", DJANGO_DEBUG="1") == "True"


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_a_missing_page_answers_the_translated_404_in_the_site_layout(client: Client, reference, language) -> None:
    html_lang, not_found, _forbidden, _error = LANGUAGES[language]

    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE=language)

    html = response.content.decode()
    assert response.status_code == 404
    assert f'<html lang="{html_lang}">' in html
    assert f"<h1>{not_found}</h1>" in html
    assert 'class="site-header"' in html and 'class="lang-switch"' in html
    assert "Traceback" not in html and "Django" not in html and "urlpatterns" not in html


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_a_forbidden_page_answers_the_translated_403(signed_in, make_user, language) -> None:
    html_lang, _not_found, forbidden, _error = LANGUAGES[language]
    client = signed_in(make_user(Role.APPLICANT))

    response = client.get(reverse("web:review_queue"), HTTP_ACCEPT_LANGUAGE=language)

    html = response.content.decode()
    assert response.status_code == 403
    assert f'<html lang="{html_lang}">' in html
    assert f"<h1>{forbidden}</h1>" in html
    assert 'data-error="403"' in html and "Traceback" not in html


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_a_refused_form_answers_the_translated_403_not_djangos_csrf_page(reference, language) -> None:
    html_lang, _not_found, forbidden, _error = LANGUAGES[language]
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        reverse("web:login"), {"username": "a@example.org", "password": "x"}, HTTP_ACCEPT_LANGUAGE=language
    )

    html = response.content.decode()
    assert response.status_code == 403
    assert f'<html lang="{html_lang}">' in html and f"<h1>{forbidden}</h1>" in html
    assert "CSRF verification failed" not in html and "CSRF cookie" not in html
    assert "The form could not be sent" in html or "表" in html
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_the_500_page_renders_translated_without_a_request_context(language) -> None:
    html_lang, _not_found, _forbidden, error = LANGUAGES[language]
    request = RequestFactory().get("/")

    with translation.override(language):
        response = defaults.server_error(request)

    html = response.content.decode()
    assert response.status_code == 500
    assert f'<html lang="{html_lang}">' in html
    assert f"<h1>{error}</h1>" in html
    assert 'href="/static/web/site.css"' in html and 'data-error="500"' in html


def test_a_bad_request_answers_the_translated_400(client: Client, reference) -> None:
    response = client.get("/", HTTP_HOST="evil.example", HTTP_ACCEPT_LANGUAGE="zh-hant")

    html = response.content.decode()
    assert response.status_code == 400
    assert "<h1>無法讀取這個請求</h1>" in html and 'data-error="400"' in html


def test_static_files_and_the_favicon_are_served_with_debug_off(settings, tmp_path: Path, reference) -> None:
    """WhiteNoise serves the collected files (as in production); with DEBUG off Django's own view would not."""
    settings.STATIC_ROOT = tmp_path / "static"
    call_command("collectstatic", interactive=False, verbosity=0)
    client = Client()  # a new client builds the middleware, so WhiteNoise reads the new STATIC_ROOT
    assert settings.DEBUG is False
    css = client.get("/static/web/site.css")
    icon = client.get("/favicon.ico")
    svg = client.get("/static/web/favicon.svg")

    assert (css.status_code, css["Content-Type"]) == (200, 'text/css; charset="utf-8"')
    assert (icon.status_code, icon["Content-Type"]) == (200, "image/x-icon")
    assert b"".join(icon.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert (svg.status_code, svg["Content-Type"]) == (200, "image/svg+xml")


def test_every_page_links_the_favicon(client: Client, reference) -> None:
    html = client.get(reverse("web:login")).content.decode()

    assert '<link rel="icon" href="/favicon.ico" sizes="32x32">' in html
    assert '<link rel="icon" href="/static/web/favicon.svg" type="image/svg+xml">' in html
    assert Path(settings.WHITENOISE_ROOT, "favicon.ico").is_file()
