"""The one prompt builder shared by generation, the rewards and GRPO training.

A prompt is a chat: the system instruction, then k solved examples ("shots") from *other*
databases of the train split (a user turn with the shot's schema and question, an assistant turn
with its gold SQL), then the user turn with this example's schema and question in its own
language. Shots show only the tables their SQL uses, to keep CPU prefill short.
"""

from __future__ import annotations

import random
import re
from typing import Any, Mapping, Sequence

from polysql.data.prompt_schema import DEFAULT_SCHEMA_STYLE, serialize_schema, table_names


def user_turn(schema_text: str, question: str) -> str:
    """The text of a user turn: the schema, then the question."""
    return f"Database schema:\n{schema_text.strip()}\n\nQuestion: {question.strip()}"


def assistant_turn(sql: str) -> str:
    """A shot's answer: its gold SQL on one line, ended by ';' (teaches the model where to stop)."""
    return " ".join(sql.split()).rstrip(";").rstrip() + ";"


def tables_in_sql(sql: str, table_names: Sequence[str]) -> list[str]:
    """The tables of ``table_names`` that ``sql`` mentions (case-insensitive whole words)."""
    words = {word.lower() for word in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", sql)}
    return [name for name in table_names if name.lower() in words]


def shot_schema_text(shot: Mapping[str, Any], sample_rows: int = 0, style: str = DEFAULT_SCHEMA_STYLE) -> str:
    """A short schema for a shot: only the tables its gold SQL uses (all tables if none match)."""
    used = tables_in_sql(shot["gold_sql"], table_names(shot["db_path"]))
    return serialize_schema(shot["db_path"], sample_rows=sample_rows, tables=used or None, style=style)


def build_messages(
    example: Mapping[str, Any],
    *,
    schema_text: str,
    shots: Sequence[Mapping[str, Any]],
    system: str,
) -> list[dict[str, str]]:
    """Chat messages for one example.

    Args:
        example: a prepared example ({"question", ...}).
        schema_text: the example's database schema (``serialize_schema``).
        shots: solved examples, each with "question", "gold_sql" and either "schema_text" or a
            "db_path" (then a short schema of the tables its SQL uses is read from the file).
        system: the system instruction ("" leaves the system turn out).

    Returns:
        [{"role": "system"|"user"|"assistant", "content": str}, ...], ending with the user turn.
    """
    messages = [{"role": "system", "content": system.strip()}] if system and system.strip() else []
    for shot in shots:
        shot_schema = shot.get("schema_text") or shot_schema_text(shot)
        messages.append({"role": "user", "content": user_turn(shot_schema, shot["question"])})
        messages.append({"role": "assistant", "content": assistant_turn(shot["gold_sql"])})
    messages.append({"role": "user", "content": user_turn(schema_text, example["question"])})
    return messages


def render_prompt(tokenizer, messages: Sequence[Mapping[str, str]], chat_template: bool = True) -> str:
    """Render messages into the model's prompt text.

    Args:
        tokenizer: a transformers tokenizer (its chat template is used when ``chat_template``).
        messages: from :func:`build_messages`.
        chat_template: apply the tokenizer's chat template with a generation prompt; when False,
            a plain-text layout ending in "SQL:" is used (for base models without a template).

    Raises:
        ValueError: ``chat_template`` is requested but the tokenizer has none.
    """
    if chat_template:
        if not getattr(tokenizer, "chat_template", None):
            raise ValueError(
                f"tokenizer {getattr(tokenizer, 'name_or_path', '?')!r} has no chat template; "
                "set prompt.chat_template: false in the config for a plain-text prompt"
            )
        return tokenizer.apply_chat_template(list(messages), tokenize=False, add_generation_prompt=True)
    parts: list[str] = []
    for message in messages:
        if message["role"] == "assistant":
            parts[-1] += f"\nSQL: {message['content']}"
        else:
            parts.append(message["content"])
    return "\n\n".join(parts) + "\nSQL:"


def _stable_seed(seed: int, key: str) -> int:
    """A per-example seed independent of PYTHONHASHSEED."""
    import hashlib

    return int.from_bytes(hashlib.sha256(f"{seed}:{key}".encode()).digest()[:8], "big")


def select_shots(
    example: Mapping[str, Any],
    pool: Sequence[Mapping[str, Any]],
    k: int,
    seed: int = 0,
) -> list[dict[str, Any]]:
    """Draw ``k`` shots for ``example`` from other databases of the train split.

    Deterministic per example id and seed. Shots in the example's language come first; other
    languages fill in when too few exist. Shots come from distinct databases where possible, and
    never share the example's database or intent.

    Args:
        example: the example to prompt ("id", "db_id", "lang", optionally "intent").
        pool: candidate examples (the train split, any languages).
        k: number of shots.
        seed: the data seed.

    Returns:
        Up to ``k`` pool records (fewer only when the pool has fewer eligible examples).
    """
    if k <= 0:
        return []
    rng = random.Random(_stable_seed(seed, str(example.get("id", example.get("question", "")))))
    eligible = [
        shot
        for shot in pool
        if shot["db_id"] != example["db_id"]
        and (example.get("intent") is None or shot.get("intent") != example.get("intent"))
    ]
    same_lang = [shot for shot in eligible if shot.get("lang") == example.get("lang")]
    other_lang = [shot for shot in eligible if shot.get("lang") != example.get("lang")]
    rng.shuffle(same_lang)
    rng.shuffle(other_lang)
    ordered = same_lang + other_lang
    chosen: list[Any] = []
    seen_dbs: set[str] = set()
    for shot in ordered:  # distinct databases first
        if len(chosen) == k:
            break
        if shot["db_id"] not in seen_dbs:
            chosen.append(shot)
            seen_dbs.add(shot["db_id"])
    for shot in ordered:  # then any, if the pool has too few databases
        if len(chosen) == k:
            break
        if not any(shot is c for c in chosen):
            chosen.append(shot)
    return [dict(shot) for shot in chosen]


def build_prompt(
    example: Mapping[str, Any],
    tokenizer,
    *,
    pool: Sequence[Mapping[str, Any]] = (),
    prompt_config: Mapping[str, Any] | None = None,
    seed: int = 0,
) -> str:
    """The rendered prompt for one example, from config ``prompt:`` (system, shots, sample_rows,
    schema_style, chat_template) and the shot pool. The one entry point used by generation and GRPO."""
    cfg = dict(prompt_config or {})
    sample_rows = int(cfg.get("sample_rows", 0))
    style = str(cfg.get("schema_style", DEFAULT_SCHEMA_STYLE))
    shots = select_shots(example, pool, int(cfg.get("shots", 0)), seed)
    for shot in shots:
        shot["schema_text"] = shot_schema_text(shot, sample_rows=sample_rows, style=style)
    messages = build_messages(
        example,
        schema_text=serialize_schema(example["db_path"], sample_rows=sample_rows, style=style),
        shots=shots,
        system=cfg.get("system", ""),
    )
    return render_prompt(tokenizer, messages, chat_template=bool(cfg.get("chat_template", True)))
