"""Mini-benchmark domain ``flight_booking`` (train): airports, airlines, flights and passenger bookings."""

from __future__ import annotations

import datetime
import math
import random
import sqlite3

from polysql.data.mini.template import Domain, Template

SCHEMA_SQL = """
CREATE TABLE airports (
    airport_code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    city TEXT NOT NULL,
    country TEXT NOT NULL
);
CREATE TABLE airlines (
    airline_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    iata_code TEXT NOT NULL,
    country TEXT NOT NULL,
    founded_year INTEGER NOT NULL
);
CREATE TABLE flights (
    flight_id INTEGER PRIMARY KEY,
    flight_number TEXT NOT NULL,
    airline_id INTEGER NOT NULL,
    origin TEXT NOT NULL,
    destination TEXT NOT NULL,
    departure_date TEXT NOT NULL,
    duration_minutes INTEGER NOT NULL,
    price INTEGER NOT NULL,
    FOREIGN KEY (airline_id) REFERENCES airlines(airline_id),
    FOREIGN KEY (origin) REFERENCES airports(airport_code),
    FOREIGN KEY (destination) REFERENCES airports(airport_code)
);
CREATE TABLE passengers (
    passenger_id INTEGER PRIMARY KEY,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    nationality TEXT NOT NULL,
    birth_date TEXT NOT NULL
);
CREATE TABLE bookings (
    booking_id INTEGER PRIMARY KEY,
    passenger_id INTEGER NOT NULL,
    flight_id INTEGER NOT NULL,
    seat_class TEXT NOT NULL,
    booking_date TEXT NOT NULL,
    FOREIGN KEY (passenger_id) REFERENCES passengers(passenger_id),
    FOREIGN KEY (flight_id) REFERENCES flights(flight_id)
);
"""

# (code, name, city, country, latitude, longitude)
_AIRPORTS = (
    ("JFK", "John F. Kennedy International Airport", "New York", "United States", 40.64, -73.78),
    ("LAX", "Los Angeles International Airport", "Los Angeles", "United States", 33.94, -118.41),
    ("ATL", "Hartsfield-Jackson Atlanta International Airport", "Atlanta", "United States", 33.64, -84.43),
    ("YYZ", "Toronto Pearson International Airport", "Toronto", "Canada", 43.68, -79.63),
    ("LHR", "Heathrow Airport", "London", "United Kingdom", 51.47, -0.45),
    ("LGW", "Gatwick Airport", "London", "United Kingdom", 51.15, -0.18),
    ("CDG", "Charles de Gaulle Airport", "Paris", "France", 49.01, 2.55),
    ("FRA", "Frankfurt Airport", "Frankfurt", "Germany", 50.03, 8.56),
    ("MUC", "Munich Airport", "Munich", "Germany", 48.35, 11.79),
    ("MAD", "Madrid-Barajas Airport", "Madrid", "Spain", 40.49, -3.57),
    ("BCN", "Barcelona-El Prat Airport", "Barcelona", "Spain", 41.30, 2.08),
    ("FCO", "Leonardo da Vinci-Fiumicino Airport", "Rome", "Italy", 41.80, 12.25),
    ("AMS", "Amsterdam Airport Schiphol", "Amsterdam", "Netherlands", 52.31, 4.76),
    ("LIS", "Humberto Delgado Airport", "Lisbon", "Portugal", 38.77, -9.13),
    ("DXB", "Dubai International Airport", "Dubai", "United Arab Emirates", 25.25, 55.36),
    ("NRT", "Narita International Airport", "Tokyo", "Japan", 35.77, 140.39),
    ("HND", "Haneda Airport", "Tokyo", "Japan", 35.55, 139.78),
    ("ICN", "Incheon International Airport", "Seoul", "South Korea", 37.46, 126.44),
    ("PEK", "Beijing Capital International Airport", "Beijing", "China", 40.08, 116.58),
    ("PVG", "Shanghai Pudong International Airport", "Shanghai", "China", 31.14, 121.81),
    ("HAN", "Noi Bai International Airport", "Hanoi", "Vietnam", 21.22, 105.81),
    ("SGN", "Tan Son Nhat International Airport", "Ho Chi Minh City", "Vietnam", 10.82, 106.65),
    ("SIN", "Singapore Changi Airport", "Singapore", "Singapore", 1.36, 103.99),
    ("SYD", "Sydney Kingsford Smith Airport", "Sydney", "Australia", -33.95, 151.18),
)

# (name, IATA code, country, founded, hub)
_AIRLINES = (
    ("Lufthansa", "LH", "Germany", 1953, "FRA"),
    ("Delta Air Lines", "DL", "United States", 1925, "ATL"),
    ("United Airlines", "UA", "United States", 1926, "LAX"),
    ("American Airlines", "AA", "United States", 1930, "JFK"),
    ("British Airways", "BA", "United Kingdom", 1974, "LHR"),
    ("Air France", "AF", "France", 1933, "CDG"),
    ("KLM", "KL", "Netherlands", 1919, "AMS"),
    ("Iberia", "IB", "Spain", 1927, "MAD"),
    ("ITA Airways", "AZ", "Italy", 2020, "FCO"),
    ("Japan Airlines", "JL", "Japan", 1951, "HND"),
    ("All Nippon Airways", "NH", "Japan", 1952, "NRT"),
    ("Air China", "CA", "China", 1988, "PEK"),
    ("China Eastern Airlines", "MU", "China", 1987, "PVG"),
    ("Vietnam Airlines", "VN", "Vietnam", 1956, "HAN"),
    ("Qantas", "QF", "Australia", 1920, "SYD"),
    ("Emirates", "EK", "United Arab Emirates", 1985, "DXB"),
    ("Singapore Airlines", "SQ", "Singapore", 1947, "SIN"),
    ("Air Canada", "AC", "Canada", 1937, "YYZ"),
    ("TAP Air Portugal", "TP", "Portugal", 1945, "LIS"),
    ("Korean Air", "KE", "South Korea", 1969, "ICN"),
)
# Routes (each flown both ways) per airline, shuffled: flight counts per airline differ.
_ROUTES_PER_AIRLINE = (1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3)

