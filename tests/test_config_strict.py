"""The config loader refuses what Snakemake would let through silently, naming file, key and line.

Table-driven: add a row to BAD_FILES or BAD_TRAINER for a new case. Covers a key given twice
(Snakemake keeps the last one), YAML errors, and ``grpo.trainer`` checked against the installed
TRL's GRPOConfig at start-up (unknown field with the closest valid one, wrong type, impossible
value), in Python and through the real ``snakemake -n``.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest
import yaml

from polysql.trl_fields import grpo_fields, trainer_problems
from polysql.config_files import check_config_file, load_config_file
from polysql.config_schema import ConfigError

# (file text, words the error must contain: file name is always checked)
BAD_FILES = [
    pytest.param(
        "languages: [en]\nlanguages: [en, de]\n",
        ["line 2", "key 'languages' is given twice (lines 1 and 2)"],
        id="top-level key twice",
    ),
    pytest.param(
        "grpo:\n  trainer:\n    max_steps: 8\n    beta: 0.1\n    max_steps: 16\n",
        ["line 5", "key 'grpo.trainer.max_steps' is given twice (lines 3 and 5)"],
        id="nested key twice",
    ),
    pytest.param(
        "report:\n  main_table:\n    - {label: a, label: b}\n",
        ["line 3", "key 'report.main_table.0.label' is given twice"],
        id="key twice in a list item",
    ),
    pytest.param(
        "languages: [en, de\nbenchmark:\n  dir: x\n",
        ["line 2, column 10", "not valid YAML"],
        id="unclosed flow sequence",
    ),
    pytest.param("grpo:\n\ttrainer: {}\n", ["line 2, column 1", "not valid YAML", "'\\t'"], id="tab indentation"),
    pytest.param("data:\n  seed: 0\n seed: 1\n", ["line 3", "not valid YAML"], id="bad indentation"),
]


@pytest.mark.parametrize("text, words", BAD_FILES)
def test_bad_config_files_name_file_and_line(tmp_path, text, words):
    path = tmp_path / "copy.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        check_config_file(path)
    message = str(caught.value)
    assert str(path) in message
    for word in words:
        assert word in message, message


def test_anchors_merges_and_shipped_configs_are_accepted(tmp_path, repo_root):
    path = tmp_path / "anchors.yaml"
    path.write_text("base: &b {x: 1, y: 2}\nother:\n  <<: *b\n  x: 3\n", encoding="utf-8")
    assert load_config_file(path)["other"] == {"x": 3, "y": 2}
    for name in ("config.yaml", "paper.yaml"):
        check_config_file(repo_root / "config" / name)
    path.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="top level must be a mapping"):
        load_config_file(path)
    path.write_bytes(b"languages: [en]\nlabel: \xff\n")
    with pytest.raises(ConfigError, match="not UTF-8"):
        check_config_file(path)


# (grpo.trainer section, expected (field, words) problems)
BAD_TRAINER = [
    pytest.param({"num_generation": 4}, [("num_generation", "closest valid field: 'num_generations'")], id="typo"),
    pytest.param({"learning_rat": 1e-4}, [("learning_rat", "closest valid field: 'learning_rate'")], id="typo 2"),
    pytest.param({"zzzz_qqq": 1}, [("zzzz_qqq", "no field has a similar name")], id="nothing close"),
    pytest.param(
        {"max_steps": -3},
        [("max_steps", "must be -1 (train num_train_epochs epochs) or a number of steps >= 1")],
        id="max_steps -3",
    ),
    pytest.param({"max_steps": 0}, [("max_steps", "got 0")], id="max_steps 0"),
    pytest.param({"max_steps": 2.5}, [("max_steps", "must be of type int")], id="max_steps float"),
    pytest.param({"learning_rate": "1e-4"}, [("learning_rate", "write 1.0e-4")], id="lr read as text"),
    pytest.param({"learning_rate": -1.0e-4}, [("learning_rate", "must be > 0")], id="negative lr"),
    pytest.param({"num_generations": 1}, [("num_generations", "must be >= 2")], id="one generation"),
    pytest.param({"per_device_train_batch_size": 0}, [("per_device_train_batch_size", "must be >= 1")], id="batch 0"),
    pytest.param({"temperature": 0}, [("temperature", "must be > 0")], id="temperature 0"),
    pytest.param({"top_p": 1.5}, [("top_p", "must be in (0, 1]")], id="top_p"),
    pytest.param({"beta": -0.02}, [("beta", "must be >= 0")], id="negative beta"),
    pytest.param({"bf16": "yes"}, [("bf16", "must be of type bool | None")], id="bool as text"),
    pytest.param({"seed": 3}, [("seed", "set by the workflow")], id="reserved"),
    pytest.param(
        {"num_generation": 4, "max_steps": -3},
        [("num_generation", "num_generations"), ("max_steps", "got -3")],
        id="every problem listed",
    ),
]


@pytest.mark.parametrize("trainer, expected", BAD_TRAINER)
def test_bad_trainer_fields_are_named(trainer, expected):
    problems = trainer_problems(trainer)
    assert [key for key, _ in problems] == [key for key, _ in expected]
    for (_, message), (_, words) in zip(problems, expected):
        assert words in message, message


def test_valid_trainer_sections_pass(repo_root):
    for name in ("config.yaml", "paper.yaml"):
        trainer = yaml.safe_load((repo_root / "config" / name).read_text())["grpo"]["trainer"]
        assert trainer_problems(trainer) == []
    assert trainer_problems({"max_steps": -1, "num_train_epochs": 1, "max_completion_length": None, "bf16": None}) == []


def test_fields_read_from_source_match_grpoconfig():
    """The start-up check reads TRL's source without importing it; it must list GRPOConfig's own fields."""
    import subprocess as sp

    code = (
        "import sys, time; t = time.perf_counter(); from polysql.trl_fields import grpo_fields; "
        "n = len(grpo_fields()); print(n, time.perf_counter() - t, "
        "any(m.split('.')[0] in ('trl', 'transformers', 'torch') for m in sys.modules))"
    )
    count, seconds, imported = sp.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert imported == "False"  # neither TRL nor transformers nor torch was imported
    assert float(seconds) < 2.0
    from trl import GRPOConfig

    expected = {f.name for f in dataclasses.fields(GRPOConfig) if f.init}
    assert set(grpo_fields()) == expected and int(count) == len(expected)


def _dry_run(repo_root, tmp_path, config: dict | str) -> subprocess.CompletedProcess:
    path = tmp_path / "copy.yaml"
    if isinstance(config, str):
        path.write_text(config, encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "snakemake",
            "-n",
            "--snakefile",
            str(repo_root / "Snakefile"),
            "--directory",
            str(tmp_path),
            "--configfile",
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture()
def user_config(repo_root):
    config = yaml.safe_load((repo_root / "config/config.yaml").read_text())
    config["benchmark"]["dir"] = str(repo_root / "resources" / "mini")
    return config


@pytest.mark.parametrize(
    "trainer, words",
    [
        (
            {"num_generation": 4},
            "config key 'grpo.trainer.num_generation': unknown GRPOConfig field (TRL 1.16.0); "
            "closest valid field: 'num_generations'",
        ),
        ({"max_steps": -3}, "config key 'grpo.trainer.max_steps': must be -1"),
    ],
)
def test_dry_run_fails_at_start_up_on_bad_trainer_fields(repo_root, tmp_path, user_config, trainer, words):
    user_config["grpo"]["trainer"].update(trainer)
    result = _dry_run(repo_root, tmp_path, user_config)
    assert result.returncode != 0
    assert words in result.stdout + result.stderr


def test_dry_run_fails_on_a_key_given_twice(repo_root, tmp_path, user_config):
    text = yaml.safe_dump(user_config, sort_keys=False) + "languages: [en]\n"
    result = _dry_run(repo_root, tmp_path, text)
    assert result.returncode != 0
    line = text.count("\n")
    assert (
        f"copy.yaml: line {line}: key 'languages' is given twice (lines 1 and {line})" in result.stdout + result.stderr
    )


def test_an_invalid_default_config_names_file_and_line(repo_root, tmp_path):
    """config/config.yaml (the Snakefile's configfile) is read strictly before Snakemake reads it."""
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.yaml").write_text("languages: [en, de\nbenchmark:\n  dir: x\n", encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "snakemake",
            "-n",
            "--snakefile",
            str(repo_root / "Snakefile"),
            "--directory",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0
    assert "config/config.yaml: line 2, column 10: not valid YAML" in result.stdout + result.stderr


def test_check_command_names_file_and_line(repo_root, tmp_path):
    """`python -m polysql.workflow_config FILE...`: Snakemake's message for a bad --configfile names neither."""
    bad = tmp_path / "copy.yaml"
    bad.write_text("grpo:\n  trainer:\n    num_generation: 4\n", encoding="utf-8")
    command = [sys.executable, "-m", "polysql.workflow_config", str(repo_root / "config/config.yaml")]
    assert subprocess.run(command, capture_output=True, text=True).returncode == 0
    result = subprocess.run([*command, str(bad)], capture_output=True, text=True)
    assert result.returncode == 1
    assert "config key 'grpo.trainer.num_generation'" in result.stderr and "'num_generations'" in result.stderr
    bad.write_text("grpo:\n  trainer: {a: 1\n", encoding="utf-8")
    result = subprocess.run([*command, str(bad)], capture_output=True, text=True)
    assert result.returncode == 1 and f"{bad}: line 3, column 1: not valid YAML" in result.stderr
