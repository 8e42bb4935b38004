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

Guards (config ``rewards.semantic``; measured by the reward-validity audit, :mod:`polysql.rewards.audit`).
A question-anchored cosine is gameable: ``SELECT '<the question>'`` is closer to the question than
its gold SQL for every evaluation question of the mini benchmark, in every language (the audit's
``results/tables/reward_validity.csv``). The guards close that door:

* ``anchor: gold_sql``: compare with the gold SQL instead of the question (the gold itself scores 1.0,
  so no completion can beat it).
* ``mask_literals``: encode the SQL structure only: string literals become ``'value'``, numbers
  (outside LIMIT) ``0`` and column aliases ``alias`` (on both sides when the anchor is SQL).
* ``require_valid``: 0 unless the SQL executes on the row's database (``db_path``), reads one of its
  tables and selects at least one of its columns (or ``*``), not only constants.
* ``literal_penalty``: multiply the reward by ``1 - literal_penalty`` when the SQL holds a string
  literal that is not a value of the database (case-insensitive; LIKE patterns match as patterns;
  dates and numbers written as strings are exempt).
"""

from __future__ import annotations

import os
import re
from collections import OrderedDict
from typing import Any, Callable, Mapping, Sequence

import numpy as np
import sqlglot
from sqlglot import expressions as exp
from sqlglot.errors import SqlglotError

from polysql.rewards.completions import completion_text, parses_as_one_query
from polysql.sql.text import map_spans

ANCHORS = ("question", "gold_sql")
SCALES = ("clip", "affine")
GUARD_KEYS = ("mask_literals", "require_valid", "literal_penalty")
"""The guard options of the semantic reward (see the module doc)."""
SECTION_DEFAULTS = {
    "anchor": "question",
    "batch_size": 64,
    "cache_size": 20000,
    "scale": "clip",
    "max_seq_length": None,
    "mask_literals": False,
    "require_valid": False,
    "literal_penalty": 0.0,
}
"""Keys of config ``rewards.semantic`` (besides ``encoder``) with the Python API's defaults (unguarded);
the workflow's defaults come from the config schema (``anchor: gold_sql``, ``literal_penalty: 1.0``)."""

# A string literal that is a date, time or number written as text: exempt from the literal penalty.
_DATE_OR_NUMBER = re.compile(r"\A[\d\s.:/+-]*\d[\d\s.:/+-]*\Z")


def _parse(sql: str):
    try:
        statements = [s for s in sqlglot.parse(sql, read="sqlite") if s is not None]
    except (SqlglotError, ValueError, RecursionError):
        return None
    return statements[0] if len(statements) == 1 else None


def _mask_strings(sql: str) -> str:
    """Every '...' string of ``sql`` as 'value' (the fallback for SQL that does not parse)."""
    return map_spans(sql, literal=lambda text: "'value'" if text.startswith("'") else text)


def mask_literals(sql: str) -> str:
    """The structure of ``sql``: string literals -> ``'value'``, numbers outside LIMIT/OFFSET -> ``0``,
    column aliases -> ``alias``. Unparsable SQL has only its quoted strings masked."""
    tree = _parse(sql)
    if tree is None:
        return _mask_strings(sql)

    def mask(node):
        if isinstance(node, exp.Literal):
            if node.is_string:
                return exp.Literal.string("value")
            if not isinstance(node.parent, (exp.Limit, exp.Offset)):
                return exp.Literal.number(0)
        if isinstance(node, exp.Alias):
            node.set("alias", exp.to_identifier("alias"))
        return node

    try:
        return tree.transform(mask, copy=True).sql(dialect="sqlite")
    except (SqlglotError, ValueError, RecursionError):
        return _mask_strings(sql)


def string_literals(sql: str) -> list[tuple[str, bool]]:
    """Every string literal of ``sql`` as ``(text, is_like_pattern)``; ``[]`` when it does not parse."""
    tree = _parse(sql)
    if tree is None:
        return []
    found = []
    for node in tree.find_all(exp.Literal):
        if node.is_string:
            parent = node.parent
            is_pattern = isinstance(parent, (exp.Like, exp.ILike)) and parent.expression is node
            found.append((node.this, is_pattern))
    return found


