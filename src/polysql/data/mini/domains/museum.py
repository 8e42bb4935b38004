"""Dev domain ``museum``: museums, artists, artworks, exhibitions and which artworks each exhibition shows."""

from __future__ import annotations

import random
import sqlite3
from datetime import date, timedelta

from polysql.data.mini.template import Domain

SCHEMA_SQL = """
CREATE TABLE museum (
    museum_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    city TEXT NOT NULL,
    country TEXT NOT NULL,
    founded_year INTEGER NOT NULL,
    annual_visitors INTEGER NOT NULL
);
CREATE TABLE artist (
    artist_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    country TEXT NOT NULL,
    birth_year INTEGER NOT NULL,
    movement TEXT NOT NULL
);
CREATE TABLE artwork (
    artwork_id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    artist_id INTEGER NOT NULL,
    museum_id INTEGER NOT NULL,
    year_created INTEGER NOT NULL,
    medium TEXT NOT NULL,
    estimated_value_million REAL NOT NULL,
    FOREIGN KEY (artist_id) REFERENCES artist (artist_id),
    FOREIGN KEY (museum_id) REFERENCES museum (museum_id)
);
CREATE TABLE exhibition (
    exhibition_id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    museum_id INTEGER NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    ticket_price REAL NOT NULL,
    FOREIGN KEY (museum_id) REFERENCES museum (museum_id)
);
CREATE TABLE exhibition_artwork (
    exhibition_id INTEGER NOT NULL,
    artwork_id INTEGER NOT NULL,
    PRIMARY KEY (exhibition_id, artwork_id),
    FOREIGN KEY (exhibition_id) REFERENCES exhibition (exhibition_id),
    FOREIGN KEY (artwork_id) REFERENCES artwork (artwork_id)
);
"""

# Fictional museums: (name, city, country).
_MUSEUMS = (
    ("Northgate Museum of Fine Arts", "Chicago", "United States"), ("Harborview Art Gallery", "Seattle", "United States"),
    ("Lakeside Modern", "Chicago", "United States"), ("Royal Crescent Gallery", "London", "United Kingdom"),
    ("Thameside Museum of Art", "London", "United Kingdom"), ("Galerie du Quai", "Paris", "France"),
    ("Musee des Lumieres", "Lyon", "France"), ("Kunsthalle am Fluss", "Berlin", "Germany"),
    ("Museum Sonnenhof", "Munich", "Germany"), ("Palazzo delle Arti", "Florence", "Italy"),
    ("Galleria Nuova", "Milan", "Italy"), ("Museo del Puerto", "Barcelona", "Spain"),
    ("Casa de las Artes", "Madrid", "Spain"), ("Sakura Art Museum", "Tokyo", "Japan"),
    ("Kyoto Hillside Gallery", "Kyoto", "Japan"), ("Canal House Museum", "Amsterdam", "Netherlands"),
    ("Maple Leaf Art Centre", "Toronto", "Canada"), ("Southern Cross Gallery", "Sydney", "Australia"),
    ("Copper Bay Museum", "San Francisco", "United States"), ("Westbridge Museum of Art", "London", "United Kingdom"),
)

# Fictional artists: (name, country, birth year, movement).
_ARTISTS = (
    ("Henri Valmont", "France", 1841, "Impressionism"), ("Camille Roussel", "France", 1852, "Impressionism"),
    ("Lucia Bellini", "Italy", 1478, "Renaissance"), ("Matteo Caravelli", "Italy", 1571, "Baroque"),
    ("Pieter van Daal", "Netherlands", 1609, "Baroque"), ("Johanna Weiss", "Germany", 1880, "Expressionism"),
    ("Friedrich Albers", "Germany", 1884, "Expressionism"), ("Pablo Serrano Ruiz", "Spain", 1885, "Cubism"),
    ("Georges Lemaire", "France", 1882, "Cubism"), ("Salvador Montes", "Spain", 1904, "Surrealism"),
    ("Margit Lindgren", "Sweden", 1898, "Surrealism"), ("Thomas Ashford", "United Kingdom", 1830, "Realism"),
    ("Eleanor Price", "United States", 1845, "Realism"), ("Andy Kessler", "United States", 1928, "Pop Art"),
    ("Rita Donovan", "United Kingdom", 1934, "Pop Art"), ("Akira Hoshino", "Japan", 1902, "Surrealism"),
    ("Isabella Fontana", "Italy", 1490, "Renaissance"), ("Jan de Vries", "Netherlands", 1853, "Impressionism"),
    ("Claude Marchand", "France", 1614, "Baroque"), ("Emil Novak", "Czech Republic", 1887, "Cubism"),
    ("Olga Petrova", "Russia", 1879, "Expressionism"), ("Winslow Carter", "United States", 1836, "Realism"),
    ("Yoko Sato", "Japan", 1931, "Pop Art"), ("Diego Alvarez", "Mexico", 1886, "Realism"),
)

