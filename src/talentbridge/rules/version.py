"""The rule set's version: semantic version (VERSION) and a content hash of parameters and variables."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

RULES_DIR = Path(__file__).resolve().parent
HASHED_DIRS = ("parameters", "variables")


def rule_files() -> list[Path]:
    """Every parameter and variable file, sorted by path relative to the rules package."""
    files = [
        path
        for folder in HASHED_DIRS
        for path in (RULES_DIR / folder).rglob("*")
        if path.is_file() and path.suffix in {".py", ".yaml", ".yml"}
    ]
    return sorted(files, key=lambda path: path.relative_to(RULES_DIR).as_posix())


@functools.cache
def _content_hash() -> str:
    digest = hashlib.sha256()
    for path in rule_files():
        digest.update(path.relative_to(RULES_DIR).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def rules_version() -> dict[str, str]:
    """`{"semver": ..., "content_hash": ...}` identifying the rule set a determination used."""
    semver = (RULES_DIR / "VERSION").read_text(encoding="utf-8").strip()
    return {"semver": semver, "content_hash": _content_hash()}
