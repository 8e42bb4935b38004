"""Small Spider-style demo databases with deterministic data, for tests and benchmarks.

``build_concert_singer(path)`` and ``build_pets(path)`` recreate the shape of two classic Spider
databases (same tables, columns and foreign keys; the rows are generated), and ``SAMPLE_GOLD`` lists
Spider-style gold queries for them. Their ``tables.json`` entries come from
:func:`polysql.sql.sqlite_schema.tables_json_entry`.
"""

from __future__ import annotations

import os
import random
import sqlite3
from pathlib import Path

CONCERT_SINGER_DDL = """
CREATE TABLE stadium (Stadium_ID INTEGER PRIMARY KEY, Location TEXT, Name TEXT, Capacity INTEGER,
                      Highest INTEGER, Lowest INTEGER, Average INTEGER);
CREATE TABLE singer (Singer_ID INTEGER PRIMARY KEY, Name TEXT, Country TEXT, Song_Name TEXT,
                     Song_release_year TEXT, Age INTEGER, Is_male TEXT);
CREATE TABLE concert (concert_ID INTEGER PRIMARY KEY, concert_Name TEXT, Theme TEXT,
                      Stadium_ID INTEGER REFERENCES stadium(Stadium_ID), Year TEXT);
CREATE TABLE singer_in_concert (concert_ID INTEGER REFERENCES concert(concert_ID),
                                Singer_ID INTEGER REFERENCES singer(Singer_ID),
                                PRIMARY KEY (concert_ID, Singer_ID));
"""

PETS_DDL = """
CREATE TABLE Student (StuID INTEGER PRIMARY KEY, LName TEXT, Fname TEXT, Age INTEGER, Sex TEXT,
                      Major INTEGER, Advisor INTEGER, city_code TEXT);
CREATE TABLE Pets (PetID INTEGER PRIMARY KEY, PetType TEXT, pet_age INTEGER, weight REAL);
CREATE TABLE Has_Pet (StuID INTEGER REFERENCES Student(StuID), PetID INTEGER REFERENCES Pets(PetID));
"""

_COUNTRIES = ["Netherlands", "United States", "France", "Germany", "Japan", "Vietnam", "Spain"]
_WORDS = ["Love", "Night", "Sun", "River", "Dance", "Gold", "Rain", "Fire", "Home", "Blue"]


