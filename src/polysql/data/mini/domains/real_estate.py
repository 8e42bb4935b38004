"""Mini-benchmark domain ``real_estate`` (dev): a brokerage with offices, agents, listings, sales and viewings."""

from __future__ import annotations

import datetime
import random
import sqlite3
from typing import Any

from polysql.data.mini.content_files import load_schema, load_values
from polysql.data.mini.template import Domain

VALUES = load_values("real_estate")  # content/real_estate/values.json

_SENIORS_PER_OFFICE = 2
_JUNIORS = 5  # junior agents: they show properties but have neither listings nor sales


def _iso(day: datetime.date) -> str:
    return day.isoformat()


def populate(conn: sqlite3.Connection, rng: random.Random) -> None:
    """Insert offices, agents, properties, sales and viewings drawn from ``rng``."""
    cities, streets, suffixes = VALUES["cities"], VALUES["streets"], VALUES["street_suffixes"]
    first_names, last_names = VALUES["first_names"], VALUES["last_names"]
    offices: list[tuple[Any, ...]] = []
    for city, _, names in cities:
        for name in names:
            street = f"{rng.randint(10, 990)} {rng.choice(streets)} {rng.choice(suffixes)}"
            offices.append((len(offices) + 1, name, city, street, rng.randint(1985, 2020)))
    conn.executemany("INSERT INTO offices VALUES (?, ?, ?, ?, ?)", offices)
    city_of_office = {office[0]: office[2] for office in offices}

    n_agents = len(offices) * _SENIORS_PER_OFFICE + _JUNIORS
    agent_last_names = rng.sample(last_names, n_agents)  # unique surnames identify agents
    agents = []  # (agent_id, first, last, office_id, hire_date, commission)
    for i in range(n_agents):
        senior = i < len(offices) * _SENIORS_PER_OFFICE
        office_id = i // _SENIORS_PER_OFFICE + 1 if senior else rng.randint(1, len(offices))
        hired = (
            datetime.date(2008, 1, 1) + datetime.timedelta(days=rng.randint(0, 12 * 365))
            if senior
            else datetime.date(2023, 1, 1) + datetime.timedelta(days=rng.randint(0, 500))
        )
        agents.append(
            (
                i + 1,
                rng.choice(first_names),
                agent_last_names[i],
                office_id,
                _iso(hired),
                rng.choice((0.02, 0.025, 0.03, 0.035)),
            )
        )
    conn.executemany("INSERT INTO agents VALUES (?, ?, ?, ?, ?, ?)", agents)
    seniors_in: dict[str, list[int]] = {}
    everyone_in: dict[str, list[int]] = {}
    for agent_id, _, _, office_id, _, _ in agents:
        everyone_in.setdefault(city_of_office[office_id], []).append(agent_id)
        if agent_id <= len(offices) * _SENIORS_PER_OFFICE:
            seniors_in.setdefault(city_of_office[office_id], []).append(agent_id)

    properties: list[tuple[Any, ...]] = []
    addresses, areas, prices = set(), set(), set()
    types = {kind: (bedrooms, area) for kind, bedrooms, area, _ in VALUES["property_types"]}
    type_weights = [weight for *_, weight in VALUES["property_types"]]
    for city, per_sqm, _ in cities:
        for _ in range(10):
            kind = rng.choices(list(types), type_weights)[0]
            (bed_lo, bed_hi), (area_lo, area_hi) = types[kind]
            address = f"{rng.randint(1, 2999)} {rng.choice(streets)} {rng.choice(suffixes)}"
            while address in addresses:
                address = f"{rng.randint(1, 2999)} {rng.choice(streets)} {rng.choice(suffixes)}"
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
            properties.append(
                (
                    len(properties) + 1,
                    address,
                    city,
                    kind,
                    rng.randint(bed_lo, bed_hi),
                    area,
                    int(price),
                    _iso(listed),
                    rng.choice(seniors_in[city]),
                )
            )
    conn.executemany("INSERT INTO properties VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", properties)

    sold = sorted(rng.sample(properties, 40))
    sales = []  # [property_id, agent_id, buyer, sale_date, sale_price]
    buyers = rng.sample([f"{f} {s}" for f in first_names for s in last_names], len(sold))
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
        client = f"{rng.choice(first_names)} {rng.choice(last_names)}"
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


# The schema, values and questions are data: content/real_estate/ (read by polysql.data.mini.content_files).
DOMAIN = Domain(db_id="real_estate", split="dev", schema_sql=load_schema("real_estate"), populate=populate)
