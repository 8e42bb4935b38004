"""Bootstrap statistics for the tables: confidence intervals and paired significance.

Scores are 0/1 per example. A system evaluated with several seeds is a matrix ``seeds x examples``;
its interval resamples both seeds and examples (a two-level bootstrap), so seed-to-seed variance
widens the interval as it should. Averages over languages resample *intents* (shared by the
parallel questions of all languages), keeping the dependence between languages.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Estimate:
    """A mean with a percentile-bootstrap confidence interval (all in the scores' unit)."""

    mean: float
    lo: float
    hi: float
    n: int


def _percentiles(samples: np.ndarray, confidence: float) -> tuple[float, float]:
    alpha = (1.0 - confidence) / 2.0
    lo, hi = np.quantile(samples, [alpha, 1.0 - alpha])
    return float(lo), float(hi)


def bootstrap_mean(scores: np.ndarray, *, n_boot: int = 1000, confidence: float = 0.95, seed: int = 0) -> Estimate:
    """Mean of ``scores`` (shape ``(examples,)`` or ``(seeds, examples)``) with a bootstrap CI.

    With several seeds each replicate draws seeds and examples with replacement (examples are
    paired across seeds: the same evaluation set). A single example or seed is never resampled
    into a fake interval: with one example the interval collapses to the mean.
    """
    matrix = np.atleast_2d(np.asarray(scores, dtype=float))
    n_seeds, n_examples = matrix.shape
    if n_examples == 0:
        raise ValueError("cannot estimate a mean from zero examples")
    mean = float(matrix.mean())
    rng = np.random.default_rng(seed)
    seed_idx = rng.integers(0, n_seeds, size=(n_boot, n_seeds))
    example_idx = rng.integers(0, n_examples, size=(n_boot, n_examples))
    # per-seed means on the resampled examples, then the mean over resampled seeds
    per_seed = matrix[:, example_idx].mean(axis=2)  # (seeds, n_boot)
    replicates = np.take_along_axis(per_seed.T, seed_idx, axis=1).mean(axis=1)
    lo, hi = _percentiles(replicates, confidence)
    return Estimate(mean=mean, lo=lo, hi=hi, n=n_examples)


def bootstrap_language_average(
    per_language: dict[str, np.ndarray], *, n_boot: int = 1000, confidence: float = 0.95, seed: int = 0
) -> Estimate:
    """Average over languages of per-language means, resampling shared intents (and seeds).

    ``per_language[lang]`` is a ``(seeds, intents)`` matrix whose columns are the same intents in
    the same order for every language (the evaluation sets are parallel).
    """
    matrices = [np.atleast_2d(np.asarray(m, dtype=float)) for m in per_language.values()]
    shapes = {m.shape for m in matrices}
    if len(shapes) != 1:
        raise ValueError(f"languages are not parallel: shapes {sorted(shapes)}")
    stack = np.stack(matrices)  # (langs, seeds, intents)
    _, n_seeds, n_intents = stack.shape
    mean = float(stack.mean(axis=(1, 2)).mean())
    rng = np.random.default_rng(seed)
    replicates = np.empty(n_boot)
    for b in range(n_boot):
        seeds = rng.integers(0, n_seeds, size=n_seeds)
        intents = rng.integers(0, n_intents, size=n_intents)
        replicates[b] = stack[:, seeds][:, :, intents].mean()
    lo, hi = _percentiles(replicates, confidence)
    return Estimate(mean=mean, lo=lo, hi=hi, n=n_intents * len(matrices))


def paired_bootstrap(
    system: np.ndarray, baseline: np.ndarray, *, n_boot: int = 1000, seed: int = 0
) -> tuple[float, float]:
    """Paired bootstrap test of ``system`` against ``baseline`` on the same examples.

    Both are per-example scores (already averaged over seeds). Returns ``(difference of means,
    two-sided p-value)``, the p-value being twice the share of replicates on the far side of zero
    (with the +1 correction, so it is never exactly 0).
    """
    a, b = np.asarray(system, dtype=float), np.asarray(baseline, dtype=float)
    if a.shape != b.shape:
        raise ValueError(f"paired scores differ in shape: {a.shape} vs {b.shape}")
    diff = a - b
    observed = float(diff.mean())
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(diff), size=(n_boot, len(diff)))
    replicates = diff[idx].mean(axis=1)
    below = (np.sum(replicates <= 0) + 1) / (n_boot + 1)
    above = (np.sum(replicates >= 0) + 1) / (n_boot + 1)
    return observed, float(min(1.0, 2 * min(below, above)))
