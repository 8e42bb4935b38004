"""Config validation and expansion: the schema check, the ablation grid and the list of systems.

Used by workflow/rules/common.smk at start-up, and by tests. Validation fills in the schema's
defaults, then checks cross-references (a system's model exists, a reward set names known
rewards, ...). Every error names the offending key.
"""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any, Mapping

import yaml

from polysql import paths
from polysql.config_schema import SCHEMA_PATH, DefaultFillingValidator, load_schema

GRPO_PREFIX = "grpo/"


class ConfigError(ValueError):
    """The configuration is invalid; the message names the key and what is allowed."""


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
                _fail(f"models.{name}.base", f"{spec['base']!r} is itself a warm_start model; name the model it starts from")
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
    heldout = config["grpo"]["heldout"]
    if heldout["every"] and heldout["source"] == "eval_split" and config["data"]["eval_per_language"] is None:
        _fail("grpo.heldout.source", "eval_split leaves no held-out question: data.eval_per_language is null, so the "
                                     "evaluation sets take every intent of the eval split. Set grpo.heldout.source: "
                                     "heldout_databases (with data.heldout_databases > 0) or grpo.heldout.every: 0")
    if heldout["every"] and heldout["source"] == "heldout_databases" and not config["data"]["heldout_databases"]:
        _fail("grpo.heldout.source", "heldout_databases needs data.heldout_databases > 0 (the train databases kept "
                                     "out of every GRPO sample, where the held-out questions come from)")
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
    return validate_config(config, load_schema(schema_path))


def run_id(train_lang: str, reward_set: str, seed: int) -> str:
    """The Paramspace-style id (and results sub-path) of one GRPO run."""
    return f"lang~{train_lang}/reward~{reward_set}/seed~{seed}"


def expand_grid(config: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
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
            "adapter": paths.grpo_adapter(rid),
            "run": rid,
            "label": f"GRPO {run['reward_set']} ({run['train_lang']}, seed {run['seed']})",
        }
    return systems


def prepend_pythonpath(path: str | Path) -> None:
    """Put ``path`` first on ``PYTHONPATH`` (once), so every job, conda env or SLURM node imports it."""
    _prepend("PYTHONPATH", str(path))


def prepend_python_bin() -> None:
    """Put this interpreter's folder first on ``PATH`` (once), so shell jobs' ``python`` is Snakemake's own,
    not whatever the shell finds first; a conda env (``--sdm conda``) still puts its own in front."""
    import sys

    _prepend("PATH", str(Path(sys.executable).parent))


def _prepend(variable: str, path: str) -> None:
    current = [p for p in os.environ.get(variable, "").split(os.pathsep) if p]
    if path not in current:
        os.environ[variable] = os.pathsep.join([path, *current])


# --- Rule params: only what changes a job's output, in a canonical form -------------------------
#
# Snakemake compares the repr() of each param with the one recorded for the job's outputs: a dict
# whose keys come in another order counts as changed, and every key (a resource, a label) is a
# rerun trigger. The helpers below keep params to output-relevant settings, with sorted keys.

NON_OUTPUT_KEYS = {
    "generation": frozenset({"threads", "gpu", "mem_mb", "runtime_min"}),
    "grpo": frozenset({"threads", "gpu", "mem_mb", "runtime_min", "processes", "nodes", "strategy"}),
    "encoder": frozenset({"threads"}),
    "sql": frozenset({"workers"}),
}
"""Per config section, keys that set resources or speed only (never a rerun trigger)."""
GRPO_SAVING_PREFIXES = ("save_", "push_to_hub", "hub_")
GRPO_SAVING_KEYS = frozenset({"report_to", "run_name", "disable_tqdm"})
"""``grpo.trainer`` fields that change neither the adapter nor the train log (checkpoint cadence, reporting)."""


def canonical(value: Any) -> Any:
    """``value`` with every dict rebuilt in sorted key order (recursively), tuples as lists.

    Its ``repr`` (what Snakemake records for a param) is then the same whatever the key order of
    the config files; list order is kept (it means something: languages, table rows).
    """
    if isinstance(value, dict):
        return {key: canonical(value[key]) for key in sorted(value, key=str)}
    if isinstance(value, (list, tuple)):
        return [canonical(item) for item in value]
    return value


