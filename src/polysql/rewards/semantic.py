"""The contrastive semantic reward: how close the generated SQL is to its anchor in encoder space.

The encoder is the contrastively fine-tuned sentence encoder of :mod:`polysql.encoder.train`, which
places a question (in any of the seven languages), its English translation and its gold SQL close
together. The reward embeds the SQL extracted from a completion and an anchor (the question, or the
gold SQL) and scores their cosine similarity.

Scaling (``scale``):

* ``"clip"`` (default): ``max(0, cos)``. Sentence encoders rarely produce negative cosines for
  related-domain text, and a negative value carries no more meaning than "unrelated"; clipping keeps
  the informative range [0, 1] at full width, so a reward-set weight means what it says after
  GRPO's per-group normalisation, and an unparsable completion (0) is not far below a parsable but
  unrelated one.
* ``"affine"``: ``(cos + 1) / 2``, the whole cosine range mapped onto [0, 1]. Every parsable
  completion then scores about 0.5 or more, so the reward mostly separates "parses" from "does not".

Either way a completion whose extracted SQL is empty or does not parse (sqlglot, SQLite dialect) as
exactly one query (a SELECT, a set operation of SELECTs or a CTE) scores 0.0.

Embeddings of anchors and SQL are cached (LRU, keyed by text), so the repeated anchors of a GRPO
group (``num_generations`` completions share one prompt) and repeated completions are encoded once.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from typing import Any, Callable, Sequence

import numpy as np

from polysql.rewards.sql_rewards import completion_text, parses_as_one_query

ANCHORS = ("question", "gold_sql")
SCALES = ("clip", "affine")


class SemanticReward:
    """TRL reward function ``reward(prompts, completions, **columns) -> list[float]`` (see module doc).

    Build it with :func:`make_semantic_reward`. ``__name__`` is ``"semantic"`` (TRL logs
    ``rewards/semantic/mean``).

    Attributes:
        model: The loaded sentence-transformers encoder.
        anchor: The dataset column the SQL is compared with.
        encode_calls: How many times the encoder ran (one call per batch of uncached texts).
        encoded_texts: How many texts the encoder embedded in total.
    """

    def __init__(
        self,
        model,
        *,
        anchor: str = "question",
        batch_size: int = 64,
        cache_size: int = 20000,
        scale: str = "clip",
        extract_sql: Callable[[str], str] | None = None,
    ) -> None:
        if anchor not in ANCHORS:
            raise ValueError(f"rewards.semantic.anchor must be one of {list(ANCHORS)}, got {anchor!r}")
        if scale not in SCALES:
            raise ValueError(f"rewards.semantic.scale must be one of {list(SCALES)}, got {scale!r}")
        if int(batch_size) < 1 or int(cache_size) < 0:
            raise ValueError("rewards.semantic: batch_size must be >= 1 and cache_size >= 0")
        if extract_sql is None:
            from polysql.models.extract import extract_sql
        self.__name__ = "semantic"  # TRL names the reward by __name__
        self.model = model
        self.anchor = anchor
        self.batch_size = int(batch_size)
        self.cache_size = int(cache_size)
        self.scale = scale
        self._extract_sql = extract_sql
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self.encode_calls = 0
        self.encoded_texts = 0

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-normalised embeddings of ``texts`` (rows in order), from the cache where possible."""
        found: dict[str, np.ndarray] = {}
        missing = []
        for text in dict.fromkeys(texts):
            vector = self._cache.get(text)
            if vector is None:
                missing.append(text)
            else:
                self._cache.move_to_end(text)
                found[text] = vector
        if missing:
            vectors = self.model.encode(
                missing,
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
            self.encode_calls += 1
            self.encoded_texts += len(missing)
            for text, vector in zip(missing, np.asarray(vectors, dtype=np.float32)):
                found[text] = vector
                if self.cache_size:
                    self._cache[text] = vector
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([found[text] for text in texts])

    def cache_info(self) -> dict[str, int]:
        """Cache size and encoder usage counters."""
        return {
            "size": len(self._cache),
            "max_size": self.cache_size,
            "encode_calls": self.encode_calls,
            "encoded_texts": self.encoded_texts,
        }

    def _score(self, cosine: float) -> float:
        value = max(0.0, cosine) if self.scale == "clip" else (cosine + 1.0) / 2.0
        return float(min(1.0, max(0.0, value)))

    def __call__(self, prompts: Sequence[Any] | None, completions: Sequence[Any], **columns: Any) -> list[float]:
        """Score each completion against its row's anchor column (see the module doc)."""
        if self.anchor not in columns:
            raise KeyError(f"reward 'semantic' needs the dataset column {self.anchor!r} (got columns: {sorted(columns)})")
        anchors = list(columns[self.anchor])
        if len(anchors) != len(completions):
            raise ValueError(
                f"reward 'semantic': column {self.anchor!r} has {len(anchors)} values for {len(completions)} completions"
            )
        sqls = [self._extract_sql(completion_text(completion)) for completion in completions]
        valid = [i for i, sql in enumerate(sqls) if sql and parses_as_one_query(sql)]
        rewards = [0.0] * len(completions)
        if not valid:
            return rewards
        for i in valid:
            if not isinstance(anchors[i], str) or not anchors[i].strip():
                raise ValueError(f"reward 'semantic': row {i} has an empty {self.anchor!r}")
        # One encoder pass for everything uncached: anchors and SQL together.
        vectors = self.embed([anchors[i] for i in valid] + [sqls[i] for i in valid])
        anchor_vectors, sql_vectors = vectors[: len(valid)], vectors[len(valid):]
        cosines = np.sum(anchor_vectors * sql_vectors, axis=1)
        for i, cosine in zip(valid, cosines):
            rewards[i] = self._score(float(cosine))
        return rewards


def make_semantic_reward(
    encoder_path: str | os.PathLike,
    *,
    anchor: str = "question",
    batch_size: int = 64,
    cache_size: int = 20000,
    scale: str = "clip",
    max_seq_length: int | None = None,
    device: str | None = None,
    extract_sql: Callable[[str], str] | None = None,
) -> SemanticReward:
    """Load the encoder once and return the semantic reward function.

    Args:
        encoder_path: A sentence-transformers folder (e.g. ``results/encoder/<name>/model``).
        anchor: ``"question"`` (the row's question, any language) or ``"gold_sql"``.
        batch_size: Encoder batch size.
        cache_size: How many text embeddings the LRU cache keeps (0: no cache).
        scale: ``"clip"`` (``max(0, cos)``, default) or ``"affine"`` (``(cos + 1) / 2``).
        max_seq_length: Override the encoder's input length in tokens.
        device: Torch device (default: CUDA if available, else CPU).
        extract_sql: Completion text -> SQL (default :func:`polysql.models.extract.extract_sql`).

    Returns:
        A :class:`SemanticReward`: ``reward(prompts, completions, **columns) -> list[float]`` in [0, 1].
    """
    from polysql.encoder.model import load_encoder

    model = load_encoder(encoder_path, device=device, max_seq_length=max_seq_length)
    return SemanticReward(
        model,
        anchor=anchor,
        batch_size=batch_size,
        cache_size=cache_size,
        scale=scale,
        extract_sql=extract_sql,
    )
