"""Dev domain ``museum``: museums, artists, artworks, exhibitions and which artworks each exhibition shows."""

from __future__ import annotations

import random
import sqlite3
from datetime import date, timedelta

from polysql.data.mini.template import Domain, Template

SCHEMA_SQL = """
CREATE TABLE museum (
    museum_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    city TEXT NOT NULL,
    country TEXT NOT NULL,
    founded_year INTEGER NOT NULL,
    annual_visitors INTEGER NOT NULL
);
CREATE TABLE artist (
    artist_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    country TEXT NOT NULL,
    birth_year INTEGER NOT NULL,
    movement TEXT NOT NULL
);
CREATE TABLE artwork (
    artwork_id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    artist_id INTEGER NOT NULL,
    museum_id INTEGER NOT NULL,
    year_created INTEGER NOT NULL,
    medium TEXT NOT NULL,
    estimated_value_million REAL NOT NULL,
    FOREIGN KEY (artist_id) REFERENCES artist (artist_id),
    FOREIGN KEY (museum_id) REFERENCES museum (museum_id)
);
CREATE TABLE exhibition (
    exhibition_id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    museum_id INTEGER NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    ticket_price REAL NOT NULL,
    FOREIGN KEY (museum_id) REFERENCES museum (museum_id)
);
CREATE TABLE exhibition_artwork (
    exhibition_id INTEGER NOT NULL,
    artwork_id INTEGER NOT NULL,
    PRIMARY KEY (exhibition_id, artwork_id),
    FOREIGN KEY (exhibition_id) REFERENCES exhibition (exhibition_id),
    FOREIGN KEY (artwork_id) REFERENCES artwork (artwork_id)
);
"""

# Fictional museums: (name, city, country).
_MUSEUMS = (
    ("Northgate Museum of Fine Arts", "Chicago", "United States"), ("Harborview Art Gallery", "Seattle", "United States"),
    ("Lakeside Modern", "Chicago", "United States"), ("Royal Crescent Gallery", "London", "United Kingdom"),
    ("Thameside Museum of Art", "London", "United Kingdom"), ("Galerie du Quai", "Paris", "France"),
    ("Musee des Lumieres", "Lyon", "France"), ("Kunsthalle am Fluss", "Berlin", "Germany"),
    ("Museum Sonnenhof", "Munich", "Germany"), ("Palazzo delle Arti", "Florence", "Italy"),
    ("Galleria Nuova", "Milan", "Italy"), ("Museo del Puerto", "Barcelona", "Spain"),
    ("Casa de las Artes", "Madrid", "Spain"), ("Sakura Art Museum", "Tokyo", "Japan"),
    ("Kyoto Hillside Gallery", "Kyoto", "Japan"), ("Canal House Museum", "Amsterdam", "Netherlands"),
    ("Maple Leaf Art Centre", "Toronto", "Canada"), ("Southern Cross Gallery", "Sydney", "Australia"),
    ("Copper Bay Museum", "San Francisco", "United States"), ("Westbridge Museum of Art", "London", "United Kingdom"),
)

# Fictional artists: (name, country, birth year, movement).
_ARTISTS = (
    ("Henri Valmont", "France", 1841, "Impressionism"), ("Camille Roussel", "France", 1852, "Impressionism"),
    ("Lucia Bellini", "Italy", 1478, "Renaissance"), ("Matteo Caravelli", "Italy", 1571, "Baroque"),
    ("Pieter van Daal", "Netherlands", 1609, "Baroque"), ("Johanna Weiss", "Germany", 1880, "Expressionism"),
    ("Friedrich Albers", "Germany", 1884, "Expressionism"), ("Pablo Serrano Ruiz", "Spain", 1885, "Cubism"),
    ("Georges Lemaire", "France", 1882, "Cubism"), ("Salvador Montes", "Spain", 1904, "Surrealism"),
    ("Margit Lindgren", "Sweden", 1898, "Surrealism"), ("Thomas Ashford", "United Kingdom", 1830, "Realism"),
    ("Eleanor Price", "United States", 1845, "Realism"), ("Andy Kessler", "United States", 1928, "Pop Art"),
    ("Rita Donovan", "United Kingdom", 1934, "Pop Art"), ("Akira Hoshino", "Japan", 1902, "Surrealism"),
    ("Isabella Fontana", "Italy", 1490, "Renaissance"), ("Jan de Vries", "Netherlands", 1853, "Impressionism"),
    ("Claude Marchand", "France", 1614, "Baroque"), ("Emil Novak", "Czech Republic", 1887, "Cubism"),
    ("Olga Petrova", "Russia", 1879, "Expressionism"), ("Winslow Carter", "United States", 1836, "Realism"),
    ("Yoko Sato", "Japan", 1931, "Pop Art"), ("Diego Alvarez", "Mexico", 1886, "Realism"),
)

_MEDIUMS_BY_MOVEMENT = {
    "Renaissance": ("tempera", "oil on canvas", "marble"),
    "Baroque": ("oil on canvas", "marble", "bronze"),
    "Impressionism": ("oil on canvas", "watercolor"),
    "Realism": ("oil on canvas", "watercolor", "bronze"),
    "Expressionism": ("oil on canvas", "watercolor"),
    "Cubism": ("oil on canvas", "bronze", "watercolor"),
    "Surrealism": ("oil on canvas", "watercolor", "bronze"),
    "Pop Art": ("acrylic", "watercolor"),
}

