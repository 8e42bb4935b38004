"""Train domain ``movie_streaming``: directors, movies, subscribers and their viewings."""

from __future__ import annotations

import random
import sqlite3
from datetime import date, timedelta

from polysql.data.mini.template import Domain, Template

SCHEMA_SQL = """
CREATE TABLE director (
    director_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    country TEXT NOT NULL,
    birth_year INTEGER NOT NULL
);
CREATE TABLE movie (
    movie_id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    director_id INTEGER NOT NULL,
    genre TEXT NOT NULL,
    release_year INTEGER NOT NULL,
    duration_minutes INTEGER NOT NULL,
    budget_million REAL NOT NULL,
    FOREIGN KEY (director_id) REFERENCES director (director_id)
);
CREATE TABLE subscriber (
    subscriber_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    country TEXT NOT NULL,
    plan_type TEXT NOT NULL,
    join_date TEXT NOT NULL,
    age INTEGER NOT NULL
);
CREATE TABLE viewing (
    viewing_id INTEGER PRIMARY KEY,
    subscriber_id INTEGER NOT NULL,
    movie_id INTEGER NOT NULL,
    view_date TEXT NOT NULL,
    minutes_watched INTEGER NOT NULL,
    rating INTEGER NOT NULL,
    device TEXT NOT NULL,
    FOREIGN KEY (subscriber_id) REFERENCES subscriber (subscriber_id),
    FOREIGN KEY (movie_id) REFERENCES movie (movie_id)
);
"""

# Fictional directors: (name, country, birth year).
_DIRECTORS = (
    ("Elena Marchetti", "Italy", 1968), ("Tomas Lindqvist", "Sweden", 1972), ("Hiroshi Tanaka", "Japan", 1959),
    ("Claire Dubois", "France", 1975), ("Marcus Reed", "United States", 1966), ("Sofia Alvarez", "Spain", 1981),
    ("Daniel Okafor", "Nigeria", 1978), ("Min-jun Park", "South Korea", 1970),
    ("Laura Bennett", "United Kingdom", 1964), ("Rafael Costa", "Brazil", 1973), ("Anna Kowalski", "Poland", 1980),
    ("Ethan Brooks", "United States", 1985), ("Isabel Moreno", "Mexico", 1977), ("Karl Hoffmann", "Germany", 1962),
    ("Priya Sharma", "India", 1983), ("Oliver Grant", "United Kingdom", 1971), ("Yuki Mori", "Japan", 1988),
    ("Lucas Ferreira", "Brazil", 1969), ("Grace Whitman", "United States", 1958), ("Pierre Laurent", "France", 1965),
)

# Fictional titles.
_TITLES = (
    "The Silent Harbor", "Midnight in Lisbon", "Paper Kingdoms", "The Last Lighthouse", "Echoes of Tomorrow",
    "Broken Compass", "A Winter in Kyoto", "The Glass Orchard", "Neon Rivers", "Saltwater Promise",
    "The Clockmaker Daughter", "Beyond the Red Dunes", "Summer of Fireflies", "The Quiet Detective",
    "Orbit of Shadows", "Letters from Valencia", "The Hollow Forest", "Crimson Skyline", "Small Town Heroes",
    "The Iron Garden", "Whispers at Dawn", "Northern Lights Express", "The Forgotten Map", "Velvet Thunder",
    "Distant Shores", "The Memory Thief", "Laughing in the Rain", "City of Lanterns", "The Final Signal",
    "Wild Horses Run", "The Paper Moon Cafe", "Under the Copper Sky",
)

_GENRES = ("Drama", "Comedy", "Thriller", "Science Fiction", "Animation", "Documentary", "Horror", "Romance")
_COUNTRIES = ("United States", "United Kingdom", "Canada", "Germany", "France", "Australia")
_PLANS = ("basic", "standard", "premium")
_DEVICES = ("tv", "phone", "tablet", "laptop")

_FIRST_NAMES = (
    "Liam", "Emma", "Noah", "Ava", "Oliver", "Isabella", "Elijah", "Mia", "Henry", "Amelia",
    "Alexander", "Harper", "Benjamin", "Evelyn", "Samuel", "Abigail", "Jack", "Ella", "Owen", "Scarlett",
    "Leo", "Lily", "Isaac", "Zoe", "Gabriel", "Nora", "Julian", "Aria", "Caleb", "Hazel",
)
_LAST_NAMES = (
    "Bailey", "Cooper", "Reed", "Morgan", "Bell", "Murphy", "Howard", "Ward", "Cox", "Richardson",
    "Wood", "Watson", "Brooks", "Bennett", "Gray", "James", "Hughes", "Price", "Sanders", "Myers",
    "Long", "Ross", "Foster", "Powell", "Jenkins", "Perry", "Russell", "Sullivan", "Fisher", "Hayes",
)

_NUM_SUBSCRIBERS = 40
_UNWATCHED = 3  # movies nobody has watched yet


def _random_date(rng: random.Random, start: date, end: date) -> str:
    return (start + timedelta(days=rng.randint(0, (end - start).days))).isoformat()


