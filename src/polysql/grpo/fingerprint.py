"""Checkpoint fingerprints: a GRPO checkpoint is resumed only by the run definition that wrote it.

The fingerprint is a SHA-256 over a canonical JSON of everything that changes a run's training
trajectory:

- the policy model: its config spec (source, repo and revision, GGUF checksum, dtype) and, where
  the spec does not pin the content (a local folder, a folder the workflow produced under
  ``results/`` such as a warm-start model), a hash of every file in the model folder;
- the LoRA settings (defaults filled in) and the ``grpo.trainer`` fields except logging, saving,
  evaluation and hub cadence (:data:`NON_TRAJECTORY_PREFIXES`, :data:`NON_TRAJECTORY_KEYS`);
- ``grpo.train_size`` and every other ``grpo`` key but resources (threads, gpu, mem_mb,
  runtime_min), the reward set (weights) with the config section of each of its rewards,
  the SQL limits the execution reward runs under (not ``sql.workers``);
- each reward encoder's folder content hash, the prompt config, the shot seed (``data.seed``),
  the training sample's content hash and the run's seed.

:func:`prepare_checkpoints` compares the fingerprint with the one stored beside the checkpoints
(``<checkpoints_dir>/run_fingerprint.json``). On a mismatch (or checkpoints without a fingerprint)
the whole folder is moved aside to ``<checkpoints_dir>.stale-<UTC timestamp>`` with a log line
naming what changed, and training starts at step 0. Nothing is cached: model, encoder and sample
are hashed on every start (seconds for a multi-GB model).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping

from polysql.io import file_sha256
from polysql.workflow_plan import NON_OUTPUT_KEYS

log = logging.getLogger(__name__)

FINGERPRINT_FILE = "run_fingerprint.json"
FINGERPRINT_VERSION = 1

NON_TRAJECTORY_PREFIXES = ("logging_", "log_", "save_", "eval_", "push_to_hub", "hub_")
"""``grpo.trainer`` fields with these prefixes do not change the trajectory (cadence, reporting)."""
NON_TRAJECTORY_KEYS = frozenset(
    {
        "report_to",
        "run_name",
        "disable_tqdm",
        "output_dir",
        "overwrite_output_dir",
        "num_completions_to_print",
        "wandb_log_unique_prompts",
        "per_device_eval_batch_size",
        "do_eval",
        "prediction_loss_only",
    }
)
"""``grpo.trainer`` fields that do not change the trajectory."""
NON_OUTPUT_SQL_KEYS = NON_OUTPUT_KEYS["sql"]
"""``sql`` keys that change speed only (in-process or worker pool), not a reward."""
GRPO_SEPARATE_KEYS = frozenset({"model", "lora", "trainer", "train_size"})
"""``grpo`` keys given their own fingerprint part."""
GRPO_RESOURCE_KEYS = NON_OUTPUT_KEYS["grpo"]
"""``grpo`` keys that request resources only (the process layout included: a checkpoint written at another
process count is refused by :func:`polysql.grpo.launch.check_resume`, not silently restarted). Every other
``grpo`` key counts (a new key: restart, never a wrong resume)."""


def trajectory_trainer_fields(trainer: Mapping[str, Any] | None) -> dict[str, Any]:
    """``grpo.trainer`` without the fields that only set logging, saving, evaluation or hub cadence."""
    return {
        key: value
        for key, value in (trainer or {}).items()
        if key not in NON_TRAJECTORY_KEYS and not key.startswith(NON_TRAJECTORY_PREFIXES)
    }


def canonical_json(value: Any) -> str:
    """One JSON text per value: keys sorted, no whitespace, tuples as lists (key order never matters)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def folder_digest(folder: str | os.PathLike, chunk: int = 1 << 20) -> str:
    """SHA-256 over every regular file below ``folder``: relative path, size and bytes, in sorted order.

    Hidden entries (``.ready`` flags, ``.cache``) and ``__pycache__`` are skipped; symlinks are followed.

    Raises:
        FileNotFoundError: ``folder`` is not a directory.
    """
    root = Path(folder)
    if not root.is_dir():
        raise FileNotFoundError(f"cannot fingerprint {root}: not a directory")
    files = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d != "__pycache__")
        files += [Path(dirpath) / name for name in filenames if not name.startswith(".")]
    digest = hashlib.sha256()
    for path in sorted(files, key=lambda p: p.relative_to(root).as_posix()):
        relative = path.relative_to(root).as_posix()
        digest.update(f"{relative}\0{path.stat().st_size}\0".encode())
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(chunk), b""):
                digest.update(block)
    return digest.hexdigest()