_PEOPLE = {
    "American": (("Michael", "Jennifer", "David", "Sarah", "Robert", "Emily", "Chris", "Jessica"),
                 ("Johnson", "Miller", "Davis", "Garcia", "Wilson", "Anderson", "Moore", "Taylor")),
    "British": (("Oliver", "Charlotte", "Harry", "Sophie", "George", "Alice", "Edward", "Lucy"),
                ("Smith", "Jones", "Evans", "Roberts", "Hughes", "Edwards", "Green", "Hall")),
    "German": (("Lukas", "Anna", "Maximilian", "Lea", "Paul", "Laura", "Jonas", "Marie"),
               ("Muller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker")),
    "French": (("Louis", "Camille", "Gabriel", "Chloe", "Arthur", "Manon", "Jules", "Ines"),
               ("Martin", "Bernard", "Dubois", "Leroy", "Moreau", "Richard", "Petit", "Durand")),
    "Japanese": (("Haruto", "Yui", "Sota", "Hina", "Ren", "Aoi", "Yuto", "Sakura"),
                 ("Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura")),
    "Chinese": (("Wei", "Fang", "Lei", "Jing", "Hao", "Min", "Jun", "Xin"),
                ("Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao")),
    "Vietnamese": (("Minh", "Lan", "Huy", "Linh", "Tuan", "Thao", "Nam", "Mai"),
                   ("Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang", "Bui")),
    "Spanish": (("Alejandro", "Lucia", "Daniel", "Maria", "Pablo", "Carmen", "Javier", "Elena"),
                ("Fernandez", "Lopez", "Martinez", "Sanchez", "Perez", "Gomez", "Diaz", "Romero")),
    "Canadian": (("Liam", "Emma", "Noah", "Olivia", "Ethan", "Ava", "Logan", "Claire"),
                 ("Tremblay", "Roy", "Gagnon", "Cote", "Bouchard", "MacDonald", "Campbell", "Brown")),
    "Australian": (("Jack", "Isla", "William", "Mia", "Lachlan", "Ruby", "Cooper", "Matilda"),
                   ("Kelly", "Walker", "Ryan", "Mitchell", "Harris", "Clarke", "Morgan", "Cooper")),
}
_SEAT_CLASSES = ("Economy", "Premium Economy", "Business", "First")
_SEAT_WEIGHTS = (60, 15, 18, 7)
_SEASON_START = datetime.date(2024, 3, 1)


