"""Domain ``library`` (train): a public library with authors, books, members and loans."""

from __future__ import annotations

import datetime as dt
import itertools
import random
import sqlite3

from polysql.data.mini.content_files import load_schema, load_values
from polysql.data.mini.template import Domain

VALUES = load_values("library")  # content/library/values.json

LOAN_DAYS = 21  # a loan kept longer is fined
FINE_PER_DAY = 0.25  # dollars a day past LOAN_DAYS


def _date(start: dt.date, offset_days: int) -> str:
    return (start + dt.timedelta(days=offset_days)).isoformat()


def populate(conn: sqlite3.Connection, rng: random.Random) -> None:
    """30 authors, 63 books, 40 members (a few who never borrowed), 170 loans with fines."""
    book_id = 0
    books_of: dict[str, list[tuple]] = {}
    for author, *book in VALUES["books"]:
        books_of.setdefault(author, []).append(tuple(book))
    for author_id, (name, country, born) in enumerate(VALUES["authors"], start=1):
        conn.execute("INSERT INTO author VALUES (?, ?, ?, ?)", (author_id, name, country, born))
        for title, genre, year, pages in books_of.get(name, []):
            book_id += 1
            conn.execute("INSERT INTO book VALUES (?, ?, ?, ?, ?, ?)", (book_id, title, author_id, genre, year, pages))
    n_books = book_id

    names = rng.sample(list(itertools.product(VALUES["first_names"], VALUES["last_names"])), 40)
    for member_id, (first, last) in enumerate(names, start=1):
        conn.execute(
            "INSERT INTO member VALUES (?, ?, ?, ?, ?)",
            (
                member_id,
                f"{first} {last}",
                rng.choice(VALUES["cities"]),
                rng.choice(VALUES["membership_types"]),
                _date(dt.date(2015, 1, 1), rng.randrange(9 * 365)),
            ),
        )

    never_borrowed = set(rng.sample(range(1, n_books + 1), 10))
    lendable = [b for b in range(1, n_books + 1) if b not in never_borrowed]
    borrowers = rng.sample(range(1, 41), 35)  # five members never borrow
    keen_reader = borrowers[0]  # borrows far more than anyone else
    members = [keen_reader] * 14 + [rng.choice(borrowers) for _ in range(156)]
    for loan_id, member_id in enumerate(members, start=1):
        loan_day = rng.randrange(540)  # 2023-01-01 .. mid 2024
        kept = rng.randint(3, 40)
        returned = loan_day + kept < 545
        late_days = max(0, kept - LOAN_DAYS) if returned else 0
        conn.execute(
            "INSERT INTO loan VALUES (?, ?, ?, ?, ?, ?)",
            (
                loan_id,
                rng.choice(lendable),
                member_id,
                _date(dt.date(2023, 1, 1), loan_day),
                _date(dt.date(2023, 1, 1), loan_day + kept) if returned else None,
                late_days * FINE_PER_DAY,
            ),
        )


# The schema, values and questions are data: content/library/ (read by polysql.data.mini.content_files).
DOMAIN = Domain(db_id="library", split="train", schema_sql=load_schema("library"), populate=populate)
