"""The warm start's batching: one database per batch with the shared prompt prefix run once, against random
batches with every example run whole, on the default's real warm-start examples.

    .venv/bin/python bench/bench_warm_start.py                      # 12 steps of each, 2 threads
    ATEN_CPU_CAPABILITY=avx2 ONEDNN_MAX_CPU_ISA=AVX2 POLYSQL_CPU_BF16=0 .venv/bin/python bench/bench_warm_start.py

Needs the workflow's train split and GRPO sample (``results/data/``; ``snakemake --cores 2
results/data/grpo_train_all.jsonl`` makes them in seconds). It selects the warm start's examples as the
workflow does (config ``warm_start.train_size``, GRPO intents left out), counts the tokens each batching
runs through the model (padding included) over a whole epoch, then times ``--steps`` optimizer steps of
each (after one untimed warm-up step) from the same LoRA initialisation, with the warm start's autocast
rule, and prints seconds per example and the projected epoch. Both run in this process, one after the
other, so the ratio is measured on this CPU kind (say which when you report it).
"""

from __future__ import annotations

import argparse
import glob
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=str(ROOT / "results" / "data"), help="folder of train_<lang>.jsonl")
    parser.add_argument("--steps", type=int, default=12, help="optimizer steps timed per batching")
    parser.add_argument("--threads", type=int, default=2, help="2: as the default's warm-start job")
    args = parser.parse_args()

    import os

    import torch
    import yaml

    sys.path.insert(0, str(ROOT / "bench"))
    from peft import get_peft_model

    from bench_generate import ensure_model
    from polysql.cpu import cpu_supports_bf16, describe_cpu
    from polysql.io import read_jsonl
    from polysql.models.lora import build_lora_config
    from polysql.models.sources import load_causal_lm
    from polysql.sft import encode_examples, epoch_batches, train_completion_sft
    from polysql.warm_start import resolve_spec, select_records, sft_rows

    data = Path(args.data)
    train_files = sorted(glob.glob(str(data / "train_*.jsonl")))
    if not train_files or not (data / "grpo_train_all.jsonl").is_file():
        sys.exit(f"{data}: no train split or GRPO sample; run `snakemake --cores 2 results/data/grpo_train_all.jsonl`")
    os.chdir(ROOT)  # db_path values are relative to the workflow directory
    torch.set_num_threads(args.threads)
    config = yaml.safe_load((ROOT / "config" / "config.yaml").read_text())
    spec = resolve_spec(config.get("warm_start"))
    train = [r for path in train_files for r in read_jsonl(path)]
    excluded = {r.get("intent", r["id"]) for r in read_jsonl(data / "grpo_train_all.jsonl")}
    records = select_records(train, exclude_intents=excluded, size=spec["train_size"], seed=spec["seed"])
    base, tokenizer = load_causal_lm(ensure_model(), dtype="float32", device="cpu")
    rows = sft_rows(records, tokenizer, prompt_config=config.get("prompt"), pool=train, seed=spec["seed"])
    examples = encode_examples(tokenizer, rows, [r["db_id"] for r in records])
    bf16 = bool(spec["bf16"]) and cpu_supports_bf16()
    autocast = torch.autocast("cpu", dtype=torch.bfloat16) if bf16 else None
    print(f"{describe_cpu()}; bf16 autocast {bf16}; {len(examples)} examples; {args.threads} thread(s)", flush=True)
    initial = {k: v.clone() for k, v in base.state_dict().items()}
    batch_size = int(spec["batch_size"])
    results = {}
    for share in (False, True):
        batches = epoch_batches(examples, batch_size, random.Random(0), by_group=share)
        if share:
            run_tokens = sum(_shared_tokens([examples[i] for i in b]) for b in batches)
        else:
            run_tokens = sum(len(b) * max(len(examples[i].ids) for i in b) for b in batches)
        base.load_state_dict(initial)
        torch.manual_seed(0)
        model = get_peft_model(base, build_lora_config(spec["lora"], key="warm_start.lora"))
        timed = examples[: (args.steps + 1) * batch_size * 4]  # enough for the steps, both batchings alike
        ends: list[float] = []  # each step's end: the first step (warm-up: allocator, kernels) is left out
        steps = train_completion_sft(
            model,
            timed,
            pad_token_id=tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id,
            epochs=(args.steps + 1) * batch_size / len(timed),
            batch_size=batch_size,
            gradient_accumulation_steps=1,
            learning_rate=float(spec["learning_rate"]),
            seed=0,
            share_prefix=share,
            autocast=autocast,
            on_step=lambda _entry: ends.append(time.perf_counter()),
        )
        seconds = ends[-1] - ends[0]
        # the loop's own first epoch (same seed), cut to the steps it ran: smaller last batches of a database count
        done = sum(len(b) for b in epoch_batches(timed, batch_size, random.Random(0), by_group=share)[1:steps])
        per_example = seconds / done
        results[share] = per_example
        base = model.unload()
        label = "one database per batch, shared prefix once" if share else "random batches, every example whole"
        print(
            f"{label}: {run_tokens} tokens per epoch ({run_tokens / len(examples):.0f} per example); "
            f"{steps - 1} steps after a warm-up step in {seconds:.1f} s = {per_example:.2f} s/example, "
            f"projected epoch of {len(examples)}: {per_example * len(examples):.0f} s",
            flush=True,
        )
    print(f"speed-up: {results[False] / results[True]:.2f}x")


def _shared_tokens(batch) -> int:
    """Tokens one shared-prefix batch runs: the prefix once, then each tail padded to the longest tail."""
    from polysql.sft import common_prefix

    shared = max(min(common_prefix([e.ids for e in batch]), min(e.prompt_length for e in batch) - 1), 0)
    return shared + len(batch) * max(len(e.ids) - shared for e in batch)


if __name__ == "__main__":
    main()
