"""Gold queries of a GRPO sample are executed at start-up: a failing one stops the job, naming the record.

The execution reward compares each completion with its record's gold result; a gold query that fails
(a database edited, replaced or missing a table since ``prepare``, a hand-made sample) would turn every
completion of that prompt into an error in the train log, and the run would still exit 0. So
``train_run`` executes every distinct ``(db_path, gold_sql)`` of its records with the safe executor's
gold limits before the model loads (:func:`check_sample_gold`). Config
``reliability.gold_failures_allowed`` (default 0) allows a counted number: those records are left out of
training with a warning; more stops the job with :class:`~polysql.io.DataError`.
"""

from __future__ import annotations

import logging
import os
from typing import Any, Mapping

from polysql.io import DataError

log = logging.getLogger(__name__)

CONFIG_KEY = "reliability.gold_failures_allowed"


def check_sample_gold(
    records: list[dict[str, Any]],
    *,
    source: str | os.PathLike,
    allowed: int = 0,
    sql_config: Mapping[str, Any] | None = None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Execute every record's gold query; return ``(records kept, failures)``.

    Args:
        records: The training records (``db_path``, ``gold_sql``, ``id``), in sample order.
        source: The sample file, for messages.
        allowed: How many failing records are tolerated (left out); more raises.
        sql_config: Config ``sql`` (the executor's limits; gold queries get its wider fixed gold limits).

    Raises:
        DataError: more than ``allowed`` records have a failing gold query (the first five named: record
            number, id, database and error), before anything is trained.
    """
    from polysql.config_schema import with_defaults
    from polysql.sql.executor import GoldQueryError, SafeExecutor

    cfg = with_defaults(sql_config, "sql")
    failures = []
    with SafeExecutor(
        timeout_s=float(cfg["timeout_s"]), max_rows=int(cfg["max_rows"]), max_result_bytes=int(cfg["max_result_bytes"])
    ) as executor:
        for number, record in enumerate(records, start=1):
            try:
                executor.execute_gold(record["db_path"], record["gold_sql"])
            except GoldQueryError as error:
                failures.append(
                    {
                        "record": number,
                        "id": record.get("id"),
                        "db_path": record["db_path"],
                        "error": f"{error.kind or 'error'}: {error.message}",
                        "gold_sql": record["gold_sql"],
                    }
                )
    if not failures:
        log.info("%s: all %d gold queries execute", source, len(records))
        return records, []
    listed = "; ".join(
        f"record {f['record']} (id {f['id']}, {f['db_path']}): {f['error']} -- SQL: {f['gold_sql'][:120]}"
        for f in failures[:5]
    )
    more = f" (and {len(failures) - 5} more)" if len(failures) > 5 else ""
    if len(failures) > allowed:
        raise DataError(
            f"{source}: {len(failures)} of {len(records)} gold queries fail before training "
            f"({CONFIG_KEY} allows {allowed}): {listed}{more}"
        )
    failed = {f["record"] for f in failures}
    log.warning(
        "%s: %d of %d gold queries fail (%s allows %d); those records are left out of training: %s%s",
        source,
        len(failures),
        len(records),
        CONFIG_KEY,
        allowed,
        listed,
        more,
    )
    return [r for n, r in enumerate(records, start=1) if n not in failed], failures
