"""The layers: glossator.index, glossator.annotations and glossator.service are
plain Python, and everything imports through the one `glossator` namespace."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
LAYERS = ("index", "annotations", "tui")

CHECK = """
import sys, pkgutil, importlib
import {pkg}
for mod in pkgutil.walk_packages(getattr({pkg}, "__path__", []), "{pkg}."):
    if mod.name.endswith("build_gazetteer"):
        continue
    importlib.import_module(mod.name)
bad = sorted(
    m for m in sys.modules
    if m == "textual" or m.startswith("textual.") or m.startswith("glossator.tui")
    or m.split(".")[0] in {layers!r}
)
print(",".join(bad))
"""


def _check(pkg: str) -> str:
    out = subprocess.run(
        [sys.executable, "-c", CHECK.format(pkg=pkg, layers=LAYERS)],
        capture_output=True,
        text=True,
        check=True,
        cwd="/",
    )
    return out.stdout.strip()


@pytest.mark.parametrize("pkg", ["glossator.index", "glossator.annotations", "glossator.service"])
def test_layer_does_not_import_textual_or_tui(pkg: str) -> None:
    assert _check(pkg) == ""


def test_annotations_does_not_import_index() -> None:
    code = CHECK.format(pkg="glossator.annotations", layers=LAYERS).replace(
        'm == "textual"', 'm.startswith("glossator.index") or m == "textual"'
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text("utf-8"), str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append((node.lineno, node.module))
    return found


def test_nothing_imports_a_layer_by_its_bare_folder_name() -> None:
    """`import index` would work from the repository root and nowhere else."""
    files = [p for d in (*LAYERS, "tests", "bench") for p in (REPO / d).rglob("*.py")]
    bad = [
        f"{p.relative_to(REPO)}:{line}: {name}"
        for p in files
        for line, name in _imports(p)
        if name.split(".")[0] in LAYERS
    ]
    assert not bad, "\n".join(bad)


def _module_imports(path: Path) -> set[str]:
    """Every glossator module a file imports, at module level or inside functions."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
    return {name for name in found if name.startswith("glossator.")}


def test_no_import_loop_in_the_reader_or_the_service() -> None:
    """`tui` and `service` import each module below them, never back (counting lazy imports)."""
    roots = {"glossator.tui": REPO / "tui", "glossator.service": REPO / "glossator" / "service"}
    files: dict[str, Path] = {}
    for package, folder in roots.items():
        for p in folder.rglob("*.py"):
            parts = p.relative_to(folder).with_suffix("").parts
            parts = parts[:-1] if parts[-1] == "__init__" else parts
            files[".".join((package, *parts))] = p
    graph = {m: _module_imports(p) & files.keys() for m, p in files.items()}
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            raise AssertionError(" -> ".join([*path[path.index(module) :], module]))
        if module in done:
            return
        for target in sorted(graph[module]):
            visit(target, [*path, module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])
