"""The paper's path end to end on CPU: ``config/paper.yaml`` overlaid with tiny in-process models and a
copy of MultiSpider's published layout, through the real Snakemake CLI up to ``main.csv`` and ``ablations``.

What is kept from paper.yaml: the benchmark folder ``resources/multispider`` (so ``fetch_multispider``
runs, here on a local copy), the hub model specs (their files are copied into ``resources/models/<name>/``
beforehand, as on an air-gapped cluster, and ``prepare_model`` takes them: the local prefetch path), the
prompt (chat template, zero shots), the reward definitions, every reward set of the grid, the LoRA target
modules and the main table. What is shrunk: two languages, one seed, 2 GRPO steps, 4 evaluation
questions per language, tiny models (a tiny Llama as the 3B policy and the 8B baseline, a tiny random
XLM-RoBERTa as the encoder), CPU instead of CUDA (``gpu=True`` keeps the paper's CUDA/bf16 settings).

    .venv/bin/python -m pytest -m slow tests/test_paper_smoke.py -s
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

from multispider_fixture import build_multispider_fixture
from tiny_encoder import save_as_sentence_transformer

REPO = Path(__file__).resolve().parents[1]
SMOKE_LANGS = ["en", "de"]
SMOKE_TRAIN_LANGS = ["de"]  # the train-language block of the grid, shrunk to one language

# The paper's three hub models -> what plays them here
POLICY, BASELINE_8B, ENCODER = "llama-3.2-3b-instruct", "llama-3.1-8b-instruct", "xlm-roberta-base"


def build_tiny_xlmr(out_dir: Path, texts: list[str], *, vocab_size: int = 1500, hidden_size: int = 32,
                    max_seq_length: int = 64, seed: int = 0) -> Path:
    """A tiny random XLM-RoBERTa sentence encoder (a Unigram vocabulary trained on ``texts``)."""
    import torch
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers
    from transformers import XLMRobertaConfig, XLMRobertaModel, XLMRobertaTokenizer

    backend = Tokenizer(models.Unigram())
    backend.pre_tokenizer = pre_tokenizers.Metaspace()
    backend.train_from_iterator(texts, trainers.UnigramTrainer(
        vocab_size=vocab_size, special_tokens=["<s>", "<pad>", "</s>", "<unk>", "<mask>"], unk_token="<unk>",
        show_progress=False))
    vocab = [tuple(entry) for entry in json.loads(backend.to_str())["model"]["vocab"]]
    tokenizer = XLMRobertaTokenizer(vocab=vocab, model_max_length=max_seq_length)
    config = XLMRobertaConfig(
        vocab_size=len(tokenizer), hidden_size=hidden_size, num_hidden_layers=2, num_attention_heads=2,
        intermediate_size=2 * hidden_size, max_position_embeddings=max_seq_length + 2,
        pad_token_id=tokenizer.pad_token_id, bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id,
        hidden_dropout_prob=0.0, attention_probs_dropout_prob=0.0,
    )
    hf_dir = out_dir.parent / f".{out_dir.name}-hf"
    torch.manual_seed(seed)
    return save_as_sentence_transformer(XLMRobertaModel(config), tokenizer, hf_dir, out_dir,
                                        max_seq_length=max_seq_length)


def write_paper_smoke_config(workdir: Path, *, gpu: bool = False) -> Path:
    """Fixture MultiSpider, tiny models in place of the hub snapshots, and paper.yaml shrunk; returns the config.

    The tiny models go where ``prefetch`` would put the hub snapshots (``workdir/resources/models/<name>``),
    the MultiSpider copy to ``workdir/multispider-download`` (``benchmark.fetch.local_dir``).
    """
    from tiny_llama import build_tiny_llama

    workdir = Path(workdir)
    download = build_multispider_fixture(workdir / "multispider-download", variant_folder="with_English_value",
                                         languages=SMOKE_LANGS)
    models = workdir / "resources" / "models"
    build_tiny_llama(models / POLICY, seed=0)
    build_tiny_llama(models / BASELINE_8B, seed=1)
    texts = []
    for lang in SMOKE_LANGS:
        for split in ("train", "dev"):
            texts += [f"{e['question']} {e['query']}" for e in
                      json.loads((REPO / "resources/mini" / f"{split}_{lang}.json").read_text(encoding="utf-8"))]
    build_tiny_xlmr(models / ENCODER, texts)

    config = yaml.safe_load((REPO / "config" / "paper.yaml").read_text(encoding="utf-8"))
    assert config["benchmark"]["dir"] == "resources/multispider", "the smoke run relies on the fetch rule"
    assert {POLICY, BASELINE_8B, ENCODER} == set(config["models"])
    config["languages"] = list(SMOKE_LANGS)
    config["benchmark"]["fetch"].update(local_dir=str(download), expected_dev_size=180)  # the mini dev set
    config["data"].update(grpo_train_size=16, per_language_train_size=8, eval_per_language=4)
    config["sql"]["workers"] = 2
    config["generation"].update(batch_size=4, max_new_tokens=8, threads=1, mem_mb=4000, runtime_min=10)
    for encoder in config["encoders"].values():
        encoder.update(epochs=1, batch_size=8, max_seq_length=64, threads=1)
    grpo = config["grpo"]
    grpo.update(threads=1, mem_mb=4000, runtime_min=30)
    grpo["trainer"].update(max_steps=2, num_generations=2, per_device_train_batch_size=2,
                           gradient_accumulation_steps=1, max_completion_length=8, logging_steps=1, save_steps=1)
    for block in config["grid"]:
        block["seeds"] = [0]
        if block["train_langs"] != ["all"]:
            block["train_langs"] = list(SMOKE_TRAIN_LANGS)
    config["report"]["bootstrap_samples"] = 100
    if not gpu:  # the paper's settings are CUDA + bf16
        config["generation"].update(device="cpu", dtype="float32", gpu=False)
        for encoder in config["encoders"].values():
            encoder["gpu"] = False
        grpo["gpu"] = False
        grpo["trainer"].update(bf16=False, gradient_checkpointing=False)
    path = workdir / "paper_smoke.yaml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def run_snakemake(workdir: Path, configfile: Path, *args: str, timeout: int = 3600) -> subprocess.CompletedProcess:
    """The real CLI; the hub endpoint is unreachable on purpose (refused at once), as on an air-gapped node."""
    env = dict(os.environ, HF_HUB_OFFLINE="1", OMP_NUM_THREADS="1", MPLBACKEND="Agg",
               HF_ENDPOINT="http://127.0.0.1:9")
    return subprocess.run(
        [sys.executable, "-m", "snakemake", "--snakefile", str(REPO / "Snakefile"), "--directory", str(workdir),
         "--profile", str(REPO / "profiles" / "default"), *args, "--configfile", str(configfile)],
        capture_output=True, text=True, timeout=timeout, env=env,
    )


def _check(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 0, f"snakemake failed:\n{result.stdout[-4000:]}\n{result.stderr[-8000:]}"


def job_stats(output: str) -> dict[str, int]:
    """Snakemake's "Job stats" table (rule -> jobs)."""
    table = re.search(r"Job stats:\njob\s+count\n[-\s]+\n(.*?)\ntotal\s+(\d+)", output, re.S)
    assert table, output[-3000:]
    return {name: int(count) for name, count in re.findall(r"^(\S+)\s+(\d+)$", table.group(1), re.M)}


