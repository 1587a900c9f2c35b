"""A printed page (a certificate above all) carries the page's content only: the site's header, navigation,
footer and screen-only links are hidden on paper; the certificate, its QR code and how to verify it stay."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.template import engines
from django.urls import reverse

from talentbridge.credentials import services
from talentbridge.credentials.models import Certificate

COMMENT = re.compile(r"/\*.*?\*/", re.S)
RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")


def _template_source(name: str) -> str:
    template = engines["django"].get_template(name)
    return Path(template.origin.name).read_text(encoding="utf-8")


def _print_rules() -> list[tuple[set[str], str]]:
    """Each rule inside the stylesheet's `@media print` blocks: its selectors and its declarations."""
    path = finders.find("web/site.css")
    assert path, "the site's stylesheet"
    css = COMMENT.sub("", Path(str(path)).read_text(encoding="utf-8"))
    rules = []
    for match in re.finditer(r"@media print\s*\{", css):
        depth, i = 1, match.end()
        while depth:
            depth += {"{": 1, "}": -1}.get(css[i], 0)
            i += 1
        for selectors, body in RULE.findall(css[match.end() : i - 1]):
            rules.append(({s.strip() for s in selectors.split(",")}, body))
    assert rules, "the stylesheet has print rules"
    return rules


def _hidden_on_paper() -> set[str]:
    hiding = (sels for sels, body in _print_rules() if re.search(r"display\s*:\s*none", body))
    return set().union(*hiding)


def _chrome_classes() -> set[str]:
    """The classes of the base template's header, navigation and footer (and its skip link)."""
    base = _template_source("web/base.html")
    classes = {
        f".{name}" for tag in ("header", "nav", "footer") for name in re.findall(rf'<{tag} class="([\w-]+)"', base)
    }
    classes |= {f".{name}" for name in re.findall(r'<a class="(skip-link)"', base)}
    assert {".site-header", ".site-nav", ".site-footer"} <= classes, "the base template's chrome is found"
    return classes


def test_the_site_chrome_is_hidden_on_paper() -> None:
    assert _chrome_classes() - _hidden_on_paper() == set()


def test_the_certificate_its_qr_code_and_its_verification_line_stay_on_paper() -> None:
    printed = _template_source("web/credentials/print.html") + _template_source("web/credentials/_result.html")
    for kept in ("certificate", "certificate-qr", "certificate-result", "certificate-qr-missing"):
        assert f'class="{kept}' in printed or f' {kept}"' in printed or f" {kept} " in printed
        assert f".{kept}" not in _hidden_on_paper()


@pytest.mark.django_db
def test_the_printed_certificate_marks_its_screen_links_to_be_hidden(reference, applicant, signed_in) -> None:
    certificate: Certificate = services.certificate_issue(
        issuer_code="GD-DOJ",
        subject={"user_id": str(applicant.pk), "name": "Chan Tai Man"},
        claims={"profession": "lawyer"},
        valid_from=dt.date(2025, 1, 1),
        valid_until=None,
    )

    page = signed_in(applicant).get(reverse("web:certificate_print", args=[certificate.pk])).content.decode()

    hidden = {selector.lstrip(".") for selector in _hidden_on_paper() if re.fullmatch(r"\.[\w-]+", selector)}
    download = re.search(r'<p class="([^"]+)">(?:(?!</p>).)*?<a href="[^"]+/certificate\.jwt"', page, re.S)
    assert download, "the download link's paragraph"
    assert set(download.group(1).split()) & hidden, "the download and verification-page links are not printed"
    assert "Scan to verify this certificate" in page.split("screen-only", 1)[0]
