"""Domain ``music_festival`` (dev): festivals, artists, their performances and ticket sales."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3

from polysql.data.mini.content_files import load_schema, load_values
from polysql.data.mini.template import Domain

VALUES = load_values("music_festival")  # content/music_festival/values.json

# ticket type -> price multiplier of the festival's day price
TICKET_TYPES = {"Day Pass": 1.0, "Weekend Pass": 2.4, "VIP": 4.5}


def populate(conn: sqlite3.Connection, rng: random.Random) -> None:
    """20 festivals, 40 artists (four never booked), 170 performances, 60 ticket categories."""
    festivals, artist_names = VALUES["festivals"], VALUES["artists"]
    for festival_id, row in enumerate(festivals, start=1):
        conn.execute("INSERT INTO festival VALUES (?, ?, ?, ?, ?, ?)", (festival_id, *row))
    genres = [genre for genre, artists in VALUES["genres"] for _ in range(artists)]
    rng.shuffle(genres)
    for artist_id, (name, genre) in enumerate(zip(artist_names, genres), start=1):
        conn.execute(
            "INSERT INTO artist VALUES (?, ?, ?, ?, ?)",
            (artist_id, name, rng.choice(VALUES["artist_countries"]), genre, rng.randint(1985, 2020)),
        )

    booked = rng.sample(range(1, len(artist_names) + 1), 36)
    headliner = booked[0]  # plays far more shows than anyone else
    artists = [headliner] * 9 + [rng.choice(booked) for _ in range(161)]
    for performance_id, artist_id in enumerate(artists, start=1):
        festival_id = rng.randint(1, len(festivals))
        day = dt.date(2024, 5, 1) + dt.timedelta(days=rng.randrange(120))
        conn.execute(
            "INSERT INTO performance VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                performance_id,
                festival_id,
                artist_id,
                day.isoformat(),
                rng.choice(VALUES["stages"]),
                rng.randrange(20_000, 400_000, 5_000),
                rng.choice([45, 60, 75, 90, 120]),
            ),
        )

    ticket_id = 0
    for festival_id, (*_, capacity) in enumerate(festivals, start=1):
        day_price = rng.randrange(60, 180, 5)
        for ticket_type, factor in TICKET_TYPES.items():
            ticket_id += 1
            share = rng.uniform(0.01, 0.04) if ticket_type == "VIP" else rng.uniform(0.2, 0.6)
            sold = int(capacity * share)
            conn.execute(
                "INSERT INTO ticket VALUES (?, ?, ?, ?, ?)",
                (ticket_id, festival_id, ticket_type, round(day_price * factor, 2), sold),
            )


# The schema, values and questions are data: content/music_festival/ (read by polysql.data.mini.content_files).
DOMAIN = Domain(db_id="music_festival", split="dev", schema_sql=load_schema("music_festival"), populate=populate)
