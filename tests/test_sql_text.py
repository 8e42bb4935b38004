"""polysql.sql.text: the one scanner of raw SQL text (quotes, comments, statement boundaries)."""

import pytest

from polysql.sql.text import (
    COMMENT,
    LITERAL,
    first_semicolon,
    is_blank,
    map_spans,
    normalize_whitespace,
    segments,
    split_statements,
    strip_comments,
)


def kinds(sql):
    return [(kind, sql[start:end]) for kind, start, end in segments(sql)]


def test_segments_cover_the_text_in_order():
    sql = "SELECT 'a;b', \"c\" /* x */ FROM [t] -- end\nWHERE `d` = 1"
    spans = list(segments(sql))
    assert "".join(sql[a:b] for _, a, b in spans) == sql
    assert [text for kind, text in kinds(sql) if kind == LITERAL] == ["'a;b'", '"c"', "[t]", "`d`"]
    assert [text for kind, text in kinds(sql) if kind == COMMENT] == ["/* x */", "-- end"]


@pytest.mark.parametrize(
    "sql, literal",
    [
        ("SELECT 'it''s -- not a comment' FROM t", "'it''s -- not a comment'"),
        ('SELECT "a""b;c" FROM t', '"a""b;c"'),
        ("SELECT [x /* y */] FROM t", "[x /* y */]"),
    ],
)
def test_comment_markers_and_semicolons_inside_quotes_are_text(sql, literal):
    assert [text for kind, text in kinds(sql) if kind == LITERAL] == [literal]
    assert strip_comments(sql) == sql
    assert first_semicolon(sql) == -1


def test_a_quote_inside_a_comment_opens_nothing():
    sql = "SELECT a -- don't\nFROM t; SELECT 'x'"
    assert strip_comments(sql) == "SELECT a  \nFROM t; SELECT 'x'"
    assert first_semicolon(sql) == sql.index(";")


def test_unterminated_quotes_and_comments_run_to_the_end():
    assert kinds("SELECT 'abc; DROP t") == [("code", "SELECT "), ("literal", "'abc; DROP t")]
    assert kinds("SELECT [abc; x") == [("code", "SELECT "), ("literal", "[abc; x")]
    assert kinds("SELECT 1 /* ; DROP t") == [("code", "SELECT 1 "), ("comment", "/* ; DROP t")]
    assert kinds("SELECT 1 /*/ x") == [("code", "SELECT 1 "), ("comment", "/*/ x")]  # "/*/" does not close
    assert first_semicolon("SELECT 'abc; DROP t") == -1


def test_line_comment_ends_before_the_newline():
    assert strip_comments("SELECT 1 -- one\n; -- two") == "SELECT 1  \n;  "
    assert first_semicolon("SELECT 1 -- ;\n;") == len("SELECT 1 -- ;\n")


def test_split_statements_cuts_at_code_semicolons_only():
    assert split_statements("SELECT ';'; SELECT 2;") == ["SELECT ';'", " SELECT 2", ""]
    assert split_statements("SELECT 1 /* ; */") == ["SELECT 1 /* ; */"]
    pieces = split_statements("SELECT 1; -- done\n ;")
    assert pieces[0] == "SELECT 1" and all(is_blank(piece) for piece in pieces[1:])
    assert not is_blank(" /* c */ SELECT 2")


def test_normalize_whitespace_leaves_quotes_and_comments_alone():
    assert normalize_whitespace("\n SELECT\t 'a  b'  /* c   d */\n\n FROM  t ") == "SELECT 'a  b' /* c   d */ FROM t"


def test_map_spans_replaces_only_the_chosen_kind():
    sql = "SELECT DISTINCT 'distinct' -- distinct\nFROM t"
    assert map_spans(sql, code=str.upper) == "SELECT DISTINCT 'distinct' -- distinct\nFROM T"
    assert map_spans(sql, literal=lambda _: "''", comment=lambda _: "") == "SELECT DISTINCT '' \nFROM t"
