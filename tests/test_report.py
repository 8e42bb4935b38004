"""Aggregation on hand-made metrics files: means, intervals, significance, table shape, plots."""

from __future__ import annotations

import copy
import json

import numpy as np
import pandas as pd
import pytest
import yaml
from matplotlib.container import BarContainer

from polysql.report import plots
from polysql.report.build import write_ablation_report, write_main_report, write_training_curves
from polysql.report.stats import bootstrap_language_average, bootstrap_mean, paired_bootstrap
from polysql.workflow_config import validate_config

LANGS = ["en", "de"]


def test_bootstrap_mean_matches_hand_computation():
    scores = np.array([100.0] * 30 + [0.0] * 70)
    estimate = bootstrap_mean(scores, n_boot=4000, seed=1)
    assert estimate.mean == pytest.approx(30.0)
    half_width = 1.96 * np.sqrt(30 * 70 / 100)  # normal approximation: 8.98 pp
    assert estimate.lo == pytest.approx(30 - half_width, abs=1.5)
    assert estimate.hi == pytest.approx(30 + half_width, abs=1.5)
    constant = bootstrap_mean(np.full(10, 100.0))
    assert (constant.mean, constant.lo, constant.hi) == (100.0, 100.0, 100.0)


def test_seed_variance_widens_the_interval():
    rng = np.random.default_rng(0)
    base = (rng.random(200) < 0.5).astype(float) * 100
    same = np.vstack([base, base, base])
    shifted = np.vstack([base, np.roll(base, 1) * 0, np.minimum(base + 100, 100)])  # seeds disagree wildly
    a, b = bootstrap_mean(same, seed=2), bootstrap_mean(shifted, seed=2)
    assert a.mean == pytest.approx(base.mean())
    assert b.mean == pytest.approx(shifted.mean())
    assert (b.hi - b.lo) > 2 * (a.hi - a.lo)


def test_language_average_and_paired_test():
    per_lang = {"en": np.array([[100, 100, 0, 0]]), "de": np.array([[100, 0, 0, 0]])}
    estimate = bootstrap_language_average(per_lang, n_boot=500)
    assert estimate.mean == pytest.approx(37.5)
    assert 0 <= estimate.lo <= 37.5 <= estimate.hi <= 100
    with pytest.raises(ValueError, match="not parallel"):
        bootstrap_language_average({"en": np.zeros((1, 3)), "de": np.zeros((1, 4))})
    same = np.array([1, 0, 1, 1, 0] * 20, dtype=float)
    assert paired_bootstrap(same, same) == (0.0, 1.0)
    better = np.ones(100)
    diff, p_value = paired_bootstrap(better, same, n_boot=999)
    assert diff == pytest.approx(0.4)
    assert p_value == pytest.approx(2 / 1000)


def _capture(monkeypatch, plot_name):
    """The figures the report functions draw with ``plots.<plot_name>`` (each saved, then returned)."""
    drawn = []
    draw = getattr(plots, plot_name)

    def recording(*args, **kwargs):
        drawn.append(draw(*args, **kwargs))
        return drawn[-1]

    monkeypatch.setattr(plots, plot_name, recording)
    return drawn