def _fresh_database(path: str | os.PathLike) -> tuple[Path, sqlite3.Connection]:
    """Delete any file at ``path`` and open a new, empty database there."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    return path, sqlite3.connect(path)


def build_concert_singer(path: str | os.PathLike, *, scale: int = 1, seed: int = 0) -> Path:
    """Create a concert_singer-shaped database at ``path`` (overwritten) and return the path.

    Args:
        scale: multiplies the row counts (1 gives 30 singers, 12 stadiums, 60 concerts).
        seed: random seed of the generated rows.
    """
    rng = random.Random(seed)
    path, conn = _fresh_database(path)
    try:
        conn.executescript(CONCERT_SINGER_DDL)
        stadiums = 12 * scale
        for i in range(1, stadiums + 1):
            capacity = rng.randrange(2000, 60000)
            low = rng.randrange(100, 1000)
            conn.execute(
                "INSERT INTO stadium VALUES (?,?,?,?,?,?,?)",
                (
                    i,
                    f"{rng.choice(_WORDS)} City",
                    f"{rng.choice(_WORDS)} Park {i}",
                    capacity,
                    low + rng.randrange(500, 5000),
                    low,
                    low + rng.randrange(10, 400),
                ),
            )
        singers = 30 * scale
        for i in range(1, singers + 1):
            conn.execute(
                "INSERT INTO singer VALUES (?,?,?,?,?,?,?)",
                (
                    i,
                    f"Singer {i}",
                    rng.choice(_COUNTRIES),
                    f"{rng.choice(_WORDS)} {rng.choice(_WORDS)}",
                    str(rng.randrange(1990, 2016)),
                    rng.randrange(18, 60),
                    rng.choice("TF"),
                ),
            )
        concerts = 60 * scale
        for i in range(1, concerts + 1):
            conn.execute(
                "INSERT INTO concert VALUES (?,?,?,?,?)",
                (i, f"Concert {i}", rng.choice(_WORDS), rng.randrange(1, stadiums + 1), str(rng.randrange(2010, 2016))),
            )
        pairs = {(rng.randrange(1, concerts + 1), rng.randrange(1, singers + 1)) for _ in range(150 * scale)}
        conn.executemany("INSERT INTO singer_in_concert VALUES (?,?)", sorted(pairs))
        conn.commit()
    finally:
        conn.close()
    return path


def build_pets(path: str | os.PathLike, *, seed: int = 0) -> Path:
    """Create a pets_1-shaped database at ``path`` (overwritten) and return the path."""
    rng = random.Random(seed)
    path, conn = _fresh_database(path)
    try:
        conn.executescript(PETS_DDL)
        for i in range(1001, 1031):
            conn.execute(
                "INSERT INTO Student VALUES (?,?,?,?,?,?,?,?)",
                (
                    i,
                    f"L{i}",
                    f"F{i % 17}",
                    rng.randrange(17, 27),
                    rng.choice("MF"),
                    rng.choice([600, 520, 540, 550]),
                    rng.randrange(1100, 1200),
                    rng.choice(["BAL", "HKG", "WAS", "PIT"]),
                ),
            )
        for i in range(2001, 2016):
            conn.execute(
                "INSERT INTO Pets VALUES (?,?,?,?)",
                (i, rng.choice(["cat", "dog"]), rng.randrange(1, 6), round(rng.uniform(1, 20), 1)),
            )
        for _ in range(20):
            conn.execute("INSERT INTO Has_Pet VALUES (?,?)", (rng.randrange(1001, 1031), rng.randrange(2001, 2016)))
        conn.commit()
    finally:
        conn.close()
    return path


SAMPLE_GOLD: dict[str, list[str]] = {
    "concert_singer": [
        "SELECT count(*) FROM singer",
        "SELECT name ,  country ,  age FROM singer ORDER BY age DESC",
        "SELECT avg(age) ,  min(age) ,  max(age) FROM singer WHERE country  =  'France'",
        "SELECT song_name ,  song_release_year FROM singer ORDER BY age LIMIT 1",
        "SELECT DISTINCT country FROM singer WHERE age  >  20",
        "SELECT country ,  count(*) FROM singer GROUP BY country",
        "SELECT song_name FROM singer WHERE age  >  (SELECT avg(age) FROM singer)",
        "SELECT LOCATION ,  name FROM stadium WHERE capacity BETWEEN 5000 AND 10000",
        "SELECT max(capacity), average FROM stadium",
        "SELECT name ,  capacity FROM stadium ORDER BY average DESC LIMIT 1",
        "SELECT count(*) FROM concert WHERE YEAR  =  2014 OR YEAR  =  2015",
        "SELECT T2.name ,  count(*) FROM concert AS T1 JOIN stadium AS T2 ON T1.stadium_id  =  "
        "T2.stadium_id GROUP BY T1.stadium_id",
        "SELECT T2.name ,  T2.capacity FROM concert AS T1 JOIN stadium AS T2 ON T1.stadium_id  =  "
        "T2.stadium_id WHERE T1.year  >=  2014 GROUP BY T2.stadium_id ORDER BY count(*) DESC LIMIT 1",
        "SELECT YEAR FROM concert GROUP BY YEAR ORDER BY count(*) DESC LIMIT 1",
        "SELECT name FROM stadium WHERE stadium_id NOT IN (SELECT stadium_id FROM concert)",
        "SELECT country FROM singer WHERE age  >  40 INTERSECT SELECT country FROM singer WHERE age  <  30",
        "SELECT name FROM stadium EXCEPT SELECT T2.name FROM concert AS T1 JOIN stadium AS T2 ON "
        "T1.stadium_id  =  T2.stadium_id WHERE T1.year  =  2014",
        "SELECT T2.concert_name ,  T2.theme ,  count(*) FROM singer_in_concert AS T1 JOIN concert "
        "AS T2 ON T1.concert_id  =  T2.concert_id GROUP BY T2.concert_id",
        "SELECT T2.name ,  count(*) FROM singer_in_concert AS T1 JOIN singer AS T2 ON "
        "T1.singer_id  =  T2.singer_id GROUP BY T2.singer_id",
        "SELECT T2.name FROM singer_in_concert AS T1 JOIN singer AS T2 ON T1.singer_id  =  "
        "T2.singer_id JOIN concert AS T3 ON T1.concert_id  =  T3.concert_id WHERE T3.year  =  2014",
        "SELECT name ,  country FROM singer WHERE song_name LIKE '%Love%'",
        "SELECT T2.name ,  T2.location FROM concert AS T1 JOIN stadium AS T2 ON T1.stadium_id  =  "
        "T2.stadium_id WHERE T1.Year  =  2014 INTERSECT SELECT T2.name ,  T2.location FROM concert "
        "AS T1 JOIN stadium AS T2 ON T1.stadium_id  =  T2.stadium_id WHERE T1.Year  =  2015",
        "select count(*) from concert where stadium_id = (select stadium_id from stadium order by "
        "capacity desc limit 1)",
        "SELECT count(DISTINCT country) FROM singer",
        "SELECT name FROM singer WHERE country = 'France' AND age > 30 OR is_male = 'T'",
        "SELECT country FROM singer GROUP BY country HAVING count(*) > 3",
        "SELECT Highest - Lowest FROM stadium",
    ],
    "pets": [
        "SELECT count(*) FROM student WHERE age  >  20",
        "SELECT count(*) FROM student AS T1 JOIN has_pet AS T2 ON T1.stuid  =  T2.stuid WHERE "
        "T1.sex  =  'F' AND T2.petid IN (SELECT petid FROM pets WHERE pettype  =  'dog')",
        "SELECT count(DISTINCT pettype) FROM pets",
        "SELECT DISTINCT T1.Fname FROM student AS T1 JOIN has_pet AS T2 ON T1.stuid  =  T2.stuid "
        "JOIN pets AS T3 ON T3.petid  =  T2.petid WHERE T3.pettype  =  'cat' OR T3.pettype  =  'dog'",
        "SELECT major ,  age FROM student WHERE stuid NOT IN (SELECT T1.stuid FROM student AS T1 "
        "JOIN has_pet AS T2 ON T1.stuid  =  T2.stuid JOIN pets AS T3 ON T3.petid  =  T2.petid WHERE "
        "T3.pettype  =  'cat')",
        "SELECT pettype ,  weight FROM pets ORDER BY pet_age LIMIT 1",
        "SELECT max(weight) ,  petType FROM pets GROUP BY petType",
        "SELECT avg(pet_age) ,  max(pet_age) ,  pettype FROM pets GROUP BY pettype",
        "SELECT T1.fname ,  T1.age FROM student AS T1 JOIN has_pet AS T2 ON T1.stuid  =  T2.stuid "
        "JOIN pets AS T3 ON T3.petid  =  T2.petid WHERE T3.pettype  =  'dog' AND T1.fname NOT IN "
        "(SELECT T1.fname FROM student AS T1 JOIN has_pet AS T2 ON T1.stuid  =  T2.stuid JOIN pets "
        "AS T3 ON T3.petid  =  T2.petid WHERE T3.pettype  =  'cat')",
        "SELECT count(*) ,  T1.stuid FROM student AS T1 JOIN has_pet AS T2 ON T1.stuid  =  T2.stuid GROUP BY T1.stuid",
        "SELECT avg(age) FROM student WHERE stuid NOT IN (SELECT stuid FROM has_pet)",
        "SELECT fname ,  age FROM student WHERE stuid IN (SELECT stuid FROM has_pet) ORDER BY age",
    ],
}
