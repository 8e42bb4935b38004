"""Mini-benchmark domain ``flight_booking`` (train): airports, airlines, flights and passenger bookings."""

from __future__ import annotations

import datetime
import math
import random
import sqlite3

from polysql.data.mini.template import Domain

SCHEMA_SQL = """
CREATE TABLE airports (
    airport_code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    city TEXT NOT NULL,
    country TEXT NOT NULL
);
CREATE TABLE airlines (
    airline_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    iata_code TEXT NOT NULL,
    country TEXT NOT NULL,
    founded_year INTEGER NOT NULL
);
CREATE TABLE flights (
    flight_id INTEGER PRIMARY KEY,
    flight_number TEXT NOT NULL,
    airline_id INTEGER NOT NULL,
    origin TEXT NOT NULL,
    destination TEXT NOT NULL,
    departure_date TEXT NOT NULL,
    duration_minutes INTEGER NOT NULL,
    price INTEGER NOT NULL,
    FOREIGN KEY (airline_id) REFERENCES airlines(airline_id),
    FOREIGN KEY (origin) REFERENCES airports(airport_code),
    FOREIGN KEY (destination) REFERENCES airports(airport_code)
);
CREATE TABLE passengers (
    passenger_id INTEGER PRIMARY KEY,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    nationality TEXT NOT NULL,
    birth_date TEXT NOT NULL
);
CREATE TABLE bookings (
    booking_id INTEGER PRIMARY KEY,
    passenger_id INTEGER NOT NULL,
    flight_id INTEGER NOT NULL,
    seat_class TEXT NOT NULL,
    booking_date TEXT NOT NULL,
    FOREIGN KEY (passenger_id) REFERENCES passengers(passenger_id),
    FOREIGN KEY (flight_id) REFERENCES flights(flight_id)
);
"""

# (code, name, city, country, latitude, longitude)
_AIRPORTS = (
    ("JFK", "John F. Kennedy International Airport", "New York", "United States", 40.64, -73.78),
    ("LAX", "Los Angeles International Airport", "Los Angeles", "United States", 33.94, -118.41),
    ("ATL", "Hartsfield-Jackson Atlanta International Airport", "Atlanta", "United States", 33.64, -84.43),
    ("YYZ", "Toronto Pearson International Airport", "Toronto", "Canada", 43.68, -79.63),
    ("LHR", "Heathrow Airport", "London", "United Kingdom", 51.47, -0.45),
    ("LGW", "Gatwick Airport", "London", "United Kingdom", 51.15, -0.18),
    ("CDG", "Charles de Gaulle Airport", "Paris", "France", 49.01, 2.55),
    ("FRA", "Frankfurt Airport", "Frankfurt", "Germany", 50.03, 8.56),
    ("MUC", "Munich Airport", "Munich", "Germany", 48.35, 11.79),
    ("MAD", "Madrid-Barajas Airport", "Madrid", "Spain", 40.49, -3.57),
    ("BCN", "Barcelona-El Prat Airport", "Barcelona", "Spain", 41.30, 2.08),
    ("FCO", "Leonardo da Vinci-Fiumicino Airport", "Rome", "Italy", 41.80, 12.25),
    ("AMS", "Amsterdam Airport Schiphol", "Amsterdam", "Netherlands", 52.31, 4.76),
    ("LIS", "Humberto Delgado Airport", "Lisbon", "Portugal", 38.77, -9.13),
    ("DXB", "Dubai International Airport", "Dubai", "United Arab Emirates", 25.25, 55.36),
    ("NRT", "Narita International Airport", "Tokyo", "Japan", 35.77, 140.39),
    ("HND", "Haneda Airport", "Tokyo", "Japan", 35.55, 139.78),
    ("ICN", "Incheon International Airport", "Seoul", "South Korea", 37.46, 126.44),
    ("PEK", "Beijing Capital International Airport", "Beijing", "China", 40.08, 116.58),
    ("PVG", "Shanghai Pudong International Airport", "Shanghai", "China", 31.14, 121.81),
    ("HAN", "Noi Bai International Airport", "Hanoi", "Vietnam", 21.22, 105.81),
    ("SGN", "Tan Son Nhat International Airport", "Ho Chi Minh City", "Vietnam", 10.82, 106.65),
    ("SIN", "Singapore Changi Airport", "Singapore", "Singapore", 1.36, 103.99),
    ("SYD", "Sydney Kingsford Smith Airport", "Sydney", "Australia", -33.95, 151.18),
)

