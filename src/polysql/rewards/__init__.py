"""GRPO rewards: pure functions ``f(prompts, completions, **columns) -> list[float | None]``.

The registry (:mod:`polysql.rewards.registry`) maps reward names to factories and builds a run's weighted set;
:mod:`polysql.rewards.extract` reads the SQL out of a completion (also used by generation, which is why this
package imports nothing on its own).
"""
