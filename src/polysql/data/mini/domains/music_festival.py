"""Domain ``music_festival`` (dev): festivals, artists, their performances and ticket sales."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3

from polysql.data.mini.template import Domain, Template

SCHEMA = """
CREATE TABLE festival (
    festival_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    city TEXT NOT NULL,
    country TEXT NOT NULL,
    founded_year INTEGER NOT NULL,
    capacity INTEGER NOT NULL
);
CREATE TABLE artist (
    artist_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    country TEXT NOT NULL,
    genre TEXT NOT NULL,
    formed_year INTEGER NOT NULL
);
CREATE TABLE performance (
    performance_id INTEGER PRIMARY KEY,
    festival_id INTEGER NOT NULL REFERENCES festival(festival_id),
    artist_id INTEGER NOT NULL REFERENCES artist(artist_id),
    performance_date TEXT NOT NULL,
    stage TEXT NOT NULL,
    fee INTEGER NOT NULL,
    duration_minutes INTEGER NOT NULL
);
CREATE TABLE ticket (
    ticket_id INTEGER PRIMARY KEY,
    festival_id INTEGER NOT NULL REFERENCES festival(festival_id),
    ticket_type TEXT NOT NULL,
    price REAL NOT NULL,
    sold INTEGER NOT NULL
);
"""

# (name, city, country, founded, capacity)
FESTIVALS = [
    ("Glastonbury", "Pilton", "United Kingdom", 1970, 210000),
    ("Reading Festival", "Reading", "United Kingdom", 1971, 105000),
    ("Coachella", "Indio", "United States", 1999, 125000),
    ("Lollapalooza", "Chicago", "United States", 1991, 115000),
    ("Austin City Limits", "Austin", "United States", 2002, 75000),
    ("Primavera Sound", "Barcelona", "Spain", 2001, 65000),
    ("Mad Cool", "Madrid", "Spain", 2016, 70000),
    ("Roskilde Festival", "Roskilde", "Denmark", 1971, 130000),
    ("Fuji Rock Festival", "Yuzawa", "Japan", 1997, 40000),
    ("Summer Sonic", "Chiba", "Japan", 2000, 60000),
    ("Tomorrowland", "Boom", "Belgium", 2005, 200000),
    ("Rock Werchter", "Werchter", "Belgium", 1974, 88000),
    ("Sziget Festival", "Budapest", "Hungary", 1993, 95000),
    ("Rock in Rio", "Rio de Janeiro", "Brazil", 1985, 100000),
    ("Montreux Jazz Festival", "Montreux", "Switzerland", 1967, 25000),
    ("Hurricane Festival", "Scheessel", "Germany", 1997, 78000),
    ("Melt Festival", "Graefenhainichen", "Germany", 1997, 25000),
    ("Exit Festival", "Novi Sad", "Serbia", 2000, 55000),
    ("Osheaga", "Montreal", "Canada", 2006, 45000),
    ("Flow Festival", "Helsinki", "Finland", 2004, 30000),
]
ARTISTS = ["Velvet Harbor", "Neon Tide", "Paper Lanterns", "The Glass Foxes", "Northern Static", "Silver Avenue",
           "Crimson Atlas", "Low Orbit", "The Wild Meridian", "Golden Hour Club", "Echo Valley", "Midnight Bloom",
           "Iron Lullaby", "Coral Drive", "The Lantern Kings", "Blue Comet", "Solar Choir", "Marble Rivers",
           "Hollow Pines", "DJ Kestrel", "Luna Vega", "MC Orbit", "Saffron Skies", "Tidal Echo", "Quiet Thunder",
           "The Copper Keys", "Nova Sound System", "Amber Parade", "Static Bloom", "Jade Horizon", "The Slow Rivers",
           "Wolf and Willow", "Dust Bowl Saints", "Kyoto Drift", "Lisbon Nights", "Pixel Hearts", "Black Harbor",
           "Sunset Arcade", "Polar Radio", "Ruby Street"]
# Rock is the most common genre by construction
GENRES = ["Rock"] * 8 + ["Pop"] * 6 + ["Electronic"] * 6 + ["Hip Hop"] * 5 + ["Indie"] * 5 + ["Jazz"] * 4 + \
         ["Metal"] * 3 + ["Folk"] * 3
ARTIST_COUNTRIES = ["United States", "United Kingdom", "Canada", "Australia", "Germany", "Sweden", "Japan", "Brazil",
                    "France", "South Korea"]
STAGES = ["Main Stage", "Second Stage", "Tent Stage"]
# ticket type -> price multiplier of the festival's day price
TICKET_TYPES = {"Day Pass": 1.0, "Weekend Pass": 2.4, "VIP": 4.5}


def populate(conn: sqlite3.Connection, rng: random.Random) -> None:
    """20 festivals, 40 artists (four never booked), 170 performances, 60 ticket categories."""
    for festival_id, row in enumerate(FESTIVALS, start=1):
        conn.execute("INSERT INTO festival VALUES (?, ?, ?, ?, ?, ?)", (festival_id, *row))
    genres = list(GENRES)
    rng.shuffle(genres)
    for artist_id, (name, genre) in enumerate(zip(ARTISTS, genres), start=1):
        conn.execute("INSERT INTO artist VALUES (?, ?, ?, ?, ?)",
                     (artist_id, name, rng.choice(ARTIST_COUNTRIES), genre, rng.randint(1985, 2020)))

    booked = rng.sample(range(1, len(ARTISTS) + 1), 36)
    headliner = booked[0]  # plays far more shows than anyone else
    artists = [headliner] * 9 + [rng.choice(booked) for _ in range(161)]
    for performance_id, artist_id in enumerate(artists, start=1):
        festival_id = rng.randint(1, len(FESTIVALS))
        day = dt.date(2024, 5, 1) + dt.timedelta(days=rng.randrange(120))
        conn.execute("INSERT INTO performance VALUES (?, ?, ?, ?, ?, ?, ?)",
                     (performance_id, festival_id, artist_id, day.isoformat(), rng.choice(STAGES),
                      rng.randrange(20_000, 400_000, 5_000), rng.choice([45, 60, 75, 90, 120])))

    ticket_id = 0
    for festival_id, (*_, capacity) in enumerate(FESTIVALS, start=1):
        day_price = rng.randrange(60, 180, 5)
        for ticket_type, factor in TICKET_TYPES.items():
            ticket_id += 1
            share = rng.uniform(0.01, 0.04) if ticket_type == "VIP" else rng.uniform(0.2, 0.6)
            sold = int(capacity * share)
            conn.execute("INSERT INTO ticket VALUES (?, ?, ?, ?, ?)",
                         (ticket_id, festival_id, ticket_type, round(day_price * factor, 2), sold))


FESTIVAL = "SELECT name FROM festival"
BOOKED_FESTIVAL = "SELECT name FROM festival WHERE festival_id IN (SELECT festival_id FROM performance)"
GENRE = "SELECT genre FROM artist"
ARTIST_COUNTRY = "SELECT country FROM artist"
PERF_ARTIST = "FROM performance AS T1 JOIN artist AS T2 ON T1.artist_id = T2.artist_id"
PERF_FESTIVAL = "FROM performance AS T1 JOIN festival AS T2 ON T1.festival_id = T2.festival_id"
FESTIVAL_ARTIST = ("FROM festival AS T1 JOIN performance AS T2 ON T1.festival_id = T2.festival_id "
                   "JOIN artist AS T3 ON T2.artist_id = T3.artist_id")

TEMPLATES = (
    # ---- easy
    Template(
        sql="SELECT count(*) FROM artist",
        questions={
            "en": ("How many artists are there?", "Count the artists in the database.", "What is the total number of artists?"),
            "de": ("Wie viele Künstler gibt es?", "Zähle die Künstler in der Datenbank.", "Wie hoch ist die Gesamtzahl der Künstler?"),
            "es": ("¿Cuántos artistas hay?", "Cuenta los artistas de la base de datos.", "¿Cuál es el número total de artistas?"),
            "fr": ("Combien y a-t-il d'artistes ?", "Compte les artistes de la base de données.", "Quel est le nombre total d'artistes ?"),
            "ja": ("アーティストは何組いますか？", "データベースにいるアーティストの数を数えてください。", "アーティストの総数はいくつですか？"),
            "vi": ("Có bao nhiêu nghệ sĩ?", "Đếm số nghệ sĩ trong cơ sở dữ liệu.", "Tổng số nghệ sĩ là bao nhiêu?"),
            "zh": ("一共有多少位艺人？", "统计数据库中艺人的数量。", "艺人的总数是多少？"),
        },
    ),
    Template(
        sql="SELECT name FROM festival WHERE country = '{country}'",
        slots={"country": "SELECT country FROM festival"},
        n=2,
        questions={
            "en": ("Which festivals take place in {country}?", "List the names of the festivals held in {country}.",
                   "What are the festivals whose country is {country}?"),
            "de": ("Welche Festivals finden in {country} statt?", "Nenne die Namen der Festivals, die in {country} stattfinden.",
                   "Welche Festivals haben {country} als Land?"),
            "es": ("¿Qué festivales se celebran en {country}?", "Enumera los nombres de los festivales que tienen lugar en {country}.",
                   "¿Cuáles son los festivales cuyo país es {country}?"),
            "fr": ("Quels festivals ont lieu dans le pays {country} ?", "Liste les noms des festivals organisés dans le pays {country}.",
                   "Quels sont les festivals dont le pays est {country} ?"),
            "ja": ("{country}で開催されるフェスティバルはどれですか？", "{country}で行われるフェスティバルの名前を挙げてください。",
                   "開催国が{country}のフェスティバルは何ですか？"),
            "vi": ("Những lễ hội nào diễn ra ở {country}?", "Liệt kê tên các lễ hội được tổ chức tại {country}.",
                   "Các lễ hội có quốc gia là {country} là những lễ hội nào?"),
            "zh": ("哪些音乐节在{country}举办？", "列出在{country}举行的音乐节名称。", "国家为{country}的音乐节有哪些？"),
        },
    ),
    Template(
        sql="SELECT name FROM artist WHERE genre = '{genre}'",
        slots={"genre": GENRE},
        n=3,
        questions={
            "en": ("Which artists play {genre}?", "List the names of all {genre} artists.", "Who are the artists whose genre is {genre}?"),
            "de": ("Welche Künstler spielen {genre}?", "Nenne die Namen aller Künstler des Genres {genre}.",
                   "Wer sind die Künstler, deren Genre {genre} ist?"),
            "es": ("¿Qué artistas hacen música {genre}?", "Enumera los nombres de todos los artistas de {genre}.",
                   "¿Quiénes son los artistas cuyo género es {genre}?"),
            "fr": ("Quels artistes jouent de la musique {genre} ?", "Liste les noms de tous les artistes de genre {genre}.",
                   "Qui sont les artistes dont le genre est {genre} ?"),
            "ja": ("{genre}を演奏するアーティストは誰ですか？", "ジャンルが{genre}のアーティストの名前をすべて挙げてください。",
                   "{genre}ジャンルのアーティストは誰ですか？"),
            "vi": ("Những nghệ sĩ nào chơi nhạc {genre}?", "Liệt kê tên tất cả các nghệ sĩ thể loại {genre}.",
                   "Các nghệ sĩ có thể loại {genre} là ai?"),
            "zh": ("哪些艺人演奏{genre}音乐？", "列出所有{genre}风格艺人的名字。", "音乐类型为{genre}的艺人有哪些？"),
        },
    ),
    Template(
        sql="SELECT count(*) FROM festival WHERE founded_year < {year}",
        slots={"year": "SELECT founded_year FROM festival WHERE founded_year > 1967"},
        n=2,
        questions={
            "en": ("How many festivals were founded before {year}?", "Count the festivals whose founding year is earlier than {year}."),
            "de": ("Wie viele Festivals wurden vor {year} gegründet?", "Zähle die Festivals, deren Gründungsjahr vor {year} liegt."),
            "es": ("¿Cuántos festivales se fundaron antes de {year}?", "Cuenta los festivales cuyo año de fundación es anterior a {year}."),
            "fr": ("Combien de festivals ont été créés avant {year} ?", "Compte les festivals dont l'année de création est antérieure à {year}."),
            "ja": ("{year}年より前に創設されたフェスティバルはいくつありますか？", "創設年が{year}年より前のフェスティバルの数を数えてください。"),
            "vi": ("Có bao nhiêu lễ hội được thành lập trước năm {year}?", "Đếm số lễ hội có năm thành lập sớm hơn {year}."),
            "zh": ("有多少个音乐节创办于{year}年之前？", "统计创办年份早于{year}年的音乐节数量。"),
        },
    ),
    Template(
        sql="SELECT avg(price) FROM ticket",
        questions={
            "en": ("What is the average ticket price?", "On average, how much does a ticket cost?"),
            "de": ("Wie hoch ist der durchschnittliche Ticketpreis?", "Wie viel kostet ein Ticket im Durchschnitt?"),
            "es": ("¿Cuál es el precio medio de las entradas?", "¿Cuánto cuesta una entrada de media?"),
            "fr": ("Quel est le prix moyen des billets ?", "En moyenne, combien coûte un billet ?"),
            "ja": ("チケットの平均価格はいくらですか？", "チケットは平均でいくらしますか？"),
            "vi": ("Giá vé trung bình là bao nhiêu?", "Trung bình một vé có giá bao nhiêu?"),
            "zh": ("门票的平均价格是多少？", "一张票平均要多少钱？"),
        },
    ),
    Template(
        sql="SELECT name FROM festival ORDER BY capacity DESC",
        questions={
            "en": ("List the festivals from the largest capacity to the smallest.", "Show all festival names sorted by capacity in descending order."),
            "de": ("Liste die Festivals von der größten bis zur kleinsten Kapazität auf.", "Zeige alle Festivalnamen absteigend nach Kapazität sortiert."),
            "es": ("Enumera los festivales del mayor al menor aforo.", "Muestra los nombres de todos los festivales ordenados por capacidad de forma descendente."),
            "fr": ("Liste les festivals de la plus grande capacité à la plus petite.", "Affiche tous les noms de festivals triés par capacité décroissante."),
            "ja": ("収容人数の多い順にフェスティバルを並べてください。", "すべてのフェスティバル名を収容人数の降順で表示してください。"),
            "vi": ("Liệt kê các lễ hội theo sức chứa từ lớn nhất đến nhỏ nhất.", "Hiển thị tên tất cả lễ hội sắp xếp theo sức chứa giảm dần."),
            "zh": ("按可容纳人数从多到少列出音乐节。", "按容量降序显示所有音乐节的名称。"),
        },
    ),
    Template(
        sql="SELECT max(duration_minutes) FROM performance",
        questions={
            "en": ("How long was the longest performance in minutes?", "What is the maximum duration of a performance?"),
            "de": ("Wie viele Minuten dauerte der längste Auftritt?", "Was ist die maximale Dauer eines Auftritts?"),
            "es": ("¿Cuántos minutos duró la actuación más larga?", "¿Cuál es la duración máxima de una actuación?"),
            "fr": ("Combien de minutes a duré la plus longue prestation ?", "Quelle est la durée maximale d'une prestation ?"),
            "ja": ("最も長い公演は何分でしたか？", "公演時間の最大値はいくつですか？"),
            "vi": ("Buổi biểu diễn dài nhất kéo dài bao nhiêu phút?", "Thời lượng tối đa của một buổi biểu diễn là bao nhiêu?"),
            "zh": ("最长的一场演出有多少分钟？", "演出的最长时长是多少？"),
        },
    ),
    # ---- medium
    Template(
        sql="SELECT genre, count(*) FROM artist GROUP BY genre",
        questions={
            "en": ("How many artists are there in each genre?", "For every genre, show the genre and its number of artists."),
            "de": ("Wie viele Künstler gibt es in jedem Genre?", "Zeige für jedes Genre das Genre und die Zahl seiner Künstler."),
            "es": ("¿Cuántos artistas hay en cada género?", "Para cada género, muestra el género y su número de artistas."),
            "fr": ("Combien y a-t-il d'artistes dans chaque genre ?", "Pour chaque genre, affiche le genre et son nombre d'artistes."),
            "ja": ("ジャンルごとにアーティストは何組いますか？", "各ジャンルについて、ジャンル名とアーティスト数を表示してください。"),
            "vi": ("Mỗi thể loại có bao nhiêu nghệ sĩ?", "Với mỗi thể loại, hiển thị tên thể loại và số nghệ sĩ."),
            "zh": ("每种音乐类型各有多少位艺人？", "对于每种类型，显示类型名称及其艺人数量。"),
        },
    ),
    Template(
        sql=f"SELECT count(*) {PERF_FESTIVAL} WHERE T2.name = '{{festival}}'",
        slots={"festival": FESTIVAL},
        n=3,
        questions={
            "en": ("How many performances were there at {festival}?", "Count the performances that took place at {festival}.",
                   "What is the number of shows played at the festival {festival}?"),
            "de": ("Wie viele Auftritte gab es bei {festival}?", "Zähle die Auftritte, die bei {festival} stattfanden.",
                   "Wie viele Shows wurden auf dem Festival {festival} gespielt?"),
            "es": ("¿Cuántas actuaciones hubo en {festival}?", "Cuenta las actuaciones que tuvieron lugar en {festival}.",
                   "¿Cuál es el número de conciertos del festival {festival}?"),
            "fr": ("Combien de prestations y a-t-il eu à {festival} ?", "Compte les prestations qui ont eu lieu à {festival}.",
                   "Quel est le nombre de concerts donnés au festival {festival} ?"),
            "ja": ("{festival}では公演が何回ありましたか？", "{festival}で行われた公演の数を数えてください。",
                   "フェスティバル{festival}のステージ数はいくつですか？"),
            "vi": ("Có bao nhiêu buổi biểu diễn tại {festival}?", "Đếm số buổi biểu diễn đã diễn ra tại {festival}.",
                   "Lễ hội {festival} có bao nhiêu suất diễn?"),
            "zh": ("{festival}共有多少场演出？", "统计在{festival}举行的演出场数。", "音乐节{festival}的演出数量是多少？"),
        },
    ),
    Template(
        sql="SELECT name, capacity FROM festival ORDER BY capacity DESC LIMIT 3",
        questions={
            "en": ("What are the names and capacities of the three biggest festivals?",
                   "Show the 3 festivals with the highest capacity along with their capacity."),
            "de": ("Wie heißen die drei größten Festivals und welche Kapazität haben sie?",
                   "Zeige die 3 Festivals mit der höchsten Kapazität samt Kapazität."),
            "es": ("¿Cuáles son los nombres y aforos de los tres festivales más grandes?",
                   "Muestra los 3 festivales con mayor capacidad junto con su capacidad."),
            "fr": ("Quels sont les noms et capacités des trois plus grands festivals ?",
                   "Affiche les 3 festivals ayant la plus grande capacité, avec leur capacité."),
            "ja": ("最も大きい3つのフェスティバルの名前と収容人数は？", "収容人数の上位3つのフェスティバルについて、名前と収容人数を表示してください。"),
            "vi": ("Tên và sức chứa của ba lễ hội lớn nhất là gì?", "Hiển thị 3 lễ hội có sức chứa lớn nhất cùng sức chứa của chúng."),
            "zh": ("规模最大的三个音乐节的名称和容量是什么？", "显示可容纳人数最多的3个音乐节及其容量。"),
        },
    ),
    Template(
        sql="SELECT name FROM artist WHERE country = '{country}' AND formed_year > {year}",
        slots={"country": ARTIST_COUNTRY, "year": "SELECT formed_year FROM artist WHERE formed_year < 2015"},
        n=2,
        questions={
            "en": ("Which artists from {country} were formed after {year}?",
                   "List the names of artists whose country is {country} and who started after {year}."),
            "de": ("Welche Künstler aus {country} wurden nach {year} gegründet?",
                   "Nenne die Namen der Künstler, deren Land {country} ist und die nach {year} angefangen haben."),
            "es": ("¿Qué artistas de {country} se formaron después de {year}?",
                   "Enumera los nombres de los artistas cuyo país es {country} y que empezaron después de {year}."),
            "fr": ("Quels artistes du pays {country} se sont formés après {year} ?",
                   "Liste les noms des artistes dont le pays est {country} et qui ont débuté après {year}."),
            "ja": ("{year}年より後に結成された{country}出身のアーティストは誰ですか？",
                   "国が{country}で、{year}年より後に活動を始めたアーティストの名前を挙げてください。"),
            "vi": ("Những nghệ sĩ nào đến từ {country} được thành lập sau năm {year}?",
                   "Liệt kê tên các nghệ sĩ có quốc gia là {country} và bắt đầu hoạt động sau năm {year}."),
            "zh": ("哪些来自{country}的艺人成立于{year}年之后？", "列出国家为{country}且在{year}年之后出道的艺人名字。"),
        },
    ),
    Template(
        sql="SELECT ticket_type, avg(price) FROM ticket GROUP BY ticket_type",
        questions={
            "en": ("What is the average price of each ticket type?", "For every ticket type, show the type and its mean price."),
            "de": ("Was kostet jede Ticketart im Durchschnitt?", "Zeige für jede Ticketart die Art und ihren mittleren Preis."),
            "es": ("¿Cuál es el precio medio de cada tipo de entrada?", "Para cada tipo de entrada, muestra el tipo y su precio medio."),
            "fr": ("Quel est le prix moyen de chaque type de billet ?", "Pour chaque type de billet, affiche le type et son prix moyen."),
            "ja": ("チケットの種類ごとの平均価格はいくらですか？", "各チケット種類について、種類と平均価格を表示してください。"),
            "vi": ("Giá trung bình của mỗi loại vé là bao nhiêu?", "Với mỗi loại vé, hiển thị loại vé và giá trung bình của nó."),
            "zh": ("每种票的平均价格是多少？", "对于每个票种，显示票种及其平均价格。"),
        },
    ),
    Template(
        sql=f"SELECT T2.name, count(*) {PERF_ARTIST} GROUP BY T1.artist_id",
        questions={
            "en": ("How many times did each artist perform? Show the artist name and the count.",
                   "For every artist with a performance, give the name and the number of performances."),
            "de": ("Wie oft ist jeder Künstler aufgetreten? Zeige den Namen und die Anzahl.",
                   "Gib für jeden Künstler mit Auftritten den Namen und die Zahl der Auftritte an."),
            "es": ("¿Cuántas veces actuó cada artista? Muestra el nombre del artista y la cantidad.",
                   "Para cada artista con actuaciones, indica el nombre y el número de actuaciones."),
            "fr": ("Combien de fois chaque artiste s'est-il produit ? Affiche le nom de l'artiste et le nombre.",
                   "Pour chaque artiste ayant joué, donne son nom et son nombre de prestations."),
            "ja": ("各アーティストは何回出演しましたか？アーティスト名と回数を表示してください。",
                   "出演したことのあるアーティストごとに、名前と公演回数を示してください。"),
            "vi": ("Mỗi nghệ sĩ đã biểu diễn bao nhiêu lần? Hiển thị tên nghệ sĩ và số lần.",
                   "Với mỗi nghệ sĩ có biểu diễn, cho biết tên và số buổi biểu diễn."),
            "zh": ("每位艺人演出了多少次？显示艺人名字和次数。", "对于每位有演出的艺人，给出其名字和演出场数。"),
        },
    ),
    Template(
        sql="SELECT min(price), max(price) FROM ticket WHERE ticket_type = '{ticket_type}'",
        slots={"ticket_type": "SELECT ticket_type FROM ticket"},
        n=2,
        questions={
            "en": ("What are the lowest and highest prices of a {ticket_type} ticket?",
                   "For tickets of type {ticket_type}, give the minimum and the maximum price."),
            "de": ("Was sind der niedrigste und der höchste Preis eines Tickets der Art {ticket_type}?",
                   "Gib für Tickets der Art {ticket_type} den Mindest- und den Höchstpreis an."),
            "es": ("¿Cuáles son el precio más bajo y el más alto de una entrada {ticket_type}?",
                   "Para las entradas del tipo {ticket_type}, indica el precio mínimo y el máximo."),
            "fr": ("Quels sont les prix le plus bas et le plus élevé d'un billet {ticket_type} ?",
                   "Pour les billets de type {ticket_type}, donne le prix minimal et le prix maximal."),
            "ja": ("{ticket_type}チケットの最低価格と最高価格はいくらですか？", "種類が{ticket_type}のチケットについて、価格の最小値と最大値を求めてください。"),
            "vi": ("Giá thấp nhất và cao nhất của vé {ticket_type} là bao nhiêu?", "Đối với vé loại {ticket_type}, cho biết giá nhỏ nhất và lớn nhất."),
            "zh": ("{ticket_type}门票的最低价和最高价分别是多少？", "对于票种为{ticket_type}的门票，给出最低价格和最高价格。"),
        },
    ),
    Template(
        sql="SELECT name FROM festival ORDER BY founded_year LIMIT 1",
        questions={
            "en": ("What is the oldest festival?", "Which festival was founded first?"),
            "de": ("Welches ist das älteste Festival?", "Welches Festival wurde als erstes gegründet?"),
            "es": ("¿Cuál es el festival más antiguo?", "¿Qué festival se fundó primero?"),
            "fr": ("Quel est le festival le plus ancien ?", "Quel festival a été créé en premier ?"),
            "ja": ("最も歴史の長いフェスティバルはどれですか？", "一番早く創設されたフェスティバルはどれですか？"),
            "vi": ("Lễ hội lâu đời nhất là lễ hội nào?", "Lễ hội nào được thành lập sớm nhất?"),
            "zh": ("历史最悠久的音乐节是哪个？", "哪个音乐节创办得最早？"),
        },
    ),
    Template(
        sql="SELECT sum(T1.sold) FROM ticket AS T1 JOIN festival AS T2 ON T1.festival_id = T2.festival_id WHERE T2.name = '{festival}'",
        slots={"festival": FESTIVAL},
        n=2,
        questions={
            "en": ("How many tickets were sold in total for {festival}?", "What is the total number of tickets sold for the festival {festival}?"),
            "de": ("Wie viele Tickets wurden insgesamt für {festival} verkauft?", "Wie hoch ist die Gesamtzahl der verkauften Tickets für das Festival {festival}?"),
            "es": ("¿Cuántas entradas se vendieron en total para {festival}?", "¿Cuál es el número total de entradas vendidas para el festival {festival}?"),
            "fr": ("Combien de billets ont été vendus au total pour {festival} ?", "Quel est le nombre total de billets vendus pour le festival {festival} ?"),
            "ja": ("{festival}のチケットは合計で何枚売れましたか？", "フェスティバル{festival}のチケット販売枚数の合計はいくつですか？"),
            "vi": ("Tổng cộng đã bán được bao nhiêu vé cho {festival}?", "Tổng số vé đã bán của lễ hội {festival} là bao nhiêu?"),
            "zh": ("{festival}一共卖出了多少张票？", "音乐节{festival}的售票总数是多少？"),
        },
    ),
    # ---- hard
    Template(
        sql="SELECT name FROM artist WHERE artist_id NOT IN (SELECT artist_id FROM performance)",
        questions={
            "en": ("Which artists have never performed at any festival?", "List the names of artists without a single performance."),
            "de": ("Welche Künstler sind noch nie auf einem Festival aufgetreten?", "Nenne die Namen der Künstler ohne einen einzigen Auftritt."),
            "es": ("¿Qué artistas no han actuado nunca en ningún festival?", "Enumera los nombres de los artistas sin ninguna actuación."),
            "fr": ("Quels artistes ne se sont jamais produits dans un festival ?", "Liste les noms des artistes qui n'ont aucune prestation."),
            "ja": ("どのフェスティバルにも出演したことのないアーティストは誰ですか？", "公演が一度もないアーティストの名前を挙げてください。"),
            "vi": ("Những nghệ sĩ nào chưa từng biểu diễn tại lễ hội nào?", "Liệt kê tên các nghệ sĩ không có buổi biểu diễn nào."),
            "zh": ("哪些艺人从未在任何音乐节上演出过？", "列出没有任何演出记录的艺人名字。"),
        },
    ),
    Template(
        sql="SELECT name FROM festival WHERE capacity > (SELECT avg(capacity) FROM festival)",
        questions={
            "en": ("Which festivals have a capacity above the average?", "List the festivals that can host more visitors than the average festival."),
            "de": ("Welche Festivals haben eine überdurchschnittliche Kapazität?", "Nenne die Festivals, die mehr Besucher fassen als das durchschnittliche Festival."),
            "es": ("¿Qué festivales tienen una capacidad superior a la media?", "Enumera los festivales que pueden acoger a más visitantes que el festival medio."),
            "fr": ("Quels festivals ont une capacité supérieure à la moyenne ?", "Liste les festivals pouvant accueillir plus de visiteurs que le festival moyen."),
            "ja": ("収容人数が平均を上回るフェスティバルはどれですか？", "平均的なフェスティバルより多くの来場者を収容できるフェスティバルを挙げてください。"),
            "vi": ("Những lễ hội nào có sức chứa trên mức trung bình?", "Liệt kê các lễ hội có thể đón nhiều khách hơn một lễ hội trung bình."),
            "zh": ("哪些音乐节的容量高于平均水平？", "列出可容纳人数超过平均值的音乐节。"),
        },
    ),
    Template(
        sql=f"SELECT T3.name {FESTIVAL_ARTIST} WHERE T1.name = '{{festival}}'",
        slots={"festival": BOOKED_FESTIVAL},
        n=3,
        questions={
            "en": ("Which artists performed at {festival}?", "List the names of the artists on the line-up of {festival}.",
                   "Who played at the festival {festival}?"),
            "de": ("Welche Künstler sind bei {festival} aufgetreten?", "Nenne die Namen der Künstler im Line-up von {festival}.",
                   "Wer hat auf dem Festival {festival} gespielt?"),
            "es": ("¿Qué artistas actuaron en {festival}?", "Enumera los nombres de los artistas del cartel de {festival}.",
                   "¿Quién tocó en el festival {festival}?"),
            "fr": ("Quels artistes se sont produits à {festival} ?", "Liste les noms des artistes à l'affiche du festival {festival}.",
                   "Qui a joué au festival {festival} ?"),
            "ja": ("{festival}に出演したアーティストは誰ですか？", "{festival}のラインナップに含まれるアーティストの名前を挙げてください。",
                   "フェスティバル{festival}で演奏したのは誰ですか？"),
            "vi": ("Những nghệ sĩ nào đã biểu diễn tại {festival}?", "Liệt kê tên các nghệ sĩ có mặt trong đội hình của {festival}.",
                   "Ai đã biểu diễn ở lễ hội {festival}?"),
            "zh": ("哪些艺人在{festival}演出过？", "列出{festival}演出阵容中的艺人名字。", "谁在音乐节{festival}上表演过？"),
        },
    ),
    Template(
        sql="SELECT genre FROM artist GROUP BY genre ORDER BY count(*) DESC LIMIT 1",
        questions={
            "en": ("Which genre has the most artists?", "What is the most common genre among the artists?"),
            "de": ("Welches Genre hat die meisten Künstler?", "Welches Genre ist unter den Künstlern am häufigsten?"),
            "es": ("¿Qué género tiene más artistas?", "¿Cuál es el género más común entre los artistas?"),
            "fr": ("Quel genre compte le plus d'artistes ?", "Quel est le genre le plus répandu parmi les artistes ?"),
            "ja": ("アーティストが最も多いジャンルはどれですか？", "アーティストの間で最も一般的なジャンルは何ですか？"),
            "vi": ("Thể loại nào có nhiều nghệ sĩ nhất?", "Thể loại phổ biến nhất trong số các nghệ sĩ là gì?"),
            "zh": ("哪种音乐类型的艺人最多？", "艺人中最常见的音乐类型是什么？"),
        },
    ),
    Template(
        sql=f"SELECT name FROM festival WHERE festival_id IN (SELECT T1.festival_id {PERF_ARTIST} WHERE T2.genre = '{{genre}}')",
        slots={"genre": GENRE},
        n=2,
        questions={
            "en": ("At which festivals did {genre} artists perform?", "List the festivals that featured at least one {genre} act."),
            "de": ("Auf welchen Festivals sind Künstler des Genres {genre} aufgetreten?", "Nenne die Festivals, bei denen mindestens ein {genre}-Act auftrat."),
            "es": ("¿En qué festivales actuaron artistas de {genre}?", "Enumera los festivales que contaron con al menos un artista de {genre}."),
            "fr": ("Dans quels festivals des artistes du genre {genre} se sont-ils produits ?", "Liste les festivals qui ont accueilli au moins un artiste de genre {genre}."),
            "ja": ("{genre}のアーティストが出演したフェスティバルはどれですか？", "{genre}のアーティストが少なくとも1組出演したフェスティバルを挙げてください。"),
            "vi": ("Các nghệ sĩ {genre} đã biểu diễn tại những lễ hội nào?", "Liệt kê các lễ hội có ít nhất một nghệ sĩ thể loại {genre} biểu diễn."),
            "zh": ("{genre}艺人在哪些音乐节演出过？", "列出至少有一位{genre}艺人参演的音乐节。"),
        },
    ),
    Template(
        sql="SELECT country FROM festival WHERE founded_year < 1980 INTERSECT SELECT country FROM festival WHERE founded_year > 2000",
        questions={
            "en": ("Which countries host both a festival founded before 1980 and one founded after 2000?",
                   "Find the countries that have festivals created before 1980 as well as festivals created after 2000."),
            "de": ("Welche Länder haben sowohl ein vor 1980 gegründetes Festival als auch eines, das nach 2000 gegründet wurde?",
                   "Finde die Länder mit Festivals, die vor 1980 entstanden sind, und zugleich mit Festivals, die nach 2000 entstanden sind."),
            "es": ("¿Qué países tienen tanto un festival fundado antes de 1980 como uno fundado después de 2000?",
                   "Encuentra los países con festivales creados antes de 1980 y también festivales creados después de 2000."),
            "fr": ("Quels pays accueillent à la fois un festival créé avant 1980 et un festival créé après 2000 ?",
                   "Trouve les pays qui ont des festivals fondés avant 1980 ainsi que des festivals fondés après 2000."),
            "ja": ("1980年より前に創設されたフェスティバルと2000年より後に創設されたフェスティバルの両方がある国はどこですか？",
                   "1980年より前に始まったフェスティバルも、2000年より後に始まったフェスティバルもある国を求めてください。"),
            "vi": ("Những quốc gia nào có cả lễ hội thành lập trước năm 1980 lẫn lễ hội thành lập sau năm 2000?",
                   "Tìm các quốc gia vừa có lễ hội ra đời trước 1980 vừa có lễ hội ra đời sau 2000."),
            "zh": ("哪些国家既有1980年之前创办的音乐节，又有2000年之后创办的音乐节？",
                   "找出同时拥有1980年前创办和2000年后创办的音乐节的国家。"),
        },
    ),
    Template(
        sql=f"SELECT name FROM artist WHERE country = '{{country}}' EXCEPT SELECT T2.name {PERF_ARTIST} "
            "WHERE T1.duration_minutes >= 90",
        slots={"country": ARTIST_COUNTRY},
        n=2,
        questions={
            "en": ("Which artists from {country} have never played a set of 90 minutes or longer?",
                   "List the artists from {country} who never had a performance lasting at least 90 minutes."),
            "de": ("Welche Künstler aus {country} haben nie ein Set von 90 Minuten oder länger gespielt?",
                   "Nenne die Künstler aus {country}, die nie einen Auftritt von mindestens 90 Minuten hatten."),
            "es": ("¿Qué artistas de {country} nunca han tocado un concierto de 90 minutos o más?",
                   "Enumera los artistas de {country} que nunca tuvieron una actuación de al menos 90 minutos."),
            "fr": ("Quels artistes du pays {country} n'ont jamais joué un set de 90 minutes ou plus ?",
                   "Liste les artistes originaires du pays {country} qui n'ont jamais eu de prestation d'au moins 90 minutes."),
            "ja": ("{country}出身のアーティストのうち、90分以上の公演をしたことがないのは誰ですか？",
                   "90分以上続く公演が一度もない{country}のアーティストを挙げてください。"),
            "vi": ("Những nghệ sĩ nào đến từ {country} chưa từng có buổi diễn dài từ 90 phút trở lên?",
                   "Liệt kê các nghệ sĩ đến từ {country} chưa bao giờ có buổi biểu diễn kéo dài ít nhất 90 phút."),
            "zh": ("来自{country}的艺人中，哪些从未演出过90分钟或更长的场次？", "列出从未有过至少90分钟演出的{country}艺人。"),
        },
    ),
    # ---- extra
    Template(
        sql=f"SELECT T2.name {PERF_ARTIST} GROUP BY T1.artist_id ORDER BY count(*) DESC LIMIT 1",
        questions={
            "en": ("Which artist has performed the most times?", "Give the name of the artist with the largest number of performances."),
            "de": ("Welcher Künstler ist am häufigsten aufgetreten?", "Nenne den Namen des Künstlers mit den meisten Auftritten."),
            "es": ("¿Qué artista ha actuado más veces?", "Indica el nombre del artista con el mayor número de actuaciones."),
            "fr": ("Quel artiste s'est produit le plus souvent ?", "Donne le nom de l'artiste ayant le plus grand nombre de prestations."),
            "ja": ("最も多く出演したアーティストは誰ですか？", "公演回数が最も多いアーティストの名前を教えてください。"),
            "vi": ("Nghệ sĩ nào đã biểu diễn nhiều lần nhất?", "Cho biết tên nghệ sĩ có số buổi biểu diễn nhiều nhất."),
            "zh": ("哪位艺人演出次数最多？", "给出演出场数最多的艺人名字。"),
        },
    ),
    Template(
        sql="SELECT T2.name FROM ticket AS T1 JOIN festival AS T2 ON T1.festival_id = T2.festival_id "
            "GROUP BY T1.festival_id ORDER BY sum(T1.sold) DESC LIMIT 1",
        questions={
            "en": ("Which festival sold the most tickets in total?", "What is the name of the festival with the highest total ticket sales?"),
            "de": ("Welches Festival hat insgesamt die meisten Tickets verkauft?", "Wie heißt das Festival mit den höchsten Gesamtticketverkäufen?"),
            "es": ("¿Qué festival vendió más entradas en total?", "¿Cómo se llama el festival con el mayor total de entradas vendidas?"),
            "fr": ("Quel festival a vendu le plus de billets au total ?", "Quel est le nom du festival ayant le plus grand total de billets vendus ?"),
            "ja": ("合計で最も多くのチケットを販売したフェスティバルはどれですか？", "チケット販売枚数の合計が最大のフェスティバルの名前は何ですか？"),
            "vi": ("Lễ hội nào bán được nhiều vé nhất tính tổng cộng?", "Tên lễ hội có tổng số vé bán ra cao nhất là gì?"),
            "zh": ("哪个音乐节的总售票量最高？", "售票总数最多的音乐节叫什么名字？"),
        },
    ),
    Template(
        sql=f"SELECT T1.name {FESTIVAL_ARTIST} WHERE T3.genre = '{{genre_a}}' "
            f"INTERSECT SELECT T1.name {FESTIVAL_ARTIST} WHERE T3.genre = '{{genre_b}}'",
        slots={"genre_a": "SELECT genre FROM artist WHERE genre < 'I'", "genre_b": "SELECT genre FROM artist WHERE genre >= 'I'"},
        n=2,
        questions={
            "en": ("Which festivals featured both {genre_a} artists and {genre_b} artists?",
                   "Find the festivals where at least one {genre_a} act and at least one {genre_b} act performed."),
            "de": ("Auf welchen Festivals traten sowohl Künstler des Genres {genre_a} als auch des Genres {genre_b} auf?",
                   "Finde die Festivals, bei denen mindestens ein {genre_a}-Act und mindestens ein {genre_b}-Act gespielt haben."),
            "es": ("¿Qué festivales contaron tanto con artistas de {genre_a} como con artistas de {genre_b}?",
                   "Encuentra los festivales en los que actuó al menos un artista de {genre_a} y al menos uno de {genre_b}."),
            "fr": ("Quels festivals ont accueilli à la fois des artistes du genre {genre_a} et des artistes du genre {genre_b} ?",
                   "Trouve les festivals où se sont produits au moins un artiste du genre {genre_a} et au moins un artiste du genre {genre_b}."),
            "ja": ("{genre_a}のアーティストと{genre_b}のアーティストの両方が出演したフェスティバルはどれですか？",
                   "{genre_a}のアーティストも{genre_b}のアーティストも少なくとも1組ずつ出演したフェスティバルを求めてください。"),
            "vi": ("Những lễ hội nào có cả nghệ sĩ {genre_a} lẫn nghệ sĩ {genre_b} biểu diễn?",
                   "Tìm các lễ hội có ít nhất một nghệ sĩ {genre_a} và ít nhất một nghệ sĩ {genre_b} biểu diễn."),
            "zh": ("哪些音乐节既有{genre_a}艺人也有{genre_b}艺人参演？", "找出至少有一位{genre_a}艺人和一位{genre_b}艺人演出过的音乐节。"),
        },
    ),
    Template(
        sql=f"SELECT DISTINCT T2.name {PERF_ARTIST} WHERE T2.country = '{{country}}' AND T1.fee > (SELECT avg(fee) FROM performance)",
        slots={"country": ARTIST_COUNTRY},
        n=2,
        questions={
            "en": ("Which artists from {country} have received a fee above the average performance fee?",
                   "List the distinct artists from {country} who were paid more than the average fee for some performance."),
            "de": ("Welche Künstler aus {country} haben eine Gage über der durchschnittlichen Auftrittsgage erhalten?",
                   "Nenne ohne Wiederholung die Künstler aus {country}, die für einen Auftritt mehr als die durchschnittliche Gage bekamen."),
            "es": ("¿Qué artistas de {country} han cobrado un caché superior al caché medio por actuación?",
                   "Enumera sin repetir los artistas de {country} a los que se pagó más que el caché medio en alguna actuación."),
            "fr": ("Quels artistes du pays {country} ont touché un cachet supérieur au cachet moyen ?",
                   "Liste, sans doublons, les artistes originaires du pays {country} payés plus que le cachet moyen pour une prestation."),
            "ja": ("{country}出身のアーティストのうち、平均出演料を上回る出演料を受け取ったのは誰ですか？",
                   "ある公演で平均より高い出演料を得た{country}のアーティストを重複なしで挙げてください。"),
            "vi": ("Những nghệ sĩ nào đến từ {country} đã nhận cát-xê cao hơn mức cát-xê trung bình?",
                   "Liệt kê (không trùng lặp) các nghệ sĩ đến từ {country} được trả cao hơn mức trung bình cho một buổi diễn."),
            "zh": ("来自{country}的艺人中，哪些人拿到过高于平均水平的出场费？", "列出在某场演出中出场费高于平均值的{country}艺人（不重复）。"),
        },
    ),
    Template(
        sql=f"SELECT T2.name, sum(T1.fee) {PERF_FESTIVAL} WHERE T2.country = '{{country}}' "
            "GROUP BY T1.festival_id ORDER BY sum(T1.fee) DESC",
        slots={"country": "SELECT country FROM festival WHERE festival_id IN (SELECT festival_id FROM performance)"},
        n=2,
        questions={
            "en": ("For the festivals in {country}, what is the total fee paid to artists? Sort from the highest total.",
                   "Show each festival held in {country} with the sum of its performance fees, largest first."),
            "de": ("Wie hoch ist für die Festivals in {country} die Summe der Gagen? Sortiere absteigend nach der Summe.",
                   "Zeige jedes Festival in {country} mit der Summe seiner Auftrittsgagen, die höchste zuerst."),
            "es": ("Para los festivales de {country}, ¿cuál es el total pagado a los artistas? Ordena de mayor a menor.",
                   "Muestra cada festival celebrado en {country} con la suma de sus cachés, empezando por la mayor."),
            "fr": ("Pour les festivals du pays {country}, quel est le total des cachets versés aux artistes ? Trie du plus grand total au plus petit.",
                   "Affiche chaque festival organisé dans le pays {country} avec la somme de ses cachets, la plus élevée en premier."),
            "ja": ("{country}のフェスティバルについて、アーティストに支払った出演料の合計はいくらですか？合計の多い順に並べてください。",
                   "{country}で開催される各フェスティバルと出演料の合計を、多い順に表示してください。"),
            "vi": ("Với các lễ hội ở {country}, tổng cát-xê trả cho nghệ sĩ là bao nhiêu? Sắp xếp từ tổng cao nhất.",
                   "Hiển thị từng lễ hội tổ chức tại {country} cùng tổng cát-xê của nó, lớn nhất trước."),
            "zh": ("对于{country}的音乐节，支付给艺人的出场费总额是多少？按总额从高到低排序。",
                   "显示在{country}举办的每个音乐节及其出场费总和，总和最高的排在前面。"),
        },
    ),
    Template(
        sql=f"SELECT T2.genre, avg(T1.fee) {PERF_ARTIST} GROUP BY T2.genre ORDER BY avg(T1.fee) DESC LIMIT 3",
        questions={
            "en": ("Which three genres earn the highest average fee per performance, and what are those averages?",
                   "Show the top 3 genres by average performance fee together with the average fee."),
            "de": ("Welche drei Genres erzielen die höchste durchschnittliche Gage pro Auftritt, und wie hoch ist sie jeweils?",
                   "Zeige die 3 Genres mit der höchsten durchschnittlichen Auftrittsgage samt dieser Durchschnittsgage."),
            "es": ("¿Qué tres géneros obtienen el caché medio más alto por actuación y cuáles son esas medias?",
                   "Muestra los 3 géneros con mayor caché medio por actuación junto con dicho caché medio."),
            "fr": ("Quels sont les trois genres qui touchent le cachet moyen le plus élevé par prestation, et quelles sont ces moyennes ?",
                   "Affiche les 3 genres ayant le cachet moyen le plus élevé, avec ce cachet moyen."),
            "ja": ("1公演あたりの平均出演料が最も高い3つのジャンルはどれで、その平均はいくらですか？",
                   "平均出演料の上位3ジャンルを、その平均出演料とともに表示してください。"),
            "vi": ("Ba thể loại nào có cát-xê trung bình mỗi buổi diễn cao nhất, và mức trung bình đó là bao nhiêu?",
                   "Hiển thị 3 thể loại có cát-xê trung bình cao nhất cùng mức cát-xê trung bình."),
            "zh": ("每场演出平均出场费最高的三种音乐类型是哪些？平均值分别是多少？", "显示平均出场费排名前3的音乐类型及其平均出场费。"),
        },
    ),
)

DOMAIN = Domain(db_id="music_festival", split="dev", schema_sql=SCHEMA, populate=populate, templates=TEMPLATES)
