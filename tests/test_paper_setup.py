"""The paper's runs are the paper's: every run of every shipped config resolves, no value of the CPU demo
reaches paper.yaml, and each paper run matches docs/paper_setup.md key by key."""

from __future__ import annotations

import copy
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from polysql.config_schema import with_defaults
from polysql.grpo.train import run_from_config
from polysql.workflow_plan import expand_grid
from polysql.workflow_config import load_workflow_config

REPO = Path(__file__).resolve().parents[1]
PAPER = REPO / "config" / "paper.yaml"
DEMO = REPO / "config" / "config.yaml"
SETUP_DOC = REPO / "docs" / "paper_setup.md"
MISSING = object()


def _get(tree: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        if not isinstance(tree, dict) or part not in tree:
            return MISSING
        tree = tree[part]
    return tree


def _leaves(tree: dict[str, Any], prefix: tuple[str, ...] = ()):
    for key, value in tree.items():
        if isinstance(value, dict) and value:
            yield from _leaves(value, (*prefix, key))
        else:
            yield (*prefix, key), value


def _schema_default(keys: tuple[str, ...]) -> Any:
    """The schema's default at ``keys`` (map entries by their "<name>" schema), or MISSING."""
    for cut in range(len(keys) - 1, -1, -1):
        try:
            section = with_defaults({}, *keys[:cut])
        except (KeyError, TypeError, ValueError):
            continue
        return _get(section, ".".join(keys[cut:]))
    return MISSING


def paper_runs() -> dict[str, dict[str, Any]]:
    """Every run of paper.yaml, resolved through the `--show` path (run_from_config)."""
    config = load_workflow_config([PAPER])
    return {run_id: run_from_config(config, run_id).resolved() for run_id in expand_grid(config)}


def setup_table() -> list[tuple[str, Any]]:
    """(key, value) rows of docs/paper_setup.md's table, values read as YAML."""
    rows = []
    for line in SETUP_DOC.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\| `([^`]+)` \| `([^`]*)` \|", line)
        if match:
            rows.append((match.group(1), yaml.safe_load(match.group(2))))
    return rows


@pytest.mark.parametrize("name", ["config.yaml", "paper.yaml", "cpu_study.yaml"])
def test_every_run_of_every_shipped_config_resolves(name):
    config = load_workflow_config([REPO / "config" / name]) if name != "config.yaml" else load_workflow_config([])
    runs = expand_grid(config)
    assert runs
    for run_id in runs:
        resolved = run_from_config(config, run_id).resolved()
        assert resolved["run"]["id"] == run_id
        assert len(resolved["trainer"]) > 100  # every GRPOConfig field, TRL's defaults included


def test_the_78_paper_runs_train_the_papers_recipe():
    runs = paper_runs()
    assert len(runs) == 78  # 12 reward sets x 3 seeds on all languages + 7 languages x 2 sets x 3 seeds
    config = load_workflow_config([PAPER])
    assert config["data"]["grpo_train_size"] == 3000
    for run_id, resolved in runs.items():
        trainer, grpo = resolved["trainer"], resolved["grpo"]
        got = (
            trainer["learning_rate"],
            trainer["beta"],
            trainer["num_train_epochs"],
            trainer["max_steps"],
            grpo["hardness"],
            grpo["train_size"],
            resolved["model"]["spec"]["source"],
        )
        assert got == (5e-6, 0.02, 1, -1, None, None, "hub"), run_id


def test_paper_runs_match_docs_paper_setup():
    """Each row of the table holds for every paper run (rewards.<name> rows: the runs using that reward)."""
    rows = setup_table()
    assert len(rows) >= 40
    config = load_workflow_config([PAPER])
    runs = paper_runs()
    departures, unused = [], []
    for key, documented in rows:
        checked = 0
        for run_id, resolved in runs.items():
            actual = _get(config, key[len("config.") :]) if key.startswith("config.") else _get(resolved, key)
            if actual is MISSING and key.startswith("rewards."):
                continue  # the run's reward set does not use this reward
            checked += 1
            if actual != documented:
                departures.append(f"{run_id}: {key} resolves to {actual!r}, docs/paper_setup.md says {documented!r}")
        if not checked:
            unused.append(key)
    assert not departures, "\n".join(departures[:20])
    assert not unused, f"rows that no paper run has: {unused}"


def test_a_departing_run_is_named_with_the_key_and_both_values(tmp_path):
    """The check fails on a paper config whose learning rate departs from the table."""
    raw = yaml.safe_load(PAPER.read_text(encoding="utf-8"))
    raw["grpo"]["trainer"]["learning_rate"] = 3.0e-4
    changed = tmp_path / "paper.yaml"
    changed.write_text(yaml.safe_dump(raw), encoding="utf-8")
    config = load_workflow_config([changed])
    run_id = next(iter(expand_grid(config)))
    resolved = run_from_config(config, run_id).resolved()
    documented = dict(setup_table())["trainer.learning_rate"]
    assert _get(resolved, "trainer.learning_rate") == 3.0e-4 != documented


def test_no_value_of_the_cpu_demo_reaches_the_paper_config():
    """A value paper.yaml does not write is the schema's default, never config.yaml's."""
    demo = yaml.safe_load(DEMO.read_text(encoding="utf-8"))
    paper_raw = yaml.safe_load(PAPER.read_text(encoding="utf-8"))
    paper = load_workflow_config([PAPER])
    leaks = []
    for keys, demo_value in _leaves(demo):
        dotted = ".".join(keys)
        if _get(paper_raw, dotted) is not MISSING:
            continue  # paper.yaml states it itself
        value = _get(paper, dotted)
        if value is not MISSING and value == demo_value and value != _schema_default(keys):
            leaks.append(f"{dotted} = {value!r}")
    assert not leaks, f"paper.yaml resolves CPU-demo values it does not write: {leaks}"
    # and the demo's GRPO recipe is gone from every paper run
    for resolved in paper_runs().values():
        assert resolved["trainer"]["max_steps"] != demo["grpo"]["trainer"]["max_steps"]
        assert resolved["trainer"]["lr_scheduler_type"] != "constant"
        assert resolved["grpo"]["skip_zero_advantage"] is False and resolved["grpo"]["shared_prefix"] is False


def test_snakemake_resolves_paper_yaml_alone(tmp_path):
    """Through the real CLI: `--configfile config/paper.yaml` resolves to paper.yaml plus schema defaults,
    nothing of config/config.yaml (the resolved_config rule writes what every job sees)."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "snakemake",
            "--snakefile",
            str(REPO / "Snakefile"),
            "--directory",
            str(tmp_path),
            "--cores",
            "1",
            "results/config.resolved.yaml",
            "--configfile",
            str(PAPER),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    seen = yaml.safe_load((tmp_path / "results/config.resolved.yaml").read_text(encoding="utf-8"))
    assert seen == yaml.safe_load(yaml.safe_dump(copy.deepcopy(load_workflow_config([PAPER]))))
    assert "smollm2-135m" not in seen["models"] and "minilm-contrastive" not in seen["encoders"]
    assert seen["grpo"]["trainer"]["max_steps"] == -1 and seen["grpo"]["train_size"] is None
