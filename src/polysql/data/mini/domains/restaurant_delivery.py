"""Train domain ``restaurant_delivery``: restaurants, cuisines, couriers, customers and deliveries."""

from __future__ import annotations

import random
import sqlite3
from datetime import date, timedelta

from polysql.data.mini.template import Domain, Template

SCHEMA_SQL = """
CREATE TABLE cuisine (
    cuisine_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    origin_country TEXT NOT NULL
);
CREATE TABLE restaurant (
    restaurant_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    cuisine_id INTEGER NOT NULL,
    city TEXT NOT NULL,
    rating REAL NOT NULL,
    price_level INTEGER NOT NULL,
    opened_year INTEGER NOT NULL,
    FOREIGN KEY (cuisine_id) REFERENCES cuisine (cuisine_id)
);
CREATE TABLE courier (
    courier_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    vehicle TEXT NOT NULL,
    city TEXT NOT NULL,
    hire_date TEXT NOT NULL,
    hourly_wage REAL NOT NULL
);
CREATE TABLE customer (
    customer_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    city TEXT NOT NULL,
    email TEXT NOT NULL,
    signup_date TEXT NOT NULL,
    is_premium INTEGER NOT NULL
);
CREATE TABLE delivery (
    delivery_id INTEGER PRIMARY KEY,
    restaurant_id INTEGER NOT NULL,
    customer_id INTEGER NOT NULL,
    courier_id INTEGER NOT NULL,
    order_date TEXT NOT NULL,
    total_amount REAL NOT NULL,
    distance_km REAL NOT NULL,
    duration_minutes INTEGER NOT NULL,
    tip REAL NOT NULL,
    status TEXT NOT NULL,
    FOREIGN KEY (restaurant_id) REFERENCES restaurant (restaurant_id),
    FOREIGN KEY (customer_id) REFERENCES customer (customer_id),
    FOREIGN KEY (courier_id) REFERENCES courier (courier_id)
);
"""

_CUISINES = (
    ("Italian", "Italy"), ("Japanese", "Japan"), ("Mexican", "Mexico"), ("Indian", "India"),
    ("Thai", "Thailand"), ("Chinese", "China"), ("French", "France"), ("Greek", "Greece"),
    ("Lebanese", "Lebanon"), ("Korean", "South Korea"), ("Vietnamese", "Vietnam"), ("Spanish", "Spain"),
    ("Turkish", "Turkey"), ("Ethiopian", "Ethiopia"), ("Brazilian", "Brazil"), ("American", "United States"),
    ("Moroccan", "Morocco"), ("Peruvian", "Peru"), ("German", "Germany"), ("Jamaican", "Jamaica"),
    ("Indonesian", "Indonesia"), ("Filipino", "Philippines"),
)

# (restaurant name, cuisine name); the last six cuisines above deliberately have no restaurant.
_RESTAURANTS = (
    ("Trattoria Bella Roma", "Italian"), ("Luigi Pizza Kitchen", "Italian"), ("Pasta Fresca", "Italian"),
    ("Sakura Sushi Bar", "Japanese"), ("Ramen House Kenji", "Japanese"), ("El Camino Taqueria", "Mexican"),
    ("Casa Oaxaca", "Mexican"), ("Spice Route", "Indian"), ("Bombay Tandoor", "Indian"),
    ("Bangkok Garden", "Thai"), ("Lotus Thai Kitchen", "Thai"), ("Golden Dragon", "Chinese"),
    ("Dim Sum Palace", "Chinese"), ("Le Petit Bistro", "French"), ("Olive Grove Taverna", "Greek"),
    ("Cedars of Beirut", "Lebanese"), ("Seoul Kitchen", "Korean"), ("Pho Saigon", "Vietnamese"),
    ("Tapas y Vino", "Spanish"), ("Istanbul Grill", "Turkish"), ("Blue Nile Cafe", "Ethiopian"),
    ("Rio Churrascaria", "Brazilian"), ("Liberty Burger Co", "American"), ("Smokehouse BBQ", "American"),
    ("Napoli Express", "Italian"), ("Tokyo Bento", "Japanese"), ("Curry Leaf", "Indian"),
    ("Green Papaya", "Vietnamese"), ("Mezze Corner", "Lebanese"), ("Taco Loco", "Mexican"),
)

_CITIES = ("Boston", "Chicago", "Seattle", "Denver", "Austin", "Portland")
_VEHICLES = ("bicycle", "scooter", "car", "motorbike")

_FIRST_NAMES = (
    "James", "Mary", "Robert", "Patricia", "Michael", "Jennifer", "David", "Linda", "William", "Emily",
    "Daniel", "Sarah", "Matthew", "Jessica", "Anthony", "Karen", "Mark", "Nancy", "Steven", "Laura",
    "Andrew", "Olivia", "Joshua", "Sophia", "Kevin", "Grace", "Brian", "Chloe", "Ryan", "Hannah",
    "Jacob", "Megan", "Nathan", "Rachel", "Tyler", "Amber", "Ethan", "Natalie", "Lucas", "Victoria",
)
_LAST_NAMES = (
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
    "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White",
    "Harris", "Clark", "Lewis", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Green",
    "Baker", "Adams", "Nelson", "Hill", "Campbell", "Mitchell", "Roberts", "Carter", "Phillips", "Evans",
)

_NUM_COURIERS = 24
_NEW_COURIERS = 3  # hired after the last order date, so they have no deliveries yet
_NUM_CUSTOMERS = 40


def _unique_names(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    names: list[str] = []
    while len(names) < count:
        name = f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}"
        if name not in taken:
            taken.add(name)
            names.append(name)
    return names


def _random_date(rng: random.Random, start: date, end: date) -> str:
    return (start + timedelta(days=rng.randint(0, (end - start).days))).isoformat()


