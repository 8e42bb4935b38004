"""Read the mini benchmark's question templates from its data files.

The Python module of a domain (``polysql/data/mini/domains/<db_id>.py``) holds its schema and data
generator; its templates and their phrasings are data, one folder per domain::

    content/<db_id>/templates.json         the templates, in build order (a list)
    content/<db_id>/questions.<lang>.json  one file per language: template id -> phrasings

A template in ``templates.json`` is an object with the keys ``id`` (lowercase snake_case, unique in the
domain), ``level`` (the Spider hardness the template was written for: easy, medium, hard or extra;
informational, the build reports the classifier's counts), ``sql`` (gold SQL with ``{slot}``
placeholders), ``slots`` (slot name -> SELECT of candidate values; omitted when there are none), ``n``
(instantiations; omitted when 1) and an optional ``comment``. A question file maps every template id
to a list of phrasings that use exactly the template's slots. The order of the templates and of the
phrasings is part of the benchmark (both select seeded random draws); the order of the keys in a
question file is not.

Every problem is reported as a ValueError naming the file and the key, e.g.
``.../content/library/questions.de.json: "count_books": ...``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Sequence

from polysql.data.mini.template import Template, slot_names
from polysql.sql.hardness import LEVELS  # Spider's hardness levels, easiest first

CONTENT_DIR = Path(__file__).resolve().parent / "content"
TEMPLATES_FILE = "templates.json"
_TEMPLATE_KEYS = {"id", "level", "comment", "sql", "slots", "n"}
_ID = re.compile(r"[a-z][a-z0-9_]*")
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]+)*")


def questions_file(db_id: str, lang: str, content_dir: Path | None = None) -> Path:
    """``content/<db_id>/questions.<lang>.json``."""
    return (content_dir or CONTENT_DIR) / db_id / f"questions.{lang}.json"


def content_domains(content_dir: Path | None = None) -> list[str]:
    """The db_ids that have a ``templates.json`` (sorted)."""
    root = content_dir or CONTENT_DIR
    return sorted(p.parent.name for p in root.glob(f"*/{TEMPLATES_FILE}"))


def available_languages(db_id: str, content_dir: Path | None = None) -> list[str]:
    """The languages with a question file for ``db_id`` (sorted)."""
    folder = (content_dir or CONTENT_DIR) / db_id
    return sorted(p.name[len("questions.") : -len(".json")] for p in folder.glob("questions.*.json"))


def load_templates(db_id: str, languages: Sequence[str], content_dir: Path | None = None) -> tuple[Template, ...]:
    """The templates of ``db_id`` with their phrasings in ``languages``.

    Raises:
        ValueError: a file is missing or malformed, a template id has no phrasings in a language file
            (or a language file names an id that is not a template), or a phrasing or the SQL uses a
            slot the template does not declare (the message names the file and the key).
    """
    folder = (content_dir or CONTENT_DIR) / db_id
    specs = _read_templates(folder / TEMPLATES_FILE)
    phrasings: dict[str, dict[str, list[str]]] = {}
    for lang in languages:
        if not _LANGUAGE.fullmatch(lang):
            raise ValueError(f"{folder}: {lang!r} is not a language code (e.g. 'de', 'zh')")
        phrasings[lang] = _read_questions(questions_file(db_id, lang, content_dir), specs)
    return tuple(
        Template(
            sql=spec["sql"],
            questions={lang: tuple(phrasings[lang][spec["id"]]) for lang in languages},
            slots=dict(spec.get("slots", {})),
            n=spec.get("n", 1),
            id=spec["id"],
        )
        for spec in specs
    )


def _read_json(path: Path) -> Any:
    if not path.is_file():
        raise ValueError(f"{path}: no such file")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None


def _slots(text: str, where: str) -> set[str]:
    try:
        return slot_names(text)
    except ValueError as exc:  # an unmatched brace
        raise ValueError(f"{where}: {exc}: {text!r}") from None


def _read_templates(path: Path) -> list[dict[str, Any]]:
    data = _read_json(path)
    if not isinstance(data, list) or not data:
        raise ValueError(f"{path}: expected a non-empty list of templates")
    seen: set[str] = set()
    for index, spec in enumerate(data):
        where = f"{path}: template [{index}]"
        if not isinstance(spec, dict):
            raise ValueError(f"{where}: expected an object, got {type(spec).__name__}")
        template_id = spec.get("id")
        if not isinstance(template_id, str) or not _ID.fullmatch(template_id):
            raise ValueError(f'{where}: "id" must be lowercase snake_case, got {template_id!r}')
        where = f"{path}: template {template_id!r}"
        if template_id in seen:
            raise ValueError(f"{where}: duplicate id")
        seen.add(template_id)
        unknown = sorted(set(spec) - _TEMPLATE_KEYS)
        if unknown:
            raise ValueError(f"{where}: unknown key(s) {unknown}; expected some of {sorted(_TEMPLATE_KEYS)}")
        if spec.get("level") not in LEVELS:
            raise ValueError(f'{where}: "level" must be one of {list(LEVELS)}, got {spec.get("level")!r}')
        if not isinstance(spec.get("sql"), str) or not spec["sql"].strip():
            raise ValueError(f'{where}: "sql" must be a non-empty string')
        slots = spec.get("slots", {})
        if not isinstance(slots, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in slots.items()):
            raise ValueError(f'{where}: "slots" must map slot names to SELECT strings')
        n = spec.get("n", 1)
        if not isinstance(n, int) or isinstance(n, bool) or n < 1:
            raise ValueError(f'{where}: "n" must be an integer >= 1, got {n!r}')
        if not isinstance(spec.get("comment", ""), str):
            raise ValueError(f'{where}: "comment" must be a string')
        in_sql = _slots(spec["sql"], f'{where}: "sql"')
        if in_sql - set(slots):
            raise ValueError(
                f'{where}: "sql" uses unknown slot(s) {sorted(in_sql - set(slots))}; "slots" declares {sorted(slots)}'
            )
        if set(slots) - in_sql:
            raise ValueError(f'{where}: slot(s) {sorted(set(slots) - in_sql)} declared but not used in "sql"')
    return data


def _read_questions(path: Path, specs: Sequence[dict[str, Any]]) -> dict[str, list[str]]:
    data = _read_json(path)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected an object mapping template ids to lists of phrasings")
    ids = [spec["id"] for spec in specs]
    missing = [template_id for template_id in ids if template_id not in data]
    if missing:
        raise ValueError(f"{path}: no phrasings for template id(s) {missing} (declared in {TEMPLATES_FILE})")
    extra = sorted(set(data) - set(ids))
    if extra:
        raise ValueError(f"{path}: key(s) {extra} are not template ids in {TEMPLATES_FILE}")
    for spec in specs:
        template_id, declared = spec["id"], set(spec.get("slots", {}))
        phrasings = data[template_id]
        if not isinstance(phrasings, list) or not all(isinstance(p, str) for p in phrasings):
            raise ValueError(f"{path}: {template_id!r}: expected a list of strings")
        for index, phrasing in enumerate(phrasings):
            used = _slots(phrasing, f"{path}: {template_id!r} [{index}]")
            if used - declared:
                raise ValueError(
                    f"{path}: {template_id!r} [{index}]: unknown slot(s) {sorted(used - declared)} "
                    f"(the template declares {sorted(declared)}): {phrasing!r}"
                )
            if declared - used:
                raise ValueError(
                    f"{path}: {template_id!r} [{index}]: phrasing does not use slot(s) "
                    f"{sorted(declared - used)}: {phrasing!r}"
                )
    return data
