"""Train domain ``restaurant_delivery``: restaurants, cuisines, couriers, customers and deliveries."""

from __future__ import annotations

import random
import sqlite3
from datetime import date, timedelta

from polysql.data.mini.template import Domain

SCHEMA_SQL = """
CREATE TABLE cuisine (
    cuisine_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    origin_country TEXT NOT NULL
);
CREATE TABLE restaurant (
    restaurant_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    cuisine_id INTEGER NOT NULL,
    city TEXT NOT NULL,
    rating REAL NOT NULL,
    price_level INTEGER NOT NULL,
    opened_year INTEGER NOT NULL,
    FOREIGN KEY (cuisine_id) REFERENCES cuisine (cuisine_id)
);
CREATE TABLE courier (
    courier_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    vehicle TEXT NOT NULL,
    city TEXT NOT NULL,
    hire_date TEXT NOT NULL,
    hourly_wage REAL NOT NULL
);
CREATE TABLE customer (
    customer_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    city TEXT NOT NULL,
    email TEXT NOT NULL,
    signup_date TEXT NOT NULL,
    is_premium INTEGER NOT NULL
);
CREATE TABLE delivery (
    delivery_id INTEGER PRIMARY KEY,
    restaurant_id INTEGER NOT NULL,
    customer_id INTEGER NOT NULL,
    courier_id INTEGER NOT NULL,
    order_date TEXT NOT NULL,
    total_amount REAL NOT NULL,
    distance_km REAL NOT NULL,
    duration_minutes INTEGER NOT NULL,
    tip REAL NOT NULL,
    status TEXT NOT NULL,
    FOREIGN KEY (restaurant_id) REFERENCES restaurant (restaurant_id),
    FOREIGN KEY (customer_id) REFERENCES customer (customer_id),
    FOREIGN KEY (courier_id) REFERENCES courier (courier_id)
);
"""

_CUISINES = (
    ("Italian", "Italy"), ("Japanese", "Japan"), ("Mexican", "Mexico"), ("Indian", "India"),
    ("Thai", "Thailand"), ("Chinese", "China"), ("French", "France"), ("Greek", "Greece"),
    ("Lebanese", "Lebanon"), ("Korean", "South Korea"), ("Vietnamese", "Vietnam"), ("Spanish", "Spain"),
    ("Turkish", "Turkey"), ("Ethiopian", "Ethiopia"), ("Brazilian", "Brazil"), ("American", "United States"),
    ("Moroccan", "Morocco"), ("Peruvian", "Peru"), ("German", "Germany"), ("Jamaican", "Jamaica"),
    ("Indonesian", "Indonesia"), ("Filipino", "Philippines"),
)

# (restaurant name, cuisine name); the last six cuisines above deliberately have no restaurant.
_RESTAURANTS = (
    ("Trattoria Bella Roma", "Italian"), ("Luigi Pizza Kitchen", "Italian"), ("Pasta Fresca", "Italian"),
    ("Sakura Sushi Bar", "Japanese"), ("Ramen House Kenji", "Japanese"), ("El Camino Taqueria", "Mexican"),
    ("Casa Oaxaca", "Mexican"), ("Spice Route", "Indian"), ("Bombay Tandoor", "Indian"),
    ("Bangkok Garden", "Thai"), ("Lotus Thai Kitchen", "Thai"), ("Golden Dragon", "Chinese"),
    ("Dim Sum Palace", "Chinese"), ("Le Petit Bistro", "French"), ("Olive Grove Taverna", "Greek"),
    ("Cedars of Beirut", "Lebanese"), ("Seoul Kitchen", "Korean"), ("Pho Saigon", "Vietnamese"),
    ("Tapas y Vino", "Spanish"), ("Istanbul Grill", "Turkish"), ("Blue Nile Cafe", "Ethiopian"),
    ("Rio Churrascaria", "Brazilian"), ("Liberty Burger Co", "American"), ("Smokehouse BBQ", "American"),
    ("Napoli Express", "Italian"), ("Tokyo Bento", "Japanese"), ("Curry Leaf", "Indian"),
    ("Green Papaya", "Vietnamese"), ("Mezze Corner", "Lebanese"), ("Taco Loco", "Mexican"),
)

_CITIES = ("Boston", "Chicago", "Seattle", "Denver", "Austin", "Portland")
_VEHICLES = ("bicycle", "scooter", "car", "motorbike")

_FIRST_NAMES = (
    "James", "Mary", "Robert", "Patricia", "Michael", "Jennifer", "David", "Linda", "William", "Emily",
    "Daniel", "Sarah", "Matthew", "Jessica", "Anthony", "Karen", "Mark", "Nancy", "Steven", "Laura",
    "Andrew", "Olivia", "Joshua", "Sophia", "Kevin", "Grace", "Brian", "Chloe", "Ryan", "Hannah",
    "Jacob", "Megan", "Nathan", "Rachel", "Tyler", "Amber", "Ethan", "Natalie", "Lucas", "Victoria",
)
_LAST_NAMES = (
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
    "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White",
    "Harris", "Clark", "Lewis", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Green",
    "Baker", "Adams", "Nelson", "Hill", "Campbell", "Mitchell", "Roberts", "Carter", "Phillips", "Evans",
)

