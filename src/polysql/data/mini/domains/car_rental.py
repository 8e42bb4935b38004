"""Dev domain ``car_rental``: rental branches, their cars, customers and rentals."""

from __future__ import annotations

import random
import sqlite3
from datetime import date, timedelta

from polysql.data.mini.template import Domain, Template

SCHEMA_SQL = """
CREATE TABLE branch (
    branch_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    city TEXT NOT NULL,
    opened_year INTEGER NOT NULL,
    phone TEXT NOT NULL
);
CREATE TABLE car (
    car_id INTEGER PRIMARY KEY,
    branch_id INTEGER NOT NULL,
    make TEXT NOT NULL,
    model TEXT NOT NULL,
    year INTEGER NOT NULL,
    category TEXT NOT NULL,
    daily_rate REAL NOT NULL,
    mileage INTEGER NOT NULL,
    FOREIGN KEY (branch_id) REFERENCES branch (branch_id)
);
CREATE TABLE customer (
    customer_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    city TEXT NOT NULL,
    birth_year INTEGER NOT NULL,
    membership_level TEXT NOT NULL
);
CREATE TABLE rental (
    rental_id INTEGER PRIMARY KEY,
    car_id INTEGER NOT NULL,
    customer_id INTEGER NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    days INTEGER NOT NULL,
    total_cost REAL NOT NULL,
    FOREIGN KEY (car_id) REFERENCES car (car_id),
    FOREIGN KEY (customer_id) REFERENCES customer (customer_id)
);
"""

# (branch name, city)
_BRANCHES = (
    ("Denver Downtown", "Denver"), ("Denver International Airport", "Denver"), ("Phoenix Sky Harbor", "Phoenix"),
    ("Phoenix Central", "Phoenix"), ("Miami Beach", "Miami"), ("Miami Airport", "Miami"), ("Dallas Uptown", "Dallas"),
    ("Dallas Love Field", "Dallas"), ("Atlanta Midtown", "Atlanta"), ("Atlanta Airport", "Atlanta"),
    ("Orlando Airport", "Orlando"), ("Orlando International Drive", "Orlando"), ("Las Vegas Strip", "Las Vegas"),
    ("Las Vegas Airport", "Las Vegas"), ("San Diego Harbor", "San Diego"), ("San Diego Airport", "San Diego"),
    ("Salt Lake City Central", "Salt Lake City"), ("Nashville Downtown", "Nashville"), ("Tampa Bay", "Tampa"),
    ("Austin Airport", "Austin"),
)

# category -> ((make, model), ...) and its daily rate range in dollars
_FLEET = {
    "economy": ((("Toyota", "Yaris"), ("Kia", "Rio"), ("Nissan", "Versa"), ("Hyundai", "Accent"),
                 ("Chevrolet", "Spark")), (29, 45)),
    "compact": ((("Toyota", "Corolla"), ("Honda", "Civic"), ("Volkswagen", "Golf"), ("Mazda", "Mazda3"),
                 ("Ford", "Focus")), (38, 56)),
    "SUV": ((("Toyota", "RAV4"), ("Ford", "Explorer"), ("Honda", "CR-V"), ("Jeep", "Grand Cherokee"),
             ("Nissan", "Rogue"), ("Hyundai", "Tucson")), (55, 95)),
    "luxury": ((("BMW", "5 Series"), ("Mercedes-Benz", "E-Class"), ("Audi", "A6"), ("Lexus", "ES"),
                ("Cadillac", "CT5")), (95, 180)),
    "van": ((("Chrysler", "Pacifica"), ("Honda", "Odyssey"), ("Toyota", "Sienna"), ("Ford", "Transit")), (70, 110)),
}
_CATEGORY_WEIGHTS = {"economy": 5, "compact": 5, "SUV": 6, "luxury": 3, "van": 2}

_CUSTOMER_CITIES = ("Denver", "Chicago", "New York", "Miami", "Dallas", "Seattle", "Atlanta", "Boston")
_LEVELS = ("none", "silver", "gold")

_FIRST_NAMES = (
    "Aaron", "Bethany", "Carlos", "Diana", "Edward", "Fiona", "George", "Helen", "Ian", "Julia",
    "Kyle", "Leah", "Martin", "Nina", "Oscar", "Paula", "Quentin", "Rosa", "Simon", "Tara",
    "Victor", "Wendy", "Xavier", "Yvonne", "Zachary", "Alice", "Brandon", "Cynthia", "Derek", "Elaine",
)
_LAST_NAMES = (
    "Abbott", "Barnes", "Chapman", "Dalton", "Ellis", "Fleming", "Gibson", "Hart", "Irwin", "Jordan",
    "Keller", "Lawson", "Mendez", "Norris", "Ortega", "Palmer", "Quinn", "Ramsey", "Stone", "Tucker",
    "Vaughn", "Wheeler", "Yates", "Zimmerman", "Bishop", "Crawford", "Dunn", "Ferguson", "Grant", "Holland",
)

_NUM_CARS = 50
_NUM_CUSTOMERS = 40
_NON_RENTERS = 4  # registered customers who have not rented yet


