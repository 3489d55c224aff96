"""The package's import graph has no cycle, counting imports made inside functions; the rule module is a leaf."""
from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "auditor"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking_only(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Map each module of the package to the package modules it imports, anywhere in its code.

    `from .x import y` names module x.y when that is a module, else x; imports under
    `if TYPE_CHECKING:` never run and are left out.
    """
    files = {_module_name(p): p for p in package.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        here = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        edges: set[str] = set()
        stack: list[ast.AST] = [ast.parse(path.read_text(encoding="utf-8"))]
        while stack:
            for node in ast.iter_child_nodes(stack.pop()):
                if _type_checking_only(node):
                    continue
                stack.append(node)
                if isinstance(node, ast.Import):
                    edges.update(a.name for a in node.names if a.name in files)
                elif isinstance(node, ast.ImportFrom):
                    if node.level:
                        base = here[:len(here) - node.level + 1] + ([node.module] if node.module else [])
                        target = ".".join(base)
                    else:
                        target = node.module or ""
                    if target in files:
                        edges.update(f"{target}.{a.name}" if f"{target}.{a.name}" in files else target
                                     for a in node.names)
        edges.discard(name)
        graph[name] = edges
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
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


def test_the_graph_sees_imports_inside_functions():
    graph = import_graph()
    assert "auditor.checks.pattern" in graph["auditor.checks"]      # check_types() imports each type lazily
    assert "auditor.documents" in graph["auditor.engine"]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_in_the_package():
    found = cycles(import_graph())
    assert not found, "import cycles: " + "; ".join(" <-> ".join(c) for c in found)


def test_the_rule_module_is_a_leaf():
    """A rule (its data and template language) depends on the finding it makes, nothing more."""
    assert import_graph()["auditor.rule"] <= {"auditor.model"}
