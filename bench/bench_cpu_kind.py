"""Does AVX2-only emulation on an AVX-512 machine run at the speed of a real AVX2-only CPU?

    .venv/bin/python bench/bench_cpu_kind.py                  # SmolLM2-135M: generation + a training step
    .venv/bin/python bench/bench_cpu_kind.py --prompts 8 --tokens 48 --repeats 2

Runs the same workload twice, each in a fresh process: natively, and emulating an AVX2-only CPU
(``ATEN_CPU_CAPABILITY=avx2``, ``ONEDNN_MAX_CPU_ISA=AVX2``, ``POLYSQL_CPU_BF16=0``: torch's AVX2 kernels, oneDNN
without AVX-512, and the project's CPU paths in float32 as on a CPU without native bf16). The workload is the
default's two hot paths on its policy: batched greedy generation (``polysql.models.generate.generate``, the
generation dtype's CPU rule) and one forward + backward of a LoRA-sized batch under the warm start's/GRPO's
autocast rule. It prints seconds per path and the emulated/native ratios, beside the ratios a real AVX2-only
EPYC showed against this machine's kind for the whole default (2026-12-03: generation 2.2-3.9x per system,
warm start 2.8-3.1x, GRPO 1.7-1.9x).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EMULATE_AVX2 = {"ATEN_CPU_CAPABILITY": "avx2", "ONEDNN_MAX_CPU_ISA": "AVX2", "POLYSQL_CPU_BF16": "0"}
REFERENCE = {"generation": (2.2, 3.9), "training step": (1.7, 3.1)}
"""Real AVX2-only / AVX512-BF16 ratios of the default's stages (issue report of 2026-12-03)."""


def workload(prompts: int, tokens: int, repeats: int) -> dict:
    """Time the two hot paths in this process (its environment decides the CPU paths)."""
    import torch

    sys.path.insert(0, str(ROOT / "bench"))
    from bench_generate import builtin_prompts, ensure_model

    from polysql.cpu import cpu_supports_bf16, describe_cpu
    from polysql.models.generate import generate
    from polysql.models.sources import load_causal_lm, resolve_dtype

    torch.set_num_threads(2)
    folder = ensure_model()
    dtype = resolve_dtype("bfloat16-if-native", "cpu")
    model, tokenizer = load_causal_lm(folder, dtype, device="cpu")
    texts = builtin_prompts(tokenizer, prompts)
    timings = {"cpu": describe_cpu(), "generation dtype": dtype}
    generate(model, tokenizer, texts[:2], batch_size=2, max_new_tokens=4, progress=False)  # warm-up
    started = time.perf_counter()
    for _ in range(repeats):
        generate(model, tokenizer, texts, batch_size=prompts, max_new_tokens=tokens, progress=False)
    timings["generation"] = (time.perf_counter() - started) / repeats

    train_model, _ = load_causal_lm(folder, "float32", device="cpu")
    train_model.train()
    batch = tokenizer(texts, return_tensors="pt", padding=True, add_special_tokens=False)
    autocast = cpu_supports_bf16()
    started = time.perf_counter()
    for _ in range(repeats):
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=autocast):
            loss = train_model(**batch, labels=batch["input_ids"]).loss
        loss.backward()
        train_model.zero_grad(set_to_none=True)
    timings["training step"] = (time.perf_counter() - started) / repeats
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--prompts", type=int, default=8)
    parser.add_argument("--tokens", type=int, default=48)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(workload(args.prompts, args.tokens, args.repeats)))
        return
    results = {}
    for name, extra in (("native", {}), ("emulated AVX2", EMULATE_AVX2)):
        env = {k: v for k, v in os.environ.items() if k not in EMULATE_AVX2}
        env.update(extra, HF_HUB_OFFLINE="1", OMP_NUM_THREADS="2")
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--child",
                "--prompts",
                str(args.prompts),
                "--tokens",
                str(args.tokens),
                "--repeats",
                str(args.repeats),
            ],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        results[name] = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{name:>14}: {results[name]['cpu']}; generation in {results[name]['generation dtype']}")
    print(
        f"\n{'path':<14} {'native s':>9} {'emulated s':>11} {'ratio':>6}   real AVX2 / AVX512-BF16 (default's stages)"
    )
    for path, (low, high) in REFERENCE.items():
        native, emulated = results["native"][path], results["emulated AVX2"][path]
        print(f"{path:<14} {native:9.2f} {emulated:11.2f} {emulated / native:6.2f}   {low:.1f}-{high:.1f}")


if __name__ == "__main__":
    main()
