"""Domain ``hospital`` (train): departments, physicians, patients, appointments and prescriptions."""

from __future__ import annotations

import datetime as dt
import itertools
import random
import sqlite3

from polysql.data.mini.template import Domain, Template

SCHEMA = """
CREATE TABLE department (
    department_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    floor INTEGER NOT NULL,
    budget INTEGER NOT NULL
);
CREATE TABLE physician (
    physician_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    department_id INTEGER NOT NULL REFERENCES department(department_id),
    position TEXT NOT NULL,
    hire_year INTEGER NOT NULL,
    salary INTEGER NOT NULL
);
CREATE TABLE patient (
    patient_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    gender TEXT NOT NULL,
    birth_date TEXT NOT NULL,
    city TEXT NOT NULL,
    insurance TEXT NOT NULL
);
CREATE TABLE appointment (
    appointment_id INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patient(patient_id),
    physician_id INTEGER NOT NULL REFERENCES physician(physician_id),
    appointment_date TEXT NOT NULL,
    reason TEXT NOT NULL,
    fee REAL NOT NULL
);
CREATE TABLE prescription (
    prescription_id INTEGER PRIMARY KEY,
    appointment_id INTEGER NOT NULL REFERENCES appointment(appointment_id),
    medication TEXT NOT NULL,
    dosage_mg INTEGER NOT NULL,
    duration_days INTEGER NOT NULL
);
"""

DEPARTMENTS = ["Cardiology", "Neurology", "Oncology", "Pediatrics", "Orthopedics", "Dermatology", "Radiology",
               "Emergency Medicine", "Gastroenterology", "Nephrology", "Urology", "Psychiatry", "Ophthalmology",
               "Endocrinology", "Pulmonology", "Rheumatology", "Obstetrics", "Hematology", "Infectious Diseases",
               "General Surgery"]
FIRST_NAMES = {"Female": ["Sarah", "Maria", "Aisha", "Emma", "Priya", "Laura", "Mei", "Rachel", "Fatima", "Julia",
                          "Anna", "Claire", "Sofia", "Naomi", "Helen"],
               "Male": ["David", "Michael", "Omar", "Thomas", "Raj", "Carlos", "Kevin", "Peter", "Ahmed", "Robert",
                        "Jonas", "Victor", "Andrew", "Samuel", "Paul"]}
LAST_NAMES = ["Chen", "Patel", "Nguyen", "Kim", "Rossi", "Murphy", "Cohen", "Schmidt", "Okafor", "Lopez",
              "Novak", "Hughes", "Tanaka", "Dubois", "Kowalski", "Evans", "Singh", "Moreau", "Ortiz", "Fischer"]
CITIES = ["Chicago", "Evanston", "Oak Park", "Naperville", "Skokie", "Cicero"]
INSURERS = ["Aetna", "Blue Cross", "Cigna", "Medicaid", "Medicare"]
# position -> salary range in dollars
POSITIONS = {"Chief": (310_000, 420_000), "Attending": (220_000, 300_000), "Resident": (62_000, 75_000)}
# reason -> base fee in dollars
REASONS = {"Annual checkup": 120, "Follow-up": 90, "Chest pain": 350, "Headache": 180, "Back pain": 160,
           "Skin rash": 110, "Fever": 140, "Vaccination": 60}
# medication -> usual doses in mg
MEDICATIONS = {"Amoxicillin": (250, 500), "Ibuprofen": (200, 400, 600), "Lisinopril": (10, 20), "Metformin": (500, 850),
               "Atorvastatin": (20, 40), "Omeprazole": (20, 40), "Amlodipine": (5, 10), "Sertraline": (50, 100),
               "Albuterol": (2, 4), "Levothyroxine": (50, 75)}
DURATIONS = (5, 7, 10, 14, 30, 60, 90)


def _person_names(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """``count`` distinct (gender, full name) pairs."""
    pool = [(gender, f"{first} {last}") for gender, firsts in sorted(FIRST_NAMES.items())
            for first, last in itertools.product(firsts, LAST_NAMES)]
    return rng.sample(pool, count)


def populate(conn: sqlite3.Connection, rng: random.Random) -> None:
    """20 departments, 48 physicians, 60 patients, 220 appointments, 130 prescriptions."""
    for department_id, name in enumerate(DEPARTMENTS, start=1):
        conn.execute("INSERT INTO department VALUES (?, ?, ?, ?)",
                     (department_id, name, rng.randint(1, 6), rng.randrange(1_200_000, 9_600_000, 50_000)))

    # two physicians per department, Cardiology three more, five other departments one more each
    departments = [d for d in range(1, 21) for _ in range(2)] + [1, 1, 1] + rng.sample(range(2, 21), 5)
    people = _person_names(rng, 48 + 60)
    for physician_id, department_id in enumerate(departments, start=1):
        position = "Chief" if physician_id <= 20 else rng.choice(["Attending", "Attending", "Resident"])
        low, high = POSITIONS[position]
        conn.execute("INSERT INTO physician VALUES (?, ?, ?, ?, ?, ?)",
                     (physician_id, people[physician_id - 1][1], department_id, position,
                      rng.randint(1995, 2012) if position == "Chief" else rng.randint(2008, 2024),
                      rng.randrange(low, high, 1000)))

    for patient_id, (gender, name) in enumerate(people[48:], start=1):
        birth = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(75 * 365))
        conn.execute("INSERT INTO patient VALUES (?, ?, ?, ?, ?, ?)",
                     (patient_id, name, gender, birth.isoformat(), rng.choice(CITIES), rng.choice(INSURERS)))

    patients = rng.sample(range(1, 61), 52)  # eight patients never had an appointment
    physicians = rng.sample(range(1, 49), 44)  # four physicians (new hires) have none yet
    busiest = physicians[0]
    doctors = [busiest] * 12 + [rng.choice(physicians) for _ in range(208)]
    reasons = sorted(REASONS)
    for appointment_id, physician_id in enumerate(doctors, start=1):
        reason = rng.choice(reasons)
        day = dt.date(2024, 1, 2) + dt.timedelta(days=rng.randrange(360))
        conn.execute("INSERT INTO appointment VALUES (?, ?, ?, ?, ?, ?)",
                     (appointment_id, rng.choice(patients), physician_id, day.isoformat(), reason,
                      REASONS[reason] + rng.choice([0, 0, 15, 25, 40])))

    medications = sorted(MEDICATIONS)
    for prescription_id in range(1, 131):
        medication = rng.choice(medications)
        conn.execute("INSERT INTO prescription VALUES (?, ?, ?, ?, ?)",
                     (prescription_id, rng.randint(1, len(doctors)), medication,
                      rng.choice(MEDICATIONS[medication]), rng.choice(DURATIONS)))


