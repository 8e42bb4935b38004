"""Mini-benchmark domain ``ecommerce`` (train): an online shop with customers, products and orders."""

from __future__ import annotations

import datetime
import random
import sqlite3
from typing import Any

from polysql.data.mini.template import Domain

SCHEMA_SQL = """
CREATE TABLE categories (
    category_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT
);
CREATE TABLE products (
    product_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    brand TEXT NOT NULL,
    category_id INTEGER NOT NULL,
    price REAL NOT NULL,
    stock INTEGER NOT NULL,
    FOREIGN KEY (category_id) REFERENCES categories(category_id)
);
CREATE TABLE customers (
    customer_id INTEGER PRIMARY KEY,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    email TEXT NOT NULL,
    city TEXT NOT NULL,
    country TEXT NOT NULL,
    signup_date TEXT NOT NULL
);
CREATE TABLE orders (
    order_id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL,
    order_date TEXT NOT NULL,
    status TEXT NOT NULL,
    payment_method TEXT NOT NULL,
    FOREIGN KEY (customer_id) REFERENCES customers(customer_id)
);
CREATE TABLE order_items (
    order_item_id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL,
    product_id INTEGER NOT NULL,
    quantity INTEGER NOT NULL,
    unit_price REAL NOT NULL,
    FOREIGN KEY (order_id) REFERENCES orders(order_id),
    FOREIGN KEY (product_id) REFERENCES products(product_id)
);
"""

# (category, description, price range, three products)
_CATALOG = (
    ("Electronics", "Audio gadgets and chargers", (15, 180), ("Wireless Earbuds", "Bluetooth Speaker", "USB-C Charger")),
    ("Computers", "Computer peripherals and displays", (20, 420), ("Mechanical Keyboard", "Wireless Mouse", "27-inch Monitor")),
    ("Books", "Printed books and box sets", (12, 85), ("Cookbook Collection", "Mystery Novel Box Set", "World Atlas")),
    ("Kitchen", "Cookware and small appliances", (18, 140), ("Chef Knife", "Cast Iron Skillet", "Electric Kettle")),
    ("Home Decor", "Decorative items for the home", (15, 120), ("Ceramic Vase", "Wall Clock", "Table Lamp")),
    ("Garden", "Tools and supplies for the garden", (14, 190), ("Garden Hose", "Pruning Shears", "Raised Garden Bed")),
    ("Toys", "Toys and games for children", (12, 95), ("Building Blocks Set", "Plush Teddy Bear", "Remote Control Car")),
    ("Sports", "Fitness and sports equipment", (20, 260), ("Yoga Mat", "Adjustable Dumbbells", "Tennis Racket")),
    ("Clothing", "Clothes for women and men", (15, 150), ("Denim Jacket", "Wool Sweater", "Cotton T-Shirt")),
    ("Shoes", "Footwear for every season", (35, 210), ("Running Shoes", "Leather Boots", "Canvas Sneakers")),
    ("Beauty", "Skin care and beauty products", (12, 110), ("Face Moisturizer", "Hair Dryer", "Perfume Gift Set")),
    ("Health", "Health monitoring and supplements", (9, 95), ("Digital Thermometer", "Vitamin D Supplement", "Blood Pressure Monitor")),
    ("Office Supplies", "Supplies for the office and desk", (8, 320), ("Desk Organizer", "Gel Pen Pack", "Ergonomic Office Chair")),
    ("Pet Supplies", "Food bowls, beds and toys for pets", (18, 130), ("Dog Bed", "Cat Scratching Post", "Automatic Pet Feeder")),
    ("Music", "Instruments and audio gear", (60, 700), ("Acoustic Guitar", "Digital Piano", "Studio Headphones")),
    ("Furniture", "Furniture for living rooms and offices", (45, 480), ("Bookshelf", "Coffee Table", "Bar Stool")),
    ("Automotive", "Car accessories", (15, 160), ("Car Phone Mount", "Tire Inflator", "Dash Camera")),
    ("Jewelry", "Necklaces, earrings and watches", (30, 350), ("Silver Necklace", "Gold Hoop Earrings", "Leather Watch")),
    ("Baby", "Products for babies and parents", (25, 380), ("Baby Stroller", "Baby Monitor", "Diaper Bag")),
    ("Travel", "Luggage and travel accessories", (16, 240), ("Carry-On Suitcase", "Travel Pillow", "Hiking Backpack")),
)