def reads_schema(sql: str, tables: Mapping[str, Sequence[str]]) -> bool:
    """True if ``sql`` reads a table of ``tables`` (lowercased name -> columns) and its outermost
    SELECT list uses at least one column or ``*`` (not only constants)."""
    tree = _parse(sql)
    if tree is None:
        return False
    names = {table.name.lower() for table in tree.find_all(exp.Table)}
    if not names & set(tables):
        return False
    select = tree if isinstance(tree, exp.Select) else tree.find(exp.Select)
    if select is None:
        return False
    return any(item.find(exp.Column, exp.Star) is not None or isinstance(item, exp.Star) for item in select.expressions)


class DatabaseFacts:
    """What the guards ask of a database, cached: its tables and whether a string is one of its values.

    Lookups run as read-only queries through the shared :class:`~polysql.sql.executor.SafeExecutor`
    (the gold deadline and row caps apply); a lookup that fails counts the literal as unknown.
    """

    def __init__(self, executor) -> None:
        self.executor = executor
        self._tables: dict[str, dict[str, list[str]]] = {}
        self._known: OrderedDict[tuple[str, str, bool], bool] = OrderedDict()
        self._valid: OrderedDict[tuple, bool] = OrderedDict()

    def tables(self, db_path: str) -> dict[str, list[str]]:
        """Lowercased table name -> lowercased column names ({} when the database cannot be read)."""
        if db_path not in self._tables:
            from polysql.sql.schema import Schema

            try:
                self._tables[db_path] = dict(Schema.from_sqlite(db_path).tables)
            except Exception:  # noqa: BLE001 - an unreadable database has no tables
                self._tables[db_path] = {}
        return self._tables[db_path]

    def is_valid(self, db_path: str, sql: str) -> bool:
        """True if ``sql`` executes on ``db_path`` and reads its schema (see :func:`reads_schema`)."""
        key = (db_path, sql)
        if key not in self._valid:
            ok = reads_schema(sql, self.tables(db_path))
            if ok:
                ok = self.executor.execute(db_path, sql, max_rows=1, truncate=True).ok
            self._remember(self._valid, key, ok)
        return self._valid[key]

    def is_known_literal(self, db_path: str, text: str, is_pattern: bool) -> bool:
        """True if ``text`` is a value of some column of ``db_path`` (a LIKE pattern: matches one)."""
        stripped = text.strip()
        if not stripped or _DATE_OR_NUMBER.match(stripped) or (is_pattern and not stripped.strip("%_")):
            return True
        key = (db_path, stripped, is_pattern)
        if key not in self._known:
            literal = "'" + stripped.replace("'", "''") + "'"
            probes = []
            for table, columns in self.tables(db_path).items():
                quoted = '"' + table.replace('"', '""') + '"'
                tests = [
                    (f'"{c}" LIKE {literal}' if is_pattern else f'"{c}" = {literal} COLLATE NOCASE')
                    for c in (col.replace('"', '""') for col in columns)
                ]
                if tests:
                    probes.append(f"EXISTS (SELECT 1 FROM {quoted} WHERE {' OR '.join(tests)})")
            known = False
            if probes:
                # a trusted lookup (quoted names, escaped literal): the gold deadline, so a big table is no "unknown"
                result = self.executor.execute(
                    db_path,
                    "SELECT " + " OR ".join(probes),
                    max_rows=1,
                    timeout_s=getattr(self.executor, "gold_timeout_s", None),
                )
                known = bool(result.ok and result.rows and result.rows[0][0])
            self._remember(self._known, key, known)
        return self._known[key]

    def has_unknown_literal(self, db_path: str, sql: str) -> bool:
        """True if some string literal of ``sql`` is not a value of the database."""
        key = ("literals", db_path, sql)
        if key not in self._valid:
            unknown = any(not self.is_known_literal(db_path, text, pattern) for text, pattern in string_literals(sql))
            self._remember(self._valid, key, unknown)
        return self._valid[key]

    @staticmethod
    def _remember(cache: OrderedDict, key, value, limit: int = 200_000) -> None:
        cache[key] = value
        while len(cache) > limit:
            cache.popitem(last=False)


