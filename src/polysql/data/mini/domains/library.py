"""Domain ``library`` (train): a public library with authors, books, members and loans."""

from __future__ import annotations

import datetime as dt
import itertools
import random
import sqlite3

from polysql.data.mini.template import Domain

SCHEMA = """
CREATE TABLE author (
    author_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    country TEXT NOT NULL,
    birth_year INTEGER NOT NULL
);
CREATE TABLE book (
    book_id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    author_id INTEGER NOT NULL REFERENCES author(author_id),
    genre TEXT NOT NULL,
    publication_year INTEGER NOT NULL,
    pages INTEGER NOT NULL
);
CREATE TABLE member (
    member_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    city TEXT NOT NULL,
    membership_type TEXT NOT NULL,
    join_date TEXT NOT NULL
);
CREATE TABLE loan (
    loan_id INTEGER PRIMARY KEY,
    book_id INTEGER NOT NULL REFERENCES book(book_id),
    member_id INTEGER NOT NULL REFERENCES member(member_id),
    loan_date TEXT NOT NULL,
    return_date TEXT,
    fine REAL NOT NULL
);
"""

# (name, country, birth year, [(title, genre, year, pages), ...])
AUTHORS = [
    ("Jane Austen", "United Kingdom", 1775, [
        ("Pride and Prejudice", "Romance", 1813, 432), ("Emma", "Romance", 1815, 474),
        ("Sense and Sensibility", "Romance", 1811, 409)]),
    ("Charles Dickens", "United Kingdom", 1812, [
        ("Great Expectations", "Fiction", 1861, 505), ("Oliver Twist", "Fiction", 1838, 554),
        ("A Tale of Two Cities", "Historical Fiction", 1859, 489)]),
    ("Mark Twain", "United States", 1835, [
        ("Adventures of Huckleberry Finn", "Fiction", 1884, 366),
        ("The Adventures of Tom Sawyer", "Fiction", 1876, 274)]),
    ("Leo Tolstoy", "Russia", 1828, [
        ("War and Peace", "Historical Fiction", 1869, 1225), ("Anna Karenina", "Romance", 1878, 864)]),
    ("Fyodor Dostoevsky", "Russia", 1821, [
        ("Crime and Punishment", "Fiction", 1866, 671), ("The Brothers Karamazov", "Fiction", 1880, 796),
        ("The Idiot", "Fiction", 1869, 656)]),
    ("Victor Hugo", "France", 1802, [
        ("Les Miserables", "Historical Fiction", 1862, 1463),
        ("The Hunchback of Notre-Dame", "Historical Fiction", 1831, 940)]),
    ("Gabriel Garcia Marquez", "Colombia", 1927, [
        ("One Hundred Years of Solitude", "Magical Realism", 1967, 417),
        ("Love in the Time of Cholera", "Romance", 1985, 348)]),
    ("Haruki Murakami", "Japan", 1949, [
        ("Norwegian Wood", "Romance", 1987, 296), ("Kafka on the Shore", "Magical Realism", 2002, 505),
        ("1Q84", "Magical Realism", 2009, 928)]),
    ("George Orwell", "United Kingdom", 1903, [
        ("Nineteen Eighty-Four", "Science Fiction", 1949, 328), ("Animal Farm", "Fiction", 1945, 112)]),
    ("Agatha Christie", "United Kingdom", 1890, [
        ("Murder on the Orient Express", "Mystery", 1934, 256), ("Death on the Nile", "Mystery", 1937, 288),
        ("The Murder of Roger Ackroyd", "Mystery", 1926, 312),
        ("And Then There Were None", "Mystery", 1939, 272)]),
    ("Arthur Conan Doyle", "United Kingdom", 1859, [
        ("The Hound of the Baskervilles", "Mystery", 1902, 256), ("A Study in Scarlet", "Mystery", 1887, 108)]),
    ("J. R. R. Tolkien", "United Kingdom", 1892, [
        ("The Hobbit", "Fantasy", 1937, 310), ("The Fellowship of the Ring", "Fantasy", 1954, 423),
        ("The Two Towers", "Fantasy", 1954, 352)]),
    ("Isaac Asimov", "United States", 1920, [
        ("Foundation", "Science Fiction", 1951, 255), ("I, Robot", "Science Fiction", 1950, 253)]),
    ("Frank Herbert", "United States", 1920, [("Dune", "Science Fiction", 1965, 412)]),
    ("Ursula K. Le Guin", "United States", 1929, [
        ("A Wizard of Earthsea", "Fantasy", 1968, 183),
        ("The Left Hand of Darkness", "Science Fiction", 1969, 304)]),
    ("Chinua Achebe", "Nigeria", 1930, [
        ("Things Fall Apart", "Fiction", 1958, 209), ("Arrow of God", "Fiction", 1964, 287)]),
    ("Chimamanda Ngozi Adichie", "Nigeria", 1977, [
        ("Half of a Yellow Sun", "Historical Fiction", 2006, 433), ("Americanah", "Fiction", 2013, 477)]),
    ("Albert Camus", "France", 1913, [("The Stranger", "Fiction", 1942, 123), ("The Plague", "Fiction", 1947, 308)]),
    ("Franz Kafka", "Czech Republic", 1883, [
        ("The Trial", "Fiction", 1925, 255), ("The Castle", "Fiction", 1926, 352),
        ("The Metamorphosis", "Fiction", 1915, 201)]),
    ("Thomas Mann", "Germany", 1875, [
        ("The Magic Mountain", "Fiction", 1924, 706), ("Buddenbrooks", "Fiction", 1901, 731)]),
    ("Hermann Hesse", "Germany", 1877, [("Siddhartha", "Fiction", 1922, 152), ("Steppenwolf", "Fiction", 1927, 237)]),
    ("Toni Morrison", "United States", 1931, [
        ("Beloved", "Historical Fiction", 1987, 324), ("Song of Solomon", "Fiction", 1977, 337)]),
    ("Mary Shelley", "United Kingdom", 1797, [("Frankenstein", "Horror", 1818, 280)]),
    ("Bram Stoker", "Ireland", 1847, [("Dracula", "Horror", 1897, 418)]),
    ("Stephen King", "United States", 1947, [
        ("The Shining", "Horror", 1977, 447), ("It", "Horror", 1986, 1138), ("Carrie", "Horror", 1974, 199)]),
    ("Kazuo Ishiguro", "United Kingdom", 1954, [
        ("The Remains of the Day", "Fiction", 1989, 258), ("Never Let Me Go", "Science Fiction", 2005, 288)]),
    ("Isabel Allende", "Chile", 1942, [
        ("The House of the Spirits", "Magical Realism", 1982, 448), ("Eva Luna", "Fiction", 1987, 306)]),
    ("Yukio Mishima", "Japan", 1925, [("The Sound of Waves", "Romance", 1954, 183)]),
    # in the catalogue, but none of their books is held
    ("Virginia Woolf", "United Kingdom", 1882, []),
    ("Jorge Luis Borges", "Argentina", 1899, []),
]

