"""Does the policy have a foothold for GRPO? Sampled pass@k on training and dev prompts.

For each model, samples k completions per prompt at a temperature (as GRPO's generation does) and
prints, per prompt set: the share of completions that execute, the share that are correct, the
share of prompts with a correct completion, and the share of groups whose rewards vary (only they
give GRPO a gradient). Prompts are the project's own (config ``prompt``).

    .venv/bin/python bench/bench_foothold.py resources/models/smollm2-135m \\
        results/warm_start/smollm2-135m-warm/model --prompts 12 --k 8 --temperature 0.7

Training prompts are drawn from results/data/grpo_train_all.jsonl (the GRPO sample, which the
warm start leaves out), dev prompts from the dev split outside the evaluation sets.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time

import yaml


def main(argv: list[str] | None = None) -> int:
    from polysql.grpo.heldout import load_heldout
    from polysql.io import read_jsonl
    from pass_at_k import foothold  # bench/pass_at_k.py, beside this script
    from polysql.models.sources import load_causal_lm

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("models", nargs="+", help="model folders")
    parser.add_argument("--configfile", default="config/config.yaml")
    parser.add_argument("--prompts", type=int, default=12, help="prompts per set (default 12)")
    parser.add_argument("--k", type=int, default=8)
    parser.add_argument("--temperature", type=float, nargs="+", default=[0.7])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", help="also write the results here")
    args = parser.parse_args(argv)
    with open(args.configfile, encoding="utf-8") as handle:
        config = yaml.safe_load(handle)
    langs = config["languages"]
    rng = random.Random(args.seed)
    train = rng.sample(read_jsonl("results/data/grpo_train_all.jsonl"), args.prompts)
    dev = load_heldout(
        [f"results/data/dev_{lang}.jsonl" for lang in langs],
        [f"results/data/eval_{lang}.jsonl" for lang in langs],
        per_language=max(1, -(-args.prompts // len(langs))),
        seed=args.seed,
    )[: args.prompts]
    results = []
    print(f"{'model':<48} {'prompts':<10} {'T':>4} {'exec':>6} {'correct':>8} {'any ok':>7} {'varied':>7} {'s':>6}")
    for path in args.models:
        model, tokenizer = load_causal_lm(path, dtype="bfloat16", device="cpu")
        for name, records in (("train", train), ("dev", dev)):
            for temperature in args.temperature:
                start = time.perf_counter()
                row = foothold(
                    model,
                    tokenizer,
                    records,
                    k=args.k,
                    temperature=temperature,
                    prompt_config=config["prompt"],
                    sql_config=config.get("sql"),
                    seed=args.seed,
                )
                row.update(model=path, prompt_set=name, temperature=temperature, seconds=time.perf_counter() - start)
                results.append(row)
                print(
                    f"{path[-48:]:<48} {name:<10} {temperature:>4} {row['executable']:>6.1%} {row['correct']:>8.1%} "
                    f"{row['prompts_with_correct']:>7.1%} {row['groups_with_variance']:>7.1%} {row['seconds']:>6.0f}",
                    flush=True,
                )
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(results, handle, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
