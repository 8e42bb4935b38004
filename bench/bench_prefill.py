"""Prompt tokens and prefill: the schema style and shared-prefix generation on the default's real prompts.

    .venv/bin/python bench/bench_prefill.py                        # 4 eval questions per language, 1 thread
    .venv/bin/python bench/bench_prefill.py --per-language 20 --model results/warm_start/smollm2-135m-warm/model
    ATEN_CPU_CAPABILITY=avx2 ONEDNN_MAX_CPU_ISA=AVX2 POLYSQL_CPU_BF16=0 .venv/bin/python bench/bench_prefill.py

Needs the workflow's evaluation sets (``results/data/eval_<lang>.jsonl``; ``snakemake --cores 2
results/data/eval_en.jsonl`` makes them in seconds). For each schema style (``create_table``,
``compact``) it prints the mean prompt tokens, then times greedy generation of the same prompts with
every prompt prefilled whole (``share_prefix=False``, length-sorted, left-padded) and with each
batch's shared prefix computed once (the workflow's path), and counts the completions that are the
same text. Both paths run in this process, one after the other, with the generation dtype's CPU rule,
so the ratio is measured on this CPU kind (say which when you report it).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("en", "de", "es", "fr", "ja", "vi", "zh")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=str(ROOT / "results" / "data"), help="folder of eval_<lang>.jsonl")
    parser.add_argument("--model", help="a transformers folder (default: the default's base policy)")
    parser.add_argument("--per-language", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1, help="1: as the default's generation jobs")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--max-new-tokens", type=int, default=96)
    args = parser.parse_args()

    import os

    import torch
    import yaml

    sys.path.insert(0, str(ROOT / "bench"))
    from bench_generate import ensure_model
    from polysql.cpu import describe_cpu
    from polysql.io import read_jsonl
    from polysql.models.generate import encode_prompts, generate
    from polysql.models.prompts import build_prompt
    from polysql.models.sources import load_causal_lm, resolve_dtype

    data = Path(args.data)
    missing = [lang for lang in LANGUAGES if not (data / f"eval_{lang}.jsonl").is_file()]
    if missing:
        sys.exit(
            f"{data}: no eval_<lang>.jsonl for {missing}; run `snakemake --cores 2 results/data/eval_en.jsonl` first"
        )
    os.chdir(ROOT)  # db_path values are relative to the workflow directory
    torch.set_num_threads(args.threads)
    records = [r for lang in LANGUAGES for r in read_jsonl(data / f"eval_{lang}.jsonl")[: args.per_language]]
    dtype = resolve_dtype("bfloat16-if-native", "cpu")
    model, tokenizer = load_causal_lm(args.model or ensure_model(), dtype, device="cpu")
    system = yaml.safe_load((ROOT / "workflow" / "schemas" / "config.schema.yaml").read_text())
    system = system["properties"]["prompt"]["properties"]["system"]["default"]
    print(f"{describe_cpu()}; dtype {dtype}; {len(records)} prompts; {args.threads} thread(s)", flush=True)
    generate(model, tokenizer, ["warm-up"], batch_size=1, max_new_tokens=2, progress=False)
    for style in ("create_table", "compact"):
        prompts = [build_prompt(r, tokenizer, prompt_config={"system": system, "schema_style": style}) for r in records]
        tokens = sum(len(ids) for ids in encode_prompts(tokenizer, prompts)) / len(prompts)
        texts, seconds = {}, {}
        for share in (False, True):
            started = time.perf_counter()
            texts[share] = generate(
                model,
                tokenizer,
                prompts,
                batch_size=args.batch_size,
                max_new_tokens=args.max_new_tokens,
                progress=False,
                share_prefix=share,
            )
            seconds[share] = time.perf_counter() - started
        same = sum(a == b for a, b in zip(texts[False], texts[True]))
        print(
            f"{style:>12}: {tokens:6.1f} prompt tokens; whole prompts {seconds[False]:6.1f} s, shared prefix "
            f"{seconds[True]:6.1f} s ({seconds[False] / seconds[True]:.2f}x); same text {same} of {len(prompts)}",
            flush=True,
        )


if __name__ == "__main__":
    main()
