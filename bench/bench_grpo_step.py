"""Where a GRPO step's time goes: generation, reward scoring, log-probabilities, forward/backward.

Reads the ``train_log.jsonl`` of finished (or running) GRPO runs, whose per-step timings come from
polysql.grpo.train_log, and prints seconds per step and each phase's share of the step — the
baseline is the measured step time of the same run. The first step is left out by default (warm-up:
allocator, lazy imports, first SQLite connections).

    .venv/bin/python bench/bench_grpo_step.py                      # every results/grpo/**/train_log.jsonl
    .venv/bin/python bench/bench_grpo_step.py results/grpo/lang~all/reward~exec/seed~0/train_log.jsonl
    .venv/bin/python bench/bench_grpo_step.py --checkpoints        # live logs of running/killed jobs

``--measure N`` instead trains N steps of the configured policy (config/config.yaml's ``grpo``, the
first run of its grid, held-out checks off) in one process: as the old CPU baseline (float32,
gradient checkpointing, no skipping of zero-advantage batches, every row's prompt run on its own),
with bf16 autocast but every row's prompt on its own (``grpo.shared_prefix: false``), and as
configured; after each it times one plain forward of the policy over a batch of the last trained
batch's shape (same precision) and prints step time, forward time and their ratio for each, and the
speed-up of the configured step over the baseline:

    .venv/bin/python bench/bench_grpo_step.py --measure 6
    .venv/bin/python bench/bench_grpo_step.py --measure 4 --only configured   # the ratio alone
"""

from __future__ import annotations

import argparse
import glob
import json
import statistics
import sys
from pathlib import Path
from typing import Sequence

PHASES = [
    ("generation", "time/generation_s", "sampling completions (model.generate)"),
    ("rewards", "time/rewards_s", "reward scoring (all reward functions)"),
    ("logprobs", "time/logprobs_s", "old/reference log-probs"),
    ("train", "time/train_s", "forward/backward + optimizer"),
]