def populate(conn: sqlite3.Connection, rng: random.Random) -> None:
    """Insert 20 branches, 50 cars, 40 customers and about 130 rentals."""
    branches = [
        (i, name, city, rng.randint(1995, 2021), f"555-{rng.randint(100, 999):03d}{i % 10}")
        for i, (name, city) in enumerate(_BRANCHES, start=1)
    ]
    conn.executemany("INSERT INTO branch VALUES (?, ?, ?, ?, ?)", branches)

    categories = list(_CATEGORY_WEIGHTS)
    mileages = rng.sample(range(3_000, 90_000), _NUM_CARS)  # distinct: "lowest mileage" has one answer
    used_rates: set[int] = set()
    cars = []
    for i in range(1, _NUM_CARS + 1):
        branch_id = i if i <= len(_BRANCHES) else rng.randint(1, len(_BRANCHES))  # every branch has a car
        category = rng.choices(categories, weights=[_CATEGORY_WEIGHTS[c] for c in categories])[0]
        models, (low, high) = _FLEET[category]
        make, model = rng.choice(models)
        while True:  # distinct daily rates in cents, so ordering by rate is stable
            cents = rng.randint(low * 100, high * 100 - 1) // 50 * 50 + 49
            if cents not in used_rates:
                used_rates.add(cents)
                break
        cars.append((i, branch_id, make, model, rng.randint(2018, 2024), category, cents / 100, mileages[i - 1]))
    conn.executemany("INSERT INTO car VALUES (?, ?, ?, ?, ?, ?, ?, ?)", cars)

    names: list[str] = []
    while len(names) < _NUM_CUSTOMERS:
        name = f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}"
        if name not in names:
            names.append(name)
    customers = [
        (i, name, _CUSTOMER_CITIES[(i - 1) % len(_CUSTOMER_CITIES)], rng.randint(1955, 2003),
         rng.choices(_LEVELS, weights=(5, 3, 2))[0])
        for i, name in enumerate(names, start=1)
    ]
    conn.executemany("INSERT INTO customer VALUES (?, ?, ?, ?, ?)", customers)

    renters = list(range(1, _NUM_CUSTOMERS + 1))
    rng.shuffle(renters)
    renters = renters[_NON_RENTERS:]
    cars_of_branch: dict[int, list[tuple]] = {}
    for car in cars:
        cars_of_branch.setdefault(car[1], []).append(car)
    # One branch is clearly the busiest; the others get 2-8 rentals each.
    busiest = rng.randint(1, len(_BRANCHES))
    picks = []
    for branch_id, fleet in sorted(cars_of_branch.items()):
        for _ in range(16 if branch_id == busiest else rng.randint(2, 8)):
            picks.append(rng.choice(fleet))
    rng.shuffle(picks)
    rentals = []
    for rental_id, car in enumerate(picks, start=1):
        start = date(2023, 1, 1) + timedelta(days=rng.randint(0, 600))
        days = rng.randint(1, 14)
        total = round(days * car[6] + rng.choice((0, 0, 15, 25, 40)) + rng.randint(0, 99) / 100, 2)
        rentals.append((rental_id, car[0], rng.choice(renters), start.isoformat(),
                        (start + timedelta(days=days)).isoformat(), days, total))
    conn.executemany("INSERT INTO rental VALUES (?, ?, ?, ?, ?, ?, ?)", rentals)


