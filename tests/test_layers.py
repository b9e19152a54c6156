"""Imports point one way: plumbing ← crawlers, warehouse ← pipelines ← simulator (README:
Layout). The simulator is at the top: production code never imports it, except the demo."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
# What each top-level package may import of the project's packages.
ALLOWED = {
    "plumbing": set(),
    "crawlers": {"plumbing"},
    "warehouse": {"plumbing"},
    "pipelines": {"plumbing", "crawlers", "warehouse"},
    "simulator": {"plumbing", "crawlers", "warehouse", "pipelines"},
}
# The demo's hook: ``wiredesk demo`` / ``simulate`` and the crawler resource's
# ``network_hook`` serve the simulated network (pipelines/demo.py); the synthetic story
# check ``python -m pipelines.dedupe.score`` scores grouping against the simulator's truth.
DEMO = {("pipelines/demo.py", "simulator"), ("pipelines/commands/demo.py", "simulator"),
        ("pipelines/dedupe/score.py", "simulator")}


def project_imports(path: Path) -> set[str]:
    """The project's top-level packages that a module imports (also inside functions)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                 else [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level
                 else [])
        found |= {n.split(".")[0] for n in names} & set(ALLOWED)
    return found


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_a_package_imports_only_the_layers_below_it(package):
    wrong = []
    for path in sorted((PROJECT / package).rglob("*.py")):
        rel = str(path.relative_to(PROJECT))
        for imported in project_imports(path) - ALLOWED[package] - {package}:
            if (rel, imported) not in DEMO:
                wrong.append(f"{rel} imports {imported}")
    assert not wrong, wrong
