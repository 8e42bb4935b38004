"""Domain ``library`` (train): a public library with authors, books, members and loans."""

from __future__ import annotations

import datetime as dt
import itertools
import random
import sqlite3

from polysql.data.mini.template import Domain, Template

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


GENRES = "SELECT genre FROM book"
COUNTRIES = "SELECT country FROM author WHERE author_id IN (SELECT author_id FROM book)"
CITY = "SELECT city FROM member"
BORROWERS = "SELECT name FROM member WHERE member_id IN (SELECT member_id FROM loan)"
WRITERS = "SELECT name FROM author WHERE author_id IN (SELECT author_id FROM book)"
JOIN_AUTHOR = "FROM book AS T1 JOIN author AS T2 ON T1.author_id = T2.author_id"
MEMBER_BOOKS = ("FROM member AS T1 JOIN loan AS T2 ON T1.member_id = T2.member_id "
                "JOIN book AS T3 ON T2.book_id = T3.book_id")

TEMPLATES = (
    # ---- easy
    Template(
        sql="SELECT count(*) FROM book",
        questions={
            "en": ("How many books are there?", "Count the number of books in the library.",
                   "What is the total number of books?"),
            "de": ("Wie viele Bücher gibt es?", "Zähle die Bücher in der Bibliothek.",
                   "Wie hoch ist die Gesamtzahl der Bücher?"),
            "es": ("¿Cuántos libros hay?", "Cuenta el número de libros de la biblioteca.",
                   "¿Cuál es el número total de libros?"),
            "fr": ("Combien y a-t-il de livres ?", "Compte le nombre de livres de la bibliothèque.",
                   "Quel est le nombre total de livres ?"),
            "ja": ("本は何冊ありますか？", "図書館にある本の数を数えてください。", "本の総数はいくつですか？"),
            "vi": ("Có bao nhiêu cuốn sách?", "Đếm số sách trong thư viện.", "Tổng số sách là bao nhiêu?"),
            "zh": ("一共有多少本书？", "统计图书馆里书的数量。", "书的总数是多少？"),
        },
    ),
    Template(
        sql="SELECT title FROM book WHERE genre = '{genre}'",
        slots={"genre": GENRES},
        n=3,
        questions={
            "en": ("List the titles of all {genre} books.", "What are the titles of the books in the {genre} genre?",
                   "Which books belong to the genre {genre}? Give their titles."),
            "de": ("Nenne die Titel aller Bücher des Genres {genre}.", "Welche Titel haben die Bücher im Genre {genre}?",
                   "Welche Bücher gehören zum Genre {genre}? Gib ihre Titel an."),
            "es": ("Enumera los títulos de todos los libros del género {genre}.",
                   "¿Cuáles son los títulos de los libros del género {genre}?",
                   "¿Qué libros pertenecen al género {genre}? Indica sus títulos."),
            "fr": ("Liste les titres de tous les livres du genre {genre}.",
                   "Quels sont les titres des livres du genre {genre} ?",
                   "Quels livres appartiennent au genre {genre} ? Donne leurs titres."),
            "ja": ("ジャンルが{genre}の本のタイトルをすべて挙げてください。", "{genre}ジャンルに属する本のタイトルは何ですか？",
                   "{genre}の本にはどんなタイトルがありますか？"),
            "vi": ("Liệt kê tựa đề của tất cả các cuốn sách thuộc thể loại {genre}.",
                   "Những cuốn sách thuộc thể loại {genre} có tựa đề là gì?",
                   "Cho biết tựa đề các sách thể loại {genre}."),
            "zh": ("列出所有{genre}类图书的书名。", "类型为{genre}的书有哪些书名？", "哪些书属于{genre}类型？请给出书名。"),
        },
    ),
    Template(
        sql="SELECT name FROM author WHERE country = '{country}'",
        slots={"country": COUNTRIES},
        n=3,
        questions={
            "en": ("What are the names of the authors from {country}?", "List all authors who come from {country}.",
                   "Which authors are from {country}?"),
            "de": ("Wie heißen die Autoren aus {country}?", "Liste alle Autoren auf, die aus {country} stammen.",
                   "Welche Autoren kommen aus {country}?"),
            "es": ("¿Cuáles son los nombres de los autores de {country}?",
                   "Enumera todos los autores que proceden de {country}.", "¿Qué autores son de {country}?"),
            "fr": ("Quels sont les noms des auteurs dont le pays est {country} ?",
                   "Liste tous les auteurs originaires du pays {country}.", "Quels auteurs viennent du pays {country} ?"),
            "ja": ("{country}出身の作家の名前は何ですか？", "{country}出身の著者をすべて挙げてください。",
                   "出身国が{country}である作家は誰ですか？"),
            "vi": ("Tên của các tác giả đến từ {country} là gì?", "Liệt kê tất cả tác giả đến từ {country}.",
                   "Những tác giả nào đến từ nước {country}?"),
            "zh": ("来自{country}的作者叫什么名字？", "列出所有来自{country}的作者。", "哪些作者的国家是{country}？"),
        },
    ),
    Template(
        sql="SELECT count(*) FROM member WHERE city = '{city}'",
        slots={"city": CITY},
        n=3,
        questions={
            "en": ("How many members live in {city}?", "Count the library members whose city is {city}.",
                   "What is the number of members from {city}?"),
            "de": ("Wie viele Mitglieder wohnen in {city}?", "Zähle die Bibliotheksmitglieder, deren Wohnort {city} ist.",
                   "Wie viele Mitglieder kommen aus {city}?"),
            "es": ("¿Cuántos socios viven en {city}?", "Cuenta los socios de la biblioteca cuya ciudad es {city}.",
                   "¿Cuál es el número de socios de {city}?"),
            "fr": ("Combien de membres habitent à {city} ?", "Compte les membres de la bibliothèque dont la ville est {city}.",
                   "Quel est le nombre de membres venant de {city} ?"),
            "ja": ("{city}に住んでいる会員は何人ですか？", "住所の都市が{city}である図書館会員の人数を数えてください。",
                   "{city}の会員は何人いますか？"),
            "vi": ("Có bao nhiêu thành viên sống ở {city}?", "Đếm số thành viên thư viện có thành phố là {city}.",
                   "Số thành viên đến từ {city} là bao nhiêu?"),
            "zh": ("有多少会员住在{city}？", "统计城市为{city}的图书馆会员人数。", "{city}的会员有几位？"),
        },
    ),
    Template(
        sql="SELECT title FROM book WHERE publication_year > {year}",
        slots={"year": "SELECT publication_year FROM book WHERE publication_year BETWEEN 1900 AND 1990"},
        n=2,
        questions={
            "en": ("Which books were published after {year}?", "Give the titles of books published later than {year}.",
                   "List the titles of all books whose publication year is after {year}."),
            "de": ("Welche Bücher wurden nach {year} veröffentlicht?",
                   "Gib die Titel der Bücher an, die später als {year} erschienen sind.",
                   "Liste die Titel aller Bücher auf, deren Erscheinungsjahr nach {year} liegt."),
            "es": ("¿Qué libros se publicaron después de {year}?",
                   "Indica los títulos de los libros publicados después del año {year}.",
                   "Enumera los títulos de todos los libros cuyo año de publicación es posterior a {year}."),
            "fr": ("Quels livres ont été publiés après {year} ?", "Donne les titres des livres parus après l'année {year}.",
                   "Liste les titres de tous les livres dont l'année de publication est postérieure à {year}."),
            "ja": ("{year}年より後に出版された本はどれですか？", "出版年が{year}年より後の本のタイトルをすべて挙げてください。",
                   "{year}年よりあとに刊行された本のタイトルを教えてください。"),
            "vi": ("Những cuốn sách nào được xuất bản sau năm {year}?", "Cho biết tựa đề các sách xuất bản sau năm {year}.",
                   "Liệt kê tựa đề của tất cả sách có năm xuất bản sau {year}."),
            "zh": ("哪些书是在{year}年之后出版的？", "给出{year}年之后出版的书的书名。", "列出出版年份晚于{year}年的所有书名。"),
        },
    ),
    Template(
        sql="SELECT avg(pages) FROM book",
        questions={
            "en": ("What is the average number of pages of a book?", "On average, how many pages do the books have?"),
            "de": ("Wie viele Seiten hat ein Buch im Durchschnitt?", "Was ist die durchschnittliche Seitenzahl der Bücher?"),
            "es": ("¿Cuál es el número medio de páginas de los libros?", "¿Cuántas páginas tienen los libros de media?"),
            "fr": ("Quel est le nombre moyen de pages des livres ?", "En moyenne, combien de pages comptent les livres ?"),
            "ja": ("本の平均ページ数はいくつですか？", "本は平均で何ページありますか？"),
            "vi": ("Số trang trung bình của các cuốn sách là bao nhiêu?", "Trung bình mỗi cuốn sách có bao nhiêu trang?"),
            "zh": ("书的平均页数是多少？", "这些书平均有多少页？"),
        },
    ),
    Template(
        sql="SELECT name FROM member ORDER BY join_date",
        questions={
            "en": ("List the names of the members ordered by the date they joined.",
                   "Show all member names, from the earliest to the most recent joiner."),
            "de": ("Liste die Namen der Mitglieder nach ihrem Beitrittsdatum geordnet auf.",
                   "Zeige alle Mitgliedernamen, vom frühesten bis zum jüngsten Beitritt."),
            "es": ("Enumera los nombres de los socios ordenados por fecha de alta.",
                   "Muestra los nombres de todos los socios, desde el que se inscribió primero hasta el más reciente."),
            "fr": ("Liste les noms des membres triés par date d'adhésion.",
                   "Affiche les noms de tous les membres, du plus ancien adhérent au plus récent."),
            "ja": ("会員の名前を入会日順に並べてください。", "入会日の早い順に、すべての会員の名前を表示してください。"),
            "vi": ("Liệt kê tên các thành viên theo thứ tự ngày gia nhập.",
                   "Hiển thị tên tất cả thành viên, từ người gia nhập sớm nhất đến muộn nhất."),
            "zh": ("按入会日期列出会员的姓名。", "按入会时间从早到晚显示所有会员的名字。"),
        },
    ),
    # ---- medium
    Template(
        sql="SELECT genre, count(*) FROM book GROUP BY genre",
        questions={
            "en": ("How many books are there in each genre?", "For every genre, show the genre and its number of books.",
                   "Count the books per genre."),
            "de": ("Wie viele Bücher gibt es in jedem Genre?", "Zeige für jedes Genre den Namen und die Anzahl der Bücher.",
                   "Zähle die Bücher pro Genre."),
            "es": ("¿Cuántos libros hay en cada género?", "Para cada género, muestra el género y su número de libros.",
                   "Cuenta los libros por género."),
            "fr": ("Combien y a-t-il de livres dans chaque genre ?",
                   "Pour chaque genre, affiche le genre et son nombre de livres.", "Compte les livres par genre."),
            "ja": ("ジャンルごとに本は何冊ありますか？", "各ジャンルについて、ジャンル名と本の冊数を表示してください。",
                   "ジャンル別に本の数を数えてください。"),
            "vi": ("Mỗi thể loại có bao nhiêu cuốn sách?", "Với mỗi thể loại, hiển thị tên thể loại và số sách của nó.",
                   "Đếm số sách theo từng thể loại."),
            "zh": ("每种类型各有多少本书？", "对于每个类型，显示类型名称及其图书数量。", "按类型统计图书数量。"),
        },
    ),
    Template(
        sql=f"SELECT T1.title {JOIN_AUTHOR} WHERE T2.name = '{{author}}'",
        slots={"author": WRITERS},
        n=3,
        questions={
            "en": ("What are the titles of the books written by {author}?", "List all books by {author}.",
                   "Which titles in the library were written by {author}?"),
            "de": ("Welche Titel haben die Bücher, die {author} geschrieben hat?", "Liste alle Bücher von {author} auf.",
                   "Welche Titel in der Bibliothek stammen von {author}?"),
            "es": ("¿Cuáles son los títulos de los libros escritos por {author}?", "Enumera todos los libros de {author}.",
                   "¿Qué títulos de la biblioteca escribió {author}?"),
            "fr": ("Quels sont les titres des livres écrits par {author} ?", "Liste tous les livres écrits par {author}.",
                   "Quels titres de la bibliothèque ont pour auteur {author} ?"),
            "ja": ("{author}が書いた本のタイトルは何ですか？", "{author}の著書をすべて挙げてください。",
                   "図書館にある本のうち、{author}が執筆したもののタイトルを教えてください。"),
            "vi": ("Những cuốn sách do {author} viết có tựa đề là gì?", "Liệt kê tất cả sách của {author}.",
                   "Trong thư viện, những tựa sách nào do {author} sáng tác?"),
            "zh": ("{author}写的书有哪些书名？", "列出{author}的所有著作。", "图书馆里哪些书是{author}写的？"),
        },
    ),
    Template(
        sql="SELECT title, pages FROM book ORDER BY pages DESC LIMIT 3",
        questions={
            "en": ("What are the titles and page counts of the three longest books?",
                   "Show the 3 books with the most pages, with their number of pages."),
            "de": ("Wie lauten Titel und Seitenzahl der drei längsten Bücher?",
                   "Zeige die 3 Bücher mit den meisten Seiten samt ihrer Seitenzahl."),
            "es": ("¿Cuáles son los títulos y el número de páginas de los tres libros más largos?",
                   "Muestra los 3 libros con más páginas junto con su número de páginas."),
            "fr": ("Quels sont les titres et le nombre de pages des trois livres les plus longs ?",
                   "Affiche les 3 livres qui ont le plus de pages, avec leur nombre de pages."),
            "ja": ("最もページ数の多い3冊の本のタイトルとページ数は？",
                   "ページ数が多い上位3冊について、タイトルとページ数を表示してください。"),
            "vi": ("Tựa đề và số trang của ba cuốn sách dài nhất là gì?",
                   "Hiển thị 3 cuốn sách có nhiều trang nhất cùng số trang của chúng."),
            "zh": ("页数最多的三本书的书名和页数是什么？", "显示页数最多的前3本书及其页数。"),
        },
    ),
    Template(
        sql="SELECT title FROM book WHERE genre = '{genre}' AND publication_year < {year}",
        slots={"genre": GENRES, "year": "SELECT publication_year FROM book"},
        n=3,
        questions={
            "en": ("Which {genre} books were published before {year}?",
                   "List the titles of books in the {genre} genre that appeared before {year}.",
                   "Give the titles of {genre} books with a publication year earlier than {year}."),
            "de": ("Welche Bücher des Genres {genre} sind vor {year} erschienen?",
                   "Liste die Titel der Bücher im Genre {genre} auf, die vor {year} veröffentlicht wurden.",
                   "Gib die Titel der Bücher aus dem Genre {genre} an, deren Erscheinungsjahr vor {year} liegt."),
            "es": ("¿Qué libros del género {genre} se publicaron antes de {year}?",
                   "Enumera los títulos de los libros de {genre} publicados antes del año {year}.",
                   "Indica los títulos de los libros de género {genre} cuyo año de publicación es anterior a {year}."),
            "fr": ("Quels livres du genre {genre} ont été publiés avant {year} ?",
                   "Liste les titres des livres de genre {genre} parus avant {year}.",
                   "Donne les titres des livres du genre {genre} dont l'année de publication est antérieure à {year}."),
            "ja": ("{year}年より前に出版された{genre}の本はどれですか？",
                   "ジャンルが{genre}で、{year}年より前に刊行された本のタイトルを挙げてください。",
                   "出版年が{year}年より前の{genre}ジャンルの本のタイトルを教えてください。"),
            "vi": ("Những cuốn sách thể loại {genre} nào được xuất bản trước năm {year}?",
                   "Liệt kê tựa đề các sách thuộc thể loại {genre} ra mắt trước năm {year}.",
                   "Cho biết tựa đề các sách {genre} có năm xuất bản sớm hơn {year}."),
            "zh": ("哪些{genre}类的书是在{year}年之前出版的？", "列出{year}年之前出版的{genre}类图书的书名。",
                   "给出类型为{genre}且出版年份早于{year}年的书名。"),
        },
    ),
    Template(
        sql="SELECT T2.name, count(*) FROM loan AS T1 JOIN member AS T2 ON T1.member_id = T2.member_id GROUP BY T2.member_id",
        questions={
            "en": ("For each member who has borrowed books, show the name and the number of loans.",
                   "How many loans does each member have? Give the member name and the count."),
            "de": ("Zeige für jedes Mitglied, das Bücher ausgeliehen hat, den Namen und die Anzahl der Ausleihen.",
                   "Wie viele Ausleihen hat jedes Mitglied? Gib den Namen des Mitglieds und die Anzahl an."),
            "es": ("Para cada socio que ha tomado libros prestados, muestra su nombre y el número de préstamos.",
                   "¿Cuántos préstamos tiene cada socio? Indica el nombre del socio y la cantidad."),
            "fr": ("Pour chaque membre ayant emprunté des livres, affiche son nom et le nombre d'emprunts.",
                   "Combien d'emprunts chaque membre a-t-il effectués ? Donne le nom du membre et le nombre."),
            "ja": ("本を借りたことのある各会員について、名前と貸出件数を表示してください。",
                   "会員ごとの貸出回数はいくつですか？会員名と件数を示してください。"),
            "vi": ("Với mỗi thành viên đã mượn sách, hiển thị tên và số lượt mượn.",
                   "Mỗi thành viên có bao nhiêu lượt mượn sách? Cho biết tên thành viên và số lượt."),
            "zh": ("对于每位借过书的会员，显示其姓名和借阅次数。", "每位会员各借了几次书？给出会员姓名和次数。"),
        },
    ),
    Template(
        sql="SELECT membership_type, count(*) FROM member GROUP BY membership_type",
        questions={
            "en": ("How many members are there of each membership type?",
                   "Show each membership type together with its number of members."),
            "de": ("Wie viele Mitglieder gibt es pro Mitgliedschaftsart?",
                   "Zeige jede Mitgliedschaftsart zusammen mit der Zahl ihrer Mitglieder."),
            "es": ("¿Cuántos socios hay de cada tipo de membresía?",
                   "Muestra cada tipo de membresía junto con su número de socios."),
            "fr": ("Combien y a-t-il de membres pour chaque type d'adhésion ?",
                   "Affiche chaque type d'adhésion avec son nombre de membres."),
            "ja": ("会員種別ごとの会員数はいくつですか？", "各会員種別とその会員数を表示してください。"),
            "vi": ("Mỗi loại thẻ thành viên có bao nhiêu thành viên?",
                   "Hiển thị từng loại thành viên cùng số lượng thành viên tương ứng."),
            "zh": ("每种会员类型各有多少会员？", "显示每种会员类型及其会员人数。"),
        },
    ),
    Template(
        sql="SELECT name, country FROM author WHERE birth_year < {year}",
        slots={"year": "SELECT birth_year FROM author WHERE birth_year > 1780"},
        n=2,
        questions={
            "en": ("List the names and countries of authors born before {year}.",
                   "Which authors were born before {year}? Give their names and countries."),
            "de": ("Nenne Namen und Herkunftsland der Autoren, die vor {year} geboren wurden.",
                   "Welche Autoren sind vor {year} geboren? Gib ihre Namen und Länder an."),
            "es": ("Enumera los nombres y países de los autores nacidos antes de {year}.",
                   "¿Qué autores nacieron antes de {year}? Indica sus nombres y países."),
            "fr": ("Liste les noms et pays des auteurs nés avant {year}.",
                   "Quels auteurs sont nés avant {year} ? Donne leurs noms et leurs pays."),
            "ja": ("{year}年より前に生まれた作家の名前と出身国を挙げてください。",
                   "生年が{year}年より前の作家は誰ですか？名前と国を答えてください。"),
            "vi": ("Liệt kê tên và quốc gia của các tác giả sinh trước năm {year}.",
                   "Những tác giả nào sinh trước năm {year}? Cho biết tên và quốc gia của họ."),
            "zh": ("列出{year}年之前出生的作者的姓名和国家。", "哪些作者出生早于{year}年？给出他们的姓名和国家。"),
        },
    ),
    Template(
        sql="SELECT max(pages), min(pages) FROM book WHERE genre = '{genre}'",
        slots={"genre": GENRES},
        n=2,
        questions={
            "en": ("What are the maximum and minimum page counts of {genre} books?",
                   "For books in the {genre} genre, what is the largest and the smallest number of pages?"),
            "de": ("Was ist die höchste und die niedrigste Seitenzahl bei Büchern des Genres {genre}?",
                   "Wie viele Seiten hat das längste und wie viele das kürzeste Buch im Genre {genre}?"),
            "es": ("¿Cuál es el número máximo y mínimo de páginas de los libros de {genre}?",
                   "Para los libros del género {genre}, ¿cuál es la mayor y la menor cantidad de páginas?"),
            "fr": ("Quels sont les nombres de pages maximal et minimal des livres du genre {genre} ?",
                   "Pour les livres de genre {genre}, quel est le plus grand et le plus petit nombre de pages ?"),
            "ja": ("{genre}の本の最大ページ数と最小ページ数はいくつですか？",
                   "ジャンルが{genre}の本について、ページ数の最大値と最小値を求めてください。"),
            "vi": ("Số trang lớn nhất và nhỏ nhất của các sách thể loại {genre} là bao nhiêu?",
                   "Đối với sách thuộc thể loại {genre}, số trang nhiều nhất và ít nhất là bao nhiêu?"),
            "zh": ("{genre}类图书的最大页数和最小页数分别是多少？", "在{genre}类型的书中，最多和最少的页数是多少？"),
        },
    ),
    Template(
        sql="SELECT count(*) FROM loan AS T1 JOIN member AS T2 ON T1.member_id = T2.member_id WHERE T2.city = '{city}'",
        slots={"city": CITY},
        n=2,
        questions={
            "en": ("How many loans were made by members living in {city}?", "Count the loans of members from {city}."),
            "de": ("Wie viele Ausleihen haben Mitglieder aus {city} getätigt?",
                   "Zähle die Ausleihen von Mitgliedern, die in {city} wohnen."),
            "es": ("¿Cuántos préstamos hicieron los socios que viven en {city}?", "Cuenta los préstamos de los socios de {city}."),
            "fr": ("Combien d'emprunts ont été faits par des membres habitant à {city} ?",
                   "Compte les emprunts des membres de {city}."),
            "ja": ("{city}に住む会員による貸出は何件ありますか？", "{city}の会員の貸出件数を数えてください。"),
            "vi": ("Các thành viên sống ở {city} đã mượn sách bao nhiêu lần?",
                   "Đếm số lượt mượn của các thành viên đến từ {city}."),
            "zh": ("住在{city}的会员共借了多少次书？", "统计{city}会员的借阅记录数。"),
        },
    ),
    Template(
        sql="SELECT title FROM book ORDER BY publication_year LIMIT 1",
        questions={
            "en": ("What is the title of the oldest book?", "Which book was published first?"),
            "de": ("Wie heißt das älteste Buch?", "Welches Buch wurde als erstes veröffentlicht?"),
            "es": ("¿Cuál es el título del libro más antiguo?", "¿Qué libro se publicó primero?"),
            "fr": ("Quel est le titre du livre le plus ancien ?", "Quel livre a été publié en premier ?"),
            "ja": ("最も古い本のタイトルは何ですか？", "一番早く出版された本はどれですか？"),
            "vi": ("Tựa đề của cuốn sách cũ nhất là gì?", "Cuốn sách nào được xuất bản sớm nhất?"),
            "zh": ("最早的书叫什么名字？", "哪本书出版得最早？"),
        },
    ),
    # ---- hard
    Template(
        sql="SELECT title FROM book WHERE book_id NOT IN (SELECT book_id FROM loan)",
        questions={
            "en": ("Which books have never been borrowed?", "List the titles of the books that were never lent out.",
                   "Give the titles of books without any loan."),
            "de": ("Welche Bücher wurden noch nie ausgeliehen?", "Liste die Titel der Bücher auf, die nie verliehen wurden.",
                   "Nenne die Titel der Bücher ohne eine einzige Ausleihe."),
            "es": ("¿Qué libros no se han prestado nunca?", "Enumera los títulos de los libros que nunca se han prestado.",
                   "Indica los títulos de los libros sin ningún préstamo."),
            "fr": ("Quels livres n'ont jamais été empruntés ?", "Liste les titres des livres qui n'ont jamais été prêtés.",
                   "Donne les titres des livres sans aucun emprunt."),
            "ja": ("一度も貸し出されたことのない本はどれですか？", "貸出記録のない本のタイトルを挙げてください。",
                   "まだ誰にも借りられていない本のタイトルを教えてください。"),
            "vi": ("Những cuốn sách nào chưa từng được mượn?", "Liệt kê tựa đề các sách chưa bao giờ được cho mượn.",
                   "Cho biết tựa đề những cuốn sách không có lượt mượn nào."),
            "zh": ("哪些书从来没有被借出过？", "列出从未被借阅的书的书名。", "给出没有任何借阅记录的书名。"),
        },
    ),
    Template(
        sql="SELECT title FROM book WHERE pages > (SELECT avg(pages) FROM book)",
        questions={
            "en": ("Which books have more pages than the average book?",
                   "List the titles of books whose page count is above average."),
            "de": ("Welche Bücher haben mehr Seiten als der Durchschnitt?",
                   "Liste die Titel der Bücher auf, deren Seitenzahl über dem Durchschnitt liegt."),
            "es": ("¿Qué libros tienen más páginas que la media?",
                   "Enumera los títulos de los libros cuyo número de páginas supera el promedio."),
            "fr": ("Quels livres ont plus de pages que la moyenne ?",
                   "Liste les titres des livres dont le nombre de pages est supérieur à la moyenne."),
            "ja": ("平均よりページ数の多い本はどれですか？", "ページ数が平均を上回る本のタイトルを挙げてください。"),
            "vi": ("Những cuốn sách nào có số trang nhiều hơn mức trung bình?",
                   "Liệt kê tựa đề các sách có số trang trên mức trung bình."),
            "zh": ("哪些书的页数超过平均值？", "列出页数高于平均页数的书名。"),
        },
    ),
    Template(
        sql="SELECT name FROM author WHERE author_id IN (SELECT author_id FROM book WHERE genre = '{genre}')",
        slots={"genre": GENRES},
        n=3,
        questions={
            "en": ("Which authors have written {genre} books?",
                   "Give the names of authors with at least one book in the {genre} genre."),
            "de": ("Welche Autoren haben Bücher des Genres {genre} geschrieben?",
                   "Nenne die Namen der Autoren, die mindestens ein Buch im Genre {genre} verfasst haben."),
            "es": ("¿Qué autores han escrito libros de {genre}?",
                   "Indica los nombres de los autores con al menos un libro del género {genre}."),
            "fr": ("Quels auteurs ont écrit des livres du genre {genre} ?",
                   "Donne les noms des auteurs ayant au moins un livre de genre {genre}."),
            "ja": ("{genre}の本を書いた作家は誰ですか？", "{genre}ジャンルの本を少なくとも1冊書いている作家の名前を挙げてください。"),
            "vi": ("Những tác giả nào đã viết sách thể loại {genre}?",
                   "Cho biết tên các tác giả có ít nhất một cuốn sách thuộc thể loại {genre}."),
            "zh": ("哪些作者写过{genre}类的书？", "给出至少有一本{genre}类图书的作者姓名。"),
        },
    ),
    Template(
        sql=f"SELECT T3.title {MEMBER_BOOKS} WHERE T1.name = '{{member}}'",
        slots={"member": BORROWERS},
        n=3,
        questions={
            "en": ("Which books has {member} borrowed?", "List the titles of all books borrowed by {member}.",
                   "What did {member} borrow from the library? Give the book titles."),
            "de": ("Welche Bücher hat {member} ausgeliehen?", "Liste die Titel aller Bücher auf, die {member} ausgeliehen hat.",
                   "Was hat {member} in der Bibliothek ausgeliehen? Nenne die Buchtitel."),
            "es": ("¿Qué libros ha tomado prestados {member}?",
                   "Enumera los títulos de todos los libros que pidió prestados {member}.",
                   "¿Qué sacó {member} de la biblioteca? Indica los títulos de los libros."),
            "fr": ("Quels livres ont été empruntés par {member} ?", "Liste les titres de tous les livres empruntés par {member}.",
                   "Qu'est-ce qui a été emprunté à la bibliothèque par {member} ? Donne les titres des livres."),
            "ja": ("{member}さんが借りた本はどれですか？", "{member}が借りたすべての本のタイトルを挙げてください。",
                   "{member}は図書館で何を借りましたか？本のタイトルを答えてください。"),
            "vi": ("{member} đã mượn những cuốn sách nào?", "Liệt kê tựa đề tất cả các sách mà {member} đã mượn.",
                   "{member} đã mượn gì từ thư viện? Cho biết tựa sách."),
            "zh": ("{member}借过哪些书？", "列出{member}借阅过的所有书名。", "{member}从图书馆借了什么书？请给出书名。"),
        },
    ),
    Template(
        sql="SELECT genre FROM book GROUP BY genre ORDER BY count(*) DESC LIMIT 1",
        questions={
            "en": ("Which genre has the most books?", "What is the most common genre among the books?"),
            "de": ("Welches Genre hat die meisten Bücher?", "Welches Genre kommt bei den Büchern am häufigsten vor?"),
            "es": ("¿Qué género tiene más libros?", "¿Cuál es el género más frecuente entre los libros?"),
            "fr": ("Quel genre compte le plus de livres ?", "Quel est le genre le plus fréquent parmi les livres ?"),
            "ja": ("本の数が最も多いジャンルはどれですか？", "最もよく見られる本のジャンルは何ですか？"),
            "vi": ("Thể loại nào có nhiều sách nhất?", "Thể loại phổ biến nhất trong các cuốn sách là gì?"),
            "zh": ("哪个类型的书最多？", "书籍中最常见的类型是什么？"),
        },
    ),
    Template(
        sql="SELECT name FROM member WHERE member_id NOT IN (SELECT member_id FROM loan)",
        questions={
            "en": ("Which members have never borrowed a book?", "List the names of members without any loans."),
            "de": ("Welche Mitglieder haben noch nie ein Buch ausgeliehen?", "Nenne die Namen der Mitglieder ohne Ausleihen."),
            "es": ("¿Qué socios no han pedido nunca un libro prestado?",
                   "Enumera los nombres de los socios que no tienen ningún préstamo."),
            "fr": ("Quels membres n'ont jamais emprunté de livre ?", "Liste les noms des membres qui n'ont aucun emprunt."),
            "ja": ("一度も本を借りたことのない会員は誰ですか？", "貸出記録が一件もない会員の名前を挙げてください。"),
            "vi": ("Những thành viên nào chưa từng mượn sách?", "Liệt kê tên các thành viên không có lượt mượn nào."),
            "zh": ("哪些会员从未借过书？", "列出没有任何借阅记录的会员姓名。"),
        },
    ),
    Template(
        sql=f"SELECT T1.title {JOIN_AUTHOR} WHERE T2.country = '{{country}}' ORDER BY T1.publication_year",
        slots={"country": COUNTRIES},
        n=2,
        questions={
            "en": ("List the titles of books by authors from {country}, ordered by publication year.",
                   "Which books were written by authors from {country}? Sort them from oldest to newest."),
            "de": ("Liste die Titel der Bücher von Autoren aus {country} nach Erscheinungsjahr sortiert auf.",
                   "Welche Bücher stammen von Autoren aus {country}? Sortiere sie vom ältesten zum neuesten."),
            "es": ("Enumera los títulos de los libros de autores de {country}, ordenados por año de publicación.",
                   "¿Qué libros escribieron autores de {country}? Ordénalos del más antiguo al más reciente."),
            "fr": ("Liste les titres des livres d'auteurs originaires du pays {country}, triés par année de publication.",
                   "Quels livres ont été écrits par des auteurs du pays {country} ? Trie-les du plus ancien au plus récent."),
            "ja": ("{country}出身の作家が書いた本のタイトルを出版年順に挙げてください。",
                   "{country}の作家による本はどれですか？古いものから新しいものの順に並べてください。"),
            "vi": ("Liệt kê tựa đề các sách của tác giả đến từ {country}, sắp xếp theo năm xuất bản.",
                   "Những cuốn sách nào do tác giả đến từ {country} viết? Sắp xếp từ cũ nhất đến mới nhất."),
            "zh": ("按出版年份列出来自{country}的作者所写的书名。", "来自{country}的作者写了哪些书？按从旧到新排序。"),
        },
    ),
    Template(
        sql="SELECT country FROM author WHERE birth_year < 1850 INTERSECT SELECT country FROM author WHERE birth_year > 1900",
        questions={
            "en": ("Which countries have both authors born before 1850 and authors born after 1900?",
                   "Find the countries that produced an author born before 1850 as well as one born after 1900."),
            "de": ("Aus welchen Ländern stammen sowohl Autoren, die vor 1850 geboren wurden, als auch Autoren, "
                   "die nach 1900 geboren wurden?",
                   "Finde die Länder, aus denen ein vor 1850 und ein nach 1900 geborener Autor stammen."),
            "es": ("¿Qué países tienen tanto autores nacidos antes de 1850 como autores nacidos después de 1900?",
                   "Encuentra los países de los que procede algún autor nacido antes de 1850 y también alguno nacido "
                   "después de 1900."),
            "fr": ("Quels pays comptent à la fois des auteurs nés avant 1850 et des auteurs nés après 1900 ?",
                   "Trouve les pays d'origine d'au moins un auteur né avant 1850 et d'au moins un auteur né après 1900."),
            "ja": ("1850年より前に生まれた作家と1900年より後に生まれた作家の両方がいる国はどこですか？",
                   "1850年より前の生まれの作家も、1900年より後の生まれの作家も輩出している国を求めてください。"),
            "vi": ("Những quốc gia nào có cả tác giả sinh trước năm 1850 lẫn tác giả sinh sau năm 1900?",
                   "Tìm các quốc gia vừa có tác giả sinh trước 1850 vừa có tác giả sinh sau 1900."),
            "zh": ("哪些国家既有1850年之前出生的作者，又有1900年之后出生的作者？",
                   "找出同时拥有1850年前出生和1900年后出生作者的国家。"),
        },
    ),
    Template(
        sql="SELECT count(*) FROM book WHERE pages > (SELECT max(pages) FROM book WHERE genre = '{genre}')",
        slots={"genre": GENRES},
        n=2,
        questions={
            "en": ("How many books are longer than the longest {genre} book?",
                   "Count the books with more pages than every book in the {genre} genre."),
            "de": ("Wie viele Bücher sind länger als das längste Buch des Genres {genre}?",
                   "Zähle die Bücher, die mehr Seiten haben als jedes Buch im Genre {genre}."),
            "es": ("¿Cuántos libros son más largos que el libro más largo de {genre}?",
                   "Cuenta los libros que tienen más páginas que cualquier libro del género {genre}."),
            "fr": ("Combien de livres sont plus longs que le plus long livre du genre {genre} ?",
                   "Compte les livres ayant plus de pages que tous les livres de genre {genre}."),
            "ja": ("{genre}で最も長い本よりもページ数の多い本は何冊ありますか？",
                   "ジャンル{genre}のどの本よりもページ数が多い本の数を数えてください。"),
            "vi": ("Có bao nhiêu cuốn sách dài hơn cuốn sách {genre} dài nhất?",
                   "Đếm số sách có nhiều trang hơn mọi cuốn sách thuộc thể loại {genre}."),
            "zh": ("有多少本书比最长的{genre}类书还要长？", "统计页数多于所有{genre}类图书的书的数量。"),
        },
    ),
    # ---- extra
    Template(
        sql=f"SELECT T2.name {JOIN_AUTHOR} GROUP BY T1.author_id ORDER BY count(*) DESC LIMIT 1",
        questions={
            "en": ("Which author has written the most books?", "Who is the author with the largest number of books in the library?"),
            "de": ("Welcher Autor hat die meisten Bücher geschrieben?", "Wer ist der Autor mit den meisten Büchern in der Bibliothek?"),
            "es": ("¿Qué autor ha escrito más libros?", "¿Quién es el autor con mayor número de libros en la biblioteca?"),
            "fr": ("Quel auteur a écrit le plus de livres ?", "Qui est l'auteur qui a le plus de livres dans la bibliothèque ?"),
            "ja": ("最も多くの本を書いた作家は誰ですか？", "図書館で所蔵冊数が最も多い作家は誰ですか？"),
            "vi": ("Tác giả nào đã viết nhiều sách nhất?", "Ai là tác giả có nhiều sách nhất trong thư viện?"),
            "zh": ("哪位作者写的书最多？", "图书馆中藏书最多的作者是谁？"),
        },
    ),
    Template(
        sql="SELECT T2.name FROM loan AS T1 JOIN member AS T2 ON T1.member_id = T2.member_id "
            "GROUP BY T1.member_id ORDER BY count(*) DESC LIMIT 1",
        questions={
            "en": ("Which member has borrowed the most books?", "Give the name of the member with the highest number of loans."),
            "de": ("Welches Mitglied hat die meisten Bücher ausgeliehen?", "Nenne den Namen des Mitglieds mit den meisten Ausleihen."),
            "es": ("¿Qué socio ha tomado prestados más libros?", "Indica el nombre del socio con el mayor número de préstamos."),
            "fr": ("Quel membre a emprunté le plus de livres ?", "Donne le nom du membre ayant le plus grand nombre d'emprunts."),
            "ja": ("最も多くの本を借りた会員は誰ですか？", "貸出件数が最も多い会員の名前を教えてください。"),
            "vi": ("Thành viên nào đã mượn nhiều sách nhất?", "Cho biết tên thành viên có số lượt mượn cao nhất."),
            "zh": ("哪位会员借的书最多？", "给出借阅次数最多的会员姓名。"),
        },
    ),
    Template(
        sql=f"SELECT T1.title {JOIN_AUTHOR} WHERE T2.country = '{{country}}' "
            "AND T1.pages > (SELECT avg(pages) FROM book)",
        slots={"country": COUNTRIES},
        n=2,
        questions={
            "en": ("Which books by authors from {country} have more pages than the average book?",
                   "List the titles of books written by authors from {country} whose page count is above the overall average."),
            "de": ("Welche Bücher von Autoren aus {country} haben mehr Seiten als der Durchschnitt aller Bücher?",
                   "Liste die Titel der Bücher von Autoren aus {country} auf, deren Seitenzahl über dem Gesamtdurchschnitt liegt."),
            "es": ("¿Qué libros de autores de {country} tienen más páginas que la media de todos los libros?",
                   "Enumera los títulos de los libros escritos por autores de {country} cuyo número de páginas supera "
                   "el promedio general."),
            "fr": ("Quels livres d'auteurs du pays {country} ont plus de pages que la moyenne de tous les livres ?",
                   "Liste les titres des livres écrits par des auteurs originaires du pays {country} dont le nombre de "
                   "pages dépasse la moyenne générale."),
            "ja": ("{country}出身の作家の本のうち、全書籍の平均よりページ数が多いものはどれですか？",
                   "{country}の作家が書いた本で、ページ数が全体の平均を上回るもののタイトルを挙げてください。"),
            "vi": ("Những cuốn sách nào của tác giả đến từ {country} có số trang nhiều hơn mức trung bình của tất cả sách?",
                   "Liệt kê tựa đề các sách do tác giả đến từ {country} viết mà có số trang vượt mức trung bình chung."),
            "zh": ("来自{country}的作者所写的书中，哪些页数超过所有书的平均页数？",
                   "列出{country}作者所写、页数高于总体平均值的书名。"),
        },
    ),
    Template(
        sql=f"SELECT DISTINCT T1.name {MEMBER_BOOKS} JOIN author AS T4 ON T3.author_id = T4.author_id "
            "WHERE T4.name = '{author}'",
        slots={"author": WRITERS},
        n=2,
        questions={
            "en": ("Which members have borrowed a book by {author}?",
                   "List the distinct names of members who borrowed books written by {author}."),
            "de": ("Welche Mitglieder haben ein Buch von {author} ausgeliehen?",
                   "Liste ohne Duplikate die Namen der Mitglieder auf, die Bücher von {author} ausgeliehen haben."),
            "es": ("¿Qué socios han tomado prestado algún libro de {author}?",
                   "Enumera sin repetir los nombres de los socios que pidieron prestados libros escritos por {author}."),
            "fr": ("Quels membres ont emprunté un livre écrit par {author} ?",
                   "Liste, sans doublons, les noms des membres ayant emprunté des livres écrits par {author}."),
            "ja": ("{author}の本を借りたことのある会員は誰ですか？", "{author}が書いた本を借りた会員の名前を重複なしで挙げてください。"),
            "vi": ("Những thành viên nào đã mượn sách của {author}?",
                   "Liệt kê tên (không trùng lặp) các thành viên đã mượn sách do {author} viết."),
            "zh": ("哪些会员借过{author}的书？", "列出借阅过{author}所写书籍的会员姓名（不重复）。"),
        },
    ),
    Template(
        sql=f"SELECT T1.name {MEMBER_BOOKS} WHERE T3.genre = '{{genre_a}}' "
            f"INTERSECT SELECT T1.name {MEMBER_BOOKS} WHERE T3.genre = '{{genre_b}}'",
        # two disjoint value sets, so the two genres always differ
        slots={"genre_a": "SELECT genre FROM book WHERE genre < 'M'", "genre_b": "SELECT genre FROM book WHERE genre >= 'M'"},
        n=2,
        questions={
            "en": ("Which members have borrowed both {genre_a} books and {genre_b} books?",
                   "Find the names of members who borrowed at least one {genre_a} book and at least one {genre_b} book."),
            "de": ("Welche Mitglieder haben sowohl Bücher des Genres {genre_a} als auch Bücher des Genres {genre_b} ausgeliehen?",
                   "Finde die Namen der Mitglieder, die mindestens ein Buch aus dem Genre {genre_a} und mindestens eines "
                   "aus dem Genre {genre_b} ausgeliehen haben."),
            "es": ("¿Qué socios han tomado prestados tanto libros de {genre_a} como libros de {genre_b}?",
                   "Encuentra los nombres de los socios que pidieron al menos un libro de {genre_a} y al menos uno de {genre_b}."),
            "fr": ("Quels membres ont emprunté à la fois des livres du genre {genre_a} et des livres du genre {genre_b} ?",
                   "Trouve les noms des membres ayant emprunté au moins un livre de genre {genre_a} et au moins un livre "
                   "de genre {genre_b}."),
            "ja": ("{genre_a}の本と{genre_b}の本の両方を借りたことのある会員は誰ですか？",
                   "{genre_a}の本を少なくとも1冊、かつ{genre_b}の本を少なくとも1冊借りた会員の名前を求めてください。"),
            "vi": ("Những thành viên nào đã mượn cả sách {genre_a} lẫn sách {genre_b}?",
                   "Tìm tên các thành viên đã mượn ít nhất một cuốn {genre_a} và ít nhất một cuốn {genre_b}."),
            "zh": ("哪些会员既借过{genre_a}类的书，也借过{genre_b}类的书？",
                   "找出至少借过一本{genre_a}类书和一本{genre_b}类书的会员姓名。"),
        },
    ),
    Template(
        sql=f"SELECT DISTINCT T2.name {JOIN_AUTHOR} WHERE T2.country = '{{country}}' "
            "AND T1.book_id NOT IN (SELECT book_id FROM loan)",
        slots={"country": COUNTRIES},
        n=2,
        questions={
            "en": ("Which authors from {country} have at least one book that has never been borrowed?",
                   "Give the names of authors from {country} with a book that was never lent out."),
            "de": ("Welche Autoren aus {country} haben mindestens ein Buch, das nie ausgeliehen wurde?",
                   "Nenne die Namen der Autoren aus {country}, von denen ein Buch noch nie verliehen wurde."),
            "es": ("¿Qué autores de {country} tienen al menos un libro que nunca se ha prestado?",
                   "Indica los nombres de los autores de {country} con algún libro que no se ha prestado nunca."),
            "fr": ("Quels auteurs du pays {country} ont au moins un livre qui n'a jamais été emprunté ?",
                   "Donne les noms des auteurs originaires du pays {country} dont un livre n'a jamais été prêté."),
            "ja": ("{country}出身の作家のうち、一度も貸し出されていない本がある作家は誰ですか？",
                   "貸し出されたことのない本が1冊以上ある{country}の作家の名前を挙げてください。"),
            "vi": ("Những tác giả nào đến từ {country} có ít nhất một cuốn sách chưa từng được mượn?",
                   "Cho biết tên các tác giả đến từ {country} có sách chưa bao giờ được cho mượn."),
            "zh": ("来自{country}的作者中，哪些人至少有一本书从未被借出？", "给出有书从未被借阅过的{country}作者姓名。"),
        },
    ),
    Template(
        sql="SELECT T2.name FROM loan AS T1 JOIN member AS T2 ON T1.member_id = T2.member_id "
            "GROUP BY T1.member_id ORDER BY sum(T1.fine) DESC LIMIT 1",
        questions={
            "en": ("Which member has accumulated the highest total of late fines?",
                   "Who has the largest sum of fines across all of their loans?"),
            "de": ("Welches Mitglied hat insgesamt die höchsten Säumnisgebühren angesammelt?",
                   "Wer hat über alle Ausleihen hinweg die größte Summe an Gebühren?"),
            "es": ("¿Qué socio ha acumulado el mayor total de multas por retraso?",
                   "¿Quién tiene la mayor suma de multas en todos sus préstamos?"),
            "fr": ("Quel membre a accumulé le total d'amendes de retard le plus élevé ?",
                   "Qui a la plus grosse somme d'amendes sur l'ensemble de ses emprunts ?"),
            "ja": ("延滞料の合計が最も高い会員は誰ですか？", "すべての貸出を通じて罰金の総額が最大の会員を教えてください。"),
            "vi": ("Thành viên nào có tổng tiền phạt trả sách muộn cao nhất?",
                   "Ai có tổng số tiền phạt lớn nhất trên tất cả các lượt mượn?"),
            "zh": ("哪位会员的逾期罚款总额最高？", "在所有借阅中罚款总和最大的会员是谁？"),
        },
    ),
)

DOMAIN = Domain(db_id="library", split="train", schema_sql=SCHEMA, populate=populate, templates=TEMPLATES)