TEMPLATES = (
    # ---- easy ----
    Template(
        sql="SELECT model FROM car WHERE make = '{make}'",
        slots={"make": "SELECT DISTINCT make FROM car"},
        n=3,
        questions={
            "en": ("Which models of the make {make} does the fleet include?", "List the models of all {make} cars."),
            "de": ("Welche Modelle der Marke {make} gibt es in der Flotte?", "Liste die Modelle aller Autos der Marke {make} auf."),
            "es": ("¿Qué modelos de la marca {make} hay en la flota?", "Enumera los modelos de todos los coches de la marca {make}."),
            "fr": ("Quels modèles de la marque {make} la flotte comprend-elle ?",
                   "Liste les modèles de toutes les voitures de la marque {make}."),
            "ja": ("保有車両に含まれる{make}の車種は何ですか？", "メーカーが{make}である車のモデルをすべて挙げてください。"),
            "vi": ("Đội xe có những mẫu xe nào của hãng {make}?", "Liệt kê mẫu của tất cả các xe thuộc hãng {make}."),
            "zh": ("车队中有哪些{make}品牌的车型？", "列出所有{make}品牌汽车的车型。"),
        },
    ),
    Template(
        sql="SELECT count(*) FROM car WHERE category = '{category}'",
        slots={"category": "SELECT DISTINCT category FROM car"},
        n=3,
        questions={
            "en": ("How many cars are in the {category} category?", "Count the cars whose category is {category}."),
            "de": ("Wie viele Autos gehören zur Kategorie {category}?", "Zähle die Fahrzeuge, deren Kategorie {category} ist."),
            "es": ("¿Cuántos coches hay en la categoría {category}?", "Cuenta los coches cuya categoría es {category}."),
            "fr": ("Combien de voitures appartiennent à la catégorie {category} ?",
                   "Compte les voitures dont la catégorie est {category}."),
            "ja": ("カテゴリーが{category}の車は何台ありますか？", "{category}クラスに属する車の台数を数えてください。"),
            "vi": ("Có bao nhiêu xe thuộc hạng {category}?", "Đếm số xe có hạng là {category}."),
            "zh": ("{category}类别的汽车有多少辆？", "统计类别为{category}的车辆数量。"),
        },
    ),
    Template(
        sql="SELECT name FROM branch WHERE city = '{city}'",
        slots={"city": "SELECT DISTINCT city FROM branch"},
        n=2,
        questions={
            "en": ("What are the names of the branches in {city}?", "Which rental branches are located in {city}?"),
            "de": ("Wie heißen die Filialen in {city}?", "Welche Vermietungsfilialen befinden sich in {city}?"),
            "es": ("¿Cómo se llaman las sucursales de {city}?", "¿Qué sucursales de alquiler hay en {city}?"),
            "fr": ("Quels sont les noms des agences de {city} ?", "Quelles agences de location se trouvent à {city} ?"),
            "ja": ("{city}にある営業所の名前は何ですか？", "{city}に所在するレンタカーの営業所はどこですか？"),
            "vi": ("Tên các chi nhánh ở {city} là gì?", "Những chi nhánh cho thuê xe nào nằm ở {city}?"),
            "zh": ("{city}的门店都叫什么名字？", "哪些租车门店位于{city}？"),
        },
    ),
    Template(
        sql="SELECT name FROM customer WHERE membership_level = '{level}'",
        slots={"level": "SELECT DISTINCT membership_level FROM customer WHERE membership_level != 'none'"},
        n=2,
        questions={
            "en": ("Which customers have the membership level {level}?", "List the names of customers whose membership level is {level}."),
            "de": ("Welche Kunden haben die Mitgliedsstufe {level}?", "Nenne die Namen der Kunden, deren Mitgliedsstufe {level} ist."),
            "es": ("¿Qué clientes tienen el nivel de membresía {level}?",
                   "Enumera los nombres de los clientes cuyo nivel de membresía es {level}."),
            "fr": ("Quels clients ont le niveau d'adhésion {level} ?", "Liste les noms des clients dont le niveau d'adhésion est {level}."),
            "ja": ("会員ランクが{level}の顧客は誰ですか？", "会員ランクが{level}である顧客の名前を挙げてください。"),
            "vi": ("Những khách hàng nào có hạng thành viên {level}?", "Liệt kê tên các khách hàng có hạng thành viên là {level}."),
            "zh": ("哪些客户的会员等级是{level}？", "列出会员等级为{level}的客户姓名。"),
        },
    ),
    Template(
        sql="SELECT avg(daily_rate) FROM car",
        questions={
            "en": ("What is the average daily rate of the cars?", "On average, how much does it cost to rent a car per day?"),
            "de": ("Wie hoch ist der durchschnittliche Tagespreis der Autos?", "Wie viel kostet ein Mietwagen im Durchschnitt pro Tag?"),
            "es": ("¿Cuál es la tarifa diaria media de los coches?", "En promedio, ¿cuánto cuesta alquilar un coche por día?"),
            "fr": ("Quel est le tarif journalier moyen des voitures ?", "En moyenne, combien coûte la location d'une voiture par jour ?"),
            "ja": ("車の1日あたりの料金の平均はいくらですか？", "車を1日借りるのに平均でいくらかかりますか？"),
            "vi": ("Giá thuê trung bình mỗi ngày của các xe là bao nhiêu?", "Trung bình thuê một chiếc xe mỗi ngày tốn bao nhiêu tiền?"),
            "zh": ("汽车的平均日租金是多少？", "平均租一辆车一天要多少钱？"),
        },
    ),
    # ---- medium ----
    Template(
        sql="SELECT T1.model FROM car AS T1 JOIN branch AS T2 ON T1.branch_id = T2.branch_id WHERE T2.name = '{branch}'",
        slots={"branch": "SELECT name FROM branch"},
        n=3,
        questions={
            "en": ("Which car models are available at the {branch} branch?", "List the models of the cars kept at the branch {branch}."),
            "de": ("Welche Automodelle stehen in der Filiale {branch} zur Verfügung?",
                   "Liste die Modelle der Autos auf, die zur Filiale {branch} gehören."),
            "es": ("¿Qué modelos de coche hay disponibles en la sucursal {branch}?",
                   "Enumera los modelos de los coches asignados a la sucursal {branch}."),
            "fr": ("Quels modèles de voiture sont disponibles à l'agence {branch} ?",
                   "Liste les modèles des voitures rattachées à l'agence {branch}."),
            "ja": ("営業所「{branch}」で借りられる車種は何ですか？", "{branch}営業所に配置されている車のモデルを挙げてください。"),
            "vi": ("Chi nhánh {branch} có những mẫu xe nào?", "Liệt kê các mẫu xe thuộc chi nhánh {branch}."),
            "zh": ("{branch}门店有哪些车型可租？", "列出门店{branch}所属车辆的车型。"),
        },
    ),
    Template(
        sql="SELECT category, avg(daily_rate) FROM car GROUP BY category",
        questions={
            "en": ("What is the average daily rate for each car category?",
                   "For each category, show the category and the average daily rate of its cars."),
            "de": ("Wie hoch ist der durchschnittliche Tagespreis in jeder Fahrzeugkategorie?",
                   "Zeige für jede Kategorie die Kategorie und den durchschnittlichen Tagespreis ihrer Autos."),
            "es": ("¿Cuál es la tarifa diaria media de cada categoría de coche?",
                   "Para cada categoría, muestra la categoría y la tarifa diaria media de sus coches."),
            "fr": ("Quel est le tarif journalier moyen de chaque catégorie de voiture ?",
                   "Pour chaque catégorie, affiche la catégorie et le tarif journalier moyen de ses voitures."),
            "ja": ("車のカテゴリーごとの1日あたりの平均料金はいくらですか？",
                   "各カテゴリーについて、カテゴリー名とその車の1日あたりの平均料金を表示してください。"),
            "vi": ("Giá thuê trung bình mỗi ngày của từng hạng xe là bao nhiêu?",
                   "Với mỗi hạng xe, hãy cho biết tên hạng và giá thuê trung bình mỗi ngày của các xe thuộc hạng đó."),
            "zh": ("每个汽车类别的平均日租金是多少？", "按类别显示类别名称及其车辆的平均日租金。"),
        },
    ),
    Template(
        sql="SELECT make, model, daily_rate FROM car WHERE category = '{category}' ORDER BY daily_rate DESC",
        slots={"category": "SELECT DISTINCT category FROM car"},
        n=2,
        questions={
            "en": ("List the make, model and daily rate of the {category} cars, from the most to the least expensive.",
                   "Show every car in the {category} category with its make, model and daily rate, sorted by rate in descending order."),
            "de": ("Liste Marke, Modell und Tagespreis der Autos der Kategorie {category} auf, vom teuersten zum günstigsten.",
                   "Zeige alle Autos der Kategorie {category} mit Marke, Modell und Tagespreis, absteigend nach Preis sortiert."),
            "es": ("Enumera la marca, el modelo y la tarifa diaria de los coches de la categoría {category}, del más caro al más barato.",
                   "Muestra cada coche de la categoría {category} con su marca, modelo y tarifa diaria, en orden descendente de tarifa."),
            "fr": ("Liste la marque, le modèle et le tarif journalier des voitures de catégorie {category}, de la plus chère à la moins chère.",
                   "Affiche chaque voiture de la catégorie {category} avec sa marque, son modèle et son tarif journalier, par tarif décroissant."),
            "ja": ("カテゴリーが{category}の車のメーカー、モデル、1日あたりの料金を、料金の高い順に挙げてください。",
                   "{category}クラスの各車について、メーカー・モデル・日額料金を料金の降順で表示してください。"),
            "vi": ("Liệt kê hãng, mẫu và giá thuê mỗi ngày của các xe hạng {category}, từ đắt nhất đến rẻ nhất.",
                   "Hiển thị mọi xe thuộc hạng {category} cùng hãng, mẫu xe và giá thuê mỗi ngày, sắp xếp giảm dần theo giá."),
            "zh": ("按日租金从高到低列出{category}类别汽车的品牌、车型和日租金。",
                   "显示{category}类别中每辆车的品牌、车型和日租金，按租金降序排列。"),
        },
    ),
    Template(
        sql="SELECT count(*) FROM rental AS T1 JOIN customer AS T2 ON T1.customer_id = T2.customer_id "
            "WHERE T2.name = '{customer}'",
        slots={"customer": "SELECT DISTINCT T2.name FROM rental AS T1 JOIN customer AS T2 ON T1.customer_id = T2.customer_id"},
        n=3,
        questions={
            "en": ("How many times has {customer} rented a car?", "Count the rentals made by the customer {customer}."),
            "de": ("Wie oft hat {customer} ein Auto gemietet?", "Zähle die Anmietungen des Kunden {customer}."),
            "es": ("¿Cuántas veces ha alquilado un coche {customer}?", "Cuenta los alquileres realizados por el cliente {customer}."),
            "fr": ("Combien de fois une voiture a-t-elle été louée par {customer} ?", "Compte les locations effectuées par le client {customer}."),
            "ja": ("{customer}は車を何回借りましたか？", "顧客{customer}のレンタル件数を数えてください。"),
            "vi": ("{customer} đã thuê xe bao nhiêu lần?", "Đếm số lượt thuê xe của khách hàng {customer}."),
            "zh": ("{customer}租过几次车？", "统计客户{customer}的租车次数。"),
        },
    ),
    Template(
        sql="SELECT name FROM customer WHERE city = '{city}' AND membership_level != 'none'",
        slots={"city": "SELECT DISTINCT city FROM customer WHERE membership_level != 'none'"},
        n=2,
        questions={
            "en": ("Which customers from {city} hold a membership?",
                   "Give the names of customers living in {city} who have a silver or gold membership."),
            "de": ("Welche Kunden aus {city} sind Mitglied im Treueprogramm?",
                   "Nenne die Namen der Kunden aus {city}, die eine Mitgliedsstufe besitzen."),
            "es": ("¿Qué clientes de {city} tienen una membresía?",
                   "Indica los nombres de los clientes que viven en {city} y tienen algún nivel de membresía."),
            "fr": ("Quels clients de {city} sont membres du programme de fidélité ?",
                   "Donne les noms des clients habitant à {city} qui ont un niveau d'adhésion."),
            "ja": ("{city}の顧客のうち、会員になっているのは誰ですか？", "{city}に住み、何らかの会員ランクを持つ顧客の名前を挙げてください。"),
            "vi": ("Những khách hàng nào ở {city} là thành viên?",
                   "Cho biết tên các khách hàng sống ở {city} có hạng thành viên."),
            "zh": ("来自{city}的哪些客户拥有会员资格？", "给出住在{city}且有会员等级的客户姓名。"),
        },
    ),
    Template(
        sql="SELECT T2.name, count(*) FROM car AS T1 JOIN branch AS T2 ON T1.branch_id = T2.branch_id GROUP BY T1.branch_id",
        questions={
            "en": ("How many cars does each branch have?", "For every branch, show its name and the number of cars it owns."),
            "de": ("Wie viele Autos hat jede Filiale?", "Zeige für jede Filiale ihren Namen und die Anzahl ihrer Autos."),
            "es": ("¿Cuántos coches tiene cada sucursal?", "Para cada sucursal, muestra su nombre y el número de coches que tiene."),
            "fr": ("Combien de voitures chaque agence possède-t-elle ?",
                   "Pour chaque agence, affiche son nom et le nombre de voitures qu'elle possède."),
            "ja": ("各営業所には車が何台ありますか？", "営業所ごとに、その名前と保有している車の台数を表示してください。"),
            "vi": ("Mỗi chi nhánh có bao nhiêu xe?", "Với mỗi chi nhánh, hãy cho biết tên và số xe mà chi nhánh đó sở hữu."),
            "zh": ("每家门店各有多少辆车？", "显示每家门店的名称及其拥有的车辆数。"),
        },
    ),
    Template(
        sql="SELECT avg(T1.days) FROM rental AS T1 JOIN car AS T2 ON T1.car_id = T2.car_id WHERE T2.category = '{category}'",
        slots={"category": "SELECT DISTINCT T2.category FROM rental AS T1 JOIN car AS T2 ON T1.car_id = T2.car_id"},
        n=2,
        questions={
            "en": ("How many days does a rental of a {category} car last on average?",
                   "What is the average rental length in days for cars in the {category} category?"),
            "de": ("Wie viele Tage dauert eine Anmietung eines Autos der Kategorie {category} im Durchschnitt?",
                   "Was ist die durchschnittliche Mietdauer in Tagen für Autos der Kategorie {category}?"),
            "es": ("¿Cuántos días dura de media el alquiler de un coche de la categoría {category}?",
                   "¿Cuál es la duración media en días de los alquileres de coches de la categoría {category}?"),
            "fr": ("Combien de jours dure en moyenne la location d'une voiture de catégorie {category} ?",
                   "Quelle est la durée moyenne de location, en jours, des voitures de la catégorie {category} ?"),
            "ja": ("{category}クラスの車のレンタルは平均で何日間ですか？", "カテゴリーが{category}の車の平均レンタル日数を求めてください。"),
            "vi": ("Trung bình một lượt thuê xe hạng {category} kéo dài bao nhiêu ngày?",
                   "Thời gian thuê trung bình tính theo ngày của các xe hạng {category} là bao nhiêu?"),
            "zh": ("{category}类别的车平均每次租几天？", "类别为{category}的汽车平均租期是多少天？"),
        },
    ),
    # ---- hard ----
    Template(
        sql="SELECT model FROM car WHERE daily_rate > (SELECT avg(daily_rate) FROM car)",
        questions={
            "en": ("Which car models have a daily rate above the average?",
                   "Find the models of cars that cost more per day than the average car."),
            "de": ("Welche Automodelle haben einen Tagespreis über dem Durchschnitt?",
                   "Finde die Modelle der Autos, die pro Tag mehr kosten als ein durchschnittliches Auto."),
            "es": ("¿Qué modelos de coche tienen una tarifa diaria superior a la media?",
                   "Encuentra los modelos de los coches que cuestan por día más que el coche medio."),
            "fr": ("Quels modèles de voiture ont un tarif journalier supérieur à la moyenne ?",
                   "Trouve les modèles des voitures qui coûtent plus cher par jour que la voiture moyenne."),
            "ja": ("1日あたりの料金が平均を上回る車種はどれですか？", "1日の料金が全車の平均より高い車のモデルを探してください。"),
            "vi": ("Những mẫu xe nào có giá thuê mỗi ngày cao hơn mức trung bình?",
                   "Tìm các mẫu xe có giá thuê theo ngày đắt hơn mức trung bình."),
            "zh": ("哪些车型的日租金高于平均水平？", "找出日租金比平均水平更贵的汽车车型。"),
        },
    ),
    Template(
        sql="SELECT name FROM customer WHERE customer_id NOT IN (SELECT customer_id FROM rental)",
        questions={
            "en": ("Which customers have never rented a car?", "List the names of customers without any rental."),
            "de": ("Welche Kunden haben noch nie ein Auto gemietet?", "Nenne die Namen der Kunden, die keine einzige Anmietung haben."),
            "es": ("¿Qué clientes no han alquilado nunca un coche?", "Enumera los nombres de los clientes que no tienen ningún alquiler."),
            "fr": ("Quels clients n'ont jamais loué de voiture ?", "Liste les noms des clients qui n'ont aucune location."),
            "ja": ("一度も車を借りたことがない顧客は誰ですか？", "レンタル記録が1件もない顧客の名前を挙げてください。"),
            "vi": ("Những khách hàng nào chưa từng thuê xe?", "Liệt kê tên các khách hàng không có lượt thuê nào."),
            "zh": ("哪些客户从未租过车？", "列出没有任何租车记录的客户姓名。"),
        },
    ),
    Template(
        sql="SELECT model FROM car WHERE category = '{category}' ORDER BY mileage LIMIT 1",
        slots={"category": "SELECT DISTINCT category FROM car"},
        n=2,
        questions={
            "en": ("Which {category} car has the lowest mileage?", "What is the model of the {category} car that has been driven the least?"),
            "de": ("Welches Auto der Kategorie {category} hat die geringste Laufleistung?",
                   "Welches Modell hat das am wenigsten gefahrene Auto der Kategorie {category}?"),
            "es": ("¿Qué coche de la categoría {category} tiene el menor kilometraje?",
                   "¿Cuál es el modelo del coche de la categoría {category} que menos se ha conducido?"),
            "fr": ("Quelle voiture de catégorie {category} a le kilométrage le plus faible ?",
                   "Quel est le modèle de la voiture de catégorie {category} qui a le moins roulé ?"),
            "ja": ("カテゴリーが{category}の車で、走行距離が最も短いのはどれですか？", "{category}クラスで一番走っていない車のモデルは何ですか？"),
            "vi": ("Xe hạng {category} nào có quãng đường đã chạy ít nhất?", "Mẫu của chiếc xe hạng {category} chạy ít nhất là gì?"),
            "zh": ("{category}类别中里程最低的是哪辆车？", "{category}类别里行驶里程最少的车是什么车型？"),
        },
    ),
    Template(
        sql="SELECT DISTINCT T3.name FROM rental AS T1 JOIN car AS T2 ON T1.car_id = T2.car_id "
            "JOIN customer AS T3 ON T1.customer_id = T3.customer_id WHERE T2.make = '{make}'",
        slots={"make": "SELECT DISTINCT T2.make FROM rental AS T1 JOIN car AS T2 ON T1.car_id = T2.car_id"},
        n=3,
        questions={
            "en": ("Which customers have rented a {make} car?", "Find the distinct names of customers who rented a car made by {make}."),
            "de": ("Welche Kunden haben ein Auto der Marke {make} gemietet?",
                   "Finde die verschiedenen Namen der Kunden, die einen Wagen des Herstellers {make} gemietet haben."),
            "es": ("¿Qué clientes han alquilado un coche de la marca {make}?",
                   "Encuentra los nombres distintos de los clientes que alquilaron un coche fabricado por {make}."),
            "fr": ("Quels clients ont loué une voiture de la marque {make} ?",
                   "Trouve les noms distincts des clients qui ont loué une voiture du constructeur {make}."),
            "ja": ("{make}の車を借りたことがある顧客は誰ですか？", "メーカーが{make}の車をレンタルした顧客の名前を重複なく求めてください。"),
            "vi": ("Những khách hàng nào đã thuê xe của hãng {make}?",
                   "Tìm tên không trùng lặp của các khách hàng đã thuê một chiếc xe do {make} sản xuất."),
            "zh": ("哪些客户租过{make}品牌的车？", "找出租过{make}生产的汽车的客户姓名（去重）。"),
        },
    ),
    Template(
        sql="SELECT T2.category, avg(T1.total_cost) FROM rental AS T1 JOIN car AS T2 ON T1.car_id = T2.car_id "
            "WHERE T2.year >= {year} GROUP BY T2.category",
        slots={"year": "SELECT DISTINCT T2.year FROM rental AS T1 JOIN car AS T2 ON T1.car_id = T2.car_id"},
        n=2,
        questions={
            "en": ("For cars built in {year} or later, what is the average rental cost in each category?",
                   "Show each category with the average total cost of rentals of its cars from model year {year} onwards."),
            "de": ("Wie hoch sind die durchschnittlichen Mietkosten je Kategorie für Autos ab Baujahr {year}?",
                   "Zeige jede Kategorie mit den durchschnittlichen Gesamtkosten der Anmietungen ihrer Autos, die {year} oder später gebaut wurden."),
            "es": ("Para los coches fabricados en {year} o después, ¿cuál es el coste medio del alquiler en cada categoría?",
                   "Muestra cada categoría con el coste total medio de los alquileres de sus coches del año {year} en adelante."),
            "fr": ("Pour les voitures construites en {year} ou après, quel est le coût moyen de location dans chaque catégorie ?",
                   "Affiche chaque catégorie avec le coût total moyen des locations de ses voitures à partir de l'année-modèle {year}."),
            "ja": ("{year}年以降に製造された車について、カテゴリーごとの平均レンタル料金を求めてください。",
                   "年式が{year}年以降の車のレンタルについて、カテゴリーごとに合計料金の平均を表示してください。"),
            "vi": ("Với các xe sản xuất từ năm {year} trở về sau, chi phí thuê trung bình của mỗi hạng xe là bao nhiêu?",
                   "Hiển thị từng hạng xe cùng tổng chi phí thuê trung bình của các xe đời {year} trở lên."),
            "zh": ("对于{year}年及以后生产的汽车，各类别的平均租车费用是多少？", "按类别显示{year}年及以后年款车辆的平均租赁总费用。"),
        },
    ),
    Template(
        sql="SELECT name FROM branch WHERE branch_id NOT IN (SELECT branch_id FROM car WHERE category = '{category}')",
        slots={"category": "SELECT DISTINCT category FROM car"},
        n=2,
        questions={
            "en": ("Which branches have no {category} cars?", "List the names of branches that do not own any car of the {category} category."),
            "de": ("Welche Filialen haben keine Autos der Kategorie {category}?",
                   "Nenne die Namen der Filialen, die kein einziges Auto der Kategorie {category} besitzen."),
            "es": ("¿Qué sucursales no tienen coches de la categoría {category}?",
                   "Enumera los nombres de las sucursales que no tienen ningún coche de la categoría {category}."),
            "fr": ("Quelles agences n'ont aucune voiture de catégorie {category} ?",
                   "Liste les noms des agences qui ne possèdent aucune voiture de la catégorie {category}."),
            "ja": ("{category}クラスの車を1台も持っていない営業所はどこですか？", "カテゴリーが{category}の車がない営業所の名前を挙げてください。"),
            "vi": ("Những chi nhánh nào không có xe hạng {category}?",
                   "Liệt kê tên các chi nhánh không sở hữu chiếc xe nào thuộc hạng {category}."),
            "zh": ("哪些门店没有{category}类别的车？", "列出没有任何{category}类别车辆的门店名称。"),
        },
    ),
    # ---- extra ----
    Template(
        sql="SELECT T1.name FROM customer AS T1 JOIN rental AS T2 ON T1.customer_id = T2.customer_id "
            "GROUP BY T1.customer_id ORDER BY sum(T2.total_cost) DESC LIMIT 1",
        questions={
            "en": ("Which customer has spent the most on rentals in total?", "Find the customer with the highest total rental cost."),
            "de": ("Welcher Kunde hat insgesamt am meisten für Anmietungen ausgegeben?",
                   "Finde den Kunden mit den höchsten Gesamtmietkosten."),
            "es": ("¿Qué cliente ha gastado más en alquileres en total?", "Encuentra al cliente con el mayor coste total de alquiler."),
            "fr": ("Quel client a dépensé le plus en locations au total ?", "Trouve le client dont le coût total de location est le plus élevé."),
            "ja": ("レンタルに合計で最も多くのお金を使った顧客は誰ですか？", "レンタル料金の合計が最も高い顧客を求めてください。"),
            "vi": ("Khách hàng nào đã chi nhiều tiền thuê xe nhất?", "Tìm khách hàng có tổng chi phí thuê xe cao nhất."),
            "zh": ("哪位客户在租车上总共花费最多？", "找出租车总费用最高的客户。"),
        },
    ),
    Template(
        sql="SELECT T1.name FROM branch AS T1 JOIN car AS T2 ON T1.branch_id = T2.branch_id "
            "JOIN rental AS T3 ON T2.car_id = T3.car_id GROUP BY T1.branch_id ORDER BY count(*) DESC LIMIT 1",
        questions={
            "en": ("Which branch's cars have been rented the most times?", "What is the name of the branch with the most rentals?"),
            "de": ("Die Autos welcher Filiale wurden am häufigsten gemietet?", "Wie heißt die Filiale mit den meisten Anmietungen?"),
            "es": ("¿Los coches de qué sucursal se han alquilado más veces?", "¿Cómo se llama la sucursal con más alquileres?"),
            "fr": ("Les voitures de quelle agence ont été louées le plus souvent ?", "Quel est le nom de l'agence qui compte le plus de locations ?"),
            "ja": ("最も多くレンタルされた車を抱える営業所はどこですか？", "レンタル件数が最も多い営業所の名前は何ですか？"),
            "vi": ("Xe của chi nhánh nào được thuê nhiều lần nhất?", "Tên của chi nhánh có nhiều lượt thuê nhất là gì?"),
            "zh": ("哪家门店的车被租的次数最多？", "租车次数最多的门店叫什么名字？"),
        },
    ),
    Template(
        sql="SELECT DISTINCT T1.name FROM customer AS T1 JOIN rental AS T2 ON T1.customer_id = T2.customer_id "
            "JOIN car AS T3 ON T2.car_id = T3.car_id JOIN branch AS T4 ON T3.branch_id = T4.branch_id "
            "WHERE T4.city = '{city}'",
        slots={"city": "SELECT DISTINCT T3.city FROM rental AS T1 JOIN car AS T2 ON T1.car_id = T2.car_id "
                       "JOIN branch AS T3 ON T2.branch_id = T3.branch_id"},
        n=2,
        questions={
            "en": ("Which customers have rented a car from a branch in {city}?",
                   "List the distinct names of customers who rented a car belonging to a branch located in {city}."),
            "de": ("Welche Kunden haben ein Auto bei einer Filiale in {city} gemietet?",
                   "Liste die verschiedenen Namen der Kunden auf, die ein Auto einer Filiale in {city} gemietet haben."),
            "es": ("¿Qué clientes han alquilado un coche en una sucursal de {city}?",
                   "Enumera los nombres distintos de los clientes que alquilaron un coche de una sucursal situada en {city}."),
            "fr": ("Quels clients ont loué une voiture dans une agence de {city} ?",
                   "Liste les noms distincts des clients qui ont loué une voiture appartenant à une agence située à {city}."),
            "ja": ("{city}の営業所で車を借りたことがある顧客は誰ですか？",
                   "{city}にある営業所の車をレンタルした顧客の名前を重複なく挙げてください。"),
            "vi": ("Những khách hàng nào đã thuê xe từ một chi nhánh ở {city}?",
                   "Liệt kê tên không trùng lặp của các khách hàng đã thuê xe thuộc một chi nhánh nằm ở {city}."),
            "zh": ("哪些客户在{city}的门店租过车？", "列出租过位于{city}的门店车辆的客户姓名（去重）。"),
        },
    ),
    Template(
        sql="SELECT T1.name FROM customer AS T1 JOIN rental AS T2 ON T1.customer_id = T2.customer_id "
            "JOIN car AS T3 ON T2.car_id = T3.car_id WHERE T3.category = 'SUV' INTERSECT "
            "SELECT T1.name FROM customer AS T1 JOIN rental AS T2 ON T1.customer_id = T2.customer_id "
            "JOIN car AS T3 ON T2.car_id = T3.car_id WHERE T3.category = 'luxury'",
        questions={
            "en": ("Which customers have rented both an SUV and a luxury car?",
                   "Find customers with at least one SUV rental and at least one luxury car rental."),
            "de": ("Welche Kunden haben sowohl einen SUV als auch einen Luxuswagen gemietet?",
                   "Finde die Kunden, die mindestens einmal einen SUV und mindestens einmal ein Luxusauto gemietet haben."),
            "es": ("¿Qué clientes han alquilado tanto un SUV como un coche de lujo?",
                   "Encuentra a los clientes con al menos un alquiler de SUV y al menos un alquiler de coche de lujo."),
            "fr": ("Quels clients ont loué à la fois un SUV et une voiture de luxe ?",
                   "Trouve les clients ayant au moins une location de SUV et au moins une location de voiture de luxe."),
            "ja": ("SUVと高級車の両方を借りたことがある顧客は誰ですか？", "SUVのレンタルと高級車のレンタルがそれぞれ1件以上ある顧客を探してください。"),
            "vi": ("Những khách hàng nào đã thuê cả xe SUV lẫn xe hạng sang?",
                   "Tìm những khách hàng có ít nhất một lượt thuê xe SUV và ít nhất một lượt thuê xe hạng sang."),
            "zh": ("哪些客户既租过SUV又租过豪华车？", "找出至少租过一次SUV并且至少租过一次豪华车的客户。"),
        },
    ),
    Template(
        sql="SELECT DISTINCT T2.model FROM rental AS T1 JOIN car AS T2 ON T1.car_id = T2.car_id "
            "WHERE T2.category = '{category}' AND T1.total_cost > (SELECT avg(total_cost) FROM rental)",
        slots={"category": "SELECT DISTINCT T2.category FROM rental AS T1 JOIN car AS T2 ON T1.car_id = T2.car_id"},
        n=2,
        questions={
            "en": ("Which {category} models have had a rental costing more than the average rental?",
                   "Find the models of {category} cars with at least one rental whose total cost is above the average."),
            "de": ("Welche Modelle der Kategorie {category} hatten eine Anmietung, die teurer war als der Durchschnitt?",
                   "Finde die Modelle der Autos der Kategorie {category}, für die es eine Anmietung mit überdurchschnittlichen Gesamtkosten gibt."),
            "es": ("¿Qué modelos de la categoría {category} han tenido un alquiler más caro que el alquiler medio?",
                   "Encuentra los modelos de coches de la categoría {category} con al menos un alquiler cuyo coste total supera la media."),
            "fr": ("Quels modèles de catégorie {category} ont eu une location plus chère que la location moyenne ?",
                   "Trouve les modèles des voitures de catégorie {category} ayant au moins une location dont le coût total dépasse la moyenne."),
            "ja": ("{category}クラスの車種のうち、平均より高額なレンタルがあったものはどれですか？",
                   "合計料金が平均を上回るレンタルが1件以上ある、カテゴリー{category}の車のモデルを求めてください。"),
            "vi": ("Những mẫu xe hạng {category} nào từng có lượt thuê đắt hơn mức trung bình?",
                   "Tìm các mẫu xe hạng {category} có ít nhất một lượt thuê với tổng chi phí trên mức trung bình."),
            "zh": ("哪些{category}类别的车型有过费用高于平均水平的租赁？", "找出至少有一次租赁总费用超过平均值的{category}类别车型。"),
        },
    ),
    Template(
        sql="SELECT T1.name FROM customer AS T1 JOIN rental AS T2 ON T1.customer_id = T2.customer_id "
            "WHERE T1.city = '{city}' EXCEPT SELECT T1.name FROM customer AS T1 JOIN rental AS T2 "
            "ON T1.customer_id = T2.customer_id JOIN car AS T3 ON T2.car_id = T3.car_id WHERE T3.category = 'luxury'",
        slots={"city": "SELECT DISTINCT T1.city FROM customer AS T1 JOIN rental AS T2 ON T1.customer_id = T2.customer_id"},
        n=2,
        questions={
            "en": ("Which customers from {city} have rented cars but never a luxury car?",
                   "Find customers living in {city} who have at least one rental and no rental of a luxury car."),
            "de": ("Welche Kunden aus {city} haben schon Autos gemietet, aber noch nie einen Luxuswagen?",
                   "Finde die Kunden aus {city}, die mindestens eine Anmietung haben, aber nie ein Luxusauto gemietet haben."),
            "es": ("¿Qué clientes de {city} han alquilado coches pero nunca uno de lujo?",
                   "Encuentra a los clientes que viven en {city} con al menos un alquiler y ningún alquiler de coche de lujo."),
            "fr": ("Quels clients de {city} ont déjà loué des voitures, mais jamais de voiture de luxe ?",
                   "Trouve les clients habitant à {city} qui ont au moins une location et aucune location de voiture de luxe."),
            "ja": ("{city}の顧客のうち、車を借りたことはあるが高級車は一度も借りていないのは誰ですか？",
                   "{city}に住み、レンタル歴はあるものの高級車のレンタルが1件もない顧客を探してください。"),
            "vi": ("Những khách hàng nào ở {city} đã từng thuê xe nhưng chưa bao giờ thuê xe hạng sang?",
                   "Tìm các khách hàng sống ở {city} có ít nhất một lượt thuê và không có lượt thuê xe hạng sang nào."),
            "zh": ("来自{city}的哪些客户租过车但从未租过豪华车？", "找出住在{city}、有租车记录但没有租过豪华车的客户。"),
        },
    ),
)

DOMAIN = Domain(
    db_id="car_rental",
    split="dev",
    schema_sql=SCHEMA_SQL,
    populate=populate,
    templates=TEMPLATES,
)
