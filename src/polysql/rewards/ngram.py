"""Non-learned string-overlap scores of generated SQL against the gold SQL: the controls of the semantic reward.

If a contrastively trained encoder only measured spelling, these would do as well. Three scores, all
Jaccard similarities ``|A & B| / |A | B|`` of sets, in [0, 1] (two empty sets: 0):

* ``token_jaccard``: sets of SQL tokens (:func:`sql_tokens`: lower-cased words, quoted literals kept
  whole, punctuation one token each);
* ``char_jaccard``: sets of character n-grams (n = 3) of the lower-cased, whitespace-collapsed text;
* ``ngram``: sets of token n-grams (n = 2), the n-gram similarity reward of Reasoning-SQL (Pourreza et
  al. 2025, partial rewards), written here from its description, not copied.

:func:`make_ngram_reward` turns ``ngram`` into a reward function of the registry (``rewards.ngram``,
used by the ``exec_ngram`` reward set): the SQL extracted from a completion is compared with the row's
``gold_sql``; an empty completion, or SQL that does not parse as one query (with ``require_parse``),
scores 0.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Mapping, Sequence

_TOKEN = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|`[^`]*`|\w+|[^\w\s]")


def sql_tokens(sql: str) -> list[str]:
    """The tokens of ``sql``, lower-cased (quoted strings and identifiers are one token each)."""
    return [token.lower() for token in _TOKEN.findall(sql or "")]


def jaccard(a: set, b: set) -> float:
    """``|a & b| / |a | b|``; 0.0 when both are empty."""
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def token_ngrams(sql: str, n: int) -> set[tuple[str, ...]]:
    """The set of token n-grams of ``sql`` (a query shorter than n: its whole token tuple)."""
    tokens = sql_tokens(sql)
    if len(tokens) < n:
        return {tuple(tokens)} if tokens else set()
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def token_jaccard(sql: str, gold: str) -> float:
    """Jaccard similarity of the token sets."""
    return jaccard(set(sql_tokens(sql)), set(sql_tokens(gold)))


def char_jaccard(sql: str, gold: str, n: int = 3) -> float:
    """Jaccard similarity of the character n-gram sets (lower-cased, whitespace collapsed)."""

    def grams(text: str) -> set[str]:
        text = " ".join((text or "").lower().split())
        return {text[i : i + n] for i in range(max(len(text) - n + 1, 0))} or ({text} if text else set())

    return jaccard(grams(sql), grams(gold))


def ngram_similarity(sql: str, gold: str, n: int = 2) -> float:
    """Reasoning-SQL-style n-gram similarity: Jaccard similarity of the token n-gram sets."""
    return jaccard(token_ngrams(sql, n), token_ngrams(gold, n))


CONTROLS: dict[str, Callable[[str, str], float]] = {
    "token_jaccard": token_jaccard,
    "char3_jaccard": char_jaccard,
    "ngram2": ngram_similarity,
}
"""The audit's non-learned controls: name -> ``score(sql, gold)``."""


class OverlapReward:
    """``reward(prompts, completions, gold_sql=[...], **columns)``: a string-overlap score per completion.

    Args:
        score: ``score(sql, gold) -> float`` (e.g. :func:`ngram_similarity`).
        require_parse: 0 for SQL that does not parse as exactly one query.
        extract_sql: Completion text -> SQL (default :func:`polysql.rewards.extract.extract_sql`).
    """

    def __init__(
        self,
        score: Callable[[str, str], float],
        *,
        require_parse: bool = True,
        extract_sql: Callable[[str], str] | None = None,
    ) -> None:
        if extract_sql is None:
            from polysql.rewards.extract import extract_sql as default_extract

            extract_sql = default_extract
        self.score = score
        self.require_parse = require_parse
        self._extract_sql = extract_sql

    def __call__(self, prompts: Sequence[Any] | None, completions: Sequence[Any], **columns: Any) -> list[float]:
        from polysql.rewards.completions import completion_text, parses_as_one_query

        if "gold_sql" not in columns:
            raise KeyError(f"an n-gram reward needs the dataset column 'gold_sql' (got columns: {sorted(columns)})")
        golds = list(columns["gold_sql"])
        if len(golds) != len(completions):
            raise ValueError(f"column 'gold_sql' has {len(golds)} values for {len(completions)} completions")
        out = []
        for completion, gold in zip(completions, golds):
            sql = self._extract_sql(completion_text(completion))
            if not sql or not sql.strip() or (self.require_parse and not parses_as_one_query(sql)):
                out.append(0.0)
            else:
                out.append(float(self.score(sql, gold)))
        return out


NGRAM_DEFAULTS = {"n": 2, "require_parse": True}
"""Keys of config ``rewards.ngram`` with their defaults."""


def make_ngram_reward(section: Mapping | None, *, context=None) -> OverlapReward:
    """The ``ngram`` factory of the reward registry: :func:`ngram_similarity` to the gold SQL.

    Args:
        section: Config ``rewards.ngram``: ``n`` (token n-gram length, default 2), ``require_parse``.
        context: Unused (the registry's signature).
    """
    section = {**NGRAM_DEFAULTS, **dict(section or {})}
    unknown = sorted(set(section) - set(NGRAM_DEFAULTS))
    if unknown:
        raise ValueError(f"rewards.ngram: unknown key(s) {unknown}; allowed keys: {sorted(NGRAM_DEFAULTS)}")
    n = section["n"]
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise ValueError(f"rewards.ngram.n must be a positive integer, got {n!r}")
    reward = OverlapReward(
        lambda sql, gold: ngram_similarity(sql, gold, n), require_parse=bool(section["require_parse"])
    )
    reward.__name__ = "ngram"  # type: ignore[attr-defined]  # TRL logs a reward by its __name__
    return reward
