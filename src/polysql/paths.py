"""Where the workflow reads and writes its files: the one module that names them.

Each location is a function that returns the concrete path (for code: ``grpo_adapter("lang~all/reward~exec/seed~0")``)
and, where a rule writes it for many wildcard values, an UPPER_CASE template built by calling that function
with ``{wildcard}`` placeholders (for rule files: ``output: paths.GRPO_ADAPTER``, ``expand(paths.SPLIT_FILE, ...)``).
So a template and its function can never disagree. Paths are relative to the working directory (the
repository root, or Snakemake's ``--directory``). Logs and benchmark files are named by their rules only.

This module imports nothing from polysql, so anything may import it.
"""

from __future__ import annotations

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
    return f"{DATA_DIR}/{split}_{lang}.jsonl"


def grpo_sample(train_lang: str) -> str:
    """The GRPO training sample of a train language (a language, or ``all``)."""
    return f"{DATA_DIR}/grpo_train_{train_lang}.jsonl"


def grpo_sample_summary(train_lang: str) -> str:
    return f"{DATA_DIR}/grpo_train_{train_lang}.summary.json"


def eval_set(lang: str) -> str:
    """The evaluation set of a language (the same intents in every language)."""
    return f"{DATA_DIR}/eval_{lang}.jsonl"


SPLIT_FILE = split_file("{split}", "{lang}")
GRPO_SAMPLE = grpo_sample("{train_lang}")
GRPO_SAMPLE_SUMMARY = grpo_sample_summary("{train_lang}")
EVAL_SET = eval_set("{lang}")
HELDOUT_DATABASES = f"{DATA_DIR}/heldout_databases.json"
"""Train-split databases kept out of every GRPO sample (config data.heldout_databases), for held-out curves."""

# --- warm start ---------------------------------------------------------------------------------------

WARMSTART_ROOT = f"{RESULTS}/warmstart"


def warmstart_dir(model: str) -> str:
    """The warm_start rule's folder for ``model``: ``model/`` (merged weights), summary and train log."""
    return f"{WARMSTART_ROOT}/{model}"


def warmstart_model(model: str) -> str:
    """The merged model a ``warm_start`` model loads from."""
    return f"{warmstart_dir(model)}/model"


def warmstart_summary(model: str) -> str:
    return f"{warmstart_dir(model)}/summary.json"


def warmstart_train_log(model: str) -> str:
    return f"{warmstart_dir(model)}/train_log.jsonl"


WARMSTART_MODEL = warmstart_model("{model}")
WARMSTART_SUMMARY = warmstart_summary("{model}")
WARMSTART_TRAIN_LOG = warmstart_train_log("{model}")

# --- semantic encoder ---------------------------------------------------------------------------------

ENCODER_ROOT = f"{RESULTS}/encoder"


def encoder_model(encoder: str, root: str = ENCODER_ROOT) -> str:
    """The fine-tuned sentence-transformers folder of ``encoder`` (below ``root``)."""
    return f"{root}/{encoder}/model"


def encoder_train_log(encoder: str) -> str:
    return f"{ENCODER_ROOT}/{encoder}/train_log.jsonl"


def encoder_metrics(encoder: str) -> str:
    """Retrieval metrics of ``encoder`` before and after fine-tuning."""
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

PREDICTIONS_DIR = f"{RESULTS}/predictions"
METRICS_DIR = f"{RESULTS}/metrics"
"""Per-system metrics: ``<dir>/<system>/<lang>.json`` and ``<lang>.examples.jsonl`` (read by the report)."""


def predictions(system: str, lang: str) -> str:
    """One system's generated SQL for one language's evaluation set."""
    return f"{PREDICTIONS_DIR}/{system}/{lang}.jsonl"


def metrics(system: str, lang: str) -> str:
    """One system's summary metrics (EX, exact-set match, ...) for one language."""
    return f"{METRICS_DIR}/{system}/{lang}.json"


def examples(system: str, lang: str) -> str:
    """One system's per-example scores for one language (what the report tables pool)."""
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
