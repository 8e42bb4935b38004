"""Mini-benchmark domain ``ecommerce`` (train): an online shop with customers, products and orders."""

from __future__ import annotations

import datetime
import random
import sqlite3

from polysql.data.mini.template import Domain, Template

SCHEMA_SQL = """
CREATE TABLE categories (
    category_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT
);
CREATE TABLE products (
    product_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    brand TEXT NOT NULL,
    category_id INTEGER NOT NULL,
    price REAL NOT NULL,
    stock INTEGER NOT NULL,
    FOREIGN KEY (category_id) REFERENCES categories(category_id)
);
CREATE TABLE customers (
    customer_id INTEGER PRIMARY KEY,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    email TEXT NOT NULL,
    city TEXT NOT NULL,
    country TEXT NOT NULL,
    signup_date TEXT NOT NULL
);
CREATE TABLE orders (
    order_id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL,
    order_date TEXT NOT NULL,
    status TEXT NOT NULL,
    payment_method TEXT NOT NULL,
    FOREIGN KEY (customer_id) REFERENCES customers(customer_id)
);
CREATE TABLE order_items (
    order_item_id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL,
    product_id INTEGER NOT NULL,
    quantity INTEGER NOT NULL,
    unit_price REAL NOT NULL,
    FOREIGN KEY (order_id) REFERENCES orders(order_id),
    FOREIGN KEY (product_id) REFERENCES products(product_id)
);
"""

# (category, description, price range, three products)
_CATALOG = (
    ("Electronics", "Audio gadgets and chargers", (15, 180), ("Wireless Earbuds", "Bluetooth Speaker", "USB-C Charger")),
    ("Computers", "Computer peripherals and displays", (20, 420), ("Mechanical Keyboard", "Wireless Mouse", "27-inch Monitor")),
    ("Books", "Printed books and box sets", (12, 85), ("Cookbook Collection", "Mystery Novel Box Set", "World Atlas")),
    ("Kitchen", "Cookware and small appliances", (18, 140), ("Chef Knife", "Cast Iron Skillet", "Electric Kettle")),
    ("Home Decor", "Decorative items for the home", (15, 120), ("Ceramic Vase", "Wall Clock", "Table Lamp")),
    ("Garden", "Tools and supplies for the garden", (14, 190), ("Garden Hose", "Pruning Shears", "Raised Garden Bed")),
    ("Toys", "Toys and games for children", (12, 95), ("Building Blocks Set", "Plush Teddy Bear", "Remote Control Car")),
    ("Sports", "Fitness and sports equipment", (20, 260), ("Yoga Mat", "Adjustable Dumbbells", "Tennis Racket")),
    ("Clothing", "Clothes for women and men", (15, 150), ("Denim Jacket", "Wool Sweater", "Cotton T-Shirt")),
    ("Shoes", "Footwear for every season", (35, 210), ("Running Shoes", "Leather Boots", "Canvas Sneakers")),
    ("Beauty", "Skin care and beauty products", (12, 110), ("Face Moisturizer", "Hair Dryer", "Perfume Gift Set")),
    ("Health", "Health monitoring and supplements", (9, 95), ("Digital Thermometer", "Vitamin D Supplement", "Blood Pressure Monitor")),
    ("Office Supplies", "Supplies for the office and desk", (8, 320), ("Desk Organizer", "Gel Pen Pack", "Ergonomic Office Chair")),
    ("Pet Supplies", "Food bowls, beds and toys for pets", (18, 130), ("Dog Bed", "Cat Scratching Post", "Automatic Pet Feeder")),
    ("Music", "Instruments and audio gear", (60, 700), ("Acoustic Guitar", "Digital Piano", "Studio Headphones")),
    ("Furniture", "Furniture for living rooms and offices", (45, 480), ("Bookshelf", "Coffee Table", "Bar Stool")),
    ("Automotive", "Car accessories", (15, 160), ("Car Phone Mount", "Tire Inflator", "Dash Camera")),
    ("Jewelry", "Necklaces, earrings and watches", (30, 350), ("Silver Necklace", "Gold Hoop Earrings", "Leather Watch")),
    ("Baby", "Products for babies and parents", (25, 380), ("Baby Stroller", "Baby Monitor", "Diaper Bag")),
    ("Travel", "Luggage and travel accessories", (16, 240), ("Carry-On Suitcase", "Travel Pillow", "Hiking Backpack")),
)

_BRANDS = ("Northwind", "Brightline", "Summit", "Oakridge", "Lumina", "Vertex",
           "Harbor", "Pinecrest", "Everest", "Bluebird", "Redwood", "Aurora")
# Products per brand; exactly one brand has the most products (keeps "top brand" answers unique).
_BRAND_SIZES = (9, 7, 6, 6, 5, 5, 4, 4, 4, 4, 3, 3)

_FIRST_NAMES = ("Emma", "Liam", "Olivia", "Noah", "Ava", "Ethan", "Sophia", "Mason", "Isabella", "Lucas",
                "Mia", "Logan", "Charlotte", "James", "Amelia", "Benjamin", "Harper", "Elijah", "Evelyn",
                "Henry", "Abigail", "Jack", "Emily", "Daniel", "Grace", "Samuel", "Chloe", "David", "Lily",
                "Owen", "Hannah", "Ryan", "Zoe", "Nathan", "Nora", "Caleb", "Ella", "Isaac", "Ruby", "Leo")
_LAST_NAMES = ("Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson",
               "Taylor", "Thomas", "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark",
               "Lewis", "Walker", "Hall", "Young", "King", "Wright", "Scott", "Green", "Baker", "Adams",
               "Nelson", "Carter")
