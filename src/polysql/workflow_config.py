"""Config validation and expansion: the schema check, the ablation grid and the list of systems.

Used by workflow/rules/common.smk at start-up, and by tests. Validation fills in the schema's
defaults, then checks cross-references (a system's model exists, a reward set names known
rewards, ...). Every error names the offending key.
"""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator, validators

GRPO_PREFIX = "grpo/"


class ConfigError(ValueError):
    """The configuration is invalid; the message names the key and what is allowed."""


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


_DefaultFillingValidator = _with_defaults(Draft202012Validator)


def _key_path(error) -> str:
    parts = [str(part) for part in error.absolute_path]
    return ".".join(parts) if parts else "<top level>"


def _describe(error) -> str:
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = ", ".join(sorted(set(error.instance) - set(allowed)))
        hint = f"; allowed keys: {', '.join(allowed)}" if allowed else ""
        return f"unknown key(s) {extra}{hint}"
    if error.validator == "enum":
        return f"{error.instance!r} is not one of {error.validator_value}"
    return error.message


def validate_config(config: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """Return a validated copy of ``config`` with defaults filled in.

    Raises:
        ConfigError: listing every problem as ``config key 'a.b': message``.
    """
    config = copy.deepcopy(config)
    validator = _DefaultFillingValidator(schema)
    errors = sorted(validator.iter_errors(config), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    if errors:
        lines = [f"config key '{_key_path(e)}': {_describe(e)}" for e in errors]
        raise ConfigError("invalid configuration:\n  " + "\n  ".join(lines))
    _check_references(config)
    return config


def _fail(key: str, message: str) -> None:
    raise ConfigError(f"invalid configuration:\n  config key '{key}': {message}")


def _check_references(config: dict[str, Any]) -> None:
    models = config["models"]
    languages = config["languages"]
    for name, system in config["systems"].items():
        if system["model"] not in models:
            _fail(f"systems.{name}.model", f"{system['model']!r} is not a key of models ({', '.join(models)})")
        if name.startswith(GRPO_PREFIX.rstrip("/")):
            _fail(f"systems.{name}", "names starting with 'grpo' are reserved for trained runs")
    for name, encoder in config["encoders"].items():
        if encoder["base_model"] not in models:
            _fail(f"encoders.{name}.base_model", f"{encoder['base_model']!r} is not a key of models")
    semantic_encoder = config["rewards"]["semantic"].get("encoder")
    uses_semantic = any("semantic" in weights for weights in config["reward_sets"].values())
    if uses_semantic and semantic_encoder is None:
        _fail("rewards.semantic.encoder", "a reward set uses 'semantic', so an encoder must be named")
    if semantic_encoder is not None and semantic_encoder not in config["encoders"]:
        _fail("rewards.semantic.encoder", f"{semantic_encoder!r} is not a key of encoders ({', '.join(config['encoders'])})")
    if config["grid"]:
        model = config["grpo"].get("model")
        if model is None:
            _fail("grpo.model", "the grid has runs, so the policy model must be named")
        if model not in models:
            _fail("grpo.model", f"{model!r} is not a key of models ({', '.join(models)})")
    for index, block in enumerate(config["grid"]):
        for lang in block["train_langs"]:
            if lang != "all" and lang not in languages:
                _fail(f"grid.{index}.train_langs", f"{lang!r} is neither 'all' nor one of languages {languages}")
        for reward_set in block["reward_sets"]:
            if reward_set not in config["reward_sets"]:
                _fail(f"grid.{index}.reward_sets", f"{reward_set!r} is not a key of reward_sets ({', '.join(config['reward_sets'])})")
    reference = config["report"]["reference_reward_set"]
    if reference is not None and reference not in config["reward_sets"]:
        _fail("report.reference_reward_set", f"{reference!r} is not a key of reward_sets")
    runs = expand_grid(config)
    labels = [row["label"] for row in config["report"]["main_table"]]
    for index, row in enumerate(config["report"]["main_table"]):
        key = f"report.main_table.{index}"
        if "system" in row and row["system"] not in config["systems"]:
            _fail(f"{key}.system", f"{row['system']!r} is not a key of systems ({', '.join(config['systems'])})")
        if "run" in row and not runs_matching(runs, row["run"]):
            _fail(f"{key}.run", f"no run of the grid has train_lang={row['run']['train_lang']!r} and reward_set={row['run']['reward_set']!r}")
        if "compare_to" in row and row["compare_to"] not in labels:
            _fail(f"{key}.compare_to", f"{row['compare_to']!r} is not the label of a row ({', '.join(labels)})")
    if len(set(labels)) != len(labels):
        _fail("report.main_table", "row labels must be unique")


def load_validated_config(config: dict[str, Any], schema_path: str | Path) -> dict[str, Any]:
    """Validate a Snakemake ``config`` dict against the YAML schema at ``schema_path``."""
    with open(schema_path, encoding="utf-8") as handle:
        schema = yaml.safe_load(handle)
    return validate_config(config, schema)


def run_id(train_lang: str, reward_set: str, seed: int) -> str:
    """The Paramspace-style id (and results sub-path) of one GRPO run."""
    return f"lang~{train_lang}/reward~{reward_set}/seed~{seed}"


def expand_grid(config: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Expand the grid blocks into ``{run id: {train_lang, reward_set, seed}}`` (deduplicated, ordered)."""
    runs: dict[str, dict[str, Any]] = {}
    for block in config.get("grid", []):
        for train_lang in block["train_langs"]:
            for reward_set in block["reward_sets"]:
                for seed in block.get("seeds", [0]):
                    runs[run_id(train_lang, reward_set, seed)] = {
                        "train_lang": train_lang,
                        "reward_set": reward_set,
                        "seed": int(seed),
                    }
    return runs


def runs_matching(runs: dict[str, dict[str, Any]], selector: dict[str, str]) -> list[str]:
    """Run ids whose train_lang and reward_set equal the selector's (every seed)."""
    return [
        rid
        for rid, run in runs.items()
        if run["train_lang"] == selector["train_lang"] and run["reward_set"] == selector["reward_set"]
    ]


def systems_from_config(config: dict[str, Any], runs: dict[str, dict[str, Any]] | None = None) -> dict[str, dict[str, Any]]:
    """Every system to generate and evaluate: the configured baselines plus one per GRPO run.

    A system is ``{model, adapter, run, label}``; a trained system's adapter is the run's LoRA
    adapter and its id is ``grpo/<run id>``.
    """
    runs = expand_grid(config) if runs is None else runs
    systems = {
        name: {"model": spec["model"], "adapter": spec.get("adapter"), "run": None, "label": spec.get("label", name)}
        for name, spec in config["systems"].items()
    }
    for rid, run in runs.items():
        systems[GRPO_PREFIX + rid] = {
            "model": config["grpo"]["model"],
            "adapter": f"results/grpo/{rid}/adapter",
            "run": rid,
            "label": f"GRPO {run['reward_set']} ({run['train_lang']}, seed {run['seed']})",
        }
    return systems


def prepend_pythonpath(path: str | Path) -> None:
    """Put ``path`` first on ``PYTHONPATH`` (once), so every job, conda env or SLURM node imports it."""
    path = str(path)
    current = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    if path not in current:
        os.environ["PYTHONPATH"] = os.pathsep.join([path, *current])