def populate(conn: sqlite3.Connection, rng: random.Random) -> None:
    """Insert 20 directors, 32 movies, 40 subscribers and about 170 viewings."""
    conn.executemany(
        "INSERT INTO director VALUES (?, ?, ?, ?)",
        [(i, name, country, born) for i, (name, country, born) in enumerate(_DIRECTORS, start=1)],
    )

    budgets = [b / 10 for b in rng.sample(range(15, 1800), len(_TITLES))]  # distinct, 1.5 to 180 million
    movies = []
    for i, (title, budget) in enumerate(zip(_TITLES, budgets), start=1):
        director_id = rng.randint(1, len(_DIRECTORS))
        genre = _GENRES[(i - 1) % len(_GENRES)] if i <= len(_GENRES) else rng.choice(_GENRES)
        movies.append((i, title, director_id, genre, rng.randint(1995, 2023), rng.randint(84, 172), budget))
    conn.executemany("INSERT INTO movie VALUES (?, ?, ?, ?, ?, ?, ?)", movies)

    names: list[str] = []
    while len(names) < _NUM_SUBSCRIBERS:
        name = f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}"
        if name not in names:
            names.append(name)
    subscribers = [
        (i, name, _COUNTRIES[(i - 1) % len(_COUNTRIES)], rng.choices(_PLANS, weights=(4, 5, 3))[0],
         _random_date(rng, date(2019, 1, 1), date(2023, 12, 31)), rng.randint(18, 71))
        for i, name in enumerate(names, start=1)
    ]
    conn.executemany("INSERT INTO subscriber VALUES (?, ?, ?, ?, ?, ?)", subscribers)

    # A few movies stay unwatched, one is clearly the most watched, the rest get 2-8 viewings.
    order = list(range(len(movies)))
    rng.shuffle(order)
    unwatched = set(order[:_UNWATCHED])
    favourite = order[_UNWATCHED]
    picks = []
    for index, movie in enumerate(movies):
        if index not in unwatched:
            picks.extend([movie] * (15 if index == favourite else rng.randint(2, 8)))
    rng.shuffle(picks)
    viewings = []
    for viewing_id, movie in enumerate(picks, start=1):
        duration = movie[5]
        watched = duration if rng.random() < 0.6 else rng.randint(10, duration - 1)
        viewings.append((
            viewing_id, rng.randint(1, _NUM_SUBSCRIBERS), movie[0], _random_date(rng, date(2024, 1, 1), date(2024, 8, 31)),
            watched, rng.choices((1, 2, 3, 4, 5), weights=(1, 2, 4, 5, 4))[0],
            rng.choices(_DEVICES, weights=(5, 4, 2, 3))[0],
        ))
    conn.executemany("INSERT INTO viewing VALUES (?, ?, ?, ?, ?, ?, ?)", viewings)


_GENRES_WATCHED = "SELECT DISTINCT T2.genre FROM viewing AS T1 JOIN movie AS T2 ON T1.movie_id = T2.movie_id"

