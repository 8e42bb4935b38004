"""TRL's GRPOTrainer with two small changes: phase timing and prompt tokenisation as in generation.

- Generation, reward scoring and the whole generate-and-score pass are timed into a
  :class:`~polysql.grpo.train_log.PhaseTimer` (read by the train-log callback and the benchmark).
- Batches in which every completion's advantage is zero (every group's rewards are equal) carry no
  policy-gradient signal; with ``skip_zero_advantage`` their forward/backward is skipped (the KL
  term of such a batch, which only pulls the adapter back to the reference, is skipped with it).
  Skipped batches are counted in the log as ``skipped_batches``.
- Rendered text prompts already carry their special tokens (chat template), so they are tokenised
  with ``add_special_tokens=False`` — exactly as :func:`polysql.models.generate.generate` does at
  evaluation time. TRL's default would add a second BOS for tokenizers that prepend one.

The overridden methods are private TRL 1.16 methods; TRL is pinned, and a test runs real steps.
"""

from __future__ import annotations

import torch
from trl import GRPOTrainer

from polysql.grpo.train_log import PhaseTimer


class TimedGRPOTrainer(GRPOTrainer):
    """GRPOTrainer that records where each step's time goes (see the module docstring)."""

    def __init__(self, *args, phase_timer: PhaseTimer | None = None, skip_zero_advantage: bool = False, **kwargs):
        self.phase_timer = phase_timer or PhaseTimer()
        self.skip_zero_advantage = skip_zero_advantage
        self.skipped_batches = 0
        self.last_batch_shape: tuple[int, int] | None = None  # (sequences, prompt + completion tokens)
        super().__init__(*args, **kwargs)

    def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
        self.last_batch_shape = (
            int(inputs["prompt_ids"].shape[0]),
            int(inputs["prompt_ids"].shape[1] + inputs["completion_ids"].shape[1]),
        )
        skip = self.skip_zero_advantage and not bool(torch.any(inputs["advantages"] != 0))
        self._metrics["train"]["skipped_batches"].append(float(skip))
        if skip:
            self.skipped_batches += 1
            # A zero loss still tied to the trainable weights: backward is free and the step stays a step.
            return sum(p.sum() for p in model.parameters() if p.requires_grad) * 0.0
        return super().compute_loss(model, inputs, return_outputs=return_outputs, num_items_in_batch=num_items_in_batch)

    def _generate_and_score_completions(self, inputs):
        with self.phase_timer.time("generate_and_score"):
            return super()._generate_and_score_completions(inputs)

    def _generate(self, prompts):
        with self.phase_timer.time("generation"):
            return super()._generate(prompts)

    def _calculate_rewards(self, inputs, prompts, completions, completion_ids_list):
        with self.phase_timer.time("rewards"):
            return super()._calculate_rewards(inputs, prompts, completions, completion_ids_list)

    def _tokenize_prompts(self, prompts: list):
        if prompts and isinstance(prompts[0], str):
            prompt_ids = self.processing_class(text=prompts, add_special_tokens=False)["input_ids"]
            return prompt_ids, None, {}
        return super()._tokenize_prompts(prompts)
