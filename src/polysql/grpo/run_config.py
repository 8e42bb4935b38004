"""The typed configuration of one GRPO run: what :func:`polysql.grpo.train.train_run` trains, from where, to where.

Built in three places, always from the same pieces:

- the ``train_grpo`` rule's script, from the rule's params, inputs and outputs
  (:meth:`GRPORunConfig.from_rule`);
- ``python -m polysql.grpo.train``, from a config file, with the rule's own params
  (:func:`polysql.workflow_plan.grpo_output_params`) and inputs
  (:func:`polysql.workflow_plan.grpo_run_inputs`), so it trains what the rule would;
- tests and benchmarks, from a config mapping (:meth:`GRPORunConfig.from_config`).

Each field carries its help text in ``metadata["help"]`` (shown by ``python -m polysql.grpo.train --show``).
This module imports nothing heavy.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Iterable, Mapping

from polysql import paths


def _help(text: str, **kwargs) -> Any:
    return field(metadata={"help": text}, **kwargs)


@dataclass(frozen=True)
class GRPORunConfig:
    """One GRPO run: the grid entry, its settings (config sections) and its files."""

    run_id: str = _help("The run's grid id, e.g. lang~all/reward~exec/seed~0 (its folder below results/grpo/).")
    train_lang: str = _help("Training language of the grid entry: one language, or 'all'.")
    reward_set: str = _help("Name of the run's reward set (config reward_sets.<name>).")
    seed: int = _help("The run's seed (TRL's seed: sampling, LoRA init, data order).")
    train_path: str = _help("The GRPO training sample (results/data/grpo_train_<train_lang>.jsonl).")
    model_path: str = _help("Folder of the policy model (a prepared copy, a local folder or a warm-started model).")
    out_dir: str = _help("The run's folder: receives adapter/ (PEFT adapter + tokenizer) and train_log.jsonl.")
    checkpoints_dir: str = _help(
        "Where TRL checkpoints and the live train log go (not a Snakemake output); the newest complete "
        "checkpoint written by the same run definition is resumed from."
    )
    grpo: Mapping[str, Any] = _help(
        "Config grpo: model, lora, trainer (TRL GRPOConfig fields, checkpoint cadence included), hardness, "
        "train_size, heldout, skip_zero_advantage, ...; threads (resources only).",
        default_factory=dict,
    )
    reward_weights: Mapping[str, Any] = _help(
        "The run's reward set: reward name -> weight, or -> {weight, overrides of rewards.<name>}.",
        default_factory=dict,
    )
    rewards: Mapping[str, Any] = _help(
        "Config rewards: reward name -> its section (missing: defaults).", default_factory=dict
    )
    prompt: Mapping[str, Any] = _help("Config prompt (the same prompt builder as evaluation).", default_factory=dict)
    sql: Mapping[str, Any] = _help(
        "Config sql: limits of the execution reward (timeout_s, max_rows, ...) and workers.", default_factory=dict
    )
    model_spec: Mapping[str, Any] | None = _help(
        "The policy model's config spec (part of the checkpoint fingerprint).", default=None
    )
    data_seed: int = _help("Config data.seed: the seed of the few-shot draw and of the held-out sample.", default=0)
    encoder_paths: Mapping[str, str] = _help(
        "Reward encoders: encoder name -> model folder (the semantic reward's).", default_factory=dict
    )
    heldout_pool: tuple[str, ...] = _help(
        "Split files the held-out learning curves sample from (empty: none).", default=()
    )
    eval_sets: tuple[str, ...] = _help("Evaluation sets whose intents the held-out sample leaves out.", default=())
    heldout_databases: str | None = _help(
        "The held-out train databases (results/data/heldout_databases.json): held-out questions come only from "
        "them (grpo.heldout.source heldout_databases); None: from the pool's intents outside eval_sets.",
        default=None,
    )

    @property
    def grid_entry(self) -> dict[str, Any]:
        """``{train_lang, reward_set, seed}``: the run as the grid lists it."""
        return {"train_lang": self.train_lang, "reward_set": self.reward_set, "seed": int(self.seed)}

    @property
    def threads(self) -> int | None:
        return self.grpo.get("threads")

    @property
    def adapter_dir(self) -> Path:
        return Path(self.out_dir) / paths.RUN_ADAPTER

    @property
    def train_log_path(self) -> Path:
        return Path(self.out_dir) / paths.RUN_TRAIN_LOG

    @property
    def resolved_config_path(self) -> Path:
        return Path(self.out_dir) / paths.RUN_RESOLVED_CONFIG

    @property
    def live_log_path(self) -> Path:
        """The train log written during training, beside the checkpoints (merged into :attr:`train_log_path`)."""
        return Path(self.checkpoints_dir) / paths.RUN_TRAIN_LOG

    def training_config(self) -> dict[str, Any]:
        """The settings as one config mapping (``grpo``, ``models``, ``rewards``, ``reward_sets``, ``prompt``,
        ``sql``, ``data``), what :func:`polysql.grpo.fingerprint.run_fingerprint` reads."""
        model = self.grpo.get("model")
        return {
            "grpo": dict(self.grpo),
            "models": {model: dict(self.model_spec)} if model and self.model_spec is not None else {},
            "rewards": dict(self.rewards),
            "reward_sets": {self.reward_set: dict(self.reward_weights)},
            "prompt": dict(self.prompt),
            "sql": dict(self.sql),
            "data": {"seed": self.data_seed},
        }

    def load_heldout_records(self) -> list[dict[str, Any]] | None:
        """The held-out sample (grpo.heldout.per_language per language, seeded by data.seed), or None when off."""
        if not self.heldout_pool:
            return None
        from polysql.grpo.heldout import load_heldout

        return load_heldout(
            list(self.heldout_pool),
            list(self.eval_sets),
            per_language=self.heldout["per_language"],
            seed=int(self.data_seed),
            databases_path=self.heldout_databases,
        )

    @property
    def heldout(self) -> dict[str, Any]:
        """``grpo.heldout`` with the schema's defaults filled in."""
        from polysql.config_schema import with_defaults

        return with_defaults(self.grpo.get("heldout"), "grpo", "heldout")

    def resolved(
        self, trainer_args: Mapping[str, Any] | None = None, launch: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        """Every setting the run trains with, defaults filled in: what ``resolved_config.json`` records.

        ``trainer`` holds every TRL GRPOConfig field: the config's value, else TRL's default; or, given
        ``trainer_args`` (``GRPOConfig.to_dict()`` of the built arguments), exactly those. The other
        sections carry the schema's defaults where the config leaves a key out.

        Args:
            trainer_args: the GRPOConfig the run built (``to_dict()``), when there is one: its
                ``per_device_train_batch_size`` is one process's share of the configured batch.
            launch: the processes it runs on (:func:`polysql.grpo.launch.describe`); default: the
                configured ones.
        """
        from polysql.config_schema import with_defaults
        from polysql.grpo.config import resolved_trainer_fields
        from polysql.grpo.launch import describe, world_size_of

        grpo = with_defaults({k: v for k, v in self.grpo.items() if k != "trainer"}, "grpo")
        for key in ("trainer", "gpu", "mem_mb", "runtime_min", "processes", "nodes", "strategy"):
            grpo.pop(key, None)  # resources are the job's, not the run's (the launch is recorded below)
        grpo["heldout"] = self.heldout
        grpo["lora"] = with_defaults(self.grpo.get("lora"), "grpo", "lora")
        trainer = dict(trainer_args) if trainer_args is not None else resolved_trainer_fields(self.grpo.get("trainer"))
        return {
            "run": {"id": self.run_id, **self.grid_entry},
            "model": {
                "name": grpo.get("model"),
                "path": self.model_path,
                "spec": dict(self.model_spec) if self.model_spec is not None else None,
            },
            "train_path": self.train_path,
            "grpo": grpo,
            "trainer": trainer,
            "reward_weights": dict(self.reward_weights),
            "rewards": self.effective_rewards(),
            "prompt": with_defaults(self.prompt, "prompt"),
            "sql": with_defaults(self.sql, "sql"),
            "data_seed": self.data_seed,
            "encoder_paths": dict(self.encoder_paths),
            "heldout_databases": self.heldout_databases,
            "launch": dict(launch) if launch is not None else describe(self.grpo, world_size_of(self.grpo)),
        }

    def effective_rewards(self) -> dict[str, dict[str, Any]]:
        """The section of each reward of the run's set as the run uses it: ``rewards.<name>``, the set's own
        overrides over it (``{weight, key: value}`` entries), the schema's defaults filled in."""
        from polysql.config_schema import with_defaults

        effective = {}
        for name, entry in sorted(self.reward_weights.items()):
            overrides = {k: v for k, v in entry.items() if k != "weight"} if isinstance(entry, Mapping) else {}
            section = {**dict(self.rewards.get(name) or {}), **overrides}
            try:
                effective[name] = with_defaults(section, "rewards", name)
            except KeyError:  # a reward registered in code (tests, plug-ins): no schema section to fill from
                effective[name] = section
        return effective

    def describe(self) -> str:
        """Every field with its value and help text, one block per field."""
        return "\n".join(f"{f.name} = {getattr(self, f.name)!r}\n    {f.metadata['help']}" for f in fields(self))

    @classmethod
    def from_rule(
        cls,
        run_id: str,
        params: Mapping[str, Any],
        *,
        inputs: Mapping[str, Any],
        saving_fields: Mapping[str, Any] | None = None,
        threads: int | None = None,
        gpu: bool | None = None,
        sql_workers: int = 0,
        launch: Mapping[str, Any] | None = None,
    ) -> "GRPORunConfig":
        """A run from the ``train_grpo`` rule's params and inputs.

        Args:
            run_id: The run's grid id (the rule's ``run`` wildcard).
            params: The rule's params: ``run`` (the grid entry), ``model_dir``, ``out_dir``, ``checkpoints_dir``
                and the output settings of :func:`polysql.workflow_plan.grpo_output_params` (``grpo``,
                ``model_spec``, ``reward_sets``, ``rewards``, ``prompt``, ``sql``, ``data``).
            inputs: The rule's inputs: ``data``, ``encoders`` (one path, a list or none) and, when held-out
                checks are on, ``heldout_pool`` with ``eval_sets`` or ``heldout_databases``.
            saving_fields: ``grpo.trainer`` fields the params leave out (checkpoint cadence, reporting).
            threads: CPU threads of the job.
            gpu: config ``grpo.gpu`` (a resource, not a param): the job stops at once without a CUDA device.
            sql_workers: ``sql.workers`` (speed only, not a param).
            launch: config ``grpo.processes``, ``grpo.nodes`` and ``grpo.strategy`` (resources, not params).
        """
        grpo = dict(params["grpo"])
        grpo["trainer"] = {**dict(grpo.get("trainer") or {}), **dict(saving_fields or {})}
        if threads is not None:
            grpo["threads"] = threads
        if gpu is not None:
            grpo["gpu"] = bool(gpu)
        grpo.update(launch or {})
        run = params["run"]
        ((reward_set, weights),) = dict(params["reward_sets"]).items()
        if reward_set != run["reward_set"]:
            raise ValueError(f"params reward_sets names {reward_set!r}, the run's reward set is {run['reward_set']!r}")
        return cls(
            run_id=run_id,
            train_lang=run["train_lang"],
            reward_set=reward_set,
            seed=int(run["seed"]),
            train_path=str(inputs["data"]),
            model_path=str(params["model_dir"]),
            out_dir=str(params["out_dir"]),
            checkpoints_dir=str(params["checkpoints_dir"]),
            grpo=grpo,
            reward_weights=dict(weights),
            rewards=dict(params["rewards"]),
            prompt=dict(params["prompt"]),
            sql={**dict(params["sql"]), "workers": sql_workers},
            model_spec=params.get("model_spec"),
            data_seed=int(params["data"]["seed"]),
            encoder_paths=encoder_paths_by_name(inputs.get("encoders")),
            heldout_pool=tuple(map(str, inputs.get("heldout_pool") or ())),
            eval_sets=tuple(map(str, inputs.get("eval_sets") or ())),
            heldout_databases=str(inputs["heldout_databases"]) if inputs.get("heldout_databases") else None,
        )

    @classmethod
    def from_config(
        cls,
        run: Mapping[str, Any],
        config: Mapping[str, Any],
        *,
        train_path: str | os.PathLike,
        model_path: str | os.PathLike,
        out_dir: str | os.PathLike,
        checkpoints_dir: str | os.PathLike,
        encoder_paths: Mapping[str, str] | Iterable[str] | str | None = None,
        run_id: str | None = None,
    ) -> "GRPORunConfig":
        """A run from a grid entry ``{train_lang, reward_set, seed}`` and a config mapping (keys ``grpo``,
        ``rewards``, ``reward_sets``, ``prompt``, ``sql``, ``data`` and optionally ``models``), as tests use it.

        Raises:
            KeyError: The run's reward set is not in ``config["reward_sets"]``.
        """
        reward_sets = config.get("reward_sets") or {}
        if run["reward_set"] not in reward_sets:
            raise KeyError(f"reward set '{run['reward_set']}' is not in config reward_sets ({sorted(reward_sets)})")
        grpo = dict(config.get("grpo") or {})
        from polysql.workflow_plan import run_id as grid_run_id

        return cls(
            run_id=run_id or grid_run_id(run["train_lang"], run["reward_set"], int(run["seed"])),
            train_lang=run["train_lang"],
            reward_set=run["reward_set"],
            seed=int(run["seed"]),
            train_path=str(train_path),
            model_path=str(model_path),
            out_dir=str(out_dir),
            checkpoints_dir=str(checkpoints_dir),
            grpo=grpo,
            reward_weights=dict(reward_sets[run["reward_set"]]),
            rewards=dict(config.get("rewards") or {}),
            prompt=dict(config.get("prompt") or {}),
            sql=dict(config.get("sql") or {}),
            model_spec=(config.get("models") or {}).get(grpo.get("model")),
            data_seed=int((config.get("data") or {}).get("seed", 0)),
            encoder_paths=encoder_paths_by_name(encoder_paths),
        )


def encoder_paths_by_name(encoder_paths: Mapping[str, str] | Iterable[str] | str | None) -> dict[str, str]:
    """Normalise the rule's encoder input: a mapping, one path or a list of ``results/encoder/<name>/model``."""
    if not encoder_paths:
        return {}
    if isinstance(encoder_paths, Mapping):
        return {str(k): str(v) for k, v in encoder_paths.items()}
    if isinstance(encoder_paths, (str, os.PathLike)):
        encoder_paths = [encoder_paths]
    by_name = {}
    for entry in encoder_paths:
        path = Path(entry)
        by_name[(path.parent if path.name == "model" else path).name] = str(path)
    return by_name
