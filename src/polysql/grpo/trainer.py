"""TRL's GRPOTrainer with two small changes: phase timing and prompt tokenisation as in generation.

- Generation, reward scoring and the whole generate-and-score pass are timed into a
  :class:`~polysql.grpo.train_log.PhaseTimer` (read by the train-log callback and the benchmark).
- Rendered text prompts already carry their special tokens (chat template), so they are tokenised
  with ``add_special_tokens=False`` — exactly as :func:`polysql.models.generate.generate` does at
  evaluation time. TRL's default would add a second BOS for tokenizers that prepend one.

The overridden methods are private TRL 1.16 methods; TRL is pinned, and a test runs real steps.
"""

from __future__ import annotations

from trl import GRPOTrainer

from polysql.grpo.train_log import PhaseTimer


class TimedGRPOTrainer(GRPOTrainer):
    """GRPOTrainer that records where each step's time goes (see the module docstring)."""

    def __init__(self, *args, phase_timer: PhaseTimer | None = None, **kwargs):
        self.phase_timer = phase_timer or PhaseTimer()
        super().__init__(*args, **kwargs)

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
