"""SQL extraction from messy model completions (shared by generation and the rewards)."""

import pytest

from polysql.rewards.extract import extract_sql, normalize_whitespace, statement_complete


@pytest.mark.parametrize(
    "completion, expected",
    [
        ("SELECT name FROM singer;", "SELECT name FROM singer"),
        ("```sql\nSELECT  name\nFROM   singer\n```\nThis lists the names.", "SELECT name FROM singer"),
        ("```\nSELECT count(*) FROM t;\n```", "SELECT count(*) FROM t"),
        ("```sql\nSELECT a FROM t WHERE", "SELECT a FROM t WHERE"),  # unclosed fence (truncated)
        ("SQL: SELECT count(*) FROM t; SELECT 2;", "SELECT count(*) FROM t"),
        ("Query: select * from t", "select * from t"),
        ("Here is the query to select the names:\nSELECT name FROM singer", "SELECT name FROM singer"),
        ("Sure! The answer is SELECT a FROM b\n\nThis query selects a.", "SELECT a FROM b"),
        ("SELECT a FROM b\nThis query returns every a.", "SELECT a FROM b"),
        ("SELECT x FROM t WHERE s = 'a;b' ORDER BY 1; DROP TABLE t;", "SELECT x FROM t WHERE s = 'a;b' ORDER BY 1"),
        ("SELECT x FROM t WHERE s = 'it''s; fine';", "SELECT x FROM t WHERE s = 'it''s; fine'"),
        ("SELECT 1 -- first; second\nFROM t", "SELECT 1 FROM t"),
        ('SELECT a  FROM t WHERE b = "two  spaces"', 'SELECT a FROM t WHERE b = "two  spaces"'),
        ("WITH c AS (SELECT 1 AS x) SELECT x FROM c;", "WITH c AS (SELECT 1 AS x) SELECT x FROM c"),
        ("I am sorry, I cannot answer that.", ""),
        ("", ""),
        ("   \n ", ""),
    ],
)
def test_extract_sql(completion, expected):
    assert extract_sql(completion) == expected


def test_first_statement_keeps_non_select_for_the_executor_to_refuse():
    assert extract_sql("DELETE FROM singer; SELECT 1;") == "DELETE FROM singer"


def test_normalize_whitespace_keeps_literals():
    assert normalize_whitespace("  SELECT\n\t'a   b'  ,\n c ") == "SELECT 'a   b' , c"


@pytest.mark.parametrize(
    "text, done",
    [
        ("SELECT a FROM t", False),
        ("SELECT a FROM t;", True),
        ("SELECT a FROM t WHERE b = 'x;", False),  # ';' inside an open string literal
        ("```sql\nSELECT a FROM t\n```", True),
        ("Sure; let me think", False),  # no SQL yet
    ],
)
def test_statement_complete(text, done):
    assert statement_complete(text) is done