_CITIES = (("New York", "United States"), ("Chicago", "United States"), ("Seattle", "United States"),
           ("Boston", "United States"), ("London", "United Kingdom"), ("Manchester", "United Kingdom"),
           ("Toronto", "Canada"), ("Vancouver", "Canada"), ("Sydney", "Australia"),
           ("Melbourne", "Australia"), ("Dublin", "Ireland"), ("Auckland", "New Zealand"))
_STATUSES = ("delivered", "shipped", "pending", "cancelled")
_STATUS_WEIGHTS = (55, 20, 10, 15)
_PAYMENTS = ("credit card", "PayPal", "bank transfer", "gift card")
_PAYMENT_WEIGHTS = (45, 30, 15, 10)


def _iso(start: datetime.date, offset_days: int) -> str:
    return (start + datetime.timedelta(days=offset_days)).isoformat()


def populate(conn: sqlite3.Connection, rng: random.Random) -> None:
    """Insert categories, products, customers, orders and order items drawn from ``rng``."""
    conn.executemany(
        "INSERT INTO categories VALUES (?, ?, ?)",
        [(i, name, desc) for i, (name, desc, _, _) in enumerate(_CATALOG, start=1)],
    )

    brands = list(_BRANDS)
    rng.shuffle(brands)
    brand_slots = [brand for brand, size in zip(brands, _BRAND_SIZES) for _ in range(size)]
    rng.shuffle(brand_slots)
    products = []  # (product_id, name, brand, category_id, price, stock)
    used_prices: set[float] = set()
    for category_id, (_, _, (low, high), names) in enumerate(_CATALOG, start=1):
        for name in names:
            price = round(rng.randint(low, high) - 0.01, 2)
            while price in used_prices:  # unique prices keep "most expensive" answers unambiguous
                price = round(price + 1.0, 2)
            used_prices.add(price)
            products.append([len(products) + 1, name, brand_slots[len(products)], category_id, price,
                             rng.randint(0, 250)])
    conn.executemany("INSERT INTO products VALUES (?, ?, ?, ?, ?, ?)", products)

    name_pairs = rng.sample([(f, l) for f in _FIRST_NAMES for l in _LAST_NAMES], 40)
    customers = []
    for customer_id, (first, last) in enumerate(name_pairs, start=1):
        city, country = rng.choice(_CITIES)
        customers.append((customer_id, first, last, f"{first.lower()}.{last.lower()}@example.com", city, country,
                          _iso(datetime.date(2021, 1, 1), rng.randint(0, 1000))))
    conn.executemany("INSERT INTO customers VALUES (?, ?, ?, ?, ?, ?, ?)", customers)

    # Orders per customer: one clear top buyer (9), eight customers without orders.
    counts = [9] + [0] * 8 + [rng.randint(1, 6) for _ in range(31)]
    rng.shuffle(counts)
    top_customer = counts.index(9) + 1
    owners = [cid for cid, k in enumerate(counts, start=1) for _ in range(k)]
    days = sorted(rng.sample(range(730), len(owners)))  # distinct dates: ORDER BY order_date is total
    rng.shuffle(owners)
    orders = []
    top_seen = 0
    for order_id, (customer_id, day) in enumerate(zip(owners, days), start=1):
        status = rng.choices(_STATUSES, _STATUS_WEIGHTS)[0]
        payment = rng.choices(_PAYMENTS, _PAYMENT_WEIGHTS)[0]
        if customer_id == top_customer and top_seen < 2:
            payment = ("credit card", "PayPal")[top_seen]  # someone has paid both ways
            top_seen += 1
        orders.append((order_id, customer_id, _iso(datetime.date(2023, 1, 1), day), status, payment))
    conn.executemany("INSERT INTO orders VALUES (?, ?, ?, ?, ?)", orders)

    items = []
    for order_id, *_ in orders:
        for product in rng.sample(products, rng.choice((1, 1, 2, 2, 3, 4))):
            items.append([len(items) + 1, order_id, product[0], rng.choice((1, 1, 1, 2, 2, 3, 4)), product[4]])
    # Make the best seller (by total quantity) unique.
    totals: dict[int, int] = {}
    for item in items:
        totals[item[2]] = totals.get(item[2], 0) + item[3]
    best = max(totals.values())
    leaders = sorted(pid for pid, total in totals.items() if total == best)
    if len(leaders) > 1:
        next(item for item in items if item[2] == leaders[0])[3] += 1
    conn.executemany("INSERT INTO order_items VALUES (?, ?, ?, ?, ?)", items)


_CITY_WITH_ORDERS = ("SELECT DISTINCT T1.city FROM customers AS T1 JOIN orders AS T2 "
                     "ON T1.customer_id = T2.customer_id")
_BRAND = "SELECT DISTINCT brand FROM products"
_STATUS = "SELECT DISTINCT status FROM orders"

