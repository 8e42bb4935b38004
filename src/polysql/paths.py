"""Where the workflow reads and writes its files: the one module that names them.

Each location is a function that returns the concrete path (for code: ``grpo_adapter("lang~all/reward~exec/seed~0")``)
and, where a rule writes it for many wildcard values, an UPPER_CASE template built by calling that function
with ``{wildcard}`` placeholders (for rule files: ``output: paths.GRPO_ADAPTER``, ``expand(paths.SPLIT_FILE, ...)``).
So a template and its function can never disagree. Paths are relative to the working directory (the
repository root, or Snakemake's ``--directory``). Logs and benchmark files are named by their rules only.

Identifiers that become path components (a ``db_id`` from a data file, a language code, a system,
model, encoder or run name) are confined: :func:`check_component` refuses a separator, ``.``/``..``,
an absolute path, a NUL byte or an empty name, and :func:`confined_path` also checks that the
resolved path (symbolic links followed) stays inside its root. Every function below checks its
arguments, so no caller can build a path that leaves ``results/`` or a benchmark folder. The error,
:class:`UnsafePathError`, is a :class:`~polysql.io.DataError` naming the identifier, its kind and the
file it came from; it is raised before anything is read or written.

This module imports only :mod:`polysql.io` (which imports nothing from polysql), so anything may import it.
"""

from __future__ import annotations

import os
from pathlib import Path

from polysql.io import DataError


class UnsafePathError(DataError):
    """An identifier would make a path that leaves its root (names the identifier, its kind and source)."""


_SEPARATORS = tuple({"/", "\\", os.sep, os.altsep or "/"})


def _where(source: str | os.PathLike | None) -> str:
    return f" (in {source})" if source else ""


def check_component(value: object, kind: str, *, source: str | os.PathLike | None = None) -> str:
    """Return ``value`` if it is safe as one path component, else raise :class:`UnsafePathError`.

    Safe: a non-empty string without ``/``, ``\\`` or NUL, not ``.`` or ``..`` and not absolute.
    ``{wildcard}`` placeholders pass (they are components too), so templates build unchanged.

    Args:
        value: The identifier (a db_id, a language code, a system, model or encoder name).
        kind: What it is, for the message (``"db_id"``, ``"language"``, ``"system"`` ...).
        source: The file (and line or record) it came from, for the message.
    """
    if not isinstance(value, str) or not value:
        problem = "is empty" if value == "" else f"is not a string ({type(value).__name__})"
    elif "\x00" in value:
        problem = "contains a NUL byte"
    elif value in (".", ".."):
        problem = f"is {value!r}, a relative folder"
    elif os.path.isabs(value) or value.startswith(("/", "\\")):
        problem = "is an absolute path"
    elif any(sep in value for sep in _SEPARATORS):
        problem = "contains a path separator"
    else:
        return value
    raise UnsafePathError(
        f"{kind} {value!r}{_where(source)} {problem}; refusing to use it in a path "
        "(it must be one plain name: no '/', '\\', '..' or absolute path)"
    )


def check_run_id(run: object, *, kind: str = "run name", source: str | os.PathLike | None = None) -> str:
    """Return a run id (``lang~all/reward~exec/seed~0``: names joined by ``/``) if each part is a safe component."""
    if not isinstance(run, str) or not run:
        return check_component(run, kind, source=source)
    if os.path.isabs(run) or run.startswith(("/", "\\")):
        raise UnsafePathError(f"{kind} {run!r}{_where(source)} is an absolute path; refusing to use it in a path")
    for part in run.split("/"):
        check_component(part, f"{kind} {run!r}: part", source=source)
    return run


def confined_path(root: str | os.PathLike, *parts: str, kind: str, source: str | os.PathLike | None = None) -> Path:
    """``root/part/...`` after checking each part (:func:`check_component`) and that the resolved
    path (symbolic links followed, the root's own links included) stays inside the resolved root.

    Raises:
        UnsafePathError: a part is not one plain name, or the path resolves outside ``root``.
    """
    for part in parts:
        check_component(part, kind, source=source)
    path = Path(root).joinpath(*parts)
    real_root, real = os.path.realpath(root), os.path.realpath(path)
    if real != real_root and not real.startswith(real_root.rstrip(os.sep) + os.sep):
        raise UnsafePathError(
            f"{kind} {parts[0] if parts else ''!r}{_where(source)}: {path} resolves to {real}, "
            f"outside {root}; refusing to read or write it"
        )
    return path


RESULTS = "results"
"""Every output of the workflow lies below this folder."""

# --- resources: models and benchmarks the workflow fetches or converts --------------------------------

MODELS_ROOT = "resources/models"
"""Prepared models (hub snapshots, converted GGUF files): ``<root>/<name>/``."""
READY_FLAG = ".ready"
"""Written into a prepared model's folder once it is complete."""
MULTISPIDER_DIR = "resources/multispider"
"""Where the fetch_multispider rule puts MultiSpider (``benchmark.dir`` names it to use it)."""
MULTISPIDER_FLAG = f"{MULTISPIDER_DIR}/.fetched"
MULTISPIDER_TABLES = f"{MULTISPIDER_DIR}/tables.json"


