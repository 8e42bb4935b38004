"""Where a GRPO step's time goes: generation, reward scoring, log-probabilities, forward/backward.

Reads the ``train_log.jsonl`` of finished (or running) GRPO runs, whose per-step timings come from
polysql.grpo.train_log, and prints seconds per step and each phase's share of the step — the
baseline is the measured step time of the same run. The first step is left out by default (warm-up:
allocator, lazy imports, first SQLite connections).

    .venv/bin/python bench/bench_grpo_step.py                      # every results/grpo/**/train_log.jsonl
    .venv/bin/python bench/bench_grpo_step.py results/grpo/lang~all/reward~exec/seed~0/train_log.jsonl
    .venv/bin/python bench/bench_grpo_step.py --checkpoints        # live logs of running/killed jobs
"""

from __future__ import annotations

import argparse
import glob
import json
import statistics
import sys
from pathlib import Path

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
        key[len("time/reward/") : -2]: mean(key) for key in sorted({k for r in used for k in r}) if key.startswith("time/reward/")
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
    print(f"  {'other':<12} {max(step - accounted, 0):>9.3f} {100 * max(step - accounted, 0) / step:>6.1f}%  data loading, callbacks")
    print(f"  mean completion length {summary['completion_tokens']:.1f} tokens; "
          f"reward first/last step {summary['reward_first']} / {summary['reward_last']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("logs", nargs="*", help="train_log.jsonl files (default: all under results/grpo/)")
    parser.add_argument("--checkpoints", action="store_true", help="read live logs under */checkpoints/ instead")
    parser.add_argument("--skip-first", type=int, default=1, help="warm-up steps left out (default 1)")
    args = parser.parse_args(argv)
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
