"""SQL as text: quoted spans, comments and statement boundaries, found without parsing.

The places that judge raw SQL text (the executor's one-statement check, SQL extraction from
completions, the execution match's clean-up, the semantic reward's literal masking) scan it here,
so they agree on what is code, what is a quoted span and what is a comment. Two data-side helpers
mask string values with a plain quote regex of their own (intent alignment in ``data.prepare``, the
ORDER BY scan of ``data.mini.variants``): their outputs are committed data, kept byte-stable.

* ``'...'``, ``"..."`` and ```...``` are quoted (a doubled quote character inside escapes it), and
  so is ``[...]`` (SQLite's bracketed identifiers); a quote that is never closed runs to the end;
* ``--`` starts a comment that runs to the end of the line (the newline itself is code), ``/*``
  one that runs to ``*/`` (or to the end when never closed);
* everything else is code; only a ``;`` in code ends a statement.
"""

from __future__ import annotations

import re
from typing import Callable, Iterator

CODE, LITERAL, COMMENT = "code", "literal", "comment"
"""The kinds of span :func:`segments` yields. LITERAL covers quoted strings and quoted identifiers."""

_SPAN_START = re.compile(r"""['"`\[]|--|/\*""")
_WHITESPACE_RUN = re.compile(r"\s+")


def segments(sql: str) -> Iterator[tuple[str, int, int]]:
    """Split ``sql`` into consecutive spans ``(kind, start, end)`` that cover it in order.

    ``kind`` is :data:`CODE`, :data:`LITERAL` (with its quotes) or :data:`COMMENT` (with its
    markers); two code spans are never adjacent.
    """
    i, n = 0, len(sql)
    while i < n:
        match = _SPAN_START.search(sql, i)
        if match is None:
            yield CODE, i, n
            return
        start = match.start()
        if start > i:
            yield CODE, i, start
        opener = match.group()
        if opener == "--":
            end = sql.find("\n", start)
            kind, end = COMMENT, n if end < 0 else end
        elif opener == "/*":
            end = sql.find("*/", start + 2)
            kind, end = COMMENT, n if end < 0 else end + 2
        else:
            kind, end = LITERAL, _literal_end(sql, start)
        yield kind, start, end
        i = end


def _literal_end(sql: str, start: int) -> int:
    """The index just past the quoted span opening at ``start`` (``len(sql)`` when unterminated)."""
    opener = sql[start]
    if opener == "[":
        close = sql.find("]", start + 1)
        return len(sql) if close < 0 else close + 1
    close = sql.find(opener, start + 1)
    while close >= 0 and sql.startswith(opener, close + 1):  # a doubled quote is an escaped quote
        close = sql.find(opener, close + 2)
    return len(sql) if close < 0 else close + 1


def map_spans(
    sql: str,
    *,
    code: Callable[[str], str] | None = None,
    literal: Callable[[str], str] | None = None,
    comment: Callable[[str], str] | None = None,
) -> str:
    """``sql`` with each span of a kind replaced by ``function(span text)`` (None: kept as is)."""
    functions = {CODE: code, LITERAL: literal, COMMENT: comment}
    out = []
    for kind, start, end in segments(sql):
        function = functions[kind]
        out.append(sql[start:end] if function is None else function(sql[start:end]))
    return "".join(out)


def strip_comments(sql: str) -> str:
    """``sql`` with every comment replaced by one space (quoted spans are left alone)."""
    return map_spans(sql, comment=lambda _: " ")


def normalize_whitespace(sql: str) -> str:
    """Collapse runs of whitespace in code to one space (quoted spans and comments kept); strip the ends."""
    return map_spans(sql, code=lambda text: _WHITESPACE_RUN.sub(" ", text)).strip()


def first_semicolon(sql: str) -> int:
    """The index of the first ``;`` in code (not quoted, not in a comment), or -1."""
    for kind, start, end in segments(sql):
        if kind == CODE:
            index = sql.find(";", start, end)
            if index >= 0:
                return index
    return -1


def split_statements(sql: str) -> list[str]:
    """``sql`` cut at every ``;`` in code, without the semicolons.

    The pieces keep their comments and whitespace, so ``"SELECT 1; -- done"`` gives
    ``["SELECT 1", " -- done"]``; a piece that holds nothing but comments and whitespace is not a
    statement (see :func:`is_blank`).
    """
    pieces, begin = [], 0
    for kind, start, end in segments(sql):
        if kind != CODE:
            continue
        index = sql.find(";", start, end)
        while index >= 0:
            pieces.append(sql[begin:index])
            begin = index + 1
            index = sql.find(";", begin, end)
    pieces.append(sql[begin:])
    return pieces


def is_blank(sql: str) -> bool:
    """True if ``sql`` holds nothing but whitespace and comments."""
    return not strip_comments(sql).strip()
