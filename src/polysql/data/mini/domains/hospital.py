"""Domain ``hospital`` (train): departments, physicians, patients, appointments and prescriptions."""

from __future__ import annotations

import datetime as dt
import itertools
import random
import sqlite3

from polysql.data.mini.template import Domain

SCHEMA = """
CREATE TABLE department (
    department_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    floor INTEGER NOT NULL,
    budget INTEGER NOT NULL
);
CREATE TABLE physician (
    physician_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    department_id INTEGER NOT NULL REFERENCES department(department_id),
    position TEXT NOT NULL,
    hire_year INTEGER NOT NULL,
    salary INTEGER NOT NULL
);
CREATE TABLE patient (
    patient_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    gender TEXT NOT NULL,
    birth_date TEXT NOT NULL,
    city TEXT NOT NULL,
    insurance TEXT NOT NULL
);
CREATE TABLE appointment (
    appointment_id INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patient(patient_id),
    physician_id INTEGER NOT NULL REFERENCES physician(physician_id),
    appointment_date TEXT NOT NULL,
    reason TEXT NOT NULL,
    fee REAL NOT NULL
);
CREATE TABLE prescription (
    prescription_id INTEGER PRIMARY KEY,
    appointment_id INTEGER NOT NULL REFERENCES appointment(appointment_id),
    medication TEXT NOT NULL,
    dosage_mg INTEGER NOT NULL,
    duration_days INTEGER NOT NULL
);
"""

DEPARTMENTS = ["Cardiology", "Neurology", "Oncology", "Pediatrics", "Orthopedics", "Dermatology", "Radiology",
               "Emergency Medicine", "Gastroenterology", "Nephrology", "Urology", "Psychiatry", "Ophthalmology",
               "Endocrinology", "Pulmonology", "Rheumatology", "Obstetrics", "Hematology", "Infectious Diseases",
               "General Surgery"]
FIRST_NAMES = {"Female": ["Sarah", "Maria", "Aisha", "Emma", "Priya", "Laura", "Mei", "Rachel", "Fatima", "Julia",
                          "Anna", "Claire", "Sofia", "Naomi", "Helen"],
               "Male": ["David", "Michael", "Omar", "Thomas", "Raj", "Carlos", "Kevin", "Peter", "Ahmed", "Robert",
                        "Jonas", "Victor", "Andrew", "Samuel", "Paul"]}
LAST_NAMES = ["Chen", "Patel", "Nguyen", "Kim", "Rossi", "Murphy", "Cohen", "Schmidt", "Okafor", "Lopez",
              "Novak", "Hughes", "Tanaka", "Dubois", "Kowalski", "Evans", "Singh", "Moreau", "Ortiz", "Fischer"]
CITIES = ["Chicago", "Evanston", "Oak Park", "Naperville", "Skokie", "Cicero"]
INSURERS = ["Aetna", "Blue Cross", "Cigna", "Medicaid", "Medicare"]
# position -> salary range in dollars
POSITIONS = {"Chief": (310_000, 420_000), "Attending": (220_000, 300_000), "Resident": (62_000, 75_000)}
# reason -> base fee in dollars
REASONS = {"Annual checkup": 120, "Follow-up": 90, "Chest pain": 350, "Headache": 180, "Back pain": 160,
           "Skin rash": 110, "Fever": 140, "Vaccination": 60}
# medication -> usual doses in mg
MEDICATIONS = {"Amoxicillin": (250, 500), "Ibuprofen": (200, 400, 600), "Lisinopril": (10, 20), "Metformin": (500, 850),
               "Atorvastatin": (20, 40), "Omeprazole": (20, 40), "Amlodipine": (5, 10), "Sertraline": (50, 100),
               "Albuterol": (2, 4), "Levothyroxine": (50, 75)}
DURATIONS = (5, 7, 10, 14, 30, 60, 90)


def _person_names(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """``count`` distinct (gender, full name) pairs."""
    pool = [(gender, f"{first} {last}") for gender, firsts in sorted(FIRST_NAMES.items())
            for first, last in itertools.product(firsts, LAST_NAMES)]
    return rng.sample(pool, count)


def populate(conn: sqlite3.Connection, rng: random.Random) -> None:
    """20 departments, 48 physicians, 60 patients, 220 appointments, 130 prescriptions."""
    for department_id, name in enumerate(DEPARTMENTS, start=1):
        conn.execute("INSERT INTO department VALUES (?, ?, ?, ?)",
                     (department_id, name, rng.randint(1, 6), rng.randrange(1_200_000, 9_600_000, 50_000)))

    # two physicians per department, Cardiology three more, five other departments one more each
    departments = [d for d in range(1, 21) for _ in range(2)] + [1, 1, 1] + rng.sample(range(2, 21), 5)
    people = _person_names(rng, 48 + 60)
    for physician_id, department_id in enumerate(departments, start=1):
        position = "Chief" if physician_id <= 20 else rng.choice(["Attending", "Attending", "Resident"])
        low, high = POSITIONS[position]
        conn.execute("INSERT INTO physician VALUES (?, ?, ?, ?, ?, ?)",
                     (physician_id, people[physician_id - 1][1], department_id, position,
                      rng.randint(1995, 2012) if position == "Chief" else rng.randint(2008, 2024),
                      rng.randrange(low, high, 1000)))

    for patient_id, (gender, name) in enumerate(people[48:], start=1):
        birth = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(75 * 365))
        conn.execute("INSERT INTO patient VALUES (?, ?, ?, ?, ?, ?)",
                     (patient_id, name, gender, birth.isoformat(), rng.choice(CITIES), rng.choice(INSURERS)))

    patients = rng.sample(range(1, 61), 52)  # eight patients never had an appointment
    physicians = rng.sample(range(1, 49), 44)  # four physicians (new hires) have none yet
    busiest = physicians[0]
    doctors = [busiest] * 12 + [rng.choice(physicians) for _ in range(208)]
    reasons = sorted(REASONS)
    for appointment_id, physician_id in enumerate(doctors, start=1):
        reason = rng.choice(reasons)
        day = dt.date(2024, 1, 2) + dt.timedelta(days=rng.randrange(360))
        conn.execute("INSERT INTO appointment VALUES (?, ?, ?, ?, ?, ?)",
                     (appointment_id, rng.choice(patients), physician_id, day.isoformat(), reason,
                      REASONS[reason] + rng.choice([0, 0, 15, 25, 40])))

    medications = sorted(MEDICATIONS)
    for prescription_id in range(1, 131):
        medication = rng.choice(medications)
        conn.execute("INSERT INTO prescription VALUES (?, ?, ?, ?, ?)",
                     (prescription_id, rng.randint(1, len(doctors)), medication,
                      rng.choice(MEDICATIONS[medication]), rng.choice(DURATIONS)))


# The templates and questions are data: content/hospital/ (read by polysql.data.mini.content_files).
DOMAIN = Domain(db_id="hospital", split="train", schema_sql=SCHEMA, populate=populate)