_MEDIUMS_BY_MOVEMENT = {
    "Renaissance": ("tempera", "oil on canvas", "marble"),
    "Baroque": ("oil on canvas", "marble", "bronze"),
    "Impressionism": ("oil on canvas", "watercolor"),
    "Realism": ("oil on canvas", "watercolor", "bronze"),
    "Expressionism": ("oil on canvas", "watercolor"),
    "Cubism": ("oil on canvas", "bronze", "watercolor"),
    "Surrealism": ("oil on canvas", "watercolor", "bronze"),
    "Pop Art": ("acrylic", "watercolor"),
}

_TITLE_WORDS = (
    ("Blue", "Golden", "Silent", "Evening", "Winter", "Distant", "Quiet", "Crimson", "Autumn", "Morning"),
    ("Harbor", "Garden", "Bridge", "Orchard", "Dancer", "Window", "River", "Cathedral", "Violin", "Meadow", "Lantern",
     "Horseman"),
)

_EXHIBITIONS = (
    "Light and Water", "Masters of the Baroque", "Faces of the Century", "Dreams and Visions", "Modern Rhythms",
    "Color in Motion", "The Northern Eye", "Shadows of the Renaissance", "Gardens in Paint", "City Lights",
    "Myth and Memory", "The Sculpted Form", "Seascapes", "Portraits of Power", "Between Worlds", "The Quiet Room",
    "Paper and Ink", "Golden Age Revisited", "New Perspectives", "Journeys East", "Bold Lines", "Echoes of Paris",
    "Silent Landscapes", "The Human Figure",
)

_NUM_ARTWORKS = 60
_IDLE_ARTISTS = 3  # artists with no artwork in any collection
_NEVER_SHOWN = 6  # artworks no exhibition has shown


def populate(conn: sqlite3.Connection, rng: random.Random) -> None:
    """Insert 20 museums, 24 artists, 60 artworks, 24 exhibitions and about 90 exhibition items."""
    founded = rng.sample(range(1820, 2011), len(_MUSEUMS))  # distinct, so ordering by founding year is stable
    museums = [
        (i, name, city, country, year, rng.randrange(80_000, 4_000_000, 500))
        for i, ((name, city, country), year) in enumerate(zip(_MUSEUMS, founded), start=1)
    ]
    conn.executemany("INSERT INTO museum VALUES (?, ?, ?, ?, ?, ?)", museums)
    conn.executemany(
        "INSERT INTO artist VALUES (?, ?, ?, ?, ?)",
        [(i, *artist) for i, artist in enumerate(_ARTISTS, start=1)],
    )

    artist_ids = list(range(1, len(_ARTISTS) + 1))
    rng.shuffle(artist_ids)
    working_artists = artist_ids[_IDLE_ARTISTS:]
    titles = [f"{a} {b}" for a in _TITLE_WORDS[0] for b in _TITLE_WORDS[1]]
    rng.shuffle(titles)
    values = [v / 10 for v in rng.sample(range(5, 1500), _NUM_ARTWORKS)]  # distinct, 0.5 to 150 million
    # The first eight artworks all belong to one museum, which therefore holds clearly the most.
    big_museum = rng.randint(1, len(_MUSEUMS))
    other_museums = [m for m in range(1, len(_MUSEUMS) + 1) if m != big_museum]
    artworks = []
    for i in range(1, _NUM_ARTWORKS + 1):
        artist_id = working_artists[(i - 1) % len(working_artists)]
        _, _, born, movement = _ARTISTS[artist_id - 1]
        museum_id = big_museum if i <= 8 else rng.choice(other_museums)
        medium = rng.choice(_MEDIUMS_BY_MOVEMENT[movement])
        artworks.append((i, titles[i - 1], artist_id, museum_id, born + rng.randint(20, 60), medium, values[i - 1]))
    conn.executemany("INSERT INTO artwork VALUES (?, ?, ?, ?, ?, ?, ?)", artworks)

    exhibitions = []
    for i, title in enumerate(_EXHIBITIONS, start=1):
        start = date(2022, 1, 1) + timedelta(days=rng.randint(0, 900))
        end = start + timedelta(days=rng.randint(60, 150))
        price = rng.randrange(800, 3000, 50) / 100
        exhibitions.append((i, title, rng.randint(1, len(_MUSEUMS)), start.isoformat(), end.isoformat(), price))
    conn.executemany("INSERT INTO exhibition VALUES (?, ?, ?, ?, ?, ?)", exhibitions)

    artwork_ids = list(range(1, _NUM_ARTWORKS + 1))
    rng.shuffle(artwork_ids)
    showable = artwork_ids[_NEVER_SHOWN:]
    items = []
    for exhibition_id in range(1, len(_EXHIBITIONS) + 1):
        for artwork_id in sorted(rng.sample(showable, rng.randint(2, 6))):
            items.append((exhibition_id, artwork_id))
    conn.executemany("INSERT INTO exhibition_artwork VALUES (?, ?)", items)


# The templates and questions are data: content/museum/ (read by polysql.data.mini.content_files).
DOMAIN = Domain(db_id="museum", split="dev", schema_sql=SCHEMA_SQL, populate=populate)
