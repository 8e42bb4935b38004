"""Config validation: the schema check with its defaults filled in, then cross-references.

Validation fills in the schema's defaults, then checks cross-references (a system's model exists, a reward
set names known rewards, ...). Every error names the offending key. :func:`load_workflow_config` is the
config a ``snakemake [--configfile ...]`` run sees: layers (:mod:`polysql.config_files`), then validation.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from polysql.config_files import DEFAULT_CONFIGFILE, EXTENDS_KEY, read_config_layers
from polysql.config_schema import SCHEMA_PATH, ConfigError, DefaultFillingValidator, load_schema
from polysql.workflow_plan import GRPO_PREFIX, canonical, expand_grid, runs_matching


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
    validator = DefaultFillingValidator(schema)
    errors = sorted(validator.iter_errors(config), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    if errors:
        lines = [f"config key '{_key_path(e)}': {_describe(e)}" for e in errors]
        raise ConfigError("invalid configuration:\n  " + "\n  ".join(lines))
    _check_references(config)
    _check_trainer_fields(config)
    return config


def _check_trainer_fields(config: dict[str, Any]) -> None:
    """``grpo.trainer`` against the installed TRL's GRPOConfig (names, types, ranges), read without importing TRL."""
    from polysql.trl_fields import trainer_problems

    problems = trainer_problems((config.get("grpo") or {}).get("trainer"))
    if problems:
        lines = [f"config key 'grpo.trainer.{key}': {message}" for key, message in problems]
        raise ConfigError("invalid configuration:\n  " + "\n  ".join(lines))


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
    for name, spec in models.items():
        if spec["source"] == "warm_start":
            base = models.get(spec["base"])
            if base is None:
                _fail(f"models.{name}.base", f"{spec['base']!r} is not a key of models ({', '.join(models)})")
            if base["source"] == "warm_start":
                _fail(
                    f"models.{name}.base",
                    f"{spec['base']!r} is itself a warm_start model; name the model it starts from",
                )
    for name, encoder in config["encoders"].items():
        if encoder["base_model"] not in models:
            _fail(f"encoders.{name}.base_model", f"{encoder['base_model']!r} is not a key of models")
    semantic_encoder = config["rewards"]["semantic"].get("encoder")
    uses_semantic = any("semantic" in weights for weights in config["reward_sets"].values())
    if uses_semantic and semantic_encoder is None:
        _fail("rewards.semantic.encoder", "a reward set uses 'semantic', so an encoder must be named")
    if semantic_encoder is not None and semantic_encoder not in config["encoders"]:
        _fail(
            "rewards.semantic.encoder",
            f"{semantic_encoder!r} is not a key of encoders ({', '.join(config['encoders'])})",
        )
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
                _fail(
                    f"grid.{index}.reward_sets",
                    f"{reward_set!r} is not a key of reward_sets ({', '.join(config['reward_sets'])})",
                )
    heldout = config["grpo"]["heldout"]
    if heldout["every"] and heldout["source"] == "eval_split" and config["data"]["eval_per_language"] is None:
        _fail(
            "grpo.heldout.source",
            "eval_split leaves no held-out question: data.eval_per_language is null, so the "
            "evaluation sets take every intent of the eval split. Set grpo.heldout.source: "
            "heldout_databases (with data.heldout_databases > 0) or grpo.heldout.every: 0",
        )
    if heldout["every"] and heldout["source"] == "heldout_databases" and not config["data"]["heldout_databases"]:
        _fail(
            "grpo.heldout.source",
            "heldout_databases needs data.heldout_databases > 0 (the train databases kept "
            "out of every GRPO sample, where the held-out questions come from)",
        )
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
            _fail(
                f"{key}.run",
                f"no run of the grid has train_lang={row['run']['train_lang']!r} and "
                f"reward_set={row['run']['reward_set']!r}",
            )
        if "compare_to" in row and row["compare_to"] not in labels:
            _fail(f"{key}.compare_to", f"{row['compare_to']!r} is not the label of a row ({', '.join(labels)})")
    if len(set(labels)) != len(labels):
        _fail("report.main_table", "row labels must be unique")


def load_validated_config(config: dict[str, Any], schema_path: str | Path) -> dict[str, Any]:
    """Validate a Snakemake ``config`` dict against the YAML schema at ``schema_path``."""
    return validate_config(config, load_schema(schema_path))


def load_workflow_config(
    configfiles,
    schema_path: str | Path = SCHEMA_PATH,
    default: str | Path | None = DEFAULT_CONFIGFILE,
    overrides: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The validated config a ``snakemake --configfile <files>`` run sees (:func:`read_config_layers`)."""
    merged = read_config_layers(configfiles, overrides, default)
    try:
        return load_validated_config(merged, schema_path)
    except ConfigError as error:
        raise ConfigError(f"{error}{_overlay_hint(merged, configfiles)}") from None


def _overlay_hint(merged: dict[str, Any], configfiles) -> str:
    """A hint for a file that changes a few keys but was given as a complete setup."""
    missing = [key for key in load_schema().get("required", []) if key not in merged]
    if not missing or not configfiles:
        return ""
    return (
        f"\n  (the config files {', '.join(map(str, configfiles))} lack {missing}: a --configfile replaces "
        f"{DEFAULT_CONFIGFILE} instead of merging over it; to change a few keys of the default, start the "
        f"file with `{EXTENDS_KEY}: config.yaml` (relative to its folder) or list {DEFAULT_CONFIGFILE} first)"
    )


def dump_config(config: dict[str, Any]) -> str:
    """A validated config as YAML, keys sorted: what ``results/config.resolved.yaml`` and ``--print`` show."""
    return yaml.safe_dump(canonical(copy.deepcopy(config)), sort_keys=False, allow_unicode=True, width=110)


def main(argv: list[str] | None = None) -> int:
    """Check config files strictly and against the schema::

        python -m polysql.workflow_config config/my.yaml [more.yaml ...]

    The files are layered as ``snakemake --configfile`` layers them (:func:`read_config_layers`); with
    no file, config/config.yaml is checked. ``--print`` prints the resolved config. Exit status 1 with the
    problems, naming file and line, when something is wrong.
    """
    import argparse
    import sys

    parser = argparse.ArgumentParser(
        description="Check polysql config files (YAML, repeated keys, schema, TRL fields)."
    )
    parser.add_argument("files", nargs="*")
    parser.add_argument("--schema", default=str(SCHEMA_PATH))
    parser.add_argument("--print", action="store_true", help="print the resolved config (defaults filled in)")
    args = parser.parse_args(argv)
    try:
        config = load_workflow_config(args.files, args.schema)
    except (ConfigError, OSError) as error:
        print(error, file=sys.stderr)
        return 1
    if args.print:
        print(dump_config(config), end="")
        return 0
    print(f"{', '.join(args.files) or DEFAULT_CONFIGFILE}: valid")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
