"""The paper's plots (matplotlib, Agg): bars per language, ablation heatmap, training curves, encoder retrieval,
reward validity."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from polysql.report.tables import CORE_METRICS, metric_label, table_metrics  # noqa: E402


def _save(fig, path: str | Path) -> None:
    """Write ``fig`` to ``path`` and close it. The plot functions then return it, so callers (and
    tests) can read back what was drawn: closing only detaches it from pyplot."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(path, dpi=130)
    plt.close(fig)


METRIC_TITLES = {
    "EX": "Execution accuracy",
    "exact_match": "Exact-set match (the paper's Sem)",
    "Executable": "Executable rate (predictions that run without error)",
    "TS": "Test-suite execution accuracy (correct on the database and every variant)",
}


def main_bars(table: pd.DataFrame, languages: list[str], path: str | Path) -> plt.Figure:
    """Grouped bars of EX, exact match (Sem), the executable rate (and TS when the table has it) per language
    (and the average) for every main-table row, with 95% CIs; a TS cell that is not available has no bar."""
    scopes = list(languages) + ["avg"]
    metrics = table_metrics(table)
    fig, axes = plt.subplots(
        len(metrics),
        1,
        figsize=(max(8, 1.3 * len(scopes) * max(1, len(table)) / 2), 10 * len(metrics) / 3),
        sharex=True,
    )
    width = 0.8 / max(1, len(table))
    x = np.arange(len(scopes))
    for ax, metric in zip(axes, metrics):
        for i, (_, row) in enumerate(table.iterrows()):
            means = np.array([row[f"{s}_{metric}"] for s in scopes], dtype=float)
            lows = np.nan_to_num(means - np.array([row[f"{s}_{metric}_lo"] for s in scopes], dtype=float))
            highs = np.nan_to_num(np.array([row[f"{s}_{metric}_hi"] for s in scopes], dtype=float) - means)
            ax.bar(
                x + (i - (len(table) - 1) / 2) * width, means, width, yerr=[lows, highs], capsize=2, label=row["label"]
            )
        ax.set_ylabel(f"{metric_label(metric)} (%)")
        ax.set_ylim(0, 100)
        ax.grid(axis="y", alpha=0.3)
        ax.set_title(METRIC_TITLES[metric])
    axes[-1].set_xticks(x, scopes)
    axes[-1].set_xlabel("evaluation language")
    axes[0].legend(fontsize=8, loc="upper left", ncols=min(4, len(table)))
    _save(fig, path)
    return fig


def ablation_heatmap(long: pd.DataFrame, languages: list[str], path: str | Path) -> plt.Figure:
    """Delta (pp) of every non-reference reward set against the reference, per evaluation language.

    Rows are (train language, reward set) cells; one panel per metric.
    """
    scopes = list(languages) + ["avg"]
    deltas = long.dropna(subset=["delta_pp"]) if not long.empty else long
    fig, axes = plt.subplots(
        1,
        len(CORE_METRICS),
        figsize=(
            18,
            1.6
            + 0.45 * max(1, deltas[["train_lang", "reward_set"]].drop_duplicates().shape[0] if not deltas.empty else 1),
        ),
    )
    for ax, metric in zip(axes, CORE_METRICS):
        part = deltas[deltas["metric"] == metric] if not deltas.empty else deltas
        if part.empty:
            ax.text(0.5, 0.5, "no ablation runs besides the reference", ha="center", va="center")
            ax.set_axis_off()
            continue
        grid = part.pivot_table(index=["train_lang", "reward_set"], columns="eval_lang", values="delta_pp", sort=False)[
            scopes
        ]
        limit = max(1.0, float(np.nanmax(np.abs(grid.to_numpy()))))
        image = ax.imshow(grid.to_numpy(), cmap="RdBu", vmin=-limit, vmax=limit, aspect="auto")
        for (r, c), value in np.ndenumerate(grid.to_numpy()):
            ax.text(c, r, f"{value:+.1f}", ha="center", va="center", fontsize=7)
        ax.set_xticks(range(len(scopes)), scopes)
        ax.set_yticks(range(len(grid)), [f"{rs} (train {tl})" for tl, rs in grid.index])
        ax.set_xlabel("evaluation language")
        ax.set_title(f"{metric_label(metric)} delta vs reference reward set (pp)")
        fig.colorbar(image, ax=ax, shrink=0.8, label="pp")
    _save(fig, path)
    return fig


HELDOUT_CURVES = (("heldout/ex", "EX"), ("heldout/executable", "executable"), ("heldout/reward", "mean reward"))