DEPT = "SELECT name FROM department"
DEPT_WITH_DOCTORS = "SELECT name FROM department WHERE department_id IN (SELECT department_id FROM physician)"
CITY = "SELECT city FROM patient"
REASON = "SELECT reason FROM appointment"
POSITION = "SELECT position FROM physician"
BUSY_DOCTOR = "SELECT name FROM physician WHERE physician_id IN (SELECT physician_id FROM appointment)"
PHYS_DEPT = "FROM physician AS T1 JOIN department AS T2 ON T1.department_id = T2.department_id"
PAT_APPT = "FROM patient AS T1 JOIN appointment AS T2 ON T1.patient_id = T2.patient_id"

TEMPLATES = (
    # ---- easy
    Template(
        sql="SELECT count(*) FROM patient",
        questions={
            "en": ("How many patients are there?", "Count all patients of the hospital.", "What is the total number of patients?"),
            "de": ("Wie viele Patienten gibt es?", "Zähle alle Patienten des Krankenhauses.", "Wie hoch ist die Gesamtzahl der Patienten?"),
            "es": ("¿Cuántos pacientes hay?", "Cuenta todos los pacientes del hospital.", "¿Cuál es el número total de pacientes?"),
            "fr": ("Combien y a-t-il de patients ?", "Compte tous les patients de l'hôpital.", "Quel est le nombre total de patients ?"),
            "ja": ("患者は何人いますか？", "病院の患者の数を数えてください。", "患者の総数はいくつですか？"),
            "vi": ("Có bao nhiêu bệnh nhân?", "Đếm tất cả bệnh nhân của bệnh viện.", "Tổng số bệnh nhân là bao nhiêu?"),
            "zh": ("一共有多少名病人？", "统计医院所有病人的数量。", "病人的总数是多少？"),
        },
    ),
    Template(
        sql="SELECT name FROM physician WHERE position = '{position}'",
        slots={"position": POSITION},
        n=2,
        questions={
            "en": ("What are the names of the physicians whose position is {position}?",
                   "List all physicians holding the position {position}."),
            "de": ("Wie heißen die Ärzte mit der Position {position}?", "Liste alle Ärzte auf, die die Position {position} innehaben."),
            "es": ("¿Cómo se llaman los médicos cuyo cargo es {position}?", "Enumera todos los médicos con el cargo {position}."),
            "fr": ("Quels sont les noms des médecins dont le poste est {position} ?", "Liste tous les médecins occupant le poste {position}."),
            "ja": ("役職が{position}の医師の名前は何ですか？", "{position}の役職に就いている医師をすべて挙げてください。"),
            "vi": ("Tên của các bác sĩ có chức vụ {position} là gì?", "Liệt kê tất cả bác sĩ giữ chức vụ {position}."),
            "zh": ("职位为{position}的医生叫什么名字？", "列出所有担任{position}职位的医生。"),
        },
    ),
    Template(
        sql="SELECT count(*) FROM patient WHERE city = '{city}'",
        slots={"city": CITY},
        n=3,
        questions={
            "en": ("How many patients live in {city}?", "Count the patients from {city}.", "What is the number of patients whose city is {city}?"),
            "de": ("Wie viele Patienten wohnen in {city}?", "Zähle die Patienten aus {city}.", "Wie viele Patienten haben {city} als Wohnort?"),
            "es": ("¿Cuántos pacientes viven en {city}?", "Cuenta los pacientes de {city}.", "¿Cuál es el número de pacientes cuya ciudad es {city}?"),
            "fr": ("Combien de patients habitent à {city} ?", "Compte les patients domiciliés à {city}.", "Quel est le nombre de patients dont la ville est {city} ?"),
            "ja": ("{city}に住んでいる患者は何人ですか？", "{city}の患者の数を数えてください。", "居住都市が{city}である患者は何人いますか？"),
            "vi": ("Có bao nhiêu bệnh nhân sống ở {city}?", "Đếm số bệnh nhân đến từ {city}.", "Số bệnh nhân có thành phố là {city} là bao nhiêu?"),
            "zh": ("有多少病人住在{city}？", "统计来自{city}的病人数量。", "所在城市为{city}的病人有几位？"),
        },
    ),
    Template(
        sql="SELECT name FROM department WHERE floor = {floor}",
        slots={"floor": "SELECT floor FROM department"},
        n=3,
        questions={
            "en": ("Which departments are on floor {floor}?", "List the names of the departments located on floor {floor}.",
                   "What departments can be found on the floor number {floor}?"),
            "de": ("Welche Abteilungen befinden sich im Stockwerk {floor}?", "Nenne die Namen der Abteilungen auf Etage {floor}.",
                   "Welche Abteilungen liegen auf Stockwerk Nummer {floor}?"),
            "es": ("¿Qué departamentos están en la planta {floor}?", "Enumera los nombres de los departamentos situados en la planta {floor}.",
                   "¿Qué departamentos se encuentran en la planta número {floor}?"),
            "fr": ("Quels services se trouvent à l'étage {floor} ?", "Liste les noms des services situés à l'étage {floor}.",
                   "Quels services sont installés à l'étage numéro {floor} ?"),
            "ja": ("{floor}階にある診療科はどれですか？", "{floor}階に位置する診療科の名前を挙げてください。",
                   "階数が{floor}の診療科を教えてください。"),
            "vi": ("Những khoa nào nằm ở tầng {floor}?", "Liệt kê tên các khoa đặt tại tầng {floor}.",
                   "Có những khoa nào ở tầng số {floor}?"),
            "zh": ("哪些科室在{floor}楼？", "列出位于{floor}层的科室名称。", "楼层为{floor}的科室有哪些？"),
        },
    ),
    Template(
        sql="SELECT max(salary) FROM physician",
        questions={
            "en": ("What is the highest salary of any physician?", "How much does the best-paid physician earn?"),
            "de": ("Was ist das höchste Gehalt eines Arztes?", "Wie viel verdient der bestbezahlte Arzt?"),
            "es": ("¿Cuál es el salario más alto de un médico?", "¿Cuánto gana el médico mejor pagado?"),
            "fr": ("Quel est le salaire le plus élevé parmi les médecins ?", "Combien gagne le médecin le mieux payé ?"),
            "ja": ("医師の給与の最高額はいくらですか？", "最も給与の高い医師はいくら稼いでいますか？"),
            "vi": ("Mức lương cao nhất của bác sĩ là bao nhiêu?", "Bác sĩ được trả lương cao nhất kiếm được bao nhiêu?"),
            "zh": ("医生的最高工资是多少？", "收入最高的医生挣多少钱？"),
        },
    ),
    Template(
        sql="SELECT DISTINCT medication FROM prescription WHERE duration_days > {days}",
        slots={"days": "SELECT duration_days FROM prescription WHERE duration_days < 90"},
        n=2,
        questions={
            "en": ("Which medications were prescribed for more than {days} days?",
                   "List the distinct medications of prescriptions lasting longer than {days} days."),
            "de": ("Welche Medikamente wurden für mehr als {days} Tage verschrieben?",
                   "Nenne ohne Wiederholung die Medikamente aus Rezepten, die länger als {days} Tage laufen."),
            "es": ("¿Qué medicamentos se recetaron durante más de {days} días?",
                   "Enumera sin repetir los medicamentos de las recetas que duran más de {days} días."),
            "fr": ("Quels médicaments ont été prescrits pour plus de {days} jours ?",
                   "Liste, sans doublons, les médicaments des ordonnances d'une durée supérieure à {days} jours."),
            "ja": ("{days}日を超えて処方された薬はどれですか？", "処方期間が{days}日より長い処方の薬を重複なしで挙げてください。"),
            "vi": ("Những loại thuốc nào được kê đơn trong hơn {days} ngày?",
                   "Liệt kê các loại thuốc (không trùng lặp) trong những đơn thuốc kéo dài hơn {days} ngày."),
            "zh": ("哪些药物的处方时长超过{days}天？", "列出疗程长于{days}天的处方中的药物（去重）。"),
        },
    ),
    Template(
        sql="SELECT name FROM department ORDER BY budget DESC",
        questions={
            "en": ("List the department names from the largest budget to the smallest.",
                   "Show all departments sorted by budget in descending order."),
            "de": ("Liste die Namen der Abteilungen vom größten bis zum kleinsten Budget auf.",
                   "Zeige alle Abteilungen absteigend nach Budget sortiert."),
            "es": ("Enumera los nombres de los departamentos del mayor al menor presupuesto.",
                   "Muestra todos los departamentos ordenados por presupuesto de forma descendente."),
            "fr": ("Liste les noms des services du plus gros budget au plus petit.",
                   "Affiche tous les services triés par budget décroissant."),
            "ja": ("予算の多い順に診療科の名前を並べてください。", "すべての診療科を予算の降順で表示してください。"),
            "vi": ("Liệt kê tên các khoa theo ngân sách từ lớn nhất đến nhỏ nhất.",
                   "Hiển thị tất cả các khoa sắp xếp theo ngân sách giảm dần."),
            "zh": ("按预算从高到低列出科室名称。", "按预算降序显示所有科室。"),
        },
    ),
    Template(
        sql="SELECT count(DISTINCT medication) FROM prescription",
        questions={
            "en": ("How many different medications have been prescribed?", "Count the distinct medications that appear in prescriptions."),
            "de": ("Wie viele verschiedene Medikamente wurden verschrieben?", "Zähle die unterschiedlichen Medikamente in den Rezepten."),
            "es": ("¿Cuántos medicamentos distintos se han recetado?", "Cuenta los diferentes medicamentos que aparecen en las recetas."),
            "fr": ("Combien de médicaments différents ont été prescrits ?", "Compte les médicaments distincts figurant sur les ordonnances."),
            "ja": ("処方された薬は何種類ありますか？", "処方に登場する異なる薬の数を数えてください。"),
            "vi": ("Có bao nhiêu loại thuốc khác nhau đã được kê đơn?", "Đếm số loại thuốc khác nhau xuất hiện trong các đơn thuốc."),
            "zh": ("一共开出过多少种不同的药物？", "统计处方中出现的不同药物的数量。"),
        },
    ),
    # ---- medium
    Template(
        sql="SELECT position, count(*) FROM physician GROUP BY position",
        questions={
            "en": ("How many physicians hold each position?", "For each position, show the position and the number of physicians."),
            "de": ("Wie viele Ärzte gibt es pro Position?", "Zeige für jede Position die Position und die Anzahl der Ärzte."),
            "es": ("¿Cuántos médicos hay en cada cargo?", "Para cada cargo, muestra el cargo y el número de médicos."),
            "fr": ("Combien de médecins occupent chaque poste ?", "Pour chaque poste, affiche le poste et le nombre de médecins."),
            "ja": ("役職ごとに医師は何人いますか？", "各役職について、役職名と医師の人数を表示してください。"),
            "vi": ("Mỗi chức vụ có bao nhiêu bác sĩ?", "Với mỗi chức vụ, hiển thị tên chức vụ và số bác sĩ."),
            "zh": ("每个职位各有多少名医生？", "对于每个职位，显示职位名称和医生人数。"),
        },
    ),
    Template(
        sql=f"SELECT T1.name {PHYS_DEPT} WHERE T2.name = '{{department}}'",
        slots={"department": DEPT_WITH_DOCTORS},
        n=3,
        questions={
            "en": ("Which physicians work in the {department} department?", "List the names of all physicians of {department}.",
                   "Who are the doctors in the department called {department}?"),
            "de": ("Welche Ärzte arbeiten in der Abteilung {department}?", "Nenne die Namen aller Ärzte der Abteilung {department}.",
                   "Wer sind die Ärzte in der Abteilung mit dem Namen {department}?"),
            "es": ("¿Qué médicos trabajan en el departamento de {department}?", "Enumera los nombres de todos los médicos de {department}.",
                   "¿Quiénes son los médicos del departamento llamado {department}?"),
            "fr": ("Quels médecins travaillent dans le service {department} ?", "Liste les noms de tous les médecins du service {department}.",
                   "Qui sont les médecins du service nommé {department} ?"),
            "ja": ("{department}科に勤務している医師は誰ですか？", "{department}のすべての医師の名前を挙げてください。",
                   "{department}という診療科の医師を教えてください。"),
            "vi": ("Những bác sĩ nào làm việc ở khoa {department}?", "Liệt kê tên tất cả bác sĩ của khoa {department}.",
                   "Các bác sĩ thuộc khoa có tên {department} là ai?"),
            "zh": ("哪些医生在{department}科室工作？", "列出{department}科所有医生的姓名。", "名为{department}的科室里有哪些医生？"),
        },
    ),
    Template(
        sql="SELECT name, salary FROM physician ORDER BY salary DESC LIMIT 5",
        questions={
            "en": ("What are the names and salaries of the five best-paid physicians?",
                   "Show the 5 physicians with the highest salaries together with their salaries."),
            "de": ("Wie heißen die fünf bestbezahlten Ärzte und wie hoch sind ihre Gehälter?",
                   "Zeige die 5 Ärzte mit den höchsten Gehältern samt Gehalt."),
            "es": ("¿Cuáles son los nombres y salarios de los cinco médicos mejor pagados?",
                   "Muestra los 5 médicos con los salarios más altos junto con su salario."),
            "fr": ("Quels sont les noms et salaires des cinq médecins les mieux payés ?",
                   "Affiche les 5 médecins ayant les salaires les plus élevés, avec leur salaire."),
            "ja": ("給与が最も高い5人の医師の名前と給与は？", "給与上位5人の医師について、名前と給与を表示してください。"),
            "vi": ("Tên và lương của năm bác sĩ được trả lương cao nhất là gì?",
                   "Hiển thị 5 bác sĩ có mức lương cao nhất cùng với mức lương của họ."),
            "zh": ("工资最高的五位医生的姓名和工资是多少？", "显示工资最高的5名医生及其工资。"),
        },
    ),
    Template(
        sql=f"SELECT count(*) {PAT_APPT} WHERE T1.name = '{{patient}}'",
        slots={"patient": "SELECT name FROM patient WHERE patient_id IN (SELECT patient_id FROM appointment)"},
        n=2,
        questions={
            "en": ("How many appointments has {patient} had?", "Count the appointments of the patient {patient}."),
            "de": ("Wie viele Termine hatte {patient}?", "Zähle die Termine von {patient}."),
            "es": ("¿Cuántas citas ha tenido {patient}?", "Cuenta las citas del paciente {patient}."),
            "fr": ("Combien de rendez-vous sont enregistrés pour {patient} ?", "Compte les rendez-vous du patient {patient}."),
            "ja": ("{patient}さんの診察予約は何件ありますか？", "患者{patient}の予約件数を数えてください。"),
            "vi": ("{patient} đã có bao nhiêu lịch hẹn khám?", "Đếm số lịch hẹn của bệnh nhân {patient}."),
            "zh": ("{patient}一共有过几次预约？", "统计病人{patient}的预约次数。"),
        },
    ),
    Template(
        sql="SELECT reason, avg(fee) FROM appointment GROUP BY reason",
        questions={
            "en": ("What is the average fee for each appointment reason?", "For every reason, show the reason and the mean appointment fee."),
            "de": ("Wie hoch ist die durchschnittliche Gebühr pro Terminanlass?",
                   "Zeige für jeden Anlass den Anlass und die mittlere Gebühr der Termine."),
            "es": ("¿Cuál es la tarifa media de cada motivo de cita?", "Para cada motivo, muestra el motivo y la tarifa media de las citas."),
            "fr": ("Quel est le tarif moyen pour chaque motif de rendez-vous ?",
                   "Pour chaque motif, affiche le motif et le tarif moyen des rendez-vous."),
            "ja": ("受診理由ごとの平均料金はいくらですか？", "各受診理由について、理由と予約の平均料金を表示してください。"),
            "vi": ("Phí trung bình cho mỗi lý do khám là bao nhiêu?", "Với mỗi lý do, hiển thị lý do và mức phí khám trung bình."),
            "zh": ("每种就诊原因的平均费用是多少？", "对于每个原因，显示原因和预约的平均费用。"),
        },
    ),
    Template(
        sql="SELECT name FROM patient WHERE city = '{city}' AND insurance = '{insurance}'",
        slots={"city": CITY, "insurance": "SELECT insurance FROM patient"},
        n=3,
        questions={
            "en": ("Which patients from {city} are insured with {insurance}?",
                   "List the names of patients who live in {city} and have {insurance} insurance.",
                   "Give the patients whose city is {city} and whose insurance is {insurance}."),
            "de": ("Welche Patienten aus {city} sind bei {insurance} versichert?",
                   "Nenne die Namen der Patienten, die in {city} wohnen und über {insurance} versichert sind.",
                   "Gib die Patienten an, deren Wohnort {city} und deren Versicherung {insurance} ist."),
            "es": ("¿Qué pacientes de {city} están asegurados con {insurance}?",
                   "Enumera los nombres de los pacientes que viven en {city} y tienen seguro de {insurance}.",
                   "Indica los pacientes cuya ciudad es {city} y cuyo seguro es {insurance}."),
            "fr": ("Quels patients habitant à {city} sont assurés chez {insurance} ?",
                   "Liste les noms des patients qui habitent à {city} et sont couverts par {insurance}.",
                   "Donne les patients dont la ville est {city} et dont l'assurance est {insurance}."),
            "ja": ("{city}在住で{insurance}の保険に加入している患者は誰ですか？",
                   "{city}に住み、保険が{insurance}である患者の名前を挙げてください。",
                   "居住都市が{city}で保険会社が{insurance}の患者を教えてください。"),
            "vi": ("Những bệnh nhân nào ở {city} có bảo hiểm {insurance}?",
                   "Liệt kê tên các bệnh nhân sống ở {city} và được bảo hiểm bởi {insurance}.",
                   "Cho biết các bệnh nhân có thành phố là {city} và bảo hiểm là {insurance}."),
            "zh": ("哪些来自{city}的病人投保了{insurance}？", "列出住在{city}且保险为{insurance}的病人姓名。",
                   "给出城市是{city}、保险公司是{insurance}的病人。"),
        },
    ),
    Template(
        sql=f"SELECT T2.name, count(*) {PHYS_DEPT} GROUP BY T1.department_id",
        questions={
            "en": ("How many physicians does each department have? Show the department name and the count.",
                   "For every department, give its name and its number of physicians."),
            "de": ("Wie viele Ärzte hat jede Abteilung? Zeige den Namen der Abteilung und die Anzahl.",
                   "Gib für jede Abteilung ihren Namen und die Zahl ihrer Ärzte an."),
            "es": ("¿Cuántos médicos tiene cada departamento? Muestra el nombre del departamento y la cantidad.",
                   "Para cada departamento, indica su nombre y su número de médicos."),
            "fr": ("Combien de médecins chaque service compte-t-il ? Affiche le nom du service et le nombre.",
                   "Pour chaque service, donne son nom et son nombre de médecins."),
            "ja": ("各診療科には医師が何人いますか？診療科名と人数を表示してください。",
                   "診療科ごとに、その名前と所属医師数を示してください。"),
            "vi": ("Mỗi khoa có bao nhiêu bác sĩ? Hiển thị tên khoa và số lượng.",
                   "Với mỗi khoa, cho biết tên và số bác sĩ của khoa đó."),
            "zh": ("每个科室有多少名医生？显示科室名称和人数。", "对每个科室，给出其名称和医生数量。"),
        },
    ),
    Template(
        sql="SELECT name FROM patient ORDER BY birth_date DESC LIMIT 1",
        questions={
            "en": ("Who is the youngest patient?", "What is the name of the patient with the most recent birth date?"),
            "de": ("Wer ist der jüngste Patient?", "Wie heißt der Patient mit dem spätesten Geburtsdatum?"),
            "es": ("¿Quién es el paciente más joven?", "¿Cómo se llama el paciente con la fecha de nacimiento más reciente?"),
            "fr": ("Qui est le patient le plus jeune ?", "Quel est le nom du patient dont la date de naissance est la plus récente ?"),
            "ja": ("最も若い患者は誰ですか？", "生年月日が最も新しい患者の名前は何ですか？"),
            "vi": ("Bệnh nhân trẻ tuổi nhất là ai?", "Tên của bệnh nhân có ngày sinh gần đây nhất là gì?"),
            "zh": ("最年轻的病人是谁？", "出生日期最晚的病人叫什么名字？"),
        },
    ),
    Template(
        sql="SELECT avg(salary), max(salary) FROM physician WHERE position = '{position}'",
        slots={"position": POSITION},
        n=2,
        questions={
            "en": ("What are the average and the maximum salary of physicians with the position {position}?",
                   "For {position} physicians, give the mean salary and the highest salary."),
            "de": ("Wie hoch sind das durchschnittliche und das höchste Gehalt der Ärzte mit der Position {position}?",
                   "Gib für Ärzte der Position {position} das Durchschnittsgehalt und das Höchstgehalt an."),
            "es": ("¿Cuáles son el salario medio y el salario máximo de los médicos con el cargo {position}?",
                   "Para los médicos de cargo {position}, indica el salario promedio y el más alto."),
            "fr": ("Quels sont le salaire moyen et le salaire maximal des médecins au poste {position} ?",
                   "Pour les médecins de poste {position}, donne le salaire moyen et le salaire le plus élevé."),
            "ja": ("役職が{position}の医師の平均給与と最高給与はいくらですか？",
                   "{position}の医師について、給与の平均と最大値を求めてください。"),
            "vi": ("Lương trung bình và lương cao nhất của các bác sĩ có chức vụ {position} là bao nhiêu?",
                   "Đối với bác sĩ chức vụ {position}, cho biết mức lương trung bình và mức lương cao nhất."),
            "zh": ("职位为{position}的医生的平均工资和最高工资是多少？", "对于{position}医生，给出平均工资和最高工资。"),
        },
    ),
    Template(
        sql="SELECT T1.appointment_date FROM appointment AS T1 JOIN physician AS T2 ON T1.physician_id = T2.physician_id "
            "WHERE T2.name = '{physician}'",
        slots={"physician": BUSY_DOCTOR},
        n=2,
        questions={
            "en": ("On which dates did {physician} have appointments?", "List the appointment dates of the physician {physician}."),
            "de": ("An welchen Tagen hatte {physician} Termine?", "Liste die Daten aller Termine von {physician} auf."),
            "es": ("¿En qué fechas tuvo citas {physician}?", "Enumera las fechas de las citas del médico {physician}."),
            "fr": ("À quelles dates le médecin {physician} avait-il des rendez-vous ?", "Liste les dates des rendez-vous du médecin {physician}."),
            "ja": ("{physician}医師の診察予約があった日付はいつですか？", "医師{physician}の予約日をすべて挙げてください。"),
            "vi": ("Bác sĩ {physician} có lịch hẹn vào những ngày nào?", "Liệt kê ngày của các lịch hẹn với bác sĩ {physician}."),
            "zh": ("{physician}医生在哪些日期有预约？", "列出医生{physician}的所有预约日期。"),
        },
    ),
    # ---- hard
    Template(
        sql="SELECT name FROM physician WHERE salary > (SELECT avg(salary) FROM physician)",
        questions={
            "en": ("Which physicians earn more than the average salary?", "List the names of physicians whose salary is above average."),
            "de": ("Welche Ärzte verdienen mehr als das Durchschnittsgehalt?",
                   "Nenne die Namen der Ärzte, deren Gehalt über dem Durchschnitt liegt."),
            "es": ("¿Qué médicos ganan más que el salario medio?", "Enumera los nombres de los médicos cuyo salario supera el promedio."),
            "fr": ("Quels médecins gagnent plus que le salaire moyen ?",
                   "Liste les noms des médecins dont le salaire est supérieur à la moyenne."),
            "ja": ("平均給与より多く稼いでいる医師は誰ですか？", "給与が平均を上回る医師の名前を挙げてください。"),
            "vi": ("Những bác sĩ nào có lương cao hơn mức lương trung bình?", "Liệt kê tên các bác sĩ có mức lương trên trung bình."),
            "zh": ("哪些医生的工资高于平均工资？", "列出工资超过平均水平的医生姓名。"),
        },
    ),
    Template(
        sql="SELECT name FROM patient WHERE patient_id NOT IN (SELECT patient_id FROM appointment)",
        questions={
            "en": ("Which patients have never had an appointment?", "List the names of patients without any appointment."),
            "de": ("Welche Patienten hatten noch nie einen Termin?", "Nenne die Namen der Patienten ohne einen einzigen Termin."),
            "es": ("¿Qué pacientes no han tenido nunca una cita?", "Enumera los nombres de los pacientes sin ninguna cita."),
            "fr": ("Quels patients n'ont jamais eu de rendez-vous ?", "Liste les noms des patients qui n'ont aucun rendez-vous."),
            "ja": ("一度も予約をしたことのない患者は誰ですか？", "予約が一件もない患者の名前を挙げてください。"),
            "vi": ("Những bệnh nhân nào chưa từng có lịch hẹn khám?", "Liệt kê tên các bệnh nhân không có lịch hẹn nào."),
            "zh": ("哪些病人从来没有预约过？", "列出没有任何预约记录的病人姓名。"),
        },
    ),
    Template(
        sql=f"SELECT T1.name {PAT_APPT} JOIN physician AS T3 ON T2.physician_id = T3.physician_id WHERE T3.name = '{{physician}}'",
        slots={"physician": BUSY_DOCTOR},
        n=3,
        questions={
            "en": ("Which patients had an appointment with {physician}?", "List the names of the patients seen by {physician}.",
                   "Who were the patients of the physician {physician}?"),
            "de": ("Welche Patienten hatten einen Termin bei {physician}?", "Nenne die Namen der Patienten, die von {physician} behandelt wurden.",
                   "Wer waren die Patienten von {physician}?"),
            "es": ("¿Qué pacientes tuvieron una cita con {physician}?", "Enumera los nombres de los pacientes atendidos por {physician}.",
                   "¿Quiénes fueron los pacientes del médico {physician}?"),
            "fr": ("Quels patients ont eu un rendez-vous avec {physician} ?", "Liste les noms des patients reçus par {physician}.",
                   "Qui étaient les patients du médecin {physician} ?"),
            "ja": ("{physician}医師の予約があった患者は誰ですか？", "{physician}が診察した患者の名前を挙げてください。",
                   "医師{physician}の患者は誰でしたか？"),
            "vi": ("Những bệnh nhân nào đã có lịch hẹn với {physician}?", "Liệt kê tên các bệnh nhân được {physician} khám.",
                   "Các bệnh nhân của bác sĩ {physician} là ai?"),
            "zh": ("哪些病人预约过{physician}？", "列出由{physician}接诊的病人姓名。", "医生{physician}的病人都有谁？"),
        },
    ),
    Template(
        sql="SELECT reason FROM appointment GROUP BY reason ORDER BY count(*) DESC LIMIT 1",
        questions={
            "en": ("What is the most common reason for an appointment?", "Which appointment reason occurs most often?"),
            "de": ("Was ist der häufigste Anlass für einen Termin?", "Welcher Terminanlass kommt am häufigsten vor?"),
            "es": ("¿Cuál es el motivo de cita más frecuente?", "¿Qué motivo de cita aparece más veces?"),
            "fr": ("Quel est le motif de rendez-vous le plus fréquent ?", "Quel motif de rendez-vous revient le plus souvent ?"),
            "ja": ("最も多い受診理由は何ですか？", "一番よく見られる予約の理由はどれですか？"),
            "vi": ("Lý do khám phổ biến nhất là gì?", "Lý do hẹn khám nào xuất hiện nhiều nhất?"),
            "zh": ("最常见的就诊原因是什么？", "哪种预约原因出现得最多？"),
        },
    ),
    Template(
        sql="SELECT name FROM department WHERE budget > (SELECT budget FROM department WHERE name = '{department}')",
        slots={"department": DEPT},
        n=2,
        questions={
            "en": ("Which departments have a larger budget than {department}?",
                   "List the departments whose budget exceeds that of the {department} department."),
            "de": ("Welche Abteilungen haben ein größeres Budget als {department}?",
                   "Nenne die Abteilungen, deren Budget das der Abteilung {department} übersteigt."),
            "es": ("¿Qué departamentos tienen un presupuesto mayor que {department}?",
                   "Enumera los departamentos cuyo presupuesto supera al del departamento de {department}."),
            "fr": ("Quels services ont un budget plus élevé que le service {department} ?",
                   "Liste les services dont le budget dépasse celui du service {department}."),
            "ja": ("{department}より予算が多い診療科はどれですか？", "予算が{department}科の予算を上回る診療科を挙げてください。"),
            "vi": ("Những khoa nào có ngân sách lớn hơn khoa {department}?", "Liệt kê các khoa có ngân sách vượt quá ngân sách của khoa {department}."),
            "zh": ("哪些科室的预算比{department}多？", "列出预算超过{department}科室的科室。"),
        },
    ),
    Template(
        sql="SELECT city FROM patient WHERE insurance = '{insurance_a}' INTERSECT SELECT city FROM patient WHERE insurance = '{insurance_b}'",
        slots={"insurance_a": "SELECT insurance FROM patient WHERE insurance < 'C'",
               "insurance_b": "SELECT insurance FROM patient WHERE insurance >= 'C'"},
        n=2,
        questions={
            "en": ("Which cities have both patients insured with {insurance_a} and patients insured with {insurance_b}?",
                   "Find the cities where some patient has {insurance_a} insurance and another has {insurance_b} insurance."),
            "de": ("In welchen Städten gibt es sowohl Patienten, die bei {insurance_a} versichert sind, als auch solche mit {insurance_b}?",
                   "Finde die Städte, in denen Patienten mit der Versicherung {insurance_a} und Patienten mit der Versicherung {insurance_b} wohnen."),
            "es": ("¿Qué ciudades tienen tanto pacientes asegurados con {insurance_a} como pacientes asegurados con {insurance_b}?",
                   "Encuentra las ciudades donde hay pacientes con seguro de {insurance_a} y también pacientes con seguro de {insurance_b}."),
            "fr": ("Quelles villes comptent à la fois des patients assurés chez {insurance_a} et des patients assurés chez {insurance_b} ?",
                   "Trouve les villes où habitent des patients couverts par {insurance_a} ainsi que des patients couverts par {insurance_b}."),
            "ja": ("{insurance_a}の保険に加入している患者と{insurance_b}の保険に加入している患者の両方がいる都市はどこですか？",
                   "保険が{insurance_a}の患者も{insurance_b}の患者も住んでいる都市を求めてください。"),
            "vi": ("Những thành phố nào có cả bệnh nhân bảo hiểm {insurance_a} lẫn bệnh nhân bảo hiểm {insurance_b}?",
                   "Tìm các thành phố vừa có bệnh nhân dùng bảo hiểm {insurance_a} vừa có bệnh nhân dùng bảo hiểm {insurance_b}."),
            "zh": ("哪些城市既有投保{insurance_a}的病人，也有投保{insurance_b}的病人？",
                   "找出同时住有{insurance_a}参保病人和{insurance_b}参保病人的城市。"),
        },
    ),
    Template(
        sql=f"SELECT T1.name {PHYS_DEPT} WHERE T2.name = '{{department}}' ORDER BY T1.hire_year",
        slots={"department": DEPT_WITH_DOCTORS},
        n=2,
        questions={
            "en": ("List the physicians of the {department} department ordered by hire year.",
                   "Who works in {department}? Sort the physicians from the earliest to the latest hire."),
            "de": ("Liste die Ärzte der Abteilung {department} nach Einstellungsjahr sortiert auf.",
                   "Wer arbeitet in der Abteilung {department}? Sortiere die Ärzte von der frühesten bis zur spätesten Einstellung."),
            "es": ("Enumera los médicos del departamento de {department} ordenados por año de contratación.",
                   "¿Quién trabaja en {department}? Ordena a los médicos desde la contratación más antigua hasta la más reciente."),
            "fr": ("Liste les médecins du service {department} triés par année d'embauche.",
                   "Qui travaille dans le service {department} ? Trie les médecins du plus ancien recrutement au plus récent."),
            "ja": ("{department}の医師を採用年順に挙げてください。", "{department}科で働いているのは誰ですか？採用の早い順に医師を並べてください。"),
            "vi": ("Liệt kê các bác sĩ của khoa {department} theo năm tuyển dụng.",
                   "Ai làm việc ở khoa {department}? Sắp xếp các bác sĩ từ người được tuyển sớm nhất đến muộn nhất."),
            "zh": ("按入职年份列出{department}科室的医生。", "谁在{department}科工作？按入职时间从早到晚排列医生。"),
        },
    ),
    Template(
        sql="SELECT name FROM physician WHERE physician_id NOT IN (SELECT physician_id FROM appointment)",
        questions={
            "en": ("Which physicians have no appointments at all?", "Give the names of physicians who have never seen a patient."),
            "de": ("Welche Ärzte haben überhaupt keine Termine?", "Nenne die Namen der Ärzte, die noch nie einen Patienten empfangen haben."),
            "es": ("¿Qué médicos no tienen ninguna cita?", "Indica los nombres de los médicos que nunca han atendido a un paciente."),
            "fr": ("Quels médecins n'ont aucun rendez-vous ?", "Donne les noms des médecins qui n'ont jamais reçu de patient."),
            "ja": ("予約が一件もない医師は誰ですか？", "まだ一度も患者を診察したことのない医師の名前を教えてください。"),
            "vi": ("Những bác sĩ nào không có lịch hẹn nào?", "Cho biết tên các bác sĩ chưa từng khám cho bệnh nhân nào."),
            "zh": ("哪些医生没有任何预约？", "给出从未接诊过病人的医生姓名。"),
        },
    ),
    Template(
        sql="SELECT name FROM patient WHERE patient_id IN (SELECT patient_id FROM appointment WHERE reason = '{reason}')",
        slots={"reason": REASON},
        n=2,
        questions={
            "en": ("Which patients had an appointment for {reason}?", "List the names of patients who came in with the reason {reason}."),
            "de": ("Welche Patienten hatten einen Termin wegen {reason}?", "Nenne die Namen der Patienten, die mit dem Anlass {reason} kamen."),
            "es": ("¿Qué pacientes tuvieron una cita por el motivo {reason}?", "Enumera los nombres de los pacientes que acudieron por {reason}."),
            "fr": ("Quels patients ont eu un rendez-vous pour le motif {reason} ?", "Liste les noms des patients venus pour {reason}."),
            "ja": ("受診理由が{reason}の予約があった患者は誰ですか？", "{reason}を理由に受診した患者の名前を挙げてください。"),
            "vi": ("Những bệnh nhân nào đã có lịch hẹn với lý do {reason}?", "Liệt kê tên các bệnh nhân đến khám vì lý do {reason}."),
            "zh": ("哪些病人因{reason}预约过？", "列出就诊原因为{reason}的病人姓名。"),
        },
    ),
    # ---- extra
    Template(
        sql=f"SELECT T2.name {PHYS_DEPT} GROUP BY T1.department_id ORDER BY count(*) DESC LIMIT 1",
        questions={
            "en": ("Which department has the most physicians?", "What is the name of the department with the largest medical staff?"),
            "de": ("Welche Abteilung hat die meisten Ärzte?", "Wie heißt die Abteilung mit dem größten ärztlichen Personal?"),
            "es": ("¿Qué departamento tiene más médicos?", "¿Cómo se llama el departamento con la mayor plantilla de médicos?"),
            "fr": ("Quel service compte le plus de médecins ?", "Quel est le nom du service ayant le plus grand effectif médical ?"),
            "ja": ("医師が最も多い診療科はどこですか？", "所属医師数が最大の診療科の名前は何ですか？"),
            "vi": ("Khoa nào có nhiều bác sĩ nhất?", "Tên của khoa có đội ngũ bác sĩ đông nhất là gì?"),
            "zh": ("哪个科室的医生最多？", "医生人数最多的科室叫什么名字？"),
        },
    ),
    Template(
        sql="SELECT T2.name FROM appointment AS T1 JOIN physician AS T2 ON T1.physician_id = T2.physician_id "
            "GROUP BY T1.physician_id ORDER BY count(*) DESC LIMIT 1",
        questions={
            "en": ("Which physician has the most appointments?", "Give the name of the doctor who saw patients most often."),
            "de": ("Welcher Arzt hat die meisten Termine?", "Nenne den Namen des Arztes, der am häufigsten Patienten empfangen hat."),
            "es": ("¿Qué médico tiene más citas?", "Indica el nombre del médico que atendió pacientes con más frecuencia."),
            "fr": ("Quel médecin a le plus de rendez-vous ?", "Donne le nom du médecin qui a reçu des patients le plus souvent."),
            "ja": ("予約件数が最も多い医師は誰ですか？", "最も頻繁に患者を診察した医師の名前を教えてください。"),
            "vi": ("Bác sĩ nào có nhiều lịch hẹn nhất?", "Cho biết tên bác sĩ khám bệnh nhân nhiều lần nhất."),
            "zh": ("哪位医生的预约最多？", "给出接诊次数最多的医生姓名。"),
        },
    ),
    Template(
        sql=f"SELECT DISTINCT T1.name {PAT_APPT} JOIN physician AS T3 ON T2.physician_id = T3.physician_id "
            "JOIN department AS T4 ON T3.department_id = T4.department_id WHERE T4.name = '{department}'",
        slots={"department": DEPT},
        n=2,
        questions={
            "en": ("Which patients have seen a physician of the {department} department?",
                   "List the distinct names of patients who had appointments with {department} physicians."),
            "de": ("Welche Patienten waren bei einem Arzt der Abteilung {department}?",
                   "Nenne ohne Wiederholung die Patienten, die Termine bei Ärzten der Abteilung {department} hatten."),
            "es": ("¿Qué pacientes han consultado a un médico del departamento de {department}?",
                   "Enumera sin repetir los pacientes que tuvieron citas con médicos de {department}."),
            "fr": ("Quels patients ont consulté un médecin du service {department} ?",
                   "Liste, sans doublons, les patients ayant eu des rendez-vous avec des médecins du service {department}."),
            "ja": ("{department}の医師の診察を受けたことのある患者は誰ですか？",
                   "{department}科の医師との予約があった患者の名前を重複なしで挙げてください。"),
            "vi": ("Những bệnh nhân nào đã khám với bác sĩ của khoa {department}?",
                   "Liệt kê tên (không trùng lặp) các bệnh nhân có lịch hẹn với bác sĩ khoa {department}."),
            "zh": ("哪些病人看过{department}科室的医生？", "列出与{department}医生有过预约的病人姓名（不重复）。"),
        },
    ),
    Template(
        sql=f"SELECT T1.name {PHYS_DEPT} WHERE T2.name = '{{department}}' AND T1.salary > (SELECT avg(salary) FROM physician)",
        slots={"department": DEPT_WITH_DOCTORS},
        n=2,
        questions={
            "en": ("Which physicians in {department} earn more than the average physician?",
                   "List the {department} doctors whose salary is above the hospital-wide average."),
            "de": ("Welche Ärzte der Abteilung {department} verdienen mehr als der durchschnittliche Arzt?",
                   "Nenne die Ärzte aus {department}, deren Gehalt über dem Durchschnitt des ganzen Krankenhauses liegt."),
            "es": ("¿Qué médicos de {department} ganan más que el médico promedio?",
                   "Enumera los médicos de {department} cuyo salario supera la media de todo el hospital."),
            "fr": ("Quels médecins du service {department} gagnent plus que le médecin moyen ?",
                   "Liste les médecins du service {department} dont le salaire dépasse la moyenne de tout l'hôpital."),
            "ja": ("{department}の医師のうち、平均的な医師より給与が高いのは誰ですか？",
                   "給与が病院全体の平均を上回る{department}科の医師を挙げてください。"),
            "vi": ("Những bác sĩ nào ở khoa {department} có lương cao hơn mức trung bình của các bác sĩ?",
                   "Liệt kê các bác sĩ khoa {department} có lương vượt mức trung bình toàn bệnh viện."),
            "zh": ("{department}科室中哪些医生的工资高于医生平均工资？", "列出工资高于全院平均水平的{department}医生。"),
        },
    ),
    Template(
        sql=f"SELECT T1.name {PAT_APPT} WHERE T2.reason = '{{reason_a}}' INTERSECT SELECT T1.name {PAT_APPT} WHERE T2.reason = '{{reason_b}}'",
        slots={"reason_a": "SELECT reason FROM appointment WHERE reason < 'G'",
               "reason_b": "SELECT reason FROM appointment WHERE reason >= 'G'"},
        n=2,
        questions={
            "en": ("Which patients have had appointments both for {reason_a} and for {reason_b}?",
                   "Find the names of patients who came in for {reason_a} and also for {reason_b}."),
            "de": ("Welche Patienten hatten sowohl Termine wegen {reason_a} als auch wegen {reason_b}?",
                   "Finde die Namen der Patienten, die wegen {reason_a} und außerdem wegen {reason_b} gekommen sind."),
            "es": ("¿Qué pacientes han tenido citas tanto por {reason_a} como por {reason_b}?",
                   "Encuentra los nombres de los pacientes que acudieron por {reason_a} y también por {reason_b}."),
            "fr": ("Quels patients ont eu des rendez-vous à la fois pour {reason_a} et pour {reason_b} ?",
                   "Trouve les noms des patients venus pour {reason_a} et aussi pour {reason_b}."),
            "ja": ("{reason_a}と{reason_b}の両方の理由で予約したことのある患者は誰ですか？",
                   "{reason_a}でも{reason_b}でも受診したことのある患者の名前を求めてください。"),
            "vi": ("Những bệnh nhân nào đã có lịch hẹn vì cả {reason_a} lẫn {reason_b}?",
                   "Tìm tên các bệnh nhân từng đến khám vì {reason_a} và cũng vì {reason_b}."),
            "zh": ("哪些病人既因{reason_a}也因{reason_b}预约过？", "找出曾因{reason_a}就诊、也曾因{reason_b}就诊的病人姓名。"),
        },
    ),
    Template(
        sql=f"SELECT T2.name, avg(T1.salary) {PHYS_DEPT} GROUP BY T1.department_id ORDER BY avg(T1.salary) DESC LIMIT 3",
        questions={
            "en": ("Which three departments pay their physicians the highest average salary, and what is that average?",
                   "Show the names and average physician salaries of the top 3 departments by average salary."),
            "de": ("Welche drei Abteilungen zahlen ihren Ärzten im Schnitt das höchste Gehalt, und wie hoch ist dieser Durchschnitt?",
                   "Zeige Namen und durchschnittliches Arztgehalt der 3 Abteilungen mit dem höchsten Durchschnittsgehalt."),
            "es": ("¿Qué tres departamentos pagan a sus médicos el salario medio más alto y cuál es esa media?",
                   "Muestra los nombres y el salario medio de los médicos de los 3 departamentos con mayor salario medio."),
            "fr": ("Quels sont les trois services qui versent à leurs médecins le salaire moyen le plus élevé, et quel est ce salaire moyen ?",
                   "Affiche le nom et le salaire moyen des médecins des 3 services ayant la moyenne la plus haute."),
            "ja": ("医師の平均給与が最も高い3つの診療科はどこで、その平均はいくらですか？",
                   "平均給与の上位3診療科について、名前と医師の平均給与を表示してください。"),
            "vi": ("Ba khoa nào trả lương trung bình cho bác sĩ cao nhất, và mức trung bình đó là bao nhiêu?",
                   "Hiển thị tên và lương trung bình của bác sĩ ở 3 khoa có lương trung bình cao nhất."),
            "zh": ("医生平均工资最高的三个科室是哪些？平均工资分别是多少？", "显示平均工资排名前3的科室名称及其医生平均工资。"),
        },
    ),
    Template(
        sql=f"SELECT T1.name {PHYS_DEPT} WHERE T2.name = '{{department}}' EXCEPT SELECT T1.name FROM physician AS T1 "
            "JOIN appointment AS T2 ON T1.physician_id = T2.physician_id WHERE T2.reason = '{reason}'",
        slots={"department": DEPT_WITH_DOCTORS, "reason": REASON},
        n=2,
        questions={
            "en": ("Which physicians of the {department} department have never had an appointment for {reason}?",
                   "List the {department} doctors who never saw a patient for {reason}."),
            "de": ("Welche Ärzte der Abteilung {department} hatten noch nie einen Termin wegen {reason}?",
                   "Nenne die Ärzte aus {department}, die nie einen Patienten wegen {reason} behandelt haben."),
            "es": ("¿Qué médicos del departamento de {department} nunca han tenido una cita por {reason}?",
                   "Enumera los médicos de {department} que nunca atendieron a un paciente por {reason}."),
            "fr": ("Quels médecins du service {department} n'ont jamais eu de rendez-vous pour {reason} ?",
                   "Liste les médecins du service {department} qui n'ont jamais reçu de patient pour {reason}."),
            "ja": ("{department}の医師のうち、{reason}の予約を一度も受けたことがないのは誰ですか？",
                   "{reason}で患者を診察したことのない{department}科の医師を挙げてください。"),
            "vi": ("Những bác sĩ nào của khoa {department} chưa từng có lịch hẹn vì {reason}?",
                   "Liệt kê các bác sĩ khoa {department} chưa bao giờ khám bệnh nhân vì {reason}."),
            "zh": ("{department}科室的哪些医生从未接过{reason}的预约？", "列出从未因{reason}接诊过病人的{department}医生。"),
        },
    ),
)

DOMAIN = Domain(db_id="hospital", split="train", schema_sql=SCHEMA, populate=populate, templates=TEMPLATES)