TEMPLATES = (
    # ---- easy ----
    Template(
        sql="SELECT count(*) FROM customers WHERE city = '{city}'",
        slots={"city": "SELECT DISTINCT city FROM customers"},
        n=4,
        questions={
            "en": ("How many customers live in {city}?", "Count the customers whose city is {city}.",
                   "What is the number of customers from {city}?"),
            "de": ("Wie viele Kunden wohnen in {city}?", "Zähle die Kunden, deren Stadt {city} ist.",
                   "Wie hoch ist die Anzahl der Kunden aus {city}?"),
            "es": ("¿Cuántos clientes viven en {city}?", "Cuenta los clientes cuya ciudad es {city}.",
                   "¿Cuál es el número de clientes de {city}?"),
            "fr": ("Combien de clients habitent à {city} ?", "Comptez les clients dont la ville est {city}.",
                   "Quel est le nombre de clients domiciliés à {city} ?"),
            "ja": ("{city}に住んでいる顧客は何人いますか？", "都市が{city}である顧客の数を数えてください。",
                   "{city}の顧客数はいくつですか？"),
            "vi": ("Có bao nhiêu khách hàng sống ở {city}?", "Hãy đếm số khách hàng có thành phố là {city}.",
                   "Số lượng khách hàng đến từ {city} là bao nhiêu?"),
            "zh": ("有多少客户住在{city}？", "统计城市为{city}的客户数量。", "来自{city}的客户有几位？"),
        },
    ),
    Template(
        sql="SELECT name FROM products WHERE price < {price}",
        slots={"price": "SELECT price FROM products WHERE price > (SELECT min(price) FROM products)"},
        n=3,
        questions={
            "en": ("Which products cost less than {price}?", "List the names of products priced below {price}."),
            "de": ("Welche Produkte kosten weniger als {price}?",
                   "Nenne die Namen der Produkte, deren Preis unter {price} liegt."),
            "es": ("¿Qué productos cuestan menos de {price}?",
                   "Indica los nombres de los productos con un precio inferior a {price}."),
            "fr": ("Quels produits coûtent moins de {price} ?",
                   "Donnez le nom des produits dont le prix est inférieur à {price}."),
            "ja": ("価格が{price}未満の商品は何ですか？", "{price}より安い商品の名前を挙げてください。"),
            "vi": ("Những sản phẩm nào có giá dưới {price}?", "Liệt kê tên các sản phẩm rẻ hơn {price}."),
            "zh": ("哪些商品的价格低于{price}？", "列出价格低于{price}的商品名称。"),
        },
    ),
    Template(
        sql="SELECT count(*) FROM orders WHERE status = '{status}'",
        slots={"status": _STATUS},
        n=3,
        questions={
            "en": ("How many orders have the status {status}?", "Count the orders whose status is {status}."),
            "de": ("Wie viele Bestellungen haben den Status {status}?",
                   "Zähle die Bestellungen mit dem Status {status}."),
            "es": ("¿Cuántos pedidos tienen el estado {status}?", "Cuenta los pedidos cuyo estado es {status}."),
            "fr": ("Combien de commandes ont le statut {status} ?",
                   "Comptez les commandes dont le statut est {status}."),
            "ja": ("ステータスが{status}の注文は何件ありますか？", "{status}という状態の注文の件数を数えてください。"),
            "vi": ("Có bao nhiêu đơn hàng ở trạng thái {status}?", "Đếm số đơn hàng có trạng thái là {status}."),
            "zh": ("状态为{status}的订单有多少个？", "统计状态是{status}的订单数量。"),
        },
    ),
    Template(
        sql="SELECT email FROM customers WHERE last_name = '{last_name}'",
        slots={"last_name": "SELECT DISTINCT last_name FROM customers"},
        n=3,
        questions={
            "en": ("What is the email address of the customer with the last name {last_name}?",
                   "Give the emails of customers whose surname is {last_name}."),
            "de": ("Wie lautet die E-Mail-Adresse des Kunden mit dem Nachnamen {last_name}?",
                   "Gib die E-Mail-Adressen der Kunden an, deren Nachname {last_name} ist."),
            "es": ("¿Cuál es el correo electrónico del cliente con el apellido {last_name}?",
                   "Muestra los correos electrónicos de los clientes cuyo apellido es {last_name}."),
            "fr": ("Quelle est l'adresse e-mail du client dont le nom de famille est {last_name} ?",
                   "Donnez les e-mails des clients qui s'appellent {last_name}."),
            "ja": ("姓が{last_name}の顧客のメールアドレスは何ですか？",
                   "{last_name}という姓の顧客のメールアドレスを教えてください。"),
            "vi": ("Địa chỉ email của khách hàng có họ {last_name} là gì?",
                   "Cho biết email của những khách hàng mang họ {last_name}."),
            "zh": ("姓{last_name}的客户的电子邮箱是什么？", "给出姓氏为{last_name}的客户的邮箱地址。"),
        },
    ),
    Template(
        sql="SELECT count(*) FROM products",
        questions={
            "en": ("How many products are there?", "Count the number of products in the catalog."),
            "de": ("Wie viele Produkte gibt es?", "Wie viele Produkte umfasst das Sortiment?"),
            "es": ("¿Cuántos productos hay?", "Cuenta el número de productos del catálogo."),
            "fr": ("Combien de produits y a-t-il ?", "Quel est le nombre total de produits au catalogue ?"),
            "ja": ("商品は全部でいくつありますか？", "カタログに載っている商品の数を数えてください。"),
            "vi": ("Có tất cả bao nhiêu sản phẩm?", "Đếm số sản phẩm trong danh mục hàng hóa."),
            "zh": ("一共有多少种商品？", "统计商品目录中的商品数量。"),
        },
    ),
    # ---- medium ----
    Template(
        sql="SELECT T1.name FROM products AS T1 JOIN categories AS T2 ON T1.category_id = T2.category_id "
            "WHERE T2.name = '{category}'",
        slots={"category": "SELECT name FROM categories"},
        n=4,
        questions={
            "en": ("What are the names of the products in the {category} category?",
                   "Which products belong to the category {category}?"),
            "de": ("Wie heißen die Produkte in der Kategorie {category}?",
                   "Welche Produkte gehören zur Kategorie {category}?"),
            "es": ("¿Cuáles son los nombres de los productos de la categoría {category}?",
                   "¿Qué productos pertenecen a la categoría {category}?"),
            "fr": ("Quels sont les noms des produits de la catégorie {category} ?",
                   "Quels produits appartiennent à la catégorie {category} ?"),
            "ja": ("カテゴリ「{category}」に属する商品の名前は何ですか？",
                   "{category}カテゴリの商品をすべて挙げてください。"),
            "vi": ("Tên các sản phẩm thuộc danh mục {category} là gì?",
                   "Những sản phẩm nào nằm trong danh mục {category}?"),
            "zh": ("{category}类别中的商品叫什么名字？", "哪些商品属于{category}类别？"),
        },
    ),
    Template(
        sql="SELECT first_name, last_name FROM customers WHERE country = '{country}'",
        slots={"country": "SELECT DISTINCT country FROM customers"},
        n=3,
        questions={
            "en": ("List the first and last names of customers from {country}.",
                   "What are the full names of the customers who live in {country}?"),
            "de": ("Nenne Vor- und Nachnamen der Kunden aus {country}.",
                   "Wie lauten die vollständigen Namen der Kunden, die in {country} leben?"),
            "es": ("Enumera el nombre y el apellido de los clientes de {country}.",
                   "¿Cuáles son los nombres completos de los clientes que viven en {country}?"),
            "fr": ("Donnez le prénom et le nom des clients dont le pays est {country}.",
                   "Quels sont les noms complets des clients résidant dans le pays {country} ?"),
            "ja": ("{country}の顧客の名と姓を挙げてください。", "{country}に住んでいる顧客のフルネームは何ですか？"),
            "vi": ("Liệt kê tên và họ của các khách hàng đến từ {country}.",
                   "Họ tên đầy đủ của những khách hàng sống ở {country} là gì?"),
            "zh": ("列出来自{country}的客户的名和姓。", "居住在{country}的客户的全名是什么？"),
        },
    ),
    Template(
        sql="SELECT status, count(*) FROM orders GROUP BY status",
        questions={
            "en": ("How many orders are there for each status?",
                   "Show each order status together with the number of orders."),
            "de": ("Wie viele Bestellungen gibt es pro Status?",
                   "Zeige jeden Bestellstatus zusammen mit der Anzahl der Bestellungen."),
            "es": ("¿Cuántos pedidos hay en cada estado?",
                   "Muestra cada estado de pedido junto con el número de pedidos."),
            "fr": ("Combien de commandes y a-t-il pour chaque statut ?",
                   "Affichez chaque statut de commande avec le nombre de commandes correspondant."),
            "ja": ("ステータスごとの注文数はいくつですか？", "各注文ステータスとその注文件数を表示してください。"),
            "vi": ("Mỗi trạng thái có bao nhiêu đơn hàng?",
                   "Hiển thị từng trạng thái đơn hàng cùng với số lượng đơn hàng."),
            "zh": ("每种状态各有多少个订单？", "显示每个订单状态及其订单数量。"),
        },
    ),
    Template(
        sql="SELECT name, price FROM products ORDER BY price DESC LIMIT 5",
        questions={
            "en": ("What are the names and prices of the five most expensive products?",
                   "Show the top 5 products by price, with their prices."),
            "de": ("Wie heißen die fünf teuersten Produkte und was kosten sie?",
                   "Zeige die 5 Produkte mit den höchsten Preisen samt Preis."),
            "es": ("¿Cuáles son los nombres y precios de los cinco productos más caros?",
                   "Muestra los 5 productos con el precio más alto junto con su precio."),
            "fr": ("Quels sont le nom et le prix des cinq produits les plus chers ?",
                   "Affichez les 5 produits les plus chers avec leur prix."),
            "ja": ("最も高価な商品上位5つの名前と価格は何ですか？", "価格が高い順に5つの商品とその価格を表示してください。"),
            "vi": ("Tên và giá của năm sản phẩm đắt nhất là gì?", "Hiển thị 5 sản phẩm có giá cao nhất kèm theo giá."),
            "zh": ("最贵的五种商品的名称和价格是什么？", "按价格从高到低显示前5种商品及其价格。"),
        },
    ),
    Template(
        sql="SELECT T2.first_name, T2.last_name FROM orders AS T1 JOIN customers AS T2 "
            "ON T1.customer_id = T2.customer_id WHERE T1.order_id = {order_id}",
        slots={"order_id": "SELECT order_id FROM orders"},
        n=3,
        questions={
            "en": ("Who placed order {order_id}? Give the first and last name.",
                   "What is the full name of the customer who made the order with id {order_id}?"),
            "de": ("Wer hat die Bestellung {order_id} aufgegeben? Nenne Vor- und Nachnamen.",
                   "Wie heißt der Kunde, der die Bestellung mit der ID {order_id} getätigt hat?"),
            "es": ("¿Quién hizo el pedido {order_id}? Indica el nombre y el apellido.",
                   "¿Cuál es el nombre completo del cliente que realizó el pedido con id {order_id}?"),
            "fr": ("Qui a passé la commande {order_id} ? Donnez le prénom et le nom.",
                   "Quel est le nom complet du client qui a effectué la commande numéro {order_id} ?"),
            "ja": ("注文{order_id}をしたのは誰ですか？名と姓を答えてください。",
                   "IDが{order_id}の注文をした顧客の氏名は何ですか？"),
            "vi": ("Ai đã đặt đơn hàng {order_id}? Cho biết tên và họ.",
                   "Họ tên đầy đủ của khách hàng đã đặt đơn hàng có mã {order_id} là gì?"),
            "zh": ("订单{order_id}是谁下的？请给出名和姓。", "ID为{order_id}的订单是哪位客户下的？给出其全名。"),
        },
    ),
    Template(
        sql="SELECT T2.name, count(*) FROM products AS T1 JOIN categories AS T2 "
            "ON T1.category_id = T2.category_id GROUP BY T2.name",
        questions={
            "en": ("How many products does each category have? Show the category name and the count.",
                   "For every category, list its name and the number of products in it."),
            "de": ("Wie viele Produkte hat jede Kategorie? Zeige den Kategorienamen und die Anzahl.",
                   "Liste für jede Kategorie ihren Namen und die Zahl der zugehörigen Produkte auf."),
            "es": ("¿Cuántos productos tiene cada categoría? Muestra el nombre de la categoría y la cantidad.",
                   "Para cada categoría, indica su nombre y el número de productos que contiene."),
            "fr": ("Combien de produits compte chaque catégorie ? Affichez le nom de la catégorie et le nombre.",
                   "Pour chaque catégorie, donnez son nom et le nombre de produits qu'elle contient."),
            "ja": ("各カテゴリには商品がいくつありますか？カテゴリ名と件数を表示してください。",
                   "カテゴリごとに、その名前と含まれる商品の数を挙げてください。"),
            "vi": ("Mỗi danh mục có bao nhiêu sản phẩm? Hiển thị tên danh mục và số lượng.",
                   "Với mỗi danh mục, liệt kê tên và số sản phẩm thuộc danh mục đó."),
            "zh": ("每个类别有多少种商品？显示类别名称和数量。", "对于每个类别，列出其名称以及其中的商品数量。"),
        },
    ),
    Template(
        sql="SELECT avg(price), max(price) FROM products WHERE brand = '{brand}'",
        slots={"brand": _BRAND},
        n=3,
        questions={
            "en": ("What are the average and the highest price of {brand} products?",
                   "Give the mean and maximum price of products made by {brand}."),
            "de": ("Wie hoch sind der Durchschnittspreis und der Höchstpreis der Produkte von {brand}?",
                   "Gib den mittleren und den maximalen Preis der Produkte der Marke {brand} an."),
            "es": ("¿Cuáles son el precio medio y el precio máximo de los productos de {brand}?",
                   "Indica el precio promedio y el más alto de los productos de la marca {brand}."),
            "fr": ("Quels sont le prix moyen et le prix maximal des produits {brand} ?",
                   "Donnez le prix moyen et le prix le plus élevé des produits de la marque {brand}."),
            "ja": ("{brand}の商品の平均価格と最高価格はいくらですか？",
                   "ブランド{brand}の商品について、価格の平均と最大値を求めてください。"),
            "vi": ("Giá trung bình và giá cao nhất của các sản phẩm {brand} là bao nhiêu?",
                   "Cho biết giá trung bình và giá tối đa của các sản phẩm thuộc thương hiệu {brand}."),
            "zh": ("{brand}品牌商品的平均价格和最高价格是多少？", "给出{brand}生产的商品的平均价格和最高价格。"),
        },
    ),
    # ---- hard ----
    Template(
        sql="SELECT name FROM products WHERE price > (SELECT avg(price) FROM products)",
        questions={
            "en": ("Which products are more expensive than the average product?",
                   "List the names of products whose price is above the average price."),
            "de": ("Welche Produkte sind teurer als der Durchschnitt?",
                   "Nenne die Produkte, deren Preis über dem Durchschnittspreis liegt."),
            "es": ("¿Qué productos son más caros que el precio medio?",
                   "Enumera los nombres de los productos cuyo precio supera el promedio."),
            "fr": ("Quels produits sont plus chers que la moyenne ?",
                   "Donnez le nom des produits dont le prix dépasse le prix moyen."),
            "ja": ("平均価格より高い商品はどれですか？", "価格が平均を上回る商品の名前を挙げてください。"),
            "vi": ("Những sản phẩm nào đắt hơn mức giá trung bình?",
                   "Liệt kê tên các sản phẩm có giá cao hơn giá trung bình."),
            "zh": ("哪些商品比平均价格贵？", "列出价格高于平均价格的商品名称。"),
        },
    ),
    Template(
        sql="SELECT email FROM customers WHERE customer_id NOT IN "
            "(SELECT customer_id FROM orders WHERE status = '{status}')",
        slots={"status": _STATUS},
        n=3,
        questions={
            "en": ("What are the emails of customers who have no order with the status {status}?",
                   "Which customers never had an order in status {status}? Give their email addresses."),
            "de": ("Wie lauten die E-Mail-Adressen der Kunden, die keine Bestellung mit dem Status {status} haben?",
                   "Welche Kunden hatten nie eine Bestellung im Status {status}? Gib ihre E-Mail-Adressen an."),
            "es": ("¿Cuáles son los correos electrónicos de los clientes que no tienen ningún pedido con el "
                   "estado {status}?",
                   "¿Qué clientes nunca han tenido un pedido en estado {status}? Indica sus correos electrónicos."),
            "fr": ("Quelles sont les adresses e-mail des clients qui n'ont aucune commande au statut {status} ?",
                   "Quels clients n'ont jamais eu de commande avec le statut {status} ? Donnez leurs e-mails."),
            "ja": ("ステータスが{status}の注文を一つも持たない顧客のメールアドレスは何ですか？",
                   "{status}状態の注文が一度もない顧客のメールアドレスを挙げてください。"),
            "vi": ("Email của những khách hàng không có đơn hàng nào ở trạng thái {status} là gì?",
                   "Những khách hàng nào chưa từng có đơn hàng với trạng thái {status}? Cho biết email của họ."),
            "zh": ("没有任何状态为{status}的订单的客户的邮箱是什么？",
                   "哪些客户从未有过状态为{status}的订单？给出他们的电子邮箱。"),
        },
    ),
    Template(
        sql="SELECT name, price FROM products WHERE brand = '{brand}' ORDER BY price DESC LIMIT 1",
        slots={"brand": _BRAND},
        n=3,
        questions={
            "en": ("What is the most expensive {brand} product and how much does it cost?",
                   "Give the name and price of the priciest product from the brand {brand}."),
            "de": ("Welches ist das teuerste Produkt von {brand} und wie viel kostet es?",
                   "Gib Namen und Preis des teuersten Produkts der Marke {brand} an."),
            "es": ("¿Cuál es el producto más caro de {brand} y cuánto cuesta?",
                   "Indica el nombre y el precio del producto más caro de la marca {brand}."),
            "fr": ("Quel est le produit {brand} le plus cher et combien coûte-t-il ?",
                   "Donnez le nom et le prix du produit le plus cher de la marque {brand}."),
            "ja": ("{brand}で最も高い商品は何で、価格はいくらですか？",
                   "ブランド{brand}の中で最も高価な商品の名前と価格を答えてください。"),
            "vi": ("Sản phẩm đắt nhất của {brand} là gì và giá bao nhiêu?",
                   "Cho biết tên và giá của sản phẩm đắt nhất thuộc thương hiệu {brand}."),
            "zh": ("{brand}最贵的商品是什么？价格是多少？", "给出{brand}品牌中价格最高的商品的名称和价格。"),
        },
    ),
    Template(
        sql="SELECT T1.order_id FROM orders AS T1 JOIN customers AS T2 ON T1.customer_id = T2.customer_id "
            "WHERE T2.city = '{city}' ORDER BY T1.order_date",
        slots={"city": _CITY_WITH_ORDERS},
        n=3,
        questions={
            "en": ("List the ids of orders placed by customers from {city}, ordered by order date.",
                   "Which orders were made by customers living in {city}? Sort them by date."),
            "de": ("Liste die IDs der Bestellungen von Kunden aus {city} nach Bestelldatum sortiert auf.",
                   "Welche Bestellungen stammen von Kunden, die in {city} wohnen? Sortiere sie nach Datum."),
            "es": ("Enumera los identificadores de los pedidos hechos por clientes de {city}, ordenados por fecha.",
                   "¿Qué pedidos realizaron los clientes que viven en {city}? Ordénalos por fecha."),
            "fr": ("Donnez les identifiants des commandes passées par des clients habitant à {city}, triées par date "
                   "de commande.",
                   "Quelles commandes ont été passées par des clients habitant à {city} ? Triez-les par date."),
            "ja": ("{city}の顧客による注文のIDを注文日順に挙げてください。",
                   "{city}に住む顧客が行った注文はどれですか？日付順に並べてください。"),
            "vi": ("Liệt kê mã các đơn hàng do khách hàng ở {city} đặt, sắp xếp theo ngày đặt hàng.",
                   "Những đơn hàng nào được đặt bởi khách hàng sống tại {city}? Sắp xếp theo ngày."),
            "zh": ("按下单日期顺序列出{city}客户所下订单的ID。", "住在{city}的客户下了哪些订单？按日期排序。"),
        },
    ),
    Template(
        sql="SELECT brand, count(*) FROM products GROUP BY brand ORDER BY count(*) DESC LIMIT 1",
        questions={
            "en": ("Which brand has the most products, and how many?",
                   "Find the brand with the largest number of products together with that number."),
            "de": ("Welche Marke hat die meisten Produkte und wie viele sind es?",
                   "Finde die Marke mit der größten Anzahl an Produkten und gib diese Anzahl an."),
            "es": ("¿Qué marca tiene más productos y cuántos son?",
                   "Encuentra la marca con el mayor número de productos junto con ese número."),
            "fr": ("Quelle marque propose le plus de produits, et combien ?",
                   "Trouvez la marque qui a le plus grand nombre de produits, avec ce nombre."),
            "ja": ("商品数が最も多いブランドはどれで、何点ありますか？",
                   "最も多くの商品を持つブランドとその商品数を求めてください。"),
            "vi": ("Thương hiệu nào có nhiều sản phẩm nhất và có bao nhiêu sản phẩm?",
                   "Tìm thương hiệu có số lượng sản phẩm lớn nhất cùng với số lượng đó."),
            "zh": ("哪个品牌的商品最多？有多少种？", "找出商品数量最多的品牌及其商品数量。"),
        },
    ),
    Template(
        sql="SELECT count(*) FROM products WHERE price > (SELECT avg(price) FROM products WHERE brand = '{brand}')",
        slots={"brand": _BRAND},
        n=3,
        questions={
            "en": ("How many products cost more than the average price of {brand} products?",
                   "Count the products priced above the mean price of the brand {brand}."),
            "de": ("Wie viele Produkte kosten mehr als der Durchschnittspreis der Produkte von {brand}?",
                   "Zähle die Produkte, deren Preis über dem mittleren Preis der Marke {brand} liegt."),
            "es": ("¿Cuántos productos cuestan más que el precio medio de los productos de {brand}?",
                   "Cuenta los productos cuyo precio supera el promedio de la marca {brand}."),
            "fr": ("Combien de produits coûtent plus cher que le prix moyen des produits {brand} ?",
                   "Comptez les produits dont le prix dépasse la moyenne de la marque {brand}."),
            "ja": ("{brand}の商品の平均価格より高い商品はいくつありますか？",
                   "ブランド{brand}の平均価格を上回る価格の商品の数を数えてください。"),
            "vi": ("Có bao nhiêu sản phẩm có giá cao hơn giá trung bình của các sản phẩm {brand}?",
                   "Đếm số sản phẩm có giá vượt quá giá trung bình của thương hiệu {brand}."),
            "zh": ("有多少商品的价格高于{brand}商品的平均价格？", "统计价格超过{brand}品牌平均价格的商品数量。"),
        },
    ),
    # ---- extra ----
    Template(
        sql="SELECT T1.first_name, T1.last_name FROM customers AS T1 JOIN orders AS T2 "
            "ON T1.customer_id = T2.customer_id GROUP BY T1.customer_id ORDER BY count(*) DESC LIMIT 1",
        questions={
            "en": ("Which customer has placed the most orders? Give the first and last name.",
                   "What is the full name of the customer with the largest number of orders?"),
            "de": ("Welcher Kunde hat die meisten Bestellungen aufgegeben? Nenne Vor- und Nachnamen.",
                   "Wie heißt der Kunde mit der größten Zahl an Bestellungen?"),
            "es": ("¿Qué cliente ha hecho más pedidos? Indica el nombre y el apellido.",
                   "¿Cuál es el nombre completo del cliente con el mayor número de pedidos?"),
            "fr": ("Quel client a passé le plus de commandes ? Donnez son prénom et son nom.",
                   "Quel est le nom complet du client ayant le plus grand nombre de commandes ?"),
            "ja": ("最も多く注文した顧客は誰ですか？名と姓を答えてください。", "注文件数が最も多い顧客の氏名は何ですか？"),
            "vi": ("Khách hàng nào đã đặt nhiều đơn hàng nhất? Cho biết tên và họ.",
                   "Họ tên đầy đủ của khách hàng có số đơn hàng lớn nhất là gì?"),
            "zh": ("哪位客户下的订单最多？给出名和姓。", "订单数量最多的客户的全名是什么？"),
        },
    ),
    Template(
        sql="SELECT DISTINCT T1.name FROM products AS T1 JOIN order_items AS T2 ON T1.product_id = T2.product_id "
            "JOIN orders AS T3 ON T2.order_id = T3.order_id JOIN customers AS T4 ON T3.customer_id = T4.customer_id "
            "WHERE T4.city = '{city}'",
        slots={"city": _CITY_WITH_ORDERS},
        n=3,
        questions={
            "en": ("Which products have been ordered by customers from {city}?",
                   "List the distinct names of products bought by customers living in {city}."),
            "de": ("Welche Produkte wurden von Kunden aus {city} bestellt?",
                   "Liste die verschiedenen Produkte auf, die Kunden mit Wohnort {city} gekauft haben."),
            "es": ("¿Qué productos han pedido los clientes de {city}?",
                   "Enumera sin repetir los productos comprados por clientes que viven en {city}."),
            "fr": ("Quels produits ont été commandés par des clients résidant à {city} ?",
                   "Donnez, sans doublons, les produits achetés par des clients habitant à {city}."),
            "ja": ("{city}の顧客が注文した商品はどれですか？", "{city}に住む顧客が購入した商品の名前を重複なく挙げてください。"),
            "vi": ("Những sản phẩm nào đã được khách hàng ở {city} đặt mua?",
                   "Liệt kê không trùng lặp tên các sản phẩm mà khách hàng sống tại {city} đã mua."),
            "zh": ("{city}的客户订购过哪些商品？", "不重复地列出住在{city}的客户购买过的商品名称。"),
        },
    ),
    Template(
        sql="SELECT T1.email FROM customers AS T1 JOIN orders AS T2 ON T1.customer_id = T2.customer_id "
            "WHERE T2.payment_method = 'credit card' INTERSECT SELECT T1.email FROM customers AS T1 "
            "JOIN orders AS T2 ON T1.customer_id = T2.customer_id WHERE T2.payment_method = 'PayPal'",
        questions={
            "en": ("What are the emails of customers who have paid both by credit card and by PayPal?",
                   "Which customers have used both credit card and PayPal for their orders? Give their emails."),
            "de": ("Wie lauten die E-Mail-Adressen der Kunden, die sowohl per Kreditkarte als auch mit PayPal "
                   "bezahlt haben?",
                   "Welche Kunden haben ihre Bestellungen schon mit Kreditkarte und auch mit PayPal bezahlt? "
                   "Gib ihre E-Mail-Adressen an."),
            "es": ("¿Cuáles son los correos de los clientes que han pagado tanto con tarjeta de crédito como "
                   "con PayPal?",
                   "¿Qué clientes han usado tarjeta de crédito y también PayPal en sus pedidos? Indica sus correos "
                   "electrónicos."),
            "fr": ("Quels sont les e-mails des clients qui ont payé à la fois par carte de crédit et par PayPal ?",
                   "Quels clients ont déjà réglé une commande par carte de crédit et une autre par PayPal ? "
                   "Donnez leurs e-mails."),
            "ja": ("クレジットカードとPayPalの両方で支払ったことがある顧客のメールアドレスは何ですか？",
                   "注文の支払いにクレジットカードもPayPalも使ったことのある顧客は誰ですか？メールアドレスを挙げてください。"),
            "vi": ("Email của những khách hàng đã thanh toán bằng cả thẻ tín dụng và PayPal là gì?",
                   "Những khách hàng nào đã dùng cả thẻ tín dụng lẫn PayPal cho đơn hàng của mình? Cho biết email "
                   "của họ."),
            "zh": ("既用信用卡又用PayPal付过款的客户的邮箱是什么？",
                   "哪些客户的订单中既有用信用卡支付的，也有用PayPal支付的？给出他们的邮箱。"),
        },
    ),
    Template(
        sql="SELECT T1.name FROM products AS T1 JOIN categories AS T2 ON T1.category_id = T2.category_id "
            "WHERE T2.name = '{category}' AND T1.price > (SELECT avg(price) FROM products)",
        slots={"category": "SELECT DISTINCT T2.name FROM products AS T1 JOIN categories AS T2 "
                           "ON T1.category_id = T2.category_id WHERE T1.price > (SELECT avg(price) FROM products)"},
        n=3,
        questions={
            "en": ("Which products in the {category} category cost more than the average product?",
                   "List the {category} products whose price is above the average price of all products."),
            "de": ("Welche Produkte der Kategorie {category} kosten mehr als der Durchschnitt aller Produkte?",
                   "Nenne die Produkte aus {category}, deren Preis über dem Durchschnittspreis aller Produkte liegt."),
            "es": ("¿Qué productos de la categoría {category} cuestan más que el promedio de todos los productos?",
                   "Enumera los productos de {category} cuyo precio supera el precio medio de todos los productos."),
            "fr": ("Quels produits de la catégorie {category} coûtent plus que le prix moyen de l'ensemble des "
                   "produits ?",
                   "Donnez les produits de la catégorie {category} dont le prix est supérieur à la moyenne de tous les produits."),
            "ja": ("{category}カテゴリの商品のうち、全商品の平均価格より高いものはどれですか？",
                   "全商品の平均価格を上回る{category}の商品を挙げてください。"),
            "vi": ("Những sản phẩm nào trong danh mục {category} có giá cao hơn giá trung bình của tất cả sản phẩm?",
                   "Liệt kê các sản phẩm thuộc {category} có giá vượt mức giá trung bình của toàn bộ sản phẩm."),
            "zh": ("{category}类别中哪些商品的价格高于所有商品的平均价格？", "列出价格高于全部商品平均价的{category}类商品。"),
        },
    ),
    Template(
        sql="SELECT T2.name, sum(T1.quantity) FROM order_items AS T1 JOIN products AS T2 "
            "ON T1.product_id = T2.product_id GROUP BY T1.product_id ORDER BY sum(T1.quantity) DESC LIMIT 1",
        questions={
            "en": ("Which product has sold the most units, and how many units in total?",
                   "Find the best-selling product by total quantity ordered, with that quantity."),
            "de": ("Welches Produkt wurde in der größten Stückzahl verkauft und wie viele Stück waren es insgesamt?",
                   "Finde das meistverkaufte Produkt nach bestellter Gesamtmenge und gib diese Menge an."),
            "es": ("¿Qué producto ha vendido más unidades y cuántas en total?",
                   "Encuentra el producto más vendido según la cantidad total pedida, junto con esa cantidad."),
            "fr": ("Quel produit s'est vendu au plus grand nombre d'unités, et combien au total ?",
                   "Trouvez le produit le plus vendu en quantité totale commandée, avec cette quantité."),
            "ja": ("最も多くの個数が売れた商品は何で、合計何個ですか？", "注文数量の合計が最大の商品とその数量を求めてください。"),
            "vi": ("Sản phẩm nào bán được nhiều đơn vị nhất và tổng cộng bao nhiêu đơn vị?",
                   "Tìm sản phẩm bán chạy nhất theo tổng số lượng đặt mua, kèm theo số lượng đó."),
            "zh": ("哪种商品卖出的件数最多？总共多少件？", "按订购总数量找出最畅销的商品及其数量。"),
        },
    ),
    Template(
        sql="SELECT first_name, last_name FROM customers WHERE city = '{city}' EXCEPT "
            "SELECT T1.first_name, T1.last_name FROM customers AS T1 JOIN orders AS T2 "
            "ON T1.customer_id = T2.customer_id",
        slots={"city": "SELECT DISTINCT city FROM customers WHERE customer_id NOT IN "
                       "(SELECT customer_id FROM orders)"},
        n=2,
        questions={
            "en": ("Which customers from {city} have never placed an order? Give first and last names.",
                   "List the full names of customers living in {city} who have no orders."),
            "de": ("Welche Kunden aus {city} haben noch nie etwas bestellt? Nenne Vor- und Nachnamen.",
                   "Liste die vollständigen Namen der Kunden in {city} auf, die keine Bestellungen haben."),
            "es": ("¿Qué clientes de {city} nunca han hecho un pedido? Indica nombre y apellido.",
                   "Enumera los nombres completos de los clientes que viven en {city} y no tienen pedidos."),
            "fr": ("Quels clients habitant à {city} n'ont jamais passé de commande ? Donnez leur prénom et leur nom.",
                   "Donnez les noms complets des clients habitant à {city} qui n'ont aucune commande."),
            "ja": ("{city}の顧客のうち、一度も注文したことがないのは誰ですか？名と姓を答えてください。",
                   "{city}に住んでいて注文が一件もない顧客の氏名を挙げてください。"),
            "vi": ("Những khách hàng nào ở {city} chưa từng đặt đơn hàng? Cho biết tên và họ.",
                   "Liệt kê họ tên đầy đủ của các khách hàng sống tại {city} mà không có đơn hàng nào."),
            "zh": ("{city}的哪些客户从未下过订单？给出名和姓。", "列出住在{city}且没有任何订单的客户的全名。"),
        },
    ),
)

DOMAIN = Domain(db_id="ecommerce", split="train", schema_sql=SCHEMA_SQL, populate=populate, templates=TEMPLATES)