def finished_jobs(output: str) -> dict[str, int]:
    """Rule -> jobs that finished, from Snakemake's "Finished jobid: N (Rule: name)" lines."""
    done: dict[str, int] = {}
    for rule in re.findall(r"Finished jobid: \d+ \(Rule: (\S+)\)", output):
        done[rule] = done.get(rule, 0) + 1
    return done


TARGETS = ("prefetch", "results/tables/main.csv", "ablations")


@pytest.fixture(scope="module")
def paper_smoke(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("paper_smoke")
    configfile = write_paper_smoke_config(workdir)
    dry = run_snakemake(workdir, configfile, "-n", *TARGETS)
    _check(dry)
    scheduled = job_stats(dry.stdout + dry.stderr)
    result = run_snakemake(workdir, configfile, "--cores", "2", *TARGETS)
    (workdir / "snakemake.out").write_text(result.stdout + result.stderr, encoding="utf-8")
    return workdir, yaml.safe_load(configfile.read_text()), scheduled, result


@pytest.mark.slow
def test_paper_smoke_runs_every_scheduled_rule(paper_smoke):
    workdir, config, scheduled, result = paper_smoke
    _check(result)
    output = result.stdout + result.stderr
    ran = finished_jobs(output)
    print(f"\npaper smoke: scheduled {scheduled}\npaper smoke: finished {ran}")
    print(f"paper smoke: rules run {len(set(ran) & set(scheduled))} of {len(scheduled)} scheduled "
          f"(incl. the target rules {', '.join(t for t in TARGETS if t in scheduled)}); "
          f"jobs finished {sum(ran.values())} of {sum(scheduled.values())}")
    assert {rule: ran.get(rule, 0) for rule in scheduled} == scheduled
    for rule in ("fetch_multispider", "prepare_model", "prepare", "train_encoder", "eval_encoder", "train_grpo",
                 "generate", "evaluate", "main_table", "ablation_tables"):
        assert scheduled.get(rule), f"{rule} was not scheduled: {scheduled}"

    # fetch normalisation from the local copy, then the local prefetch path of the three hub models
    fetch_log = (workdir / "logs/data/fetch_multispider.log").read_text(encoding="utf-8")
    assert "train_en.json <- dataset/spider/train_spider.json (358) + dataset/spider/train_others.json (90)" in fetch_log
    assert "dev_de.json <- dataset/multispider/with_English_value/dev_de.json (180)" in fetch_log
    assert "English dev holds the expected 180 questions" in fetch_log
    for model in (POLICY, BASELINE_8B, ENCODER):
        assert (workdir / f"resources/models/{model}/.ready").is_file()
        assert "using the files already in" in (workdir / f"logs/models/prepare_{model}.log").read_text()

    # every reward set of the paper's grid ran
    runs = {path.parent.relative_to(workdir / "results/grpo").as_posix()
            for path in (workdir / "results/grpo").glob("**/train_log.jsonl")}
    for reward_set in config["reward_sets"]:
        assert f"lang~all/reward~{reward_set}/seed~0" in runs, reward_set
    assert {f"lang~{lang}/reward~{rs}/seed~0" for lang in SMOKE_TRAIN_LANGS for rs in ("exec", "exec_semantic")} <= runs

    table = pd.read_csv(workdir / "results/tables/main.csv")
    assert list(table["label"]) == [row["label"] for row in config["report"]["main_table"]]
    assert table["avg_EX"].between(0, 100).all()
    ablations = sorted(path.name for path in (workdir / "results/tables").glob("ablation_*.csv"))
    assert ablations, "no ablation table"
    metrics = json.loads((workdir / "results/metrics/zeroshot-8b/de.json").read_text())
    assert metrics["n"] == 4


def test_sql_workers_start_inside_a_snakemake_script(tmp_path):
    """paper.yaml scores with ``sql.workers: 4``. Snakemake runs a ``script:`` as a wrapper file whose
    ``__file__`` is the rule's script; "spawn" workers re-ran that script without the ``snakemake`` object
    (NameError in every worker; found by the paper smoke run). They must start without it."""
    import sqlite3

    db = tmp_path / "t.sqlite"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE t (x INTEGER)")
        conn.executemany("INSERT INTO t VALUES (?)", [(1,), (2,)])
    rule_script = tmp_path / "rule_script.py"
    rule_script.write_text("print(snakemake.threads)\n", encoding="utf-8")  # fails without the object
    wrapper = tmp_path / "wrapper.py"
    wrapper.write_text(
        f"__file__ = {str(rule_script)!r}  # as Snakemake's script wrapper does\n"
        "from polysql.sql.executor import SafeExecutor\n"
        "with SafeExecutor() as executor:\n"
        f"    results = executor.execute_many([({str(db)!r}, 'SELECT count(*) FROM t')] * 3, workers=2)\n"
        "print([r.rows for r in results])\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    result = subprocess.run([sys.executable, str(wrapper)], capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "NameError" not in result.stderr
    assert result.stdout.strip().endswith("[[(2,)], [(2,)], [(2,)]]"), result.stdout
