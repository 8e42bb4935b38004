"""TRL's GRPOTrainer with small changes: phase timing, batch skipping, shared prompts, prompt tokenisation.

- Generation, reward scoring and the whole generate-and-score pass are timed into a
  :class:`~polysql.grpo.train_log.PhaseTimer` (read by the train-log callback and the benchmark).
- Batches in which every completion's advantage is zero (every group's rewards are equal) carry no
  policy-gradient signal; with ``skip_zero_advantage`` their forward/backward is skipped (the KL
  term of such a batch, which only pulls the adapter back to the reference, is skipped with it).
  Skipped batches are counted in the log as ``skipped_batches``.
- With ``shared_prefix``, each group's prompt runs through the model once, not once per completion:
  in sampling (one prefill per distinct prompt, its KV cache copied to the group's rows) and in the
  reference and training log-probabilities (one prompt forward per group, and the LM head only over
  completion positions). An exact rewrite (:mod:`polysql.grpo.shared_prefix`); it applies to text
  models sampled by ``generate`` (not vLLM, not multimodal; the log-probabilities not with gradient
  checkpointing) and falls back to TRL's code otherwise.
- Rendered text prompts already carry their special tokens (chat template), so they are tokenised
  with ``add_special_tokens=False`` — exactly as :func:`polysql.models.generate.generate` does at
  evaluation time. TRL's default would add a second BOS for tokenizers that prepend one.

The overridden methods are private TRL 1.16 methods; TRL is pinned, and a test runs real steps.
"""

from __future__ import annotations

import torch
from trl import GRPOTrainer

from polysql.grpo.shared_prefix import completion_logps, sample_shared_prefix
from polysql.grpo.train_log import PhaseTimer
from polysql.models.parts import supports_shared_prefix


class TimedGRPOTrainer(GRPOTrainer):
    """GRPOTrainer that records where each step's time goes (see the module docstring)."""

    def __init__(
        self,
        *args,
        phase_timer: PhaseTimer | None = None,
        skip_zero_advantage: bool = False,
        shared_prefix: bool = False,
        **kwargs,
    ):
        self.phase_timer = phase_timer or PhaseTimer()
        self.skip_zero_advantage = skip_zero_advantage
        self.skipped_batches = 0
        self.last_batch_shape: tuple[int, int] | None = None  # (sequences, prompt + completion tokens)
        super().__init__(*args, **kwargs)
        self.shared_prefix = shared_prefix and supports_shared_prefix(self.accelerator.unwrap_model(self.model))
        # Checkpointed layers drop the KV cache the shared prompt forward hands to the completions.
        self.shared_prefix_logps = self.shared_prefix and not self.args.gradient_checkpointing

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

    def _get_per_token_logps_and_entropies(
        self,
        model,
        input_ids,
        attention_mask,
        logits_to_keep,
        batch_size=None,
        compute_entropy=False,
        compute_aux_loss=False,
        **multimodal,
    ):
        if not self.shared_prefix_logps or compute_aux_loss or any(v is not None for v in multimodal.values()):
            return super()._get_per_token_logps_and_entropies(
                model,
                input_ids,
                attention_mask,
                logits_to_keep,
                batch_size=batch_size,
                compute_entropy=compute_entropy,
                compute_aux_loss=compute_aux_loss,
                **multimodal,
            )
        batch_size = batch_size or input_ids.size(0)
        logps, entropies = [], []
        for start in range(0, input_ids.size(0), batch_size):
            chunk_logps, chunk_entropies = completion_logps(
                self.accelerator.unwrap_model(model),
                input_ids[start : start + batch_size],
                attention_mask[start : start + batch_size],
                logits_to_keep,
                temperature=self.temperature,
                compute_entropy=compute_entropy,
                autocast=self.accelerator.autocast(),
            )
            logps.append(chunk_logps)
            entropies.append(chunk_entropies)
        return torch.cat(logps), torch.cat(entropies) if compute_entropy else None, None

    def _generate_single_turn(self, prompt_ids, images, multimodal_fields, num_generations, has_tool_images=False):
        if (
            self.shared_prefix
            and not self.use_vllm
            and not self.use_transformers_continuous_batching
            and not multimodal_fields
            and not has_tool_images
            and (images is None or not any(images))
        ):
            return self._sample_shared_prefix(prompt_ids)
        return super()._generate_single_turn(prompt_ids, images, multimodal_fields, num_generations, has_tool_images)

    def _sample_shared_prefix(self, prompt_ids):
        """TRL's plain ``generate`` path (same sampling settings, same EOS handling), one prefill per prompt."""
        from trl.models import unwrap_model_for_generation

        with unwrap_model_for_generation(
            self.model_wrapped,
            self.accelerator,
            generation_kwargs=self.generation_kwargs,
            gradient_checkpointing_kwargs=self.args.gradient_checkpointing_kwargs,
        ) as model:
            completion_ids = sample_shared_prefix(
                model,
                prompt_ids,
                pad_token_id=self._tokenizer.pad_token_id,
                generation_config=self.generation_config,
                prefill_autocast=self.accelerator.autocast(),
            )
        # Everything after the first EOS is dropped, as TRL does.
        is_eos = torch.isin(completion_ids, torch.tensor(self.eos_token_ids, device=completion_ids.device))
        ends = torch.where(is_eos.any(dim=1), is_eos.int().argmax(dim=1), completion_ids.size(1))
        return [row[: int(end) + 1].tolist() for row, end in zip(completion_ids.cpu(), ends.cpu())], None

    def _calculate_rewards(self, inputs, prompts, completions, completion_ids_list):
        with self.phase_timer.time("rewards"):
            return super()._calculate_rewards(inputs, prompts, completions, completion_ids_list)

    def _tokenize_prompts(self, prompts: list):
        if prompts and isinstance(prompts[0], str):
            # A tokenizer here (TRL types processing_class as any processor).
            prompt_ids = self.processing_class(text=prompts, add_special_tokens=False)["input_ids"]  # type: ignore
            return prompt_ids, None, {}
        return super()._tokenize_prompts(prompts)