FIRST_NAMES = ["Emily", "James", "Olivia", "Liam", "Sophia", "Noah", "Ava", "Ethan", "Mia", "Lucas",
               "Grace", "Henry", "Chloe", "Daniel", "Hannah", "Samuel", "Zoe", "Owen", "Nora", "Leo"]
LAST_NAMES = ["Smith", "Johnson", "Brown", "Garcia", "Miller", "Davis", "Wilson", "Taylor", "Clark", "Lewis",
              "Walker", "Young", "King", "Wright", "Hill", "Green", "Baker", "Nelson", "Carter", "Reed"]
CITIES = ["Boston", "Cambridge", "Somerville", "Quincy", "Newton"]
MEMBERSHIP_TYPES = ["Standard", "Student", "Senior"]
LOAN_DAYS = 21
FINE_PER_DAY = 0.25


def _date(start: dt.date, offset_days: int) -> str:
    return (start + dt.timedelta(days=offset_days)).isoformat()


def populate(conn: sqlite3.Connection, rng: random.Random) -> None:
    """30 authors, 63 books, 40 members (a few who never borrowed), 170 loans with fines."""
    book_id = 0
    for author_id, (name, country, born, books) in enumerate(AUTHORS, start=1):
        conn.execute("INSERT INTO author VALUES (?, ?, ?, ?)", (author_id, name, country, born))
        for title, genre, year, pages in books:
            book_id += 1
            conn.execute("INSERT INTO book VALUES (?, ?, ?, ?, ?, ?)", (book_id, title, author_id, genre, year, pages))
    n_books = book_id

    names = rng.sample(list(itertools.product(FIRST_NAMES, LAST_NAMES)), 40)
    for member_id, (first, last) in enumerate(names, start=1):
        conn.execute(
            "INSERT INTO member VALUES (?, ?, ?, ?, ?)",
            (member_id, f"{first} {last}", rng.choice(CITIES), rng.choice(MEMBERSHIP_TYPES),
             _date(dt.date(2015, 1, 1), rng.randrange(9 * 365))),
        )

    never_borrowed = set(rng.sample(range(1, n_books + 1), 10))
    lendable = [b for b in range(1, n_books + 1) if b not in never_borrowed]
    borrowers = rng.sample(range(1, 41), 35)  # five members never borrow
    keen_reader = borrowers[0]  # borrows far more than anyone else
    members = [keen_reader] * 14 + [rng.choice(borrowers) for _ in range(156)]
    for loan_id, member_id in enumerate(members, start=1):
        loan_day = rng.randrange(540)  # 2023-01-01 .. mid 2024
        kept = rng.randint(3, 40)
        returned = loan_day + kept < 545
        late_days = max(0, kept - LOAN_DAYS) if returned else 0
        conn.execute(
            "INSERT INTO loan VALUES (?, ?, ?, ?, ?, ?)",
            (loan_id, rng.choice(lendable), member_id, _date(dt.date(2023, 1, 1), loan_day),
             _date(dt.date(2023, 1, 1), loan_day + kept) if returned else None, late_days * FINE_PER_DAY),
        )


# The templates and questions are data: content/library/ (read by polysql.data.mini.content_files).
DOMAIN = Domain(db_id="library", split="train", schema_sql=SCHEMA, populate=populate)
