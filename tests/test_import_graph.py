"""Dependencies between polysql's modules point one way: the static import graph has no cycle.

Every ``import`` counts, also one inside a function (a lazy import hides a cycle from Python, not
from a reader). An edge goes to the module named, or for ``from package import name`` to
``package.name`` when that is a module.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def module_files(root: Path = SRC / "polysql") -> dict[str, Path]:
    """Module name -> file, for every ``.py`` file of the package (a package is its ``__init__``)."""
    modules = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The polysql modules that ``name`` (at ``path``) imports anywhere in its body."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names]
        else:
            continue
        found.update(target for target in targets if target in modules and target != name)
    return found


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph`` as ``[a, b, ..., a]``, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for successor in sorted(graph.get(node, ())):
            if state.get(successor) == 1:
                return path[path.index(successor) :] + [successor]
            if successor not in state:
                cycle = visit(successor)
                if cycle:
                    return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


def test_find_cycle_finds_one_and_only_one():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def test_the_package_has_no_import_cycle():
    modules = module_files()
    assert "polysql.sql.executor" in modules
    graph = {name: imports_of(name, path, modules) for name, path in modules.items()}
    assert graph["polysql.sql.exec_eval"] >= {"polysql.sql.executor"}
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def subpackage(module: str) -> str:
    """``polysql.<sub>`` for a module of a subpackage, the module itself for a top-level one."""
    parts = module.split(".")
    return ".".join(parts[:2])


def package_graph() -> dict[str, set[str]]:
    """The import graph with every subpackage collapsed into one node (its modules' imports merged)."""
    modules = module_files()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        edges = {subpackage(target) for target in imports_of(name, path, modules)} - {subpackage(name)}
        graph.setdefault(subpackage(name), set()).update(edges)
    return graph


def test_subpackages_depend_one_way():
    """A cycle between packages (models -> rewards -> models) is one a module-level check cannot see."""
    graph = package_graph()
    assert "polysql.trl_fields" in graph["polysql.workflow_config"]  # config validation reads TRL's fields
    assert "polysql.workflow_config" in graph["polysql.grpo"]
    cycle = find_cycle(graph)
    assert cycle is None, "package import cycle: " + " -> ".join(cycle)


# Bottom up: a package may import only packages of a lower layer (and the top-level helpers of layer 0).
LAYERS = [
    {"polysql", "polysql.disk"},
    {"polysql.io"},
    {
        "polysql.paths",
        "polysql.runlog",
        "polysql.signals",
        "polysql.config_schema",
        "polysql.cpu",
        "polysql.devices",
        "polysql.trl_fields",
        "polysql.cli",
    },
    {"polysql.sql", "polysql.config_files", "polysql.workflow_plan"},
    {"polysql.data", "polysql.encoder", "polysql.workflow_config", "polysql.config_docs"},
    {"polysql.rewards"},
    {"polysql.models"},
    {"polysql.sft"},
    {"polysql.grpo", "polysql.warm_start"},
    {"polysql.reward_validity"},
    {"polysql.report"},
]


def test_every_arrow_points_down_the_layers():
    """sql below data and encoder, below rewards, below models, below grpo and the warm start, below the report."""
    graph = package_graph()
    layer = {package: number for number, packages in enumerate(LAYERS) for package in packages}
    unplaced = sorted(set(graph) - set(layer))
    assert not unplaced, f"place these packages in LAYERS: {unplaced}"
    upward = sorted(f"{a} -> {b}" for a, targets in graph.items() for b in targets if layer[b] >= layer[a])
    assert not upward, "imports that do not point down the layers: " + ", ".join(upward)
