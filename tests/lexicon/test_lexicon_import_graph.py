"""lexicon and sandbox import one way: no circle, not even one held together by an import
inside a function (those count here as if they stood at the top of the module)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("lexicon", "sandbox")


def _modules() -> dict[str, Path]:
    out = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def _imported(tree: ast.AST, modules: dict[str, Path]) -> set[str]:
    """Our modules a module imports anywhere in its body, functions included."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in found if name in modules}


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {
        name: _imported(ast.parse(path.read_text(encoding="utf-8")), modules) - {name}
        for name, path in modules.items()
    }


def _circle(graph: dict[str, set[str]]) -> list[str]:
    """One import circle, as the path that closes it; [] when there is none."""
    done: set[str] = set()

    def visit(name: str, path: list[str]) -> list[str]:
        if name in path:
            return path[path.index(name) :] + [name]
        if name in done:
            return []
        for nxt in sorted(graph[name]):
            found = visit(nxt, [*path, name])
            if found:
                return found
        done.add(name)
        return []

    for name in sorted(graph):
        found = visit(name, [])
        if found:
            return found
    return []


def test_the_graph_sees_the_packages():
    graph = _graph()
    assert {"lexicon.names", "lexicon.translit", "sandbox.server"} <= set(graph)
    assert {"sandbox.sites.news", "sandbox.faults"} <= graph["sandbox.server"]


def test_no_import_circle_in_lexicon_or_sandbox():
    assert _circle(_graph()) == []


def test_a_circle_is_found_when_there_is_one():
    assert _circle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
