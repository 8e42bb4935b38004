"""The paper's path end to end on CPU: the shipped ``config/paper.yaml`` under an overlay that changes sizes
and device flags only (:data:`SMOKE_OVERRIDES`), tiny models laid out as the hub snapshots, and a copy of
MultiSpider's published layout, through the real Snakemake CLI up to ``main.csv`` and ``ablations``.

Kept from paper.yaml, untouched: the whole GRPO recipe (one epoch, no max_steps, every hardness level,
lr 5e-6, beta 0.02, 8 generations, 256 completion tokens, gradient checkpointing, bf16 as the CPU allows
it), the LoRA, reward, prompt and generation settings, every reward set of the grid, the held-out databases
and the main table. The models have the real layouts: two tiny Llamas with Llama 3 Instruct's tokenizer
(no pad token, <|eot_id|> and <|end_of_text|>, a BOS-adding tokenizer under a BOS-writing template) and a
plain transformers XLM-R folder (no modules.json), pre-placed where ``prefetch`` puts hub snapshots.
Shrunk: two languages, one seed, 16 GRPO prompts, 4 evaluation questions per language, 2 held-out
databases (the mini benchmark has 8), 100 bootstrap samples; CPU flags instead of CUDA.

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

from polysql.workflow_config import load_workflow_config

from multispider_fixture import build_multispider_fixture

REPO = Path(__file__).resolve().parents[1]
SMOKE_LANGS = ["en", "de"]
SMOKE_TRAIN_LANGS = ["de"]  # the train-language block of the grid, shrunk to one language

# The paper's three hub models -> what plays them here
POLICY, BASELINE_8B, ENCODER = "llama-3.2-3b-instruct", "llama-3.1-8b-instruct", "xlm-roberta-base"


def build_tiny_xlmr(
    out_dir: Path, texts: list[str], *, vocab_size: int = 1500, hidden_size: int = 32, seed: int = 0
) -> Path:
    """A tiny random XLM-RoBERTa saved as a plain transformers folder, the layout of the hub's
    FacebookAI/xlm-roberta-base (config.json, weights, tokenizer; no modules.json), with a Unigram
    vocabulary trained on ``texts`` and XLM-R's 514 positions."""
    import torch
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers
    from transformers import XLMRobertaConfig, XLMRobertaModel, XLMRobertaTokenizer

    backend = Tokenizer(models.Unigram())
    backend.pre_tokenizer = pre_tokenizers.Metaspace()
    backend.train_from_iterator(
        texts,
        trainers.UnigramTrainer(
            vocab_size=vocab_size,
            special_tokens=["<s>", "<pad>", "</s>", "<unk>", "<mask>"],
            unk_token="<unk>",
            show_progress=False,
        ),
    )
    vocab = [tuple(entry) for entry in json.loads(backend.to_str())["model"]["vocab"]]
    tokenizer = XLMRobertaTokenizer(vocab=vocab, model_max_length=512)
    config = XLMRobertaConfig(
        vocab_size=len(tokenizer),
        hidden_size=hidden_size,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=2 * hidden_size,
        max_position_embeddings=514,
        pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
    )
    torch.manual_seed(seed)
    XLMRobertaModel(config).save_pretrained(out_dir)
    tokenizer.save_pretrained(out_dir)
    assert not (out_dir / "modules.json").exists()
    return out_dir


# What the smoke run changes of the shipped config/paper.yaml: sizes (languages, data, grid seeds and
# languages, bootstrap samples) and the device flags of a machine without a GPU. Never the recipe: the
# trainer, LoRA, reward, prompt and generation settings are paper.yaml's own.
SMOKE_OVERRIDES = {
    "languages": SMOKE_LANGS,
    "data": {
        "grpo_train_size": 16,
        "per_language_train_size": 8,
        "eval_per_language": 4,
        "heldout_databases": 2,
    },  # the mini benchmark has 8 train databases (MultiSpider: 146)
    "generation": {"device": "cpu", "gpu": False},
    "encoders": {"xlmr-contrastive": {"gpu": False}},
    "grpo": {"gpu": False},
    "report": {"bootstrap_samples": 100},
}


def write_paper_smoke_config(workdir: Path) -> Path:
    """Fixture MultiSpider, tiny models laid out as the hub snapshots, and an overlay of config/paper.yaml
    holding :data:`SMOKE_OVERRIDES` only; returns the overlay's path.

    The tiny models go where ``prefetch`` would put the hub snapshots (``workdir/resources/models/<name>``):
    two Llamas with Llama 3 Instruct's tokenizer quirks and a plain transformers XLM-R folder. The MultiSpider
    copy goes to ``workdir/multispider-download`` (``benchmark.fetch.local_dir``).
    """
    from tiny_llama import build_tiny_llama3

    workdir = Path(workdir)
    download = build_multispider_fixture(
        workdir / "multispider-download", variant_folder="with_English_value", languages=SMOKE_LANGS
    )
    models = workdir / "resources" / "models"
    build_tiny_llama3(models / POLICY, seed=0)
    build_tiny_llama3(models / BASELINE_8B, seed=1)
    texts = []
    for lang in SMOKE_LANGS:
        for split in ("train", "dev"):
            texts += [
                f"{e['question']} {e['query']}"
                for e in json.loads((REPO / "resources/mini" / f"{split}_{lang}.json").read_text(encoding="utf-8"))
            ]
    build_tiny_xlmr(models / ENCODER, texts)

    paper = yaml.safe_load((REPO / "config" / "paper.yaml").read_text(encoding="utf-8"))
    assert paper["benchmark"]["dir"] == "resources/multispider", "the smoke run relies on the fetch rule"
    assert {POLICY, BASELINE_8B, ENCODER} == set(paper["models"])
    grid = [
        dict(
            block,
            seeds=[0],
            train_langs=block["train_langs"] if block["train_langs"] == ["all"] else list(SMOKE_TRAIN_LANGS),
        )
        for block in paper["grid"]
    ]
    overlay = {
        "extends": str(REPO / "config" / "paper.yaml"),
        **SMOKE_OVERRIDES,
        "grid": grid,
        "benchmark": {"fetch": {"local_dir": str(download), "expected_dev_size": 180}},
    }
    path = workdir / "paper_smoke.yaml"
    path.write_text(yaml.safe_dump(overlay, sort_keys=False), encoding="utf-8")
    return path


