"""Dev domain ``car_rental``: rental branches, their cars, customers and rentals."""

from __future__ import annotations

import random
import sqlite3
from datetime import date, timedelta

from polysql.data.mini.template import Domain

SCHEMA_SQL = """
CREATE TABLE branch (
    branch_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    city TEXT NOT NULL,
    opened_year INTEGER NOT NULL,
    phone TEXT NOT NULL
);
CREATE TABLE car (
    car_id INTEGER PRIMARY KEY,
    branch_id INTEGER NOT NULL,
    make TEXT NOT NULL,
    model TEXT NOT NULL,
    year INTEGER NOT NULL,
    category TEXT NOT NULL,
    daily_rate REAL NOT NULL,
    mileage INTEGER NOT NULL,
    FOREIGN KEY (branch_id) REFERENCES branch (branch_id)
);
CREATE TABLE customer (
    customer_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    city TEXT NOT NULL,
    birth_year INTEGER NOT NULL,
    membership_level TEXT NOT NULL
);
CREATE TABLE rental (
    rental_id INTEGER PRIMARY KEY,
    car_id INTEGER NOT NULL,
    customer_id INTEGER NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    days INTEGER NOT NULL,
    total_cost REAL NOT NULL,
    FOREIGN KEY (car_id) REFERENCES car (car_id),
    FOREIGN KEY (customer_id) REFERENCES customer (customer_id)
);
"""

# (branch name, city)
_BRANCHES = (
    ("Denver Downtown", "Denver"), ("Denver International Airport", "Denver"), ("Phoenix Sky Harbor", "Phoenix"),
    ("Phoenix Central", "Phoenix"), ("Miami Beach", "Miami"), ("Miami Airport", "Miami"), ("Dallas Uptown", "Dallas"),
    ("Dallas Love Field", "Dallas"), ("Atlanta Midtown", "Atlanta"), ("Atlanta Airport", "Atlanta"),
    ("Orlando Airport", "Orlando"), ("Orlando International Drive", "Orlando"), ("Las Vegas Strip", "Las Vegas"),
    ("Las Vegas Airport", "Las Vegas"), ("San Diego Harbor", "San Diego"), ("San Diego Airport", "San Diego"),
    ("Salt Lake City Central", "Salt Lake City"), ("Nashville Downtown", "Nashville"), ("Tampa Bay", "Tampa"),
    ("Austin Airport", "Austin"),
)

# category -> ((make, model), ...) and its daily rate range in dollars
_FLEET = {
    "economy": ((("Toyota", "Yaris"), ("Kia", "Rio"), ("Nissan", "Versa"), ("Hyundai", "Accent"),
                 ("Chevrolet", "Spark")), (29, 45)),
    "compact": ((("Toyota", "Corolla"), ("Honda", "Civic"), ("Volkswagen", "Golf"), ("Mazda", "Mazda3"),
                 ("Ford", "Focus")), (38, 56)),
    "SUV": ((("Toyota", "RAV4"), ("Ford", "Explorer"), ("Honda", "CR-V"), ("Jeep", "Grand Cherokee"),
             ("Nissan", "Rogue"), ("Hyundai", "Tucson")), (55, 95)),
    "luxury": ((("BMW", "5 Series"), ("Mercedes-Benz", "E-Class"), ("Audi", "A6"), ("Lexus", "ES"),
                ("Cadillac", "CT5")), (95, 180)),
    "van": ((("Chrysler", "Pacifica"), ("Honda", "Odyssey"), ("Toyota", "Sienna"), ("Ford", "Transit")), (70, 110)),
}
_CATEGORY_WEIGHTS = {"economy": 5, "compact": 5, "SUV": 6, "luxury": 3, "van": 2}

_CUSTOMER_CITIES = ("Denver", "Chicago", "New York", "Miami", "Dallas", "Seattle", "Atlanta", "Boston")
_LEVELS = ("none", "silver", "gold")

