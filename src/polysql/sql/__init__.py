"""polysql's SQL engine: safe execution, execution accuracy, Spider exact match and hardness.

Main entry points (all importable from here):

* :class:`SafeExecutor` -- read-only, deadline-bounded execution of model-written SQL;
* :func:`execution_match` / :func:`execution_match_many` -- Spider test-suite EX semantics;
* :func:`suite_databases` / :func:`suite_match_many` -- test-suite EX (TS) over variant databases;
* :func:`exact_match` -- Spider exact-set match ("Sem");
* :func:`spider_hardness` -- easy / medium / hard / extra;
* :class:`Schema`, :func:`load_tables_json` -- schemas from SQLite files or tables.json;
* :func:`evaluate_records`, :func:`summarize` -- batch evaluation and the metrics summary;
  :func:`evaluate_predictions` -- the same with the workflow's ``sql`` config and labels.
"""

from polysql.sql.evaluate import evaluate_predictions, evaluate_records, summarize
from polysql.sql.exact_match import GoldParseError, MatchResult, exact_match
from polysql.sql.exec_eval import ExecMatch, execution_match, execution_match_many, suite_databases, suite_match_many
from polysql.sql.executor import ExecResult, GoldQueryError, SafeExecutor
from polysql.sql.hardness import spider_hardness
from polysql.sql.schema import Schema, load_tables_json

__all__ = [
    "ExecMatch",
    "ExecResult",
    "GoldParseError",
    "GoldQueryError",
    "MatchResult",
    "SafeExecutor",
    "Schema",
    "evaluate_predictions",
    "evaluate_records",
    "exact_match",
    "execution_match",
    "execution_match_many",
    "load_tables_json",
    "spider_hardness",
    "suite_databases",
    "suite_match_many",
    "summarize",
]
