"""``grpo.trainer`` checked at start-up against TRL's GRPOConfig, without importing TRL.

``from trl import GRPOConfig`` imports transformers and torch: about 4 s on the reference 2-core
machine, more than the whole dry run (about 2.5 s). The workflow validates its config on every
``snakemake`` invocation, so this module reads GRPOConfig's fields from the installed sources
instead: the dataclass field declarations of ``trl.trainer.grpo_config.GRPOConfig`` and of every
base class (TRL's ``_BaseConfig``, transformers' ``TrainingArguments``), parsed with ``ast``
(about 0.1 s). When the sources cannot be read that way (a future layout), it falls back to
importing TRL. ``tests/test_grpo_config.py`` checks the two agree.

Checks (every problem is reported, each naming its key):

- an unknown field, with the closest valid field (difflib);
- fields the workflow sets itself (``output_dir``, ``seed``, ``reward_weights``);
- a value of the wrong type for the field's annotation (``int``, ``float``, ``bool``, ``str``,
  optionally ``None``), e.g. ``learning_rate: 1e-4``, which YAML reads as a string;
- values out of range (:data:`BOUNDS`): ``max_steps`` must be -1 (epoch-based) or >= 1,
  ``num_generations`` >= 2, ``learning_rate`` and ``temperature`` > 0, ...
"""

from __future__ import annotations

import ast
import difflib
import functools
import importlib.metadata
import importlib.util
import logging
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

log = logging.getLogger(__name__)

GRPO_CONFIG = ("trl.trainer.grpo_config", "GRPOConfig")
# Classes re-exported by a package __init__ that is not plain source (transformers' lazy module).
KNOWN_REEXPORTS = {("transformers", "TrainingArguments"): "transformers.training_args"}
RESERVED = ("output_dir", "seed", "reward_weights")


@dataclass(frozen=True)
class FieldInfo:
    """One GRPOConfig field as declared: its annotation (source text) and literal default (or None)."""

    name: str
    annotation: str
    default: Any = None


def _lower(low: float, *, strict: bool = False) -> tuple:
    return ("lower", low, strict)


BOUNDS: dict[str, tuple] = {
    "max_steps": ("max_steps",),
    "num_generations": _lower(2),
    "per_device_train_batch_size": _lower(1),
    "gradient_accumulation_steps": _lower(1),
    "generation_batch_size": _lower(1),
    "steps_per_generation": _lower(1),
    "num_iterations": _lower(1),
    "max_completion_length": _lower(1),
    "learning_rate": _lower(0, strict=True),
    "temperature": _lower(0, strict=True),
    "num_train_epochs": _lower(0, strict=True),
    "logging_steps": _lower(0, strict=True),
    "save_steps": _lower(0, strict=True),
    "beta": _lower(0),
    "epsilon": _lower(0),
    "epsilon_high": _lower(0),
    "weight_decay": _lower(0),
    "max_grad_norm": _lower(0),
    "warmup_steps": _lower(0),
    "top_k": _lower(0),
    "repetition_penalty": _lower(0, strict=True),
    "top_p": ("unit", False),  # (0, 1]
    "min_p": ("unit", True),  # [0, 1]
    "warmup_ratio": ("unit", True),
}
"""Ranges of numeric GRPOConfig fields that no run can use (TRL accepts some and fails later)."""


def _module_file(module: str) -> Path:
    """The source file of ``module``, found without importing it or its packages.

    (``importlib.util.find_spec("a.b")`` imports ``a``: transformers' package alone takes 0.8 s.)
    """
    top, *rest = module.split(".")
    spec = importlib.util.find_spec(top)  # a top-level name: nothing is imported
    if spec is None or not spec.submodule_search_locations:
        raise LookupError(f"package {top} not found")
    for location in spec.submodule_search_locations:
        base = Path(location).joinpath(*rest)
        for candidate in (base.with_name(base.name + ".py"), base / "__init__.py") if rest else (base / "__init__.py",):
            if candidate.is_file():
                return candidate
    raise LookupError(f"no Python source for {module}")


def _module_source(module: str) -> tuple[ast.Module, str]:
    origin = _module_file(module)
    with open(origin, encoding="utf-8") as handle:
        return ast.parse(handle.read(), filename=str(origin)), str(origin)


