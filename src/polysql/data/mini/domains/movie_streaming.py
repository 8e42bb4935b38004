"""Train domain ``movie_streaming``: directors, movies, subscribers and their viewings."""

from __future__ import annotations

import random
import sqlite3
from datetime import date, timedelta

from polysql.data.mini.template import Domain

SCHEMA_SQL = """
CREATE TABLE director (
    director_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    country TEXT NOT NULL,
    birth_year INTEGER NOT NULL
);
CREATE TABLE movie (
    movie_id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    director_id INTEGER NOT NULL,
    genre TEXT NOT NULL,
    release_year INTEGER NOT NULL,
    duration_minutes INTEGER NOT NULL,
    budget_million REAL NOT NULL,
    FOREIGN KEY (director_id) REFERENCES director (director_id)
);
CREATE TABLE subscriber (
    subscriber_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    country TEXT NOT NULL,
    plan_type TEXT NOT NULL,
    join_date TEXT NOT NULL,
    age INTEGER NOT NULL
);
CREATE TABLE viewing (
    viewing_id INTEGER PRIMARY KEY,
    subscriber_id INTEGER NOT NULL,
    movie_id INTEGER NOT NULL,
    view_date TEXT NOT NULL,
    minutes_watched INTEGER NOT NULL,
    rating INTEGER NOT NULL,
    device TEXT NOT NULL,
    FOREIGN KEY (subscriber_id) REFERENCES subscriber (subscriber_id),
    FOREIGN KEY (movie_id) REFERENCES movie (movie_id)
);
"""

# Fictional directors: (name, country, birth year).
_DIRECTORS = (
    ("Elena Marchetti", "Italy", 1968), ("Tomas Lindqvist", "Sweden", 1972), ("Hiroshi Tanaka", "Japan", 1959),
    ("Claire Dubois", "France", 1975), ("Marcus Reed", "United States", 1966), ("Sofia Alvarez", "Spain", 1981),
    ("Daniel Okafor", "Nigeria", 1978), ("Min-jun Park", "South Korea", 1970),
    ("Laura Bennett", "United Kingdom", 1964), ("Rafael Costa", "Brazil", 1973), ("Anna Kowalski", "Poland", 1980),
    ("Ethan Brooks", "United States", 1985), ("Isabel Moreno", "Mexico", 1977), ("Karl Hoffmann", "Germany", 1962),
    ("Priya Sharma", "India", 1983), ("Oliver Grant", "United Kingdom", 1971), ("Yuki Mori", "Japan", 1988),
    ("Lucas Ferreira", "Brazil", 1969), ("Grace Whitman", "United States", 1958), ("Pierre Laurent", "France", 1965),
)

# Fictional titles.
_TITLES = (
    "The Silent Harbor", "Midnight in Lisbon", "Paper Kingdoms", "The Last Lighthouse", "Echoes of Tomorrow",
    "Broken Compass", "A Winter in Kyoto", "The Glass Orchard", "Neon Rivers", "Saltwater Promise",
    "The Clockmaker Daughter", "Beyond the Red Dunes", "Summer of Fireflies", "The Quiet Detective",
    "Orbit of Shadows", "Letters from Valencia", "The Hollow Forest", "Crimson Skyline", "Small Town Heroes",
    "The Iron Garden", "Whispers at Dawn", "Northern Lights Express", "The Forgotten Map", "Velvet Thunder",
    "Distant Shores", "The Memory Thief", "Laughing in the Rain", "City of Lanterns", "The Final Signal",
    "Wild Horses Run", "The Paper Moon Cafe", "Under the Copper Sky",
)

_GENRES = ("Drama", "Comedy", "Thriller", "Science Fiction", "Animation", "Documentary", "Horror", "Romance")
_COUNTRIES = ("United States", "United Kingdom", "Canada", "Germany", "France", "Australia")
_PLANS = ("basic", "standard", "premium")
_DEVICES = ("tv", "phone", "tablet", "laptop")

_FIRST_NAMES = (
    "Liam", "Emma", "Noah", "Ava", "Oliver", "Isabella", "Elijah", "Mia", "Henry", "Amelia",
    "Alexander", "Harper", "Benjamin", "Evelyn", "Samuel", "Abigail", "Jack", "Ella", "Owen", "Scarlett",
    "Leo", "Lily", "Isaac", "Zoe", "Gabriel", "Nora", "Julian", "Aria", "Caleb", "Hazel",
)
_LAST_NAMES = (
    "Bailey", "Cooper", "Reed", "Morgan", "Bell", "Murphy", "Howard", "Ward", "Cox", "Richardson",
    "Wood", "Watson", "Brooks", "Bennett", "Gray", "James", "Hughes", "Price", "Sanders", "Myers",
    "Long", "Ross", "Foster", "Powell", "Jenkins", "Perry", "Russell", "Sullivan", "Fisher", "Hayes",
)

_NUM_SUBSCRIBERS = 40
_UNWATCHED = 3  # movies nobody has watched yet


def _random_date(rng: random.Random, start: date, end: date) -> str:
    return (start + timedelta(days=rng.randint(0, (end - start).days))).isoformat()


def populate(conn: sqlite3.Connection, rng: random.Random) -> None:
    """Insert 20 directors, 32 movies, 40 subscribers and about 170 viewings."""
    conn.executemany(
        "INSERT INTO director VALUES (?, ?, ?, ?)",
        [(i, name, country, born) for i, (name, country, born) in enumerate(_DIRECTORS, start=1)],
    )

    budgets = [b / 10 for b in rng.sample(range(15, 1800), len(_TITLES))]  # distinct, 1.5 to 180 million
    movies = []
    for i, (title, budget) in enumerate(zip(_TITLES, budgets), start=1):
        director_id = rng.randint(1, len(_DIRECTORS))
        genre = _GENRES[(i - 1) % len(_GENRES)] if i <= len(_GENRES) else rng.choice(_GENRES)
        movies.append((i, title, director_id, genre, rng.randint(1995, 2023), rng.randint(84, 172), budget))
    conn.executemany("INSERT INTO movie VALUES (?, ?, ?, ?, ?, ?, ?)", movies)

    names: list[str] = []
    while len(names) < _NUM_SUBSCRIBERS:
        name = f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}"
        if name not in names:
            names.append(name)
    subscribers = [
        (i, name, _COUNTRIES[(i - 1) % len(_COUNTRIES)], rng.choices(_PLANS, weights=(4, 5, 3))[0],
         _random_date(rng, date(2019, 1, 1), date(2023, 12, 31)), rng.randint(18, 71))
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
        viewings.append((
            viewing_id, rng.randint(1, _NUM_SUBSCRIBERS), movie[0], _random_date(rng, date(2024, 1, 1), date(2024, 8, 31)),
            watched, rng.choices((1, 2, 3, 4, 5), weights=(1, 2, 4, 5, 4))[0],
            rng.choices(_DEVICES, weights=(5, 4, 2, 3))[0],
        ))
    conn.executemany("INSERT INTO viewing VALUES (?, ?, ?, ?, ?, ?, ?)", viewings)


# The templates and questions are data: content/movie_streaming/ (read by polysql.data.mini.content_files).
DOMAIN = Domain(db_id="movie_streaming", split="train", schema_sql=SCHEMA_SQL, populate=populate)
