"""Domain ``university`` (train): departments, professors, courses, students and enrollments."""

from __future__ import annotations

import itertools
import random
import sqlite3

from polysql.data.mini.template import Domain

SCHEMA = """
CREATE TABLE department (
    dept_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    building TEXT NOT NULL,
    founded_year INTEGER NOT NULL
);
CREATE TABLE professor (
    professor_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    dept_id INTEGER NOT NULL REFERENCES department(dept_id),
    rank TEXT NOT NULL,
    hire_year INTEGER NOT NULL
);
CREATE TABLE course (
    course_id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    dept_id INTEGER NOT NULL REFERENCES department(dept_id),
    professor_id INTEGER NOT NULL REFERENCES professor(professor_id),
    credits INTEGER NOT NULL,
    level INTEGER NOT NULL
);
CREATE TABLE student (
    student_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    major_dept_id INTEGER NOT NULL REFERENCES department(dept_id),
    country TEXT NOT NULL,
    enrollment_year INTEGER NOT NULL,
    gpa REAL NOT NULL
);
CREATE TABLE enrollment (
    enrollment_id INTEGER PRIMARY KEY,
    student_id INTEGER NOT NULL REFERENCES student(student_id),
    course_id INTEGER NOT NULL REFERENCES course(course_id),
    semester TEXT NOT NULL,
    grade TEXT NOT NULL
);
"""

# department -> (building, founded, three course titles)
DEPARTMENTS = {
    "Computer Science": ("Turing Hall", 1968, ["Introduction to Programming", "Data Structures", "Machine Learning"]),
    "Mathematics": ("Gauss Building", 1891, ["Calculus I", "Linear Algebra", "Real Analysis"]),
    "Physics": ("Science Center", 1895, ["Classical Mechanics", "Electromagnetism", "Quantum Physics"]),
    "Chemistry": ("Science Center", 1902, ["General Chemistry", "Organic Chemistry", "Physical Chemistry"]),
    "Biology": ("Life Sciences Building", 1910, ["Cell Biology", "Genetics", "Ecology"]),
    "Economics": ("Main Hall", 1925, ["Microeconomics", "Macroeconomics", "Econometrics"]),
    "History": ("Humanities Building", 1890, ["World History", "Modern European History", "History of the Americas"]),
    "Philosophy": ("Humanities Building", 1890, ["Introduction to Philosophy", "Ethics", "Logic"]),
    "Psychology": ("Main Hall", 1948, ["Introduction to Psychology", "Cognitive Psychology", "Social Psychology"]),
    "Sociology": ("Main Hall", 1955, ["Introduction to Sociology", "Urban Sociology", "Sociology of Education"]),
    "English Literature": ("Humanities Building", 1891, ["Shakespeare", "The Modern Novel", "Creative Writing"]),
    "Linguistics": ("Humanities Building", 1972, ["Phonetics", "Syntax", "Sociolinguistics"]),
    "Political Science": ("Main Hall", 1931, ["Comparative Politics", "International Relations", "Political Theory"]),
    "Mechanical Engineering": ("Engineering Quad", 1921, ["Thermodynamics", "Fluid Mechanics", "Machine Design"]),
    "Electrical Engineering": ("Engineering Quad", 1934, ["Circuit Analysis", "Signals and Systems", "Digital Electronics"]),
    "Civil Engineering": ("Engineering Quad", 1921, ["Structural Analysis", "Transportation Engineering", "Soil Mechanics"]),
    "Music": ("Arts Pavilion", 1946, ["Music Theory", "History of Jazz", "Orchestration"]),
    "Art History": ("Arts Pavilion", 1962, ["Renaissance Art", "Modern Art", "Art of East Asia"]),
    "Geography": ("Life Sciences Building", 1959, ["Physical Geography", "Urban Planning", "Climatology"]),
    "Statistics": ("Gauss Building", 1979, ["Probability", "Statistical Inference", "Bayesian Statistics"]),
}
RANKS = ["Professor", "Associate Professor", "Assistant Professor"]
FIRST_NAMES = ["Alice", "Ben", "Chen", "Diana", "Elena", "Felix", "Gabriel", "Hana", "Ivan", "Jasmine", "Kenji", "Lena",
               "Mateo", "Nadia", "Oscar", "Priya", "Quentin", "Rosa", "Stefan", "Tara", "Umar", "Vera", "Wei", "Yusuf"]
