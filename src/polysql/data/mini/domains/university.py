"""Domain ``university`` (train): departments, professors, courses, students and enrollments."""

from __future__ import annotations

import itertools
import random
import sqlite3

from polysql.data.mini.content_files import load_schema, load_values
from polysql.data.mini.template import Domain

VALUES = load_values("university")  # content/university/values.json

RANKS = ["Professor", "Associate Professor", "Assistant Professor"]  # the generator gives each its hiring years
GRADES = ["A"] * 3 + ["B"] * 4 + ["C"] * 2 + ["D", "F"]


def populate(conn: sqlite3.Connection, rng: random.Random) -> None:
    """20 departments, 40 professors, 60 courses, 90 students, about 330 enrollments."""
    people = itertools.product(VALUES["first_names"], VALUES["last_names"])
    names = iter(rng.sample([f"{f} {s}" for f, s in people], 40 + 90))
    course_id = 0
    for dept_id, (dept, building, founded, titles) in enumerate(VALUES["departments"], start=1):
        conn.execute("INSERT INTO department VALUES (?, ?, ?, ?)", (dept_id, dept, building, founded))
        professors = [2 * dept_id - 1, 2 * dept_id]
        for professor_id in professors:
            rank = rng.choice(RANKS)
            hired = {
                "Professor": (1990, 2010),
                "Associate Professor": (2005, 2016),
                "Assistant Professor": (2015, 2024),
            }[rank]
            conn.execute(
                "INSERT INTO professor VALUES (?, ?, ?, ?, ?)",
                (professor_id, next(names), dept_id, rank, rng.randint(*hired)),
            )
        for position, title in enumerate(titles):
            course_id += 1
            level = 100 if position == 0 else rng.choice([200, 300, 400])
            conn.execute(
                "INSERT INTO course VALUES (?, ?, ?, ?, ?, ?)",
                (course_id, title, dept_id, rng.choice(professors), rng.choice([3, 3, 4, 4, 2]), level),
            )

    n_students = 90
    # Computer Science (dept 1) gets eight extra majors, so it is clearly the largest
    majors = [1] * 8 + [rng.randint(1, 20) for _ in range(n_students - 8)]
    countries = [country for country, weight in VALUES["countries"] for _ in range(weight)]
    best = rng.randrange(n_students)  # the only student with a perfect GPA
    for student_id, major in enumerate(majors, start=1):
        gpa = 4.0 if student_id - 1 == best else round(rng.uniform(2.0, 3.95), 2)
        conn.execute(
            "INSERT INTO student VALUES (?, ?, ?, ?, ?, ?)",
            (student_id, next(names), major, rng.choice(countries), rng.randint(2019, 2024), gpa),
        )

    unpopular = set(rng.sample(range(2, course_id + 1), 6))  # courses nobody took
    open_courses = [c for c in range(1, course_id + 1) if c not in unpopular]
    pairs = {(s, 1) for s in rng.sample(range(1, n_students + 1), 18)}  # Introduction to Programming is popular
    while len(pairs) < 330:
        pairs.add((rng.randint(1, n_students), rng.choice(open_courses)))
    for enrollment_id, (student_id, course) in enumerate(sorted(pairs), start=1):
        conn.execute(
            "INSERT INTO enrollment VALUES (?, ?, ?, ?, ?)",
            (enrollment_id, student_id, course, rng.choice(VALUES["semesters"]), rng.choice(GRADES)),
        )


# The schema, values and questions are data: content/university/ (read by polysql.data.mini.content_files).
DOMAIN = Domain(db_id="university", split="train", schema_sql=load_schema("university"), populate=populate)
