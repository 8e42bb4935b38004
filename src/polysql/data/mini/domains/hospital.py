"""Domain ``hospital`` (train): departments, physicians, patients, appointments and prescriptions."""

from __future__ import annotations

import datetime as dt
import itertools
import random
import sqlite3

from polysql.data.mini.content_files import load_schema, load_values
from polysql.data.mini.template import Domain

VALUES = load_values("hospital")  # content/hospital/values.json

# position -> salary range in dollars (the generator names the positions)
POSITIONS = {"Chief": (310_000, 420_000), "Attending": (220_000, 300_000), "Resident": (62_000, 75_000)}
DURATIONS = (5, 7, 10, 14, 30, 60, 90)  # prescription lengths in days


def _person_names(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """``count`` distinct (gender, full name) pairs."""
    pool = [
        (gender, f"{first} {last}")
        for gender, firsts in sorted(VALUES["first_names"])
        for first, last in itertools.product(firsts, VALUES["last_names"])
    ]
    return rng.sample(pool, count)


def populate(conn: sqlite3.Connection, rng: random.Random) -> None:
    """20 departments, 48 physicians, 60 patients, 220 appointments, 130 prescriptions."""
    for department_id, name in enumerate(VALUES["departments"], start=1):
        conn.execute(
            "INSERT INTO department VALUES (?, ?, ?, ?)",
            (department_id, name, rng.randint(1, 6), rng.randrange(1_200_000, 9_600_000, 50_000)),
        )

    # two physicians per department, Cardiology three more, five other departments one more each
    departments = [d for d in range(1, 21) for _ in range(2)] + [1, 1, 1] + rng.sample(range(2, 21), 5)
    people = _person_names(rng, 48 + 60)
    for physician_id, department_id in enumerate(departments, start=1):
        position = "Chief" if physician_id <= 20 else rng.choice(["Attending", "Attending", "Resident"])
        low, high = POSITIONS[position]
        conn.execute(
            "INSERT INTO physician VALUES (?, ?, ?, ?, ?, ?)",
            (
                physician_id,
                people[physician_id - 1][1],
                department_id,
                position,
                rng.randint(1995, 2012) if position == "Chief" else rng.randint(2008, 2024),
                rng.randrange(low, high, 1000),
            ),
        )

    for patient_id, (gender, name) in enumerate(people[48:], start=1):
        birth = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(75 * 365))
        conn.execute(
            "INSERT INTO patient VALUES (?, ?, ?, ?, ?, ?)",
            (patient_id, name, gender, birth.isoformat(), rng.choice(VALUES["cities"]), rng.choice(VALUES["insurers"])),
        )

    patients = rng.sample(range(1, 61), 52)  # eight patients never had an appointment
    physicians = rng.sample(range(1, 49), 44)  # four physicians (new hires) have none yet
    busiest = physicians[0]
    doctors = [busiest] * 12 + [rng.choice(physicians) for _ in range(208)]
    base_fee = dict(VALUES["reasons"])
    reasons = sorted(base_fee)
    for appointment_id, physician_id in enumerate(doctors, start=1):
        reason = rng.choice(reasons)
        day = dt.date(2024, 1, 2) + dt.timedelta(days=rng.randrange(360))
        conn.execute(
            "INSERT INTO appointment VALUES (?, ?, ?, ?, ?, ?)",
            (
                appointment_id,
                rng.choice(patients),
                physician_id,
                day.isoformat(),
                reason,
                base_fee[reason] + rng.choice([0, 0, 15, 25, 40]),
            ),
        )

    doses_mg = dict(VALUES["medications"])
    medications = sorted(doses_mg)
    for prescription_id in range(1, 131):
        medication = rng.choice(medications)
        conn.execute(
            "INSERT INTO prescription VALUES (?, ?, ?, ?, ?)",
            (
                prescription_id,
                rng.randint(1, len(doctors)),
                medication,
                rng.choice(doses_mg[medication]),
                rng.choice(DURATIONS),
            ),
        )


# The schema, values and questions are data: content/hospital/ (read by polysql.data.mini.content_files).
DOMAIN = Domain(db_id="hospital", split="train", schema_sql=load_schema("hospital"), populate=populate)