def load(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def summarize(records: list[dict], skip_first: int) -> dict:
    """Mean seconds per step of each phase over the records after the first ``skip_first``."""
    timed = [r for r in records if r.get("time/step_s")]
    used = timed[skip_first:] if len(timed) > skip_first else timed
    if not used:
        raise ValueError("no timed steps in the log")
    mean = lambda key: statistics.fmean(float(r.get(key) or 0.0) for r in used)  # noqa: E731
    summary = {"steps": len(used), "step_s": mean("time/step_s")}
    for name, key, _ in PHASES:
        summary[name] = mean(key)
    summary["per_reward"] = {
        key[len("time/reward/") : -2]: mean(key)
        for key in sorted({k for r in used for k in r})
        if key.startswith("time/reward/")
    }
    completions = mean("completions/mean_length")
    summary["completion_tokens"] = completions
    summary["reward_first"] = used[0].get("reward")
    summary["reward_last"] = used[-1].get("reward")
    summary["elapsed_s"] = timed[-1].get("time/elapsed_s")
    return summary


def report(path: Path, summary: dict) -> None:
    step = summary["step_s"]
    print(f"\n{path}  ({summary['steps']} steps after warm-up, total wall {summary['elapsed_s'] or 0:.1f} s)")
    print(f"  {'phase':<12} {'s/step':>9} {'share':>7}  what")
    print(f"  {'step':<12} {step:>9.3f} {100.0:>6.1f}%  whole optimizer step (baseline)")
    accounted = 0.0
    for name, _, what in PHASES:
        value = summary[name]
        accounted += value
        print(f"  {name:<12} {value:>9.3f} {100 * value / step:>6.1f}%  {what}")
        if name == "rewards":
            for reward, seconds in summary["per_reward"].items():
                print(f"    {reward:<10} {seconds:>9.3f} {100 * seconds / step:>6.1f}%")
    print(
        f"  {'other':<12} {max(step - accounted, 0):>9.3f} {100 * max(step - accounted, 0) / step:>6.1f}%  data loading, callbacks"
    )
    print(
        f"  mean completion length {summary['completion_tokens']:.1f} tokens; "
        f"reward first/last step {summary['reward_first']} / {summary['reward_last']}"
    )


BASELINE = {"bf16": False, "gradient_checkpointing": True}
"""The CPU step before this benchmark's changes: float32 and gradient checkpointing."""


def plain_forward_s(model_path: str, shape: tuple[int, int], *, bf16: bool, repeats: int = 3) -> float:
    """Mean seconds of one no-grad forward of the policy over ``shape`` = (sequences, tokens)."""
    import time

    import torch

    from polysql.models.sources import load_causal_lm

    model, _ = load_causal_lm(model_path, dtype="float32", device="cpu")
    ids = torch.randint(100, model.config.vocab_size - 1, shape)
    times = []
    with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
        model(input_ids=ids)  # warm-up
        for _ in range(repeats):
            start = time.perf_counter()
            model(input_ids=ids)
            times.append(time.perf_counter() - start)
    return statistics.fmean(times)


def measure(steps: int, configfile: str, skip_first: int, model: str | None = None, only: Sequence[str] = ()) -> int:
    """Train ``steps`` GRPO steps as the baseline and as configured (or the ``only`` variants, by key);
    print step/forward ratios."""
    import copy
    import logging
    import tempfile

    import yaml

    from polysql.grpo.train import train_grpo
    from polysql.models.sources import model_dir
    from polysql.workflow_config import load_validated_config
    from polysql.workflow_plan import expand_grid

    logging.basicConfig(level=logging.WARNING)
    with open(configfile, encoding="utf-8") as handle:
        config = load_validated_config(yaml.safe_load(handle), "workflow/schemas/config.schema.yaml")
    run_id, run = next(iter(expand_grid(config).items()))
    name = config["grpo"]["model"]
    model_path = model or str(model_dir(name, config["models"][name]))
    # Each variant: (trainer fields, other grpo keys) changed from the configuration.
    unshared = {"shared_prefix": False}
    variants = {
        "baseline": ("baseline (fp32, checkpointing)", BASELINE, {**unshared, "skip_zero_advantage": False}),
        "unshared": ("bf16, prompt per completion", {}, unshared),
        "configured": ("configured", {}, {}),
    }
    unknown = sorted(set(only) - set(variants))
    if unknown:
        raise SystemExit(f"--only: unknown variant(s) {unknown}; choose from {sorted(variants)}")
    rows = []
    for key, (label, trainer_change, grpo_change) in variants.items():
        if only and key not in only:
            continue
        cfg = copy.deepcopy(config)
        cfg["grpo"]["trainer"].update(trainer_change, max_steps=steps, save_steps=10_000, logging_steps=1)
        cfg["grpo"].update(grpo_change, heldout={"every": 0})
        with tempfile.TemporaryDirectory() as tmp:
            summary = train_grpo(
                run,
                train_path=f"results/data/grpo_train_{run['train_lang']}.jsonl",
                model_path=model_path,
                out_dir=tmp,
                checkpoints_dir=f"{tmp}/checkpoints",
                encoder_paths=None,
                config=cfg,
            )
            timed = summarize(load(Path(tmp) / "train_log.jsonl"), skip_first)
        shape = tuple(summary["last_batch_shape"])
        forward = plain_forward_s(model_path, shape, bf16=summary["bf16_autocast"])
        rows.append((label, timed["step_s"], forward, shape, summary["skipped_batches"], summary["bf16_autocast"]))
        report(Path(label), timed)
    print(
        f"\nGRPO step vs one plain forward over the same tokens: {run_id}, model {name}, {steps} steps "
        f"(first {skip_first} left out), {config['grpo']['trainer'].get('num_generations')} completions per prompt"
    )
    print(f"  {'variant':<32} {'step s':>8} {'forward s':>10} {'ratio':>7}  batch (seqs x tokens), skipped, bf16")
    for label, step_s, forward, shape, skipped, bf16 in rows:
        print(
            f"  {label:<32} {step_s:>8.2f} {forward:>10.3f} {step_s / forward:>7.2f}  {shape[0]} x {shape[1]}, "
            f"{skipped}, {bf16}"
        )
    step_of = {label: step_s for label, step_s, *_ in rows}
    if "configured" in step_of and rows[0][0] != "configured":
        print(f"  speed-up of a step, as configured vs {rows[0][0]}: {rows[0][1] / step_of['configured']:.2f}x")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("logs", nargs="*", help="train_log.jsonl files (default: all under results/grpo/)")
    parser.add_argument("--checkpoints", action="store_true", help="read live logs under */checkpoints/ instead")
    parser.add_argument("--skip-first", type=int, default=1, help="warm-up steps left out (default 1)")
    parser.add_argument("--measure", type=int, metavar="N", help="train N steps as baseline and as configured")
    parser.add_argument("--configfile", default="config/config.yaml", help="with --measure: the config")
    parser.add_argument("--model", help="with --measure: the policy folder (default: the config's grpo.model)")
    parser.add_argument(
        "--only", default="", help="with --measure: comma-separated variants (baseline, unshared, configured)"
    )
    args = parser.parse_args(argv)
    if args.measure:
        only = [key for key in args.only.split(",") if key]
        return measure(args.measure, args.configfile, args.skip_first, args.model, only)
    pattern = "results/grpo/**/checkpoints/train_log.jsonl" if args.checkpoints else "results/grpo/**/train_log.jsonl"
    paths = [Path(p) for p in (args.logs or sorted(glob.glob(pattern, recursive=True)))]
    if not args.checkpoints and not args.logs:
        paths = [p for p in paths if p.parent.name != "checkpoints"]
    if not paths:
        print(f"no GRPO train logs found ({pattern}); run a GRPO job first", file=sys.stderr)
        return 1
    for path in paths:
        report(path, summarize(load(path), args.skip_first))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
