"""Dev domain ``car_rental``: rental branches, their cars, customers and rentals."""

from __future__ import annotations

import random
import sqlite3
from datetime import date, timedelta

from polysql.data.mini.content_files import load_schema, load_values
from polysql.data.mini.template import Domain, distinct_names

VALUES = load_values("car_rental")  # content/car_rental/values.json

_LEVELS = ("none", "silver", "gold")  # membership levels, drawn 5 : 3 : 2
_NUM_CARS = 50
_NUM_CUSTOMERS = 40
_NON_RENTERS = 4  # registered customers who have not rented yet


def populate(conn: sqlite3.Connection, rng: random.Random) -> None:
    """Insert 20 branches, 50 cars, 40 customers and about 130 rentals."""
    branches = [
        (i, name, city, rng.randint(1995, 2021), f"555-{rng.randint(100, 999):03d}{i % 10}")
        for i, (name, city) in enumerate(VALUES["branches"], start=1)
    ]
    conn.executemany("INSERT INTO branch VALUES (?, ?, ?, ?, ?)", branches)

    by_category = {category: (models, daily_rate) for category, _, daily_rate, models in VALUES["fleet"]}
    categories = list(by_category)
    weights = [weight for _, weight, _, _ in VALUES["fleet"]]
    mileages = rng.sample(range(3_000, 90_000), _NUM_CARS)  # distinct: "lowest mileage" has one answer
    used_rates: set[int] = set()
    cars = []
    for i in range(1, _NUM_CARS + 1):
        branch_id = i if i <= len(branches) else rng.randint(1, len(branches))  # every branch has a car
        category = rng.choices(categories, weights=weights)[0]
        models, (low, high) = by_category[category]
        make, model = rng.choice(models)
        while True:  # distinct daily rates in cents, so ordering by rate is stable
            cents = rng.randint(low * 100, high * 100 - 1) // 50 * 50 + 49
            if cents not in used_rates:
                used_rates.add(cents)
                break
        cars.append((i, branch_id, make, model, rng.randint(2018, 2024), category, cents / 100, mileages[i - 1]))
    conn.executemany("INSERT INTO car VALUES (?, ?, ?, ?, ?, ?, ?, ?)", cars)

    names = distinct_names(rng, VALUES["first_names"], VALUES["last_names"], _NUM_CUSTOMERS)
    cities = VALUES["customer_cities"]
    customers = [
        (i, name, cities[(i - 1) % len(cities)], rng.randint(1955, 2003), rng.choices(_LEVELS, weights=(5, 3, 2))[0])
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
    busiest = rng.randint(1, len(branches))
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
        rentals.append(
            (
                rental_id,
                car[0],
                rng.choice(renters),
                start.isoformat(),
                (start + timedelta(days=days)).isoformat(),
                days,
                total,
            )
        )
    conn.executemany("INSERT INTO rental VALUES (?, ?, ?, ?, ?, ?, ?)", rentals)


# The schema, values and questions are data: content/car_rental/ (read by polysql.data.mini.content_files).
DOMAIN = Domain(db_id="car_rental", split="dev", schema_sql=load_schema("car_rental"), populate=populate)
