"""Spider hardness on classic examples; expected labels computed by hand from the rules.

c1 = where + group + order + limit + (tables - 1) + ORs + LIKEs; c2 = nested + set ops;
others = [aggs > 1] + [select cols > 1] + [where conds > 1] + [group cols > 1], where the
reference's aggregate count also counts negated conditions and HAVING's and/or connectors.
"""

from __future__ import annotations

import pytest

from demo_db import build_concert_singer
from polysql.sql.hardness import level_from_counts, spider_hardness
from polysql.sql.schema import Schema

JOIN = "FROM concert AS T1 JOIN stadium AS T2 ON T1.stadium_id = T2.stadium_id"
CASES = [
    # c1=0 o=0 c2=0
    ("SELECT count(*) FROM singer", "easy"),
    # c1=1 (order) o=1 (3 select cols)
    ("SELECT name, country, age FROM singer ORDER BY age DESC", "medium"),
    # c1=1 o=2 (3 aggs, 3 cols)
    ("SELECT avg(age), min(age), max(age) FROM singer WHERE country = 'France'", "medium"),
    # c1=2 (order, limit) o=1
    ("SELECT song_name, song_release_year FROM singer ORDER BY age LIMIT 1", "medium"),
    # c1=2 (group, join) o=1 (2 cols; one agg)
    (f"SELECT T2.name, count(*) {JOIN} GROUP BY T1.stadium_id", "medium"),
    # c1=1 c2=1 o=0 (the NOT counts as one "agg", not > 1)
    ("SELECT name FROM stadium WHERE stadium_id NOT IN (SELECT stadium_id FROM concert)", "hard"),
    # c1=1 c2=1 (intersect) o=0
    ("SELECT country FROM singer WHERE age > 40 INTERSECT SELECT country FROM singer WHERE age < 30", "hard"),
    # c1=3 (where + 2 joins) o=0
    (
        "SELECT T2.name FROM singer_in_concert AS T1 JOIN singer AS T2 ON T1.singer_id = "
        "T2.singer_id JOIN concert AS T3 ON T1.concert_id = T3.concert_id WHERE T3.year = 2014",
        "hard",
    ),
    # c1=5 (where, group, order, limit, join) o=1
    (
        f"SELECT T2.name, T2.capacity {JOIN} WHERE T1.year >= 2014 GROUP BY T2.stadium_id "
        "ORDER BY count(*) DESC LIMIT 1",
        "extra",
    ),
    # c1=2 (where, or) o=1 (2 where conds)
    ("SELECT count(*) FROM concert WHERE year = 2014 OR year = 2015", "medium"),
    # c1=1 (group) o=0: the HAVING aggregate is not counted by the reference
    ("SELECT country FROM singer GROUP BY country HAVING count(*) > 3", "easy"),
    # c1=2 (where, like) o=1
    ("SELECT name, country FROM singer WHERE song_name LIKE '%Love%'", "medium"),
    # c1=3 (where + 2 joins) c2=1 -> extra
    (
        "SELECT T2.name FROM singer_in_concert AS T1 JOIN singer AS T2 ON T1.singer_id = "
        "T2.singer_id JOIN concert AS T3 ON T1.concert_id = T3.concert_id WHERE T3.year = 2014 "
        "AND T2.age > (SELECT avg(age) FROM singer)",
        "extra",
    ),
    # c1=1 c2=2 (nested + except) -> extra
    (
        "SELECT name FROM stadium WHERE capacity > (SELECT avg(capacity) FROM stadium) EXCEPT "
        "SELECT name FROM stadium WHERE highest > 1000",
        "extra",
    ),
]


@pytest.fixture(scope="module")
def schema(tmp_path_factory):
    return Schema.from_sqlite(build_concert_singer(tmp_path_factory.mktemp("h") / "cs.sqlite"))


@pytest.mark.parametrize("sql,level", CASES)
def test_classic_examples(schema, sql, level):
    assert spider_hardness(sql, schema) == level
    assert spider_hardness(sql) == level  # structure only: no schema needed


def test_decision_table_edges():
    assert level_from_counts(1, 0, 0) == "easy"
    assert level_from_counts(2, 0, 1) == "medium"
    assert level_from_counts(1, 0, 2) == "medium"
    assert level_from_counts(2, 0, 3) == "hard"
    assert level_from_counts(3, 0, 2) == "hard"
    assert level_from_counts(0, 1, 0) == "hard"
    assert level_from_counts(4, 0, 0) == "extra"
    assert level_from_counts(0, 2, 0) == "extra"


def test_sql_outside_spider_grammar_still_gets_a_level(schema):
    level = spider_hardness(
        "SELECT s.name FROM singer s LEFT JOIN singer_in_concert c "
        "ON s.singer_id = c.singer_id WHERE c.singer_id IS NULL",
        schema,
    )
    assert level == "medium"  # c1 = where + join = 2, others 0
    with pytest.raises(ValueError):
        spider_hardness("this is not SQL at all (", schema)