def prepared_model_dir(model: str) -> str:
    """The folder a hub or GGUF model is prepared into."""
    check_component(model, "model name")
    return f"{MODELS_ROOT}/{model}"


def model_ready_flag(model: str) -> str:
    """The flag the prepare_model rule writes once ``model`` is prepared."""
    return f"{prepared_model_dir(model)}/{READY_FLAG}"


MODEL_READY_FLAG = model_ready_flag("{model}")

# --- data stage ---------------------------------------------------------------------------------------

DATA_DIR = f"{RESULTS}/data"
PREPARE_SUMMARY = f"{DATA_DIR}/prepare_summary.json"
EVAL_SUMMARY = f"{DATA_DIR}/eval_summary.json"


def split_file(split: str, lang: str) -> str:
    """One prepared split of one language (JSONL with ids, executed gold SQL and hardness)."""
    check_component(split, "split")
    check_component(lang, "language")
    return f"{DATA_DIR}/{split}_{lang}.jsonl"


def grpo_sample(train_lang: str) -> str:
    """The GRPO training sample of a train language (a language, or ``all``)."""
    check_component(train_lang, "language")
    return f"{DATA_DIR}/grpo_train_{train_lang}.jsonl"


def grpo_sample_summary(train_lang: str) -> str:
    check_component(train_lang, "language")
    return f"{DATA_DIR}/grpo_train_{train_lang}.summary.json"


def eval_set(lang: str) -> str:
    """The evaluation set of a language (the same intents in every language)."""
    check_component(lang, "language")
    return f"{DATA_DIR}/eval_{lang}.jsonl"


SPLIT_FILE = split_file("{split}", "{lang}")
GRPO_SAMPLE = grpo_sample("{train_lang}")
GRPO_SAMPLE_SUMMARY = grpo_sample_summary("{train_lang}")
EVAL_SET = eval_set("{lang}")
HELDOUT_DATABASES = f"{DATA_DIR}/heldout_databases.json"
"""Train-split databases kept out of every GRPO sample (config data.heldout_databases), for held-out curves."""

# --- in-domain evaluation ------------------------------------------------------------------------------

IN_DOMAIN_ROOT = f"{RESULTS}/in_domain"


def in_domain(path: str) -> str:
    """The in-domain twin of a results path (config ``data.in_domain_eval``): the same layout under
    ``results/in_domain/``, e.g. ``results/tables/main.csv`` -> ``results/in_domain/tables/main.csv``.

    The in-domain evaluation set (unseen questions on the training databases) goes through the same
    sampling, generation, scoring and report as the evaluation split, into these paths.
    """
    if not path.startswith(f"{RESULTS}/") or path.startswith(f"{IN_DOMAIN_ROOT}/"):
        raise ValueError(f"{path!r} is not a results path outside {IN_DOMAIN_ROOT}/")
    return f"{IN_DOMAIN_ROOT}/{path[len(RESULTS) + 1 :]}"


# --- warm start ---------------------------------------------------------------------------------------

WARM_START_ROOT = f"{RESULTS}/warm_start"


def warm_start_dir(model: str) -> str:
    """The warm_start rule's folder for ``model``: ``model/`` (merged weights), summary and train log."""
    check_component(model, "model name")
    return f"{WARM_START_ROOT}/{model}"


def warm_start_model(model: str) -> str:
    """The merged model a ``warm_start`` model loads from."""
    return f"{warm_start_dir(model)}/model"


def warm_start_summary(model: str) -> str:
    return f"{warm_start_dir(model)}/summary.json"


def warm_start_train_log(model: str) -> str:
    return f"{warm_start_dir(model)}/train_log.jsonl"


WARM_START_MODEL = warm_start_model("{model}")
WARM_START_SUMMARY = warm_start_summary("{model}")
WARM_START_TRAIN_LOG = warm_start_train_log("{model}")

# --- semantic encoder ---------------------------------------------------------------------------------

ENCODER_ROOT = f"{RESULTS}/encoder"


def encoder_model(encoder: str, root: str = ENCODER_ROOT) -> str:
    """The fine-tuned sentence-transformers folder of ``encoder`` (below ``root``)."""
    check_component(encoder, "encoder name")
    return f"{root}/{encoder}/model"


def encoder_train_log(encoder: str) -> str:
    check_component(encoder, "encoder name")
    return f"{ENCODER_ROOT}/{encoder}/train_log.jsonl"


def encoder_metrics(encoder: str) -> str:
    """Retrieval metrics of ``encoder`` before and after fine-tuning."""
    check_component(encoder, "encoder name")
    return f"{ENCODER_ROOT}/{encoder}/metrics.json"


ENCODER_MODEL = encoder_model("{encoder}")
ENCODER_TRAIN_LOG = encoder_train_log("{encoder}")
ENCODER_METRICS = encoder_metrics("{encoder}")