TEMPLATES = (
    # ---- easy ----
    Template(
        sql="SELECT title FROM movie WHERE genre = '{genre}'",
        slots={"genre": "SELECT DISTINCT genre FROM movie"},
        n=4,
        questions={
            "en": ("What are the titles of all {genre} movies?", "List the movies in the {genre} genre.",
                   "Which films belong to the genre {genre}?"),
            "de": ("Wie lauten die Titel aller Filme des Genres {genre}?", "Welche Filme gehören zum Genre {genre}?"),
            "es": ("¿Cuáles son los títulos de todas las películas del género {genre}?",
                   "Enumera las películas cuyo género es {genre}."),
            "fr": ("Quels sont les titres de tous les films du genre {genre} ?",
                   "Liste les films qui appartiennent au genre {genre}."),
            "ja": ("ジャンルが{genre}の映画のタイトルをすべて教えてください。", "{genre}に分類される映画はどれですか？"),
            "vi": ("Tiêu đề của tất cả các bộ phim thuộc thể loại {genre} là gì?", "Liệt kê các bộ phim thuộc thể loại {genre}."),
            "zh": ("所有{genre}类型电影的片名是什么？", "列出类型为{genre}的电影。"),
        },
    ),
    Template(
        sql="SELECT count(*) FROM subscriber WHERE plan_type = '{plan}'",
        slots={"plan": "SELECT DISTINCT plan_type FROM subscriber"},
        n=3,
        questions={
            "en": ("How many subscribers are on the {plan} plan?", "Count the subscribers whose plan type is {plan}."),
            "de": ("Wie viele Abonnenten haben den Tarif {plan}?", "Zähle die Abonnenten, deren Tarif {plan} ist."),
            "es": ("¿Cuántos suscriptores tienen el plan {plan}?", "Cuenta los suscriptores cuyo tipo de plan es {plan}."),
            "fr": ("Combien d'abonnés ont la formule {plan} ?", "Compte les abonnés dont la formule est {plan}."),
            "ja": ("{plan}プランに加入している会員は何人ですか？", "プランの種類が{plan}である加入者の数を数えてください。"),
            "vi": ("Có bao nhiêu người đăng ký đang dùng gói {plan}?", "Đếm số người đăng ký có loại gói là {plan}."),
            "zh": ("有多少订阅用户使用{plan}套餐？", "统计套餐类型为{plan}的订阅用户数量。"),
        },
    ),
    Template(
        sql="SELECT name FROM director WHERE country = '{country}'",
        slots={"country": "SELECT DISTINCT country FROM director"},
        n=3,
        questions={
            "en": ("Which directors come from {country}?", "Give the names of all directors whose country is {country}."),
            "de": ("Welche Regisseure stammen aus {country}?",
                   "Nenne die Namen aller Regisseure, deren Herkunftsland {country} ist."),
            "es": ("¿Qué directores son de {country}?", "Indica los nombres de todos los directores cuyo país es {country}."),
            "fr": ("Quels réalisateurs viennent du pays {country} ?",
                   "Donne les noms de tous les réalisateurs dont le pays est {country}."),
            "ja": ("{country}出身の監督は誰ですか？", "国籍が{country}である監督の名前をすべて挙げてください。"),
            "vi": ("Những đạo diễn nào đến từ {country}?", "Cho biết tên tất cả các đạo diễn có quốc gia là {country}."),
            "zh": ("哪些导演来自{country}？", "给出国家为{country}的所有导演的姓名。"),
        },
    ),
    Template(
        sql="SELECT title FROM movie WHERE release_year < {year}",
        slots={"year": "SELECT DISTINCT release_year FROM movie "
                       "WHERE release_year > (SELECT min(release_year) FROM movie)"},
        n=2,
        questions={
            "en": ("Which movies were released before {year}?", "List the titles of films that came out earlier than {year}."),
            "de": ("Welche Filme sind vor {year} erschienen?",
                   "Liste die Titel der Filme auf, die früher als {year} herausgekommen sind."),
            "es": ("¿Qué películas se estrenaron antes de {year}?",
                   "Enumera los títulos de las películas que salieron antes del año {year}."),
            "fr": ("Quels films sont sortis avant {year} ?", "Liste les titres des films parus avant l'année {year}."),
            "ja": ("{year}年より前に公開された映画はどれですか？", "公開年が{year}年より前の映画のタイトルを挙げてください。"),
            "vi": ("Những bộ phim nào được phát hành trước năm {year}?", "Liệt kê tiêu đề các bộ phim ra mắt trước năm {year}."),
            "zh": ("哪些电影是在{year}年之前上映的？", "列出上映年份早于{year}年的电影片名。"),
        },
    ),
    Template(
        sql="SELECT avg(age) FROM subscriber WHERE country = '{country}'",
        slots={"country": "SELECT DISTINCT country FROM subscriber"},
        n=2,
        questions={
            "en": ("What is the average age of subscribers from {country}?",
                   "On average, how old are the subscribers who live in {country}?"),
            "de": ("Wie hoch ist das Durchschnittsalter der Abonnenten aus {country}?",
                   "Wie alt sind die Abonnenten, die in {country} leben, im Durchschnitt?"),
            "es": ("¿Cuál es la edad media de los suscriptores de {country}?",
                   "En promedio, ¿qué edad tienen los suscriptores que viven en {country}?"),
            "fr": ("Quel est l'âge moyen des abonnés du pays {country} ?",
                   "En moyenne, quel âge ont les abonnés qui résident dans le pays {country} ?"),
            "ja": ("{country}の加入者の平均年齢はいくつですか？", "{country}に住む加入者は平均で何歳ですか？"),
            "vi": ("Độ tuổi trung bình của những người đăng ký đến từ {country} là bao nhiêu?",
                   "Trung bình những người đăng ký sống ở {country} bao nhiêu tuổi?"),
            "zh": ("来自{country}的订阅用户平均年龄是多少？", "住在{country}的订阅用户平均多大年纪？"),
        },
    ),
    # ---- medium ----
    Template(
        sql="SELECT T1.title FROM movie AS T1 JOIN director AS T2 ON T1.director_id = T2.director_id "
            "WHERE T2.name = '{director}'",
        slots={"director": "SELECT DISTINCT T2.name FROM movie AS T1 JOIN director AS T2 "
                           "ON T1.director_id = T2.director_id"},
        n=4,
        questions={
            "en": ("Which movies were directed by {director}?", "List the titles of all films made by the director {director}."),
            "de": ("Bei welchen Filmen hat {director} Regie geführt?",
                   "Liste die Titel aller Filme auf, die von {director} inszeniert wurden."),
            "es": ("¿Qué películas dirigió {director}?", "Enumera los títulos de todas las películas dirigidas por {director}."),
            "fr": ("Quels films ont été réalisés par {director} ?", "Liste les titres de tous les films de {director}."),
            "ja": ("{director}が監督した映画はどれですか？", "{director}監督の作品のタイトルをすべて挙げてください。"),
            "vi": ("Những bộ phim nào do {director} đạo diễn?", "Liệt kê tiêu đề tất cả các phim của đạo diễn {director}."),
            "zh": ("{director}执导了哪些电影？", "列出导演{director}的所有电影片名。"),
        },
    ),
    Template(
        sql="SELECT genre, count(*) FROM movie GROUP BY genre",
        questions={
            "en": ("How many movies are there in each genre?", "Show every genre along with the number of films in it."),
            "de": ("Wie viele Filme gibt es in jedem Genre?", "Zeige jedes Genre zusammen mit der Anzahl der zugehörigen Filme."),
            "es": ("¿Cuántas películas hay de cada género?", "Muestra cada género junto con el número de películas que tiene."),
            "fr": ("Combien de films y a-t-il dans chaque genre ?", "Affiche chaque genre avec le nombre de films qu'il compte."),
            "ja": ("ジャンルごとに映画は何本ありますか？", "各ジャンルと、そのジャンルに属する映画の本数を表示してください。"),
            "vi": ("Mỗi thể loại có bao nhiêu bộ phim?", "Hiển thị từng thể loại cùng số lượng phim thuộc thể loại đó."),
            "zh": ("每种类型各有多少部电影？", "显示每个类型及其包含的电影数量。"),
        },
    ),
    Template(
        sql="SELECT title, budget_million FROM movie WHERE genre = '{genre}' ORDER BY budget_million DESC",
        slots={"genre": "SELECT DISTINCT genre FROM movie"},
        n=3,
        questions={
            "en": ("List the titles and budgets of {genre} movies, from the largest budget to the smallest.",
                   "Show every film in the {genre} genre with its budget, sorted by budget in descending order."),
            "de": ("Liste Titel und Budget der Filme des Genres {genre} auf, vom größten zum kleinsten Budget.",
                   "Zeige alle Filme des Genres {genre} mit ihrem Budget, absteigend nach Budget sortiert."),
            "es": ("Enumera los títulos y presupuestos de las películas de {genre}, del mayor presupuesto al menor.",
                   "Muestra cada película del género {genre} con su presupuesto, en orden descendente de presupuesto."),
            "fr": ("Liste les titres et les budgets des films du genre {genre}, du plus gros budget au plus petit.",
                   "Affiche chaque film du genre {genre} avec son budget, trié par budget décroissant."),
            "ja": ("ジャンルが{genre}の映画のタイトルと予算を、予算の多い順に挙げてください。",
                   "{genre}の映画をそれぞれの予算とともに、予算の降順で表示してください。"),
            "vi": ("Liệt kê tiêu đề và kinh phí của các phim thể loại {genre}, từ kinh phí lớn nhất đến nhỏ nhất.",
                   "Hiển thị từng phim thuộc thể loại {genre} cùng kinh phí, sắp xếp giảm dần theo kinh phí."),
            "zh": ("按预算从高到低列出{genre}类型电影的片名和预算。", "显示{genre}类型的每部电影及其预算，按预算降序排列。"),
        },
    ),
    Template(
        sql="SELECT count(*) FROM viewing AS T1 JOIN movie AS T2 ON T1.movie_id = T2.movie_id WHERE T2.title = '{title}'",
        slots={"title": "SELECT DISTINCT T2.title FROM viewing AS T1 JOIN movie AS T2 ON T1.movie_id = T2.movie_id"},
        n=3,
        questions={
            "en": ("How many times has {title} been watched?", "Count the viewings of the movie {title}."),
            "de": ("Wie oft wurde {title} angesehen?", "Zähle die Aufrufe des Films {title}."),
            "es": ("¿Cuántas veces se ha visto {title}?", "Cuenta las visualizaciones de la película {title}."),
            "fr": ("Combien de fois le film {title} a-t-il été regardé ?", "Compte les visionnages du film {title}."),
            "ja": ("{title}は何回視聴されましたか？", "映画「{title}」の視聴回数を数えてください。"),
            "vi": ("Phim {title} đã được xem bao nhiêu lần?", "Đếm số lượt xem của bộ phim {title}."),
            "zh": ("{title}被观看了多少次？", "统计电影《{title}》的观看次数。"),
        },
    ),
    Template(
        sql="SELECT plan_type, avg(age) FROM subscriber GROUP BY plan_type",
        questions={
            "en": ("What is the average subscriber age for each plan type?",
                   "For each plan, show the plan type and the average age of its subscribers."),
            "de": ("Wie hoch ist das Durchschnittsalter der Abonnenten in jedem Tarif?",
                   "Zeige für jeden Tarif die Tarifart und das durchschnittliche Alter seiner Abonnenten."),
            "es": ("¿Cuál es la edad media de los suscriptores para cada tipo de plan?",
                   "Para cada plan, muestra el tipo de plan y la edad media de sus suscriptores."),
            "fr": ("Quel est l'âge moyen des abonnés pour chaque formule ?",
                   "Pour chaque formule, affiche son type et l'âge moyen de ses abonnés."),
            "ja": ("プランの種類ごとに加入者の平均年齢を求めてください。", "各プランについて、プラン名とその加入者の平均年齢を表示してください。"),
            "vi": ("Độ tuổi trung bình của người đăng ký theo từng loại gói là bao nhiêu?",
                   "Với mỗi gói, hãy cho biết loại gói và độ tuổi trung bình của người đăng ký gói đó."),
            "zh": ("每种套餐的订阅用户平均年龄是多少？", "按套餐显示套餐类型及其订阅用户的平均年龄。"),
        },
    ),
    Template(
        sql="SELECT avg(T2.rating) FROM movie AS T1 JOIN viewing AS T2 ON T1.movie_id = T2.movie_id "
            "WHERE T1.genre = '{genre}'",
        slots={"genre": _GENRES_WATCHED},
        n=3,
        questions={
            "en": ("What is the average rating given to {genre} movies?",
                   "On average, how do viewers rate films in the {genre} genre?"),
            "de": ("Wie ist die durchschnittliche Bewertung von Filmen des Genres {genre}?",
                   "Welche Bewertung vergeben Zuschauer im Schnitt für Filme des Genres {genre}?"),
            "es": ("¿Cuál es la valoración media que reciben las películas de {genre}?",
                   "En promedio, ¿qué puntuación dan los espectadores a las películas del género {genre}?"),
            "fr": ("Quelle est la note moyenne attribuée aux films du genre {genre} ?",
                   "En moyenne, quelle note les spectateurs donnent-ils aux films du genre {genre} ?"),
            "ja": ("{genre}映画に付けられた評価の平均はいくつですか？",
                   "ジャンルが{genre}の映画は、視聴者から平均でどのくらいの評価を受けていますか？"),
            "vi": ("Điểm đánh giá trung bình dành cho các phim thể loại {genre} là bao nhiêu?",
                   "Trung bình người xem chấm bao nhiêu điểm cho phim thuộc thể loại {genre}?"),
            "zh": ("{genre}类型电影的平均评分是多少？", "观众给{genre}类型电影的评分平均是多少？"),
        },
    ),
    Template(
        sql="SELECT name FROM subscriber WHERE plan_type = '{plan}' AND country = '{country}'",
        slots={"plan": "SELECT DISTINCT plan_type FROM subscriber", "country": "SELECT DISTINCT country FROM subscriber"},
        n=2,
        questions={
            "en": ("Which subscribers from {country} are on the {plan} plan?",
                   "Give the names of subscribers whose plan is {plan} and who live in {country}."),
            "de": ("Welche Abonnenten aus {country} haben den Tarif {plan}?",
                   "Nenne die Namen der Abonnenten, die den Tarif {plan} haben und in {country} leben."),
            "es": ("¿Qué suscriptores de {country} tienen el plan {plan}?",
                   "Indica los nombres de los suscriptores con el plan {plan} que viven en {country}."),
            "fr": ("Quels abonnés du pays {country} ont la formule {plan} ?",
                   "Donne les noms des abonnés qui ont la formule {plan} et résident dans le pays {country}."),
            "ja": ("{country}の加入者のうち、{plan}プランを利用しているのは誰ですか？",
                   "プランが{plan}で、{country}に住んでいる加入者の名前を挙げてください。"),
            "vi": ("Những người đăng ký nào ở {country} đang dùng gói {plan}?",
                   "Cho biết tên những người đăng ký dùng gói {plan} và sống ở {country}."),
            "zh": ("来自{country}的哪些订阅用户使用{plan}套餐？", "给出使用{plan}套餐且住在{country}的订阅用户姓名。"),
        },
    ),
    # ---- hard ----
    Template(
        sql="SELECT title FROM movie WHERE duration_minutes > (SELECT avg(duration_minutes) FROM movie)",
        questions={
            "en": ("Which movies are longer than the average movie?",
                   "Find the titles of films whose running time exceeds the average duration."),
            "de": ("Welche Filme sind länger als der Durchschnitt?",
                   "Finde die Titel der Filme, deren Laufzeit über der durchschnittlichen Dauer liegt."),
            "es": ("¿Qué películas duran más que la media?",
                   "Encuentra los títulos de las películas cuya duración supera la duración media."),
            "fr": ("Quels films sont plus longs que la moyenne ?", "Trouve les titres des films dont la durée dépasse la durée moyenne."),
            "ja": ("平均よりも上映時間が長い映画はどれですか？", "上映時間が全映画の平均を超えている映画のタイトルを求めてください。"),
            "vi": ("Những bộ phim nào dài hơn mức trung bình?", "Tìm tiêu đề các bộ phim có thời lượng vượt quá thời lượng trung bình."),
            "zh": ("哪些电影的片长超过平均水平？", "找出片长超过平均时长的电影名称。"),
        },
    ),
    Template(
        sql="SELECT title FROM movie WHERE movie_id NOT IN (SELECT movie_id FROM viewing)",
        questions={
            "en": ("Which movies have never been watched?", "List the titles of movies that have no viewings."),
            "de": ("Welche Filme wurden noch nie angesehen?", "Liste die Titel der Filme auf, für die es keine Aufrufe gibt."),
            "es": ("¿Qué películas no se han visto nunca?",
                   "Enumera los títulos de las películas que no tienen ninguna visualización."),
            "fr": ("Quels films n'ont jamais été regardés ?", "Liste les titres des films qui n'ont aucun visionnage."),
            "ja": ("一度も視聴されていない映画はどれですか？", "視聴記録が1件もない映画のタイトルを挙げてください。"),
            "vi": ("Những bộ phim nào chưa từng được xem?", "Liệt kê tiêu đề các phim không có lượt xem nào."),
            "zh": ("哪些电影从未被观看过？", "列出没有任何观看记录的电影片名。"),
        },
    ),
    Template(
        sql="SELECT name FROM subscriber WHERE subscriber_id NOT IN (SELECT T1.subscriber_id FROM viewing AS T1 "
            "JOIN movie AS T2 ON T1.movie_id = T2.movie_id WHERE T2.genre = '{genre}')",
        slots={"genre": _GENRES_WATCHED},
        n=3,
        questions={
            "en": ("Which subscribers have never watched a {genre} movie?",
                   "Find the names of subscribers who have not watched any film of the genre {genre}."),
            "de": ("Welche Abonnenten haben noch nie einen Film des Genres {genre} gesehen?",
                   "Finde die Namen der Abonnenten, die keinen einzigen Film des Genres {genre} angesehen haben."),
            "es": ("¿Qué suscriptores nunca han visto una película de {genre}?",
                   "Encuentra los nombres de los suscriptores que no han visto ninguna película del género {genre}."),
            "fr": ("Quels abonnés n'ont jamais regardé de film du genre {genre} ?",
                   "Trouve les noms des abonnés qui n'ont regardé aucun film du genre {genre}."),
            "ja": ("{genre}映画を一度も見たことがない加入者は誰ですか？",
                   "ジャンルが{genre}の映画を1本も視聴していない加入者の名前を求めてください。"),
            "vi": ("Những người đăng ký nào chưa từng xem phim thể loại {genre}?",
                   "Tìm tên những người đăng ký chưa xem bộ phim nào thuộc thể loại {genre}."),
            "zh": ("哪些订阅用户从未看过{genre}类型的电影？", "找出没有看过任何{genre}类型电影的订阅用户姓名。"),
        },
    ),
    Template(
        sql="SELECT title FROM movie WHERE genre = '{genre}' ORDER BY budget_million DESC LIMIT 1",
        slots={"genre": "SELECT DISTINCT genre FROM movie"},
        n=3,
        questions={
            "en": ("Which {genre} movie had the biggest budget?", "What is the title of the most expensive film in the {genre} genre?"),
            "de": ("Welcher Film des Genres {genre} hatte das größte Budget?", "Wie heißt der teuerste Film im Genre {genre}?"),
            "es": ("¿Qué película de {genre} tuvo el mayor presupuesto?",
                   "¿Cuál es el título de la película más cara del género {genre}?"),
            "fr": ("Quel film du genre {genre} a eu le plus gros budget ?", "Quel est le titre du film le plus cher du genre {genre} ?"),
            "ja": ("{genre}映画の中で最も予算が大きかった作品はどれですか？",
                   "ジャンルが{genre}の映画のうち、最も製作費が高い作品のタイトルは何ですか？"),
            "vi": ("Bộ phim thể loại {genre} nào có kinh phí lớn nhất?",
                   "Tiêu đề của bộ phim tốn kém nhất thuộc thể loại {genre} là gì?"),
            "zh": ("{genre}类型电影中预算最高的是哪部？", "{genre}类型里成本最高的电影叫什么名字？"),
        },
    ),
    Template(
        sql="SELECT DISTINCT T3.title FROM subscriber AS T1 JOIN viewing AS T2 ON T1.subscriber_id = T2.subscriber_id "
            "JOIN movie AS T3 ON T2.movie_id = T3.movie_id WHERE T1.name = '{subscriber}'",
        slots={"subscriber": "SELECT DISTINCT T1.name FROM subscriber AS T1 JOIN viewing AS T2 "
                             "ON T1.subscriber_id = T2.subscriber_id"},
        n=3,
        questions={
            "en": ("Which movies has {subscriber} watched?",
                   "List the distinct titles of the films viewed by the subscriber {subscriber}."),
            "de": ("Welche Filme hat {subscriber} angesehen?",
                   "Liste die verschiedenen Titel der Filme auf, die von {subscriber} angesehen wurden."),
            "es": ("¿Qué películas ha visto {subscriber}?",
                   "Enumera los títulos distintos de las películas que ha visto {subscriber}."),
            "fr": ("Quels films ont été regardés par {subscriber} ?",
                   "Liste les titres distincts des films visionnés par {subscriber}."),
            "ja": ("{subscriber}が視聴した映画はどれですか？", "{subscriber}さんが見た映画のタイトルを重複なく挙げてください。"),
            "vi": ("{subscriber} đã xem những bộ phim nào?",
                   "Liệt kê tiêu đề không trùng lặp của các phim mà {subscriber} đã xem."),
            "zh": ("{subscriber}看过哪些电影？", "列出订阅用户{subscriber}观看过的电影片名（去重）。"),
        },
    ),
    Template(
        sql="SELECT T2.country, count(*) FROM movie AS T1 JOIN director AS T2 ON T1.director_id = T2.director_id "
            "WHERE T1.release_year > {year} GROUP BY T2.country",
        slots={"year": "SELECT DISTINCT release_year FROM movie "
                       "WHERE release_year < (SELECT max(release_year) FROM movie)"},
        n=3,
        questions={
            "en": ("For movies released after {year}, how many come from directors of each country?",
                   "Show each director country with the number of films released after {year} by directors from there."),
            "de": ("Wie viele der nach {year} erschienenen Filme stammen von Regisseuren aus dem jeweiligen Land?",
                   "Zeige für jedes Herkunftsland der Regisseure die Anzahl der Filme, die nach {year} erschienen sind."),
            "es": ("De las películas estrenadas después de {year}, ¿cuántas hay por país del director?",
                   "Muestra cada país de los directores con el número de películas estrenadas después de {year}."),
            "fr": ("Parmi les films sortis après {year}, combien y en a-t-il par pays du réalisateur ?",
                   "Affiche chaque pays de réalisateur avec le nombre de films sortis après {year}."),
            "ja": ("{year}年より後に公開された映画について、監督の国ごとの本数を求めてください。",
                   "監督の出身国ごとに、{year}年より後に公開された映画の数を表示してください。"),
            "vi": ("Trong các phim ra mắt sau năm {year}, mỗi quốc gia của đạo diễn có bao nhiêu phim?",
                   "Hiển thị từng quốc gia của đạo diễn cùng số phim phát hành sau năm {year}."),
            "zh": ("在{year}年之后上映的电影中，按导演国籍统计各有多少部？", "按导演所属国家显示{year}年以后上映的电影数量。"),
        },
    ),
    # ---- extra ----
    Template(
        sql="SELECT T1.title FROM movie AS T1 JOIN viewing AS T2 ON T1.movie_id = T2.movie_id "
            "GROUP BY T1.movie_id ORDER BY count(*) DESC LIMIT 1",
        questions={
            "en": ("Which movie has been watched the most times?", "What is the title of the most viewed film?"),
            "de": ("Welcher Film wurde am häufigsten angesehen?", "Wie heißt der meistgesehene Film?"),
            "es": ("¿Qué película se ha visto más veces?", "¿Cuál es el título de la película con más visualizaciones?"),
            "fr": ("Quel film a été regardé le plus de fois ?", "Quel est le titre du film le plus visionné ?"),
            "ja": ("最も多く視聴された映画はどれですか？", "視聴回数が一番多い映画のタイトルは何ですか？"),
            "vi": ("Bộ phim nào được xem nhiều lần nhất?", "Tiêu đề của bộ phim có nhiều lượt xem nhất là gì?"),
            "zh": ("哪部电影被观看的次数最多？", "观看次数最多的电影叫什么名字？"),
        },
    ),
    Template(
        sql="SELECT T2.name FROM movie AS T1 JOIN director AS T2 ON T1.director_id = T2.director_id "
            "GROUP BY T2.director_id HAVING count(*) >= {k} ORDER BY avg(T1.budget_million) DESC LIMIT 1",
        slots={"k": "SELECT DISTINCT count(*) FROM movie GROUP BY director_id"},
        n=2,
        questions={
            "en": ("Among directors with at least {k} movies, who has the highest average budget?",
                   "Which director who made {k} or more films has the largest average film budget?"),
            "de": ("Welcher Regisseur mit mindestens {k} Filmen hat das höchste Durchschnittsbudget?",
                   "Wer hat unter den Regisseuren, die {k} oder mehr Filme gedreht haben, das größte durchschnittliche Filmbudget?"),
            "es": ("Entre los directores con al menos {k} películas, ¿quién tiene el presupuesto medio más alto?",
                   "¿Qué director con {k} o más películas tiene el mayor presupuesto medio por película?"),
            "fr": ("Parmi les réalisateurs ayant au moins {k} films, lequel a le budget moyen le plus élevé ?",
                   "Quel réalisateur ayant tourné {k} films ou plus a le plus gros budget moyen par film ?"),
            "ja": ("映画を{k}本以上撮った監督のうち、平均予算が最も高いのは誰ですか？",
                   "作品数が{k}本以上の監督の中で、作品の平均予算が最大の監督を求めてください。"),
            "vi": ("Trong các đạo diễn có ít nhất {k} bộ phim, ai có kinh phí trung bình cao nhất?",
                   "Đạo diễn nào đã làm từ {k} phim trở lên có kinh phí trung bình mỗi phim lớn nhất?"),
            "zh": ("在至少执导过{k}部电影的导演中，谁的平均预算最高？", "执导电影不少于{k}部的导演里，哪位的影片平均预算最大？"),
        },
    ),
    Template(
        sql="SELECT T1.name FROM subscriber AS T1 JOIN viewing AS T2 ON T1.subscriber_id = T2.subscriber_id "
            "WHERE T1.country = '{country}' GROUP BY T1.subscriber_id ORDER BY sum(T2.minutes_watched) DESC LIMIT 1",
        slots={"country": "SELECT DISTINCT T1.country FROM subscriber AS T1 JOIN viewing AS T2 "
                          "ON T1.subscriber_id = T2.subscriber_id"},
        n=2,
        questions={
            "en": ("Which subscriber from {country} has spent the most minutes watching?",
                   "Find the subscriber living in {country} with the largest total watch time."),
            "de": ("Welcher Abonnent aus {country} hat insgesamt die meisten Minuten geschaut?",
                   "Finde den Abonnenten aus {country} mit der längsten Gesamtsehdauer."),
            "es": ("¿Qué suscriptor de {country} ha pasado más minutos viendo películas?",
                   "Encuentra al suscriptor residente en {country} con el mayor tiempo total de visualización."),
            "fr": ("Quel abonné du pays {country} a passé le plus de minutes à regarder des films ?",
                   "Trouve l'abonné résidant dans le pays {country} dont la durée totale de visionnage est la plus longue."),
            "ja": ("{country}の加入者のうち、合計視聴時間が最も長いのは誰ですか？",
                   "{country}に住む加入者で、視聴した分数の合計が最大の人を求めてください。"),
            "vi": ("Người đăng ký nào ở {country} đã dành nhiều phút xem phim nhất?",
                   "Tìm người đăng ký sống ở {country} có tổng thời gian xem lớn nhất."),
            "zh": ("来自{country}的哪位订阅用户观看总时长最长？", "找出住在{country}、累计观看分钟数最多的订阅用户。"),
        },
    ),
    Template(
        sql="SELECT DISTINCT T1.name FROM subscriber AS T1 JOIN viewing AS T2 ON T1.subscriber_id = T2.subscriber_id "
            "JOIN movie AS T3 ON T2.movie_id = T3.movie_id JOIN director AS T4 ON T3.director_id = T4.director_id "
            "WHERE T4.name = '{director}'",
        slots={"director": "SELECT DISTINCT T3.name FROM viewing AS T1 JOIN movie AS T2 ON T1.movie_id = T2.movie_id "
                           "JOIN director AS T3 ON T2.director_id = T3.director_id"},
        n=2,
        questions={
            "en": ("Which subscribers have watched a movie directed by {director}?",
                   "List the distinct names of subscribers who viewed at least one film by the director {director}."),
            "de": ("Welche Abonnenten haben einen Film von {director} gesehen?",
                   "Liste die verschiedenen Namen der Abonnenten auf, die mindestens einen Film angesehen haben, "
                   "bei dem {director} Regie geführt hat."),
            "es": ("¿Qué suscriptores han visto una película dirigida por {director}?",
                   "Enumera los nombres distintos de los suscriptores que vieron al menos una película de {director}."),
            "fr": ("Quels abonnés ont regardé un film réalisé par {director} ?",
                   "Liste les noms distincts des abonnés qui ont visionné au moins un film de {director}."),
            "ja": ("{director}が監督した映画を見たことがある加入者は誰ですか？",
                   "{director}監督の作品を1本以上視聴した加入者の名前を重複なく挙げてください。"),
            "vi": ("Những người đăng ký nào đã xem một bộ phim do {director} đạo diễn?",
                   "Liệt kê tên không trùng lặp của những người đăng ký đã xem ít nhất một phim của đạo diễn {director}."),
            "zh": ("哪些订阅用户看过{director}执导的电影？", "列出至少看过一部导演{director}作品的订阅用户姓名（去重）。"),
        },
    ),
    Template(
        sql="SELECT T1.name FROM subscriber AS T1 JOIN viewing AS T2 ON T1.subscriber_id = T2.subscriber_id "
            "WHERE T2.device = 'tv' INTERSECT SELECT T1.name FROM subscriber AS T1 JOIN viewing AS T2 "
            "ON T1.subscriber_id = T2.subscriber_id WHERE T2.device = 'phone'",
        questions={
            "en": ("Which subscribers have watched on both a TV and a phone?",
                   "Find subscribers who have at least one viewing on a TV and at least one on a phone."),
            "de": ("Welche Abonnenten haben sowohl auf einem Fernseher als auch auf einem Handy geschaut?",
                   "Finde die Abonnenten, die mindestens einmal auf dem Fernseher und mindestens einmal auf dem "
                   "Smartphone etwas angesehen haben."),
            "es": ("¿Qué suscriptores han visto contenido tanto en un televisor como en un teléfono?",
                   "Encuentra a los suscriptores con al menos una visualización en televisor y al menos una en el móvil."),
            "fr": ("Quels abonnés ont regardé à la fois sur un téléviseur et sur un téléphone ?",
                   "Trouve les abonnés qui ont au moins un visionnage sur téléviseur et au moins un sur téléphone."),
            "ja": ("テレビとスマートフォンの両方で視聴したことがある加入者は誰ですか？",
                   "テレビでの視聴が1回以上あり、かつスマートフォンでの視聴も1回以上ある加入者を探してください。"),
            "vi": ("Những người đăng ký nào đã xem trên cả tivi lẫn điện thoại?",
                   "Tìm những người đăng ký có ít nhất một lượt xem trên tivi và ít nhất một lượt xem trên điện thoại."),
            "zh": ("哪些订阅用户既在电视上也在手机上观看过？", "找出至少在电视上看过一次、并且至少在手机上看过一次的订阅用户。"),
        },
    ),
    Template(
        sql="SELECT title FROM movie WHERE genre = '{genre}' AND budget_million > (SELECT avg(budget_million) FROM movie)",
        slots={"genre": "SELECT DISTINCT genre FROM movie"},
        n=3,
        questions={
            "en": ("Which {genre} movies had a budget above the average budget of all movies?",
                   "Find films of the genre {genre} whose budget is higher than the overall average."),
            "de": ("Welche Filme des Genres {genre} hatten ein höheres Budget als der Durchschnitt aller Filme?",
                   "Finde die Filme des Genres {genre}, deren Budget über dem Gesamtdurchschnitt liegt."),
            "es": ("¿Qué películas de {genre} tuvieron un presupuesto superior a la media de todas las películas?",
                   "Encuentra las películas del género {genre} cuyo presupuesto supera la media general."),
            "fr": ("Quels films du genre {genre} ont eu un budget supérieur à la moyenne de tous les films ?",
                   "Trouve les films du genre {genre} dont le budget dépasse la moyenne globale."),
            "ja": ("{genre}映画のうち、予算が全映画の平均を上回るものはどれですか？",
                   "ジャンルが{genre}で、予算が全体の平均より高い映画を探してください。"),
            "vi": ("Những phim thể loại {genre} nào có kinh phí cao hơn mức trung bình của tất cả các phim?",
                   "Tìm các phim thuộc thể loại {genre} có kinh phí vượt mức trung bình chung."),
            "zh": ("哪些{genre}类型电影的预算高于所有电影的平均预算？", "找出类型为{genre}且预算高于总体平均水平的电影。"),
        },
    ),
)

DOMAIN = Domain(
    db_id="movie_streaming",
    split="train",
    schema_sql=SCHEMA_SQL,
    populate=populate,
    templates=TEMPLATES,
)