_TITLE_WORDS = (
    ("Blue", "Golden", "Silent", "Evening", "Winter", "Distant", "Quiet", "Crimson", "Autumn", "Morning"),
    ("Harbor", "Garden", "Bridge", "Orchard", "Dancer", "Window", "River", "Cathedral", "Violin", "Meadow", "Lantern",
     "Horseman"),
)

_EXHIBITIONS = (
    "Light and Water", "Masters of the Baroque", "Faces of the Century", "Dreams and Visions", "Modern Rhythms",
    "Color in Motion", "The Northern Eye", "Shadows of the Renaissance", "Gardens in Paint", "City Lights",
    "Myth and Memory", "The Sculpted Form", "Seascapes", "Portraits of Power", "Between Worlds", "The Quiet Room",
    "Paper and Ink", "Golden Age Revisited", "New Perspectives", "Journeys East", "Bold Lines", "Echoes of Paris",
    "Silent Landscapes", "The Human Figure",
)

_NUM_ARTWORKS = 60
_IDLE_ARTISTS = 3  # artists with no artwork in any collection
_NEVER_SHOWN = 6  # artworks no exhibition has shown


def populate(conn: sqlite3.Connection, rng: random.Random) -> None:
    """Insert 20 museums, 24 artists, 60 artworks, 24 exhibitions and about 90 exhibition items."""
    founded = rng.sample(range(1820, 2011), len(_MUSEUMS))  # distinct, so ordering by founding year is stable
    museums = [
        (i, name, city, country, year, rng.randrange(80_000, 4_000_000, 500))
        for i, ((name, city, country), year) in enumerate(zip(_MUSEUMS, founded), start=1)
    ]
    conn.executemany("INSERT INTO museum VALUES (?, ?, ?, ?, ?, ?)", museums)
    conn.executemany(
        "INSERT INTO artist VALUES (?, ?, ?, ?, ?)",
        [(i, *artist) for i, artist in enumerate(_ARTISTS, start=1)],
    )

    artist_ids = list(range(1, len(_ARTISTS) + 1))
    rng.shuffle(artist_ids)
    working_artists = artist_ids[_IDLE_ARTISTS:]
    titles = [f"{a} {b}" for a in _TITLE_WORDS[0] for b in _TITLE_WORDS[1]]
    rng.shuffle(titles)
    values = [v / 10 for v in rng.sample(range(5, 1500), _NUM_ARTWORKS)]  # distinct, 0.5 to 150 million
    # The first eight artworks all belong to one museum, which therefore holds clearly the most.
    big_museum = rng.randint(1, len(_MUSEUMS))
    other_museums = [m for m in range(1, len(_MUSEUMS) + 1) if m != big_museum]
    artworks = []
    for i in range(1, _NUM_ARTWORKS + 1):
        artist_id = working_artists[(i - 1) % len(working_artists)]
        _, _, born, movement = _ARTISTS[artist_id - 1]
        museum_id = big_museum if i <= 8 else rng.choice(other_museums)
        medium = rng.choice(_MEDIUMS_BY_MOVEMENT[movement])
        artworks.append((i, titles[i - 1], artist_id, museum_id, born + rng.randint(20, 60), medium, values[i - 1]))
    conn.executemany("INSERT INTO artwork VALUES (?, ?, ?, ?, ?, ?, ?)", artworks)

    exhibitions = []
    for i, title in enumerate(_EXHIBITIONS, start=1):
        start = date(2022, 1, 1) + timedelta(days=rng.randint(0, 900))
        end = start + timedelta(days=rng.randint(60, 150))
        price = rng.randrange(800, 3000, 50) / 100
        exhibitions.append((i, title, rng.randint(1, len(_MUSEUMS)), start.isoformat(), end.isoformat(), price))
    conn.executemany("INSERT INTO exhibition VALUES (?, ?, ?, ?, ?, ?)", exhibitions)

    artwork_ids = list(range(1, _NUM_ARTWORKS + 1))
    rng.shuffle(artwork_ids)
    showable = artwork_ids[_NEVER_SHOWN:]
    items = []
    for exhibition_id in range(1, len(_EXHIBITIONS) + 1):
        for artwork_id in sorted(rng.sample(showable, rng.randint(2, 6))):
            items.append((exhibition_id, artwork_id))
    conn.executemany("INSERT INTO exhibition_artwork VALUES (?, ?)", items)