# --- GRPO runs ----------------------------------------------------------------------------------------

RESOLVED_CONFIG = f"{RESULTS}/config.resolved.yaml"
"""The whole config one invocation resolved (layers merged, schema defaults filled in): the resolved_config rule."""

GRPO_ROOT = f"{RESULTS}/grpo"
RUN_ADAPTER = "adapter"
"""In a run folder: the LoRA adapter (a declared output)."""
RUN_TRAIN_LOG = "train_log.jsonl"
"""In a run folder: the merged training log (a declared output); in its checkpoints folder: the live log."""
RUN_RESOLVED_CONFIG = "resolved_config.json"
"""In a run folder: every setting the run trained with, each TRL GRPOConfig field included (a declared output)."""
RUN_CHECKPOINTS = "checkpoints"
"""In a run folder: TRL checkpoints (not a declared output, so Snakemake keeps them for a resume)."""


def grpo_run_dir(run: str) -> str:
    """The folder of one GRPO run (``run`` is a grid id such as ``lang~all/reward~exec/seed~0``)."""
    check_run_id(run)
    return f"{GRPO_ROOT}/{run}"


def grpo_adapter(run: str) -> str:
    return f"{grpo_run_dir(run)}/{RUN_ADAPTER}"


def grpo_train_log(run: str) -> str:
    return f"{grpo_run_dir(run)}/{RUN_TRAIN_LOG}"


def grpo_resolved_config(run: str) -> str:
    return f"{grpo_run_dir(run)}/{RUN_RESOLVED_CONFIG}"


def grpo_checkpoints(run: str) -> str:
    return f"{grpo_run_dir(run)}/{RUN_CHECKPOINTS}"


GRPO_RUN_DIR = grpo_run_dir("{run}")
GRPO_ADAPTER = grpo_adapter("{run}")
GRPO_TRAIN_LOG = grpo_train_log("{run}")
GRPO_RESOLVED_CONFIG = grpo_resolved_config("{run}")
GRPO_CHECKPOINTS = grpo_checkpoints("{run}")

# --- generation and evaluation ------------------------------------------------------------------------


def _check_system(system: str) -> str:
    """A system id: a configured name, or ``grpo/<run id>`` for a trained run."""
    return check_run_id(system, kind="system")


PREDICTIONS_DIR = f"{RESULTS}/predictions"
METRICS_DIR = f"{RESULTS}/metrics"
"""Per-system metrics: ``<dir>/<system>/<lang>.json`` and ``<lang>.examples.jsonl`` (read by the report)."""


def predictions(system: str, lang: str) -> str:
    """One system's generated SQL for one language's evaluation set."""
    _check_system(system)
    check_component(lang, "language")
    return f"{PREDICTIONS_DIR}/{system}/{lang}.jsonl"


def metrics(system: str, lang: str) -> str:
    """One system's summary metrics (EX, exact-set match, ...) for one language."""
    _check_system(system)
    check_component(lang, "language")
    return f"{METRICS_DIR}/{system}/{lang}.json"


def examples(system: str, lang: str) -> str:
    """One system's per-example scores for one language (what the report tables pool)."""
    _check_system(system)
    check_component(lang, "language")
    return f"{METRICS_DIR}/{system}/{lang}.examples.jsonl"


PREDICTIONS = predictions("{system}", "{lang}")
METRICS = metrics("{system}", "{lang}")
EXAMPLES = examples("{system}", "{lang}")

# --- report: tables and plots -------------------------------------------------------------------------

TABLES_DIR = f"{RESULTS}/tables"
PLOTS_DIR = f"{RESULTS}/plots"

MAIN_TABLE = f"{TABLES_DIR}/main.csv"
"""The main target of the workflow."""
MAIN_MARKDOWN = f"{TABLES_DIR}/main.md"
SIGNIFICANCE_TABLE = f"{TABLES_DIR}/significance.csv"
HARDNESS_TABLE = f"{TABLES_DIR}/hardness.csv"
CONSISTENCY_TABLE = f"{TABLES_DIR}/consistency.csv"
MAIN_BARS = f"{PLOTS_DIR}/main_bars.png"

ABLATION_GRID = f"{TABLES_DIR}/ablation_grid.csv"
ABLATION_REWARD = f"{TABLES_DIR}/ablation_reward.csv"
ABLATION_TRANSFER = f"{TABLES_DIR}/ablation_transfer.csv"
ABLATION_HEATMAP = f"{PLOTS_DIR}/ablation_heatmap.png"

TRAINING_CURVES = f"{PLOTS_DIR}/training_curves.png"
ENCODER_RETRIEVAL = f"{PLOTS_DIR}/encoder_retrieval.png"

REWARD_VALIDITY_TABLE = f"{TABLES_DIR}/reward_validity.csv"
"""The reward-validity audit's table (AUC and hack rate of the semantic reward)."""
REWARD_VALIDITY_PLOT = f"{PLOTS_DIR}/reward_validity.png"
