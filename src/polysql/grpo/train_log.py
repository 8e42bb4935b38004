"""The GRPO training log: one JSON object per logged step, with where each step's time went.

``TrainLogCallback`` appends a record on every trainer log: TRL's metrics (``loss``, ``reward``,
``reward_std``, ``rewards/<name>/mean|std``, ``kl``, ``completions/mean_length``,
``frac_reward_zero_std`` ...) plus wall-clock timings per optimizer step, averaged over the steps
since the previous record:

- ``time/step_s``: the whole step (generation, scoring, forward/backward, optimizer);
- ``time/generation_s``: sampling completions (``GRPOTrainer._generate``);
- ``time/rewards_s`` and ``time/reward/<name>_s``: reward scoring, in total and per function;
- ``time/logprobs_s``: the rest of scoring (old/reference log-probabilities);
- ``time/train_s``: step minus generation and scoring = forward/backward + optimizer;
- ``time/elapsed_s``: wall time of training so far, summed over resumed attempts.

The live log sits beside the checkpoints (it survives a killed job); on resume it is cut back to the
resumed checkpoint's step so no step appears twice.
"""

from __future__ import annotations

import functools
import json
import os
import time
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

from transformers import TrainerCallback

from polysql.io import iter_jsonl, write_jsonl

PHASES = ("generation", "rewards", "generate_and_score")


class PhaseTimer:
    """Cumulative wall time per named phase (phases may nest)."""

    def __init__(self) -> None:
        self.totals: dict[str, float] = defaultdict(float)

    @contextmanager
    def time(self, phase: str) -> Iterator[None]:
        """Add the wall time of the ``with`` block to ``phase``."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self.totals[phase] += time.perf_counter() - start

    def snapshot(self) -> dict[str, float]:
        return dict(self.totals)


def timed_reward(func: Callable[..., list], timer: PhaseTimer) -> Callable[..., list]:
    """Wrap a reward function so its calls add to phase ``reward/<name>``; keeps ``__name__`` for TRL."""
    name = func.__name__

    @functools.wraps(func)  # __name__ (TRL logs by it), __doc__, __wrapped__
    def wrapper(prompts, completions, **columns):
        with timer.time(f"reward/{name}"):
            return func(prompts, completions, **columns)

    return wrapper


def read_train_log(path: str | os.PathLike) -> list[dict[str, Any]]:
    """Records of a train log (empty if the file does not exist)."""
    return list(iter_jsonl(path)) if Path(path).is_file() else []


def truncate_train_log(path: str | os.PathLike, last_step: int) -> list[dict[str, Any]]:
    """Keep only records with ``step <= last_step`` (what a resumed run re-does is dropped); returns them."""
    records = [record for record in read_train_log(path) if int(record.get("step", 0)) <= last_step]
    if Path(path).is_file():
        write_jsonl(path, records)
    return records


def merge_step_records(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One record per step, in step order: records of the same step are merged (training metrics and
    held-out checks are written separately), a later value of a key winning."""
    by_step: dict[int, dict[str, Any]] = {}
    for record in records:
        by_step.setdefault(int(record["step"]), {}).update(record)
    return [by_step[step] for step in sorted(by_step)]


class TrainLogCallback(TrainerCallback):
    """Append one JSON record per trainer log to ``path`` (see the module docstring for the fields)."""

    def __init__(self, path: str | os.PathLike, timer: PhaseTimer) -> None:
        self.path = Path(path)
        self.timer = timer
        self.summary: dict[str, Any] = {}
        self._step_start = 0.0
        self._step_time = 0.0
        self._steps = 0
        self._last_totals: dict[str, float] = {}
        self._train_start = 0.0
        self._elapsed_before = 0.0

    def on_train_begin(self, args, state, control, **kwargs):
        # On resume state.global_step is the checkpoint's step: drop records of steps that will be redone.
        kept = truncate_train_log(self.path, state.global_step)
        self._elapsed_before = float(kept[-1].get("time/elapsed_s") or 0.0) if kept else 0.0
        self._train_start = time.perf_counter()
        self._last_totals = self.timer.snapshot()
        self._step_time, self._steps = 0.0, 0

    def on_step_begin(self, args, state, control, **kwargs):
        self._step_start = time.perf_counter()

    def on_step_end(self, args, state, control, **kwargs):
        self._step_time += time.perf_counter() - self._step_start
        self._steps += 1

    def on_log(self, args, state, control, logs=None, **kwargs):
        logs = dict(logs or {})
        if "train_runtime" in logs:  # the end-of-training summary, not a step
            self.summary = logs
            return
        if not state.is_world_process_zero:
            return
        record: dict[str, Any] = {"step": state.global_step, "epoch": state.epoch}
        record.update({key: _jsonable(value) for key, value in logs.items()})
        record.update(self._timings())
        record["time/elapsed_s"] = self._elapsed_before + time.perf_counter() - self._train_start
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            handle.flush()
            os.fsync(handle.fileno())

    def _timings(self) -> dict[str, float]:
        totals = self.timer.snapshot()
        delta = {key: totals.get(key, 0.0) - self._last_totals.get(key, 0.0) for key in totals}
        self._last_totals = totals
        steps = max(self._steps, 1)
        step_s = self._step_time / steps
        generation = delta.get("generation", 0.0) / steps
        rewards = delta.get("rewards", 0.0) / steps
        scoring = delta.get("generate_and_score", 0.0) / steps
        timings = {
            "time/step_s": step_s,
            "time/generation_s": generation,
            "time/rewards_s": rewards,
            "time/logprobs_s": max(scoring - generation - rewards, 0.0),
            "time/train_s": max(step_s - scoring, 0.0),
        }
        for key, value in sorted(delta.items()):
            if key.startswith("reward/"):
                timings[f"time/{key}_s"] = value / steps
        self._step_time, self._steps = 0.0, 0
        return timings


def _jsonable(value: Any) -> Any:
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value != value:  # NaN -> null (JSON has no NaN)
        return None
    return value