def _resolve_import(module: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module.rsplit(".", node.level)[0]
    return f"{package}.{node.module}" if node.module else package


def _is_init_false(value: ast.expr | None) -> bool:
    return isinstance(value, ast.Call) and any(
        kw.arg == "init" and isinstance(kw.value, ast.Constant) and kw.value.value is False for kw in value.keywords
    )


def _literal_default(value: ast.expr | None) -> Any:
    if isinstance(value, ast.Call):  # field(default=...)
        value = next((kw.value for kw in value.keywords if kw.arg == "default"), None)
    try:
        return ast.literal_eval(value) if value is not None else None
    except (ValueError, SyntaxError):
        return None


def _class_fields(module: str, name: str, depth: int = 0) -> dict[str, FieldInfo]:
    """Fields of dataclass ``module.name`` and its bases (base first, subclass overrides)."""
    if depth > 8:
        raise LookupError("base classes nested too deeply")
    tree, origin = _module_source(module)
    classdef = next((n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == name), None)
    if classdef is None:
        raise LookupError(f"class {name} not found in {origin}")
    imports = {
        (alias.asname or alias.name): _resolve_import(module, node)
        for node in tree.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    fields: dict[str, FieldInfo] = {}
    for base in classdef.bases:
        if not isinstance(base, ast.Name):
            raise LookupError(f"unsupported base {ast.unparse(base)} of {name}")
        if base.id in {"object", "Generic"}:
            continue
        origin = imports.get(base.id, module)
        base_module = KNOWN_REEXPORTS.get((origin, base.id), origin)
        fields.update(_class_fields(base_module, base.id, depth + 1))
    for node in classdef.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            annotation = ast.unparse(node.annotation)
            if annotation.startswith(("ClassVar", "typing.ClassVar", "InitVar")):
                continue
            if _is_init_false(node.value):
                fields.pop(node.target.id, None)
                continue
            fields[node.target.id] = FieldInfo(node.target.id, annotation, _literal_default(node.value))
    return fields


def _imported_fields() -> dict[str, FieldInfo]:
    import dataclasses

    from trl import GRPOConfig

    return {
        f.name: FieldInfo(
            f.name,
            f.type if isinstance(f.type, str) else getattr(f.type, "__name__", str(f.type)),
            f.default if f.default is not dataclasses.MISSING else None,
        )
        for f in dataclasses.fields(GRPOConfig)
        if f.init
    }


@functools.lru_cache(maxsize=1)
def grpo_fields() -> dict[str, FieldInfo]:
    """GRPOConfig's init fields of the installed TRL (read from source; imports TRL only as a fallback)."""
    try:
        fields = _class_fields(*GRPO_CONFIG)
        if len(fields) < 50 or "num_generations" not in fields or "learning_rate" not in fields:
            raise LookupError(f"only {len(fields)} fields found")
        return fields
    except (LookupError, OSError, SyntaxError) as error:
        log.info("reading GRPOConfig fields from TRL's source failed (%s); importing TRL instead", error)
        return _imported_fields()


def trl_version() -> str:
    try:
        return importlib.metadata.version("trl")
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def closest_field(key: str, names) -> str | None:
    """The valid field name closest to ``key`` (difflib), or None when nothing is close."""
    matches = difflib.get_close_matches(key, sorted(names), n=1, cutoff=0.6)
    return matches[0] if matches else None


_ATOMS = {"int", "float", "bool", "str", "None", "NoneType"}


def _type_atoms(annotation: str) -> set[str] | None:
    """``{"int", "None"}`` for ``int | None`` / ``Optional[int]`` / ``Union[int, None]``; None if not simple."""
    text = annotation.replace(" ", "")
    for wrapper in ("typing.Optional[", "Optional["):
        if text.startswith(wrapper) and text.endswith("]"):
            text = text[len(wrapper) : -1] + "|None"
    for wrapper in ("typing.Union[", "Union["):
        if text.startswith(wrapper) and text.endswith("]"):
            text = text[len(wrapper) : -1].replace(",", "|")
    atoms = set(text.split("|"))
    return atoms if atoms <= _ATOMS else None


def _type_problem(value: Any, annotation: str) -> str | None:
    atoms = _type_atoms(annotation)
    if atoms is None:
        return None
    if value is None:
        return None if atoms & {"None", "NoneType"} else f"must not be null (type {annotation})"
    is_bool = isinstance(value, bool)
    ok = (
        ("bool" in atoms and is_bool)
        or ("int" in atoms and isinstance(value, int) and not is_bool)
        or ("float" in atoms and isinstance(value, (int, float)) and not is_bool)
        or ("str" in atoms and isinstance(value, str))
    )
    if ok:
        return None
    hint = ""
    if isinstance(value, str) and atoms & {"int", "float"}:
        hint = " (YAML reads a number like 1e-4 without a dot as text: write 1.0e-4)"
    return f"must be of type {annotation}, got {value!r}{hint}"


def _bound_problem(name: str, value: Any) -> str | None:
    rule = BOUNDS.get(name)
    if rule is None or value is None or isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and math.isnan(value):
        return "must be a number, got NaN"
    kind = rule[0]
    if kind == "max_steps":
        if value == -1 or value >= 1:
            return None
        return f"must be -1 (train num_train_epochs epochs) or a number of steps >= 1, got {value!r}"
    if kind == "unit":
        closed = rule[1]
        if (0 <= value <= 1) if closed else (0 < value <= 1):
            return None
        return f"must be in {'[0, 1]' if closed else '(0, 1]'}, got {value!r}"
    _, low, strict = rule
    if value > low or (not strict and value == low):
        return None
    return f"must be {'>' if strict else '>='} {low}, got {value!r}"


def trainer_problems(trainer: Mapping[str, Any] | None) -> list[tuple[str, str]]:
    """Every problem of a ``grpo.trainer`` section as ``(field, message)``, in key order (empty: fine)."""
    fields = grpo_fields()
    problems = []
    for key, value in (trainer or {}).items():
        if key in RESERVED:
            problems.append(
                (
                    key,
                    "is set by the workflow (output_dir = results/grpo/<run>/checkpoints, seed = "
                    "the run's seed, reward_weights = the reward set's weights); remove it",
                )
            )
        elif key not in fields:
            close = closest_field(key, fields)
            hint = f"closest valid field: '{close}'" if close else "no field has a similar name"
            problems.append((key, f"unknown GRPOConfig field (TRL {trl_version()}); {hint}"))
        else:
            problem = _type_problem(value, fields[key].annotation) or _bound_problem(key, value)
            if problem:
                problems.append((key, problem))
    return problems
