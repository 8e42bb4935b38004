"""Mini-benchmark domain ``real_estate`` (dev): a brokerage with offices, agents, listings, sales and viewings."""

from __future__ import annotations

import datetime
import random
import sqlite3
from typing import Any

from polysql.data.mini.template import Domain

SCHEMA_SQL = """
CREATE TABLE offices (
    office_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    city TEXT NOT NULL,
    address TEXT NOT NULL,
    opened_year INTEGER NOT NULL
);
CREATE TABLE agents (
    agent_id INTEGER PRIMARY KEY,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    office_id INTEGER NOT NULL,
    hire_date TEXT NOT NULL,
    commission_rate REAL NOT NULL,
    FOREIGN KEY (office_id) REFERENCES offices(office_id)
);
CREATE TABLE properties (
    property_id INTEGER PRIMARY KEY,
    address TEXT NOT NULL,
    city TEXT NOT NULL,
    property_type TEXT NOT NULL,
    bedrooms INTEGER NOT NULL,
    area_sqm INTEGER NOT NULL,
    listing_price INTEGER NOT NULL,
    listed_date TEXT NOT NULL,
    listing_agent_id INTEGER NOT NULL,
    FOREIGN KEY (listing_agent_id) REFERENCES agents(agent_id)
);
CREATE TABLE sales (
    sale_id INTEGER PRIMARY KEY,
    property_id INTEGER NOT NULL,
    agent_id INTEGER NOT NULL,
    buyer_name TEXT NOT NULL,
    sale_date TEXT NOT NULL,
    sale_price INTEGER NOT NULL,
    FOREIGN KEY (property_id) REFERENCES properties(property_id),
    FOREIGN KEY (agent_id) REFERENCES agents(agent_id)
);
CREATE TABLE viewings (
    viewing_id INTEGER PRIMARY KEY,
    property_id INTEGER NOT NULL,
    agent_id INTEGER NOT NULL,
    client_name TEXT NOT NULL,
    viewing_date TEXT NOT NULL,
    FOREIGN KEY (property_id) REFERENCES properties(property_id),
    FOREIGN KEY (agent_id) REFERENCES agents(agent_id)
);
"""

# city -> (price per square metre in USD, office names)
_CITIES = {
    "Austin": (4200, ("Austin Downtown", "Austin Riverside", "Austin Northwest")),
    "Denver": (4800, ("Denver Central", "Denver Highlands", "Denver Cherry Creek")),
    "Portland": (4500, ("Portland Pearl District", "Portland Eastside")),
    "Seattle": (7500, ("Seattle Capitol Hill", "Seattle Ballard", "Seattle Eastlake")),
    "Boston": (8200, ("Boston Back Bay", "Boston Seaport", "Boston Beacon Hill")),
    "Nashville": (3900, ("Nashville Midtown", "Nashville East")),
    "San Diego": (7800, ("San Diego La Jolla", "San Diego Downtown")),
    "Phoenix": (3300, ("Phoenix Camelback", "Phoenix Midtown")),
}
# property type -> (bedroom range, area range in square metres, weight)
_TYPES = {
    "House": ((3, 5), (140, 320), 35),
    "Apartment": ((1, 3), (45, 130), 30),
    "Townhouse": ((2, 4), (110, 200), 15),
    "Condo": ((1, 3), (55, 140), 20),
}
_STREETS = ("Maple", "Oak", "Cedar", "Pine", "Elm", "Willow", "Birch", "Lakeview", "Hillcrest", "Sunset",
            "Park", "Ridge", "Highland", "River", "Meadow", "Spruce", "Chestnut", "Magnolia")
_SUFFIXES = ("Street", "Avenue", "Drive", "Lane", "Court", "Road", "Way")
_FIRST = ("James", "Mary", "John", "Patricia", "Robert", "Linda", "Michael", "Barbara", "William", "Susan",
          "Richard", "Karen", "Joseph", "Nancy", "Thomas", "Lisa", "Charles", "Sandra", "Daniel", "Ashley",
          "Matthew", "Kimberly", "Anthony", "Donna", "Mark", "Michelle", "Steven", "Laura", "Andrew", "Rachel",
          "Kevin", "Megan", "Brian", "Amanda", "Jason", "Stephanie", "Eric", "Rebecca", "Tyler", "Heather")
_LAST = ("Anderson", "Bailey", "Brooks", "Coleman", "Cooper", "Diaz", "Ellis", "Fisher", "Foster", "Gibson",
         "Graham", "Griffin", "Hayes", "Henderson", "Howard", "Hunt", "Jenkins", "Kennedy", "Lawson", "Marshall",
         "Mendoza", "Morgan", "Murphy", "Myers", "Ortiz", "Palmer", "Parker", "Patterson", "Perry", "Powell",
         "Price", "Ramirez", "Reed", "Reyes", "Richardson", "Rivera", "Ross", "Russell", "Sanders", "Simmons",
         "Stevens", "Sullivan", "Tucker", "Turner", "Wallace", "Ward", "Warren", "Watson", "Webb", "Wells")
_SENIORS_PER_OFFICE = 2
_JUNIORS = 5  # junior agents: they show properties but have neither listings nor sales


def _iso(day: datetime.date) -> str:
    return day.isoformat()


