"""GRPO rewards: pure functions ``f(prompts, completions, **columns) -> list[float | None]`` in one registry."""

from polysql.rewards.registry import REWARD_FACTORIES, RewardContext, build_reward_funcs

__all__ = ["REWARD_FACTORIES", "RewardContext", "build_reward_funcs"]
