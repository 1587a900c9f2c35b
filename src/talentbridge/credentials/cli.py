"""`python -m talentbridge.credentials verify FILE --trust-list T.json [--status-lists DIR] [--on DATE]
[--language en|zh-hans|zh-hant]`.

Offline: no network, no database, no Django. Exit 0 valid, 1 not valid, 2 bad input. Besides the signed
claims as they are, the answer gives the issuer's name and what the certificate states of its holder
(`subject`) in the language asked (English by default).
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from talentbridge.credentials.verify_core import issuer_name_in, language_tag, verify_credential

EXIT_VALID, EXIT_NOT_VALID, EXIT_BAD_INPUT = 0, 1, 2
LANGUAGES = ("en", "zh-hans", "zh-hant")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse would exit 2 too; keep its message on stderr
        self.print_usage(sys.stderr)
        raise SystemExit(_fail(message))


def _fail(message: str) -> int:
    print(json.dumps({"error": message}), file=sys.stderr)
    return EXIT_BAD_INPUT


def _list_id(token: str) -> str | None:
    """The `id` (its URL) a status list JWT claims; its signature is checked later against the trust list."""
    try:
        part = token.split(".")[1]
        document = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
        return str(document["id"])
    except (IndexError, ValueError, KeyError, TypeError):
        return None


def load_status_lists(directory: Path) -> dict[str, str]:
    lists: dict[str, str] = {}
    for path in sorted(directory.glob("*.jwt")):
        token = path.read_text(encoding="utf-8").strip()
        list_id = _list_id(token)
        if list_id:
            lists[list_id] = token
    return lists


def _read_credential(path: str) -> str:
    text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    text = text.strip()
    if text.startswith("{"):  # a JSON wrapper as the API takes it
        text = str(json.loads(text).get("credential", ""))
    return text


def main(argv: Sequence[str] | None = None) -> int:
    parser = _Parser(prog="python -m talentbridge.credentials", description="Verify certificates offline.")
    commands = parser.add_subparsers(dest="command", required=True)
    verify = commands.add_parser("verify", help="verify one certificate (a .jwt file, or - for stdin)")
    verify.add_argument("file")
    verify.add_argument("--trust-list", required=True, help="trust list JSON (manage.py export_trust_list)")
    verify.add_argument("--status-lists", help="directory of status list .jwt files from the same export")
    verify.add_argument("--on", help="verify as of this date, YYYY-MM-DD (default: today)")
    verify.add_argument(
        "--language",
        default="en",
        type=str.lower,
        choices=LANGUAGES,
        help="the language of the issuer's name and the statements (default: en)",
    )
    args = parser.parse_args(argv)
    try:
        token = _read_credential(args.file)
        trust_list = json.loads(Path(args.trust_list).read_text(encoding="utf-8"))
        if not isinstance(trust_list, dict) or not isinstance(trust_list.get("issuers"), dict):
            return _fail("the trust list has no issuers")
        status_lists = load_status_lists(Path(args.status_lists)) if args.status_lists else {}
        if args.status_lists and not Path(args.status_lists).is_dir():
            return _fail("the status list directory does not exist")
        on = dt.date.fromisoformat(args.on) if args.on else dt.date.today()
    except (OSError, ValueError, AttributeError) as exc:
        return _fail(str(exc))
    result = verify_credential(token, trust_list=trust_list, on=on, status_lists=status_lists)
    shown = {
        "language": language_tag(args.language),
        "issuer_name": issuer_name_in(result.claims, args.language) if result.claims else None,
        "subject": result.subject(args.language),
    }
    print(json.dumps({**result.as_dict(), "words": result.words, **shown}, ensure_ascii=False, indent=2))
    return EXIT_VALID if result.is_valid else EXIT_NOT_VALID
