"""The real Snakemake CLI: the data stage on the mini benchmark, the whole workflow on a tiny config,
and dry runs of the paper's setup."""

from __future__ import annotations

import copy
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

from polysql import LANGUAGES
from polysql.io import read_json, read_jsonl
from tiny_workflow import write_tiny_config

REPO = Path(__file__).resolve().parents[1]
MINI = REPO / "resources" / "mini"


def snakemake(
    workdir: Path, *args: str, configfile: Path | None = None, timeout: int = 900
) -> subprocess.CompletedProcess:
    """Run the project's Snakefile with ``workdir`` as the working directory.

    ``--configfile`` goes last: it takes several values and would swallow targets after it.
    """
    if configfile is not None:
        args = (*args, "--configfile", str(configfile))
    env = dict(os.environ, HF_HUB_OFFLINE="1", OMP_NUM_THREADS="1", MPLBACKEND="Agg")
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
        ],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


def _check(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 0, (
        f"snakemake {result.args[3:]} failed:\n{result.stdout[-4000:]}\n{result.stderr[-8000:]}"
    )


def _write_config(path: Path, config: dict) -> Path:
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def test_data_stage_on_the_mini_benchmark(tmp_path):
    config = yaml.safe_load((REPO / "config" / "config.yaml").read_text())
    config["benchmark"]["dir"] = str(MINI)
    configfile = _write_config(tmp_path / "config.yaml", config)
    targets = [f"results/data/eval_{lang}.jsonl" for lang in LANGUAGES] + ["results/data/grpo_train_all.jsonl"]
    _check(snakemake(tmp_path, "--cores", "2", *targets, configfile=configfile))

    summary = read_json(tmp_path / "results/data/prepare_summary.json")
    assert summary["gold_failures"] == []
    for lang in LANGUAGES:
        assert summary["counts"]["train"][lang] >= 400 and summary["counts"]["dev"][lang] >= 150
    evals = {lang: read_jsonl(tmp_path / f"results/data/eval_{lang}.jsonl") for lang in LANGUAGES}
    assert all(len(records) == config["data"]["eval_per_language"] for records in evals.values())
    assert len({tuple(r["intent"] for r in records) for records in evals.values()}) == 1  # same intents
    sample = read_jsonl(tmp_path / "results/data/grpo_train_all.jsonl")
    assert len(sample) == config["data"]["grpo_train_size"]
    per_lang = pd.Series([r["lang"] for r in sample]).value_counts()
    assert set(per_lang) == {config["data"]["grpo_train_size"] // len(LANGUAGES)}
    assert {r["split"] for r in sample} == {"train"}


def test_lint_is_clean(tmp_path):
    result = snakemake(REPO, "--lint")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Lints for" not in result.stdout + result.stderr


def _jobs_in_dry_run(output: str) -> dict[str, int]:
    table = re.search(r"Job stats:\njob\s+count\n[-\s]+\n(.*?)\ntotal\s+(\d+)", output, re.S)
    assert table, output[-3000:]
    jobs = {name: int(count) for name, count in re.findall(r"^(\S+)\s+(\d+)$", table.group(1), re.M)}
    jobs["total"] = int(table.group(2))
    return jobs


def test_paper_dry_run_lists_the_whole_grid(tmp_path):
    main = snakemake(tmp_path, "-n", "results/tables/main.csv", configfile=REPO / "config/paper.yaml")
    _check(main)
    jobs = _jobs_in_dry_run(main.stdout + main.stderr)
    # zero-shot 3B and 8B + GRPO (exec, exec_semantic, the exec_ngram control) x 3 seeds = 11 systems,
    # generated in one job each, scored per language
    assert jobs["generate"] == 11 and jobs["evaluate"] == 11 * 7
    assert jobs["train_grpo"] == 9 and jobs["train_encoder"] == 1
    ablations = snakemake(tmp_path, "-n", "ablations", configfile=REPO / "config/paper.yaml")
    _check(ablations)
    jobs = _jobs_in_dry_run(ablations.stdout + ablations.stderr)
    runs = (
        1 * 12 * 3 + 7 * 2 * 3
    )  # reward-set block (5 semantic-guard ablations, exec_ts, exec_ngram) + train-language block
    assert jobs["train_grpo"] == runs
    assert jobs["generate"] == runs and jobs["evaluate"] == runs * 7


def test_paper_on_four_gpus_launches_every_run_on_four(tmp_path):
    """config/paper_4gpu.yaml: each GRPO job shows its accelerate launch and asks for 4 GPUs."""
    dry = snakemake(tmp_path, "-n", "-p", "results/tables/main.csv", configfile=REPO / "config/paper_4gpu.yaml")
    _check(dry)
    output = dry.stdout + dry.stderr
    jobs = re.findall(r"^rule train_grpo:\n(.*?)\n\n", output, re.M | re.S)
    commands = re.findall(r"^Shell command: (.*accelerate\.commands\.launch.*)$", output, re.M)
    assert len(jobs) == _jobs_in_dry_run(output)["train_grpo"] == len(commands) == 9
    assert all(re.search(r"resources: .*\bgpu=4\b", job) for job in jobs), jobs[0]
    for command in commands:
        assert "--config_file " + str(REPO / "workflow/accelerate/ddp.yaml") in command
        assert "--num_processes 4 --num_machines 1 -m polysql.grpo.train" in command
        assert re.search(r"--run-id 'lang~all/reward~exec(_semantic|_ngram)?/seed~\d'", command)


@pytest.fixture(scope="module")
def tiny_workflow(tmp_path_factory):
    """The whole workflow on a tiny config: tiny in-process models, 2 languages, 2 GRPO steps."""
    workdir = tmp_path_factory.mktemp("tiny_workflow")
    configfile = write_tiny_config(workdir)
    config = yaml.safe_load(configfile.read_text())
    result = snakemake(workdir, "--cores", "2", "results/tables/main.csv", configfile=configfile)
    return workdir, configfile, config, result


def test_tiny_workflow_end_to_end(tiny_workflow):
    workdir, configfile, config, result = tiny_workflow
    _check(result)
    assert "polysql: CPU kind " in result.stderr  # the start-up report: CPU kind and the path taken
    table = pd.read_csv(workdir / "results/tables/main.csv")
    assert list(table["label"]) == [row["label"] for row in config["report"]["main_table"]]
    for scope in ["en", "de", "avg"]:
        for metric in ["EX", "exact_match"]:
            assert table[f"{scope}_{metric}"].between(0, 100).all()
    assert "ja_EX" not in table.columns
    audit = pd.read_csv(workdir / "results/tables/reward_validity.csv")  # the reward-validity audit
    assert set(audit["lang"]) == {"en", "de"}
    assert set(audit["encoder"]) == {
        "base",
        "trained",
        "control:token_jaccard",
        "control:char3_jaccard",
        "control:ngram2",
    }
    assert (audit["n_equivalent"] > 0).all()  # verified rewrites, the gold and its reprints not among them
    assert audit["auc"].between(0, 1).all() and audit["configured"].sum() == 2 * 2  # languages x encoders
    for plot in ["main_bars", "training_curves", "encoder_retrieval", "reward_validity"]:
        assert (workdir / f"results/plots/{plot}.png").stat().st_size > 5_000
    for run in ["lang~all/reward~exec/seed~0", "lang~all/reward~exec_semantic/seed~0"]:
        log = read_jsonl(workdir / f"results/grpo/{run}/train_log.jsonl")
        assert [r["step"] for r in log if "loss" in r] == [1, 2]
        assert (workdir / f"results/grpo/{run}/adapter/adapter_config.json").is_file()
    semantic_log = read_jsonl(workdir / "results/grpo/lang~all/reward~exec_semantic/seed~0/train_log.jsonl")
    assert any("rewards/semantic/mean" in record for record in semantic_log)
    metrics = read_json(workdir / "results/metrics/base/de.json")
    assert metrics["n"] == 4 and 0 <= metrics["ex"] <= 1


def test_tiny_workflow_in_domain_set_is_kept_out_of_training_and_tabled(tiny_workflow):
    workdir, _, config, result = tiny_workflow
    _check(result)
    sets = {lang: read_jsonl(workdir / f"results/in_domain/data/eval_{lang}.jsonl") for lang in ("en", "de")}
    intents = {r["intent"] for r in sets["en"]}
    assert len(intents) == config["data"]["in_domain_eval"] == 3
    assert {r["intent"] for r in sets["de"]} == intents and {r["split"] for r in sets["en"]} == {"train"}
    trained_on = {r["intent"] for r in read_jsonl(workdir / "results/data/grpo_train_all.jsonl")}
    trained_on |= set(read_json(workdir / "results/warm_start/tiny-llm-warm/summary.json")["intents"])
    assert trained_on and not trained_on & intents
    table = pd.read_csv(workdir / "results/in_domain/tables/main.csv")
    assert list(table["label"]) == [row["label"] for row in config["report"]["main_table"]]
    assert table["avg_EX"].between(0, 100).all()
    assert read_json(workdir / "results/in_domain/metrics/grpo/lang~all/reward~exec/seed~0/de.json")["n"] == 3
    markdown = (workdir / "results/in_domain/tables/main.md").read_text(encoding="utf-8")
    assert markdown.startswith("In-domain evaluation set") and "(reported)" not in markdown


def test_tiny_workflow_second_run_does_nothing(tiny_workflow):
    workdir, configfile, _, result = tiny_workflow
    _check(result)
    again = snakemake(workdir, "--cores", "2", "results/tables/main.csv", configfile=configfile)
    _check(again)
    assert "Nothing to be done" in again.stdout + again.stderr


# --- Which config changes rerun what: real `snakemake -n` after the tiny workflow has run ---------


def _dry_run_jobs(output: str) -> list[dict[str, str]]:
    """Every job of a dry run's output: rule, reason and wildcards."""
    jobs = []
    for match in re.finditer(r"^(?:local)?rule (\S+):\n((?:    .*\n?)*)", output, re.M):
        body = match.group(2)
        fields = dict(re.findall(r"^    (reason|wildcards): (.*)$", body, re.M))
        jobs.append(
            {"rule": match.group(1), "reason": fields.get("reason", ""), "wildcards": fields.get("wildcards", "")}
        )
    return jobs


def _after_change(tiny_workflow, tmp_path, mutate, *, target="results/tables/main.csv", sort_keys=False):
    """Dry-run the finished tiny workflow with a changed copy of its config: (nothing to do?, jobs)."""
    workdir, _, config, result = tiny_workflow
    _check(result)
    changed = copy.deepcopy(config)
    mutate(changed)
    path = tmp_path / "changed.yaml"
    path.write_text(yaml.safe_dump(changed, sort_keys=sort_keys), encoding="utf-8")
    dry = snakemake(workdir, "-n", target, configfile=path)
    _check(dry)
    output = dry.stdout + dry.stderr
    return "Nothing to be done" in output, _dry_run_jobs(output)


def _count(jobs, *, params_only=False) -> dict[str, int]:
    counts: dict[str, int] = {}
    for job in jobs:
        if not params_only or job["reason"].startswith("Params have changed"):
            counts[job["rule"]] = counts.get(job["rule"], 0) + 1
    return counts


def _cosmetic_changes(config):
    """Resources, speed settings, checkpoint cadence and system labels: none changes an output."""
    config["grpo"].update(mem_mb=16000, runtime_min=999, threads=2, gpu=False, processes=2)  # processes: a launch
    config["grpo"]["trainer"].update(save_steps=5)
    config["generation"].update(threads=2, mem_mb=9000, runtime_min=5)
    config["encoders"]["enc"]["threads"] = 2
    config.setdefault("sql", {})["workers"] = 2
    config["systems"]["base"]["label"] = "another label"


def test_key_order_resources_and_labels_rerun_nothing(tiny_workflow, tmp_path):
    nothing, jobs = _after_change(tiny_workflow, tmp_path, _cosmetic_changes, sort_keys=True)
    assert nothing, [(job["rule"], job["reason"][:200]) for job in jobs]


def test_a_trainer_field_reruns_the_runs_and_what_reads_them(tiny_workflow, tmp_path):
    nothing, jobs = _after_change(tiny_workflow, tmp_path, lambda c: c["grpo"]["trainer"].update(learning_rate=7e-4))
    assert not nothing
    assert _count(jobs, params_only=True) == {"train_grpo": 2}
    # downstream of the two adapters only: no data, model, encoder or baseline job
    counts = _count(jobs)
    assert {rule: counts.get(rule) for rule in ("train_grpo", "generate", "evaluate", "generate_in_domain")} == {
        "train_grpo": 2,
        "generate": 2,
        "evaluate": 4,
        "generate_in_domain": 2,
    }
    assert not set(counts) & {"prepare", "sample_grpo", "sample_eval", "prepare_model", "train_encoder", "eval_encoder"}
    assert all(
        job["wildcards"].startswith(("run=", "system=grpo/"))
        for job in jobs
        if job["rule"] in ("train_grpo", "generate", "evaluate", "generate_in_domain", "evaluate_in_domain")
    )
    assert all(
        job["reason"].startswith("Input files updated by another job") for job in jobs if job["rule"] != "train_grpo"
    )


@pytest.mark.parametrize(
    "mutate",
    [
        pytest.param(lambda c: c["report"].update(bootstrap_samples=200), id="bootstrap_samples"),
        pytest.param(lambda c: c["report"].update(confidence=0.9, seed=1), id="confidence and seed"),
        pytest.param(
            lambda c: (
                c["report"]["main_table"][0].update(label="renamed"),
                c["report"]["main_table"][1].update(compare_to="renamed"),
            ),
            id="row label",
        ),
    ],
)
def test_report_settings_rerun_the_report_only(tiny_workflow, tmp_path, mutate):
    nothing, jobs = _after_change(tiny_workflow, tmp_path, mutate)
    assert not nothing
    assert _count(jobs) == {"main_table": 1, "main_table_in_domain": 1}
    reasons = {job["rule"]: job["reason"] for job in jobs}
    assert reasons["main_table_in_domain"].startswith("Params have changed"), reasons
    # the main table's own params changed too; it also reads the in-domain table, which Snakemake names first
    assert reasons["main_table"].startswith(
        ("Params have changed", "Input files updated by another job: results/in_domain/tables/main.csv")
    ), reasons


@pytest.mark.parametrize(
    "mutate, new_run",
    [
        pytest.param(
            lambda c: (
                c["reward_sets"].update(exec_format={"execution": 1.0, "format": 0.2}),
                c["grid"][0]["reward_sets"].append("exec_format"),
            ),
            "lang~all/reward~exec_format/seed~0",
            id="reward set",
        ),
        pytest.param(
            lambda c: c["grid"].append({"train_langs": ["de"], "reward_sets": ["exec"], "seeds": [0]}),
            "lang~de/reward~exec/seed~0",
            id="grid block",
        ),
    ],
)
def test_a_new_reward_set_or_grid_block_runs_only_the_new_run(tiny_workflow, tmp_path, mutate, new_run):
    nothing, main_jobs = _after_change(tiny_workflow, tmp_path, mutate)
    assert nothing, main_jobs  # the main table does not show the new run
    _, jobs = _after_change(tiny_workflow, tmp_path, mutate, target="ablations")
    assert not [job for job in jobs if job["reason"].startswith("Params have changed")]
    assert [job["wildcards"] for job in jobs if job["rule"] == "train_grpo"] == [f"run={new_run}"]
    generated = {re.search(r"system=([^,]+)", job["wildcards"]).group(1) for job in jobs if job["rule"] == "generate"}
    assert generated == {f"grpo/{new_run}"}
