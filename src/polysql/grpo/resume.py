"""A resumed GRPO run is the run it replaces: the same prompts, in the same order, at every step.

TRL's ``RepeatSampler`` draws each epoch's shuffle from one ``torch.Generator`` seeded once, so the
permutation of epoch *k* is the generator's *k*-th draw. A resumed trainer builds a fresh sampler:
transformers skips the batches already trained in the current epoch, but the fresh generator hands
out epoch 0's permutation for epoch *k*. A run killed at step 50 of a 16-prompt sample then trained
one prompt twice and skipped another.

:class:`EpochSeededRepeatSampler` adds ``set_epoch`` (transformers and accelerate call it before each
epoch's iterator, the resumed one included): it reseeds the generator with the run's seed and draws
the *k* earlier permutations again, so epoch *k* gets exactly the permutation an uninterrupted run
gets (TRL's own order, unchanged). The sampling RNG (python, numpy, torch) is restored by the trainer
from the checkpoint's ``rng_state.pth``. :func:`install_resumable_sampler` puts it in place of the
trainer's sampler (one call in :mod:`polysql.grpo.train`).

Limit: with ``num_iterations > 1`` (generations reused over several optimizer steps) a checkpoint can
fall inside a reused block, which TRL regenerates on resume; the prompt order still matches.
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)


def _sampler_class():
    import torch
    from trl.trainer.utils import RepeatSampler

    class EpochSeededRepeatSampler(RepeatSampler):
        """TRL's RepeatSampler whose epoch *k* permutation depends on (seed, k) only, never on history."""

        epoch = 0

        def set_epoch(self, epoch: int) -> None:
            """Position the shuffle at ``epoch``: reseed and redraw the permutations of the epochs before it."""
            self.epoch = int(epoch)
            if not self.shuffle:
                return
            self.generator.manual_seed(self.seed if self.seed is not None else 0)
            for _ in range(self.epoch):
                torch.randperm(self.num_samples, generator=self.generator)

    return RepeatSampler, EpochSeededRepeatSampler


def install_resumable_sampler(trainer) -> None:
    """Make ``trainer`` build an :class:`EpochSeededRepeatSampler` where TRL builds its RepeatSampler."""
    repeat_sampler, epoch_seeded = _sampler_class()
    original = trainer._get_train_sampler

    def _get_train_sampler(*args, **kwargs):
        sampler = original(*args, **kwargs)
        if type(sampler) is repeat_sampler:
            sampler.__class__ = epoch_seeded  # same state, plus set_epoch
        else:
            log.warning(
                "train sampler %s is not TRL's RepeatSampler: a resumed run may see another prompt order",
                type(sampler).__name__,
            )
        return sampler

    trainer._get_train_sampler = _get_train_sampler
