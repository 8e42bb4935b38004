"""Mini-benchmark domain ``real_estate`` (dev): a brokerage with offices, agents, listings, sales and viewings."""

from __future__ import annotations

import datetime
import random
import sqlite3

from polysql.data.mini.template import Domain, Template

SCHEMA_SQL = """
CREATE TABLE offices (
    office_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    city TEXT NOT NULL,
    address TEXT NOT NULL,
    opened_year INTEGER NOT NULL
);
CREATE TABLE agents (
    agent_id INTEGER PRIMARY KEY,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    office_id INTEGER NOT NULL,
    hire_date TEXT NOT NULL,
    commission_rate REAL NOT NULL,
    FOREIGN KEY (office_id) REFERENCES offices(office_id)
);
CREATE TABLE properties (
    property_id INTEGER PRIMARY KEY,
    address TEXT NOT NULL,
    city TEXT NOT NULL,
    property_type TEXT NOT NULL,
    bedrooms INTEGER NOT NULL,
    area_sqm INTEGER NOT NULL,
    listing_price INTEGER NOT NULL,
    listed_date TEXT NOT NULL,
    listing_agent_id INTEGER NOT NULL,
    FOREIGN KEY (listing_agent_id) REFERENCES agents(agent_id)
);
CREATE TABLE sales (
    sale_id INTEGER PRIMARY KEY,
    property_id INTEGER NOT NULL,
    agent_id INTEGER NOT NULL,
    buyer_name TEXT NOT NULL,
    sale_date TEXT NOT NULL,
    sale_price INTEGER NOT NULL,
    FOREIGN KEY (property_id) REFERENCES properties(property_id),
    FOREIGN KEY (agent_id) REFERENCES agents(agent_id)
);
CREATE TABLE viewings (
    viewing_id INTEGER PRIMARY KEY,
    property_id INTEGER NOT NULL,
    agent_id INTEGER NOT NULL,
    client_name TEXT NOT NULL,
    viewing_date TEXT NOT NULL,
    FOREIGN KEY (property_id) REFERENCES properties(property_id),
    FOREIGN KEY (agent_id) REFERENCES agents(agent_id)
);
"""

# city -> (price per square metre in USD, office names)
_CITIES = {
    "Austin": (4200, ("Austin Downtown", "Austin Riverside", "Austin Northwest")),
    "Denver": (4800, ("Denver Central", "Denver Highlands", "Denver Cherry Creek")),
    "Portland": (4500, ("Portland Pearl District", "Portland Eastside")),
    "Seattle": (7500, ("Seattle Capitol Hill", "Seattle Ballard", "Seattle Eastlake")),
    "Boston": (8200, ("Boston Back Bay", "Boston Seaport", "Boston Beacon Hill")),
    "Nashville": (3900, ("Nashville Midtown", "Nashville East")),
    "San Diego": (7800, ("San Diego La Jolla", "San Diego Downtown")),
    "Phoenix": (3300, ("Phoenix Camelback", "Phoenix Midtown")),
}
# property type -> (bedroom range, area range in square metres, weight)
_TYPES = {
    "House": ((3, 5), (140, 320), 35),
    "Apartment": ((1, 3), (45, 130), 30),
    "Townhouse": ((2, 4), (110, 200), 15),
    "Condo": ((1, 3), (55, 140), 20),
}
_STREETS = ("Maple", "Oak", "Cedar", "Pine", "Elm", "Willow", "Birch", "Lakeview", "Hillcrest", "Sunset",
            "Park", "Ridge", "Highland", "River", "Meadow", "Spruce", "Chestnut", "Magnolia")
_SUFFIXES = ("Street", "Avenue", "Drive", "Lane", "Court", "Road", "Way")
_FIRST = ("James", "Mary", "John", "Patricia", "Robert", "Linda", "Michael", "Barbara", "William", "Susan",
          "Richard", "Karen", "Joseph", "Nancy", "Thomas", "Lisa", "Charles", "Sandra", "Daniel", "Ashley",
          "Matthew", "Kimberly", "Anthony", "Donna", "Mark", "Michelle", "Steven", "Laura", "Andrew", "Rachel",
          "Kevin", "Megan", "Brian", "Amanda", "Jason", "Stephanie", "Eric", "Rebecca", "Tyler", "Heather")
_LAST = ("Anderson", "Bailey", "Brooks", "Coleman", "Cooper", "Diaz", "Ellis", "Fisher", "Foster", "Gibson",
         "Graham", "Griffin", "Hayes", "Henderson", "Howard", "Hunt", "Jenkins", "Kennedy", "Lawson", "Marshall",
         "Mendoza", "Morgan", "Murphy", "Myers", "Ortiz", "Palmer", "Parker", "Patterson", "Perry", "Powell",
         "Price", "Ramirez", "Reed", "Reyes", "Richardson", "Rivera", "Ross", "Russell", "Sanders", "Simmons",
         "Stevens", "Sullivan", "Tucker", "Turner", "Wallace", "Ward", "Warren", "Watson", "Webb", "Wells")
_SENIORS_PER_OFFICE = 2
_JUNIORS = 5  # junior agents: they show properties but have neither listings nor sales


def _iso(day: datetime.date) -> str:
    return day.isoformat()