_FIRST_NAMES = (
    "Aaron", "Bethany", "Carlos", "Diana", "Edward", "Fiona", "George", "Helen", "Ian", "Julia",
    "Kyle", "Leah", "Martin", "Nina", "Oscar", "Paula", "Quentin", "Rosa", "Simon", "Tara",
    "Victor", "Wendy", "Xavier", "Yvonne", "Zachary", "Alice", "Brandon", "Cynthia", "Derek", "Elaine",
)
_LAST_NAMES = (
    "Abbott", "Barnes", "Chapman", "Dalton", "Ellis", "Fleming", "Gibson", "Hart", "Irwin", "Jordan",
    "Keller", "Lawson", "Mendez", "Norris", "Ortega", "Palmer", "Quinn", "Ramsey", "Stone", "Tucker",
    "Vaughn", "Wheeler", "Yates", "Zimmerman", "Bishop", "Crawford", "Dunn", "Ferguson", "Grant", "Holland",
)

_NUM_CARS = 50
_NUM_CUSTOMERS = 40
_NON_RENTERS = 4  # registered customers who have not rented yet


def populate(conn: sqlite3.Connection, rng: random.Random) -> None:
    """Insert 20 branches, 50 cars, 40 customers and about 130 rentals."""
    branches = [
        (i, name, city, rng.randint(1995, 2021), f"555-{rng.randint(100, 999):03d}{i % 10}")
        for i, (name, city) in enumerate(_BRANCHES, start=1)
    ]
    conn.executemany("INSERT INTO branch VALUES (?, ?, ?, ?, ?)", branches)

    categories = list(_CATEGORY_WEIGHTS)
    mileages = rng.sample(range(3_000, 90_000), _NUM_CARS)  # distinct: "lowest mileage" has one answer
    used_rates: set[int] = set()
    cars = []
    for i in range(1, _NUM_CARS + 1):
        branch_id = i if i <= len(_BRANCHES) else rng.randint(1, len(_BRANCHES))  # every branch has a car
        category = rng.choices(categories, weights=[_CATEGORY_WEIGHTS[c] for c in categories])[0]
        models, (low, high) = _FLEET[category]
        make, model = rng.choice(models)
        while True:  # distinct daily rates in cents, so ordering by rate is stable
            cents = rng.randint(low * 100, high * 100 - 1) // 50 * 50 + 49
            if cents not in used_rates:
                used_rates.add(cents)
                break
        cars.append((i, branch_id, make, model, rng.randint(2018, 2024), category, cents / 100, mileages[i - 1]))
    conn.executemany("INSERT INTO car VALUES (?, ?, ?, ?, ?, ?, ?, ?)", cars)

    names: list[str] = []
    while len(names) < _NUM_CUSTOMERS:
        name = f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}"
        if name not in names:
            names.append(name)
    customers = [
        (i, name, _CUSTOMER_CITIES[(i - 1) % len(_CUSTOMER_CITIES)], rng.randint(1955, 2003),
         rng.choices(_LEVELS, weights=(5, 3, 2))[0])
        for i, name in enumerate(names, start=1)
    ]
    conn.executemany("INSERT INTO customer VALUES (?, ?, ?, ?, ?)", customers)

    renters = list(range(1, _NUM_CUSTOMERS + 1))
    rng.shuffle(renters)
    renters = renters[_NON_RENTERS:]
    cars_of_branch: dict[int, list[tuple]] = {}
    for car in cars:
        cars_of_branch.setdefault(car[1], []).append(car)
    # One branch is clearly the busiest; the others get 2-8 rentals each.
    busiest = rng.randint(1, len(_BRANCHES))
    picks = []
    for branch_id, fleet in sorted(cars_of_branch.items()):
        for _ in range(16 if branch_id == busiest else rng.randint(2, 8)):
            picks.append(rng.choice(fleet))
    rng.shuffle(picks)
    rentals = []
    for rental_id, car in enumerate(picks, start=1):
        start = date(2023, 1, 1) + timedelta(days=rng.randint(0, 600))
        days = rng.randint(1, 14)
        total = round(days * car[6] + rng.choice((0, 0, 15, 25, 40)) + rng.randint(0, 99) / 100, 2)
        rentals.append((rental_id, car[0], rng.choice(renters), start.isoformat(),
                        (start + timedelta(days=days)).isoformat(), days, total))
    conn.executemany("INSERT INTO rental VALUES (?, ?, ?, ?, ?, ?, ?)", rentals)


# The templates and questions are data: content/car_rental/ (read by polysql.data.mini.content_files).
DOMAIN = Domain(db_id="car_rental", split="dev", schema_sql=SCHEMA_SQL, populate=populate)
