"""Config validation: defaults filled, every bad key named, cross-references checked, grid expanded."""

from __future__ import annotations

import copy
import subprocess
import sys

import pytest
import yaml

from polysql.workflow_plan import expand_grid, systems_from_config
from polysql.config_schema import ConfigError
from polysql.workflow_config import validate_config


@pytest.fixture(scope="module")
def schema(repo_root):
    return yaml.safe_load((repo_root / "workflow/schemas/config.schema.yaml").read_text())


@pytest.fixture(scope="module")
def default_config(repo_root):
    return yaml.safe_load((repo_root / "config/config.yaml").read_text())


@pytest.mark.parametrize("name", ["config.yaml", "paper.yaml"])
def test_shipped_configs_are_valid(repo_root, schema, name):
    path = repo_root / "config" / name
    if not path.exists():
        pytest.skip(f"{name} not written yet")
    validated = validate_config(yaml.safe_load(path.read_text()), schema)
    assert validated["sql"]["timeout_s"] > 0


def test_defaults_are_filled(schema, default_config):
    config = copy.deepcopy(default_config)
    assert "sql" not in config  # the default states only what the CPU demo changes
    validated = validate_config(config, schema)
    assert validated["sql"] == {"timeout_s": 2.0, "max_rows": 10000, "max_result_bytes": 10000000, "workers": 0}
    assert "sql" not in config  # the caller's dict is not modified


@pytest.mark.parametrize(
    "mutate, key, words",
    [
        (lambda c: c.update(lenguages=["en"]), "<top level>", "lenguages"),
        (lambda c: c["data"].update(seed="zero"), "data.seed", "not of type 'integer'"),
        (lambda c: c["grpo"]["trainer"].update(save_total_limit=1), "grpo.trainer.save_total_limit", "less than"),
        (lambda c: c["data"].update(eval_per_language=None), "grpo.heldout.source", "eval_split leaves no held-out"),
        (
            lambda c: c["grpo"]["heldout"].update(source="heldout_databases"),
            "grpo.heldout.source",
            "needs data.heldout_databases > 0",
        ),
        (lambda c: c.update(languages=["en", "xx"]), "languages.1", "'xx' is not one of"),
        (lambda c: c.update(sql={"timeout_s": 0}), "sql.timeout_s", "less than or equal"),
        (lambda c: c["generation"].update(backend="onnx"), "generation.backend", "'onnx' is not one of"),
        (lambda c: c["models"]["smollm2-135m"].update(source="ftp"), "models.smollm2-135m.source", "'ftp'"),
        (
            lambda c: c["models"].update(llama={"source": "hub", "repo_id": "x/y"}),
            "models.llama",
            "'revision' is a required",
        ),
        (lambda c: c["systems"]["base"].update(model="gpt-9"), "systems.base.model", "'gpt-9' is not a key of models"),
        (
            lambda c: c["grid"][0].update(reward_sets=["exec", "magic"]),
            "grid.0.reward_sets",
            "'magic' is not a key of reward_sets",
        ),
        (lambda c: c["grid"][0].update(train_langs=["klingon"]), "grid.0.train_langs", "'klingon'"),
        (lambda c: c["reward_sets"].update(bad={"telepathy": 1.0}), "reward_sets.bad", "telepathy"),
        (
            lambda c: c["rewards"]["semantic"].update(encoder="nope"),
            "rewards.semantic.encoder",
            "'nope' is not a key of encoders",
        ),
        (
            lambda c: c["report"]["main_table"][1].update(compare_to="nobody"),
            "report.main_table.1.compare_to",
            "'nobody'",
        ),
        (
            lambda c: c["report"]["main_table"][2].update(run={"train_lang": "ja", "reward_set": "exec"}),
            "report.main_table.2.run",
            "no run of the grid",
        ),
    ],
)
def test_bad_values_name_the_key(schema, default_config, mutate, key, words):
    config = copy.deepcopy(default_config)
    mutate(config)
    with pytest.raises(ConfigError) as info:
        validate_config(config, schema)
    message = str(info.value)
    assert f"config key '{key}'" in message
    assert words in message


def test_grid_blocks_expand_to_unique_runs():
    config = {
        "grid": [
            {"train_langs": ["all", "de"], "reward_sets": ["exec", "exec_semantic"], "seeds": [0, 1]},
            {"train_langs": ["all"], "reward_sets": ["exec"], "seeds": [0, 2]},  # (all, exec, 0) repeats
        ]
    }
    runs = expand_grid(config)
    assert len(runs) == 2 * 2 * 2 + 1
    assert runs["lang~de/reward~exec_semantic/seed~1"] == {"train_lang": "de", "reward_set": "exec_semantic", "seed": 1}
    assert list(runs)[0] == "lang~all/reward~exec/seed~0"


def test_systems_include_one_per_run(schema, default_config):
    config = validate_config(default_config, schema)
    systems = systems_from_config(config)
    assert systems["base"]["adapter"] is None
    trained = {name: s for name, s in systems.items() if name.startswith("grpo/")}
    assert set(trained) == {"grpo/lang~all/reward~exec/seed~0", "grpo/lang~all/reward~exec_semantic/seed~0"}
    assert trained["grpo/lang~all/reward~exec/seed~0"]["adapter"] == "results/grpo/lang~all/reward~exec/seed~0/adapter"


def test_snakemake_stops_on_a_bad_key(repo_root, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("data:\n  eval_per_language: -3\n")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "snakemake",
            "-n",
            "--configfile",
            str(bad),
            "--directory",
            str(tmp_path),
            "--snakefile",
            str(repo_root / "Snakefile"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "config key 'data.eval_per_language'" in result.stdout + result.stderr
