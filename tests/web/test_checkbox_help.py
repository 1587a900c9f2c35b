"""A checkbox's help text is shown under it, and the checkbox is described by it (and by its error)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

pytestmark = pytest.mark.urls("tests.web.field_urls")


class _Described(HTMLParser):
    """Each element's id with its text, and the checkbox's `aria-describedby`."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: dict[str, str] = {}
        self.described_by: list[str] = []
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "input" and values.get("type") == "checkbox":
            self.described_by = (values.get("aria-describedby") or "").split()
        if values.get("id") and tag not in ("input", "textarea", "select"):
            self._open.append(str(values["id"]))
            self.texts[str(values["id"])] = ""

    def handle_data(self, data: str) -> None:
        for element in self._open:
            self.texts[element] += data

    def handle_endtag(self, tag: str) -> None:
        if tag in ("p", "span", "div") and self._open:
            self._open.pop()


def _read(html: str) -> _Described:
    parser = _Described()
    parser.feed(html)
    return parser


def test_a_checkbox_shows_its_help_text_and_is_described_by_it(client):
    response = client.get("/test-consent-form/")

    assert response.status_code == 200
    page = _read(response.content.decode())
    assert page.described_by == ["id_agree_help"]
    assert page.texts["id_agree_help"] == "You may withdraw it at any time."
    assert '<p class="hint" id="id_agree_help">You may withdraw it at any time.</p>' in response.content.decode()


def test_a_checkbox_with_an_error_is_described_by_its_help_and_its_error(client):
    response = client.post("/test-consent-form/", {"notes": "later"})

    assert response.status_code == 400
    page = _read(response.content.decode())
    assert page.described_by == ["id_agree_help", "id_agree_error"]
    assert page.texts["id_agree_help"] == "You may withdraw it at any time."
    assert page.texts["id_agree_error"] == "This field is required."
