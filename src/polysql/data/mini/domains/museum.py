"""Dev domain ``museum``: museums, artists, artworks, exhibitions and which artworks each exhibition shows."""

from __future__ import annotations

import random
import sqlite3
from datetime import date, timedelta

from polysql.data.mini.content_files import load_schema, load_values
from polysql.data.mini.template import Domain

VALUES = load_values("museum")  # content/museum/values.json

_NUM_ARTWORKS = 60
_IDLE_ARTISTS = 3  # artists with no artwork in any collection
_NEVER_SHOWN = 6  # artworks no exhibition has shown


def populate(conn: sqlite3.Connection, rng: random.Random) -> None:
    """Insert 20 museums, 24 artists, 60 artworks, 24 exhibitions and about 90 exhibition items."""
    artists = VALUES["artists"]
    founded = rng.sample(range(1820, 2011), len(VALUES["museums"]))  # distinct: ordering by founding year is stable
    museums = [
        (i, name, city, country, year, rng.randrange(80_000, 4_000_000, 500))
        for i, ((name, city, country), year) in enumerate(zip(VALUES["museums"], founded), start=1)
    ]
    conn.executemany("INSERT INTO museum VALUES (?, ?, ?, ?, ?, ?)", museums)
    conn.executemany(
        "INSERT INTO artist VALUES (?, ?, ?, ?, ?)",
        [(i, *artist) for i, artist in enumerate(artists, start=1)],
    )

    artist_ids = list(range(1, len(artists) + 1))
    rng.shuffle(artist_ids)
    working_artists = artist_ids[_IDLE_ARTISTS:]
    titles = [f"{a} {b}" for a in VALUES["title_adjectives"] for b in VALUES["title_nouns"]]
    rng.shuffle(titles)
    values = [v / 10 for v in rng.sample(range(5, 1500), _NUM_ARTWORKS)]  # distinct, 0.5 to 150 million
    # The first eight artworks all belong to one museum, which therefore holds clearly the most.
    big_museum = rng.randint(1, len(museums))
    other_museums = [m for m in range(1, len(museums) + 1) if m != big_museum]
    mediums = dict(VALUES["mediums"])  # movement -> the media its artworks are made in
    artworks = []
    for i in range(1, _NUM_ARTWORKS + 1):
        artist_id = working_artists[(i - 1) % len(working_artists)]
        _, _, born, movement = artists[artist_id - 1]
        museum_id = big_museum if i <= 8 else rng.choice(other_museums)
        medium = rng.choice(mediums[movement])
        artworks.append((i, titles[i - 1], artist_id, museum_id, born + rng.randint(20, 60), medium, values[i - 1]))
    conn.executemany("INSERT INTO artwork VALUES (?, ?, ?, ?, ?, ?, ?)", artworks)

    exhibitions = []
    for i, title in enumerate(VALUES["exhibitions"], start=1):
        start = date(2022, 1, 1) + timedelta(days=rng.randint(0, 900))
        end = start + timedelta(days=rng.randint(60, 150))
        price = rng.randrange(800, 3000, 50) / 100
        exhibitions.append((i, title, rng.randint(1, len(museums)), start.isoformat(), end.isoformat(), price))
    conn.executemany("INSERT INTO exhibition VALUES (?, ?, ?, ?, ?, ?)", exhibitions)

    artwork_ids = list(range(1, _NUM_ARTWORKS + 1))
    rng.shuffle(artwork_ids)
    showable = artwork_ids[_NEVER_SHOWN:]
    items = []
    for exhibition_id in range(1, len(exhibitions) + 1):
        for artwork_id in sorted(rng.sample(showable, rng.randint(2, 6))):
            items.append((exhibition_id, artwork_id))
    conn.executemany("INSERT INTO exhibition_artwork VALUES (?, ?)", items)


# The schema, values and questions are data: content/museum/ (read by polysql.data.mini.content_files).
DOMAIN = Domain(db_id="museum", split="dev", schema_sql=load_schema("museum"), populate=populate)
