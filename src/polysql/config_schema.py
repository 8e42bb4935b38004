"""The config schema, the one place where every config key's type, default and description live.

Code that needs a section's defaults outside a validated workflow config (a library call, a test, a
benchmark) asks :func:`section_defaults` instead of keeping its own copy, so a default is written once:
in ``workflow/schemas/config.schema.yaml``.

    >>> section_defaults("grpo", "heldout")["every"]
    0
"""

from __future__ import annotations

import copy
import functools
from pathlib import Path
from typing import Any, Mapping

import yaml
from jsonschema import Draft202012Validator, validators

REPO = Path(__file__).resolve().parents[2]
SCHEMA_PATH = REPO / "workflow" / "schemas" / "config.schema.yaml"


class ConfigError(ValueError):
    """The configuration is invalid; the message names the key (or file and line) and what is allowed."""


MAP_ENTRY = "<name>"
"""A path segment standing for a key the user chooses (a model, encoder, system or reward set name)."""


def load_schema(path: str | Path = SCHEMA_PATH) -> dict[str, Any]:
    """The config schema as a dict (a fresh copy; :data:`SCHEMA_PATH` is read once per process)."""
    if Path(path) == SCHEMA_PATH:
        return copy.deepcopy(_cached_schema())
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@functools.lru_cache(maxsize=1)
def _cached_schema() -> dict[str, Any]:
    if not SCHEMA_PATH.is_file():
        raise FileNotFoundError(f"the config schema {SCHEMA_PATH} is missing (polysql runs from its repository)")
    with open(SCHEMA_PATH, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _with_defaults(validator_class):
    """A validator class that also fills in ``default`` values of object properties."""
    validate_properties = validator_class.VALIDATORS["properties"]

    def set_defaults(validator, properties, instance, schema):
        if isinstance(instance, dict):
            for key, subschema in properties.items():
                if isinstance(subschema, dict) and "default" in subschema and key not in instance:
                    instance[key] = copy.deepcopy(subschema["default"])
        yield from validate_properties(validator, properties, instance, schema)

    return validators.extend(validator_class, {"properties": set_defaults})


DefaultFillingValidator = _with_defaults(Draft202012Validator)
"""A JSON-Schema validator that fills in each missing property's ``default`` while it validates."""


def subschema(*keys: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    """The schema of the config section at ``keys`` (``"<name>"`` for an entry of a user-named map).

    Raises:
        KeyError: no such section in the schema.
    """
    root = schema if schema is not None else _cached_schema()
    node = root
    for depth, key in enumerate(keys):
        node = resolve_ref(node, root)
        child = node.get("additionalProperties") if key == MAP_ENTRY else (node.get("properties") or {}).get(key)
        if not isinstance(child, dict):
            raise KeyError(f"config schema has no section {'.'.join(keys[: depth + 1])!r}")
        node = child
    return resolve_ref(node, root)


def resolve_ref(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    """``node`` with a ``$ref`` replaced by its target; keys written beside the ``$ref`` win."""
    if "$ref" not in node:
        return node
    target: Any = root
    for part in node["$ref"].removeprefix("#/").split("/"):
        target = target[part]
    return {**resolve_ref(target, root), **{k: v for k, v in node.items() if k != "$ref"}}


def with_defaults(section: Mapping[str, Any] | None, *keys: str) -> dict[str, Any]:
    """A copy of ``section`` with the schema's defaults of the section at ``keys`` filled in, nested ones too.

    Only fills in: checking the section is the validator's job (:mod:`polysql.workflow_config`).
    """
    root = _cached_schema()
    filled = copy.deepcopy(dict(section or {}))
    validator = DefaultFillingValidator({**subschema(*keys), "$defs": root.get("$defs", {})})
    for _ in validator.iter_errors(filled):  # iterating fills the defaults in; problems are not this function's
        pass
    return filled


def section_defaults(*keys: str) -> dict[str, Any]:
    """The defaults of the config section at ``keys``, e.g. ``section_defaults("rewards", "execution")``."""
    return with_defaults({}, *keys)