TEMPLATES = (
    # ---- easy ----
    Template(
        sql="SELECT name FROM museum WHERE city = '{city}'",
        slots={"city": "SELECT DISTINCT city FROM museum"},
        n=3,
        questions={
            "en": ("Which museums are located in {city}?", "List the names of the museums in {city}."),
            "de": ("Welche Museen befinden sich in {city}?", "Nenne die Namen der Museen in {city}."),
            "es": ("¿Qué museos se encuentran en {city}?", "Enumera los nombres de los museos de {city}."),
            "fr": ("Quels musées se trouvent à {city} ?", "Donne les noms des musées de {city}."),
            "ja": ("{city}にある美術館はどれですか？", "{city}に所在する美術館の名前を挙げてください。"),
            "vi": ("Những bảo tàng nào nằm ở {city}?", "Liệt kê tên các bảo tàng ở {city}."),
            "zh": ("哪些博物馆位于{city}？", "列出{city}的博物馆名称。"),
        },
    ),
    Template(
        sql="SELECT count(*) FROM artist WHERE movement = '{movement}'",
        slots={"movement": "SELECT DISTINCT movement FROM artist"},
        n=3,
        questions={
            "en": ("How many artists belong to the {movement} movement?",
                   "Count the artists whose art movement is {movement}."),
            "de": ("Wie viele Künstler gehören der Kunstrichtung {movement} an?",
                   "Zähle die Künstler, deren Stilrichtung {movement} ist."),
            "es": ("¿Cuántos artistas pertenecen al movimiento {movement}?",
                   "Cuenta los artistas cuyo movimiento artístico es {movement}."),
            "fr": ("Combien d'artistes appartiennent au mouvement {movement} ?",
                   "Compte les artistes dont le mouvement artistique est {movement}."),
            "ja": ("{movement}に属する芸術家は何人いますか？", "芸術運動が{movement}である芸術家の人数を数えてください。"),
            "vi": ("Có bao nhiêu nghệ sĩ thuộc trường phái {movement}?", "Đếm số nghệ sĩ có trường phái nghệ thuật là {movement}."),
            "zh": ("属于{movement}流派的艺术家有多少位？", "统计艺术流派为{movement}的艺术家人数。"),
        },
    ),
    Template(
        sql="SELECT title FROM artwork WHERE year_created < {year}",
        slots={"year": "SELECT DISTINCT year_created FROM artwork "
                       "WHERE year_created > (SELECT min(year_created) FROM artwork)"},
        n=2,
        questions={
            "en": ("Which artworks were created before {year}?", "Give the titles of artworks made earlier than {year}."),
            "de": ("Welche Kunstwerke entstanden vor {year}?", "Nenne die Titel der Kunstwerke, die vor dem Jahr {year} geschaffen wurden."),
            "es": ("¿Qué obras de arte se crearon antes de {year}?",
                   "Indica los títulos de las obras realizadas antes del año {year}."),
            "fr": ("Quelles œuvres ont été créées avant {year} ?", "Donne les titres des œuvres réalisées avant l'année {year}."),
            "ja": ("{year}年より前に制作された作品はどれですか？", "制作年が{year}年より前の作品のタイトルを挙げてください。"),
            "vi": ("Những tác phẩm nào được sáng tác trước năm {year}?", "Cho biết tên các tác phẩm được tạo ra trước năm {year}."),
            "zh": ("哪些艺术品创作于{year}年之前？", "给出创作年份早于{year}年的艺术品名称。"),
        },
    ),
    Template(
        sql="SELECT avg(ticket_price) FROM exhibition",
        questions={
            "en": ("What is the average ticket price of the exhibitions?", "On average, how much does an exhibition ticket cost?"),
            "de": ("Wie hoch ist der durchschnittliche Eintrittspreis der Ausstellungen?",
                   "Wie viel kostet eine Eintrittskarte für eine Ausstellung im Durchschnitt?"),
            "es": ("¿Cuál es el precio medio de la entrada a las exposiciones?",
                   "En promedio, ¿cuánto cuesta una entrada para una exposición?"),
            "fr": ("Quel est le prix moyen du billet des expositions ?", "En moyenne, combien coûte un billet d'exposition ?"),
            "ja": ("展覧会の平均入場料はいくらですか？", "展覧会のチケットは平均でいくらですか？"),
            "vi": ("Giá vé trung bình của các cuộc triển lãm là bao nhiêu?", "Trung bình một vé xem triển lãm có giá bao nhiêu?"),
            "zh": ("展览的平均门票价格是多少？", "一张展览门票平均多少钱？"),
        },
    ),
    Template(
        sql="SELECT title FROM artwork WHERE medium = '{medium}'",
        slots={"medium": "SELECT DISTINCT medium FROM artwork"},
        n=2,
        questions={
            "en": ("Which artworks are made in {medium}?", "List the titles of all artworks whose medium is {medium}."),
            "de": ("Welche Kunstwerke sind in der Technik {medium} ausgeführt?",
                   "Liste die Titel aller Kunstwerke auf, deren Technik {medium} ist."),
            "es": ("¿Qué obras están hechas con la técnica {medium}?",
                   "Enumera los títulos de todas las obras cuya técnica es {medium}."),
            "fr": ("Quelles œuvres sont réalisées en {medium} ?", "Liste les titres de toutes les œuvres dont la technique est {medium}."),
            "ja": ("技法が{medium}の作品はどれですか？", "{medium}で制作された作品のタイトルをすべて挙げてください。"),
            "vi": ("Những tác phẩm nào được làm bằng chất liệu {medium}?",
                   "Liệt kê tên tất cả các tác phẩm có chất liệu là {medium}."),
            "zh": ("哪些艺术品的材质是{medium}？", "列出所有以{medium}创作的艺术品名称。"),
        },
    ),
    # ---- medium ----
    Template(
        sql="SELECT T1.title FROM artwork AS T1 JOIN artist AS T2 ON T1.artist_id = T2.artist_id WHERE T2.name = '{artist}'",
        slots={"artist": "SELECT DISTINCT T2.name FROM artwork AS T1 JOIN artist AS T2 ON T1.artist_id = T2.artist_id"},
        n=3,
        questions={
            "en": ("What are the titles of the artworks by {artist}?", "Which works were created by the artist {artist}?"),
            "de": ("Wie heißen die Kunstwerke von {artist}?", "Welche Werke wurden von {artist} geschaffen?"),
            "es": ("¿Cuáles son los títulos de las obras de {artist}?", "¿Qué obras creó {artist}?"),
            "fr": ("Quels sont les titres des œuvres de {artist} ?", "Quelles œuvres ont été créées par {artist} ?"),
            "ja": ("{artist}の作品のタイトルは何ですか？", "芸術家{artist}が制作した作品はどれですか？"),
            "vi": ("Tên các tác phẩm của {artist} là gì?", "Những tác phẩm nào do nghệ sĩ {artist} sáng tác?"),
            "zh": ("{artist}的艺术品都叫什么名字？", "艺术家{artist}创作了哪些作品？"),
        },
    ),
    Template(
        sql="SELECT country, count(*) FROM museum GROUP BY country",
        questions={
            "en": ("How many museums are there in each country?", "For each country, show the country and its number of museums."),
            "de": ("Wie viele Museen gibt es in jedem Land?", "Zeige für jedes Land das Land und die Anzahl seiner Museen."),
            "es": ("¿Cuántos museos hay en cada país?", "Para cada país, muestra el país y su número de museos."),
            "fr": ("Combien de musées y a-t-il dans chaque pays ?", "Pour chaque pays, affiche le pays et son nombre de musées."),
            "ja": ("各国に美術館はいくつありますか？", "国ごとに、国名とその国にある美術館の数を表示してください。"),
            "vi": ("Mỗi quốc gia có bao nhiêu bảo tàng?", "Với mỗi quốc gia, hãy cho biết tên quốc gia và số bảo tàng của quốc gia đó."),
            "zh": ("每个国家各有多少座博物馆？", "按国家显示国家名称及其博物馆数量。"),
        },
    ),
    Template(
        sql="SELECT T1.title FROM exhibition AS T1 JOIN museum AS T2 ON T1.museum_id = T2.museum_id "
            "WHERE T2.name = '{museum}'",
        slots={"museum": "SELECT DISTINCT T2.name FROM exhibition AS T1 JOIN museum AS T2 ON T1.museum_id = T2.museum_id"},
        n=3,
        questions={
            "en": ("Which exhibitions have been held at the {museum}?", "List the titles of the exhibitions hosted by {museum}."),
            "de": ("Welche Ausstellungen fanden im Museum {museum} statt?",
                   "Liste die Titel der Ausstellungen auf, die das Museum {museum} veranstaltet hat."),
            "es": ("¿Qué exposiciones se han celebrado en el museo {museum}?",
                   "Enumera los títulos de las exposiciones organizadas por {museum}."),
            "fr": ("Quelles expositions ont eu lieu au musée {museum} ?", "Liste les titres des expositions accueillies par {museum}."),
            "ja": ("{museum}で開催された展覧会はどれですか？", "美術館「{museum}」が開いた展覧会のタイトルを挙げてください。"),
            "vi": ("Những cuộc triển lãm nào đã được tổ chức tại {museum}?",
                   "Liệt kê tên các cuộc triển lãm do bảo tàng {museum} tổ chức."),
            "zh": ("{museum}举办过哪些展览？", "列出博物馆{museum}举办的展览名称。"),
        },
    ),
    Template(
        sql="SELECT name, founded_year FROM museum WHERE country = '{country}' ORDER BY founded_year",
        slots={"country": "SELECT DISTINCT country FROM museum"},
        n=2,
        questions={
            "en": ("List the museums in {country} with their founding years, from the oldest to the newest.",
                   "Show the name and founding year of every museum in {country}, ordered by founding year."),
            "de": ("Liste die Museen in {country} mit ihrem Gründungsjahr auf, vom ältesten zum jüngsten.",
                   "Zeige Name und Gründungsjahr aller Museen in {country}, aufsteigend nach Gründungsjahr sortiert."),
            "es": ("Enumera los museos de {country} con su año de fundación, del más antiguo al más reciente.",
                   "Muestra el nombre y el año de fundación de cada museo de {country}, ordenados por año de fundación."),
            "fr": ("Liste les musées du pays {country} avec leur année de fondation, du plus ancien au plus récent.",
                   "Affiche le nom et l'année de fondation de chaque musée du pays {country}, triés par année de fondation."),
            "ja": ("{country}の美術館を設立年とともに、古い順に挙げてください。",
                   "{country}にある各美術館の名前と設立年を、設立年の昇順で表示してください。"),
            "vi": ("Liệt kê các bảo tàng ở {country} cùng năm thành lập, từ lâu đời nhất đến mới nhất.",
                   "Hiển thị tên và năm thành lập của mọi bảo tàng ở {country}, sắp xếp theo năm thành lập."),
            "zh": ("按从早到晚的顺序列出{country}的博物馆及其创建年份。", "显示{country}每座博物馆的名称和创建年份，按创建年份升序排列。"),
        },
    ),
    Template(
        sql="SELECT medium, avg(estimated_value_million) FROM artwork GROUP BY medium",
        questions={
            "en": ("What is the average estimated value of artworks for each medium?",
                   "For every medium, show the medium and the average estimated value of its artworks in millions."),
            "de": ("Wie hoch ist der durchschnittliche Schätzwert der Kunstwerke je Technik?",
                   "Zeige für jede Technik die Technik und den durchschnittlichen geschätzten Wert ihrer Werke in Millionen."),
            "es": ("¿Cuál es el valor estimado medio de las obras para cada técnica?",
                   "Para cada técnica, muestra la técnica y el valor estimado medio de sus obras en millones."),
            "fr": ("Quelle est la valeur estimée moyenne des œuvres pour chaque technique ?",
                   "Pour chaque technique, affiche la technique et la valeur estimée moyenne de ses œuvres en millions."),
            "ja": ("技法ごとに作品の推定価値の平均を求めてください。", "各技法について、技法名と作品の平均推定価値（百万単位）を表示してください。"),
            "vi": ("Giá trị ước tính trung bình của các tác phẩm theo từng chất liệu là bao nhiêu?",
                   "Với mỗi chất liệu, hãy cho biết chất liệu đó và giá trị ước tính trung bình của các tác phẩm tính bằng triệu."),
            "zh": ("每种材质的艺术品平均估值是多少？", "按材质显示材质名称及其艺术品的平均估值（百万）。"),
        },
    ),
    Template(
        sql="SELECT name, birth_year FROM artist WHERE country = '{country}'",
        slots={"country": "SELECT DISTINCT country FROM artist"},
        n=2,
        questions={
            "en": ("What are the names and birth years of the artists from {country}?",
                   "Show each artist from {country} together with the year they were born."),
            "de": ("Wie heißen die Künstler aus {country} und in welchem Jahr wurden sie geboren?",
                   "Zeige jeden Künstler aus {country} zusammen mit seinem Geburtsjahr."),
            "es": ("¿Cuáles son los nombres y años de nacimiento de los artistas de {country}?",
                   "Muestra cada artista de {country} junto con su año de nacimiento."),
            "fr": ("Quels sont les noms et les années de naissance des artistes du pays {country} ?",
                   "Affiche chaque artiste du pays {country} avec son année de naissance."),
            "ja": ("{country}出身の芸術家の名前と生年は何ですか？", "{country}出身の各芸術家を、生まれた年とともに表示してください。"),
            "vi": ("Tên và năm sinh của các nghệ sĩ đến từ {country} là gì?",
                   "Hiển thị từng nghệ sĩ đến từ {country} cùng năm sinh của họ."),
            "zh": ("来自{country}的艺术家叫什么名字，出生于哪一年？", "显示每位来自{country}的艺术家及其出生年份。"),
        },
    ),
    Template(
        sql="SELECT count(*) FROM artwork AS T1 JOIN museum AS T2 ON T1.museum_id = T2.museum_id WHERE T2.city = '{city}'",
        slots={"city": "SELECT DISTINCT T2.city FROM artwork AS T1 JOIN museum AS T2 ON T1.museum_id = T2.museum_id"},
        n=2,
        questions={
            "en": ("How many artworks are held by museums in {city}?", "Count the artworks in the collections of museums located in {city}."),
            "de": ("Wie viele Kunstwerke besitzen die Museen in {city}?",
                   "Zähle die Kunstwerke in den Sammlungen der Museen, die sich in {city} befinden."),
            "es": ("¿Cuántas obras de arte conservan los museos de {city}?",
                   "Cuenta las obras de las colecciones de los museos situados en {city}."),
            "fr": ("Combien d'œuvres sont conservées dans les musées de {city} ?",
                   "Compte les œuvres des collections des musées situés à {city}."),
            "ja": ("{city}の美術館が所蔵する作品は何点ありますか？", "{city}にある美術館の所蔵作品の数を数えてください。"),
            "vi": ("Các bảo tàng ở {city} lưu giữ bao nhiêu tác phẩm?", "Đếm số tác phẩm trong bộ sưu tập của các bảo tàng nằm ở {city}."),
            "zh": ("{city}的博物馆共收藏了多少件艺术品？", "统计位于{city}的博物馆所藏艺术品的数量。"),
        },
    ),
    # ---- hard ----
    Template(
        sql="SELECT name FROM museum WHERE annual_visitors > (SELECT avg(annual_visitors) FROM museum)",
        questions={
            "en": ("Which museums attract more visitors per year than the average museum?",
                   "Find the museums whose annual visitor count is above the average."),
            "de": ("Welche Museen haben mehr Besucher pro Jahr als der Durchschnitt?",
                   "Finde die Museen, deren jährliche Besucherzahl über dem Durchschnitt liegt."),
            "es": ("¿Qué museos reciben más visitantes al año que la media?",
                   "Encuentra los museos cuyo número de visitantes anuales supera la media."),
            "fr": ("Quels musées attirent plus de visiteurs par an que la moyenne ?",
                   "Trouve les musées dont le nombre de visiteurs annuels dépasse la moyenne."),
            "ja": ("年間来館者数が平均を上回る美術館はどれですか？", "年間の来館者数が全美術館の平均より多い美術館を探してください。"),
            "vi": ("Những bảo tàng nào có lượng khách hằng năm cao hơn mức trung bình?",
                   "Tìm các bảo tàng có số lượt khách tham quan mỗi năm vượt mức trung bình."),
            "zh": ("哪些博物馆的年参观人数高于平均水平？", "找出年参观人数超过平均值的博物馆。"),
        },
    ),
    Template(
        sql="SELECT name FROM artist WHERE artist_id NOT IN (SELECT artist_id FROM artwork)",
        questions={
            "en": ("Which artists have no artworks in any museum?", "List the names of artists who do not have a single artwork recorded."),
            "de": ("Welche Künstler haben in keinem Museum ein Kunstwerk?",
                   "Nenne die Namen der Künstler, von denen kein einziges Kunstwerk verzeichnet ist."),
            "es": ("¿Qué artistas no tienen ninguna obra en ningún museo?",
                   "Enumera los nombres de los artistas de los que no hay registrada ninguna obra."),
            "fr": ("Quels artistes n'ont aucune œuvre dans un musée ?",
                   "Liste les noms des artistes dont aucune œuvre n'est répertoriée."),
            "ja": ("どの美術館にも作品がない芸術家は誰ですか？", "作品が1点も登録されていない芸術家の名前を挙げてください。"),
            "vi": ("Những nghệ sĩ nào không có tác phẩm nào trong bảo tàng?",
                   "Liệt kê tên các nghệ sĩ không có tác phẩm nào được ghi nhận."),
            "zh": ("哪些艺术家在任何博物馆都没有作品？", "列出没有任何艺术品记录的艺术家姓名。"),
        },
    ),
    Template(
        sql="SELECT title FROM artwork WHERE artwork_id NOT IN (SELECT artwork_id FROM exhibition_artwork)",
        questions={
            "en": ("Which artworks have never been shown in an exhibition?",
                   "Find the titles of artworks that are not part of any exhibition."),
            "de": ("Welche Kunstwerke wurden noch nie in einer Ausstellung gezeigt?",
                   "Finde die Titel der Kunstwerke, die zu keiner Ausstellung gehören."),
            "es": ("¿Qué obras no se han mostrado nunca en una exposición?",
                   "Encuentra los títulos de las obras que no forman parte de ninguna exposición."),
            "fr": ("Quelles œuvres n'ont jamais été présentées dans une exposition ?",
                   "Trouve les titres des œuvres qui ne font partie d'aucune exposition."),
            "ja": ("一度も展覧会に出品されたことがない作品はどれですか？", "どの展覧会にも含まれていない作品のタイトルを求めてください。"),
            "vi": ("Những tác phẩm nào chưa từng được trưng bày trong triển lãm?",
                   "Tìm tên các tác phẩm không thuộc cuộc triển lãm nào."),
            "zh": ("哪些艺术品从未在展览中展出过？", "找出不属于任何展览的艺术品名称。"),
        },
    ),
    Template(
        sql="SELECT title FROM artwork WHERE medium = '{medium}' ORDER BY estimated_value_million DESC LIMIT 1",
        slots={"medium": "SELECT DISTINCT medium FROM artwork"},
        n=2,
        questions={
            "en": ("What is the most valuable artwork made in {medium}?",
                   "Which {medium} artwork has the highest estimated value?"),
            "de": ("Welches Kunstwerk in der Technik {medium} ist am wertvollsten?",
                   "Welches Werk der Technik {medium} hat den höchsten geschätzten Wert?"),
            "es": ("¿Cuál es la obra más valiosa realizada con la técnica {medium}?",
                   "¿Qué obra de técnica {medium} tiene el valor estimado más alto?"),
            "fr": ("Quelle est l'œuvre la plus précieuse réalisée en {medium} ?",
                   "Quelle œuvre de technique {medium} a la valeur estimée la plus élevée ?"),
            "ja": ("{medium}で制作された作品のうち、最も価値が高いのはどれですか？",
                   "技法が{medium}の作品で、推定価値が最大のものは何ですか？"),
            "vi": ("Tác phẩm làm bằng chất liệu {medium} nào có giá trị cao nhất?",
                   "Tác phẩm nào có chất liệu {medium} và giá trị ước tính lớn nhất?"),
            "zh": ("以{medium}创作的艺术品中，最值钱的是哪一件？", "材质为{medium}的艺术品里，估值最高的是哪件？"),
        },
    ),
    Template(
        sql="SELECT T3.title FROM exhibition AS T1 JOIN exhibition_artwork AS T2 ON T1.exhibition_id = T2.exhibition_id "
            "JOIN artwork AS T3 ON T2.artwork_id = T3.artwork_id WHERE T1.title = '{exhibition}'",
        slots={"exhibition": "SELECT DISTINCT T1.title FROM exhibition AS T1 JOIN exhibition_artwork AS T2 "
                             "ON T1.exhibition_id = T2.exhibition_id"},
        n=3,
        questions={
            "en": ("Which artworks are shown in the exhibition {exhibition}?",
                   "List the titles of the works included in the exhibition called {exhibition}."),
            "de": ("Welche Kunstwerke werden in der Ausstellung {exhibition} gezeigt?",
                   "Liste die Titel der Werke auf, die zur Ausstellung mit dem Titel {exhibition} gehören."),
            "es": ("¿Qué obras se muestran en la exposición {exhibition}?",
                   "Enumera los títulos de las obras incluidas en la exposición llamada {exhibition}."),
            "fr": ("Quelles œuvres sont présentées dans l'exposition {exhibition} ?",
                   "Liste les titres des œuvres incluses dans l'exposition intitulée {exhibition}."),
            "ja": ("展覧会「{exhibition}」で展示されている作品はどれですか？",
                   "{exhibition}という展覧会に含まれる作品のタイトルを挙げてください。"),
            "vi": ("Những tác phẩm nào được trưng bày trong triển lãm {exhibition}?",
                   "Liệt kê tên các tác phẩm thuộc cuộc triển lãm có tên {exhibition}."),
            "zh": ("展览{exhibition}展出了哪些艺术品？", "列出名为{exhibition}的展览所包含的作品名称。"),
        },
    ),
    Template(
        sql="SELECT T2.movement, count(*) FROM artwork AS T1 JOIN artist AS T2 ON T1.artist_id = T2.artist_id "
            "WHERE T1.medium = '{medium}' GROUP BY T2.movement",
        slots={"medium": "SELECT DISTINCT medium FROM artwork"},
        n=3,
        questions={
            "en": ("For artworks made in {medium}, how many belong to each art movement?",
                   "Show each art movement with the number of its artists' works whose medium is {medium}."),
            "de": ("Wie viele Kunstwerke in der Technik {medium} gibt es je Kunstrichtung?",
                   "Zeige für jede Stilrichtung die Anzahl der Werke ihrer Künstler, deren Technik {medium} ist."),
            "es": ("De las obras realizadas con la técnica {medium}, ¿cuántas hay por movimiento artístico?",
                   "Muestra cada movimiento artístico con el número de obras de sus artistas cuya técnica es {medium}."),
            "fr": ("Parmi les œuvres réalisées en {medium}, combien y en a-t-il par mouvement artistique ?",
                   "Affiche chaque mouvement artistique avec le nombre d'œuvres de ses artistes dont la technique est {medium}."),
            "ja": ("{medium}で制作された作品について、芸術運動ごとの点数を求めてください。",
                   "芸術運動ごとに、その芸術家たちによる技法が{medium}の作品の数を表示してください。"),
            "vi": ("Trong các tác phẩm làm bằng chất liệu {medium}, mỗi trường phái nghệ thuật có bao nhiêu tác phẩm?",
                   "Hiển thị từng trường phái nghệ thuật cùng số tác phẩm có chất liệu {medium} của các nghệ sĩ thuộc trường phái đó."),
            "zh": ("在以{medium}创作的艺术品中，每个艺术流派各有多少件？", "按艺术流派显示其艺术家材质为{medium}的作品数量。"),
        },
    ),
    # ---- extra ----
    Template(
        sql="SELECT T2.name FROM artwork AS T1 JOIN museum AS T2 ON T1.museum_id = T2.museum_id "
            "GROUP BY T1.museum_id ORDER BY count(*) DESC LIMIT 1",
        questions={
            "en": ("Which museum holds the most artworks?", "What is the name of the museum with the largest number of artworks?"),
            "de": ("Welches Museum besitzt die meisten Kunstwerke?", "Wie heißt das Museum mit der größten Anzahl an Kunstwerken?"),
            "es": ("¿Qué museo alberga más obras de arte?", "¿Cómo se llama el museo con el mayor número de obras?"),
            "fr": ("Quel musée possède le plus d'œuvres ?", "Quel est le nom du musée qui compte le plus grand nombre d'œuvres ?"),
            "ja": ("所蔵作品が最も多い美術館はどこですか？", "作品数が一番多い美術館の名前は何ですか？"),
            "vi": ("Bảo tàng nào lưu giữ nhiều tác phẩm nhất?", "Tên của bảo tàng có số lượng tác phẩm lớn nhất là gì?"),
            "zh": ("哪座博物馆收藏的艺术品最多？", "艺术品数量最多的博物馆叫什么名字？"),
        },
    ),
    Template(
        sql="SELECT T1.title FROM artwork AS T1 JOIN artist AS T2 ON T1.artist_id = T2.artist_id "
            "WHERE T2.movement = '{movement}' AND T1.estimated_value_million > "
            "(SELECT avg(estimated_value_million) FROM artwork)",
        slots={"movement": "SELECT DISTINCT T2.movement FROM artwork AS T1 JOIN artist AS T2 ON T1.artist_id = T2.artist_id"},
        n=3,
        questions={
            "en": ("Which artworks by {movement} artists are worth more than the average artwork?",
                   "Find the titles of works by artists of the {movement} movement whose estimated value is above the average."),
            "de": ("Welche Kunstwerke von Künstlern der Richtung {movement} sind mehr wert als der Durchschnitt?",
                   "Finde die Titel der Werke von Künstlern der Stilrichtung {movement}, deren geschätzter Wert über dem Durchschnitt liegt."),
            "es": ("¿Qué obras de artistas del movimiento {movement} valen más que la obra media?",
                   "Encuentra los títulos de las obras de artistas del {movement} cuyo valor estimado supera la media."),
            "fr": ("Quelles œuvres d'artistes du mouvement {movement} valent plus que la moyenne ?",
                   "Trouve les titres des œuvres d'artistes du mouvement {movement} dont la valeur estimée dépasse la moyenne."),
            "ja": ("{movement}の芸術家による作品のうち、平均より価値が高いものはどれですか？",
                   "芸術運動が{movement}の芸術家の作品で、推定価値が平均を上回るもののタイトルを求めてください。"),
            "vi": ("Những tác phẩm nào của các nghệ sĩ trường phái {movement} có giá trị cao hơn mức trung bình?",
                   "Tìm tên các tác phẩm của nghệ sĩ thuộc trường phái {movement} có giá trị ước tính trên mức trung bình."),
            "zh": ("{movement}流派艺术家的作品中，哪些价值高于平均水平？", "找出{movement}流派艺术家创作、估值高于平均值的作品名称。"),
        },
    ),
    Template(
        sql="SELECT T1.name FROM artist AS T1 JOIN artwork AS T2 ON T1.artist_id = T2.artist_id "
            "WHERE T2.medium = 'oil on canvas' INTERSECT SELECT T1.name FROM artist AS T1 JOIN artwork AS T2 "
            "ON T1.artist_id = T2.artist_id WHERE T2.medium = 'watercolor'",
        questions={
            "en": ("Which artists have created both oil paintings on canvas and watercolors?",
                   "Find artists with at least one oil-on-canvas work and at least one watercolor."),
            "de": ("Welche Künstler haben sowohl Ölgemälde auf Leinwand als auch Aquarelle geschaffen?",
                   "Finde die Künstler, von denen es mindestens ein Ölgemälde auf Leinwand und mindestens ein Aquarell gibt."),
            "es": ("¿Qué artistas han creado tanto óleos sobre lienzo como acuarelas?",
                   "Encuentra a los artistas con al menos un óleo sobre lienzo y al menos una acuarela."),
            "fr": ("Quels artistes ont réalisé à la fois des huiles sur toile et des aquarelles ?",
                   "Trouve les artistes qui ont au moins une huile sur toile et au moins une aquarelle."),
            "ja": ("キャンバスに描いた油彩画と水彩画の両方を制作した芸術家は誰ですか？",
                   "油彩（キャンバス）の作品と水彩の作品をそれぞれ1点以上持つ芸術家を探してください。"),
            "vi": ("Những nghệ sĩ nào đã sáng tác cả tranh sơn dầu trên vải lẫn tranh màu nước?",
                   "Tìm các nghệ sĩ có ít nhất một tác phẩm sơn dầu trên vải và ít nhất một tác phẩm màu nước."),
            "zh": ("哪些艺术家既创作过布面油画，也创作过水彩画？", "找出至少有一件布面油画且至少有一件水彩作品的艺术家。"),
        },
    ),
    Template(
        sql="SELECT DISTINCT T4.name FROM exhibition AS T1 JOIN exhibition_artwork AS T2 "
            "ON T1.exhibition_id = T2.exhibition_id JOIN artwork AS T3 ON T2.artwork_id = T3.artwork_id "
            "JOIN artist AS T4 ON T3.artist_id = T4.artist_id WHERE T1.title = '{exhibition}'",
        slots={"exhibition": "SELECT DISTINCT T1.title FROM exhibition AS T1 JOIN exhibition_artwork AS T2 "
                             "ON T1.exhibition_id = T2.exhibition_id"},
        n=3,
        questions={
            "en": ("Which artists have works in the exhibition {exhibition}?",
                   "Give the distinct names of the artists whose artworks appear in the exhibition {exhibition}."),
            "de": ("Von welchen Künstlern sind Werke in der Ausstellung {exhibition} zu sehen?",
                   "Nenne die verschiedenen Namen der Künstler, deren Werke in der Ausstellung {exhibition} gezeigt werden."),
            "es": ("¿Qué artistas tienen obras en la exposición {exhibition}?",
                   "Indica los nombres distintos de los artistas cuyas obras aparecen en la exposición {exhibition}."),
            "fr": ("Quels artistes ont des œuvres dans l'exposition {exhibition} ?",
                   "Donne les noms distincts des artistes dont les œuvres figurent dans l'exposition {exhibition}."),
            "ja": ("展覧会「{exhibition}」に作品が出ている芸術家は誰ですか？",
                   "{exhibition}という展覧会に作品が展示されている芸術家の名前を重複なく挙げてください。"),
            "vi": ("Những nghệ sĩ nào có tác phẩm trong triển lãm {exhibition}?",
                   "Cho biết tên không trùng lặp của các nghệ sĩ có tác phẩm xuất hiện trong triển lãm {exhibition}."),
            "zh": ("哪些艺术家的作品参加了展览{exhibition}？", "给出作品出现在展览{exhibition}中的艺术家姓名（去重）。"),
        },
    ),
    Template(
        sql="SELECT T1.name FROM artist AS T1 JOIN artwork AS T2 ON T1.artist_id = T2.artist_id "
            "GROUP BY T1.artist_id ORDER BY sum(T2.estimated_value_million) DESC LIMIT 1",
        questions={
            "en": ("Which artist's works have the highest total estimated value?",
                   "Find the artist whose artworks are worth the most in total."),
            "de": ("Welcher Künstler hat die Werke mit dem höchsten geschätzten Gesamtwert?",
                   "Finde den Künstler, dessen Kunstwerke zusammen am meisten wert sind."),
            "es": ("¿Qué artista tiene obras con el mayor valor estimado total?",
                   "Encuentra al artista cuyas obras valen más en conjunto."),
            "fr": ("Quel artiste a les œuvres dont la valeur estimée totale est la plus élevée ?",
                   "Trouve l'artiste dont les œuvres valent le plus au total."),
            "ja": ("作品の推定価値の合計が最も高い芸術家は誰ですか？", "作品の価値を合計すると最も高額になる芸術家を探してください。"),
            "vi": ("Nghệ sĩ nào có tổng giá trị ước tính của các tác phẩm cao nhất?",
                   "Tìm nghệ sĩ có các tác phẩm với tổng giá trị lớn nhất."),
            "zh": ("哪位艺术家作品的总估值最高？", "找出作品价值总和最高的艺术家。"),
        },
    ),
)

DOMAIN = Domain(
    db_id="museum",
    split="dev",
    schema_sql=SCHEMA_SQL,
    populate=populate,
    templates=TEMPLATES,
)
