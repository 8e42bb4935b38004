"""Config files: strict reading (YAML errors and repeated keys name file and line) and layering.

``snakemake --configfile`` merges files without notice of repeated keys and knows nothing of ``extends:``;
:func:`read_config_layers` reads the layers as the workflow means them (see its docstring).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from polysql.config_schema import ConfigError


def _yaml_error_message(path: str | Path, error: yaml.YAMLError) -> str:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    where = f"line {mark.line + 1}, column {mark.column + 1}" if mark is not None else "unknown line"
    problem = " ".join(str(part) for part in (getattr(error, "context", None), getattr(error, "problem", None)) if part)
    return f"{path}: {where}: not valid YAML: {problem or error}"


def _repeated_keys(node: yaml.Node, path: tuple[str, ...] = ()) -> list[tuple[int, str]]:
    """Every key given twice in one mapping of a composed YAML document, as (line, message)."""
    problems = []
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":  # `<<: *anchor` merges are allowed to repeat keys
                continue
            key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "<complex key>"
            line = key_node.start_mark.line + 1
            dotted = ".".join((*path, key))
            if key in seen:
                problems.append(
                    (
                        line,
                        f"key '{dotted}' is given twice (lines {seen[key]} and {line}); "
                        "YAML would silently keep the last one, so remove one of them",
                    )
                )
            else:
                seen[key] = line
            problems += _repeated_keys(value_node, (*path, key))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            problems += _repeated_keys(item, (*path, str(index)))
    return problems


def check_config_file(path: str | Path) -> None:
    """Read a config file strictly: a YAML error or a key repeated in one mapping fails, naming file and line.

    (Snakemake's own loader keeps the last of two equal keys without notice, and its YAML error
    message names neither the file nor the line.)

    Raises:
        ConfigError: ``<file>: line L, column C: not valid YAML: ...`` or
            ``<file>: line L: key 'a.b' is given twice ...``.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}: not UTF-8 text (byte {error.start}): {error.reason}") from None
    try:
        documents = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.YAMLError as error:
        raise ConfigError(_yaml_error_message(path, error)) from None
    problems = [problem for document in documents if document is not None for problem in _repeated_keys(document)]
    if problems:
        lines = [f"{path}: line {line}: {message}" for line, message in problems]
        raise ConfigError("invalid configuration file:\n  " + "\n  ".join(lines))


def load_config_file(path: str | Path) -> dict[str, Any]:
    """A config file read strictly (see :func:`check_config_file`); the top level must be a mapping."""
    check_config_file(path)
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the top level must be a mapping of config keys, not {type(data).__name__}")
    return data


def check_config_files_early(paths) -> None:
    """:func:`check_config_file` for each of ``paths`` that exists (the Snakefile's default config,
    before Snakemake's ``configfile:`` reads it)."""
    for path in paths:
        if Path(path).is_file():
            check_config_file(path)


DEFAULT_CONFIGFILE = "config/config.yaml"
"""The embedded default (the CPU demo): the config when no ``--configfile`` is given, and only then."""
EXTENDS_KEY = "extends"
"""A config file's top-level key naming the file it is an overlay of (relative to its own folder)."""


def read_config_layers(
    configfiles, overrides: dict[str, Any] | None = None, default: str | Path | None = DEFAULT_CONFIGFILE
) -> dict[str, Any]:
    """The merged, not yet validated config of ``snakemake [--configfile FILES] [--config KEY=VALUE ...]``.

    The layers cannot leak into each other: ``default`` (the CPU demo) is read only when no config
    file is given. A config file is a complete setup unless it starts with ``extends: <file>``: then
    that file (and whatever it extends) is read first and this one merged over it, as Snakemake merges
    (nested mappings updated, anything else replaced). Several files merge in order; ``overrides``
    (``--config`` values) come last. Every file is read strictly (:func:`check_config_file`).

    Raises:
        ConfigError: a YAML error or repeated key (file and line), a missing or circular ``extends``.
    """
    files = [Path(path) for path in configfiles]
    if not files and default is not None:
        files = [Path(default)]
    merged: dict[str, Any] = {}
    for path in files:
        _update_config(merged, _read_with_bases(path, ()))
    _update_config(merged, copy.deepcopy(dict(overrides or {})))
    return merged


def _read_with_bases(path: Path, chain: tuple[Path, ...]) -> dict[str, Any]:
    """``path`` merged over the file it ``extends`` (recursively); the ``extends`` key itself is dropped."""
    if path.resolve() in chain:
        cycle = " -> ".join(str(p) for p in (*chain, path.resolve()))
        raise ConfigError(f"{path}: '{EXTENDS_KEY}' goes round in a circle: {cycle}")
    data = load_config_file(path)
    base = data.pop(EXTENDS_KEY, None)
    if base is None:
        return data
    if not isinstance(base, str) or not base:
        raise ConfigError(f"{path}: '{EXTENDS_KEY}' must name one config file, not {base!r}")
    base_path = path.parent / base
    if not base_path.is_file():
        raise ConfigError(
            f"{path}: '{EXTENDS_KEY}: {base}' names {base_path}, which does not exist "
            "(the path is relative to the folder of the file that extends it)"
        )
    merged = _read_with_bases(base_path, (*chain, path.resolve()))
    _update_config(merged, data)
    return merged


def _update_config(config: dict[str, Any], overwrite: dict[str, Any]) -> None:
    """Snakemake's update_config: nested mappings are merged, anything else replaced."""
    for key, value in overwrite.items():
        if isinstance(value, dict) and isinstance(config.get(key), dict):
            _update_config(config[key], value)
        else:
            config[key] = value
