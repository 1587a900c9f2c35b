"""Every user-facing string is translated into Simplified and Traditional Chinese, none fuzzy."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

LANGS = ("zh_Hans", "zh_Hant")


def _entries(po: Path) -> list[tuple[str, str, bool]]:
    """(msgid, msgstr, fuzzy) of each entry; plural forms count as translated when all are."""
    entries = []
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if line and not line.startswith("#~")]
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        fields: dict[str, str] = {}
        key = None
        for line in lines:
            if line.startswith("#"):
                continue
            if not line.startswith('"'):
                key, _, line = line.partition(" ")
                fields[key] = ""
            fields[key or ""] += json.loads(line)
        if fields.get("msgid"):
            strs = [v for k, v in fields.items() if k.startswith("msgstr")]
            entries.append((fields["msgid"], "" if not all(strs) else strs[0], fuzzy))
    return entries


@pytest.mark.parametrize("lang", LANGS)
def test_committed_catalogue_is_complete(lang):
    entries = _entries(Path(settings.BASE_DIR) / "locale" / lang / "LC_MESSAGES" / "django.po")
    assert len(entries) > 300
    assert [msgid for msgid, msgstr, fuzzy in entries if not msgstr or fuzzy] == []


def test_catalogues_cover_every_string_in_the_source(tmp_path):
    # given a copy of the project, when makemessages extracts the strings of today's source
    base = Path(settings.BASE_DIR)
    for name in ("src", "config", "locale"):
        shutil.copytree(base / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    shutil.copy(base / "manage.py", tmp_path / "manage.py")
    subprocess.run(  # noqa: S603 - fixed argv: this interpreter and manage.py
        [sys.executable, "manage.py", "makemessages", *(f"-l{lang}" for lang in LANGS), "--verbosity", "0"],
        cwd=tmp_path,
        check=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "config.settings.test", "HOME": str(tmp_path)},
    )
    # then nothing new appears untranslated
    for lang in LANGS:
        entries = _entries(tmp_path / "locale" / lang / "LC_MESSAGES" / "django.po")
        missing = [msgid for msgid, msgstr, fuzzy in entries if not msgstr or fuzzy]
        assert missing == [], f"{lang}: run makemessages and translate {missing}"