class SemanticReward:
    """TRL reward function ``reward(prompts, completions, **columns) -> list[float]`` (see module doc).

    Build it with :func:`make_semantic_reward`. ``__name__`` is ``"semantic"`` (TRL logs
    ``rewards/semantic/mean``).

    Attributes:
        model: The loaded sentence-transformers encoder.
        anchor: The dataset column the SQL is compared with.
        mask_literals, require_valid, literal_penalty: The guards (see the module doc).
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
        mask_literals: bool = False,
        require_valid: bool = False,
        literal_penalty: float = 0.0,
        executor=None,
        extract_sql: Callable[[str], str] | None = None,
    ) -> None:
        if anchor not in ANCHORS:
            raise ValueError(f"rewards.semantic.anchor must be one of {list(ANCHORS)}, got {anchor!r}")
        if scale not in SCALES:
            raise ValueError(f"rewards.semantic.scale must be one of {list(SCALES)}, got {scale!r}")
        if int(batch_size) < 1 or int(cache_size) < 0:
            raise ValueError("rewards.semantic: batch_size must be >= 1 and cache_size >= 0")
        for key, value in (("mask_literals", mask_literals), ("require_valid", require_valid)):
            if not isinstance(value, bool):
                raise ValueError(f"rewards.semantic.{key} must be true or false, got {value!r}")
        if (
            isinstance(literal_penalty, bool)
            or not isinstance(literal_penalty, (int, float))
            or not 0.0 <= float(literal_penalty) <= 1.0
        ):
            raise ValueError(f"rewards.semantic.literal_penalty must be a number in [0, 1], got {literal_penalty!r}")
        if extract_sql is None:
            from polysql.rewards.extract import extract_sql as default_extract

            extract_sql = default_extract
        self.__name__ = "semantic"  # TRL names the reward by __name__
        self.model = model
        self.anchor = anchor
        self.batch_size = int(batch_size)
        self.cache_size = int(cache_size)
        self.scale = scale
        self.mask_literals = mask_literals
        self.require_valid = require_valid
        self.literal_penalty = float(literal_penalty)
        self._extract_sql: Callable[[str], str] = extract_sql
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        # completion text -> (extracted SQL, parses as one query, masked SQL or None): sqlglot once per text
        self._parsed: OrderedDict[str, list] = OrderedDict()
        self._facts: DatabaseFacts | None = None
        if require_valid or self.literal_penalty > 0:
            if executor is None:
                from polysql.sql.executor import SafeExecutor

                executor = SafeExecutor()
            self._facts = DatabaseFacts(executor)
        self._executor = executor
        self.encode_calls = 0
        self.encoded_texts = 0

    @property
    def guards(self) -> dict[str, Any]:
        """The anchor and guard settings, e.g. for a log line."""
        return {
            "anchor": self.anchor,
            "mask_literals": self.mask_literals,
            "require_valid": self.require_valid,
            "literal_penalty": self.literal_penalty,
        }

    def variant(self, **options: Any) -> "SemanticReward":
        """The same encoder with other settings (anchor, scale, guards), sharing the embedding cache
        and the database lookups, so an audit of many settings encodes every text once."""
        settings = {
            "anchor": self.anchor,
            "batch_size": self.batch_size,
            "cache_size": self.cache_size,
            "scale": self.scale,
            "mask_literals": self.mask_literals,
            "require_valid": self.require_valid,
            "literal_penalty": self.literal_penalty,
        }
        unknown = sorted(set(options) - set(settings))
        if unknown:
            raise ValueError(f"rewards.semantic: unknown option(s) {unknown}; allowed: {sorted(settings)}")
        settings.update(options)
        other = SemanticReward(self.model, executor=self._executor, extract_sql=self._extract_sql, **settings)  # type: ignore[arg-type]
        other._cache = self._cache
        other._parsed = self._parsed
        if other._facts is not None:
            if self._facts is None:
                self._facts = other._facts
            other._facts = self._facts
        return other

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

    def _prepare(self, text: str, *, extract: bool = True) -> list:
        """``[sql, parses, masked]`` of a completion text (or of SQL itself), cached."""
        key = ("sql:" if extract else "raw:") + text
        entry = self._parsed.get(key)
        if entry is None:
            sql = self._extract_sql(text) if extract else text
            entry = [sql, bool(sql) and parses_as_one_query(sql), None]
            self._parsed[key] = entry
            while len(self._parsed) > max(self.cache_size, 1):
                self._parsed.popitem(last=False)
        return entry

    @staticmethod
    def _masked(entry: list) -> str:
        if entry[2] is None:
            entry[2] = mask_literals(entry[0])
        return entry[2]

    def _score(self, cosine: float) -> float:
        value = max(0.0, cosine) if self.scale == "clip" else (cosine + 1.0) / 2.0
        return float(min(1.0, max(0.0, value)))

    def __call__(self, prompts: Sequence[Any] | None, completions: Sequence[Any], **columns: Any) -> list[float]:
        """Score each completion against its row's anchor column (see the module doc)."""
        if self.anchor not in columns:
            raise KeyError(
                f"reward 'semantic' needs the dataset column {self.anchor!r} (got columns: {sorted(columns)})"
            )
        anchors = list(columns[self.anchor])
        if len(anchors) != len(completions):
            raise ValueError(
                f"reward 'semantic': column {self.anchor!r} has {len(anchors)} values "
                f"for {len(completions)} completions"
            )
        db_paths: list[str] = []
        facts = self._facts  # set exactly when a guard needs the database (require_valid, literal_penalty)
        if facts is not None:
            if "db_path" not in columns:
                raise KeyError(
                    f"reward 'semantic' with require_valid/literal_penalty needs the dataset column "
                    f"'db_path' (got columns: {sorted(columns)})"
                )
            db_paths = [os.fspath(path) for path in columns["db_path"]]
        prepared = [self._prepare(completion_text(completion)) for completion in completions]
        sqls = [entry[0] for entry in prepared]
        valid = [i for i, entry in enumerate(prepared) if entry[1]]
        if self.require_valid:
            assert facts is not None
            valid = [i for i in valid if facts.is_valid(db_paths[i], sqls[i])]
        rewards = [0.0] * len(completions)
        if not valid:
            return rewards
        for i in valid:
            if not isinstance(anchors[i], str) or not anchors[i].strip():
                raise ValueError(f"reward 'semantic': row {i} has an empty {self.anchor!r}")
        anchor_texts = [anchors[i] for i in valid]
        sql_texts = [sqls[i] for i in valid]
        if self.mask_literals:
            sql_texts = [self._masked(prepared[i]) for i in valid]
            if self.anchor == "gold_sql":
                anchor_texts = [self._masked(self._prepare(text, extract=False)) for text in anchor_texts]
        # One encoder pass for everything uncached: anchors and SQL together.
        vectors = self.embed(anchor_texts + sql_texts)
        anchor_vectors, sql_vectors = vectors[: len(valid)], vectors[len(valid) :]
        cosines = np.sum(anchor_vectors * sql_vectors, axis=1)
        for i, cosine in zip(valid, cosines):
            rewards[i] = self._score(float(cosine))
            if self.literal_penalty and rewards[i] and facts and facts.has_unknown_literal(db_paths[i], sqls[i]):
                rewards[i] *= 1.0 - self.literal_penalty
        return rewards