def populate(conn: sqlite3.Connection, rng: random.Random) -> None:
    """Insert offices, agents, properties, sales and viewings drawn from ``rng``."""
    offices = []
    for city, (_, names) in _CITIES.items():
        for name in names:
            street = f"{rng.randint(10, 990)} {rng.choice(_STREETS)} {rng.choice(_SUFFIXES)}"
            offices.append((len(offices) + 1, name, city, street, rng.randint(1985, 2020)))
    conn.executemany("INSERT INTO offices VALUES (?, ?, ?, ?, ?)", offices)
    city_of_office = {office[0]: office[2] for office in offices}

    n_agents = len(offices) * _SENIORS_PER_OFFICE + _JUNIORS
    last_names = rng.sample(_LAST, n_agents)  # unique surnames identify agents
    agents = []  # (agent_id, first, last, office_id, hire_date, commission)
    for i in range(n_agents):
        senior = i < len(offices) * _SENIORS_PER_OFFICE
        office_id = i // _SENIORS_PER_OFFICE + 1 if senior else rng.randint(1, len(offices))
        hired = (datetime.date(2008, 1, 1) + datetime.timedelta(days=rng.randint(0, 12 * 365)) if senior
                 else datetime.date(2023, 1, 1) + datetime.timedelta(days=rng.randint(0, 500)))
        agents.append((i + 1, rng.choice(_FIRST), last_names[i], office_id, _iso(hired),
                       rng.choice((0.02, 0.025, 0.03, 0.035))))
    conn.executemany("INSERT INTO agents VALUES (?, ?, ?, ?, ?, ?)", agents)
    seniors_in: dict[str, list[int]] = {}
    everyone_in: dict[str, list[int]] = {}
    for agent_id, _, _, office_id, _, _ in agents:
        everyone_in.setdefault(city_of_office[office_id], []).append(agent_id)
        if agent_id <= len(offices) * _SENIORS_PER_OFFICE:
            seniors_in.setdefault(city_of_office[office_id], []).append(agent_id)

    properties, addresses, areas, prices = [], set(), set(), set()
    for city, (per_sqm, _) in _CITIES.items():
        for _ in range(10):
            kind = rng.choices(list(_TYPES), [t[2] for t in _TYPES.values()])[0]
            (bed_lo, bed_hi), (area_lo, area_hi), _ = _TYPES[kind]
            address = f"{rng.randint(1, 2999)} {rng.choice(_STREETS)} {rng.choice(_SUFFIXES)}"
            while address in addresses:
                address = f"{rng.randint(1, 2999)} {rng.choice(_STREETS)} {rng.choice(_SUFFIXES)}"
            addresses.add(address)
            area = rng.randint(area_lo, area_hi)
            while area in areas:  # distinct areas: "largest property" answers are unique
                area += 1
            areas.add(area)
            price = round(area * per_sqm * rng.uniform(0.85, 1.2), -3)
            while price in prices:
                price += 1000
            prices.add(price)
            listed = datetime.date(2023, 1, 1) + datetime.timedelta(days=rng.randint(0, 540))
            properties.append((len(properties) + 1, address, city, kind, rng.randint(bed_lo, bed_hi), area,
                               int(price), _iso(listed), rng.choice(seniors_in[city])))
    conn.executemany("INSERT INTO properties VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", properties)

    sold = sorted(rng.sample(properties, 40))
    sales = []  # [property_id, agent_id, buyer, sale_date, sale_price]
    buyers = rng.sample([f"{f} {l}" for f in _FIRST for l in _LAST], len(sold))
    for prop, buyer in zip(sold, buyers):
        agent_id = prop[8] if rng.random() < 0.75 else rng.choice(seniors_in[prop[2]])
        sale_date = datetime.date.fromisoformat(prop[7]) + datetime.timedelta(days=rng.randint(10, 120))
        sale_price = int(round(prop[6] * rng.uniform(0.92, 1.05), -2))
        sales.append([prop[0], agent_id, buyer, _iso(sale_date), sale_price])
    _make_top_office_unique(sales, agents)
    sales.sort(key=lambda s: (s[3], s[0]))
    conn.executemany("INSERT INTO sales VALUES (?, ?, ?, ?, ?, ?)", [(i, *s) for i, s in enumerate(sales, 1)])

    sold_ids = {prop[0] for prop in sold}
    unsold = [prop for prop in properties if prop[0] not in sold_ids]
    viewed = rng.sample(unsold, 5) + [rng.choice(properties) for _ in range(95)]
    viewings = []
    for prop in viewed:
        day = datetime.date.fromisoformat(prop[7]) + datetime.timedelta(days=rng.randint(1, 60))
        client = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        viewings.append((prop[0], rng.choice(everyone_in[prop[2]]), client, _iso(day)))
    viewings.sort(key=lambda v: (v[3], v[0]))
    conn.executemany("INSERT INTO viewings VALUES (?, ?, ?, ?, ?)", [(i, *v) for i, v in enumerate(viewings, 1)])


def _make_top_office_unique(sales: list[list], agents: list[tuple]) -> None:
    """Credit sales of tied runner-up offices to the leading office until it leads alone."""
    office_of = {agent[0]: agent[3] for agent in agents}
    for _ in range(100):
        tally: dict[int, int] = {}
        for sale in sales:
            tally[office_of[sale[1]]] = tally.get(office_of[sale[1]], 0) + 1
        best = max(tally.values())
        leaders = sorted(office for office, k in tally.items() if k == best)
        if len(leaders) == 1:
            return
        receiver = next(agent[0] for agent in agents if agent[3] == leaders[0])
        next(sale for sale in sales if office_of[sale[1]] == leaders[1])[1] = receiver
    raise RuntimeError("real_estate: could not make the top office unique")


_CITY = "SELECT DISTINCT city FROM properties"
_TYPE = "SELECT DISTINCT property_type FROM properties"