def _under_results(path: Path) -> bool:
    """Whether ``path`` lies in the workflow's ``results/`` (an output of another rule)."""
    resolved = path.resolve()
    return resolved.is_relative_to(Path.cwd().resolve() / "results") or "results" in path.parts


def _content_pinned(spec: Mapping[str, Any] | None) -> bool:
    """Whether a model spec fixes the content by itself (a hub revision, a GGUF checksum)."""
    if not spec:
        return False
    source = spec.get("source")
    return (source == "hub" and bool(spec.get("revision"))) or (source == "gguf" and bool(spec.get("sha256")))


def model_identity(model_path: str | os.PathLike, spec: Mapping[str, Any] | None) -> dict[str, Any]:
    """The policy model's identity: its spec, plus a content hash unless the spec pins the content.

    A folder the workflow produced (under ``results/``, e.g. a merged warm-start model) is always hashed.
    """
    path = Path(model_path)
    identity: dict[str, Any] = {"spec": dict(spec) if spec else None}
    if not _content_pinned(spec) or _under_results(path):
        identity["content_sha256"] = folder_digest(path)
    return identity


def run_fingerprint(
    run_cfg: Mapping[str, Any],
    *,
    config: Mapping[str, Any],
    model_path: str | os.PathLike,
    train_path: str | os.PathLike,
    encoder_paths: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Everything that changes one run's trajectory, as a JSON-able dict (see the module docstring).

    Args:
        run_cfg: ``{"train_lang", "reward_set", "seed"}``.
        config: The training config (``grpo``, ``rewards``, ``reward_sets``, ``prompt``, ``sql``, ``data``
            and optionally ``models`` holding the policy's spec under the name ``grpo.model``).
        model_path: The policy model folder.
        train_path: The GRPO training sample.
        encoder_paths: Reward encoders (name -> folder).
    """
    from polysql.grpo.config import LORA_DEFAULTS

    grpo = dict(config.get("grpo") or {})
    model_name = grpo.get("model")
    spec = (config.get("models") or {}).get(model_name) if model_name else None
    reward_set = dict((config.get("reward_sets") or {})[run_cfg["reward_set"]])
    rewards = config.get("rewards") or {}
    return {
        "version": FINGERPRINT_VERSION,
        "model": {"name": model_name, **model_identity(model_path, spec)},
        "lora": {**LORA_DEFAULTS, **dict(grpo.get("lora") or {})},
        "trainer": trajectory_trainer_fields(grpo.get("trainer")),
        "train_size": grpo.get("train_size"),
        "grpo_other": {k: v for k, v in grpo.items() if k not in GRPO_SEPARATE_KEYS | GRPO_RESOURCE_KEYS},
        "reward_set": {
            "name": run_cfg["reward_set"],
            "weights": reward_set,
            "sections": {name: rewards.get(name) or {} for name in reward_set},
        },
        "sql": {k: v for k, v in (config.get("sql") or {}).items() if k not in NON_OUTPUT_SQL_KEYS},
        "encoders": {name: folder_digest(path) for name, path in sorted((encoder_paths or {}).items())},
        "prompt": dict(config.get("prompt") or {}),
        "data_seed": (config.get("data") or {}).get("seed", 0),
        "train_sample_sha256": file_sha256(train_path),
        "seed": int(run_cfg["seed"]),
    }


def fingerprint_digest(fingerprint: Mapping[str, Any]) -> str:
    """SHA-256 of the fingerprint's canonical JSON."""
    return hashlib.sha256(canonical_json(fingerprint).encode("utf-8")).hexdigest()


def read_stored_fingerprint(checkpoints_dir: str | os.PathLike) -> dict[str, Any] | None:
    """The fingerprint stored beside the checkpoints, or None (absent or unreadable)."""
    path = Path(checkpoints_dir) / FINGERPRINT_FILE
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return stored if isinstance(stored, dict) and "digest" in stored else None


def write_fingerprint(checkpoints_dir: str | os.PathLike, fingerprint: Mapping[str, Any]) -> None:
    """Store the fingerprint (and its digest) beside the checkpoints, atomically."""
    root = Path(checkpoints_dir)
    root.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"digest": fingerprint_digest(fingerprint), "fingerprint": fingerprint}, indent=2, sort_keys=True)
    tmp = root / f".{FINGERPRINT_FILE}.{os.getpid()}.tmp"
    tmp.write_text(text + "\n", encoding="utf-8")
    os.replace(tmp, root / FINGERPRINT_FILE)


