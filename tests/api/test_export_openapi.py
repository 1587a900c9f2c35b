"""The `export_openapi` command: stable output, drift detection, and the committed file is current."""

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

COMMITTED = Path(__file__).resolve().parents[2] / "openapi" / "openapi.json"


def test_output_is_stable_sorted_json_with_a_trailing_newline(tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"

    call_command("export_openapi", output=str(first))
    call_command("export_openapi", output=str(second))

    text = first.read_text(encoding="utf-8")
    assert text == second.read_text(encoding="utf-8")
    assert text.endswith("}\n")
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_check_passes_on_the_committed_file():
    call_command("export_openapi", check=str(COMMITTED))


def test_check_fails_with_a_diff_on_drift(tmp_path):
    stale = tmp_path / "openapi.json"
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    schema["info"]["title"] = "Something else"
    stale.write_text(json.dumps(schema, indent=2, sort_keys=True) + "\n", encoding="utf-8")

    with pytest.raises(CommandError) as excinfo:
        call_command("export_openapi", check=str(stale))

    assert "is out of date" in str(excinfo.value)
    assert '-    "title": "Something else"' in str(excinfo.value)
    assert '+    "title": "GBA Talent Bridge API"' in str(excinfo.value)


def test_check_fails_on_a_missing_file(tmp_path):
    with pytest.raises(CommandError):
        call_command("export_openapi", check=str(tmp_path / "missing.json"))


def test_schema_documents_errors_and_security():
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))

    create = schema["paths"]["/api/v1/practice/apply"]["post"]
    assert set(create["responses"]) == {"201", "401", "403", "404", "422"}
    assert create["responses"]["422"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ErrorOut"
    }
    assert create["security"] == [{"BearerTokenAuth": []}, {"SessionAuth": []}]
    assert schema["components"]["schemas"]["ErrorOut"]["required"] == ["code", "message", "details"]
    assert "security" not in schema["paths"]["/api/v1/health"]["get"]
    assert set(schema["components"]["schemas"]["PagedApplicationOut"]["properties"]) == {
        "items", "count", "page", "pages",
    }  # fmt: skip


def test_schema_names_are_unique_across_routers():
    """Two schema classes with one name would silently overwrite each other in the OpenAPI document."""
    import importlib
    import inspect
    import pkgutil

    from ninja import Schema

    from talentbridge.api import rules_schemas, schemas
    from talentbridge.api.routers import credentials, insurance, mobility, practice, rules

    areas = [importlib.import_module(f"{schemas.__name__}.{m.name}") for m in pkgutil.iter_modules(schemas.__path__)]
    seen: dict[str, str] = {}
    for module in (*areas, rules_schemas, credentials, insurance, mobility, practice, rules):
        for name, value in vars(module).items():
            if inspect.isclass(value) and issubclass(value, Schema) and value.__module__ == module.__name__:
                assert name not in seen, f"{name} is defined in {seen[name]} and {module.__name__}"
                seen[name] = module.__name__
