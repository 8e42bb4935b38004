"""What a completion says: its text, and whether that text is one SQL query.

Shared by the SQL rewards (:mod:`polysql.rewards.sql_rewards`) and the semantic reward
(:mod:`polysql.rewards.semantic`), which must read completions the same way.
"""

from __future__ import annotations

import re
from typing import Any, Mapping, Sequence

import sqlglot
from sqlglot import expressions as exp
from sqlglot.errors import SqlglotError

# A completion that is nothing but one code fence (```sql ... ``` or ``` ... ```), whitespace around it allowed.
_FENCE_ONLY = re.compile(
    r"\A\s*```[ \t]*(?:sql|sqlite)?[ \t]*\n?(?P<body>.*?)\n?[ \t]*```\s*\Z", re.IGNORECASE | re.DOTALL
)
_STARTS_LIKE_QUERY = re.compile(r"\A\s*(?:\(\s*)*(?:SELECT|WITH)\b", re.IGNORECASE)


def completion_text(completion: Any) -> str:
    """The text of one completion: a string as is, or the joined content of a chat message list.

    Args:
        completion: A string, or a list of ``{"role", "content"}`` messages (TRL's conversational format);
            only assistant messages count when roles are given.

    Returns:
        The completion's text.

    Raises:
        TypeError: For any other shape.
    """
    if isinstance(completion, str):
        return completion
    if isinstance(completion, Mapping):
        completion = [completion]
    if isinstance(completion, Sequence):
        parts = []
        for message in completion:
            if not isinstance(message, Mapping) or "content" not in message:
                raise TypeError(f"a chat completion must be a list of messages with 'content', got {message!r}")
            if message.get("role", "assistant") != "assistant":
                continue
            content = message["content"]
            if isinstance(content, list):  # content blocks: [{"type": "text", "text": ...}]
                content = "".join(block.get("text", "") for block in content if isinstance(block, Mapping))
            parts.append(content or "")
        return "\n".join(parts)
    raise TypeError(f"a completion must be a string or a list of chat messages, got {type(completion).__name__}")


def parses_as_one_query(sql: str) -> bool:
    """True if ``sql`` parses (sqlglot, SQLite dialect) as exactly one query: SELECT, set operation or CTE."""
    if not sql or not sql.strip():
        return False
    try:
        statements = [s for s in sqlglot.parse(sql, read="sqlite") if s is not None]
    except (SqlglotError, ValueError, RecursionError):
        return False
    return len(statements) == 1 and isinstance(statements[0], exp.Query)


def is_sql_only(text: str) -> bool:
    """True if ``text`` is one SQL query and nothing else (an optional surrounding code fence is allowed)."""
    fenced = _FENCE_ONLY.match(text)
    body = fenced.group("body") if fenced else text
    if "```" in body or not _STARTS_LIKE_QUERY.match(body):
        return False
    return parses_as_one_query(body)
