"""The reward registry: reward name -> factory, and the builder of a run's weighted reward set.

A factory is ``factory(config_section: dict, *, context) -> reward_fn``; it validates its config
section and loads anything heavy (an executor, an encoder) once. Config ``rewards.<name>`` holds
each reward's section and ``reward_sets.<set>`` maps reward names to weights. A weight may also be
a mapping ``{weight: w, <key>: <value>, ...}``: the other keys override ``rewards.<name>`` for that
set only (e.g. ``semantic: {weight: 0.5, anchor: question, require_valid: false}`` for an ablation).
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

from polysql import paths
from polysql.rewards.ngram import make_ngram_reward
from polysql.rewards.semantic import SECTION_DEFAULTS as SEMANTIC_KEYS  # numpy/sqlglot only, no encoder
from polysql.rewards.semantic import make_semantic_reward_from_config
from polysql.rewards.sql_rewards import make_execution_reward, make_format_reward, make_syntax_reward

RewardFactory = Callable[..., Callable[..., list]]


def make_guarded_semantic_reward(section: Mapping | None, *, context) -> Callable[..., list]:
    """The ``semantic`` factory: checks the section's keys, gives the database guards
    (``require_valid``, ``literal_penalty``) the run's shared executor, then loads the encoder."""
    section = dict(section or {})
    unknown = sorted(set(section) - {"encoder", *SEMANTIC_KEYS})
    if unknown:
        raise ValueError(f"rewards.semantic: unknown key(s) {unknown}; allowed keys: {['encoder', *SEMANTIC_KEYS]}")
    if section.get("require_valid") or section.get("literal_penalty"):
        section["executor"] = context.executor()
    return make_semantic_reward_from_config(section, context=context)


REWARD_FACTORIES: dict[str, RewardFactory] = {
    "execution": make_execution_reward,
    "syntax": make_syntax_reward,
    "format": make_format_reward,
    "semantic": make_guarded_semantic_reward,
    "ngram": make_ngram_reward,  # the non-learned control of the semantic reward (token n-gram Jaccard to the gold)
}
"""Every reward a reward set may name."""

SQL_EXECUTOR_KEYS = ("timeout_s", "max_rows", "max_result_bytes")


@dataclass
class RewardContext:
    """What reward factories may need from the run: SQL limits and where encoders live.

    Attributes:
        sql_config: Config ``sql`` (``timeout_s``, ``max_rows``, ``max_result_bytes``; other keys ignored).
        encoder_paths: Encoder name -> model folder, e.g. from the rule's ``encoders`` input.
        encoder_root: Fallback for names not in ``encoder_paths``: ``<encoder_root>/<name>/model``.
    """

    sql_config: Mapping[str, Any] = field(default_factory=dict)
    encoder_paths: Mapping[str, str | os.PathLike] = field(default_factory=dict)
    encoder_root: str | os.PathLike = paths.ENCODER_ROOT
    _executor: Any = field(default=None, init=False, repr=False)

    def executor(self):
        """The shared :class:`polysql.sql.executor.SafeExecutor`, built once from ``sql_config``."""
        if self._executor is None:
            from polysql.sql.executor import SafeExecutor

            kwargs = {key: self.sql_config[key] for key in SQL_EXECUTOR_KEYS if key in self.sql_config}
            self._executor = SafeExecutor(**kwargs)
        return self._executor

    def resolve_encoder(self, name: str) -> str:
        """The model folder of encoder ``name``; raises FileNotFoundError naming it if missing."""
        path = Path(self.encoder_paths.get(name) or paths.encoder_model(name, root=str(self.encoder_root)))
        if not path.is_dir():
            raise FileNotFoundError(
                f"encoder '{name}' not found at {path} (train it first: {paths.encoder_model(name)})"
            )
        return str(path)


def build_reward_funcs(
    reward_set: Mapping[str, float],
    rewards_config: Mapping[str, Mapping | None],
    *,
    context: RewardContext,
) -> tuple[list[Callable[..., list]], list[float]]:
    """Build the reward functions and weights of one reward set.

    Args:
        reward_set: Reward name -> weight, e.g. ``{"execution": 1.0, "semantic": 0.5}``, or name ->
            ``{"weight": w, **overrides}`` (overrides of that reward's config section for this set).
        rewards_config: Config ``rewards`` (name -> section); a missing section means defaults.
        context: Shared resources for the factories.

    Returns:
        ``(funcs, weights)`` in the reward set's order; each function's ``__name__`` is its reward name.

    Raises:
        ValueError: An unknown reward name, an empty set, or a non-numeric weight.
    """
    if not reward_set:
        raise ValueError("a reward set must name at least one reward")
    funcs, weights = [], []
    for name, weight in reward_set.items():
        if name not in REWARD_FACTORIES:
            raise ValueError(f"unknown reward '{name}'; known rewards: {sorted(REWARD_FACTORIES)}")
        section = dict(rewards_config.get(name) or {})
        weight, overrides = split_weight(name, weight)
        section.update(overrides)
        func = REWARD_FACTORIES[name](section, context=context)
        if getattr(func, "__name__", None) != name:  # TRL logs rewards/<__name__>/mean
            func = _named(func, name)
        funcs.append(func)
        weights.append(float(weight))
    return funcs, weights


def split_weight(name: str, entry: Any) -> tuple[float, dict]:
    """A reward set's entry -> ``(weight, overrides of rewards.<name>)``; a number has no overrides."""
    overrides: dict = {}
    if isinstance(entry, Mapping):
        overrides = dict(entry)
        if "weight" not in overrides:
            raise ValueError(f"reward '{name}': a mapping entry of a reward set needs a 'weight', got {entry!r}")
        entry = overrides.pop("weight")
    if not isinstance(entry, (int, float)) or isinstance(entry, bool):
        raise ValueError(f"reward '{name}': weight must be a number, got {entry!r}")
    return float(entry), overrides


def _named(func: Callable[..., list], name: str) -> Callable[..., list]:
    @functools.wraps(func)  # __wrapped__, __doc__; the name is the reward's, which TRL logs it by
    def wrapper(prompts, completions, **columns):
        return func(prompts, completions, **columns)

    wrapper.__name__ = wrapper.__qualname__ = name
    return wrapper
