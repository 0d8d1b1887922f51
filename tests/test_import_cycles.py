"""No import loop anywhere in glossator, at any level.

The graph is built by grimp (import-linter's engine), which reads every
import statement, including those inside functions and under
`TYPE_CHECKING`. Loops are looked for between modules, and between the
sub-packages and modules of each package (so `whoosh/` as a whole must not
import a module that imports it back).
"""

from __future__ import annotations

from collections import defaultdict

import grimp
import pytest

ROOT = "glossator"


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("glossator", include_external_packages=False)


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    counter = 0

    def visit(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return out


def _index_modules(graph: grimp.ImportGraph) -> set[str]:
    return {m for m in graph.modules if m == ROOT or m.startswith(ROOT + ".")}


def _edges_at(graph: grimp.ImportGraph, package: str) -> dict[str, set[str]]:
    """Imports between the direct children of `package`, each standing for
    everything under it."""
    prefix = package + "."
    depth = package.count(".") + 1

    def child(module: str) -> str | None:
        if not module.startswith(prefix):
            return None
        return ".".join(module.split(".")[: depth + 1])

    edges: dict[str, set[str]] = defaultdict(set)
    for module in _index_modules(graph):
        source = child(module)
        if source is None:
            continue
        for imported in graph.find_modules_directly_imported_by(module):
            target = child(imported)
            if target is not None and target != source:
                edges[source].add(target)
    return edges


def test_the_graph_sees_imports_inside_functions(graph: grimp.ImportGraph) -> None:
    # `Index` makes the Whoosh engine inside a function; it must be counted.
    assert graph.direct_import_exists(
        importer="glossator.index.indexer", imported="glossator.index.whoosh.backend"
    )


def test_no_loop_between_modules(graph: grimp.ImportGraph) -> None:
    edges: dict[str, set[str]] = defaultdict(set)
    modules = _index_modules(graph)
    for module in modules:
        edges[module] |= graph.find_modules_directly_imported_by(module) & modules
    assert _cycles(edges) == []


def test_no_loop_between_packages_at_any_level(graph: grimp.ImportGraph) -> None:
    packages = sorted(
        m for m in _index_modules(graph) if any(o.startswith(m + ".") for o in graph.modules)
    )
    assert {ROOT + ".index.whoosh", ROOT + ".tui.screens", ROOT + ".service"} <= set(packages)
    loops = {p: _cycles(_edges_at(graph, p)) for p in packages}
    assert {p: c for p, c in loops.items() if c} == {}
