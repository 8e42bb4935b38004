"""Greedy decoding of the default's policy: PyTorch (the workflow's path) against llama.cpp on the shipped GGUF.

    .venv/bin/python bench/bench_llama_cpp.py --llama-python /path/to/venv/bin/python --prompts 8 --tokens 48

A measurement for the CPU-engine lever, not a workflow path: llama-cpp-python is not a dependency (PyPI has no
binary wheel for it; it compiles llama.cpp when installed), so it lives in its own virtual environment, named by
--llama-python. Both engines decode the same prompts (bench_generate's built-in ones, rendered with the policy's
chat template) with the same weights: the workflow's model folder is this Q4_1 GGUF dequantized to float32, and
llama.cpp runs the Q4_1 weights as they are. Printed: seconds for each engine (the best of --repeats, after a
warm-up), the ratio, and how many greedy completions are the same text. PyTorch runs in the precision the
workflow picks on this CPU (bf16 autocast where native, else float32), batched as the generate job batches.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

# Run in the llama.cpp environment: decode each prompt greedily, one at a time (llama-cpp-python has no batch API).
LLAMA_SCRIPT = """
import json, sys, time
from llama_cpp import Llama
job = json.load(open(sys.argv[1]))
llm = Llama(model_path=job["gguf"], n_ctx=2048, n_threads=job["threads"], n_batch=512, verbose=False)
def run():
    out = []
    for prompt in job["prompts"]:
        llm.reset()
        result = llm.create_completion(prompt, max_tokens=job["tokens"], temperature=0.0, top_k=1)
        out.append(result["choices"][0]["text"])
    return out
run()  # warm-up
best, texts = None, None
for _ in range(job["repeats"]):
    start = time.perf_counter()
    texts = run()
    elapsed = time.perf_counter() - start
    best = elapsed if best is None else min(best, elapsed)
print(json.dumps({"seconds": best, "texts": texts}))
"""


def torch_side(prompts: int, tokens: int, repeats: int, threads: int) -> tuple[list[str], list[str], float, str, str]:
    """The prompts, the workflow generator's completions and best time, the GGUF path and the dtype used."""
    import torch
    import yaml

    from bench_generate import builtin_prompts, ensure_model
    from polysql.models.generate import TransformersGenerator
    from polysql.models.sources import gguf_file, resolve_dtype

    torch.set_num_threads(threads)
    folder = ensure_model()
    spec = yaml.safe_load((ROOT / "config" / "config.yaml").read_text())["models"]["smollm2-135m"]
    gguf = str(gguf_file(spec))  # the GGUF inside its package
    dtype = resolve_dtype("bfloat16-if-native", "cpu")
    generator = TransformersGenerator(folder, dtype=dtype, batch_size=prompts, max_new_tokens=tokens, progress=False)
    texts = builtin_prompts(generator.tokenizer, prompts)
    generator.generate(texts[:2])  # warm-up
    best, outputs = None, []
    for _ in range(repeats):
        start = time.perf_counter()
        outputs = generator.generate(texts)
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return texts, outputs, float(best or 0.0), gguf, dtype


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--llama-python", required=True, help="a python with llama-cpp-python installed")
    parser.add_argument("--prompts", type=int, default=8)
    parser.add_argument("--tokens", type=int, default=48)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()

    texts, torch_out, torch_s, gguf, label = torch_side(args.prompts, args.tokens, args.repeats, args.threads)
    with tempfile.TemporaryDirectory() as tmp:
        job = Path(tmp) / "job.json"
        job.write_text(
            json.dumps(
                {
                    "gguf": gguf,
                    "prompts": texts,
                    "tokens": args.tokens,
                    "repeats": args.repeats,
                    "threads": args.threads,
                }
            ),
            encoding="utf-8",
        )
        done = subprocess.run(
            [args.llama_python, "-c", LLAMA_SCRIPT, str(job)], capture_output=True, text=True, check=True
        )
    llama = json.loads(done.stdout.strip().splitlines()[-1])
    same = sum(a.strip() == b.strip() for a, b in zip(torch_out, llama["texts"]))
    print(f"prompts {args.prompts} x {args.tokens} new tokens, {args.threads} threads")
    print(f"PyTorch ({label}, batch {args.prompts}): {torch_s:.2f} s")
    print(f"llama.cpp (Q4_1 GGUF, one prompt at a time): {llama['seconds']:.2f} s")
    print(f"PyTorch / llama.cpp: {torch_s / llama['seconds']:.2f}x; same greedy text: {same} of {len(texts)}")


if __name__ == "__main__":
    main()