def _distance_km(a: tuple, b: tuple) -> float:
    """Great-circle distance between two airport rows."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a[4], a[5], b[4], b[5]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def populate(conn: sqlite3.Connection, rng: random.Random) -> None:
    """Insert airports, airlines, flights, passengers and bookings drawn from ``rng``."""
    conn.executemany("INSERT INTO airports VALUES (?, ?, ?, ?)", [a[:4] for a in _AIRPORTS])
    conn.executemany("INSERT INTO airlines VALUES (?, ?, ?, ?, ?)",
                     [(i, name, code, country, year) for i, (name, code, country, year, _) in enumerate(_AIRLINES, 1)])

    airport = {a[0]: a for a in _AIRPORTS}
    routes = list(_ROUTES_PER_AIRLINE)
    rng.shuffle(routes)
    legs = []  # (airline_id, origin, destination)
    for airline_id, ((_, _, _, _, hub), k) in enumerate(zip(_AIRLINES, routes), start=1):
        others = [code for code in airport if airport[code][2] != airport[hub][2]]
        for dest in rng.sample(others, k):
            legs += [(airline_id, hub, dest), (airline_id, dest, hub)]
    # One extra flight into the busiest destination keeps "most frequent destination" unique.
    tally: dict[str, int] = {}
    for _, _, dest in legs:
        tally[dest] = tally.get(dest, 0) + 1
    best = max(tally.values())
    leaders = sorted(code for code, k in tally.items() if k == best)
    if len(leaders) > 1:
        carrier = next(i for i, a in enumerate(_AIRLINES, 1) if airport[a[4]][2] != airport[leaders[0]][2])
        legs.append((carrier, _AIRLINES[carrier - 1][4], leaders[0]))

    days = rng.sample(range(122), len(legs))  # distinct departure dates
    numbers = {}
    used_minutes, used_prices, flights = set(), set(), []
    for flight_id, ((airline_id, origin, dest), day) in enumerate(zip(legs, days), start=1):
        code = _AIRLINES[airline_id - 1][1]
        number = f"{code}{rng.randint(100, 999)}"
        while number in numbers:
            number = f"{code}{rng.randint(100, 999)}"
        numbers[number] = flight_id
        km = _distance_km(airport[origin], airport[dest])
        minutes = int(km / 820 * 60) + 35 + rng.randint(-8, 8)
        while minutes in used_minutes:  # distinct durations: "longest flight" answers are unique
            minutes += 1
        used_minutes.add(minutes)
        price = int((90 + km * 0.09) * rng.uniform(0.8, 1.3))
        while price in used_prices:
            price += 1
        used_prices.add(price)
        date = _SEASON_START + datetime.timedelta(days=day)
        flights.append((flight_id, number, airline_id, origin, dest, date.isoformat(), minutes, price))
    conn.executemany("INSERT INTO flights VALUES (?, ?, ?, ?, ?, ?, ?, ?)", flights)

    people, seen = [], set()
    for nationality, (firsts, lasts) in _PEOPLE.items():
        for first, last in rng.sample([(f, l) for f in firsts for l in lasts], 6):
            if (first, last) in seen:
                continue
            seen.add((first, last))
            birth = datetime.date(1950, 1, 1) + datetime.timedelta(days=rng.randint(0, 55 * 365))
            people.append((first, last, nationality, birth.isoformat()))
    rng.shuffle(people)
    passengers = [(i, *person) for i, person in enumerate(people, start=1)]
    conn.executemany("INSERT INTO passengers VALUES (?, ?, ?, ?, ?)", passengers)

    # Bookings per passenger: one clear frequent flyer (8), six passengers without bookings.
    counts = [8] + [0] * 6 + [rng.randint(1, 5) for _ in range(len(passengers) - 7)]
    rng.shuffle(counts)
    bookings = []
    for passenger_id, k in enumerate(counts, start=1):
        for flight in rng.sample(flights, k):
            departure = datetime.date.fromisoformat(flight[5])
            booked = departure - datetime.timedelta(days=rng.randint(3, 120))
            seat = rng.choices(_SEAT_CLASSES, _SEAT_WEIGHTS)[0]
            bookings.append((passenger_id, flight[0], seat, booked.isoformat()))
    bookings.sort(key=lambda b: (b[3], b[0]))
    conn.executemany("INSERT INTO bookings VALUES (?, ?, ?, ?, ?)",
                     [(i, *b) for i, b in enumerate(bookings, start=1)])


_AIRLINE_WITH_FLIGHTS = ("SELECT DISTINCT T2.name FROM flights AS T1 JOIN airlines AS T2 "
                         "ON T1.airline_id = T2.airline_id")
_ORIGIN = "SELECT DISTINCT origin FROM flights"
_NATIONALITY = "SELECT DISTINCT nationality FROM passengers"

TEMPLATES = (
    # ---- easy ----
    Template(
        sql="SELECT name FROM airports WHERE country = '{country}'",
        slots={"country": "SELECT DISTINCT country FROM airports"},
        n=3,
        questions={
            "en": ("Which airports are located in {country}?", "List the names of all airports in {country}."),
            "de": ("Welche Flughäfen liegen in {country}?", "Nenne die Namen aller Flughäfen in {country}."),
            "es": ("¿Qué aeropuertos se encuentran en {country}?", "Enumera los nombres de todos los aeropuertos de {country}."),
            "fr": ("Quels aéroports se trouvent dans le pays {country} ?",
                   "Donnez le nom de tous les aéroports situés dans le pays {country}."),
            "ja": ("{country}にある空港はどれですか？", "{country}のすべての空港の名前を挙げてください。"),
            "vi": ("Những sân bay nào nằm ở {country}?", "Liệt kê tên tất cả các sân bay ở {country}."),
            "zh": ("哪些机场位于{country}？", "列出{country}所有机场的名称。"),
        },
    ),
    Template(
        sql="SELECT count(*) FROM flights WHERE origin = '{origin}'",
        slots={"origin": _ORIGIN},
        n=3,
        questions={
            "en": ("How many flights depart from the airport {origin}?", "Count the flights whose origin is {origin}."),
            "de": ("Wie viele Flüge starten vom Flughafen {origin}?", "Zähle die Flüge mit dem Abflughafen {origin}."),
            "es": ("¿Cuántos vuelos salen del aeropuerto {origin}?", "Cuenta los vuelos cuyo origen es {origin}."),
            "fr": ("Combien de vols partent de l'aéroport {origin} ?", "Comptez les vols dont l'origine est {origin}."),
            "ja": ("空港{origin}を出発する便は何便ありますか？", "出発地が{origin}のフライトの数を数えてください。"),
            "vi": ("Có bao nhiêu chuyến bay khởi hành từ sân bay {origin}?", "Đếm số chuyến bay có điểm đi là {origin}."),
            "zh": ("从{origin}机场出发的航班有多少个？", "统计出发地为{origin}的航班数量。"),
        },
    ),
    Template(
        sql="SELECT count(*) FROM passengers WHERE nationality = '{nationality}'",
        slots={"nationality": _NATIONALITY},
        n=4,
        questions={
            "en": ("How many {nationality} passengers are there?", "Count the passengers whose nationality is {nationality}."),
            "de": ("Wie viele Passagiere haben die Nationalität {nationality}?",
                   "Zähle die Fluggäste mit der Staatsangehörigkeit {nationality}."),
            "es": ("¿Cuántos pasajeros tienen la nacionalidad {nationality}?",
                   "Cuenta los pasajeros cuya nacionalidad es {nationality}."),
            "fr": ("Combien de passagers sont de nationalité {nationality} ?",
                   "Comptez les passagers dont la nationalité est {nationality}."),
            "ja": ("国籍が{nationality}の乗客は何人いますか？", "{nationality}国籍の乗客の数を数えてください。"),
            "vi": ("Có bao nhiêu hành khách mang quốc tịch {nationality}?", "Đếm số hành khách có quốc tịch là {nationality}."),
            "zh": ("国籍为{nationality}的乘客有多少人？", "统计{nationality}籍乘客的人数。"),
        },
    ),
    Template(
        sql="SELECT flight_number FROM flights WHERE duration_minutes > {minutes}",
        slots={"minutes": "SELECT duration_minutes FROM flights WHERE duration_minutes < "
                          "(SELECT max(duration_minutes) FROM flights)"},
        n=3,
        questions={
            "en": ("Which flights take longer than {minutes} minutes?",
                   "List the flight numbers of flights lasting more than {minutes} minutes."),
            "de": ("Welche Flüge dauern länger als {minutes} Minuten?",
                   "Nenne die Flugnummern der Flüge, die mehr als {minutes} Minuten dauern."),
            "es": ("¿Qué vuelos duran más de {minutes} minutos?",
                   "Enumera los números de los vuelos con una duración superior a {minutes} minutos."),
            "fr": ("Quels vols durent plus de {minutes} minutes ?",
                   "Donnez les numéros des vols dont la durée dépasse {minutes} minutes."),
            "ja": ("所要時間が{minutes}分を超えるフライトはどれですか？", "{minutes}分より長くかかる便の便名を挙げてください。"),
            "vi": ("Những chuyến bay nào kéo dài hơn {minutes} phút?",
                   "Liệt kê số hiệu các chuyến bay có thời gian bay trên {minutes} phút."),
            "zh": ("哪些航班的飞行时间超过{minutes}分钟？", "列出飞行时长多于{minutes}分钟的航班号。"),
        },
    ),
    Template(
        sql="SELECT name FROM airlines ORDER BY founded_year",
        questions={
            "en": ("List all airlines from the oldest to the newest.", "Show the airline names ordered by founding year."),
            "de": ("Liste alle Fluggesellschaften von der ältesten bis zur jüngsten auf.",
                   "Zeige die Namen der Airlines, sortiert nach Gründungsjahr."),
            "es": ("Enumera todas las aerolíneas de la más antigua a la más reciente.",
                   "Muestra los nombres de las aerolíneas ordenados por año de fundación."),
            "fr": ("Listez toutes les compagnies aériennes, de la plus ancienne à la plus récente.",
                   "Affichez le nom des compagnies aériennes triées par année de fondation."),
            "ja": ("すべての航空会社を古い順に挙げてください。", "航空会社の名前を設立年順に表示してください。"),
            "vi": ("Liệt kê tất cả các hãng hàng không từ lâu đời nhất đến mới nhất.",
                   "Hiển thị tên các hãng hàng không theo thứ tự năm thành lập."),
            "zh": ("按从最老到最新的顺序列出所有航空公司。", "按成立年份顺序显示航空公司名称。"),
        },
    ),
    # ---- medium ----
    Template(
        sql="SELECT T1.flight_number FROM flights AS T1 JOIN airlines AS T2 ON T1.airline_id = T2.airline_id "
            "WHERE T2.name = '{airline}'",
        slots={"airline": _AIRLINE_WITH_FLIGHTS},
        n=4,
        questions={
            "en": ("What are the flight numbers of all flights operated by {airline}?", "Which flights does {airline} operate?"),
            "de": ("Wie lauten die Flugnummern aller Flüge von {airline}?", "Welche Flüge führt {airline} durch?"),
            "es": ("¿Cuáles son los números de todos los vuelos operados por {airline}?", "¿Qué vuelos opera {airline}?"),
            "fr": ("Quels sont les numéros de tous les vols opérés par {airline} ?",
                   "Quels vols la compagnie {airline} assure-t-elle ?"),
            "ja": ("{airline}が運航するすべての便の便名は何ですか？", "{airline}はどの便を運航していますか？"),
            "vi": ("Số hiệu của tất cả các chuyến bay do {airline} khai thác là gì?", "{airline} khai thác những chuyến bay nào?"),
            "zh": ("{airline}运营的所有航班的航班号是什么？", "{airline}执飞哪些航班？"),
        },
    ),
    Template(
        sql="SELECT seat_class, count(*) FROM bookings GROUP BY seat_class",
        questions={
            "en": ("How many bookings are there in each seat class?", "Show every seat class with its number of bookings."),
            "de": ("Wie viele Buchungen gibt es in jeder Sitzklasse?", "Zeige jede Beförderungsklasse mit der Zahl ihrer Buchungen."),
            "es": ("¿Cuántas reservas hay en cada clase de asiento?", "Muestra cada clase de asiento con su número de reservas."),
            "fr": ("Combien de réservations y a-t-il dans chaque classe ?",
                   "Affichez chaque classe de siège avec son nombre de réservations."),
            "ja": ("座席クラスごとの予約数はいくつですか？", "各座席クラスとその予約件数を表示してください。"),
            "vi": ("Mỗi hạng ghế có bao nhiêu lượt đặt chỗ?", "Hiển thị từng hạng ghế cùng số lượt đặt chỗ của hạng đó."),
            "zh": ("每个座位等级各有多少个预订？", "显示每个舱位等级及其预订数量。"),
        },
    ),
    Template(
        sql="SELECT flight_number, price FROM flights ORDER BY price LIMIT 5",
        questions={
            "en": ("What are the five cheapest flights and their prices?",
                   "Show the flight numbers and prices of the 5 lowest-priced flights."),
            "de": ("Welches sind die fünf günstigsten Flüge und was kosten sie?",
                   "Zeige Flugnummer und Preis der 5 billigsten Flüge."),
            "es": ("¿Cuáles son los cinco vuelos más baratos y sus precios?",
                   "Muestra el número y el precio de los 5 vuelos de menor precio."),
            "fr": ("Quels sont les cinq vols les moins chers et leurs prix ?",
                   "Affichez le numéro et le prix des 5 vols les moins chers."),
            "ja": ("最も安い5つのフライトとその料金は何ですか？", "料金が安い順に5便の便名と料金を表示してください。"),
            "vi": ("Năm chuyến bay rẻ nhất là những chuyến nào và giá bao nhiêu?",
                   "Hiển thị số hiệu và giá vé của 5 chuyến bay có giá thấp nhất."),
            "zh": ("最便宜的五个航班是哪些？价格分别是多少？", "显示价格最低的5个航班的航班号和价格。"),
        },
    ),
    Template(
        sql="SELECT T2.city FROM flights AS T1 JOIN airports AS T2 ON T1.destination = T2.airport_code "
            "WHERE T1.flight_number = '{flight_number}'",
        slots={"flight_number": "SELECT flight_number FROM flights"},
        n=3,
        questions={
            "en": ("To which city does flight {flight_number} go?", "What is the destination city of flight {flight_number}?"),
            "de": ("In welche Stadt fliegt der Flug {flight_number}?", "Was ist die Zielstadt des Flugs {flight_number}?"),
            "es": ("¿A qué ciudad va el vuelo {flight_number}?", "¿Cuál es la ciudad de destino del vuelo {flight_number}?"),
            "fr": ("Vers quelle ville le vol {flight_number} se dirige-t-il ?",
                   "Quelle est la ville de destination du vol {flight_number} ?"),
            "ja": ("{flight_number}便はどの都市へ行きますか？", "{flight_number}便の目的地の都市はどこですか？"),
            "vi": ("Chuyến bay {flight_number} bay đến thành phố nào?", "Thành phố đến của chuyến bay {flight_number} là gì?"),
            "zh": ("{flight_number}航班飞往哪个城市？", "航班{flight_number}的目的地城市是哪里？"),
        },
    ),
    Template(
        sql="SELECT first_name, last_name FROM passengers WHERE nationality = '{nationality}'",
        slots={"nationality": _NATIONALITY},
        n=3,
        questions={
            "en": ("What are the full names of the {nationality} passengers?",
                   "List the first and last names of passengers with nationality {nationality}."),
            "de": ("Wie lauten die vollständigen Namen der Passagiere mit der Nationalität {nationality}?",
                   "Nenne Vor- und Nachnamen der Fluggäste, deren Staatsangehörigkeit {nationality} ist."),
            "es": ("¿Cuáles son los nombres completos de los pasajeros de nacionalidad {nationality}?",
                   "Enumera el nombre y el apellido de los pasajeros con nacionalidad {nationality}."),
            "fr": ("Quels sont les noms complets des passagers de nationalité {nationality} ?",
                   "Donnez le prénom et le nom des passagers dont la nationalité est {nationality}."),
            "ja": ("国籍が{nationality}の乗客のフルネームは何ですか？", "{nationality}国籍の乗客の名と姓を挙げてください。"),
            "vi": ("Họ tên đầy đủ của các hành khách quốc tịch {nationality} là gì?",
                   "Liệt kê tên và họ của những hành khách có quốc tịch {nationality}."),
            "zh": ("{nationality}籍乘客的全名是什么？", "列出国籍为{nationality}的乘客的名和姓。"),
        },
    ),
    Template(
        sql="SELECT min(price), max(price) FROM flights WHERE destination = '{destination}'",
        slots={"destination": "SELECT DISTINCT destination FROM flights"},
        n=3,
        questions={
            "en": ("What are the lowest and highest prices of flights to {destination}?",
                   "Give the minimum and maximum fare of flights whose destination is {destination}."),
            "de": ("Was sind der niedrigste und der höchste Preis für Flüge nach {destination}?",
                   "Gib den minimalen und maximalen Flugpreis der Flüge mit dem Ziel {destination} an."),
            "es": ("¿Cuáles son el precio más bajo y el más alto de los vuelos a {destination}?",
                   "Indica la tarifa mínima y máxima de los vuelos cuyo destino es {destination}."),
            "fr": ("Quels sont le prix le plus bas et le prix le plus élevé des vols à destination de l'aéroport {destination} ?",
                   "Donnez le tarif minimal et maximal des vols dont la destination est {destination}."),
            "ja": ("{destination}行きのフライトの最低料金と最高料金はいくらですか？",
                   "目的地が{destination}の便について、料金の最小値と最大値を求めてください。"),
            "vi": ("Giá vé thấp nhất và cao nhất của các chuyến bay đến {destination} là bao nhiêu?",
                   "Cho biết giá vé tối thiểu và tối đa của những chuyến bay có điểm đến là {destination}."),
            "zh": ("飞往{destination}的航班最低价和最高价分别是多少？", "给出目的地为{destination}的航班票价的最小值和最大值。"),
        },
    ),
    Template(
        sql="SELECT T2.name, count(*) FROM flights AS T1 JOIN airlines AS T2 ON T1.airline_id = T2.airline_id "
            "GROUP BY T2.name",
        questions={
            "en": ("How many flights does each airline operate?", "Show each airline name with its number of flights."),
            "de": ("Wie viele Flüge betreibt jede Fluggesellschaft?",
                   "Zeige jede Fluggesellschaft zusammen mit der Anzahl ihrer Flüge."),
            "es": ("¿Cuántos vuelos opera cada aerolínea?", "Muestra el nombre de cada aerolínea con su número de vuelos."),
            "fr": ("Combien de vols chaque compagnie aérienne opère-t-elle ?",
                   "Affichez le nom de chaque compagnie avec son nombre de vols."),
            "ja": ("各航空会社はいくつの便を運航していますか？", "航空会社ごとに名前と便数を表示してください。"),
            "vi": ("Mỗi hãng hàng không khai thác bao nhiêu chuyến bay?",
                   "Hiển thị tên từng hãng hàng không cùng số chuyến bay của hãng."),
            "zh": ("每家航空公司运营多少个航班？", "显示每家航空公司的名称及其航班数量。"),
        },
    ),
    # ---- hard ----
    Template(
        sql="SELECT flight_number FROM flights WHERE price > (SELECT avg(price) FROM flights)",
        questions={
            "en": ("Which flights are more expensive than the average flight?",
                   "List the flight numbers of flights priced above the average price."),
            "de": ("Welche Flüge sind teurer als der Durchschnitt?",
                   "Nenne die Flugnummern der Flüge, deren Preis über dem Durchschnittspreis liegt."),
            "es": ("¿Qué vuelos son más caros que el vuelo promedio?",
                   "Enumera los números de los vuelos cuyo precio supera el precio medio."),
            "fr": ("Quels vols sont plus chers que la moyenne ?",
                   "Donnez les numéros des vols dont le prix est supérieur au prix moyen."),
            "ja": ("平均より料金が高いフライトはどれですか？", "料金が平均料金を上回る便の便名を挙げてください。"),
            "vi": ("Những chuyến bay nào đắt hơn mức trung bình?",
                   "Liệt kê số hiệu các chuyến bay có giá cao hơn giá trung bình."),
            "zh": ("哪些航班比平均票价贵？", "列出票价高于平均价格的航班号。"),
        },
    ),
    Template(
        sql="SELECT count(*) FROM passengers WHERE passenger_id IN "
            "(SELECT passenger_id FROM bookings WHERE seat_class = '{seat_class}')",
        slots={"seat_class": "SELECT DISTINCT seat_class FROM bookings"},
        n=3,
        questions={
            "en": ("How many passengers have booked at least one seat in {seat_class}?",
                   "Count the passengers who have a {seat_class} booking."),
            "de": ("Wie viele Passagiere haben mindestens einmal einen Platz in der Klasse {seat_class} gebucht?",
                   "Zähle die Fluggäste, die eine Buchung in {seat_class} haben."),
            "es": ("¿Cuántos pasajeros han reservado al menos un asiento en {seat_class}?",
                   "Cuenta los pasajeros que tienen alguna reserva en clase {seat_class}."),
            "fr": ("Combien de passagers ont réservé au moins une place en {seat_class} ?",
                   "Comptez les passagers qui ont une réservation en classe {seat_class}."),
            "ja": ("{seat_class}の座席を1回以上予約した乗客は何人いますか？",
                   "{seat_class}クラスの予約を持つ乗客の数を数えてください。"),
            "vi": ("Có bao nhiêu hành khách đã đặt ít nhất một ghế hạng {seat_class}?",
                   "Đếm số hành khách có lượt đặt chỗ ở hạng {seat_class}."),
            "zh": ("有多少乘客至少预订过一次{seat_class}舱位？", "统计有{seat_class}舱预订的乘客人数。"),
        },
    ),
    Template(
        sql="SELECT flight_number FROM flights WHERE origin = '{origin}' ORDER BY duration_minutes DESC LIMIT 1",
        slots={"origin": _ORIGIN},
        n=3,
        questions={
            "en": ("What is the longest flight departing from {origin}?",
                   "Give the flight number of the flight from {origin} with the longest duration."),
            "de": ("Welches ist der längste Flug ab {origin}?",
                   "Gib die Flugnummer des Flugs ab {origin} mit der längsten Flugdauer an."),
            "es": ("¿Cuál es el vuelo más largo que sale de {origin}?",
                   "Indica el número del vuelo con origen en {origin} que tiene la mayor duración."),
            "fr": ("Quel est le vol le plus long au départ de l'aéroport {origin} ?",
                   "Donnez le numéro du vol partant de l'aéroport {origin} dont la durée est la plus longue."),
            "ja": ("{origin}発で最も長いフライトはどれですか？", "{origin}を出発する便のうち、所要時間が最長の便の便名を答えてください。"),
            "vi": ("Chuyến bay dài nhất khởi hành từ {origin} là chuyến nào?",
                   "Cho biết số hiệu của chuyến bay từ {origin} có thời gian bay dài nhất."),
            "zh": ("从{origin}出发的最长航班是哪一个？", "给出从{origin}起飞、飞行时间最长的航班号。"),
        },
    ),
    Template(
        sql="SELECT T1.flight_number, T1.departure_date FROM flights AS T1 JOIN airports AS T2 "
            "ON T1.destination = T2.airport_code WHERE T2.city = '{city}' ORDER BY T1.departure_date",
        slots={"city": "SELECT DISTINCT T2.city FROM flights AS T1 JOIN airports AS T2 "
                       "ON T1.destination = T2.airport_code"},
        n=3,
        questions={
            "en": ("List the flight numbers and departure dates of flights to {city}, earliest first.",
                   "Which flights go to {city} and when do they depart? Sort by departure date."),
            "de": ("Liste Flugnummern und Abflugdaten der Flüge nach {city} auf, die frühesten zuerst.",
                   "Welche Flüge gehen nach {city} und wann starten sie? Sortiere nach dem Abflugdatum."),
            "es": ("Enumera los números y las fechas de salida de los vuelos a {city}, empezando por el más próximo.",
                   "¿Qué vuelos van a {city} y cuándo salen? Ordena por fecha de salida."),
            "fr": ("Donnez les numéros et les dates de départ des vols vers {city}, du plus tôt au plus tard.",
                   "Quels vols desservent {city} et quand partent-ils ? Triez par date de départ."),
            "ja": ("{city}行きの便の便名と出発日を、早い順に挙げてください。",
                   "{city}へ向かう便はどれで、いつ出発しますか？出発日順に並べてください。"),
            "vi": ("Liệt kê số hiệu và ngày khởi hành của các chuyến bay đến {city}, sớm nhất trước.",
                   "Những chuyến bay nào bay đến {city} và khởi hành khi nào? Sắp xếp theo ngày khởi hành."),
            "zh": ("按出发日期从早到晚列出飞往{city}的航班号和出发日期。", "哪些航班飞往{city}？何时出发？按出发日期排序。"),
        },
    ),
    Template(
        sql="SELECT name FROM airlines WHERE airline_id NOT IN (SELECT airline_id FROM flights WHERE origin = '{origin}')",
        slots={"origin": _ORIGIN},
        n=3,
        questions={
            "en": ("Which airlines have no flights departing from {origin}?",
                   "List the airlines that do not operate any flight out of {origin}."),
            "de": ("Welche Fluggesellschaften haben keine Flüge ab {origin}?",
                   "Nenne die Airlines, die keinen einzigen Flug mit Abflug in {origin} anbieten."),
            "es": ("¿Qué aerolíneas no tienen vuelos que salgan de {origin}?",
                   "Enumera las aerolíneas que no operan ningún vuelo desde {origin}."),
            "fr": ("Quelles compagnies aériennes n'ont aucun vol au départ de l'aéroport {origin} ?",
                   "Donnez les compagnies qui n'opèrent aucun vol partant de l'aéroport {origin}."),
            "ja": ("{origin}発の便を持たない航空会社はどれですか？", "{origin}から出発する便を一つも運航していない航空会社を挙げてください。"),
            "vi": ("Những hãng hàng không nào không có chuyến bay khởi hành từ {origin}?",
                   "Liệt kê các hãng không khai thác chuyến bay nào xuất phát từ {origin}."),
            "zh": ("哪些航空公司没有从{origin}出发的航班？", "列出没有任何航班从{origin}起飞的航空公司。"),
        },
    ),
    Template(
        sql="SELECT destination, count(*) FROM flights GROUP BY destination ORDER BY count(*) DESC LIMIT 1",
        questions={
            "en": ("Which destination airport has the most flights, and how many?",
                   "Find the most frequent flight destination together with its number of flights."),
            "de": ("Welcher Zielflughafen wird am häufigsten angeflogen und wie oft?",
                   "Finde das häufigste Flugziel zusammen mit der Anzahl der Flüge dorthin."),
            "es": ("¿Qué aeropuerto de destino tiene más vuelos y cuántos?",
                   "Encuentra el destino más frecuente junto con su número de vuelos."),
            "fr": ("Quel aéroport de destination reçoit le plus de vols, et combien ?",
                   "Trouvez la destination la plus fréquente ainsi que son nombre de vols."),
            "ja": ("最も多くの便が向かう到着空港はどこで、何便ありますか？", "最も頻繁な目的地とその便数を求めてください。"),
            "vi": ("Sân bay đến nào có nhiều chuyến bay nhất và bao nhiêu chuyến?",
                   "Tìm điểm đến phổ biến nhất cùng với số chuyến bay đến đó."),
            "zh": ("哪个目的地机场的航班最多？有多少个？", "找出最常见的航班目的地及其航班数量。"),
        },
    ),
    # ---- extra ----
    Template(
        sql="SELECT T1.first_name, T1.last_name FROM passengers AS T1 JOIN bookings AS T2 "
            "ON T1.passenger_id = T2.passenger_id GROUP BY T1.passenger_id ORDER BY count(*) DESC LIMIT 1",
        questions={
            "en": ("Which passenger has made the most bookings? Give the first and last name.",
                   "What is the full name of the passenger with the largest number of bookings?"),
            "de": ("Welcher Passagier hat die meisten Buchungen vorgenommen? Nenne Vor- und Nachnamen.",
                   "Wie heißt der Fluggast mit der größten Zahl an Buchungen?"),
            "es": ("¿Qué pasajero ha hecho más reservas? Indica el nombre y el apellido.",
                   "¿Cuál es el nombre completo del pasajero con el mayor número de reservas?"),
            "fr": ("Quel passager a effectué le plus de réservations ? Donnez son prénom et son nom.",
                   "Quel est le nom complet du passager ayant le plus grand nombre de réservations ?"),
            "ja": ("最も多く予約した乗客は誰ですか？名と姓を答えてください。", "予約件数が最も多い乗客の氏名は何ですか？"),
            "vi": ("Hành khách nào đã đặt chỗ nhiều nhất? Cho biết tên và họ.",
                   "Họ tên đầy đủ của hành khách có số lượt đặt chỗ lớn nhất là gì?"),
            "zh": ("哪位乘客的预订次数最多？给出名和姓。", "预订数量最多的乘客的全名是什么？"),
        },
    ),
    Template(
        sql="SELECT DISTINCT T1.first_name, T1.last_name FROM passengers AS T1 JOIN bookings AS T2 "
            "ON T1.passenger_id = T2.passenger_id JOIN flights AS T3 ON T2.flight_id = T3.flight_id "
            "JOIN airlines AS T4 ON T3.airline_id = T4.airline_id WHERE T4.name = '{airline}'",
        slots={"airline": "SELECT DISTINCT T4.name FROM bookings AS T2 JOIN flights AS T3 "
                          "ON T2.flight_id = T3.flight_id JOIN airlines AS T4 ON T3.airline_id = T4.airline_id"},
        n=3,
        questions={
            "en": ("Which passengers have booked a flight with {airline}? Give their full names.",
                   "List the distinct first and last names of passengers who flew with {airline}."),
            "de": ("Welche Passagiere haben einen Flug bei {airline} gebucht? Nenne ihre vollständigen Namen.",
                   "Liste Vor- und Nachnamen der Fluggäste ohne Duplikate auf, die mit {airline} geflogen sind."),
            "es": ("¿Qué pasajeros han reservado un vuelo con {airline}? Indica sus nombres completos.",
                   "Enumera sin repetir el nombre y el apellido de los pasajeros que volaron con {airline}."),
            "fr": ("Quels passagers ont réservé un vol avec {airline} ? Donnez leurs noms complets.",
                   "Donnez, sans doublons, le prénom et le nom des passagers ayant voyagé avec {airline}."),
            "ja": ("{airline}の便を予約した乗客は誰ですか？フルネームを答えてください。",
                   "{airline}を利用した乗客の名と姓を重複なく挙げてください。"),
            "vi": ("Những hành khách nào đã đặt chuyến bay của {airline}? Cho biết họ tên đầy đủ.",
                   "Liệt kê không trùng lặp tên và họ của các hành khách đã bay với {airline}."),
            "zh": ("哪些乘客预订过{airline}的航班？给出他们的全名。", "不重复地列出乘坐过{airline}航班的乘客的名和姓。"),
        },
    ),
    Template(
        sql="SELECT T2.name FROM flights AS T1 JOIN airlines AS T2 ON T1.airline_id = T2.airline_id "
            "WHERE T1.origin = '{airport}' INTERSECT SELECT T2.name FROM flights AS T1 JOIN airlines AS T2 "
            "ON T1.airline_id = T2.airline_id WHERE T1.destination = '{airport}'",
        slots={"airport": "SELECT DISTINCT T1.origin FROM flights AS T1 JOIN flights AS T2 "
                          "ON T1.origin = T2.destination AND T1.airline_id = T2.airline_id"},
        n=2,
        questions={
            "en": ("Which airlines fly both from and to {airport}?",
                   "List the airlines that have flights departing from {airport} and also flights arriving at {airport}."),
            "de": ("Welche Fluggesellschaften fliegen sowohl von {airport} ab als auch nach {airport}?",
                   "Nenne die Airlines, die Flüge ab {airport} und zugleich Flüge nach {airport} anbieten."),
            "es": ("¿Qué aerolíneas vuelan tanto desde {airport} como hacia {airport}?",
                   "Enumera las aerolíneas que tienen vuelos con salida de {airport} y también vuelos con llegada a {airport}."),
            "fr": ("Quelles compagnies aériennes ont à la fois des vols au départ de l'aéroport {airport} et des vols à destination de "
                   "cet aéroport ?",
                   "Donnez les compagnies qui ont des vols partant de l'aéroport {airport} ainsi que des vols arrivant à {airport}."),
            "ja": ("{airport}発と{airport}着の両方の便を運航している航空会社はどれですか？",
                   "{airport}を出発する便と{airport}に到着する便の両方を持つ航空会社を挙げてください。"),
            "vi": ("Những hãng hàng không nào có cả chuyến bay đi từ {airport} lẫn chuyến bay đến {airport}?",
                   "Liệt kê các hãng có chuyến bay khởi hành từ {airport} và cũng có chuyến bay hạ cánh tại {airport}."),
            "zh": ("哪些航空公司既有从{airport}出发的航班，也有飞往{airport}的航班？",
                   "列出同时运营{airport}出港航班和{airport}进港航班的航空公司。"),
        },
    ),
    Template(
        sql="SELECT T1.flight_number FROM flights AS T1 JOIN airlines AS T2 ON T1.airline_id = T2.airline_id "
            "WHERE T2.country = '{country}' AND T1.price < (SELECT avg(price) FROM flights)",
        slots={"country": "SELECT DISTINCT T2.country FROM flights AS T1 JOIN airlines AS T2 "
                          "ON T1.airline_id = T2.airline_id WHERE T1.price < (SELECT avg(price) FROM flights)"},
        n=2,
        questions={
            "en": ("Which flights of airlines based in {country} are cheaper than the average flight?",
                   "List the flight numbers operated by {country} airlines with a price below the average price of "
                   "all flights."),
            "de": ("Welche Flüge von Fluggesellschaften aus {country} sind billiger als der Durchschnitt?",
                   "Nenne die Flugnummern der Airlines aus {country}, deren Preis unter dem Durchschnittspreis aller "
                   "Flüge liegt."),
            "es": ("¿Qué vuelos de aerolíneas con sede en {country} son más baratos que el vuelo promedio?",
                   "Enumera los números de vuelo de las aerolíneas de {country} cuyo precio es inferior al precio "
                   "medio de todos los vuelos."),
            "fr": ("Quels vols des compagnies basées dans le pays {country} sont moins chers que la moyenne ?",
                   "Donnez les numéros des vols opérés par des compagnies du pays {country} dont le prix est "
                   "inférieur au prix moyen de tous les vols."),
            "ja": ("{country}の航空会社の便のうち、平均より安いものはどれですか？",
                   "{country}に拠点を置く航空会社が運航し、料金が全便の平均を下回る便の便名を挙げてください。"),
            "vi": ("Những chuyến bay nào của các hãng hàng không có trụ sở tại {country} rẻ hơn mức trung bình?",
                   "Liệt kê số hiệu các chuyến bay của hãng hàng không thuộc {country} có giá thấp hơn giá trung "
                   "bình của mọi chuyến bay."),
            "zh": ("总部位于{country}的航空公司有哪些航班比平均票价便宜？",
                   "列出{country}航空公司运营的、票价低于所有航班平均价的航班号。"),
        },
    ),
    Template(
        sql="SELECT T2.name FROM flights AS T1 JOIN airlines AS T2 ON T1.airline_id = T2.airline_id "
            "GROUP BY T2.name HAVING count(*) >= {k} ORDER BY avg(T1.price) DESC LIMIT 1",
        slots={"k": "SELECT count(*) FROM flights GROUP BY airline_id"},
        n=2,
        questions={
            "en": ("Among airlines with at least {k} flights, which one has the highest average ticket price?",
                   "Of the airlines operating {k} or more flights, find the one whose flights cost the most on average."),
            "de": ("Welche der Fluggesellschaften mit mindestens {k} Flügen hat den höchsten durchschnittlichen "
                   "Ticketpreis?",
                   "Finde unter den Airlines, die {k} oder mehr Flüge anbieten, diejenige, deren Flüge im Schnitt am "
                   "teuersten sind."),
            "es": ("Entre las aerolíneas con al menos {k} vuelos, ¿cuál tiene el precio medio de billete más alto?",
                   "De las aerolíneas que operan {k} vuelos o más, encuentra aquella cuyos vuelos cuestan más en "
                   "promedio."),
            "fr": ("Parmi les compagnies qui ont au moins {k} vols, laquelle a le prix moyen du billet le plus élevé ?",
                   "Parmi les compagnies opérant {k} vols ou plus, trouvez celle dont les vols coûtent le plus cher en "
                   "moyenne."),
            "ja": ("便数が{k}以上の航空会社のうち、平均運賃が最も高いのはどこですか？",
                   "{k}便以上を運航する航空会社の中から、平均料金が最も高い会社を求めてください。"),
            "vi": ("Trong số các hãng hàng không có ít nhất {k} chuyến bay, hãng nào có giá vé trung bình cao nhất?",
                   "Trong các hãng khai thác từ {k} chuyến bay trở lên, hãy tìm hãng có giá vé trung bình đắt nhất."),
            "zh": ("在至少有{k}个航班的航空公司中，哪家的平均票价最高？", "在运营{k}个及以上航班的航空公司中，找出平均票价最贵的一家。"),
        },
    ),
    Template(
        sql="SELECT T2.city FROM flights AS T1 JOIN airports AS T2 ON T1.destination = T2.airport_code "
            "GROUP BY T2.city ORDER BY avg(T1.price) DESC LIMIT 1",
        questions={
            "en": ("Which destination city has the highest average flight price?",
                   "Find the city that is, on average, the most expensive to fly to."),
            "de": ("Welche Zielstadt hat den höchsten durchschnittlichen Flugpreis?",
                   "Finde die Stadt, in die man im Durchschnitt am teuersten fliegt."),
            "es": ("¿Qué ciudad de destino tiene el precio medio de vuelo más alto?",
                   "Encuentra la ciudad a la que, en promedio, resulta más caro volar."),
            "fr": ("Quelle ville de destination a le prix moyen de vol le plus élevé ?",
                   "Trouvez la ville vers laquelle il est en moyenne le plus cher de voler."),
            "ja": ("平均運賃が最も高い目的地の都市はどこですか？", "平均して最も航空運賃が高くつく行き先の都市を求めてください。"),
            "vi": ("Thành phố đến nào có giá vé máy bay trung bình cao nhất?",
                   "Tìm thành phố mà trung bình bay đến đó là đắt nhất."),
            "zh": ("哪个目的地城市的平均机票价格最高？", "找出平均而言飞往费用最高的城市。"),
        },
    ),
)

DOMAIN = Domain(db_id="flight_booking", split="train", schema_sql=SCHEMA_SQL, populate=populate, templates=TEMPLATES)