def changed_parts(old: Mapping[str, Any] | None, new: Mapping[str, Any]) -> list[str]:
    """Top-level fingerprint parts that differ (``trainer.learning_rate`` level for the trainer)."""
    if not old:
        return ["(no fingerprint stored)"]
    changed = []
    for key in sorted(set(old) | set(new)):
        if key == "trainer" and isinstance(old.get(key), dict) and isinstance(new.get(key), dict):
            fields = sorted(set(old[key]) | set(new[key]))
            changed += [f"trainer.{f}" for f in fields if old[key].get(f, "<unset>") != new[key].get(f, "<unset>")]
        elif canonical_json(old.get(key)) != canonical_json(new.get(key)):
            changed.append(key)
    return changed


def move_aside(checkpoints_dir: str | os.PathLike) -> Path:
    """Rename ``checkpoints_dir`` to ``<name>.stale-<UTC timestamp>`` (a suffix added if taken)."""
    root = Path(checkpoints_dir)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    target = root.with_name(f"{root.name}.stale-{stamp}")
    counter = 1
    while target.exists():
        target = root.with_name(f"{root.name}.stale-{stamp}-{counter}")
        counter += 1
    os.replace(root, target)
    return target


@dataclass(frozen=True)
class ResumePlan:
    """Where training starts: ``checkpoint`` (None: step 0), its ``step``, ``finished`` when it reached max_steps."""

    checkpoint: str | None
    step: int | None
    finished: bool
    moved_to: str | None = None


def _has_content(folder: Path) -> bool:
    return folder.is_dir() and any(child.name != FINGERPRINT_FILE for child in folder.iterdir())


def prepare_checkpoints(
    checkpoints_dir: str | os.PathLike,
    fingerprint: Mapping[str, Any],
    *,
    max_steps: int | None,
    is_main: bool = True,
    barrier: Callable[[], Any] | None = None,
) -> ResumePlan:
    """Keep checkpoints only if this run definition wrote them, store its fingerprint, plan the start.

    Args:
        checkpoints_dir: The run's checkpoint folder (TRL ``output_dir``; the live log lives there too).
        fingerprint: :func:`run_fingerprint` of the run about to train.
        max_steps: The run's ``max_steps`` (<= 0 or None: epoch-based, never "finished" up front).
        is_main: Whether this is the main process (only it moves folders and writes the fingerprint).
        barrier: Called between the main process's check and every process's look at the folder
            (``accelerator.wait_for_everyone`` under several processes).

    Returns:
        The plan: resume from the newest whole checkpoint if the stored fingerprint matches (damaged ones
        are moved aside first, see :func:`polysql.grpo.checkpoints.discard_damaged`);
        ``finished`` when that checkpoint already reached ``max_steps`` (train no further step).
    """
    from polysql.grpo.checkpoints import checkpoint_step, discard_damaged, find_resumable_checkpoint

    root = Path(checkpoints_dir)
    digest = fingerprint_digest(fingerprint)
    stored = read_stored_fingerprint(root)
    moved_to = None
    if is_main:
        if _has_content(root) and (stored is None or stored["digest"] != digest):
            changes = changed_parts(stored.get("fingerprint") if stored else None, fingerprint)
            moved_to = str(move_aside(root))
            log.warning(
                "checkpoints in %s were written by another run definition (changed: %s): moved to %s; "
                "training starts at step 0",
                root,
                ", ".join(changes) or "unknown",
                moved_to,
            )
        write_fingerprint(root, fingerprint)
        discard_damaged(root)  # a damaged newest checkpoint is moved aside: resume from the previous good one
    if barrier is not None:
        barrier()
    checkpoint = find_resumable_checkpoint(root)
    if checkpoint is None:
        return ResumePlan(None, None, False, moved_to)
    step = checkpoint_step(checkpoint)
    finished = bool(max_steps and max_steps > 0 and step >= max_steps)
    if finished:
        log.info(
            "%s already reached max_steps %d (global_step %d): no further step is trained", checkpoint, max_steps, step
        )
    else:
        log.info("resuming from %s (global_step %d); fingerprint %s matches", checkpoint, step, digest[:12])
    return ResumePlan(checkpoint, step, finished, moved_to)


def load_checkpoint_adapter(model, checkpoint: str | os.PathLike) -> None:
    """Load a checkpoint's LoRA weights into a PEFT model (for a run that already reached max_steps)."""
    from peft import set_peft_model_state_dict
    from peft.utils import load_peft_weights

    result = set_peft_model_state_dict(model, load_peft_weights(str(checkpoint), device="cpu"))
    unexpected = list(getattr(result, "unexpected_keys", []) or [])
    if unexpected:
        raise RuntimeError(f"{checkpoint}: adapter weights do not fit the model (unexpected keys {unexpected[:5]})")