TEMPLATES = (
    # ---- easy ----
    Template(
        sql="SELECT address FROM properties WHERE city = '{city}'",
        slots={"city": _CITY},
        n=3,
        questions={
            "en": ("What are the addresses of the properties in {city}?", "List all property addresses located in {city}."),
            "de": ("Wie lauten die Adressen der Immobilien in {city}?", "Liste alle Adressen von Objekten in {city} auf."),
            "es": ("¿Cuáles son las direcciones de las propiedades en {city}?",
                   "Enumera las direcciones de todos los inmuebles situados en {city}."),
            "fr": ("Quelles sont les adresses des biens situés à {city} ?",
                   "Donnez l'adresse de tous les biens immobiliers situés à {city}."),
            "ja": ("{city}にある物件の住所は何ですか？", "{city}に所在するすべての物件の住所を挙げてください。"),
            "vi": ("Địa chỉ của các bất động sản ở {city} là gì?", "Liệt kê địa chỉ tất cả bất động sản nằm tại {city}."),
            "zh": ("位于{city}的房产地址有哪些？", "列出{city}所有房源的地址。"),
        },
    ),
    Template(
        sql="SELECT count(*) FROM properties WHERE bedrooms >= {bedrooms}",
        slots={"bedrooms": "SELECT DISTINCT bedrooms FROM properties"},
        n=2,
        questions={
            "en": ("How many properties have at least {bedrooms} bedrooms?",
                   "Count the listings with {bedrooms} or more bedrooms."),
            "de": ("Wie viele Immobilien haben mindestens {bedrooms} Schlafzimmer?",
                   "Zähle die Objekte mit {bedrooms} oder mehr Schlafzimmern."),
            "es": ("¿Cuántas propiedades tienen al menos {bedrooms} dormitorios?",
                   "Cuenta los inmuebles con {bedrooms} dormitorios o más."),
            "fr": ("Combien de biens ont au moins {bedrooms} chambres ?",
                   "Comptez les biens comportant {bedrooms} chambres ou plus."),
            "ja": ("寝室が{bedrooms}室以上ある物件はいくつありますか？", "寝室数が{bedrooms}以上の物件の数を数えてください。"),
            "vi": ("Có bao nhiêu bất động sản có ít nhất {bedrooms} phòng ngủ?",
                   "Đếm số bất động sản có từ {bedrooms} phòng ngủ trở lên."),
            "zh": ("至少有{bedrooms}间卧室的房产有多少套？", "统计卧室数不少于{bedrooms}间的房源数量。"),
        },
    ),
    Template(
        sql="SELECT name FROM offices WHERE city = '{city}'",
        slots={"city": "SELECT DISTINCT city FROM offices"},
        n=2,
        questions={
            "en": ("Which offices does the company have in {city}?", "List the names of the offices located in {city}."),
            "de": ("Welche Büros hat das Unternehmen in {city}?", "Nenne die Namen der Niederlassungen in {city}."),
            "es": ("¿Qué oficinas tiene la empresa en {city}?", "Enumera los nombres de las oficinas situadas en {city}."),
            "fr": ("Quelles agences l'entreprise possède-t-elle à {city} ?", "Donnez le nom des agences situées à {city}."),
            "ja": ("{city}にはどの支店がありますか？", "{city}にある支店の名前を挙げてください。"),
            "vi": ("Công ty có những văn phòng nào ở {city}?", "Liệt kê tên các văn phòng đặt tại {city}."),
            "zh": ("公司在{city}有哪些办事处？", "列出位于{city}的办事处名称。"),
        },
    ),
    Template(
        sql="SELECT avg(sale_price) FROM sales",
        questions={
            "en": ("What is the average sale price?", "On average, how much did the sold properties go for?"),
            "de": ("Wie hoch ist der durchschnittliche Verkaufspreis?",
                   "Zu welchem Preis wurden die verkauften Immobilien im Schnitt verkauft?"),
            "es": ("¿Cuál es el precio medio de venta?", "En promedio, ¿por cuánto se vendieron las propiedades?"),
            "fr": ("Quel est le prix de vente moyen ?", "En moyenne, à quel prix les biens ont-ils été vendus ?"),
            "ja": ("平均成約価格はいくらですか？", "売却された物件は平均でいくらで売れましたか？"),
            "vi": ("Giá bán trung bình là bao nhiêu?", "Trung bình các bất động sản đã được bán với giá bao nhiêu?"),
            "zh": ("平均成交价是多少？", "已售房产的平均售价是多少？"),
        },
    ),
    Template(
        sql="SELECT count(*) FROM properties WHERE property_type = '{property_type}'",
        slots={"property_type": _TYPE},
        n=3,
        questions={
            "en": ("How many properties are of type {property_type}?", "Count the listings whose property type is {property_type}."),
            "de": ("Wie viele Immobilien sind vom Typ {property_type}?",
                   "Zähle die Objekte, deren Immobilientyp {property_type} ist."),
            "es": ("¿Cuántas propiedades son del tipo {property_type}?",
                   "Cuenta los inmuebles cuyo tipo de propiedad es {property_type}."),
            "fr": ("Combien de biens sont du type {property_type} ?", "Comptez les biens dont le type est {property_type}."),
            "ja": ("種別が{property_type}の物件はいくつありますか？", "物件種別が{property_type}である物件の数を数えてください。"),
            "vi": ("Có bao nhiêu bất động sản thuộc loại {property_type}?",
                   "Đếm số bất động sản có loại hình là {property_type}."),
            "zh": ("类型为{property_type}的房产有多少套？", "统计房产类型为{property_type}的房源数量。"),
        },
    ),
    # ---- medium ----
    Template(
        sql="SELECT T1.first_name, T1.last_name FROM agents AS T1 JOIN offices AS T2 ON T1.office_id = T2.office_id "
            "WHERE T2.name = '{office}'",
        slots={"office": "SELECT name FROM offices"},
        n=3,
        questions={
            "en": ("Which agents work at the {office} office? Give first and last names.",
                   "List the full names of the agents employed at the office {office}."),
            "de": ("Welche Makler arbeiten im Büro {office}? Nenne Vor- und Nachnamen.",
                   "Liste die vollständigen Namen der Makler auf, die in der Niederlassung {office} beschäftigt sind."),
            "es": ("¿Qué agentes trabajan en la oficina {office}? Indica nombre y apellido.",
                   "Enumera los nombres completos de los agentes empleados en la oficina {office}."),
            "fr": ("Quels agents travaillent à l'agence {office} ? Donnez leur prénom et leur nom.",
                   "Donnez le nom complet des agents employés à l'agence {office}."),
            "ja": ("{office}支店で働いているエージェントは誰ですか？名と姓を答えてください。",
                   "支店{office}に所属するエージェントの氏名を挙げてください。"),
            "vi": ("Những nhân viên môi giới nào làm việc tại văn phòng {office}? Cho biết tên và họ.",
                   "Liệt kê họ tên đầy đủ của các nhân viên môi giới thuộc văn phòng {office}."),
            "zh": ("哪些经纪人在{office}办事处工作？给出名和姓。", "列出受雇于{office}办事处的经纪人的全名。"),
        },
    ),
    Template(
        sql="SELECT property_type, count(*) FROM properties GROUP BY property_type",
        questions={
            "en": ("How many properties are there of each type?", "Show each property type with the number of listings."),
            "de": ("Wie viele Immobilien gibt es von jedem Typ?", "Zeige jeden Immobilientyp mit der Anzahl der Objekte."),
            "es": ("¿Cuántas propiedades hay de cada tipo?", "Muestra cada tipo de propiedad con su número de inmuebles."),
            "fr": ("Combien de biens y a-t-il pour chaque type ?", "Affichez chaque type de bien avec le nombre d'annonces."),
            "ja": ("種別ごとに物件はいくつありますか？", "各物件種別とその物件数を表示してください。"),
            "vi": ("Mỗi loại bất động sản có bao nhiêu căn?", "Hiển thị từng loại bất động sản cùng số lượng tin đăng."),
            "zh": ("每种类型的房产各有多少套？", "显示每种房产类型及其房源数量。"),
        },
    ),
    Template(
        sql="SELECT address, listing_price FROM properties ORDER BY listing_price DESC LIMIT 3",
        questions={
            "en": ("What are the three most expensive listings and their asking prices?",
                   "Show the addresses and listing prices of the 3 priciest properties."),
            "de": ("Welches sind die drei teuersten Angebote und wie hoch sind ihre Angebotspreise?",
                   "Zeige Adresse und Angebotspreis der 3 teuersten Immobilien."),
            "es": ("¿Cuáles son las tres propiedades más caras y sus precios de oferta?",
                   "Muestra la dirección y el precio de oferta de los 3 inmuebles más caros."),
            "fr": ("Quels sont les trois biens les plus chers et leurs prix affichés ?",
                   "Affichez l'adresse et le prix affiché des 3 biens les plus chers."),
            "ja": ("売出価格が最も高い3物件とその価格は何ですか？", "最も高額な3つの物件の住所と売出価格を表示してください。"),
            "vi": ("Ba bất động sản đắt nhất là những căn nào và giá niêm yết bao nhiêu?",
                   "Hiển thị địa chỉ và giá niêm yết của 3 bất động sản đắt nhất."),
            "zh": ("挂牌价最高的三套房产是哪些？挂牌价分别是多少？", "显示最贵的3套房产的地址和挂牌价。"),
        },
    ),
    Template(
        sql="SELECT T2.address FROM sales AS T1 JOIN properties AS T2 ON T1.property_id = T2.property_id "
            "WHERE T1.buyer_name = '{buyer}'",
        slots={"buyer": "SELECT buyer_name FROM sales"},
        n=3,
        questions={
            "en": ("Which property did {buyer} buy? Give its address.", "What is the address of the property purchased by {buyer}?"),
            "de": ("Welche Immobilie hat {buyer} gekauft? Gib die Adresse an.",
                   "Wie lautet die Adresse des Objekts, das {buyer} erworben hat?"),
            "es": ("¿Qué propiedad compró {buyer}? Indica su dirección.",
                   "¿Cuál es la dirección del inmueble adquirido por {buyer}?"),
            "fr": ("Quel bien {buyer} a-t-il acheté ? Donnez son adresse.",
                   "Quelle est l'adresse du bien acquis par {buyer} ?"),
            "ja": ("{buyer}が購入した物件はどれですか？住所を答えてください。", "{buyer}が買った物件の住所は何ですか？"),
            "vi": ("{buyer} đã mua bất động sản nào? Cho biết địa chỉ.", "Địa chỉ của bất động sản mà {buyer} đã mua là gì?"),
            "zh": ("{buyer}买了哪套房产？给出其地址。", "{buyer}购买的房产地址是什么？"),
        },
    ),
    Template(
        sql="SELECT min(listing_price), max(listing_price) FROM properties WHERE city = '{city}'",
        slots={"city": _CITY},
        n=3,
        questions={
            "en": ("What are the lowest and highest listing prices in {city}?",
                   "Give the minimum and maximum asking price of properties in {city}."),
            "de": ("Wie hoch sind der niedrigste und der höchste Angebotspreis in {city}?",
                   "Gib den minimalen und maximalen Angebotspreis der Immobilien in {city} an."),
            "es": ("¿Cuáles son el precio de oferta más bajo y el más alto en {city}?",
                   "Indica el precio de oferta mínimo y máximo de las propiedades de {city}."),
            "fr": ("Quels sont le prix affiché le plus bas et le plus élevé à {city} ?",
                   "Donnez le prix demandé minimal et maximal des biens situés à {city}."),
            "ja": ("{city}の売出価格の最低額と最高額はいくらですか？", "{city}にある物件の売出価格の最小値と最大値を求めてください。"),
            "vi": ("Giá niêm yết thấp nhất và cao nhất ở {city} là bao nhiêu?",
                   "Cho biết giá chào bán tối thiểu và tối đa của các bất động sản tại {city}."),
            "zh": ("{city}的最低和最高挂牌价分别是多少？", "给出{city}房源挂牌价的最小值和最大值。"),
        },
    ),
    Template(
        sql="SELECT T2.name, count(*) FROM agents AS T1 JOIN offices AS T2 ON T1.office_id = T2.office_id GROUP BY T2.name",
        questions={
            "en": ("How many agents does each office have?", "For each office, show its name and the number of agents working there."),
            "de": ("Wie viele Makler hat jedes Büro?", "Zeige für jede Niederlassung den Namen und die Zahl der dort tätigen Makler."),
            "es": ("¿Cuántos agentes tiene cada oficina?", "Para cada oficina, muestra su nombre y el número de agentes que trabajan allí."),
            "fr": ("Combien d'agents chaque agence compte-t-elle ?",
                   "Pour chaque agence, affichez son nom et le nombre d'agents qui y travaillent."),
            "ja": ("各支店には何人のエージェントがいますか？", "支店ごとに、名前とそこで働くエージェントの人数を表示してください。"),
            "vi": ("Mỗi văn phòng có bao nhiêu nhân viên môi giới?",
                   "Với mỗi văn phòng, hiển thị tên và số nhân viên môi giới làm việc ở đó."),
            "zh": ("每个办事处有多少名经纪人？", "对于每个办事处，显示其名称和在那里工作的经纪人人数。"),
        },
    ),
    Template(
        sql="SELECT address, area_sqm FROM properties WHERE property_type = '{property_type}'",
        slots={"property_type": _TYPE},
        n=2,
        questions={
            "en": ("What are the addresses and floor areas of all {property_type} listings?",
                   "Show the address and size in square metres of every property of type {property_type}."),
            "de": ("Wie lauten Adresse und Wohnfläche aller Objekte vom Typ {property_type}?",
                   "Zeige Adresse und Fläche in Quadratmetern jeder Immobilie des Typs {property_type}."),
            "es": ("¿Cuáles son la dirección y la superficie de todas las propiedades del tipo {property_type}?",
                   "Muestra la dirección y los metros cuadrados de cada inmueble de tipo {property_type}."),
            "fr": ("Quelles sont l'adresse et la surface de tous les biens du type {property_type} ?",
                   "Affichez l'adresse et la surface en mètres carrés de chaque bien de type {property_type}."),
            "ja": ("種別が{property_type}のすべての物件の住所と面積は何ですか？",
                   "{property_type}タイプの各物件について、住所と平方メートル単位の面積を表示してください。"),
            "vi": ("Địa chỉ và diện tích của tất cả bất động sản loại {property_type} là gì?",
                   "Hiển thị địa chỉ và diện tích tính bằng mét vuông của mọi bất động sản thuộc loại {property_type}."),
            "zh": ("所有{property_type}类型房源的地址和面积是多少？", "显示每套类型为{property_type}的房产的地址和平方米面积。"),
        },
    ),
    # ---- hard ----
    Template(
        sql="SELECT address FROM properties WHERE listing_price > (SELECT avg(listing_price) FROM properties)",
        questions={
            "en": ("Which properties are listed above the average listing price?",
                   "Give the addresses of properties whose asking price is higher than the average."),
            "de": ("Welche Immobilien sind teurer angeboten als der durchschnittliche Angebotspreis?",
                   "Nenne die Adressen der Objekte, deren Angebotspreis über dem Durchschnitt liegt."),
            "es": ("¿Qué propiedades tienen un precio de oferta superior a la media?",
                   "Indica las direcciones de los inmuebles cuyo precio de oferta supera el promedio."),
            "fr": ("Quels biens sont affichés au-dessus du prix moyen ?",
                   "Donnez l'adresse des biens dont le prix demandé dépasse la moyenne."),
            "ja": ("売出価格が平均を上回る物件はどれですか？", "売出価格が平均より高い物件の住所を挙げてください。"),
            "vi": ("Những bất động sản nào có giá niêm yết cao hơn mức trung bình?",
                   "Cho biết địa chỉ các bất động sản có giá chào bán cao hơn giá trung bình."),
            "zh": ("哪些房产的挂牌价高于平均挂牌价？", "给出挂牌价高于平均水平的房产地址。"),
        },
    ),
    Template(
        sql="SELECT address FROM properties WHERE property_id NOT IN (SELECT property_id FROM sales)",
        questions={
            "en": ("Which properties have not been sold yet?", "List the addresses of properties without any sale."),
            "de": ("Welche Immobilien wurden noch nicht verkauft?", "Nenne die Adressen der Objekte, für die es keinen Verkauf gibt."),
            "es": ("¿Qué propiedades aún no se han vendido?", "Enumera las direcciones de los inmuebles que no tienen ninguna venta."),
            "fr": ("Quels biens n'ont pas encore été vendus ?", "Donnez l'adresse des biens qui n'ont fait l'objet d'aucune vente."),
            "ja": ("まだ売れていない物件はどれですか？", "売却記録のない物件の住所を挙げてください。"),
            "vi": ("Những bất động sản nào chưa được bán?", "Liệt kê địa chỉ các bất động sản chưa có giao dịch bán nào."),
            "zh": ("哪些房产还没有售出？", "列出没有任何成交记录的房产地址。"),
        },
    ),
    Template(
        sql="SELECT address FROM properties WHERE city = '{city}' ORDER BY area_sqm DESC LIMIT 1",
        slots={"city": _CITY},
        n=3,
        questions={
            "en": ("What is the address of the largest property in {city}?", "Which listing in {city} has the biggest floor area?"),
            "de": ("Wie lautet die Adresse der größten Immobilie in {city}?", "Welches Objekt in {city} hat die größte Fläche?"),
            "es": ("¿Cuál es la dirección de la propiedad más grande de {city}?",
                   "¿Qué inmueble de {city} tiene la mayor superficie?"),
            "fr": ("Quelle est l'adresse du plus grand bien à {city} ?", "Quel bien situé à {city} a la plus grande surface ?"),
            "ja": ("{city}で最も広い物件の住所はどこですか？", "{city}の物件のうち、面積が最大のものはどれですか？"),
            "vi": ("Địa chỉ của bất động sản lớn nhất ở {city} là gì?", "Bất động sản nào ở {city} có diện tích lớn nhất?"),
            "zh": ("{city}面积最大的房产地址是什么？", "{city}哪套房源的面积最大？"),
        },
    ),
    Template(
        sql="SELECT T1.address, T1.listing_price FROM properties AS T1 JOIN agents AS T2 "
            "ON T1.listing_agent_id = T2.agent_id WHERE T2.last_name = '{last_name}' ORDER BY T1.listing_price",
        slots={"last_name": "SELECT DISTINCT T2.last_name FROM properties AS T1 JOIN agents AS T2 "
                            "ON T1.listing_agent_id = T2.agent_id"},
        n=3,
        questions={
            "en": ("List the addresses and listing prices of properties listed by agent {last_name}, cheapest first.",
                   "Which properties does the agent with the last name {last_name} list, and at what price? Sort by price."),
            "de": ("Liste Adressen und Angebotspreise der Objekte auf, die Makler {last_name} anbietet, die günstigsten zuerst.",
                   "Welche Immobilien vermarktet der Makler mit dem Nachnamen {last_name} und zu welchem Preis? "
                   "Sortiere nach Preis."),
            "es": ("Enumera las direcciones y los precios de oferta de las propiedades del agente {last_name}, de la más "
                   "barata a la más cara.",
                   "¿Qué inmuebles ofrece el agente de apellido {last_name} y a qué precio? Ordena por precio."),
            "fr": ("Donnez l'adresse et le prix affiché des biens proposés par l'agent {last_name}, du moins cher au "
                   "plus cher.",
                   "Quels biens l'agent dont le nom est {last_name} met-il en vente, et à quel prix ? Triez par prix."),
            "ja": ("エージェント{last_name}が担当する物件の住所と売出価格を、安い順に挙げてください。",
                   "姓が{last_name}のエージェントはどの物件をいくらで売り出していますか？価格順に並べてください。"),
            "vi": ("Liệt kê địa chỉ và giá niêm yết của các bất động sản do môi giới {last_name} đăng bán, rẻ nhất trước.",
                   "Nhân viên môi giới họ {last_name} đang rao bán những bất động sản nào và với giá bao nhiêu? "
                   "Sắp xếp theo giá."),
            "zh": ("按挂牌价从低到高列出经纪人{last_name}挂牌的房产地址和挂牌价。",
                   "姓{last_name}的经纪人挂牌了哪些房产？价格是多少？按价格排序。"),
        },
    ),
    Template(
        sql="SELECT city, avg(listing_price) FROM properties GROUP BY city ORDER BY avg(listing_price) DESC LIMIT 1",
        questions={
            "en": ("Which city has the highest average listing price, and what is that average?",
                   "Find the most expensive city by average asking price, together with the average."),
            "de": ("Welche Stadt hat den höchsten durchschnittlichen Angebotspreis und wie hoch ist er?",
                   "Finde die Stadt mit dem höchsten mittleren Angebotspreis und gib diesen Durchschnitt an."),
            "es": ("¿Qué ciudad tiene el precio de oferta medio más alto y cuál es ese promedio?",
                   "Encuentra la ciudad más cara según el precio de oferta promedio, junto con dicho promedio."),
            "fr": ("Quelle ville a le prix affiché moyen le plus élevé, et quelle est cette moyenne ?",
                   "Trouvez la ville la plus chère selon le prix demandé moyen, avec cette moyenne."),
            "ja": ("平均売出価格が最も高い都市はどこで、その平均はいくらですか？",
                   "平均売出価格で見て最も高い都市とその平均価格を求めてください。"),
            "vi": ("Thành phố nào có giá niêm yết trung bình cao nhất và mức trung bình đó là bao nhiêu?",
                   "Tìm thành phố đắt đỏ nhất theo giá chào bán trung bình, kèm theo giá trung bình đó."),
            "zh": ("哪个城市的平均挂牌价最高？平均值是多少？", "找出平均挂牌价最高的城市及该平均价。"),
        },
    ),
    Template(
        sql="SELECT count(*) FROM viewings WHERE property_id IN "
            "(SELECT property_id FROM properties WHERE property_type = '{property_type}')",
        slots={"property_type": _TYPE},
        n=2,
        questions={
            "en": ("How many viewings were held for properties of type {property_type}?",
                   "Count the viewings of {property_type} listings."),
            "de": ("Wie viele Besichtigungen fanden für Immobilien vom Typ {property_type} statt?",
                   "Zähle die Besichtigungen von Objekten des Typs {property_type}."),
            "es": ("¿Cuántas visitas se realizaron a propiedades del tipo {property_type}?",
                   "Cuenta las visitas a inmuebles de tipo {property_type}."),
            "fr": ("Combien de visites ont eu lieu pour des biens du type {property_type} ?",
                   "Comptez les visites de biens de type {property_type}."),
            "ja": ("種別が{property_type}の物件の内見は何回行われましたか？", "{property_type}タイプの物件の内見件数を数えてください。"),
            "vi": ("Đã có bao nhiêu lượt xem nhà đối với các bất động sản loại {property_type}?",
                   "Đếm số lượt xem của các bất động sản thuộc loại {property_type}."),
            "zh": ("类型为{property_type}的房产共进行了多少次看房？", "统计{property_type}类房源的看房次数。"),
        },
    ),
    # ---- extra ----
    Template(
        sql="SELECT T1.first_name, T1.last_name FROM agents AS T1 JOIN sales AS T2 ON T1.agent_id = T2.agent_id "
            "GROUP BY T1.agent_id ORDER BY sum(T2.sale_price) DESC LIMIT 1",
        questions={
            "en": ("Which agent has the highest total sales value? Give the first and last name.",
                   "Who is the agent whose sales add up to the largest amount?"),
            "de": ("Welcher Makler hat den höchsten Gesamtumsatz aus Verkäufen? Nenne Vor- und Nachnamen.",
                   "Wer ist der Makler, dessen Verkäufe sich zur größten Summe addieren?"),
            "es": ("¿Qué agente tiene el mayor valor total de ventas? Indica el nombre y el apellido.",
                   "¿Quién es el agente cuyas ventas suman el importe más alto?"),
            "fr": ("Quel agent a le montant total de ventes le plus élevé ? Donnez son prénom et son nom.",
                   "Qui est l'agent dont les ventes totalisent la plus grosse somme ?"),
            "ja": ("売却総額が最も大きいエージェントは誰ですか？名と姓を答えてください。",
                   "成約価格の合計が最も高いエージェントは誰ですか？"),
            "vi": ("Nhân viên môi giới nào có tổng giá trị bán hàng cao nhất? Cho biết tên và họ.",
                   "Ai là người môi giới có tổng số tiền bán được lớn nhất?"),
            "zh": ("哪位经纪人的销售总额最高？给出名和姓。", "成交价总和最高的经纪人是谁？"),
        },
    ),
    Template(
        sql="SELECT DISTINCT T3.first_name, T3.last_name FROM sales AS T1 JOIN properties AS T2 "
            "ON T1.property_id = T2.property_id JOIN agents AS T3 ON T1.agent_id = T3.agent_id "
            "WHERE T2.city = '{city}' ORDER BY T3.last_name",
        slots={"city": "SELECT DISTINCT T2.city FROM sales AS T1 JOIN properties AS T2 ON T1.property_id = T2.property_id"},
        n=3,
        questions={
            "en": ("Which agents have sold a property in {city}? Sort them by last name.",
                   "List the full names of agents with at least one sale in {city}, ordered by surname."),
            "de": ("Welche Makler haben eine Immobilie in {city} verkauft? Sortiere sie nach Nachnamen.",
                   "Liste die vollständigen Namen der Makler mit mindestens einem Verkauf in {city} auf, nach "
                   "Nachnamen geordnet."),
            "es": ("¿Qué agentes han vendido una propiedad en {city}? Ordénalos por apellido.",
                   "Enumera los nombres completos de los agentes con al menos una venta en {city}, ordenados por apellido."),
            "fr": ("Quels agents ont vendu un bien à {city} ? Triez-les par nom de famille.",
                   "Donnez le nom complet des agents ayant réalisé au moins une vente à {city}, classés par nom."),
            "ja": ("{city}で物件を売ったエージェントは誰ですか？姓の順に並べてください。",
                   "{city}で1件以上の売却実績があるエージェントの氏名を、姓の順に挙げてください。"),
            "vi": ("Những nhân viên môi giới nào đã bán bất động sản ở {city}? Sắp xếp theo họ.",
                   "Liệt kê họ tên đầy đủ của các môi giới có ít nhất một giao dịch bán tại {city}, theo thứ tự họ."),
            "zh": ("哪些经纪人在{city}卖出过房产？按姓氏排序。", "按姓氏顺序列出在{city}至少成交过一套房产的经纪人全名。"),
        },
    ),
    Template(
        sql="SELECT T1.address FROM properties AS T1 JOIN viewings AS T2 ON T1.property_id = T2.property_id "
            "WHERE T1.city = '{city}' EXCEPT SELECT T1.address FROM properties AS T1 JOIN sales AS T2 "
            "ON T1.property_id = T2.property_id",
        slots={"city": "SELECT DISTINCT city FROM properties WHERE property_id IN (SELECT property_id FROM viewings) "
                       "AND property_id NOT IN (SELECT property_id FROM sales)"},
        n=1,
        questions={
            "en": ("Which properties in {city} have been viewed but not sold?",
                   "List the addresses of properties in {city} that had at least one viewing but no sale."),
            "de": ("Welche Immobilien in {city} wurden besichtigt, aber nicht verkauft?",
                   "Nenne die Adressen der Objekte in {city}, die mindestens eine Besichtigung, aber keinen Verkauf "
                   "hatten."),
            "es": ("¿Qué propiedades de {city} se han visitado pero no se han vendido?",
                   "Enumera las direcciones de los inmuebles de {city} que tuvieron al menos una visita pero ninguna "
                   "venta."),
            "fr": ("Quels biens situés à {city} ont été visités mais pas vendus ?",
                   "Donnez l'adresse des biens situés à {city} qui ont eu au moins une visite mais aucune vente."),
            "ja": ("{city}の物件のうち、内見はされたが売れていないものはどれですか？",
                   "内見が1回以上あるのに売却されていない{city}の物件の住所を挙げてください。"),
            "vi": ("Những bất động sản nào ở {city} đã có người xem nhưng chưa bán được?",
                   "Liệt kê địa chỉ các bất động sản tại {city} có ít nhất một lượt xem nhưng không có giao dịch bán."),
            "zh": ("{city}哪些房产有人看过但没有卖出？", "列出{city}至少被看过一次但没有成交的房产地址。"),
        },
    ),
    Template(
        sql="SELECT T1.address FROM properties AS T1 JOIN sales AS T2 ON T1.property_id = T2.property_id "
            "WHERE T1.city = '{city}' AND T2.sale_price > (SELECT avg(sale_price) FROM sales)",
        slots={"city": "SELECT DISTINCT T1.city FROM properties AS T1 JOIN sales AS T2 ON T1.property_id = T2.property_id "
                       "WHERE T2.sale_price > (SELECT avg(sale_price) FROM sales)"},
        n=2,
        questions={
            "en": ("Which properties in {city} sold for more than the average sale price?",
                   "List the addresses of {city} properties whose sale price exceeded the average of all sales."),
            "de": ("Welche Immobilien in {city} wurden über dem durchschnittlichen Verkaufspreis verkauft?",
                   "Nenne die Adressen der Objekte in {city}, deren Verkaufspreis über dem Durchschnitt aller "
                   "Verkäufe lag."),
            "es": ("¿Qué propiedades de {city} se vendieron por encima del precio medio de venta?",
                   "Enumera las direcciones de los inmuebles de {city} cuyo precio de venta superó el promedio de "
                   "todas las ventas."),
            "fr": ("Quels biens situés à {city} ont été vendus au-dessus du prix de vente moyen ?",
                   "Donnez l'adresse des biens situés à {city} dont le prix de vente a dépassé la moyenne de toutes les ventes."),
            "ja": ("{city}の物件のうち、平均成約価格より高く売れたものはどれですか？",
                   "成約価格が全売却の平均を上回った{city}の物件の住所を挙げてください。"),
            "vi": ("Những bất động sản nào ở {city} được bán với giá cao hơn giá bán trung bình?",
                   "Liệt kê địa chỉ các bất động sản tại {city} có giá bán vượt mức trung bình của mọi giao dịch."),
            "zh": ("{city}哪些房产的成交价高于平均成交价？", "列出{city}成交价超过所有成交平均值的房产地址。"),
        },
    ),
    Template(
        sql="SELECT T1.name, count(*) FROM offices AS T1 JOIN agents AS T2 ON T1.office_id = T2.office_id "
            "JOIN sales AS T3 ON T2.agent_id = T3.agent_id GROUP BY T1.office_id ORDER BY count(*) DESC LIMIT 1",
        questions={
            "en": ("Which office's agents closed the most sales, and how many?",
                   "Find the office with the largest number of sales by its agents, together with that number."),
            "de": ("Die Makler welches Büros haben die meisten Verkäufe abgeschlossen und wie viele waren es?",
                   "Finde die Niederlassung, deren Makler die meisten Verkäufe erzielt haben, und gib die Anzahl an."),
            "es": ("¿Los agentes de qué oficina cerraron más ventas y cuántas fueron?",
                   "Encuentra la oficina cuyos agentes realizaron el mayor número de ventas, junto con ese número."),
            "fr": ("Les agents de quelle agence ont conclu le plus de ventes, et combien ?",
                   "Trouvez l'agence dont les agents ont réalisé le plus grand nombre de ventes, avec ce nombre."),
            "ja": ("所属エージェントの成約件数が最も多い支店はどこで、何件ですか？",
                   "エージェントによる売却件数が最多の支店とその件数を求めてください。"),
            "vi": ("Nhân viên của văn phòng nào chốt được nhiều giao dịch bán nhất và bao nhiêu giao dịch?",
                   "Tìm văn phòng có số giao dịch bán của các môi giới nhiều nhất, kèm theo con số đó."),
            "zh": ("哪个办事处的经纪人成交最多？成交了多少套？", "找出旗下经纪人成交数量最多的办事处及其成交数量。"),
        },
    ),
    Template(
        sql="SELECT first_name, last_name FROM agents WHERE agent_id NOT IN (SELECT agent_id FROM sales)",
        questions={
            "en": ("Which agents have never sold a property? Give first and last names.",
                   "List the full names of agents without any sale."),
            "de": ("Welche Makler haben noch nie eine Immobilie verkauft? Nenne Vor- und Nachnamen.",
                   "Liste die vollständigen Namen der Makler ohne einen einzigen Verkauf auf."),
            "es": ("¿Qué agentes nunca han vendido una propiedad? Indica nombre y apellido.",
                   "Enumera los nombres completos de los agentes que no tienen ninguna venta."),
            "fr": ("Quels agents n'ont jamais vendu de bien ? Donnez leur prénom et leur nom.",
                   "Donnez le nom complet des agents qui n'ont réalisé aucune vente."),
            "ja": ("一度も物件を売ったことがないエージェントは誰ですか？名と姓を答えてください。",
                   "売却実績が一件もないエージェントの氏名を挙げてください。"),
            "vi": ("Những nhân viên môi giới nào chưa từng bán được bất động sản nào? Cho biết tên và họ.",
                   "Liệt kê họ tên đầy đủ của các môi giới không có giao dịch bán nào."),
            "zh": ("哪些经纪人从未卖出过房产？给出名和姓。", "列出没有任何成交记录的经纪人的全名。"),
        },
    ),
)

DOMAIN = Domain(db_id="real_estate", split="dev", schema_sql=SCHEMA_SQL, populate=populate, templates=TEMPLATES)