def training_curves(logs: Mapping[str, list[dict[str, Any]]], path: str | Path) -> plt.Figure:
    """Per run: each reward component (mean) and the total training reward against the optimizer step
    and, beside it when the run logged held-out checks, greedy EX, executable rate and mean reward
    on the held-out dev sample."""
    runs = list(logs)
    heldout = any(key in r for run in runs for r in logs[run] for key, _ in HELDOUT_CURVES)
    cols = 2 if heldout else min(3, max(1, len(runs)))
    rows = len(runs) if heldout else int(np.ceil(max(1, len(runs)) / cols))
    fig, axes = plt.subplots(max(1, rows), cols, figsize=(5 * cols, 3.4 * max(1, rows)), squeeze=False)
    panels = list(axes.flat)
    train_axes = panels[0::2] if heldout else panels
    for index, run in enumerate(runs):
        if heldout:
            ax = panels[2 * index + 1]
            checks = [r for r in logs[run] if "heldout/ex" in r]
            for key, label in HELDOUT_CURVES:
                ax.plot([r["step"] for r in checks], [r.get(key) for r in checks], marker="o", label=label)
            n = checks[0].get("heldout/n") if checks else 0
            ax.set_title(f"{run}: held-out dev, greedy ({n} questions)", fontsize=9)
            ax.set_xlabel("optimizer step")
            ax.set_ylabel("rate / mean reward")
            ax.set_ylim(-0.02, 1.02)
            ax.grid(alpha=0.3)
            ax.legend(fontsize=7)
    for ax, run in zip(train_axes, runs):
        records = [r for r in logs[run] if "step" in r and "reward" in r]
        keys = sorted({k for r in records for k in r if k.startswith("rewards/") and k.endswith("/mean")})
        steps = [r["step"] for r in records]
        for key in keys + ["reward"]:
            values = [r.get(key) for r in records]
            if any(v is not None for v in values):
                label = "total (weighted)" if key == "reward" else key.split("/")[1]
                ax.plot(
                    steps,
                    [np.nan if v is None else v for v in values],
                    marker=".",
                    label=label,
                    linewidth=2 if key == "reward" else 1,
                )
        ax.set_title(f"{run}: training reward (sampled)", fontsize=9)
        ax.set_xlabel("optimizer step")
        ax.set_ylabel("mean reward")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=7)
    for ax in panels[(2 if heldout else 1) * len(runs) :]:
        ax.set_axis_off()
    if not runs:
        axes.flat[0].text(0.5, 0.5, "no GRPO runs in this configuration", ha="center", va="center")
    _save(fig, path)
    return fig


def encoder_retrieval(metrics: Mapping[str, Mapping[str, Any]], languages: list[str], path: str | Path) -> plt.Figure:
    """Retrieval accuracy@1 per language before and after contrastive fine-tuning, one panel per task and encoder."""
    names = list(metrics)
    tasks = [("sql_acc@1", "question -> gold SQL"), ("xling_acc@1", "question -> English question")]
    fig, axes = plt.subplots(max(1, len(names)), 2, figsize=(12, 3.4 * max(1, len(names))), squeeze=False)
    x = np.arange(len(languages))
    for row, name in enumerate(names):
        for col, (key, title) in enumerate(tasks):
            ax = axes[row, col]
            for offset, phase in ((-0.2, "before"), (0.2, "after")):
                values = [(metrics[name].get(phase, {}).get(lang) or {}).get(key) for lang in languages]
                ax.bar(x + offset, [np.nan if v is None else 100 * v for v in values], 0.4, label=phase)
            ax.set_xticks(x, languages)
            ax.set_ylim(0, 100)
            ax.set_ylabel("accuracy@1 (%)")
            ax.set_xlabel("question language")
            ax.set_title(f"{name}: {title}", fontsize=9)
            ax.grid(axis="y", alpha=0.3)
            ax.legend(fontsize=8)
    if not names:
        axes[0, 0].text(0.5, 0.5, "no encoders in this configuration", ha="center", va="center")
    _save(fig, path)
    return fig


def reward_validity(table: pd.DataFrame, path: str | Path) -> None:
    """AUC(equivalent vs wrong) and hack rate per language (rows) for each anchor (columns); one bar per
    guard, trained encoder filled, base encoder as a black tick, each non-learned control (rows whose
    encoder starts with ``control:``) as a dotted line over the AUC panels."""
    controls = table[table["encoder"].astype(str).str.startswith("control:")]
    table = table[~table["encoder"].astype(str).str.startswith("control:")]
    languages = list(dict.fromkeys(table["lang"]))
    anchors = list(dict.fromkeys(table["anchor"]))
    guards = list(dict.fromkeys(table["guard"]))
    fig, axes = plt.subplots(2, max(1, len(anchors)), figsize=(6.5 * max(1, len(anchors)), 7), squeeze=False)
    x = np.arange(len(languages))
    width = 0.8 / max(1, len(guards))
    for col, anchor in enumerate(anchors):
        for row, (metric, title) in enumerate((("auc", "AUC (equivalent vs wrong)"), ("hack_rate", "hack rate"))):
            ax = axes[row, col]
            for i, guard in enumerate(guards):
                offset = (i - (len(guards) - 1) / 2) * width
                for encoder, style in (("trained", {}), ("base", None)):
                    part = table[(table.anchor == anchor) & (table.guard == guard) & (table.encoder == encoder)]
                    values = [part.loc[part.lang == lang, metric].astype(float).mean() for lang in languages]
                    if style is None:
                        ax.scatter(
                            x + offset,
                            values,
                            marker="_",
                            color="black",
                            s=40,
                            zorder=3,
                            label="base encoder" if i == 0 else None,
                        )
                    else:
                        ax.bar(x + offset, values, width, label=guard)
            if metric == "hack_rate":
                ax.axhline(0.05, color="red", lw=0.8, ls="--")
            else:
                for j, (name, part) in enumerate(controls.groupby("encoder", sort=True)):
                    ax.axhline(
                        part["auc"].astype(float).mean(),
                        color=f"C{7 + j % 3}",
                        lw=1,
                        ls=":",
                        label=name.split(":", 1)[1] if col == 0 else None,
                    )
            ax.set_xticks(x, languages)
            ax.set_ylim(0, 1.05)
            ax.set_title(f"anchor = {anchor}: {title}", fontsize=9)
            ax.grid(axis="y", alpha=0.3)
    handles, labels = axes[0, 0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=len(labels), fontsize=8, frameon=False)
    fig.suptitle(
        "Semantic reward validity: bars = trained encoder, black ticks = base encoder; "
        "dashed line = 5% hack-rate target",
        fontsize=10,
    )
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    fig.tight_layout(rect=(0, 0.05, 1, 0.97))
    fig.savefig(path, dpi=120)
    plt.close(fig)
