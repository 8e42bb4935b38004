"""GRPO training (TRL GRPOTrainer + PEFT LoRA) with weighted rewards, resumable from checkpoints.

Entry point: :func:`polysql.grpo.train.train_grpo` (imported lazily; torch/TRL load on first use).
"""

__all__ = ["train_grpo"]


def __getattr__(name):
    if name == "train_grpo":
        from polysql.grpo.train import train_grpo

        return train_grpo
    raise AttributeError(name)