_NUM_COURIERS = 24
_NEW_COURIERS = 3  # hired after the last order date, so they have no deliveries yet
_NUM_CUSTOMERS = 40


def _unique_names(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    names: list[str] = []
    while len(names) < count:
        name = f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}"
        if name not in taken:
            taken.add(name)
            names.append(name)
    return names


def _random_date(rng: random.Random, start: date, end: date) -> str:
    return (start + timedelta(days=rng.randint(0, (end - start).days))).isoformat()


def populate(conn: sqlite3.Connection, rng: random.Random) -> None:
    """Insert cuisines, restaurants, couriers, customers and about 190 deliveries."""
    cuisine_ids = {name: i for i, (name, _) in enumerate(_CUISINES, start=1)}
    conn.executemany(
        "INSERT INTO cuisine VALUES (?, ?, ?)",
        [(i, name, country) for i, (name, country) in enumerate(_CUISINES, start=1)],
    )

    # Uneven city sizes (7, 6, 5, 5, 4, 3); ratings are distinct so "best rated" has one answer.
    restaurant_cities = [city for city, k in zip(_CITIES, (7, 6, 5, 5, 4, 3)) for _ in range(k)]
    rng.shuffle(restaurant_cities)
    ratings = [r / 100 for r in rng.sample(range(320, 496), len(_RESTAURANTS))]
    restaurants = []
    for i, ((name, cuisine), city, rating) in enumerate(zip(_RESTAURANTS, restaurant_cities, ratings), start=1):
        restaurants.append((i, name, cuisine_ids[cuisine], city, rating, rng.randint(1, 4), rng.randint(2005, 2023)))
    conn.executemany("INSERT INTO restaurant VALUES (?, ?, ?, ?, ?, ?, ?)", restaurants)

    taken: set[str] = set()
    courier_names = _unique_names(rng, _NUM_COURIERS, taken)
    wages = [w / 100 for w in rng.sample(range(1500, 2650), _NUM_COURIERS)]
    couriers = []
    for i, (name, wage) in enumerate(zip(courier_names, wages), start=1):
        new = i > _NUM_COURIERS - _NEW_COURIERS
        hired = _random_date(rng, date(2024, 7, 1), date(2024, 9, 30)) if new else _random_date(
            rng, date(2019, 1, 1), date(2023, 12, 31))
        vehicle = rng.choices(_VEHICLES, weights=(3, 4, 2, 3))[0]
        couriers.append((i, name, vehicle, _CITIES[(i - 1) % len(_CITIES)], hired, wage))
    conn.executemany("INSERT INTO courier VALUES (?, ?, ?, ?, ?, ?)", couriers)

    customer_names = _unique_names(rng, _NUM_CUSTOMERS, taken)
    customers = []
    for i, name in enumerate(customer_names, start=1):
        email = name.lower().replace(" ", ".") + f"{i}@example.com"
        city = _CITIES[(i - 1) % len(_CITIES)]
        signup = _random_date(rng, date(2020, 1, 1), date(2023, 12, 31))
        customers.append((i, name, city, email, signup, 1 if rng.random() < 0.35 else 0))
    conn.executemany("INSERT INTO customer VALUES (?, ?, ?, ?, ?, ?)", customers)

    active_couriers = {city: [c[0] for c in couriers[: _NUM_COURIERS - _NEW_COURIERS] if c[3] == city]
                       for city in _CITIES}
    city_customers = {city: [c[0] for c in customers if c[2] == city] for city in _CITIES}
    # One restaurant is clearly the busiest; every other restaurant gets 3-9 orders.
    busiest = rng.randrange(len(restaurants))
    orders = []
    for index, restaurant in enumerate(restaurants):
        for _ in range(14 if index == busiest else rng.randint(3, 9)):
            orders.append(restaurant)
    rng.shuffle(orders)
    # One courier is guaranteed to have both a cancelled and a refunded delivery.
    flagged_courier = rng.choice(active_couriers[rng.choice(_CITIES)])
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
        deliveries.append((
            delivery_id, restaurant[0], rng.choice(city_customers[city]), courier_id,
            _random_date(rng, date(2024, 1, 1), date(2024, 6, 30)), round(rng.uniform(12, 95), 2),
            distance, duration, tip, status,
        ))
    conn.executemany("INSERT INTO delivery VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", deliveries)


# The templates and questions are data: content/restaurant_delivery/ (read by polysql.data.mini.content_files).
DOMAIN = Domain(db_id="restaurant_delivery", split="train", schema_sql=SCHEMA_SQL, populate=populate)
