"""config/README.md, generated from the config schema, so the two can never disagree.

The schema (``workflow/schemas/config.schema.yaml``) is the one place where a key's type, default
and description live; this module renders it as Markdown: the schema's own description as the
introduction, then one section per top-level key with a table of every key below it.

    python -m polysql.config_docs            # print the Markdown
    python -m polysql.config_docs --write    # rewrite config/README.md
    python -m polysql.config_docs --check    # exit 1 when config/README.md is out of date

``tests/test_config_docs.py`` checks that every key has a description and that config/README.md
is what :func:`render` produces.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import yaml

from polysql.config_schema import MAP_ENTRY, REPO, SCHEMA_PATH, load_schema, resolve_ref

README_PATH = REPO / "config" / "README.md"
LIST_ITEM = "[]"
"""Path segment standing for every item of a list."""


@dataclass(frozen=True)
class KeyDoc:
    """One documented key: its dotted path from the top level, as a row of the README."""

    path: str
    type: str
    default: str
    description: str


def _resolve(node: Any, root: dict[str, Any]) -> dict[str, Any]:
    """``node`` with a ``$ref`` replaced by its target (keys written beside the ``$ref`` win); {} for a non-mapping."""
    return resolve_ref(node, root) if isinstance(node, dict) else {}


def _one_line(text: str) -> str:
    """Whitespace collapsed and ``|`` escaped, for a Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _code(value: Any) -> str:
    if isinstance(value, str):
        return f"`{value}`"
    return f"`{yaml.safe_dump(value, default_flow_style=True, width=10_000).strip().removesuffix('...').strip()}`"


def type_text(node: dict[str, Any], root: dict[str, Any]) -> str:
    """A short reading of a subschema's type: ``integer or null``, ``list of string``, ``clip or affine``."""
    node = _resolve(node, root)
    if "enum" in node:
        values = [_code(value) for value in node["enum"]]
        return values[0] if len(values) == 1 else ", ".join(values[:-1]) + " or " + values[-1]
    branches = node.get("oneOf") or node.get("anyOf")
    if branches and "type" not in node:
        return " or ".join(type_text(branch, root) for branch in branches)
    kinds = node.get("type")
    if kinds is None:
        kinds = "object" if ("properties" in node or "additionalProperties" in node) else "any"
    kinds = [kinds] if isinstance(kinds, str) else list(kinds)
    words = []
    for kind in kinds:
        if kind == "array":
            item = type_text(node.get("items") or {}, root)
            words.append(f"list of ({item})" if " or " in item or "," in item else f"list of {item}")
        elif kind == "object":
            words.append("mapping")
        else:
            words.append(kind)
    return " or ".join(words)


def default_text(node: dict[str, Any], required: bool) -> str:
    """The default as inline code, ``required``, or a dash (no default; an empty mapping counts as none)."""
    if required:
        return "required"
    if "default" not in node or node["default"] == {}:
        return "—"
    return _code(node["default"])


def _children(node: dict[str, Any], path: str, root: dict[str, Any]) -> Iterator[KeyDoc]:
    """Rows for every key below ``node`` (its properties, map entries, list items and object branches)."""
    required = set(node.get("required") or ())
    for key, sub in (node.get("properties") or {}).items():
        yield from _key(sub, f"{path}.{key}" if path else key, key in required, root)
    entry = node.get("additionalProperties")
    if isinstance(entry, dict):
        entry = _resolve(entry, root)
        if "properties" in entry or entry.get("description"):
            yield from _key(entry, f"{path}.{MAP_ENTRY}", False, root, row=bool(entry.get("description")))
    items = node.get("items")
    if isinstance(items, dict):
        items = _resolve(items, root)
        if "properties" in items or items.get("description"):
            yield from _key(items, f"{path}{LIST_ITEM}", False, root, row=bool(items.get("description")))
    for branch in node.get("oneOf") or node.get("anyOf") or ():
        branch = _resolve(branch, root)
        if "properties" in branch:  # the object form of a key that may also be a number
            yield from _children(branch, path, root)


def _key(node: dict[str, Any], path: str, required: bool, root: dict[str, Any], row: bool = True) -> Iterator[KeyDoc]:
    node = _resolve(node, root)
    if row:
        yield KeyDoc(path, type_text(node, root), default_text(node, required), _one_line(node.get("description", "")))
    yield from _children(node, path, root)


def iter_keys(schema: dict[str, Any]) -> Iterator[KeyDoc]:
    """Every documented key of ``schema``, depth first in schema order, top-level sections included."""
    yield from _children(schema, "", schema)


def _paragraphs(text: str) -> str:
    return "\n\n".join(" ".join(part.split()) for part in str(text).split("\n") if part.strip())


def render(schema: dict[str, Any]) -> str:
    """config/README.md for ``schema``: the introduction, then one section per top-level key."""
    blocks = [
        "# polysql configuration",
        "<!-- Generated from workflow/schemas/config.schema.yaml by `python -m polysql.config_docs --write`.\n"
        "     Edit the schema, then regenerate; tests/test_config_docs.py fails when the two disagree. -->",
        _paragraphs(schema.get("description", "")),
    ]
    required = set(schema.get("required") or ())
    for section, sub in (schema.get("properties") or {}).items():
        node = _resolve(sub, schema)
        facts = type_text(node, schema)
        default = default_text(node, section in required)
        if default == "required":
            facts += ", required"
        elif default != "—":
            facts += f", default {default}"
        blocks += [f"## `{section}`", f"*{facts}*"]
        if node.get("description"):
            blocks.append(_paragraphs(node["description"]))
        rows = list(_children(node, section, schema))
        if rows:
            table = ["| key | type | default | description |", "|---|---|---|---|"]
            table += [f"| `{r.path}` | {r.type} | {r.default} | {r.description} |" for r in rows]
            blocks.append("\n".join(table))
    return "\n\n".join(block for block in blocks if block) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Print, write or check config/README.md (see the module docstring)."""
    parser = argparse.ArgumentParser(description="Generate config/README.md from the config schema.")
    parser.add_argument("--schema", default=str(SCHEMA_PATH), help="the config schema (YAML)")
    parser.add_argument("--readme", default=str(README_PATH), help="the README to write or check")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="rewrite the README")
    mode.add_argument("--check", action="store_true", help="exit 1 when the README differs from the schema")
    args = parser.parse_args(argv)
    text = render(load_schema(args.schema))
    readme = Path(args.readme)
    if args.write:
        readme.write_text(text, encoding="utf-8")
        return 0
    if args.check:
        current = readme.read_text(encoding="utf-8") if readme.is_file() else None
        if current != text:
            print(f"{readme} is out of date; run `python -m polysql.config_docs --write`", file=sys.stderr)
            return 1
        return 0
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