def _is_png(path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(8) == b"\x89PNG\r\n\x1a\n"


def _write_examples(root, system, lang, exec_scores, match_scores, hardness=None):
    path = root / system / f"{lang}.examples.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    hardness = hardness or ["easy", "medium", "hard", "extra"] * (len(exec_scores) // 4)
    with open(path, "w") as handle:
        for i, (e, m, h) in enumerate(zip(exec_scores, match_scores, hardness)):
            # Correct predictions execute; of the wrong ones, every other one runs (odd positions).
            handle.write(
                json.dumps(
                    {
                        "id": f"dev-{i:05d}-{lang}",
                        "intent": f"dev-{i:05d}",
                        "lang": lang,
                        "hardness": h,
                        "exec": e,
                        "exact_match": m,
                        "executable": int(bool(e) or i % 2),
                        "error": None,
                    }
                )
                + "\n"
            )


@pytest.fixture()
def tiny_config(repo_root):
    schema = yaml.safe_load((repo_root / "workflow/schemas/config.schema.yaml").read_text())
    config = yaml.safe_load((repo_root / "config/config.yaml").read_text())
    config["languages"] = LANGS
    config["grid"] = [{"train_langs": ["all"], "reward_sets": ["exec", "exec_semantic"], "seeds": [0, 1]}]
    config["report"]["bootstrap_samples"] = 200
    config["report"]["main_table"] = [
        {"label": "SmolLM2-135M 1-shot", "system": "base"},
        {
            "label": "GRPO (exec)",
            "run": {"train_lang": "all", "reward_set": "exec"},
            "compare_to": "SmolLM2-135M 1-shot",
        },
        {
            "label": "GRPO + contrastive",
            "run": {"train_lang": "all", "reward_set": "exec_semantic"},
            "compare_to": "GRPO (exec)",
        },
    ]
    return validate_config(config, schema)


def test_main_report_on_hand_made_metrics(tmp_path, tiny_config, monkeypatch):
    drawn = _capture(monkeypatch, "main_bars")
    metrics = tmp_path / "metrics"
    _write_examples(metrics, "base", "en", [1, 0, 0, 0, 1, 0, 0, 0], [0, 0, 0, 0, 1, 0, 0, 0])
    _write_examples(metrics, "base", "de", [0, 0, 0, 0, 1, 0, 0, 0], [0] * 8)
    for seed, extra in ((0, 1), (1, 0)):
        for rs in ("exec", "exec_semantic"):
            system = f"grpo/lang~all/reward~{rs}/seed~{seed}"
            _write_examples(metrics, system, "en", [1, 1, 1, 0, 1, 0, 0, extra], [1, 1, 0, 0, 1, 0, 0, 0])
            _write_examples(metrics, system, "de", [1, 1, 0, 0, 1, 0, 0, 0], [1, 0, 0, 0, 1, 0, 0, 0])
    out = {
        name: str(tmp_path / f"{name}.out") for name in ("main", "markdown", "significance", "hardness", "consistency")
    }
    out["bars"] = str(tmp_path / "bars.png")
    write_main_report(tiny_config, metrics, out)

    table = pd.read_csv(out["main"])
    assert list(table["label"]) == [row["label"] for row in tiny_config["report"]["main_table"]]
    scopes = LANGS + ["avg"]
    metric_names = ("EX", "exact_match", "Executable")
    expected_columns = ["label", "systems", "seeds"] + [
        f"{s}_{m}{suffix}" for m in metric_names for s in scopes for suffix in ("", "_lo", "_hi")
    ]
    assert sorted(table.columns) == sorted(expected_columns)
    base, grpo = table.iloc[0], table.iloc[1]
    assert base["en_EX"] == 25.0 and base["de_EX"] == 12.5 and base["avg_EX"] == 18.75
    assert base["en_exact_match"] == 12.5 and base["de_exact_match"] == 0.0
    assert base["en_Executable"] == 75.0 and base["de_Executable"] == 62.5  # 6 of 8 and 5 of 8 run
    assert grpo["seeds"] == 2
    assert grpo["en_EX"] == pytest.approx((5 + 4) / 16 * 100)  # two seeds pooled: 56.25
    assert grpo["en_EX_lo"] <= grpo["en_EX"] <= grpo["en_EX_hi"]
    markdown = open(out["markdown"]).read()
    assert "| SmolLM2-135M 1-shot | 25.0 [" in markdown
    assert "**Sem** (%" in markdown and "exact_match" not in markdown  # the paper's label for people

    significance = pd.read_csv(out["significance"])
    row = significance[
        (significance.label == "GRPO (exec)") & (significance.lang == "en") & (significance.metric == "EX")
    ]
    assert row["diff_pp"].item() == pytest.approx(56.25 - 25.0)
    same = significance[
        (significance.label == "GRPO + contrastive") & (significance.lang == "all") & (significance.metric == "EX")
    ]
    assert same["diff_pp"].item() == 0.0 and same["p_value"].item() == 1.0

    hardness = pd.read_csv(out["hardness"])
    easy = hardness[(hardness.label == "SmolLM2-135M 1-shot") & (hardness.hardness == "easy")]
    assert easy["n"].item() == 4 and easy["EX"].item() == 75.0  # intents 0 and 4: en 1, 1; de 0, 1

    consistency = pd.read_csv(out["consistency"])
    base_row = consistency[consistency.label == "SmolLM2-135M 1-shot"]
    assert base_row["EX_all_langs"].item() == 12.5  # only intent 4 is right in both languages
    assert base_row["EX_any_lang"].item() == 25.0

    # The bars: one panel per metric, one bar group per row (labelled by it), one bar per language
    # and the average, each as high as the table's value.
    assert _is_png(tmp_path / "bars.png")
    (figure,) = drawn
    assert [ax.get_title() for ax in figure.axes] == [plots.METRIC_TITLES[m] for m in metric_names]
    assert [t.get_text() for t in figure.axes[-1].get_xticklabels()] == scopes
    assert [ax.get_ylabel() for ax in figure.axes] == ["EX (%)", "Sem (%)", "Executable (%)"]
    for ax, metric in zip(figure.axes, metric_names):
        bars = [c for c in ax.containers if isinstance(c, BarContainer)]
        assert [c.get_label() for c in bars] == list(table["label"])
        for container, (_, row) in zip(bars, table.iterrows()):
            heights = [patch.get_height() for patch in container.patches]
            assert heights == pytest.approx([row[f"{s}_{metric}"] for s in scopes]), (metric, row["label"])
    base_ex = next(c for c in figure.axes[0].containers if isinstance(c, BarContainer))
    assert [patch.get_height() for patch in base_ex.patches] == [25.0, 12.5, 18.75]  # by hand, as above


def test_ablation_report_deltas(tmp_path, tiny_config, monkeypatch):
    drawn = _capture(monkeypatch, "ablation_heatmap")
    metrics = tmp_path / "metrics"
    for seed in (0, 1):
        _write_examples(metrics, f"grpo/lang~all/reward~exec/seed~{seed}", "en", [1, 0, 0, 0], [0, 0, 0, 0])
        _write_examples(metrics, f"grpo/lang~all/reward~exec/seed~{seed}", "de", [1, 0, 0, 0], [0, 0, 0, 0])
        _write_examples(metrics, f"grpo/lang~all/reward~exec_semantic/seed~{seed}", "en", [1, 1, 0, 0], [1, 0, 0, 0])
        _write_examples(metrics, f"grpo/lang~all/reward~exec_semantic/seed~{seed}", "de", [1, 0, 0, 0], [1, 1, 0, 0])
    out = {name: str(tmp_path / f"{name}.csv") for name in ("grid", "reward", "transfer")}
    out["heatmap"] = str(tmp_path / "heatmap.png")
    write_ablation_report(tiny_config, metrics, out)
    grid = pd.read_csv(out["grid"])
    assert len(grid) == 2 * 3 * 3  # reward sets x metrics (EX, exact_match, Executable) x (2 languages + avg)
    sem = grid[(grid.reward_set == "exec_semantic") & (grid.metric == "EX") & (grid.eval_lang == "en")]
    assert sem["mean"].item() == 50.0 and sem["delta_pp"].item() == 25.0
    avg = grid[(grid.reward_set == "exec_semantic") & (grid.metric == "exact_match") & (grid.eval_lang == "avg")]
    assert avg["delta_pp"].item() == 37.5
    assert grid[grid.reward_set == "exec"]["delta_pp"].isna().all()
    reward = pd.read_csv(out["reward"])
    assert set(reward["reward_set"]) == {"exec", "exec_semantic"}
    assert reward.set_index("reward_set").loc["exec_semantic", "delta_en_EX"] == 25.0

    # The heatmap: one panel per metric, one row per non-reference cell, the deltas as cells (en, de, avg).
    assert _is_png(tmp_path / "heatmap.png")
    (figure,) = drawn
    panels = {ax.get_title().split()[0]: ax for ax in figure.axes if ax.images}  # titled by the paper's labels
    expected = {"EX": [25.0, 0.0, 12.5], "Sem": [25.0, 50.0, 37.5], "Executable": [0.0, 0.0, 0.0]}
    assert set(panels) == set(expected)
    for metric, deltas in expected.items():
        ax = panels[metric]
        assert ax.images[0].get_array().tolist() == [deltas], metric
        assert [t.get_text() for t in ax.get_yticklabels()] == ["exec_semantic (train all)"]
        assert [t.get_text() for t in ax.get_xticklabels()] == LANGS + ["avg"]


def test_missing_metrics_file_is_named(tmp_path, tiny_config):
    out = {
        name: str(tmp_path / name) for name in ("main", "markdown", "significance", "hardness", "consistency", "bars")
    }
    with pytest.raises(Exception, match=r"metrics of system 'base' in 'en' not found"):
        write_main_report(tiny_config, tmp_path / "nothing", out)


def test_training_curves_plot(tmp_path, monkeypatch):
    drawn = _capture(monkeypatch, "training_curves")
    log = tmp_path / "train_log.jsonl"
    log.write_text(
        "\n".join(
            json.dumps({"step": s, "reward": 0.3 * s, "rewards/execution/mean": 0.1 * s, "rewards/semantic/mean": 0.5})
            for s in range(1, 6)
        )
        + "\n"
    )
    write_training_curves({"lang~all/reward~exec/seed~0": str(log)}, str(tmp_path / "curves.png"))
    assert _is_png(tmp_path / "curves.png")
    (figure,) = drawn
    (ax,) = [ax for ax in figure.axes if ax.lines]  # one run, no held-out checks: one panel
    assert ax.get_title() == "lang~all/reward~exec/seed~0: training reward (sampled)"
    curves = {line.get_label(): (list(line.get_xdata()), list(line.get_ydata())) for line in ax.lines}
    steps = [1, 2, 3, 4, 5]
    assert set(curves) == {"execution", "semantic", "total (weighted)"}
    assert curves["execution"] == (steps, pytest.approx([0.1 * s for s in steps]))
    assert curves["semantic"] == (steps, pytest.approx([0.5] * 5))
    assert curves["total (weighted)"] == (steps, pytest.approx([0.3 * s for s in steps]))


def test_published_figures_appear_in_main_md_as_reported_rows():
    import pandas as pd

    from polysql.report.tables import RowSpec, StatsConfig, main_table, to_markdown

    langs = ["en", "de"]
    frame = pd.DataFrame(
        [
            {
                "system": "s",
                "lang": lang,
                "intent": f"i{i}",
                "hardness": "easy",
                "exec": i % 2,
                "exact_match": 0,
                "executable": 1,
            }
            for lang in langs
            for i in range(4)
        ]
    )
    table = main_table(frame, [RowSpec("GRPO 3B", ("s",))], langs, StatsConfig(n_boot=50))
    reference = [{"label": "GRPO 3B", "EX": 87.4, "Sem": 52.29}, {"label": "Llama-3.1-8B zero-shot", "EX": 81.43}]
    markdown = to_markdown(table, langs, reference)
    ex_block, sem_block = markdown.split("**Sem**")[0], markdown.split("**Sem**")[1]
    assert "| GRPO 3B (reported) | — | — | 87.4 |" in ex_block
    assert "| Llama-3.1-8B zero-shot (reported) | — | — | 81.43 |" in ex_block
    assert "| GRPO 3B (reported) | — | — | 52.29 |" in sem_block and "8B zero-shot (reported)" not in sem_block
    assert "(reported)" not in to_markdown(table, langs)
    assert "reported" not in " ".join(table["label"])  # never in main.csv
