"""Command line: `python -m talentbridge.rules calculate|trace|variables|parameters|simulate`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from talentbridge.rules.catalogue import parameters_catalogue, variables_catalogue
from talentbridge.rules.situation import SituationError, calculate
from talentbridge.rules.system import rulebook

EXIT_USAGE = 2


class CliError(Exception):
    """A one-line error for the user; exits with status 2."""


def _read_json(source: str) -> Any:
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except OSError as error:
        raise CliError(f"{source}: cannot read ({error.strerror})") from error
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise CliError(f"{source}: invalid JSON at line {error.lineno} column {error.colno}: {error.msg}") from error


def _print(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _calculate(args: argparse.Namespace, trace: bool) -> None:
    try:
        _print(calculate(rulebook(), _read_json(args.file), trace=trace))
    except SituationError as error:
        raise CliError(str(error)) from error


def _variables(_: argparse.Namespace) -> None:
    _print(variables_catalogue())


def _parameters(_: argparse.Namespace) -> None:
    _print(parameters_catalogue())


def _simulate(args: argparse.Namespace) -> None:
    from talentbridge.rules.reforms import ReformError
    from talentbridge.rules.simulate import format_table, simulate

    reform = _read_json(args.reform) if args.reform else {}
    by = [column for column in (args.by or "").split(",") if column]
    try:
        result = simulate(args.snapshot, reform, by=by, period=args.period)
    except (ReformError, ValueError, FileNotFoundError) as error:
        raise CliError(str(error)) from error
    if args.json:
        _print(result)
    else:
        sys.stdout.write(format_table(result) + "\n")


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m talentbridge.rules", description=__doc__)
    commands = root.add_subparsers(dest="command", required=True)
    for name, help_text in (("calculate", "fill every null of a situation"), ("trace", "calculate and explain")):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("file", help="situation JSON file, or - for stdin")
    commands.add_parser("variables", help="list the variables")
    commands.add_parser("parameters", help="list the parameters with dated values and references")
    simulate = commands.add_parser("simulate", help="what-if over a population snapshot")
    simulate.add_argument("--snapshot", required=True, help="Parquet snapshot (see SNAPSHOT_COLUMNS)")
    simulate.add_argument("--reform", help='reform JSON: {"parameter.path": {"YYYY-MM-DD": value}}')
    simulate.add_argument("--by", help="comma-separated grouping columns, e.g. practice_field,work_city")
    simulate.add_argument(
        "--period",
        default="2025-01",
        help="month YYYY-MM, or a day YYYY-MM-DD for the rules of that day (default 2025-01)",
    )
    simulate.add_argument("--json", action="store_true", help="print the result as JSON")
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    handlers = {
        "calculate": lambda a: _calculate(a, trace=False),
        "trace": lambda a: _calculate(a, trace=True),
        "variables": _variables,
        "parameters": _parameters,
        "simulate": _simulate,
    }
    try:
        handlers[args.command](args)
    except CliError as error:
        sys.stderr.write(f"error: {error}\n")
        return EXIT_USAGE
    except Exception as error:  # the CLI never shows a traceback
        sys.stderr.write(f"error: internal error: {type(error).__name__}: {error}\n")
        return 1
    return 0
