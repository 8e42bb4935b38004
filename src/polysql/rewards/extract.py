"""Pull one SQL statement out of a model's raw completion.

Shared by generation (what gets executed and scored) and the GRPO rewards, so both see the same
SQL. Models wrap SQL in code fences, prefix it with "SQL:", explain it before or after, or write
a second statement; :func:`extract_sql` keeps the first statement only, whitespace normalised.
"""

from __future__ import annotations

import re

from polysql.sql.text import first_semicolon, normalize_whitespace, strip_comments

# Words a SQL statement can start with. Statements other than SELECT/WITH are kept (the
# executor refuses them, which scores as an error) rather than hidden as "no SQL".
_STATEMENT_START = r"(?:SELECT|WITH|INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|PRAGMA|ATTACH|VALUES)"
_START_RE = re.compile(rf"\b{_STATEMENT_START}\b", re.IGNORECASE)
_START_UPPER_RE = re.compile(rf"\b{_STATEMENT_START}\b")
# A statement start at the beginning of the text or of a line, or right after a "SQL:"-like label.
_LINE_START_RE = re.compile(
    rf"(?:^|\n)[ \t>*\-]*(?:(?:sql(?:ite)?|query|answer|output)\s*:\s*)?({_STATEMENT_START})\b",
    re.IGNORECASE,
)
_LABEL_START_RE = re.compile(rf"\b(?:sql(?:ite)?|query|answer)\s*:\s*({_STATEMENT_START})\b", re.IGNORECASE)
_FENCE_RE = re.compile(r"```[ \t]*([A-Za-z0-9_+-]*)[ \t]*\n?(.*?)(?:```|\Z)", re.DOTALL)
# A line that reads as an explanation rather than SQL (only used when no ';' ends the statement).
_PROSE_LINE_RE = re.compile(
    r"^\s*(?:this|the|here|it|note|explanation|in this|which|that|where\s+\w+\s+is|i\s|we\s)\b.*[.:!?]\s*$"
    r"|^\s*(?:explanation|note)\s*:",
    re.IGNORECASE,
)


def _statement_start(text: str) -> int:
    """Where the SQL begins in ``text`` (after any leading prose), or -1 when none is found."""
    candidates = []
    for regex in (_LINE_START_RE, _LABEL_START_RE):
        match = regex.search(text)
        if match:
            candidates.append(match.start(1))
    if candidates:
        return min(candidates)
    # Mid-sentence: prefer an upper-case keyword ("... the query is SELECT ...") to prose words.
    match = _START_UPPER_RE.search(text) or _START_RE.search(text)
    return match.start() if match else -1


def _cut_trailing_prose(sql: str) -> str:
    """The statement also ends at a blank line, a code fence or an explanatory line."""
    kept: list[str] = []
    for line in sql.split("\n"):
        if kept and (not line.strip() or line.strip().startswith("```") or _PROSE_LINE_RE.match(line)):
            break
        kept.append(line)
    return "\n".join(kept)


def _fenced_blocks(text: str) -> list[str]:
    return [match.group(2) for match in _FENCE_RE.finditer(text)]


def extract_sql(completion: str) -> str:
    """Extract the first SQL statement from a raw model completion.

    Handles code fences (```sql ... ```, also an unclosed one), "SQL:"/"Query:" labels, prose
    before and after the query, several statements (only the first is kept; a ';' inside a string
    literal or comment does not end it) and irregular whitespace.

    Args:
        completion: the model's raw text.

    Returns:
        The statement without its terminating ';', whitespace normalised (string literals kept
        verbatim); "" when the text holds nothing SQL-like.
    """
    if not completion:
        return ""
    text = completion.replace("\r\n", "\n")
    # Prefer the first fenced block that holds SQL; else the whole text.
    for block in _fenced_blocks(text) if "```" in text else []:
        if _statement_start(block) >= 0:
            text = block
            break
    start = _statement_start(text)
    if start < 0:
        return ""
    body = text[start:]
    end = first_semicolon(body)
    if end >= 0:
        body = body[:end]
    body = _cut_trailing_prose(body)
    fence = body.find("```")
    if fence >= 0:
        body = body[:fence]
    return normalize_whitespace(strip_comments(body))


def statement_complete(text: str) -> bool:
    """Whether generation can stop: the SQL in ``text`` has ended.

    True once a ';' outside literals follows the start of a statement, or a code fence closes
    after SQL. Used by the generation stopping criterion.
    """
    start = _statement_start(text)
    if start < 0:
        return False
    rest = text[start:]
    return first_semicolon(rest) >= 0 or "```" in rest