def output_settings(section: dict[str, Any] | None, kind: str) -> dict[str, Any]:
    """A config section without its resource/speed keys (:data:`NON_OUTPUT_KEYS`), canonical."""
    drop = NON_OUTPUT_KEYS.get(kind, frozenset())
    return canonical({key: value for key, value in (section or {}).items() if key not in drop})


def is_grpo_saving_field(name: str) -> bool:
    """Whether a ``grpo.trainer`` field only sets checkpoint cadence or reporting."""
    return name in GRPO_SAVING_KEYS or name.startswith(GRPO_SAVING_PREFIXES)


def grpo_saving_fields(trainer: dict[str, Any] | None) -> dict[str, Any]:
    """The ``grpo.trainer`` fields left out of the rule's params (the job reads them from the config)."""
    return {key: value for key, value in (trainer or {}).items() if is_grpo_saving_field(key)}


def grpo_output_params(config: Mapping[str, Any], run: Mapping[str, Any]) -> dict[str, Any]:
    """What a GRPO run's outputs depend on, beyond its input files, as the ``train_grpo`` rule's params.

    The policy model's name and spec, ``grpo`` without resources and saving cadence, the run's reward
    set (only this one) with the config section of each of its rewards, the prompt, the SQL limits
    and the shot seed. Adding a reward set, a grid block or a report label changes none of them.
    """
    grpo = output_settings(config.get("grpo"), "grpo")
    grpo["trainer"] = canonical({k: v for k, v in (grpo.get("trainer") or {}).items() if not is_grpo_saving_field(k)})
    model = grpo.get("model")
    weights = config["reward_sets"][run["reward_set"]]
    rewards = config.get("rewards") or {}
    return {
        "grpo": grpo,
        "model_spec": canonical((config.get("models") or {}).get(model)),
        "reward_sets": canonical({run["reward_set"]: weights}),
        "rewards": canonical({name: rewards.get(name) or {} for name in weights}),
        "prompt": canonical(config.get("prompt") or {}),
        "sql": output_settings(config.get("sql"), "sql"),
        "data": {"seed": (config.get("data") or {}).get("seed", 0)},
    }


def grpo_run_inputs(config: Mapping[str, Any], run: Mapping[str, Any]) -> dict[str, Any]:
    """The files one GRPO run reads (the ``train_grpo`` rule's inputs, and what ``python -m
    polysql.grpo.train`` reads): ``data`` (the GRPO sample), ``encoders`` (the semantic reward's
    encoder, or ``[]``) and, when held-out checks are on (``grpo.heldout.every``), ``heldout_pool``: the
    split files the held-out questions come from, with either ``eval_sets`` (source ``eval_split``: their
    intents are left out) or ``heldout_databases`` (source ``heldout_databases``: only those databases).
    """
    inputs: dict[str, Any] = {"data": paths.grpo_sample(run["train_lang"]), "encoders": []}
    if "semantic" in config["reward_sets"][run["reward_set"]]:
        inputs["encoders"] = paths.encoder_model(config["rewards"]["semantic"]["encoder"])
    heldout = config["grpo"]["heldout"]
    if heldout["every"]:
        languages = list(config["languages"])
        if heldout["source"] == "heldout_databases":
            split = config["benchmark"]["train_split"]
            inputs["heldout_databases"] = paths.HELDOUT_DATABASES
        else:
            split = config["benchmark"]["eval_split"]
            inputs["eval_sets"] = [paths.eval_set(lang) for lang in languages]
        inputs["heldout_pool"] = [paths.split_file(split, lang) for lang in languages]
    return inputs


