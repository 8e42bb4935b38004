"""Every rule's script imports only what its conda environment pins (``--sdm conda`` would fail otherwise).

For each rule with a ``script:``, the imports are read with ``ast``: the script's own, then, through
the polysql names it imports, what those functions and classes import when they run (imports inside
their bodies, the module-level imports of their modules, and the same for the module's functions and
polysql names they call), transitively. Each third-party top-level module is mapped to its
distribution (importlib.metadata) and must be pinned in the rule's ``envs/*.yaml``. This is a static
approximation: a call through a variable or a plugin registry is not followed.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
from functools import lru_cache
from pathlib import Path

import pytest
from packaging.utils import canonicalize_name

from test_envs import conda_env_pins

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
RULES = REPO / "workflow" / "rules"
# Modules a script may import without an env entry: the standard library and polysql (on PYTHONPATH).
LOCAL = {"polysql"}
# Optional backends, imported only when configured, deliberately not in the envs (see envs/train.yaml).
OPTIONAL = {"vllm"}


# Shell rules that run a polysql module: the launcher variable -> the module's file.
SHELL_MODULES = {"{params.launch}": "polysql.grpo.train"}


def rule_scripts() -> list[tuple[str, str, Path, Path | None]]:
    """(rule file, rule name, script path, conda env path or None) of every rule with a script, or a
    shell command running a polysql module (the module's file stands for the script)."""
    found = []
    for smk in sorted(RULES.glob("*.smk")):
        text = smk.read_text(encoding="utf-8")
        for match in re.finditer(r"^rule (\w+):\n(.*?)(?=^rule |\Z)", text, re.M | re.S):
            body = match.group(2)
            script = re.search(r"^    script:\s*\n\s*\"([^\"]+)\"", body, re.M)
            shell = re.search(r"^    shell:\s*\n\s*\"([^\"]+)\"", body, re.M)
            modules = [module for key, module in SHELL_MODULES.items() if shell and key in shell.group(1)]
            if not script and not modules:
                continue
            if modules:
                conda = re.search(r"^    conda:\s*\n\s*\"([^\"]+)\"", body, re.M)
                found.append(
                    (
                        smk.name,
                        match.group(1),
                        _module_path(modules[0]),
                        (smk.parent / conda.group(1)).resolve() if conda else None,
                    )
                )
                continue
            conda = re.search(r"^    conda:\s*\n\s*\"([^\"]+)\"", body, re.M)
            found.append(
                (
                    smk.name,
                    match.group(1),
                    (smk.parent / script.group(1)).resolve(),
                    (smk.parent / conda.group(1)).resolve() if conda else None,
                )
            )
    return found


def _module_path(module: str) -> Path | None:
    base = SRC.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


@lru_cache(maxsize=None)
def _parse(module: str) -> ast.Module | None:
    path = _module_path(module)
    return ast.parse(path.read_text(encoding="utf-8")) if path else None


def _absolute(module: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    parts = module.split(".")
    is_package = _module_path(module) is not None and _module_path(module).name == "__init__.py"
    base = parts if is_package else parts[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _imports_in(nodes, module: str) -> tuple[set[str], dict[str, tuple[str, str]]]:
    """Imported modules and, for ``from polysql.x import name``, local name -> (module, name)."""
    modules: set[str] = set()
    names: dict[str, tuple[str, str]] = {}
    for node in nodes:
        for sub in ast.walk(node):
            if isinstance(sub, ast.Import):
                modules.update(alias.name for alias in sub.names)
            elif isinstance(sub, ast.ImportFrom):
                source = _absolute(module, sub)
                modules.add(source)
                for alias in sub.names:
                    names[alias.asname or alias.name] = (source, alias.name)
                    if _module_path(f"{source}.{alias.name}"):  # from polysql.x import submodule
                        modules.add(f"{source}.{alias.name}")
    return modules, names


def _module_level(tree: ast.Module) -> list[ast.stmt]:
    """Top-level statements that run on import (not function/class bodies, not TYPE_CHECKING blocks)."""
    kept = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        kept.append(node)
    return kept


class ImportCollector:
    """Third-party top-level modules reached from a script through polysql (see the module docstring)."""

    def __init__(self) -> None:
        self.external: set[str] = set()
        self._seen_modules: set[str] = set()
        self._seen_names: set[tuple[str, str]] = set()

    def add_modules(self, modules) -> None:
        for module in modules:
            top = module.split(".")[0]
            if top in LOCAL:
                self.visit_module(module)
            elif top and top not in sys.stdlib_module_names and top != "__future__":
                self.external.add(top)

    def visit_module(self, module: str) -> None:
        if module in self._seen_modules:
            return
        self._seen_modules.add(module)
        parts = module.split(".")
        for i in range(1, len(parts)):  # importing a.b.c runs a/__init__ and a/b/__init__
            self.visit_module(".".join(parts[:i]))
        tree = _parse(module)
        if tree is None:
            return
        modules, names = _imports_in(_module_level(tree), module)
        self.add_modules(modules)
        for local, (source, name) in names.items():  # module-level `from polysql.x import f`: f may run
            if source.split(".")[0] in LOCAL and self._calls(tree, local):
                self.visit_name(source, name)

    @staticmethod
    def _calls(tree: ast.Module, name: str) -> bool:
        return any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(tree))

    def visit_name(self, module: str, name: str) -> None:
        if (module, name) in self._seen_names:
            return
        self._seen_names.add((module, name))
        self.visit_module(module)
        tree = _parse(module)
        if tree is None:
            return
        definition = next(
            (
                n
                for n in tree.body
                if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and n.name == name
            ),
            None,
        )
        if definition is None:
            # re-exported: follow `from .x import name` at module level
            _, names = _imports_in(_module_level(tree), module)
            if name in names and names[name][0].split(".")[0] in LOCAL:
                self.visit_name(*names[name])
            return
        modules, names = _imports_in([definition], module)
        self.add_modules(modules)
        _, module_names = _imports_in(_module_level(tree), module)
        names = {**module_names, **names}
        top_level = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}
        for sub in ast.walk(definition):
            if isinstance(sub, ast.Name):
                if sub.id in top_level and sub.id != name:
                    self.visit_name(module, sub.id)
                elif sub.id in names and names[sub.id][0].split(".")[0] in LOCAL:
                    self.visit_name(*names[sub.id])

    def visit_script(self, script: Path) -> None:
        tree = ast.parse(script.read_text(encoding="utf-8"))
        modules, names = _imports_in([tree], "__script__")
        self.add_modules(modules)
        for source, name in names.values():
            if source.split(".")[0] in LOCAL:
                self.visit_name(source, name)


@lru_cache(maxsize=1)
def _distributions() -> dict[str, list[str]]:
    return importlib.metadata.packages_distributions()


def distribution_of(module: str) -> str:
    """The canonical distribution name providing a top-level module (the module's name if unknown)."""
    names = _distributions().get(module)
    return canonicalize_name(names[0]) if names else canonicalize_name(module)


def missing_packages(script: Path, env: Path) -> list[str]:
    """Distributions a script's imports need that the env does not list, as ``module (distribution)``."""
    collector = ImportCollector()
    collector.visit_script(script)
    pins = conda_env_pins(env)
    return sorted(
        f"{module} ({distribution_of(module)})"
        for module in collector.external - OPTIONAL
        if distribution_of(module) not in pins
    )


RULE_SCRIPTS = rule_scripts()


def test_rules_with_scripts_are_found():
    names = {rule for _, rule, _, _ in RULE_SCRIPTS}
    assert {"fetch_multispider", "prepare", "train_grpo", "main_table", "evaluate", "generate"} <= names


@pytest.mark.parametrize("smk, rule, script, env", RULE_SCRIPTS, ids=[r for _, r, _, _ in RULE_SCRIPTS])
def test_rule_script_imports_are_in_its_env(smk, rule, script, env):
    assert env is not None, f"{smk}: rule {rule} runs a script but declares no conda: env"
    assert script.is_file() and env.is_file()
    missing = missing_packages(script, env)
    assert not missing, f"{smk}: rule {rule} ({script.name}) imports {missing}, not in {env.name}"


def test_the_checker_follows_imports_into_polysql_functions(tmp_path):
    """fetch_multispider imports huggingface_hub inside polysql.data.fetch.fetch_multispider: found."""
    collector = ImportCollector()
    collector.visit_script(REPO / "workflow" / "scripts" / "fetch_multispider.py")
    assert "huggingface_hub" in collector.external
    env = tmp_path / "env.yaml"
    env.write_text("dependencies:\n  - python=3.11\n  - pip:\n      - PyYAML==6.0.4\n      - tqdm==4.70.1\n")
    assert "huggingface_hub (huggingface-hub)" in missing_packages(
        REPO / "workflow" / "scripts" / "fetch_multispider.py", env
    )
