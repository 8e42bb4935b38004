"""The building blocks of the mini benchmark: a domain (one SQLite database) and its question templates.

A domain is a data folder plus a generator. The folder, ``polysql/data/mini/content/<db_id>/``, holds
its schema, the values its generator draws from, its templates and their phrasings (see
:mod:`polysql.data.mini.content_files`). The generator, ``polysql/data/mini/domains/<db_id>.py``,
defines a module-level ``DOMAIN = Domain(...)`` with the schema read from the folder and ``populate``.
The builder (``python -m polysql.data.mini``) creates each database from ``schema_sql`` + ``populate``, then
instantiates every template ``n`` times with slot values drawn (seeded) from the built database,
choosing one phrasing per language. Questions in all languages of one instantiation share the same
gold SQL and the same (English) values, as MultiSpider's ``with_english_value`` variant does.
"""

from __future__ import annotations

import random
import re
import sqlite3
import string
from dataclasses import dataclass, field
from typing import Callable, Sequence

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def slot_names(text: str) -> set[str]:
    """The ``{slot}`` names in a format string (ValueError on an unmatched brace)."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@dataclass(frozen=True)
class Template:
    """One question intent with slots.

    Attributes:
        sql: gold SQL with ``{slot}`` placeholders, e.g.
            ``"SELECT name FROM artist WHERE country = '{country}'"``. Literal braces are not allowed.
        questions: language -> one or more phrasings that use exactly the same slots as ``sql``.
            Several natural phrasings per language are expected.
        slots: slot name -> a SELECT returning one column of candidate values from the built
            database (e.g. ``"SELECT DISTINCT country FROM artist"``). Values are sorted by the
            builder, so the query needs no ORDER BY. Slot values are inserted verbatim (strings stay
            in English, numbers as written).
        n: how many instantiations (distinct slot-value combinations) to produce; a template
            without slots must have ``n == 1``.
        id: the template's id in its data files ("" for a template built in Python).
    """

    sql: str
    questions: dict[str, tuple[str, ...]]
    slots: dict[str, str] = field(default_factory=dict)
    n: int = 1
    id: str = ""


@dataclass(frozen=True)
class Domain:
    """One database of the mini benchmark.

    Attributes:
        db_id: database id; also the file name ``database/<db_id>/<db_id>.sqlite``.
        split: ``"train"`` or ``"dev"``. Train and dev databases are disjoint (Spider's cross-database split).
        schema_sql: ``CREATE TABLE`` statements with primary and foreign keys (3-6 tables).
        populate: inserts deterministic, realistic rows (>= 20 per table) using only the given
            seeded ``random.Random`` for any randomness.
        templates: the question templates; a domain module leaves them out and
            :func:`polysql.data.mini.build.discover_domains` reads them from the data files.
    """

    db_id: str
    split: str
    schema_sql: str
    populate: Callable[[sqlite3.Connection, random.Random], None]
    templates: tuple[Template, ...] = ()


def distinct_names(
    rng: random.Random, first_names: Sequence[str], last_names: Sequence[str], count: int, taken: set[str] | None = None
) -> list[str]:
    """``count`` distinct "First Last" names, each drawn as a first name then a last name until it is new.

    A name in ``taken`` counts as used; ``taken`` (when given) gets the new names, so several calls can
    share it and never repeat a name.
    """
    taken = set() if taken is None else taken
    names: list[str] = []
    while len(names) < count:
        name = f"{rng.choice(first_names)} {rng.choice(last_names)}"
        if name not in taken:
            taken.add(name)
            names.append(name)
    return names


def check_template(template: Template, where: str, languages: tuple[str, ...]) -> None:
    """Raise ValueError (naming ``where``) if a template is malformed or lacks one of ``languages``."""
    sql_slots = slot_names(template.sql)
    if sql_slots != set(template.slots):
        raise ValueError(f"{where}: SQL slots {sorted(sql_slots)} != declared slots {sorted(template.slots)}")
    missing = [lang for lang in languages if not template.questions.get(lang)]
    if missing:
        raise ValueError(f"{where}: no phrasing for languages {missing}")
    if "{{" in template.sql or "}}" in template.sql:
        raise ValueError(f"{where}: literal braces in SQL: {template.sql!r}")
    english = set(template.questions.get("en", ()))
    for lang, phrasings in template.questions.items():
        if isinstance(phrasings, str):
            raise ValueError(f"{where} [{lang}]: phrasings must be a tuple of strings, not one string")
        for phrasing in phrasings:
            if not isinstance(phrasing, str) or not phrasing.strip() or phrasing != phrasing.strip():
                raise ValueError(f"{where} [{lang}]: empty phrasing or surrounding whitespace: {phrasing!r}")
            if "{{" in phrasing or "}}" in phrasing:
                raise ValueError(f"{where} [{lang}]: literal braces in phrasing: {phrasing!r}")
            if slot_names(phrasing) != sql_slots:
                raise ValueError(f"{where} [{lang}]: phrasing slots differ from SQL slots: {phrasing!r}")
            if lang in ("ja", "zh") and not _CJK.search(phrasing):
                raise ValueError(f"{where} [{lang}]: phrasing has no CJK characters: {phrasing!r}")
            if lang != "en" and phrasing in english:
                raise ValueError(f"{where} [{lang}]: phrasing is identical to an English one: {phrasing!r}")
    if not template.slots and template.n != 1:
        raise ValueError(f"{where}: a template without slots must have n == 1")
