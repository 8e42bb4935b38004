"""polysql.paths names every output path once: templates and functions agree, and rules and code use them."""

from __future__ import annotations

import inspect
import re
import string
from pathlib import Path

import pytest

from polysql import paths

REPO = Path(__file__).resolve().parents[1]


def _template_functions():
    """(template name, function) pairs: each UPPER_CASE template built from a function of the same name."""
    pairs = []
    for name, function in inspect.getmembers(paths, inspect.isfunction):
        if function.__module__ == paths.__name__ and hasattr(paths, name.upper()):
            pairs.append((name.upper(), function))
    return pairs


def test_every_function_with_wildcards_has_its_template():
    assert {name for name, _ in _template_functions()} >= {
        "SPLIT_FILE",
        "MODEL_READY_FLAG",
        "GRPO_SAMPLE",
        "EVAL_SET",
        "WARM_START_MODEL",
        "ENCODER_MODEL",
        "ENCODER_METRICS",
        "GRPO_ADAPTER",
        "GRPO_TRAIN_LOG",
        "GRPO_CHECKPOINTS",
        "PREDICTIONS",
        "METRICS",
        "EXAMPLES",
    }


@pytest.mark.parametrize("name, function", _template_functions(), ids=lambda v: v if isinstance(v, str) else "")
def test_templates_fill_to_what_the_functions_return(name, function):
    template = getattr(paths, name)
    wildcards = [field for _, field, _, _ in string.Formatter().parse(template) if field]
    params = [p for p in inspect.signature(function).parameters.values() if p.default is inspect.Parameter.empty]
    assert wildcards == [p.name for p in params], f"{name} has wildcards {wildcards}"
    # run and system ids hold '/'-joined names; every other identifier is one path component
    values = {
        wildcard: f"v{index}~x" + ("/y" if wildcard in ("run", "system") else "")
        for index, wildcard in enumerate(wildcards)
    }
    assert template.format(**values) == function(**values)
    assert function(**values).startswith((paths.RESULTS + "/", "resources/"))


def test_a_run_folder_holds_adapter_log_and_checkpoints():
    run = "lang~all/reward~exec/seed~0"
    assert paths.grpo_adapter(run) == f"results/grpo/{run}/adapter"
    assert (
        Path(paths.grpo_train_log(run)).parent
        == Path(paths.grpo_checkpoints(run)).parent
        == Path(paths.grpo_run_dir(run))
    )


LITERAL_OUTPUT_PATH = re.compile(r"""(?<![\w`])f?["'](results|resources/models|resources/multispider)/""")


@pytest.mark.parametrize(
    "path",
    [
        "Snakefile",
        *sorted(str(p.relative_to(REPO)) for p in (REPO / "workflow" / "rules").glob("*.smk")),
        *sorted(str(p.relative_to(REPO)) for p in (REPO / "workflow" / "scripts").glob("*.py")),
        "src/polysql/workflow_config.py",
        "src/polysql/grpo/train.py",
        "src/polysql/grpo/run_config.py",
        "src/polysql/rewards/registry.py",
        "src/polysql/models/sources.py",
    ],
)
def test_rules_and_code_take_output_paths_from_polysql_paths(path):
    hits = [
        f"{path}:{number}: {line.strip()}"
        for number, line in enumerate((REPO / path).read_text().splitlines(), 1)
        if LITERAL_OUTPUT_PATH.search(line) and not line.lstrip().startswith("#")
    ]
    assert not hits, "write these paths through polysql.paths:\n" + "\n".join(hits)


@pytest.mark.parametrize(
    "function, args, kind",
    [
        (paths.split_file, ("dev", "../en"), "language"),
        (paths.eval_set, ("/etc",), "language"),
        (paths.grpo_sample, ("..",), "language"),
        (paths.predictions, ("../../x", "en"), "system"),
        (paths.examples, ("base", "a\\b"), "language"),
        (paths.grpo_run_dir, ("lang~all/../x",), "run name"),
        (paths.grpo_checkpoints, ("/abs/run",), "run name"),
        (paths.encoder_model, ("enc/..",), "encoder name"),
        (paths.prepared_model_dir, ("",), "model name"),
    ],
)
def test_an_identifier_that_leaves_its_root_is_refused(function, args, kind):
    with pytest.raises(paths.UnsafePathError, match=kind):
        function(*args)


def test_confined_path_follows_links(tmp_path):
    root = tmp_path / "database"
    (root / "inside").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (root / "away").symlink_to(tmp_path / "elsewhere")
    assert paths.confined_path(root, "inside", "inside.sqlite", kind="db_id") == root / "inside" / "inside.sqlite"
    with pytest.raises(paths.UnsafePathError, match=r"db_id 'away' \(in gold\.sql:3\): .* outside"):
        paths.confined_path(root, "away", "away.sqlite", kind="db_id", source="gold.sql:3")


def test_the_in_domain_twin_keeps_the_layout_under_its_own_root():
    assert paths.in_domain(paths.MAIN_TABLE) == "results/in_domain/tables/main.csv"
    assert paths.in_domain(paths.predictions("warm", "de")) == "results/in_domain/predictions/warm/de.jsonl"
    for not_a_results_path in ("logs/x.log", paths.in_domain(paths.MAIN_TABLE)):
        with pytest.raises(ValueError, match="not a results path"):
            paths.in_domain(not_a_results_path)