def populate(conn: sqlite3.Connection, rng: random.Random) -> None:
    """Insert cuisines, restaurants, couriers, customers and about 190 deliveries."""
    cuisine_ids = {name: i for i, (name, _) in enumerate(_CUISINES, start=1)}
    conn.executemany(
        "INSERT INTO cuisine VALUES (?, ?, ?)",
        [(i, name, country) for i, (name, country) in enumerate(_CUISINES, start=1)],
    )

    # Uneven city sizes (7, 6, 5, 5, 4, 3); ratings are distinct so "best rated" has one answer.
    restaurant_cities = [city for city, k in zip(_CITIES, (7, 6, 5, 5, 4, 3)) for _ in range(k)]
    rng.shuffle(restaurant_cities)
    ratings = [r / 100 for r in rng.sample(range(320, 496), len(_RESTAURANTS))]
    restaurants = []
    for i, ((name, cuisine), city, rating) in enumerate(zip(_RESTAURANTS, restaurant_cities, ratings), start=1):
        restaurants.append((i, name, cuisine_ids[cuisine], city, rating, rng.randint(1, 4), rng.randint(2005, 2023)))
    conn.executemany("INSERT INTO restaurant VALUES (?, ?, ?, ?, ?, ?, ?)", restaurants)

    taken: set[str] = set()
    courier_names = _unique_names(rng, _NUM_COURIERS, taken)
    wages = [w / 100 for w in rng.sample(range(1500, 2650), _NUM_COURIERS)]
    couriers = []
    for i, (name, wage) in enumerate(zip(courier_names, wages), start=1):
        new = i > _NUM_COURIERS - _NEW_COURIERS
        hired = _random_date(rng, date(2024, 7, 1), date(2024, 9, 30)) if new else _random_date(
            rng, date(2019, 1, 1), date(2023, 12, 31))
        vehicle = rng.choices(_VEHICLES, weights=(3, 4, 2, 3))[0]
        couriers.append((i, name, vehicle, _CITIES[(i - 1) % len(_CITIES)], hired, wage))
    conn.executemany("INSERT INTO courier VALUES (?, ?, ?, ?, ?, ?)", couriers)

    customer_names = _unique_names(rng, _NUM_CUSTOMERS, taken)
    customers = []
    for i, name in enumerate(customer_names, start=1):
        email = name.lower().replace(" ", ".") + f"{i}@example.com"
        city = _CITIES[(i - 1) % len(_CITIES)]
        signup = _random_date(rng, date(2020, 1, 1), date(2023, 12, 31))
        customers.append((i, name, city, email, signup, 1 if rng.random() < 0.35 else 0))
    conn.executemany("INSERT INTO customer VALUES (?, ?, ?, ?, ?, ?)", customers)

    active_couriers = {city: [c[0] for c in couriers[: _NUM_COURIERS - _NEW_COURIERS] if c[3] == city]
                       for city in _CITIES}
    city_customers = {city: [c[0] for c in customers if c[2] == city] for city in _CITIES}
    # One restaurant is clearly the busiest; every other restaurant gets 3-9 orders.
    busiest = rng.randrange(len(restaurants))
    orders = []
    for index, restaurant in enumerate(restaurants):
        for _ in range(14 if index == busiest else rng.randint(3, 9)):
            orders.append(restaurant)
    rng.shuffle(orders)
    # One courier is guaranteed to have both a cancelled and a refunded delivery.
    flagged_courier = rng.choice(active_couriers[rng.choice(_CITIES)])
    forced_statuses = ["cancelled", "refunded"]
    deliveries = []
    for delivery_id, restaurant in enumerate(orders, start=1):
        city = restaurant[3]
        courier_id = rng.choice(active_couriers[city])
        if forced_statuses and courier_id != flagged_courier and city == couriers[flagged_courier - 1][3]:
            courier_id = flagged_courier
        if courier_id == flagged_courier and forced_statuses:
            status = forced_statuses.pop(0)
        else:
            status = rng.choices(("delivered", "cancelled", "refunded"), weights=(82, 11, 7))[0]
        distance = round(rng.uniform(0.5, 9.5), 1)
        duration = int(10 + distance * 4 + rng.randint(0, 15))
        tip = 0.0 if status == "cancelled" else round(rng.uniform(0, 12), 2)
        deliveries.append((
            delivery_id, restaurant[0], rng.choice(city_customers[city]), courier_id,
            _random_date(rng, date(2024, 1, 1), date(2024, 6, 30)), round(rng.uniform(12, 95), 2),
            distance, duration, tip, status,
        ))
    conn.executemany("INSERT INTO delivery VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", deliveries)


_RESTAURANTS_WITH_DELIVERIES = (
    "SELECT DISTINCT T2.name FROM delivery AS T1 JOIN restaurant AS T2 ON T1.restaurant_id = T2.restaurant_id"
)

