"""Train domain ``restaurant_delivery``: restaurants, cuisines, couriers, customers and deliveries."""

from __future__ import annotations

import random
import sqlite3
from datetime import date, timedelta

from polysql.data.mini.content_files import load_schema, load_values
from polysql.data.mini.template import Domain, distinct_names

VALUES = load_values("restaurant_delivery")  # content/restaurant_delivery/values.json

_VEHICLES = ("bicycle", "scooter", "car", "motorbike")  # drawn 3 : 4 : 2 : 3

_NUM_COURIERS = 24
_NEW_COURIERS = 3  # hired after the last order date, so they have no deliveries yet
_NUM_CUSTOMERS = 40


def _random_date(rng: random.Random, start: date, end: date) -> str:
    return (start + timedelta(days=rng.randint(0, (end - start).days))).isoformat()


def populate(conn: sqlite3.Connection, rng: random.Random) -> None:
    """Insert cuisines, restaurants, couriers, customers and about 190 deliveries."""
    cuisines, cities = VALUES["cuisines"], VALUES["cities"]
    cuisine_ids = {name: i for i, (name, _) in enumerate(cuisines, start=1)}
    conn.executemany(
        "INSERT INTO cuisine VALUES (?, ?, ?)",
        [(i, name, country) for i, (name, country) in enumerate(cuisines, start=1)],
    )

    # Uneven city sizes (7, 6, 5, 5, 4, 3); ratings are distinct so "best rated" has one answer.
    restaurant_cities = [city for city, k in zip(cities, (7, 6, 5, 5, 4, 3)) for _ in range(k)]
    rng.shuffle(restaurant_cities)
    ratings = [r / 100 for r in rng.sample(range(320, 496), len(VALUES["restaurants"]))]
    restaurants = []
    named = zip(VALUES["restaurants"], restaurant_cities, ratings)
    for i, ((name, cuisine), city, rating) in enumerate(named, start=1):
        restaurants.append((i, name, cuisine_ids[cuisine], city, rating, rng.randint(1, 4), rng.randint(2005, 2023)))
    conn.executemany("INSERT INTO restaurant VALUES (?, ?, ?, ?, ?, ?, ?)", restaurants)

    taken: set[str] = set()
    courier_names = distinct_names(rng, VALUES["first_names"], VALUES["last_names"], _NUM_COURIERS, taken)
    wages = [w / 100 for w in rng.sample(range(1500, 2650), _NUM_COURIERS)]
    couriers = []
    for i, (name, wage) in enumerate(zip(courier_names, wages), start=1):
        new = i > _NUM_COURIERS - _NEW_COURIERS
        hired = (
            _random_date(rng, date(2024, 7, 1), date(2024, 9, 30))
            if new
            else _random_date(rng, date(2019, 1, 1), date(2023, 12, 31))
        )
        vehicle = rng.choices(_VEHICLES, weights=(3, 4, 2, 3))[0]
        couriers.append((i, name, vehicle, cities[(i - 1) % len(cities)], hired, wage))
    conn.executemany("INSERT INTO courier VALUES (?, ?, ?, ?, ?, ?)", couriers)

    customer_names = distinct_names(rng, VALUES["first_names"], VALUES["last_names"], _NUM_CUSTOMERS, taken)
    customers = []
    for i, name in enumerate(customer_names, start=1):
        email = name.lower().replace(" ", ".") + f"{i}@example.com"
        city = cities[(i - 1) % len(cities)]
        signup = _random_date(rng, date(2020, 1, 1), date(2023, 12, 31))
        customers.append((i, name, city, email, signup, 1 if rng.random() < 0.35 else 0))
    conn.executemany("INSERT INTO customer VALUES (?, ?, ?, ?, ?, ?)", customers)

    active_couriers = {
        city: [c[0] for c in couriers[: _NUM_COURIERS - _NEW_COURIERS] if c[3] == city] for city in cities
    }
    city_customers = {city: [c[0] for c in customers if c[2] == city] for city in cities}
    # One restaurant is clearly the busiest; every other restaurant gets 3-9 orders.
    busiest = rng.randrange(len(restaurants))
    orders = []
    for index, restaurant in enumerate(restaurants):
        for _ in range(14 if index == busiest else rng.randint(3, 9)):
            orders.append(restaurant)
    rng.shuffle(orders)
    # One courier is guaranteed to have both a cancelled and a refunded delivery.
    flagged_courier = rng.choice(active_couriers[rng.choice(cities)])
    forced_statuses = ["cancelled", "refunded"]
    deliveries = []
    for delivery_id, restaurant in enumerate(orders, start=1):
        city = restaurant[3]
        courier_id = rng.choice(active_couriers[city])
        if forced_statuses and courier_id != flagged_courier and city == couriers[flagged_courier - 1][3]:
            courier_id = flagged_courier
        if courier_id == flagged_courier and forced_statuses:
            status = forced_statuses.pop(0)
        else:
            status = rng.choices(("delivered", "cancelled", "refunded"), weights=(82, 11, 7))[0]
        distance = round(rng.uniform(0.5, 9.5), 1)
        duration = int(10 + distance * 4 + rng.randint(0, 15))
        tip = 0.0 if status == "cancelled" else round(rng.uniform(0, 12), 2)
        deliveries.append(
            (
                delivery_id,
                restaurant[0],
                rng.choice(city_customers[city]),
                courier_id,
                _random_date(rng, date(2024, 1, 1), date(2024, 6, 30)),
                round(rng.uniform(12, 95), 2),
                distance,
                duration,
                tip,
                status,
            )
        )
    conn.executemany("INSERT INTO delivery VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", deliveries)


# The schema, values and questions are data: content/restaurant_delivery/ (read by polysql.data.mini.content_files).
DOMAIN = Domain(
    db_id="restaurant_delivery", split="train", schema_sql=load_schema("restaurant_delivery"), populate=populate
)