_BRANDS = ("Northwind", "Brightline", "Summit", "Oakridge", "Lumina", "Vertex",
           "Harbor", "Pinecrest", "Everest", "Bluebird", "Redwood", "Aurora")
# Products per brand; exactly one brand has the most products (keeps "top brand" answers unique).
_BRAND_SIZES = (9, 7, 6, 6, 5, 5, 4, 4, 4, 4, 3, 3)

_FIRST_NAMES = ("Emma", "Liam", "Olivia", "Noah", "Ava", "Ethan", "Sophia", "Mason", "Isabella", "Lucas",
                "Mia", "Logan", "Charlotte", "James", "Amelia", "Benjamin", "Harper", "Elijah", "Evelyn",
                "Henry", "Abigail", "Jack", "Emily", "Daniel", "Grace", "Samuel", "Chloe", "David", "Lily",
                "Owen", "Hannah", "Ryan", "Zoe", "Nathan", "Nora", "Caleb", "Ella", "Isaac", "Ruby", "Leo")
_LAST_NAMES = ("Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson",
               "Taylor", "Thomas", "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark",
               "Lewis", "Walker", "Hall", "Young", "King", "Wright", "Scott", "Green", "Baker", "Adams",
               "Nelson", "Carter")
_CITIES = (("New York", "United States"), ("Chicago", "United States"), ("Seattle", "United States"),
           ("Boston", "United States"), ("London", "United Kingdom"), ("Manchester", "United Kingdom"),
           ("Toronto", "Canada"), ("Vancouver", "Canada"), ("Sydney", "Australia"),
           ("Melbourne", "Australia"), ("Dublin", "Ireland"), ("Auckland", "New Zealand"))
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
        [(i, name, desc) for i, (name, desc, _, _) in enumerate(_CATALOG, start=1)],
    )

    brands = list(_BRANDS)
    rng.shuffle(brands)
    brand_slots = [brand for brand, size in zip(brands, _BRAND_SIZES) for _ in range(size)]
    rng.shuffle(brand_slots)
    products: list[tuple[Any, ...]] = []  # (product_id, name, brand, category_id, price, stock)
    used_prices: set[float] = set()
    for category_id, (_, _, (low, high), names) in enumerate(_CATALOG, start=1):
        for name in names:
            price = round(rng.randint(low, high) - 0.01, 2)
            while price in used_prices:  # unique prices keep "most expensive" answers unambiguous
                price = round(price + 1.0, 2)
            used_prices.add(price)
            products.append((len(products) + 1, name, brand_slots[len(products)], category_id, price,
                             rng.randint(0, 250)))
    conn.executemany("INSERT INTO products VALUES (?, ?, ?, ?, ?, ?)", products)

    name_pairs = rng.sample([(f, s) for f in _FIRST_NAMES for s in _LAST_NAMES], 40)
    customers = []
    for customer_id, (first, last) in enumerate(name_pairs, start=1):
        city, country = rng.choice(_CITIES)
        customers.append((customer_id, first, last, f"{first.lower()}.{last.lower()}@example.com", city, country,
                          _iso(datetime.date(2021, 1, 1), rng.randint(0, 1000))))
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


# The templates and questions are data: content/ecommerce/ (read by polysql.data.mini.content_files).
DOMAIN = Domain(db_id="ecommerce", split="train", schema_sql=SCHEMA_SQL, populate=populate)