def report_params(config: dict[str, Any], runs: dict[str, dict[str, Any]], table: str) -> dict[str, Any]:
    """The report settings one report rule's outputs depend on, canonical.

    Args:
        config: The validated config.
        runs: The GRPO runs the table reads (grid order), written back as one grid block per run.
        table: ``"main"`` (adds the main table's rows: labels, systems, comparisons) or ``"ablation"``
            (adds the reference reward set).

    Returns:
        languages (in order), the bootstrap settings and the table's own settings;
        :func:`report_config` turns it back into a config for polysql.report.build.
    """
    report = config["report"]
    settings = {key: report[key] for key in ("bootstrap_samples", "confidence", "seed")}
    if table == "main":
        settings["main_table"] = report["main_table"]
        if report.get("reference"):  # published figures shown in main.md (absent: no key, no rerun)
            settings["reference"] = report["reference"]
    elif table == "ablation":
        settings["reference_reward_set"] = report.get("reference_reward_set")
    else:
        raise ValueError(f"table must be 'main' or 'ablation', not {table!r}")
    return canonical({
        "languages": list(config["languages"]),
        "report": settings,
        "grid": [
            {"train_langs": [run["train_lang"]], "reward_sets": [run["reward_set"]], "seeds": [run["seed"]]}
            for run in runs.values()
        ],
    })


def report_config(params: dict[str, Any]) -> dict[str, Any]:
    """A config dict for polysql.report.build from :func:`report_params` (what the report scripts read)."""
    return {"languages": list(params["languages"]), "report": dict(params["report"]), "grid": list(params["grid"])}


# --- Config files: strict reading (repeated keys, YAML errors with file and line) ---------------


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
                problems.append((line, f"key '{dotted}' is given twice (lines {seen[key]} and {line}); "
                                       "YAML would silently keep the last one, so remove one of them"))
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
        ConfigError: ``<file>: line L, column C: not valid YAML: ...`` or ``<file>: line L: key 'a.b' is given twice ...``.
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


def read_config_layers(configfiles, overrides: dict[str, Any] | None = None,
                       default: str | Path | None = DEFAULT_CONFIGFILE) -> dict[str, Any]:
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
        raise ConfigError(f"{path}: '{EXTENDS_KEY}: {base}' names {base_path}, which does not exist "
                          "(the path is relative to the folder of the file that extends it)")
    merged = _read_with_bases(base_path, (*chain, path.resolve()))
    _update_config(merged, data)
    return merged


def load_workflow_config(configfiles, schema_path: str | Path = SCHEMA_PATH,
                         default: str | Path | None = DEFAULT_CONFIGFILE,
                         overrides: dict[str, Any] | None = None) -> dict[str, Any]:
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
    return (f"\n  (the config files {', '.join(map(str, configfiles))} lack {missing}: a --configfile replaces "
            f"{DEFAULT_CONFIGFILE} instead of merging over it; to change a few keys of the default, start the "
            f"file with `{EXTENDS_KEY}: config.yaml` (relative to its folder) or list {DEFAULT_CONFIGFILE} first)")


def dump_config(config: dict[str, Any]) -> str:
    """A validated config as YAML, keys sorted: what ``results/config.resolved.yaml`` and ``--print`` show."""
    return yaml.safe_dump(canonical(copy.deepcopy(config)), sort_keys=False, allow_unicode=True, width=110)


def main(argv: list[str] | None = None) -> int:
    """Check config files strictly and against the schema::

        python -m polysql.workflow_config config/my.yaml [more.yaml ...]

    The files are layered as ``snakemake --configfile`` layers them (:func:`read_config_layers`); with
    no file, config/config.yaml is checked. ``--print`` prints the resolved config. Exit status 1 with the problems, naming file and line, when
    something is wrong.
    """
    import argparse
    import sys

    parser = argparse.ArgumentParser(description="Check polysql config files (YAML, repeated keys, schema, TRL fields).")
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


def _update_config(config: dict[str, Any], overwrite: dict[str, Any]) -> None:
    """Snakemake's update_config: nested mappings are merged, anything else replaced."""
    for key, value in overwrite.items():
        if isinstance(value, dict) and isinstance(config.get(key), dict):
            _update_config(config[key], value)
        else:
            config[key] = value


if __name__ == "__main__":
    raise SystemExit(main())
