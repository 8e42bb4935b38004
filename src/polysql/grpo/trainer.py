"""TRL's GRPOTrainer with small changes: phase timing, batch skipping, merged sampling, prompt tokenisation.

- Generation, reward scoring and the whole generate-and-score pass are timed into a
  :class:`~polysql.grpo.train_log.PhaseTimer` (read by the train-log callback and the benchmark).
- Batches in which every completion's advantage is zero (every group's rewards are equal) carry no
  policy-gradient signal; with ``skip_zero_advantage`` their forward/backward is skipped (the KL
  term of such a batch, which only pulls the adapter back to the reference, is skipped with it).
  Skipped batches are counted in the log as ``skipped_batches``.
- With ``merged_sampling``, completions are sampled from a merged copy of the policy (the LoRA
  deltas folded into the base weights, in the trainer's mixed-precision dtype), refreshed whenever
  the optimizer has stepped. Sampling through an unmerged PEFT model in float32 is what made CPU
  steps slow: every decoded token pays for the extra LoRA matmuls and the fp32 GEMMs. The copy
  samples from the same policy up to the rounding of its dtype (TRL's loss recomputes the
  log-probabilities on the training model, so the update itself is unchanged); off by default and
  in the paper config, where vLLM or a GPU makes sampling cheap.
- Rendered text prompts already carry their special tokens (chat template), so they are tokenised
  with ``add_special_tokens=False`` — exactly as :func:`polysql.models.generate.generate` does at
  evaluation time. TRL's default would add a second BOS for tokenizers that prepend one.

The overridden methods are private TRL 1.16 methods; TRL is pinned, and a test runs real steps.
"""

from __future__ import annotations

import copy

import torch
from trl import GRPOTrainer

from polysql.grpo.train_log import PhaseTimer


class TimedGRPOTrainer(GRPOTrainer):
    """GRPOTrainer that records where each step's time goes (see the module docstring)."""

    def __init__(self, *args, phase_timer: PhaseTimer | None = None, skip_zero_advantage: bool = False,
                 merged_sampling: bool = False, **kwargs):
        self.phase_timer = phase_timer or PhaseTimer()
        self.skip_zero_advantage = skip_zero_advantage
        self.merged_sampling = merged_sampling
        self._sampling_model: torch.nn.Module | None = None
        self._sampling_model_step: int | None = None
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

    def _generate_single_turn(self, *args, **kwargs):
        if not self.merged_sampling or self.use_vllm:
            return super()._generate_single_turn(*args, **kwargs)
        # TRL generates with whatever model_wrapped is; point it at the merged copy for this call only.
        training_model = self.model_wrapped
        self.model_wrapped = self.sampling_model()
        try:
            return super()._generate_single_turn(*args, **kwargs)
        finally:
            self.model_wrapped = training_model

    def sampling_model(self) -> torch.nn.Module:
        """The merged copy of the current policy used for sampling; rebuilt after each optimizer step."""
        step = self.state.global_step
        if self._sampling_model is None or self._sampling_model_step != step:
            self._sampling_model = None  # free the old copy before building the new one
            self._sampling_model = merged_copy(self.accelerator.unwrap_model(self.model), self.sampling_dtype())
            self._sampling_model_step = step
        return self._sampling_model

    def sampling_dtype(self) -> torch.dtype | None:
        """bf16/fp16 when the trainer trains in that mixed precision, else the policy's own dtype."""
        if self.args.bf16:
            return torch.bfloat16
        if self.args.fp16:
            return torch.float16
        return None

    def _calculate_rewards(self, inputs, prompts, completions, completion_ids_list):
        with self.phase_timer.time("rewards"):
            return super()._calculate_rewards(inputs, prompts, completions, completion_ids_list)

    def _tokenize_prompts(self, prompts: list):
        if prompts and isinstance(prompts[0], str):
            prompt_ids = self.processing_class(text=prompts, add_special_tokens=False)["input_ids"]
            return prompt_ids, None, {}
        return super()._tokenize_prompts(prompts)


def merged_copy(policy: torch.nn.Module, dtype: torch.dtype | None = None) -> torch.nn.Module:
    """A frozen, eval-mode copy of ``policy`` with any PEFT adapter merged into its weights.

    The policy itself is not touched (its adapter keeps training). ``dtype`` casts the copy.
    """
    merged = copy.deepcopy(policy)
    if hasattr(merged, "merge_and_unload"):
        merged = merged.merge_and_unload()
    if dtype is not None:
        merged = merged.to(dtype)
    merged.requires_grad_(False)
    return merged.eval()  # eval: no dropout, and gradient checkpointing (training only) stays idle
