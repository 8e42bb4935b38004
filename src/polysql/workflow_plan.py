"""Planning from a validated config: the ablation grid, the systems, and the rules' params.

Used by workflow/rules/common.smk to build the job list, by ``python -m polysql.grpo.train`` to train what
the rule would, and by the report. Params hold only what changes a job's output, in a canonical form.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from polysql import paths

GRPO_PREFIX = "grpo/"


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


def systems_from_config(
    config: dict[str, Any], runs: dict[str, dict[str, Any]] | None = None
) -> dict[str, dict[str, Any]]:
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
    return canonical(
        {
            "languages": list(config["languages"]),
            "report": settings,
            "grid": [
                {"train_langs": [run["train_lang"]], "reward_sets": [run["reward_set"]], "seeds": [run["seed"]]}
                for run in runs.values()
            ],
        }
    )


def report_config(params: dict[str, Any]) -> dict[str, Any]:
    """A config dict for polysql.report.build from :func:`report_params` (what the report scripts read)."""
    return {"languages": list(params["languages"]), "report": dict(params["report"]), "grid": list(params["grid"])}


# --- Report rows: what each table pools (also the jobs the report needs) ---------------------------


@dataclass(frozen=True)
class RowSpec:
    """One table row: a label and the systems (seeds) it pools."""

    label: str
    systems: tuple[str, ...]
    compare_to: str | None = None


def main_rows(config: dict[str, Any]) -> list[RowSpec]:
    """The main table's rows, in config order (a run row pools every seed of that grid cell)."""
    runs = expand_grid(config)
    rows = []
    for row in config["report"]["main_table"]:
        systems: tuple[str, ...]
        if "system" in row:
            systems = (row["system"],)
        else:
            systems = tuple(GRPO_PREFIX + rid for rid in runs_matching(runs, row["run"]))
        rows.append(RowSpec(row["label"], systems, row.get("compare_to")))
    return rows


def grid_rows(config: dict[str, Any]) -> list[tuple[str, str, RowSpec]]:
    """One row per (train_lang, reward_set) cell of the grid, pooling its seeds."""
    cells: dict[tuple[str, str], list[str]] = {}
    for rid, run in expand_grid(config).items():
        cells.setdefault((run["train_lang"], run["reward_set"]), []).append(GRPO_PREFIX + rid)
    return [(lang, rs, RowSpec(f"{rs} ({lang})", tuple(systems))) for (lang, rs), systems in cells.items()]