# (name, IATA code, country, founded, hub)
_AIRLINES = (
    ("Lufthansa", "LH", "Germany", 1953, "FRA"),
    ("Delta Air Lines", "DL", "United States", 1925, "ATL"),
    ("United Airlines", "UA", "United States", 1926, "LAX"),
    ("American Airlines", "AA", "United States", 1930, "JFK"),
    ("British Airways", "BA", "United Kingdom", 1974, "LHR"),
    ("Air France", "AF", "France", 1933, "CDG"),
    ("KLM", "KL", "Netherlands", 1919, "AMS"),
    ("Iberia", "IB", "Spain", 1927, "MAD"),
    ("ITA Airways", "AZ", "Italy", 2020, "FCO"),
    ("Japan Airlines", "JL", "Japan", 1951, "HND"),
    ("All Nippon Airways", "NH", "Japan", 1952, "NRT"),
    ("Air China", "CA", "China", 1988, "PEK"),
    ("China Eastern Airlines", "MU", "China", 1987, "PVG"),
    ("Vietnam Airlines", "VN", "Vietnam", 1956, "HAN"),
    ("Qantas", "QF", "Australia", 1920, "SYD"),
    ("Emirates", "EK", "United Arab Emirates", 1985, "DXB"),
    ("Singapore Airlines", "SQ", "Singapore", 1947, "SIN"),
    ("Air Canada", "AC", "Canada", 1937, "YYZ"),
    ("TAP Air Portugal", "TP", "Portugal", 1945, "LIS"),
    ("Korean Air", "KE", "South Korea", 1969, "ICN"),
)
# Routes (each flown both ways) per airline, shuffled: flight counts per airline differ.
_ROUTES_PER_AIRLINE = (1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3)

_PEOPLE = {
    "American": (("Michael", "Jennifer", "David", "Sarah", "Robert", "Emily", "Chris", "Jessica"),
                 ("Johnson", "Miller", "Davis", "Garcia", "Wilson", "Anderson", "Moore", "Taylor")),
    "British": (("Oliver", "Charlotte", "Harry", "Sophie", "George", "Alice", "Edward", "Lucy"),
                ("Smith", "Jones", "Evans", "Roberts", "Hughes", "Edwards", "Green", "Hall")),
    "German": (("Lukas", "Anna", "Maximilian", "Lea", "Paul", "Laura", "Jonas", "Marie"),
               ("Muller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker")),
    "French": (("Louis", "Camille", "Gabriel", "Chloe", "Arthur", "Manon", "Jules", "Ines"),
               ("Martin", "Bernard", "Dubois", "Leroy", "Moreau", "Richard", "Petit", "Durand")),
    "Japanese": (("Haruto", "Yui", "Sota", "Hina", "Ren", "Aoi", "Yuto", "Sakura"),
                 ("Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura")),
    "Chinese": (("Wei", "Fang", "Lei", "Jing", "Hao", "Min", "Jun", "Xin"),
                ("Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao")),
    "Vietnamese": (("Minh", "Lan", "Huy", "Linh", "Tuan", "Thao", "Nam", "Mai"),
                   ("Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang", "Bui")),
    "Spanish": (("Alejandro", "Lucia", "Daniel", "Maria", "Pablo", "Carmen", "Javier", "Elena"),
                ("Fernandez", "Lopez", "Martinez", "Sanchez", "Perez", "Gomez", "Diaz", "Romero")),
    "Canadian": (("Liam", "Emma", "Noah", "Olivia", "Ethan", "Ava", "Logan", "Claire"),
                 ("Tremblay", "Roy", "Gagnon", "Cote", "Bouchard", "MacDonald", "Campbell", "Brown")),
    "Australian": (("Jack", "Isla", "William", "Mia", "Lachlan", "Ruby", "Cooper", "Matilda"),
                   ("Kelly", "Walker", "Ryan", "Mitchell", "Harris", "Clarke", "Morgan", "Cooper")),
}
_SEAT_CLASSES = ("Economy", "Premium Economy", "Business", "First")
_SEAT_WEIGHTS = (60, 15, 18, 7)
_SEASON_START = datetime.date(2024, 3, 1)


def _distance_km(a: tuple, b: tuple) -> float:
    """Great-circle distance between two airport rows."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a[4], a[5], b[4], b[5]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def populate(conn: sqlite3.Connection, rng: random.Random) -> None:
    """Insert airports, airlines, flights, passengers and bookings drawn from ``rng``."""
    conn.executemany("INSERT INTO airports VALUES (?, ?, ?, ?)", [a[:4] for a in _AIRPORTS])
    conn.executemany("INSERT INTO airlines VALUES (?, ?, ?, ?, ?)",
                     [(i, name, code, country, year) for i, (name, code, country, year, _) in enumerate(_AIRLINES, 1)])

    airport = {a[0]: a for a in _AIRPORTS}
    routes = list(_ROUTES_PER_AIRLINE)
    rng.shuffle(routes)
    legs = []  # (airline_id, origin, destination)
    for airline_id, ((_, _, _, _, hub), k) in enumerate(zip(_AIRLINES, routes), start=1):
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
        carrier = next(i for i, a in enumerate(_AIRLINES, 1) if airport[a[4]][2] != airport[leaders[0]][2])
        legs.append((carrier, _AIRLINES[carrier - 1][4], leaders[0]))

    days = rng.sample(range(122), len(legs))  # distinct departure dates
    numbers = {}
    used_minutes, used_prices, flights = set(), set(), []
    for flight_id, ((airline_id, origin, dest), day) in enumerate(zip(legs, days), start=1):
        code = _AIRLINES[airline_id - 1][1]
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
    for nationality, (firsts, lasts) in _PEOPLE.items():
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
    conn.executemany("INSERT INTO bookings VALUES (?, ?, ?, ?, ?)",
                     [(i, *b) for i, b in enumerate(bookings, start=1)])


# The templates and questions are data: content/flight_booking/ (read by polysql.data.mini.content_files).
DOMAIN = Domain(db_id="flight_booking", split="train", schema_sql=SCHEMA_SQL, populate=populate)