LAST_NAMES = ["Anderson", "Becker", "Castillo", "Dang", "Edwards", "Fontaine", "Gupta", "Hoffmann", "Ito", "Jensen",
              "Kaur", "Lindqvist", "Mendes", "Nakamura", "Olsen", "Park", "Quinn", "Russo", "Sato", "Tran"]
# weights make United States the clear majority
COUNTRIES = ["United States"] * 6 + ["China", "India", "Germany", "Brazil", "Nigeria", "Vietnam", "Japan", "Mexico", "France"]
SEMESTERS = ["Fall 2023", "Spring 2024", "Fall 2024"]
GRADES = ["A"] * 3 + ["B"] * 4 + ["C"] * 2 + ["D", "F"]


def populate(conn: sqlite3.Connection, rng: random.Random) -> None:
    """20 departments, 40 professors, 60 courses, 90 students, about 330 enrollments."""
    names = iter(rng.sample([f"{f} {s}" for f, s in itertools.product(FIRST_NAMES, LAST_NAMES)], 40 + 90))
    course_id = 0
    for dept_id, (dept, (building, founded, titles)) in enumerate(DEPARTMENTS.items(), start=1):
        conn.execute("INSERT INTO department VALUES (?, ?, ?, ?)", (dept_id, dept, building, founded))
        professors = [2 * dept_id - 1, 2 * dept_id]
        for professor_id in professors:
            rank = rng.choice(RANKS)
            hired = {"Professor": (1990, 2010), "Associate Professor": (2005, 2016), "Assistant Professor": (2015, 2024)}[rank]
            conn.execute("INSERT INTO professor VALUES (?, ?, ?, ?, ?)",
                         (professor_id, next(names), dept_id, rank, rng.randint(*hired)))
        for position, title in enumerate(titles):
            course_id += 1
            level = 100 if position == 0 else rng.choice([200, 300, 400])
            conn.execute("INSERT INTO course VALUES (?, ?, ?, ?, ?, ?)",
                         (course_id, title, dept_id, rng.choice(professors), rng.choice([3, 3, 4, 4, 2]), level))

    n_students = 90
    # Computer Science (dept 1) gets eight extra majors, so it is clearly the largest
    majors = [1] * 8 + [rng.randint(1, 20) for _ in range(n_students - 8)]
    best = rng.randrange(n_students)  # the only student with a perfect GPA
    for student_id, major in enumerate(majors, start=1):
        gpa = 4.0 if student_id - 1 == best else round(rng.uniform(2.0, 3.95), 2)
        conn.execute("INSERT INTO student VALUES (?, ?, ?, ?, ?, ?)",
                     (student_id, next(names), major, rng.choice(COUNTRIES), rng.randint(2019, 2024), gpa))

    unpopular = set(rng.sample(range(2, course_id + 1), 6))  # courses nobody took
    open_courses = [c for c in range(1, course_id + 1) if c not in unpopular]
    pairs = {(s, 1) for s in rng.sample(range(1, n_students + 1), 18)}  # Introduction to Programming is popular
    while len(pairs) < 330:
        pairs.add((rng.randint(1, n_students), rng.choice(open_courses)))
    for enrollment_id, (student_id, course) in enumerate(sorted(pairs), start=1):
        conn.execute("INSERT INTO enrollment VALUES (?, ?, ?, ?, ?)",
                     (enrollment_id, student_id, course, rng.choice(SEMESTERS), rng.choice(GRADES)))


# The templates and questions are data: content/university/ (read by polysql.data.mini.content_files).
DOMAIN = Domain(db_id="university", split="train", schema_sql=SCHEMA, populate=populate)