def populate(conn: sqlite3.Connection, rng: random.Random) -> None:
    """Insert offices, agents, properties, sales and viewings drawn from ``rng``."""
    offices: list[tuple[Any, ...]] = []
    for city, (_, names) in _CITIES.items():
        for name in names:
            street = f"{rng.randint(10, 990)} {rng.choice(_STREETS)} {rng.choice(_SUFFIXES)}"
            offices.append((len(offices) + 1, name, city, street, rng.randint(1985, 2020)))
    conn.executemany("INSERT INTO offices VALUES (?, ?, ?, ?, ?)", offices)
    city_of_office = {office[0]: office[2] for office in offices}

    n_agents = len(offices) * _SENIORS_PER_OFFICE + _JUNIORS
    last_names = rng.sample(_LAST, n_agents)  # unique surnames identify agents
    agents = []  # (agent_id, first, last, office_id, hire_date, commission)
    for i in range(n_agents):
        senior = i < len(offices) * _SENIORS_PER_OFFICE
        office_id = i // _SENIORS_PER_OFFICE + 1 if senior else rng.randint(1, len(offices))
        hired = (datetime.date(2008, 1, 1) + datetime.timedelta(days=rng.randint(0, 12 * 365)) if senior
                 else datetime.date(2023, 1, 1) + datetime.timedelta(days=rng.randint(0, 500)))
        agents.append((i + 1, rng.choice(_FIRST), last_names[i], office_id, _iso(hired),
                       rng.choice((0.02, 0.025, 0.03, 0.035))))
    conn.executemany("INSERT INTO agents VALUES (?, ?, ?, ?, ?, ?)", agents)
    seniors_in: dict[str, list[int]] = {}
    everyone_in: dict[str, list[int]] = {}
    for agent_id, _, _, office_id, _, _ in agents:
        everyone_in.setdefault(city_of_office[office_id], []).append(agent_id)
        if agent_id <= len(offices) * _SENIORS_PER_OFFICE:
            seniors_in.setdefault(city_of_office[office_id], []).append(agent_id)

    properties: list[tuple[Any, ...]] = []
    addresses, areas, prices = set(), set(), set()
    for city, (per_sqm, _) in _CITIES.items():
        for _ in range(10):
            kind = rng.choices(list(_TYPES), [t[2] for t in _TYPES.values()])[0]
            (bed_lo, bed_hi), (area_lo, area_hi), _ = _TYPES[kind]
            address = f"{rng.randint(1, 2999)} {rng.choice(_STREETS)} {rng.choice(_SUFFIXES)}"
            while address in addresses:
                address = f"{rng.randint(1, 2999)} {rng.choice(_STREETS)} {rng.choice(_SUFFIXES)}"
            addresses.add(address)
            area = rng.randint(area_lo, area_hi)
            while area in areas:  # distinct areas: "largest property" answers are unique
                area += 1
            areas.add(area)
            price = round(area * per_sqm * rng.uniform(0.85, 1.2), -3)
            while price in prices:
                price += 1000
            prices.add(price)
            listed = datetime.date(2023, 1, 1) + datetime.timedelta(days=rng.randint(0, 540))
            properties.append((len(properties) + 1, address, city, kind, rng.randint(bed_lo, bed_hi), area,
                               int(price), _iso(listed), rng.choice(seniors_in[city])))
    conn.executemany("INSERT INTO properties VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", properties)

    sold = sorted(rng.sample(properties, 40))
    sales = []  # [property_id, agent_id, buyer, sale_date, sale_price]
    buyers = rng.sample([f"{f} {s}" for f in _FIRST for s in _LAST], len(sold))
    for prop, buyer in zip(sold, buyers):
        agent_id = prop[8] if rng.random() < 0.75 else rng.choice(seniors_in[prop[2]])
        sale_date = datetime.date.fromisoformat(prop[7]) + datetime.timedelta(days=rng.randint(10, 120))
        sale_price = int(round(prop[6] * rng.uniform(0.92, 1.05), -2))
        sales.append([prop[0], agent_id, buyer, _iso(sale_date), sale_price])
    _make_top_office_unique(sales, agents)
    sales.sort(key=lambda s: (s[3], s[0]))
    conn.executemany("INSERT INTO sales VALUES (?, ?, ?, ?, ?, ?)", [(i, *s) for i, s in enumerate(sales, 1)])

    sold_ids = {prop[0] for prop in sold}
    unsold = [prop for prop in properties if prop[0] not in sold_ids]
    viewed = rng.sample(unsold, 5) + [rng.choice(properties) for _ in range(95)]
    viewings = []
    for prop in viewed:
        day = datetime.date.fromisoformat(prop[7]) + datetime.timedelta(days=rng.randint(1, 60))
        client = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        viewings.append((prop[0], rng.choice(everyone_in[prop[2]]), client, _iso(day)))
    viewings.sort(key=lambda v: (v[3], v[0]))
    conn.executemany("INSERT INTO viewings VALUES (?, ?, ?, ?, ?)", [(i, *v) for i, v in enumerate(viewings, 1)])


def _make_top_office_unique(sales: list[list], agents: list[tuple]) -> None:
    """Credit sales of tied runner-up offices to the leading office until it leads alone."""
    office_of = {agent[0]: agent[3] for agent in agents}
    for _ in range(100):
        tally: dict[int, int] = {}
        for sale in sales:
            tally[office_of[sale[1]]] = tally.get(office_of[sale[1]], 0) + 1
        best = max(tally.values())
        leaders = sorted(office for office, k in tally.items() if k == best)
        if len(leaders) == 1:
            return
        receiver = next(agent[0] for agent in agents if agent[3] == leaders[0])
        next(sale for sale in sales if office_of[sale[1]] == leaders[1])[1] = receiver
    raise RuntimeError("real_estate: could not make the top office unique")


# The templates and questions are data: content/real_estate/ (read by polysql.data.mini.content_files).
DOMAIN = Domain(db_id="real_estate", split="dev", schema_sql=SCHEMA_SQL, populate=populate)
