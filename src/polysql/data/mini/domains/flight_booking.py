"""Mini-benchmark domain ``flight_booking`` (train): airports, airlines, flights and passenger bookings."""

from __future__ import annotations

import datetime
import math
import random
import sqlite3

from polysql.data.mini.content_files import load_schema, load_values
from polysql.data.mini.template import Domain

VALUES = load_values("flight_booking")  # content/flight_booking/values.json

# Routes (each flown both ways) per airline, shuffled: flight counts per airline differ.
_ROUTES_PER_AIRLINE = (1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3)
# Seat classes, with how often each is booked.
_SEAT_CLASSES = ("Economy", "Premium Economy", "Business", "First")
_SEAT_WEIGHTS = (60, 15, 18, 7)
_SEASON_START = datetime.date(2024, 3, 1)


def _distance_km(a: tuple, b: tuple) -> float:
    """Great-circle distance between two airport rows (code, name, city, country, latitude, longitude)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a[4], a[5], b[4], b[5]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def populate(conn: sqlite3.Connection, rng: random.Random) -> None:
    """Insert airports, airlines, flights, passengers and bookings drawn from ``rng``."""
    airports, airlines = VALUES["airports"], VALUES["airlines"]
    conn.executemany("INSERT INTO airports VALUES (?, ?, ?, ?)", [a[:4] for a in airports])
    conn.executemany(
        "INSERT INTO airlines VALUES (?, ?, ?, ?, ?)",
        [(i, name, code, country, year) for i, (name, code, country, year, _) in enumerate(airlines, 1)],
    )

    airport = {a[0]: a for a in airports}
    routes = list(_ROUTES_PER_AIRLINE)
    rng.shuffle(routes)
    legs = []  # (airline_id, origin, destination)
    for airline_id, ((_, _, _, _, hub), k) in enumerate(zip(airlines, routes), start=1):
        others = [code for code in airport if airport[code][2] != airport[hub][2]]
        for dest in rng.sample(others, k):
            legs += [(airline_id, hub, dest), (airline_id, dest, hub)]
    # One extra flight into the busiest destination keeps "most frequent destination" unique.
    tally: dict[str, int] = {}
    for _, _, dest in legs:
        tally[dest] = tally.get(dest, 0) + 1
    best = max(tally.values())
    leaders = sorted(code for code, k in tally.items() if k == best)
    if len(leaders) > 1:
        carrier = next(i for i, a in enumerate(airlines, 1) if airport[a[4]][2] != airport[leaders[0]][2])
        legs.append((carrier, airlines[carrier - 1][4], leaders[0]))

    days = rng.sample(range(122), len(legs))  # distinct departure dates
    numbers = {}
    used_minutes, used_prices, flights = set(), set(), []
    for flight_id, ((airline_id, origin, dest), day) in enumerate(zip(legs, days), start=1):
        code = airlines[airline_id - 1][1]
        number = f"{code}{rng.randint(100, 999)}"
        while number in numbers:
            number = f"{code}{rng.randint(100, 999)}"
        numbers[number] = flight_id
        km = _distance_km(airport[origin], airport[dest])
        minutes = int(km / 820 * 60) + 35 + rng.randint(-8, 8)
        while minutes in used_minutes:  # distinct durations: "longest flight" answers are unique
            minutes += 1
        used_minutes.add(minutes)
        price = int((90 + km * 0.09) * rng.uniform(0.8, 1.3))
        while price in used_prices:
            price += 1
        used_prices.add(price)
        date = _SEASON_START + datetime.timedelta(days=day)
        flights.append((flight_id, number, airline_id, origin, dest, date.isoformat(), minutes, price))
    conn.executemany("INSERT INTO flights VALUES (?, ?, ?, ?, ?, ?, ?, ?)", flights)

    people, seen = [], set()
    for nationality, firsts, lasts in VALUES["people"]:
        for first, last in rng.sample([(f, s) for f in firsts for s in lasts], 6):
            if (first, last) in seen:
                continue
            seen.add((first, last))
            birth = datetime.date(1950, 1, 1) + datetime.timedelta(days=rng.randint(0, 55 * 365))
            people.append((first, last, nationality, birth.isoformat()))
    rng.shuffle(people)
    passengers = [(i, *person) for i, person in enumerate(people, start=1)]
    conn.executemany("INSERT INTO passengers VALUES (?, ?, ?, ?, ?)", passengers)

    # Bookings per passenger: one clear frequent flyer (8), six passengers without bookings.
    counts = [8] + [0] * 6 + [rng.randint(1, 5) for _ in range(len(passengers) - 7)]
    rng.shuffle(counts)
    bookings = []
    for passenger_id, k in enumerate(counts, start=1):
        for flight in rng.sample(flights, k):
            departure = datetime.date.fromisoformat(flight[5])
            booked = departure - datetime.timedelta(days=rng.randint(3, 120))
            seat = rng.choices(_SEAT_CLASSES, _SEAT_WEIGHTS)[0]
            bookings.append((passenger_id, flight[0], seat, booked.isoformat()))
    bookings.sort(key=lambda b: (b[3], b[0]))
    conn.executemany("INSERT INTO bookings VALUES (?, ?, ?, ?, ?)", [(i, *b) for i, b in enumerate(bookings, start=1)])


# The schema, values and questions are data: content/flight_booking/ (read by polysql.data.mini.content_files).
DOMAIN = Domain(db_id="flight_booking", split="train", schema_sql=load_schema("flight_booking"), populate=populate)