TEMPLATES = (
    # ---- easy ----
    Template(
        sql="SELECT name FROM restaurant WHERE city = '{city}'",
        slots={"city": "SELECT DISTINCT city FROM restaurant"},
        n=4,
        questions={
            "en": ("What are the names of the restaurants in {city}?", "List all restaurants located in {city}.",
                   "Which restaurants are there in {city}?"),
            "de": ("Wie heißen die Restaurants in {city}?", "Liste alle Restaurants auf, die sich in {city} befinden.",
                   "Welche Restaurants gibt es in {city}?"),
            "es": ("¿Cuáles son los nombres de los restaurantes de {city}?",
                   "Enumera todos los restaurantes que se encuentran en {city}."),
            "fr": ("Quels sont les noms des restaurants situés à {city} ?", "Donne la liste de tous les restaurants de {city}."),
            "ja": ("{city}にあるレストランの名前は何ですか？", "{city}に所在するレストランをすべて挙げてください。"),
            "vi": ("Tên của các nhà hàng ở {city} là gì?", "Liệt kê tất cả các nhà hàng nằm ở {city}."),
            "zh": ("位于{city}的餐厅都叫什么名字？", "列出{city}的所有餐厅。"),
        },
    ),
    Template(
        sql="SELECT count(*) FROM courier WHERE vehicle = '{vehicle}'",
        slots={"vehicle": "SELECT DISTINCT vehicle FROM courier"},
        n=3,
        questions={
            "en": ("How many couriers use a {vehicle}?", "Count the couriers whose vehicle is a {vehicle}."),
            "de": ("Wie viele Kuriere sind mit dem Fahrzeugtyp {vehicle} unterwegs?",
                   "Zähle die Kuriere, deren Fahrzeugtyp {vehicle} ist."),
            "es": ("¿Cuántos repartidores usan el vehículo {vehicle}?", "Cuenta los repartidores cuyo tipo de vehículo es {vehicle}."),
            "fr": ("Combien de livreurs utilisent un véhicule de type {vehicle} ?",
                   "Compte les livreurs dont le véhicule est de type {vehicle}."),
            "ja": ("移動手段が{vehicle}の配達員は何人いますか？", "{vehicle}を使っている配達員の数を数えてください。"),
            "vi": ("Có bao nhiêu người giao hàng sử dụng phương tiện {vehicle}?",
                   "Đếm số người giao hàng có loại phương tiện là {vehicle}."),
            "zh": ("使用{vehicle}的配送员有多少名？", "统计交通工具为{vehicle}的配送员人数。"),
        },
    ),
    Template(
        sql="SELECT origin_country FROM cuisine WHERE name = '{cuisine}'",
        slots={"cuisine": "SELECT name FROM cuisine"},
        n=3,
        questions={
            "en": ("Which country does {cuisine} cuisine come from?", "What is the country of origin of the {cuisine} cuisine?"),
            "de": ("Aus welchem Land stammt die Küche {cuisine}?", "Was ist das Herkunftsland der Küche {cuisine}?"),
            "es": ("¿De qué país procede la cocina {cuisine}?", "¿Cuál es el país de origen de la cocina {cuisine}?"),
            "fr": ("De quel pays vient la cuisine {cuisine} ?", "Quel est le pays d'origine de la cuisine {cuisine} ?"),
            "ja": ("{cuisine}料理の発祥国はどこですか？", "{cuisine}という料理ジャンルはどの国に由来しますか？"),
            "vi": ("Ẩm thực {cuisine} có nguồn gốc từ quốc gia nào?", "Quốc gia xuất xứ của ẩm thực {cuisine} là gì?"),
            "zh": ("{cuisine}菜系起源于哪个国家？", "{cuisine}菜系的发源国是哪里？"),
        },
    ),
    Template(
        sql="SELECT name FROM restaurant WHERE opened_year > {year}",
        slots={"year": "SELECT DISTINCT opened_year FROM restaurant "
                       "WHERE opened_year < (SELECT max(opened_year) FROM restaurant)"},
        n=2,
        questions={
            "en": ("Which restaurants opened after {year}?",
                   "Give the names of restaurants that were opened later than {year}."),
            "de": ("Welche Restaurants wurden nach {year} eröffnet?",
                   "Nenne die Namen der Restaurants, die später als {year} eröffnet wurden."),
            "es": ("¿Qué restaurantes abrieron después de {year}?",
                   "Indica los nombres de los restaurantes inaugurados con posterioridad a {year}."),
            "fr": ("Quels restaurants ont ouvert après {year} ?", "Donne les noms des restaurants inaugurés après l'année {year}."),
            "ja": ("{year}年より後に開業したレストランはどれですか？", "開店年が{year}年より後のレストランの名前を教えてください。"),
            "vi": ("Những nhà hàng nào khai trương sau năm {year}?", "Cho biết tên các nhà hàng được mở sau năm {year}."),
            "zh": ("哪些餐厅是在{year}年之后开业的？", "给出开业年份晚于{year}年的餐厅名称。"),
        },
    ),
    Template(
        sql="SELECT count(*) FROM delivery WHERE status = '{status}'",
        slots={"status": "SELECT DISTINCT status FROM delivery"},
        n=2,
        questions={
            "en": ("How many deliveries have the status {status}?", "Count the deliveries whose status is {status}."),
            "de": ("Wie viele Lieferungen haben den Status {status}?", "Zähle die Lieferungen, deren Status {status} lautet."),
            "es": ("¿Cuántas entregas tienen el estado {status}?", "Cuenta las entregas cuyo estado es {status}."),
            "fr": ("Combien de livraisons ont le statut {status} ?", "Compte les livraisons dont le statut est {status}."),
            "ja": ("ステータスが{status}の配達は何件ありますか？", "状態が{status}である配達の件数を数えてください。"),
            "vi": ("Có bao nhiêu đơn giao hàng có trạng thái {status}?", "Đếm số đơn giao hàng mà trạng thái là {status}."),
            "zh": ("状态为{status}的配送有多少单？", "统计状态是{status}的配送订单数量。"),
        },
    ),
    # ---- medium ----
    Template(
        sql="SELECT T1.name FROM restaurant AS T1 JOIN cuisine AS T2 ON T1.cuisine_id = T2.cuisine_id "
            "WHERE T2.name = '{cuisine}'",
        slots={"cuisine": "SELECT DISTINCT T2.name FROM restaurant AS T1 JOIN cuisine AS T2 "
                          "ON T1.cuisine_id = T2.cuisine_id"},
        n=4,
        questions={
            "en": ("Which restaurants serve {cuisine} cuisine?", "List the names of all restaurants whose cuisine is {cuisine}.",
                   "Show the restaurants that offer {cuisine} food."),
            "de": ("Welche Restaurants bieten die Küche {cuisine} an?", "Nenne die Namen aller Restaurants, deren Küche {cuisine} ist."),
            "es": ("¿Qué restaurantes sirven cocina {cuisine}?", "Enumera los nombres de todos los restaurantes cuya cocina es {cuisine}."),
            "fr": ("Quels restaurants proposent une cuisine {cuisine} ?", "Liste les noms de tous les restaurants dont la cuisine est {cuisine}."),
            "ja": ("{cuisine}料理を提供しているレストランはどこですか？", "料理ジャンルが{cuisine}であるレストランの名前をすべて挙げてください。"),
            "vi": ("Những nhà hàng nào phục vụ ẩm thực {cuisine}?", "Liệt kê tên tất cả các nhà hàng có loại ẩm thực là {cuisine}."),
            "zh": ("哪些餐厅提供{cuisine}菜？", "列出菜系为{cuisine}的所有餐厅名称。"),
        },
    ),
    Template(
        sql="SELECT city, count(*) FROM restaurant GROUP BY city",
        questions={
            "en": ("How many restaurants are there in each city?",
                   "For every city, show the city and the number of restaurants located there."),
            "de": ("Wie viele Restaurants gibt es in jeder Stadt?",
                   "Zeige für jede Stadt die Stadt und die Anzahl der dort ansässigen Restaurants."),
            "es": ("¿Cuántos restaurantes hay en cada ciudad?",
                   "Para cada ciudad, muestra la ciudad y el número de restaurantes que hay en ella."),
            "fr": ("Combien de restaurants y a-t-il dans chaque ville ?",
                   "Pour chaque ville, affiche la ville et le nombre de restaurants qui s'y trouvent."),
            "ja": ("各都市にはレストランがいくつありますか？", "都市ごとに、都市名とそこにあるレストランの数を表示してください。"),
            "vi": ("Mỗi thành phố có bao nhiêu nhà hàng?", "Với mỗi thành phố, hãy cho biết tên thành phố và số nhà hàng ở đó."),
            "zh": ("每个城市各有多少家餐厅？", "按城市列出城市名称及其餐厅数量。"),
        },
    ),
    Template(
        sql="SELECT name, hourly_wage FROM courier WHERE city = '{city}' ORDER BY hourly_wage DESC",
        slots={"city": "SELECT DISTINCT city FROM courier"},
        n=3,
        questions={
            "en": ("List the names and hourly wages of couriers in {city}, from the highest wage to the lowest.",
                   "Show each courier based in {city} with their hourly wage, sorted by wage in descending order."),
            "de": ("Liste Namen und Stundenlöhne der Kuriere in {city} auf, vom höchsten zum niedrigsten Lohn.",
                   "Zeige alle Kuriere aus {city} mit ihrem Stundenlohn, absteigend nach Lohn sortiert."),
            "es": ("Enumera los nombres y el salario por hora de los repartidores de {city}, del más alto al más bajo.",
                   "Muestra cada repartidor con base en {city} junto con su salario por hora, en orden descendente de salario."),
            "fr": ("Donne le nom et le salaire horaire des livreurs de {city}, du salaire le plus élevé au plus bas.",
                   "Affiche chaque livreur basé à {city} avec son salaire horaire, trié par salaire décroissant."),
            "ja": ("{city}の配達員の名前と時給を、時給の高い順に挙げてください。",
                   "{city}を拠点とする配達員とその時給を、時給の降順で表示してください。"),
            "vi": ("Liệt kê tên và mức lương theo giờ của những người giao hàng ở {city}, từ cao nhất đến thấp nhất.",
                   "Hiển thị từng người giao hàng làm việc tại {city} cùng lương theo giờ, sắp xếp giảm dần theo lương."),
            "zh": ("按时薪从高到低列出{city}配送员的姓名和时薪。", "显示驻扎在{city}的每位配送员及其时薪，按时薪降序排列。"),
        },
    ),
    Template(
        sql="SELECT name FROM customer WHERE city = '{city}' AND is_premium = 1",
        slots={"city": "SELECT DISTINCT city FROM customer WHERE is_premium = 1"},
        n=3,
        questions={
            "en": ("Which premium customers live in {city}?",
                   "Give the names of customers in {city} who have a premium membership."),
            "de": ("Welche Premiumkunden wohnen in {city}?",
                   "Nenne die Namen der Kunden aus {city}, die eine Premium-Mitgliedschaft haben."),
            "es": ("¿Qué clientes premium viven en {city}?",
                   "Indica los nombres de los clientes de {city} que tienen una suscripción premium."),
            "fr": ("Quels clients premium habitent à {city} ?", "Donne les noms des clients de {city} qui ont un abonnement premium."),
            "ja": ("{city}に住んでいるプレミアム会員の顧客は誰ですか？", "{city}の顧客のうち、プレミアム会員である人の名前を挙げてください。"),
            "vi": ("Những khách hàng hạng cao cấp nào sống ở {city}?",
                   "Cho biết tên các khách hàng ở {city} có tư cách hội viên cao cấp."),
            "zh": ("哪些高级会员顾客住在{city}？", "给出{city}中拥有高级会员资格的顾客姓名。"),
        },
    ),
    Template(
        sql="SELECT count(*) FROM delivery AS T1 JOIN restaurant AS T2 ON T1.restaurant_id = T2.restaurant_id "
            "WHERE T2.name = '{restaurant}'",
        slots={"restaurant": _RESTAURANTS_WITH_DELIVERIES},
        n=3,
        questions={
            "en": ("How many deliveries were made from {restaurant}?",
                   "Count the delivery orders placed with the restaurant {restaurant}."),
            "de": ("Wie viele Lieferungen kamen vom Restaurant {restaurant}?",
                   "Zähle die Lieferaufträge, die das Restaurant {restaurant} erhalten hat."),
            "es": ("¿Cuántas entregas se hicieron desde {restaurant}?",
                   "Cuenta los pedidos a domicilio que recibió el restaurante {restaurant}."),
            "fr": ("Combien de livraisons ont été faites depuis {restaurant} ?",
                   "Compte les commandes en livraison passées auprès du restaurant {restaurant}."),
            "ja": ("{restaurant}からの配達は何件ありますか？", "レストラン「{restaurant}」が受けた配達注文の件数を数えてください。"),
            "vi": ("Có bao nhiêu đơn giao hàng từ nhà hàng {restaurant}?",
                   "Đếm số đơn đặt giao hàng mà nhà hàng {restaurant} đã nhận."),
            "zh": ("{restaurant}共有多少笔配送订单？", "统计餐厅{restaurant}收到的外卖订单数量。"),
        },
    ),
    Template(
        sql="SELECT avg(T1.duration_minutes) FROM delivery AS T1 JOIN courier AS T2 ON T1.courier_id = T2.courier_id "
            "WHERE T2.vehicle = '{vehicle}'",
        slots={"vehicle": "SELECT DISTINCT T2.vehicle FROM delivery AS T1 JOIN courier AS T2 "
                          "ON T1.courier_id = T2.courier_id"},
        n=3,
        questions={
            "en": ("What is the average delivery time in minutes for couriers using a {vehicle}?",
                   "On average, how many minutes does a delivery take when the courier travels by {vehicle}?"),
            "de": ("Wie viele Minuten dauert eine Lieferung durchschnittlich, wenn der Kurier mit dem Fahrzeugtyp {vehicle} fährt?",
                   "Was ist die durchschnittliche Lieferdauer der Kuriere mit dem Fahrzeugtyp {vehicle}?"),
            "es": ("¿Cuál es la duración media de las entregas, en minutos, de los repartidores que usan {vehicle}?",
                   "En promedio, ¿cuántos minutos tarda una entrega cuando el repartidor va en {vehicle}?"),
            "fr": ("Quelle est la durée moyenne de livraison, en minutes, des livreurs qui utilisent le véhicule {vehicle} ?",
                   "En moyenne, combien de minutes dure une livraison quand le livreur se déplace en {vehicle} ?"),
            "ja": ("{vehicle}を使う配達員の平均配達時間は何分ですか？",
                   "配達員の移動手段が{vehicle}の場合、配達には平均で何分かかりますか？"),
            "vi": ("Thời gian giao hàng trung bình tính bằng phút của những người giao hàng dùng {vehicle} là bao nhiêu?",
                   "Trung bình một đơn giao hàng mất bao nhiêu phút khi người giao hàng đi bằng {vehicle}?"),
            "zh": ("使用{vehicle}的配送员平均配送时长是多少分钟？",
                   "配送员的交通工具为{vehicle}时，一单配送平均需要多少分钟？"),
        },
    ),
    # ---- hard ----
    Template(
        sql="SELECT name FROM restaurant WHERE rating > (SELECT avg(rating) FROM restaurant)",
        questions={
            "en": ("Which restaurants have a rating above the average rating of all restaurants?",
                   "Find the restaurants rated higher than average."),
            "de": ("Welche Restaurants haben eine höhere Bewertung als der Durchschnitt aller Restaurants?",
                   "Finde die Restaurants, deren Bewertung über dem Durchschnitt liegt."),
            "es": ("¿Qué restaurantes tienen una valoración superior a la media de todos los restaurantes?",
                   "Encuentra los restaurantes cuya puntuación está por encima de la media."),
            "fr": ("Quels restaurants ont une note supérieure à la moyenne de tous les restaurants ?",
                   "Trouve les restaurants dont la note dépasse la moyenne."),
            "ja": ("評価が全レストランの平均を上回っているレストランはどれですか？", "平均よりも評価の高いレストランを探してください。"),
            "vi": ("Những nhà hàng nào có điểm đánh giá cao hơn mức trung bình của tất cả nhà hàng?",
                   "Tìm các nhà hàng được đánh giá cao hơn mức trung bình."),
            "zh": ("哪些餐厅的评分高于所有餐厅的平均评分？", "找出评分高于平均水平的餐厅。"),
        },
    ),
    Template(
        sql="SELECT name FROM courier WHERE courier_id NOT IN (SELECT courier_id FROM delivery)",
        questions={
            "en": ("Which couriers have never made a delivery?",
                   "List the names of couriers who do not appear in any delivery."),
            "de": ("Welche Kuriere haben noch nie eine Lieferung übernommen?",
                   "Nenne die Namen der Kuriere, die bei keiner Lieferung vorkommen."),
            "es": ("¿Qué repartidores nunca han realizado una entrega?",
                   "Enumera los nombres de los repartidores que no aparecen en ninguna entrega."),
            "fr": ("Quels livreurs n'ont jamais effectué de livraison ?",
                   "Liste les noms des livreurs qui n'apparaissent dans aucune livraison."),
            "ja": ("一度も配達をしたことがない配達員は誰ですか？", "どの配達記録にも登場しない配達員の名前を挙げてください。"),
            "vi": ("Những người giao hàng nào chưa từng thực hiện đơn giao nào?",
                   "Liệt kê tên những người giao hàng không xuất hiện trong bất kỳ đơn giao hàng nào."),
            "zh": ("哪些配送员从未送过一单？", "列出没有出现在任何配送记录中的配送员姓名。"),
        },
    ),
    Template(
        sql="SELECT name FROM customer WHERE customer_id NOT IN "
            "(SELECT customer_id FROM delivery WHERE status = '{status}')",
        slots={"status": "SELECT DISTINCT status FROM delivery WHERE status != 'delivered'"},
        n=2,
        questions={
            "en": ("Which customers have never had a delivery with status {status}?",
                   "Give the names of customers none of whose deliveries has the status {status}."),
            "de": ("Welche Kunden hatten noch nie eine Lieferung mit dem Status {status}?",
                   "Nenne die Namen der Kunden, bei denen keine Lieferung den Status {status} hat."),
            "es": ("¿Qué clientes nunca han tenido una entrega con el estado {status}?",
                   "Indica los nombres de los clientes que no tienen ninguna entrega en estado {status}."),
            "fr": ("Quels clients n'ont jamais eu de livraison au statut {status} ?",
                   "Donne les noms des clients dont aucune livraison n'a le statut {status}."),
            "ja": ("ステータスが{status}の配達を一度も経験していない顧客は誰ですか？",
                   "{status}という状態の配達が1件もない顧客の名前を挙げてください。"),
            "vi": ("Những khách hàng nào chưa từng có đơn giao hàng ở trạng thái {status}?",
                   "Cho biết tên các khách hàng không có đơn giao hàng nào mang trạng thái {status}."),
            "zh": ("哪些顾客从未有过状态为{status}的配送？", "给出没有任何一单配送状态为{status}的顾客姓名。"),
        },
    ),
    Template(
        sql="SELECT name FROM restaurant WHERE city = '{city}' ORDER BY rating DESC LIMIT 1",
        slots={"city": "SELECT DISTINCT city FROM restaurant"},
        n=3,
        questions={
            "en": ("What is the highest-rated restaurant in {city}?", "Which restaurant in {city} has the best rating?"),
            "de": ("Welches Restaurant in {city} hat die beste Bewertung?",
                   "Wie heißt das am höchsten bewertete Restaurant in {city}?"),
            "es": ("¿Cuál es el restaurante mejor valorado de {city}?", "¿Qué restaurante de {city} tiene la puntuación más alta?"),
            "fr": ("Quel est le restaurant le mieux noté de {city} ?", "Quel restaurant de {city} a la meilleure note ?"),
            "ja": ("{city}で最も評価の高いレストランはどこですか？", "{city}にあるレストランのうち、評価が一番高いのはどれですか？"),
            "vi": ("Nhà hàng nào ở {city} được đánh giá cao nhất?",
                   "Trong các nhà hàng ở {city}, nhà hàng nào có điểm đánh giá cao nhất?"),
            "zh": ("{city}评分最高的餐厅是哪家？", "在{city}的餐厅中，哪一家评分最高？"),
        },
    ),
    Template(
        sql="SELECT DISTINCT T1.name FROM customer AS T1 JOIN delivery AS T2 ON T1.customer_id = T2.customer_id "
            "JOIN restaurant AS T3 ON T2.restaurant_id = T3.restaurant_id WHERE T3.name = '{restaurant}'",
        slots={"restaurant": _RESTAURANTS_WITH_DELIVERIES},
        n=4,
        questions={
            "en": ("Which customers have ordered from {restaurant}?",
                   "Find the distinct names of customers who received a delivery from the restaurant {restaurant}."),
            "de": ("Welche Kunden haben bei {restaurant} bestellt?",
                   "Finde die verschiedenen Namen der Kunden, die eine Lieferung vom Restaurant {restaurant} erhalten haben."),
            "es": ("¿Qué clientes han hecho pedidos a {restaurant}?",
                   "Encuentra los nombres distintos de los clientes que recibieron una entrega del restaurante {restaurant}."),
            "fr": ("Quels clients ont commandé chez {restaurant} ?",
                   "Trouve les noms distincts des clients qui ont reçu une livraison du restaurant {restaurant}."),
            "ja": ("{restaurant}に注文したことのある顧客は誰ですか？",
                   "レストラン「{restaurant}」から配達を受けた顧客の名前を重複なく挙げてください。"),
            "vi": ("Những khách hàng nào đã đặt món từ {restaurant}?",
                   "Tìm tên không trùng lặp của các khách hàng đã nhận đơn giao từ nhà hàng {restaurant}."),
            "zh": ("哪些顾客在{restaurant}点过餐？", "找出收到过餐厅{restaurant}配送的顾客姓名（去重）。"),
        },
    ),
    Template(
        sql="SELECT T1.vehicle, avg(T2.duration_minutes) FROM courier AS T1 JOIN delivery AS T2 "
            "ON T1.courier_id = T2.courier_id WHERE T1.city = '{city}' GROUP BY T1.vehicle",
        slots={"city": "SELECT DISTINCT T1.city FROM courier AS T1 JOIN delivery AS T2 ON T1.courier_id = T2.courier_id"},
        n=3,
        questions={
            "en": ("For couriers in {city}, what is the average delivery time for each vehicle type?",
                   "Show each vehicle type used by couriers based in {city} together with the average duration of their deliveries."),
            "de": ("Wie lange dauern die Lieferungen der Kuriere in {city} im Durchschnitt, aufgeschlüsselt nach Fahrzeugtyp?",
                   "Zeige für jeden Fahrzeugtyp der Kuriere aus {city} die durchschnittliche Lieferdauer."),
            "es": ("Para los repartidores de {city}, ¿cuál es la duración media de las entregas por tipo de vehículo?",
                   "Muestra cada tipo de vehículo de los repartidores de {city} junto con la duración media de sus entregas."),
            "fr": ("Pour les livreurs de {city}, quelle est la durée moyenne des livraisons par type de véhicule ?",
                   "Affiche chaque type de véhicule des livreurs basés à {city} avec la durée moyenne de leurs livraisons."),
            "ja": ("{city}の配達員について、移動手段ごとの平均配達時間を求めてください。",
                   "{city}を拠点とする配達員の移動手段ごとに、配達にかかった平均時間を表示してください。"),
            "vi": ("Với những người giao hàng ở {city}, thời gian giao hàng trung bình theo từng loại phương tiện là bao nhiêu?",
                   "Hiển thị từng loại phương tiện của người giao hàng tại {city} cùng thời gian giao trung bình của họ."),
            "zh": ("对于{city}的配送员，各类交通工具的平均配送时长分别是多少？",
                   "按交通工具类型显示驻扎在{city}的配送员的平均配送时长。"),
        },
    ),
    # ---- extra ----
    Template(
        sql="SELECT DISTINCT T2.name FROM delivery AS T1 JOIN restaurant AS T2 ON T1.restaurant_id = T2.restaurant_id "
            "WHERE T2.city = '{city}' AND T1.total_amount > (SELECT avg(total_amount) FROM delivery)",
        slots={"city": "SELECT DISTINCT city FROM restaurant"},
        n=2,
        questions={
            "en": ("Which restaurants in {city} have received an order whose total exceeds the average order total?",
                   "Find restaurants located in {city} with at least one delivery worth more than the average delivery amount."),
            "de": ("Welche Restaurants in {city} haben eine Bestellung erhalten, deren Betrag über dem durchschnittlichen Bestellwert liegt?",
                   "Finde die Restaurants in {city}, bei denen mindestens eine Lieferung teurer war als der Durchschnitt aller Lieferungen."),
            "es": ("¿Qué restaurantes de {city} han recibido un pedido cuyo importe supera el importe medio de los pedidos?",
                   "Encuentra los restaurantes situados en {city} con al menos una entrega de importe superior a la media."),
            "fr": ("Quels restaurants de {city} ont reçu une commande dont le montant dépasse le montant moyen des commandes ?",
                   "Trouve les restaurants situés à {city} ayant au moins une livraison d'un montant supérieur à la moyenne."),
            "ja": ("{city}のレストランのうち、注文金額が全注文の平均を上回る注文を受けたことがあるのはどこですか？",
                   "平均配達金額より高い配達が少なくとも1件ある、{city}所在のレストランを探してください。"),
            "vi": ("Những nhà hàng nào ở {city} đã nhận đơn hàng có tổng tiền vượt mức trung bình của các đơn?",
                   "Tìm các nhà hàng ở {city} có ít nhất một đơn giao hàng với giá trị lớn hơn giá trị trung bình."),
            "zh": ("{city}的哪些餐厅收到过金额高于平均订单金额的订单？", "找出位于{city}、至少有一单配送金额超过平均水平的餐厅。"),
        },
    ),
    Template(
        sql="SELECT T1.name FROM customer AS T1 JOIN delivery AS T2 ON T1.customer_id = T2.customer_id "
            "GROUP BY T1.customer_id ORDER BY sum(T2.total_amount) DESC LIMIT 1",
        questions={
            "en": ("Which customer has spent the most money on deliveries in total?",
                   "Find the name of the customer with the highest total order amount."),
            "de": ("Welcher Kunde hat insgesamt am meisten Geld für Lieferungen ausgegeben?",
                   "Finde den Namen des Kunden mit der höchsten Gesamtbestellsumme."),
            "es": ("¿Qué cliente ha gastado más dinero en total en entregas?",
                   "Encuentra el nombre del cliente con el mayor importe total de pedidos."),
            "fr": ("Quel client a dépensé le plus d'argent au total en livraisons ?",
                   "Trouve le nom du client dont le montant total des commandes est le plus élevé."),
            "ja": ("配達の注文に合計で最も多くのお金を使った顧客は誰ですか？", "注文金額の合計が最も高い顧客の名前を求めてください。"),
            "vi": ("Khách hàng nào đã chi nhiều tiền nhất cho các đơn giao hàng?",
                   "Tìm tên khách hàng có tổng giá trị đơn hàng cao nhất."),
            "zh": ("哪位顾客在外卖配送上总共花费最多？", "找出订单总金额最高的顾客姓名。"),
        },
    ),
    Template(
        sql="SELECT T1.name FROM courier AS T1 JOIN delivery AS T2 ON T1.courier_id = T2.courier_id "
            "WHERE T1.city = '{city}' GROUP BY T1.courier_id ORDER BY sum(T2.tip) DESC LIMIT 1",
        slots={"city": "SELECT DISTINCT T1.city FROM courier AS T1 JOIN delivery AS T2 ON T1.courier_id = T2.courier_id"},
        n=2,
        questions={
            "en": ("Which courier in {city} has earned the most in tips?",
                   "Find the courier based in {city} with the largest total of tips."),
            "de": ("Welcher Kurier in {city} hat insgesamt das meiste Trinkgeld bekommen?",
                   "Finde den Kurier aus {city} mit der höchsten Trinkgeldsumme."),
            "es": ("¿Qué repartidor de {city} ha ganado más en propinas?",
                   "Encuentra al repartidor de {city} con el mayor total de propinas."),
            "fr": ("Quel livreur de {city} a gagné le plus de pourboires ?",
                   "Trouve le livreur basé à {city} dont le total des pourboires est le plus élevé."),
            "ja": ("{city}の配達員のうち、チップの合計額が最も多いのは誰ですか？",
                   "{city}を拠点とする配達員で、受け取ったチップの総額が最大の人を求めてください。"),
            "vi": ("Người giao hàng nào ở {city} nhận được nhiều tiền boa nhất?",
                   "Tìm người giao hàng tại {city} có tổng tiền boa lớn nhất."),
            "zh": ("{city}的哪位配送员获得的小费总额最多？", "找出驻扎在{city}、小费总额最高的配送员。"),
        },
    ),
    Template(
        sql="SELECT DISTINCT T1.name FROM customer AS T1 JOIN delivery AS T2 ON T1.customer_id = T2.customer_id "
            "JOIN restaurant AS T3 ON T2.restaurant_id = T3.restaurant_id "
            "JOIN cuisine AS T4 ON T3.cuisine_id = T4.cuisine_id WHERE T4.name = '{cuisine}'",
        slots={"cuisine": "SELECT DISTINCT T3.name FROM delivery AS T1 JOIN restaurant AS T2 "
                          "ON T1.restaurant_id = T2.restaurant_id JOIN cuisine AS T3 ON T2.cuisine_id = T3.cuisine_id"},
        n=3,
        questions={
            "en": ("Which customers have ordered food from a {cuisine} restaurant?",
                   "List the distinct names of customers who got a delivery from a restaurant serving {cuisine} cuisine."),
            "de": ("Welche Kunden haben schon einmal bei einem Restaurant mit der Küche {cuisine} bestellt?",
                   "Liste die verschiedenen Namen der Kunden auf, die eine Lieferung von einem Restaurant erhalten haben, "
                   "das die Küche {cuisine} anbietet."),
            "es": ("¿Qué clientes han pedido comida a un restaurante de cocina {cuisine}?",
                   "Enumera los nombres distintos de los clientes que recibieron una entrega de un restaurante que sirve cocina {cuisine}."),
            "fr": ("Quels clients ont commandé dans un restaurant de cuisine {cuisine} ?",
                   "Liste les noms distincts des clients qui ont été livrés par un restaurant proposant une cuisine {cuisine}."),
            "ja": ("{cuisine}料理のレストランに注文したことがある顧客は誰ですか？",
                   "{cuisine}料理を提供するレストランから配達を受けた顧客の名前を重複なく挙げてください。"),
            "vi": ("Những khách hàng nào đã đặt món từ một nhà hàng ẩm thực {cuisine}?",
                   "Liệt kê tên không trùng lặp của các khách hàng từng nhận đơn giao từ nhà hàng phục vụ ẩm thực {cuisine}."),
            "zh": ("哪些顾客在{cuisine}菜餐厅点过外卖？", "列出收到过提供{cuisine}菜的餐厅配送的顾客姓名（去重）。"),
        },
    ),
    Template(
        sql="SELECT name FROM restaurant WHERE price_level = {level} "
            "AND rating > (SELECT avg(rating) FROM restaurant)",
        slots={"level": "SELECT DISTINCT price_level FROM restaurant"},
        n=2,
        questions={
            "en": ("Which restaurants with price level {level} are rated above the average?",
                   "Find restaurants whose price level is {level} and whose rating is higher than the average rating."),
            "de": ("Welche Restaurants der Preisklasse {level} sind überdurchschnittlich bewertet?",
                   "Finde die Restaurants, deren Preisklasse {level} ist und deren Bewertung über dem Durchschnitt liegt."),
            "es": ("¿Qué restaurantes de nivel de precio {level} tienen una valoración superior a la media?",
                   "Encuentra los restaurantes cuyo nivel de precios es {level} y cuya puntuación supera la media."),
            "fr": ("Quels restaurants de niveau de prix {level} sont mieux notés que la moyenne ?",
                   "Trouve les restaurants dont le niveau de prix est {level} et dont la note dépasse la moyenne."),
            "ja": ("価格帯が{level}のレストランのうち、評価が平均を上回るのはどれですか？",
                   "価格帯が{level}で、かつ評価が平均評価より高いレストランを探してください。"),
            "vi": ("Những nhà hàng nào thuộc mức giá {level} có điểm đánh giá trên trung bình?",
                   "Tìm các nhà hàng có mức giá {level} và điểm đánh giá cao hơn mức trung bình."),
            "zh": ("价格等级为{level}的餐厅中，哪些评分高于平均水平？", "找出价格等级为{level}且评分高于平均评分的餐厅。"),
        },
    ),
    Template(
        sql="SELECT T1.name FROM courier AS T1 JOIN delivery AS T2 ON T1.courier_id = T2.courier_id "
            "WHERE T2.status = 'cancelled' INTERSECT SELECT T1.name FROM courier AS T1 JOIN delivery AS T2 "
            "ON T1.courier_id = T2.courier_id WHERE T2.status = 'refunded'",
        questions={
            "en": ("Which couriers have had both a cancelled and a refunded delivery?",
                   "Find couriers who have at least one cancelled delivery and also at least one refunded delivery."),
            "de": ("Welche Kuriere hatten sowohl eine stornierte als auch eine rückerstattete Lieferung?",
                   "Finde die Kuriere, die mindestens eine stornierte und außerdem mindestens eine rückerstattete Lieferung haben."),
            "es": ("¿Qué repartidores han tenido tanto una entrega cancelada como una reembolsada?",
                   "Encuentra a los repartidores que tienen al menos una entrega cancelada y también al menos una reembolsada."),
            "fr": ("Quels livreurs ont eu à la fois une livraison annulée et une livraison remboursée ?",
                   "Trouve les livreurs qui ont au moins une livraison annulée ainsi qu'au moins une livraison remboursée."),
            "ja": ("キャンセルされた配達と返金された配達の両方がある配達員は誰ですか？",
                   "キャンセル済みの配達が1件以上あり、さらに返金済みの配達も1件以上ある配達員を探してください。"),
            "vi": ("Những người giao hàng nào vừa có đơn bị hủy vừa có đơn được hoàn tiền?",
                   "Tìm những người giao hàng có ít nhất một đơn bị hủy và cũng có ít nhất một đơn được hoàn tiền."),
            "zh": ("哪些配送员既有被取消的配送，也有已退款的配送？", "找出至少有一单被取消且至少有一单已退款的配送员。"),
        },
    ),
)

DOMAIN = Domain(
    db_id="restaurant_delivery",
    split="train",
    schema_sql=SCHEMA_SQL,
    populate=populate,
    templates=TEMPLATES,
)
