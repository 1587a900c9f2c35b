"""The shape of the code: private names stay in their module, one language-key function.

These read the source (with `ast`), so a new module is checked without editing the test.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "talentbridge"


def _modules() -> list[tuple[str, Path, ast.Module]]:
    found = []
    for path in sorted((SRC / PACKAGE).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        parts = path.relative_to(SRC).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found.append((name, path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))))
    return found


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _package_of(module: str, path: Path) -> str:
    return module if path.name == "__init__.py" else module.rpartition(".")[0]


def _absolute(module: str, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = _package_of(module, path).split(".")
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def _crossings() -> list[str]:
    """`from a import _x`, `import a._x` from outside a's package, and `a._x` on an imported project module."""
    found = []
    for module, path, tree in _modules():
        package = _package_of(module, path)
        imported_modules: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                source = _absolute(module, path, node)
                if not source.startswith(PACKAGE):
                    continue
                for alias in node.names:
                    target = f"{source}.{alias.name}"
                    # A private name (or private module) is imported only from the importer's own package.
                    if _private(alias.name) and source not in (module, package):
                        found.append(f"{path.relative_to(SRC)}:{node.lineno} imports {target}")
                    imported_modules.add(alias.asname or alias.name)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith(PACKAGE):
                        imported_modules.add(alias.asname or alias.name.split(".")[0])
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and _private(node.attr)
                and node.attr != "_meta"  # Django's documented model API
                and isinstance(node.value, ast.Name)
                and node.value.id in imported_modules
            ):
                found.append(f"{path.relative_to(SRC)}:{node.lineno} reads {node.value.id}.{node.attr}")
    return found


def test_no_module_reaches_into_another_modules_private_names() -> None:
    assert _crossings() == []


def test_one_function_maps_a_django_language_to_the_key_of_trilingual_data() -> None:
    """`core.languages.language_key` alone knows that zh-hant, zh-hk and zh-tw read Traditional."""
    copies = []
    for _module, path, tree in _modules():
        if path == SRC / PACKAGE / "core" / "languages.py":
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and node.value in {"zh-hant", "zh-hk", "zh-tw"}:
                parent_calls = path.read_text(encoding="utf-8").splitlines()[node.lineno - 1]
                if "startswith" in parent_calls or "zh-hk" in parent_calls or "zh-tw" in parent_calls:
                    copies.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert copies == []


def _imports() -> dict[str, set[str]]:
    """Project module -> project modules it imports anywhere in it (function-local imports too)."""
    modules = {name: (path, tree) for name, path, tree in _modules()}
    edges: dict[str, set[str]] = {name: set() for name in modules}
    for name, (path, tree) in modules.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                source = _absolute(name, path, node)
                for alias in node.names:
                    target = f"{source}.{alias.name}"
                    if target in modules:
                        edges[name].add(target)
                    elif source in modules:
                        edges[name].add(source)
            elif isinstance(node, ast.Import):
                edges[name].update(alias.name for alias in node.names if alias.name in modules)
        edges[name].discard(name)
    return edges


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycle_even_through_imports_inside_functions() -> None:
    assert _cycles(_imports()) == []


def test_every_setting_the_code_reads_is_declared_in_the_base_settings() -> None:
    """`settings.X` and `getattr(settings, "X")` name settings that config/settings/base.py declares
    (or Django's own defaults), so none silently falls back to a default written at the call."""
    from django.conf import global_settings

    import config.settings.base as base

    declared = {name for name in dir(base) if name.isupper()} | {n for n in dir(global_settings) if n.isupper()}
    read: dict[str, str] = {}
    for _module, path, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "settings":
                if node.attr.isupper():
                    read.setdefault(node.attr, f"{path.relative_to(SRC)}:{node.lineno}")
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "getattr"
                and len(node.args) >= 2
                and isinstance(node.args[0], ast.Name)
                and node.args[0].id == "settings"
            ):
                assert len(node.args) == 2, f"{path.relative_to(SRC)}:{node.lineno} reads a setting with a default"
                if isinstance(node.args[1], ast.Constant):
                    read.setdefault(str(node.args[1].value), f"{path.relative_to(SRC)}:{node.lineno}")
    assert {name: where for name, where in read.items() if name not in declared} == {}


def test_production_refuses_to_start_without_its_public_address(tmp_path) -> None:
    import os
    import subprocess
    import sys

    env = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "talent.example.org",
        "TALENTBRIDGE_VAR_DIR": str(tmp_path),
    }
    code = "import django; django.setup(); from django.conf import settings; print(settings.CREDENTIALS_BASE_URL)"
    root = SRC.parent
    without = subprocess.run(  # noqa: S603 (this interpreter, a fixed program)
        [sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True, check=False
    )
    assert without.returncode != 0 and "CREDENTIALS_BASE_URL" in without.stderr
    given = {**env, "CREDENTIALS_BASE_URL": "https://talent.example.org"}
    with_it = subprocess.run(  # noqa: S603 (this interpreter, a fixed program)
        [sys.executable, "-c", code], cwd=root, env=given, capture_output=True, text=True, check=False
    )
    assert with_it.returncode == 0, with_it.stderr
    assert with_it.stdout.strip() == "https://talent.example.org"