def make_semantic_reward(
    encoder_path: str | os.PathLike,
    *,
    anchor: str = "question",
    batch_size: int = 64,
    cache_size: int = 20000,
    scale: str = "clip",
    max_seq_length: int | None = None,
    mask_literals: bool = False,
    require_valid: bool = False,
    literal_penalty: float = 0.0,
    executor=None,
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
        mask_literals: Guard: encode the SQL structure with literals and aliases masked.
        require_valid: Guard: 0 unless the SQL executes on ``db_path`` and reads its schema.
        literal_penalty: Guard: reward x (1 - penalty) when a string literal is not in the database.
        executor: The :class:`~polysql.sql.executor.SafeExecutor` the guards use (default: a new one).
        device: Torch device (default: CUDA if available, else CPU).
        extract_sql: Completion text -> SQL (default :func:`polysql.rewards.extract.extract_sql`).

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
        mask_literals=mask_literals,
        require_valid=require_valid,
        literal_penalty=literal_penalty,
        executor=executor,
        extract_sql=extract_sql,
    )


def make_semantic_reward_from_config(section: Mapping | None, *, context) -> SemanticReward:
    """The contrastive semantic reward: loads the encoder named by ``rewards.semantic.encoder`` once.

    Every key of the section but ``encoder`` goes to
    :func:`make_semantic_reward` (e.g. ``anchor``, ``batch_size``).
    """
    section = dict(section or {})
    encoder = section.pop("encoder", None)
    if not encoder:
        raise ValueError("rewards.semantic.encoder is required: the name of an encoder under `encoders`")
    return make_semantic_reward(context.resolve_encoder(encoder), **section)
