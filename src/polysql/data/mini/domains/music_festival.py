"""Domain ``music_festival`` (dev): festivals, artists, their performances and ticket sales."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3

from polysql.data.mini.template import Domain

SCHEMA = """
CREATE TABLE festival (
    festival_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    city TEXT NOT NULL,
    country TEXT NOT NULL,
    founded_year INTEGER NOT NULL,
    capacity INTEGER NOT NULL
);
CREATE TABLE artist (
    artist_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    country TEXT NOT NULL,
    genre TEXT NOT NULL,
    formed_year INTEGER NOT NULL
);
CREATE TABLE performance (
    performance_id INTEGER PRIMARY KEY,
    festival_id INTEGER NOT NULL REFERENCES festival(festival_id),
    artist_id INTEGER NOT NULL REFERENCES artist(artist_id),
    performance_date TEXT NOT NULL,
    stage TEXT NOT NULL,
    fee INTEGER NOT NULL,
    duration_minutes INTEGER NOT NULL
);
CREATE TABLE ticket (
    ticket_id INTEGER PRIMARY KEY,
    festival_id INTEGER NOT NULL REFERENCES festival(festival_id),
    ticket_type TEXT NOT NULL,
    price REAL NOT NULL,
    sold INTEGER NOT NULL
);
"""

# (name, city, country, founded, capacity)
FESTIVALS = [
    ("Glastonbury", "Pilton", "United Kingdom", 1970, 210000),
    ("Reading Festival", "Reading", "United Kingdom", 1971, 105000),
    ("Coachella", "Indio", "United States", 1999, 125000),
    ("Lollapalooza", "Chicago", "United States", 1991, 115000),
    ("Austin City Limits", "Austin", "United States", 2002, 75000),
    ("Primavera Sound", "Barcelona", "Spain", 2001, 65000),
    ("Mad Cool", "Madrid", "Spain", 2016, 70000),
    ("Roskilde Festival", "Roskilde", "Denmark", 1971, 130000),
    ("Fuji Rock Festival", "Yuzawa", "Japan", 1997, 40000),
    ("Summer Sonic", "Chiba", "Japan", 2000, 60000),
    ("Tomorrowland", "Boom", "Belgium", 2005, 200000),
    ("Rock Werchter", "Werchter", "Belgium", 1974, 88000),
    ("Sziget Festival", "Budapest", "Hungary", 1993, 95000),
    ("Rock in Rio", "Rio de Janeiro", "Brazil", 1985, 100000),
    ("Montreux Jazz Festival", "Montreux", "Switzerland", 1967, 25000),
    ("Hurricane Festival", "Scheessel", "Germany", 1997, 78000),
    ("Melt Festival", "Graefenhainichen", "Germany", 1997, 25000),
    ("Exit Festival", "Novi Sad", "Serbia", 2000, 55000),
    ("Osheaga", "Montreal", "Canada", 2006, 45000),
    ("Flow Festival", "Helsinki", "Finland", 2004, 30000),
]
ARTISTS = ["Velvet Harbor", "Neon Tide", "Paper Lanterns", "The Glass Foxes", "Northern Static", "Silver Avenue",
           "Crimson Atlas", "Low Orbit", "The Wild Meridian", "Golden Hour Club", "Echo Valley", "Midnight Bloom",
           "Iron Lullaby", "Coral Drive", "The Lantern Kings", "Blue Comet", "Solar Choir", "Marble Rivers",
           "Hollow Pines", "DJ Kestrel", "Luna Vega", "MC Orbit", "Saffron Skies", "Tidal Echo", "Quiet Thunder",
           "The Copper Keys", "Nova Sound System", "Amber Parade", "Static Bloom", "Jade Horizon", "The Slow Rivers",
           "Wolf and Willow", "Dust Bowl Saints", "Kyoto Drift", "Lisbon Nights", "Pixel Hearts", "Black Harbor",
           "Sunset Arcade", "Polar Radio", "Ruby Street"]
# Rock is the most common genre by construction
GENRES = ["Rock"] * 8 + ["Pop"] * 6 + ["Electronic"] * 6 + ["Hip Hop"] * 5 + ["Indie"] * 5 + ["Jazz"] * 4 + \
         ["Metal"] * 3 + ["Folk"] * 3
ARTIST_COUNTRIES = ["United States", "United Kingdom", "Canada", "Australia", "Germany", "Sweden", "Japan", "Brazil",
                    "France", "South Korea"]
STAGES = ["Main Stage", "Second Stage", "Tent Stage"]
# ticket type -> price multiplier of the festival's day price
TICKET_TYPES = {"Day Pass": 1.0, "Weekend Pass": 2.4, "VIP": 4.5}


def populate(conn: sqlite3.Connection, rng: random.Random) -> None:
    """20 festivals, 40 artists (four never booked), 170 performances, 60 ticket categories."""
    for festival_id, row in enumerate(FESTIVALS, start=1):
        conn.execute("INSERT INTO festival VALUES (?, ?, ?, ?, ?, ?)", (festival_id, *row))
    genres = list(GENRES)
    rng.shuffle(genres)
    for artist_id, (name, genre) in enumerate(zip(ARTISTS, genres), start=1):
        conn.execute("INSERT INTO artist VALUES (?, ?, ?, ?, ?)",
                     (artist_id, name, rng.choice(ARTIST_COUNTRIES), genre, rng.randint(1985, 2020)))

    booked = rng.sample(range(1, len(ARTISTS) + 1), 36)
    headliner = booked[0]  # plays far more shows than anyone else
    artists = [headliner] * 9 + [rng.choice(booked) for _ in range(161)]
    for performance_id, artist_id in enumerate(artists, start=1):
        festival_id = rng.randint(1, len(FESTIVALS))
        day = dt.date(2024, 5, 1) + dt.timedelta(days=rng.randrange(120))
        conn.execute("INSERT INTO performance VALUES (?, ?, ?, ?, ?, ?, ?)",
                     (performance_id, festival_id, artist_id, day.isoformat(), rng.choice(STAGES),
                      rng.randrange(20_000, 400_000, 5_000), rng.choice([45, 60, 75, 90, 120])))

    ticket_id = 0
    for festival_id, (*_, capacity) in enumerate(FESTIVALS, start=1):
        day_price = rng.randrange(60, 180, 5)
        for ticket_type, factor in TICKET_TYPES.items():
            ticket_id += 1
            share = rng.uniform(0.01, 0.04) if ticket_type == "VIP" else rng.uniform(0.2, 0.6)
            sold = int(capacity * share)
            conn.execute("INSERT INTO ticket VALUES (?, ?, ?, ?, ?)",
                         (ticket_id, festival_id, ticket_type, round(day_price * factor, 2), sold))


# The templates and questions are data: content/music_festival/ (read by polysql.data.mini.content_files).
DOMAIN = Domain(db_id="music_festival", split="dev", schema_sql=SCHEMA, populate=populate)
