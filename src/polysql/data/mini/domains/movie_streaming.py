"""Train domain ``movie_streaming``: directors, movies, subscribers and their viewings."""

from __future__ import annotations

import random
import sqlite3
from datetime import date, timedelta

from polysql.data.mini.content_files import load_schema, load_values
from polysql.data.mini.template import Domain, distinct_names

VALUES = load_values("movie_streaming")  # content/movie_streaming/values.json

_PLANS = ("basic", "standard", "premium")  # drawn 4 : 5 : 3
_DEVICES = ("tv", "phone", "tablet", "laptop")  # drawn 5 : 4 : 2 : 3

_NUM_SUBSCRIBERS = 40
_UNWATCHED = 3  # movies nobody has watched yet


def _random_date(rng: random.Random, start: date, end: date) -> str:
    return (start + timedelta(days=rng.randint(0, (end - start).days))).isoformat()


def populate(conn: sqlite3.Connection, rng: random.Random) -> None:
    """Insert 20 directors, 32 movies, 40 subscribers and about 170 viewings."""
    conn.executemany(
        "INSERT INTO director VALUES (?, ?, ?, ?)",
        [(i, name, country, born) for i, (name, country, born) in enumerate(VALUES["directors"], start=1)],
    )

    titles, genres = VALUES["titles"], VALUES["genres"]
    budgets = [b / 10 for b in rng.sample(range(15, 1800), len(titles))]  # distinct, 1.5 to 180 million
    movies = []
    for i, (title, budget) in enumerate(zip(titles, budgets), start=1):
        director_id = rng.randint(1, len(VALUES["directors"]))
        genre = genres[(i - 1) % len(genres)] if i <= len(genres) else rng.choice(genres)
        movies.append((i, title, director_id, genre, rng.randint(1995, 2023), rng.randint(84, 172), budget))
    conn.executemany("INSERT INTO movie VALUES (?, ?, ?, ?, ?, ?, ?)", movies)

    names = distinct_names(rng, VALUES["first_names"], VALUES["last_names"], _NUM_SUBSCRIBERS)
    countries = VALUES["countries"]
    subscribers = [
        (
            i,
            name,
            countries[(i - 1) % len(countries)],
            rng.choices(_PLANS, weights=(4, 5, 3))[0],
            _random_date(rng, date(2019, 1, 1), date(2023, 12, 31)),
            rng.randint(18, 71),
        )
        for i, name in enumerate(names, start=1)
    ]
    conn.executemany("INSERT INTO subscriber VALUES (?, ?, ?, ?, ?, ?)", subscribers)

    # A few movies stay unwatched, one is clearly the most watched, the rest get 2-8 viewings.
    order = list(range(len(movies)))
    rng.shuffle(order)
    unwatched = set(order[:_UNWATCHED])
    favourite = order[_UNWATCHED]
    picks = []
    for index, movie in enumerate(movies):
        if index not in unwatched:
            picks.extend([movie] * (15 if index == favourite else rng.randint(2, 8)))
    rng.shuffle(picks)
    viewings = []
    for viewing_id, movie in enumerate(picks, start=1):
        duration = movie[5]
        watched = duration if rng.random() < 0.6 else rng.randint(10, duration - 1)
        viewings.append(
            (
                viewing_id,
                rng.randint(1, _NUM_SUBSCRIBERS),
                movie[0],
                _random_date(rng, date(2024, 1, 1), date(2024, 8, 31)),
                watched,
                rng.choices((1, 2, 3, 4, 5), weights=(1, 2, 4, 5, 4))[0],
                rng.choices(_DEVICES, weights=(5, 4, 2, 3))[0],
            )
        )
    conn.executemany("INSERT INTO viewing VALUES (?, ?, ?, ?, ?, ?, ?)", viewings)


# The schema, values and questions are data: content/movie_streaming/ (read by polysql.data.mini.content_files).
DOMAIN = Domain(db_id="movie_streaming", split="train", schema_sql=load_schema("movie_streaming"), populate=populate)
