"""Chinese text a person reads is punctuated the Chinese way: full-width commas, colons, semicolons and brackets
between Chinese words, and no space between two Chinese characters or next to full-width punctuation.

Read from what the pages use: the compiled translations (locale/*/LC_MESSAGES/django.mo), the zh_hans/zh_hant
labels of the YAML data files and the vocabulary's labels.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from talentbridge.vocabulary import value_labels

ROOT = Path(__file__).resolve().parent.parent
CHINESE = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
FULL_WIDTH_PUNCTUATION = r"[\u3001-\u3011\u3014-\u301f\uff01\uff08\uff09\uff0c\uff1a\uff1b\uff1f]"
CHINESE_OR_MARK = rf"(?:{CHINESE}|{FULL_WIDTH_PUNCTUATION})"
FAULTS = {
    "half-width punctuation between Chinese characters": re.compile(
        rf"{CHINESE_OR_MARK}\s*[,:;()]\s*{CHINESE_OR_MARK}"
    ),
    "a space between two Chinese characters": re.compile(rf"{CHINESE}\s+{CHINESE}"),
    "a space next to full-width punctuation": re.compile(rf"\s{FULL_WIDTH_PUNCTUATION}|{FULL_WIDTH_PUNCTUATION}\s"),
}
# The argument of the `yesno` template filter: its comma separates the choices and is never shown.
NOT_SHOWN_AS_WRITTEN = {"yes,no"}


def faults(text: str) -> list[str]:
    return [name for name, pattern in FAULTS.items() if pattern.search(text)]


def catalogue(path: Path) -> dict[str, str]:
    """msgid -> msgstr of a compiled catalogue (GNU .mo); plural forms are joined by NUL as in the file."""
    data = path.read_bytes()
    order = "<" if data[:4] == b"\xde\x12\x04\x95" else ">"
    _, count, originals, translations = struct.unpack(order + "4I", data[4:20])[:4]
    entries = {}
    for i in range(count):
        length, offset = struct.unpack(order + "2I", data[originals + 8 * i : originals + 8 * i + 8])
        msgid = data[offset : offset + length].decode()
        length, offset = struct.unpack(order + "2I", data[translations + 8 * i : translations + 8 * i + 8])
        entries[msgid] = data[offset : offset + length].decode()
    return entries


def yaml_labels(node: Any, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("zh_hans", "zh_hant") and isinstance(value, str):
                yield f"{where}.{key}", value
            else:
                yield from yaml_labels(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from yaml_labels(value, f"{where}[{index}]")


@pytest.mark.parametrize("language", ["zh_Hans", "zh_Hant"])
def test_compiled_translations_are_punctuated_the_chinese_way(language: str) -> None:
    entries = catalogue(ROOT / "locale" / language / "LC_MESSAGES" / "django.mo")
    assert len(entries) > 100  # the catalogue was read
    found = [
        f"{msgid!r} -> {msgstr!r}: {', '.join(faults(msgstr))}"
        for msgid, msgstr in entries.items()
        if msgid and msgid not in NOT_SHOWN_AS_WRITTEN and faults(msgstr)
    ]
    assert not found, "\n".join(found)


def test_yaml_labels_are_punctuated_the_chinese_way() -> None:
    files = sorted((ROOT / "src" / "talentbridge").rglob("*.yaml"))
    assert any(path.parent.name == "workflows" for path in files)
    found = [
        f"{path.relative_to(ROOT)} {where}: {text!r}: {', '.join(faults(text))}"
        for path in files
        for where, text in yaml_labels(yaml.safe_load(path.read_text(encoding="utf-8")), "")
        if faults(text)
    ]
    assert not found, "\n".join(found)


def test_vocabulary_labels_are_punctuated_the_chinese_way() -> None:
    found = [
        f"{code} {language}: {label[language]!r}"
        for code, label in value_labels().items()
        for language in ("zh_hans", "zh_hant")
        if faults(label[language])
    ]
    assert not found, "\n".join(found)


def test_the_check_finds_what_it_looks_for() -> None:
    assert faults("律师 (内地九市)") == ["half-width punctuation between Chinese characters"]
    assert faults("依据:《条例》") == ["half-width punctuation between Chinese characters"]
    assert faults("内地 九市") == ["a space between two Chinese characters"]
    assert faults("申请 。") == ["a space next to full-width punctuation"]
    assert not faults("请于 %(date)s 前提交，例如 2025-01。")
    assert not faults("人民币 159,120.00 元")


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "source"), [("en", "Source: "), ("zh-hans", "依据："), ("zh-hant", "依據：")])
def test_a_page_joins_a_label_and_its_value_with_the_languages_colon(client, reference, language, source):
    from django.urls import reverse

    client.cookies["django_language"] = language
    data = {"category": "research", "holds_valid_eep": "on", "work_city": "shenzhen", "on": "2025-06-10"}
    html = client.post(reverse("web:endorsement_check"), data).content.decode()
    assert source in html
    if language != "en":
        assert re.search(r"[\u4e00-\u9fff]: ", html) is None  # no Chinese label followed by an English colon


def test_a_reference_read_from_several_values_cites_each_part_once():
    from talentbridge.rules import labels

    part = "NIA announcement, talent endorsement [src: reposts; hk01]"
    assert labels.source([part, part])["title"] == labels.source(part)["title"]
    assert labels.source(f"{part}; {part}")["title"] == labels.source(part)["title"]
