"""Mini-benchmark domain ``ecommerce`` (train): an online shop with customers, products and orders."""

from __future__ import annotations

import datetime
import random
import sqlite3
from typing import Any

from polysql.data.mini.content_files import load_schema, load_values
from polysql.data.mini.template import Domain

VALUES = load_values("ecommerce")  # content/ecommerce/values.json

# Products per brand; exactly one brand has the most products (keeps "top brand" answers unique).
_BRAND_SIZES = (9, 7, 6, 6, 5, 5, 4, 4, 4, 4, 3, 3)
# Order statuses and payment methods, with how often each is drawn.
_STATUSES = ("delivered", "shipped", "pending", "cancelled")
_STATUS_WEIGHTS = (55, 20, 10, 15)
_PAYMENTS = ("credit card", "PayPal", "bank transfer", "gift card")
_PAYMENT_WEIGHTS = (45, 30, 15, 10)


def _iso(start: datetime.date, offset_days: int) -> str:
    return (start + datetime.timedelta(days=offset_days)).isoformat()


def populate(conn: sqlite3.Connection, rng: random.Random) -> None:
    """Insert categories, products, customers, orders and order items drawn from ``rng``."""
    conn.executemany(
        "INSERT INTO categories VALUES (?, ?, ?)",
        [(i, name, desc) for i, (name, desc, _, _) in enumerate(VALUES["categories"], start=1)],
    )

    brands = list(VALUES["brands"])
    rng.shuffle(brands)
    brand_slots = [brand for brand, size in zip(brands, _BRAND_SIZES) for _ in range(size)]
    rng.shuffle(brand_slots)
    products: list[tuple[Any, ...]] = []  # (product_id, name, brand, category_id, price, stock)
    used_prices: set[float] = set()
    for category_id, (_, _, (low, high), names) in enumerate(VALUES["categories"], start=1):
        for name in names:
            price = round(rng.randint(low, high) - 0.01, 2)
            while price in used_prices:  # unique prices keep "most expensive" answers unambiguous
                price = round(price + 1.0, 2)
            used_prices.add(price)
            products.append(
                (len(products) + 1, name, brand_slots[len(products)], category_id, price, rng.randint(0, 250))
            )
    conn.executemany("INSERT INTO products VALUES (?, ?, ?, ?, ?, ?)", products)

    name_pairs = rng.sample([(f, s) for f in VALUES["first_names"] for s in VALUES["last_names"]], 40)
    customers = []
    for customer_id, (first, last) in enumerate(name_pairs, start=1):
        city, country = rng.choice(VALUES["cities"])
        customers.append(
            (
                customer_id,
                first,
                last,
                f"{first.lower()}.{last.lower()}@example.com",
                city,
                country,
                _iso(datetime.date(2021, 1, 1), rng.randint(0, 1000)),
            )
        )
    conn.executemany("INSERT INTO customers VALUES (?, ?, ?, ?, ?, ?, ?)", customers)

    # Orders per customer: one clear top buyer (9), eight customers without orders.
    counts = [9] + [0] * 8 + [rng.randint(1, 6) for _ in range(31)]
    rng.shuffle(counts)
    top_customer = counts.index(9) + 1
    owners = [cid for cid, k in enumerate(counts, start=1) for _ in range(k)]
    days = sorted(rng.sample(range(730), len(owners)))  # distinct dates: ORDER BY order_date is total
    rng.shuffle(owners)
    orders = []
    top_seen = 0
    for order_id, (customer_id, day) in enumerate(zip(owners, days), start=1):
        status = rng.choices(_STATUSES, _STATUS_WEIGHTS)[0]
        payment = rng.choices(_PAYMENTS, _PAYMENT_WEIGHTS)[0]
        if customer_id == top_customer and top_seen < 2:
            payment = ("credit card", "PayPal")[top_seen]  # someone has paid both ways
            top_seen += 1
        orders.append((order_id, customer_id, _iso(datetime.date(2023, 1, 1), day), status, payment))
    conn.executemany("INSERT INTO orders VALUES (?, ?, ?, ?, ?)", orders)

    items: list[list[Any]] = []
    for order_id, *_ in orders:
        for product in rng.sample(products, rng.choice((1, 1, 2, 2, 3, 4))):
            items.append([len(items) + 1, order_id, product[0], rng.choice((1, 1, 1, 2, 2, 3, 4)), product[4]])
    # Make the best seller (by total quantity) unique.
    totals: dict[int, int] = {}
    for item in items:
        totals[item[2]] = totals.get(item[2], 0) + item[3]
    best = max(totals.values())
    leaders = sorted(pid for pid, total in totals.items() if total == best)
    if len(leaders) > 1:
        next(item for item in items if item[2] == leaders[0])[3] += 1
    conn.executemany("INSERT INTO order_items VALUES (?, ?, ?, ?, ?)", items)


# The schema, values and questions are data: content/ecommerce/ (read by polysql.data.mini.content_files).
DOMAIN = Domain(db_id="ecommerce", split="train", schema_sql=load_schema("ecommerce"), populate=populate)