def run_snakemake(workdir: Path, configfile: Path, *args: str, timeout: int = 3600) -> subprocess.CompletedProcess:
    """The real CLI; the hub endpoint is unreachable on purpose (refused at once), as on an air-gapped node."""
    env = dict(os.environ, HF_HUB_OFFLINE="1", OMP_NUM_THREADS="1", MPLBACKEND="Agg", HF_ENDPOINT="http://127.0.0.1:9")
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "snakemake",
            "--snakefile",
            str(REPO / "Snakefile"),
            "--directory",
            str(workdir),
            "--profile",
            str(REPO / "profiles" / "default"),
            *args,
            "--configfile",
            str(configfile),
        ],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
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
    config = load_workflow_config([configfile])
    return workdir, config, scheduled, result


@pytest.mark.slow
def test_paper_smoke_runs_every_scheduled_rule(paper_smoke):
    workdir, config, scheduled, result = paper_smoke
    _check(result)
    output = result.stdout + result.stderr
    ran = finished_jobs(output)
    print(f"\npaper smoke: scheduled {scheduled}\npaper smoke: finished {ran}")
    print(
        f"paper smoke: rules run {len(set(ran) & set(scheduled))} of {len(scheduled)} scheduled "
        f"(incl. the target rules {', '.join(t for t in TARGETS if t in scheduled)}); "
        f"jobs finished {sum(ran.values())} of {sum(scheduled.values())}"
    )
    assert {rule: ran.get(rule, 0) for rule in scheduled} == scheduled
    for rule in (
        "fetch_multispider",
        "prepare_model",
        "prepare",
        "train_encoder",
        "eval_encoder",
        "train_grpo",
        "generate",
        "evaluate",
        "main_table",
        "ablation_tables",
    ):
        assert scheduled.get(rule), f"{rule} was not scheduled: {scheduled}"

    # fetch normalisation from the local copy, then the local prefetch path of the three hub models
    fetch_log = (workdir / "logs/data/fetch_multispider.log").read_text(encoding="utf-8")
    assert (
        "train_en.json <- dataset/spider/train_spider.json (358) + dataset/spider/train_others.json (90)" in fetch_log
    )
    assert "dev_de.json <- dataset/multispider/with_English_value/dev_de.json (180)" in fetch_log
    assert "English dev holds the expected 180 questions" in fetch_log
    for model in (POLICY, BASELINE_8B, ENCODER):
        assert (workdir / f"resources/models/{model}/.ready").is_file()
        assert "using the files already in" in (workdir / f"logs/models/prepare_{model}.log").read_text()

    # every reward set of the paper's grid ran
    runs = {
        path.parent.relative_to(workdir / "results/grpo").as_posix()
        for path in (workdir / "results/grpo").glob("**/train_log.jsonl")
        if path.parent.name != "checkpoints"
    }
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

    # each run trained the paper's recipe: one epoch of its sample at 4 prompts per step, lr 5e-6, no cap
    for run in runs:
        resolved = json.loads((workdir / "results/grpo" / run / "resolved_config.json").read_text())
        trainer = resolved["trainer"]
        assert (trainer["learning_rate"], trainer["beta"], trainer["num_train_epochs"], trainer["max_steps"]) == (
            5e-6,
            0.02,
            1,
            -1,
        ), run
        assert trainer["save_total_limit"] == 2
        assert resolved["grpo"]["hardness"] is None and resolved["model"]["spec"]["source"] == "hub"
        steps = [
            json.loads(line)["step"]
            for line in (workdir / "results/grpo" / run / "train_log.jsonl").read_text().splitlines()
            if '"step"' in line
        ]
        prompts_per_step = (
            trainer["per_device_train_batch_size"]
            * trainer["gradient_accumulation_steps"]
            // trainer["num_generations"]
        )
        sample = workdir / "results/data" / f"grpo_train_{resolved['run']['train_lang']}.jsonl"
        assert max(steps) == len(sample.read_text().splitlines()) // prompts_per_step, (run, steps)
    # the plain XLM-R folder became a sentence encoder, trained and scored
    assert (workdir / "results/encoder/xlmr-contrastive/model/modules.json").is_file()
    assert not (workdir / f"resources/models/{ENCODER}/modules.json").exists()


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
        "print([r.rows for r in results])\n",
        encoding="utf-8",
    )
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    result = subprocess.run([sys.executable, str(wrapper)], capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "NameError" not in result.stderr
    assert result.stdout.strip().endswith("[[(2,)], [(2,)], [(2,)]]"), result.stdout
