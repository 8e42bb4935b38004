"""Domain ``university`` (train): departments, professors, courses, students and enrollments."""

from __future__ import annotations

import itertools
import random
import sqlite3

from polysql.data.mini.template import Domain, Template

SCHEMA = """
CREATE TABLE department (
    dept_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    building TEXT NOT NULL,
    founded_year INTEGER NOT NULL
);
CREATE TABLE professor (
    professor_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    dept_id INTEGER NOT NULL REFERENCES department(dept_id),
    rank TEXT NOT NULL,
    hire_year INTEGER NOT NULL
);
CREATE TABLE course (
    course_id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    dept_id INTEGER NOT NULL REFERENCES department(dept_id),
    professor_id INTEGER NOT NULL REFERENCES professor(professor_id),
    credits INTEGER NOT NULL,
    level INTEGER NOT NULL
);
CREATE TABLE student (
    student_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    major_dept_id INTEGER NOT NULL REFERENCES department(dept_id),
    country TEXT NOT NULL,
    enrollment_year INTEGER NOT NULL,
    gpa REAL NOT NULL
);
CREATE TABLE enrollment (
    enrollment_id INTEGER PRIMARY KEY,
    student_id INTEGER NOT NULL REFERENCES student(student_id),
    course_id INTEGER NOT NULL REFERENCES course(course_id),
    semester TEXT NOT NULL,
    grade TEXT NOT NULL
);
"""

# department -> (building, founded, three course titles)
DEPARTMENTS = {
    "Computer Science": ("Turing Hall", 1968, ["Introduction to Programming", "Data Structures", "Machine Learning"]),
    "Mathematics": ("Gauss Building", 1891, ["Calculus I", "Linear Algebra", "Real Analysis"]),
    "Physics": ("Science Center", 1895, ["Classical Mechanics", "Electromagnetism", "Quantum Physics"]),
    "Chemistry": ("Science Center", 1902, ["General Chemistry", "Organic Chemistry", "Physical Chemistry"]),
    "Biology": ("Life Sciences Building", 1910, ["Cell Biology", "Genetics", "Ecology"]),
    "Economics": ("Main Hall", 1925, ["Microeconomics", "Macroeconomics", "Econometrics"]),
    "History": ("Humanities Building", 1890, ["World History", "Modern European History", "History of the Americas"]),
    "Philosophy": ("Humanities Building", 1890, ["Introduction to Philosophy", "Ethics", "Logic"]),
    "Psychology": ("Main Hall", 1948, ["Introduction to Psychology", "Cognitive Psychology", "Social Psychology"]),
    "Sociology": ("Main Hall", 1955, ["Introduction to Sociology", "Urban Sociology", "Sociology of Education"]),
    "English Literature": ("Humanities Building", 1891, ["Shakespeare", "The Modern Novel", "Creative Writing"]),
    "Linguistics": ("Humanities Building", 1972, ["Phonetics", "Syntax", "Sociolinguistics"]),
    "Political Science": ("Main Hall", 1931, ["Comparative Politics", "International Relations", "Political Theory"]),
    "Mechanical Engineering": ("Engineering Quad", 1921, ["Thermodynamics", "Fluid Mechanics", "Machine Design"]),
    "Electrical Engineering": ("Engineering Quad", 1934, ["Circuit Analysis", "Signals and Systems", "Digital Electronics"]),
    "Civil Engineering": ("Engineering Quad", 1921, ["Structural Analysis", "Transportation Engineering", "Soil Mechanics"]),
    "Music": ("Arts Pavilion", 1946, ["Music Theory", "History of Jazz", "Orchestration"]),
    "Art History": ("Arts Pavilion", 1962, ["Renaissance Art", "Modern Art", "Art of East Asia"]),
    "Geography": ("Life Sciences Building", 1959, ["Physical Geography", "Urban Planning", "Climatology"]),
    "Statistics": ("Gauss Building", 1979, ["Probability", "Statistical Inference", "Bayesian Statistics"]),
}
RANKS = ["Professor", "Associate Professor", "Assistant Professor"]
FIRST_NAMES = ["Alice", "Ben", "Chen", "Diana", "Elena", "Felix", "Gabriel", "Hana", "Ivan", "Jasmine", "Kenji", "Lena",
               "Mateo", "Nadia", "Oscar", "Priya", "Quentin", "Rosa", "Stefan", "Tara", "Umar", "Vera", "Wei", "Yusuf"]
LAST_NAMES = ["Anderson", "Becker", "Castillo", "Dang", "Edwards", "Fontaine", "Gupta", "Hoffmann", "Ito", "Jensen",
              "Kaur", "Lindqvist", "Mendes", "Nakamura", "Olsen", "Park", "Quinn", "Russo", "Sato", "Tran"]
# weights make United States the clear majority
COUNTRIES = ["United States"] * 6 + ["China", "India", "Germany", "Brazil", "Nigeria", "Vietnam", "Japan", "Mexico", "France"]
SEMESTERS = ["Fall 2023", "Spring 2024", "Fall 2024"]
GRADES = ["A"] * 3 + ["B"] * 4 + ["C"] * 2 + ["D", "F"]


def populate(conn: sqlite3.Connection, rng: random.Random) -> None:
    """20 departments, 40 professors, 60 courses, 90 students, about 330 enrollments."""
    names = iter(rng.sample([f"{f} {l}" for f, l in itertools.product(FIRST_NAMES, LAST_NAMES)], 40 + 90))
    course_id = 0
    for dept_id, (dept, (building, founded, titles)) in enumerate(DEPARTMENTS.items(), start=1):
        conn.execute("INSERT INTO department VALUES (?, ?, ?, ?)", (dept_id, dept, building, founded))
        professors = [2 * dept_id - 1, 2 * dept_id]
        for professor_id in professors:
            rank = rng.choice(RANKS)
            hired = {"Professor": (1990, 2010), "Associate Professor": (2005, 2016), "Assistant Professor": (2015, 2024)}[rank]
            conn.execute("INSERT INTO professor VALUES (?, ?, ?, ?, ?)",
                         (professor_id, next(names), dept_id, rank, rng.randint(*hired)))
        for position, title in enumerate(titles):
            course_id += 1
            level = 100 if position == 0 else rng.choice([200, 300, 400])
            conn.execute("INSERT INTO course VALUES (?, ?, ?, ?, ?, ?)",
                         (course_id, title, dept_id, rng.choice(professors), rng.choice([3, 3, 4, 4, 2]), level))

    n_students = 90
    # Computer Science (dept 1) gets eight extra majors, so it is clearly the largest
    majors = [1] * 8 + [rng.randint(1, 20) for _ in range(n_students - 8)]
    best = rng.randrange(n_students)  # the only student with a perfect GPA
    for student_id, major in enumerate(majors, start=1):
        gpa = 4.0 if student_id - 1 == best else round(rng.uniform(2.0, 3.95), 2)
        conn.execute("INSERT INTO student VALUES (?, ?, ?, ?, ?, ?)",
                     (student_id, next(names), major, rng.choice(COUNTRIES), rng.randint(2019, 2024), gpa))

    unpopular = set(rng.sample(range(2, course_id + 1), 6))  # courses nobody took
    open_courses = [c for c in range(1, course_id + 1) if c not in unpopular]
    pairs = {(s, 1) for s in rng.sample(range(1, n_students + 1), 18)}  # Introduction to Programming is popular
    while len(pairs) < 330:
        pairs.add((rng.randint(1, n_students), rng.choice(open_courses)))
    for enrollment_id, (student_id, course) in enumerate(sorted(pairs), start=1):
        conn.execute("INSERT INTO enrollment VALUES (?, ?, ?, ?, ?)",
                     (enrollment_id, student_id, course, rng.choice(SEMESTERS), rng.choice(GRADES)))


DEPT = "SELECT name FROM department"
COUNTRY = "SELECT country FROM student"
YEAR = "SELECT enrollment_year FROM student"
COURSE_DEPT = "FROM course AS T1 JOIN department AS T2 ON T1.dept_id = T2.dept_id"
PROF_DEPT = "FROM professor AS T1 JOIN department AS T2 ON T1.dept_id = T2.dept_id"
STUDENT_DEPT = "FROM student AS T1 JOIN department AS T2 ON T1.major_dept_id = T2.dept_id"
STUDENT_COURSE = ("FROM student AS T1 JOIN enrollment AS T2 ON T1.student_id = T2.student_id "
                  "JOIN course AS T3 ON T2.course_id = T3.course_id")

TEMPLATES = (
    # ---- easy
    Template(
        sql="SELECT count(*) FROM student",
        questions={
            "en": ("How many students are there?", "Count the students of the university.", "What is the total number of students?"),
            "de": ("Wie viele Studierende gibt es?", "Zähle die Studierenden der Universität.", "Wie hoch ist die Gesamtzahl der Studierenden?"),
            "es": ("¿Cuántos estudiantes hay?", "Cuenta los estudiantes de la universidad.", "¿Cuál es el número total de estudiantes?"),
            "fr": ("Combien y a-t-il d'étudiants ?", "Compte les étudiants de l'université.", "Quel est le nombre total d'étudiants ?"),
            "ja": ("学生は何人いますか？", "大学の学生の数を数えてください。", "学生の総数はいくつですか？"),
            "vi": ("Có bao nhiêu sinh viên?", "Đếm số sinh viên của trường đại học.", "Tổng số sinh viên là bao nhiêu?"),
            "zh": ("一共有多少名学生？", "统计这所大学的学生人数。", "学生总数是多少？"),
        },
    ),
    Template(
        sql="SELECT title FROM course WHERE credits = {credits}",
        slots={"credits": "SELECT credits FROM course"},
        n=2,
        questions={
            "en": ("Which courses are worth {credits} credits?", "List the titles of all courses with {credits} credits."),
            "de": ("Welche Kurse bringen {credits} Leistungspunkte?", "Nenne die Titel aller Kurse mit {credits} Leistungspunkten."),
            "es": ("¿Qué cursos valen {credits} créditos?", "Enumera los títulos de todos los cursos de {credits} créditos."),
            "fr": ("Quels cours valent {credits} crédits ?", "Liste les intitulés de tous les cours à {credits} crédits."),
            "ja": ("{credits}単位の科目はどれですか？", "単位数が{credits}のすべての科目名を挙げてください。"),
            "vi": ("Những môn học nào có {credits} tín chỉ?", "Liệt kê tên tất cả các môn học có {credits} tín chỉ."),
            "zh": ("哪些课程是{credits}学分的？", "列出所有学分为{credits}的课程名称。"),
        },
    ),
    Template(
        sql="SELECT name FROM student WHERE country = '{country}'",
        slots={"country": COUNTRY},
        n=3,
        questions={
            "en": ("Which students come from {country}?", "List the names of all students from {country}.",
                   "What are the names of the students whose country is {country}?"),
            "de": ("Welche Studierenden kommen aus {country}?", "Nenne die Namen aller Studierenden aus {country}.",
                   "Wie heißen die Studierenden, deren Herkunftsland {country} ist?"),
            "es": ("¿Qué estudiantes vienen de {country}?", "Enumera los nombres de todos los estudiantes de {country}.",
                   "¿Cómo se llaman los estudiantes cuyo país es {country}?"),
            "fr": ("Quels étudiants viennent du pays {country} ?", "Liste les noms de tous les étudiants originaires du pays {country}.",
                   "Quels sont les noms des étudiants dont le pays est {country} ?"),
            "ja": ("{country}出身の学生は誰ですか？", "{country}から来たすべての学生の名前を挙げてください。",
                   "出身国が{country}である学生の名前は何ですか？"),
            "vi": ("Những sinh viên nào đến từ {country}?", "Liệt kê tên tất cả sinh viên đến từ {country}.",
                   "Tên của các sinh viên có quốc gia là {country} là gì?"),
            "zh": ("哪些学生来自{country}？", "列出所有来自{country}的学生姓名。", "国家为{country}的学生叫什么名字？"),
        },
    ),
    Template(
        sql="SELECT count(*) FROM professor WHERE rank = '{rank}'",
        slots={"rank": "SELECT rank FROM professor"},
        n=2,
        questions={
            "en": ("How many professors have the rank {rank}?", "Count the faculty members whose rank is {rank}."),
            "de": ("Wie viele Lehrende haben den Rang {rank}?", "Zähle die Lehrkräfte, deren akademischer Rang {rank} ist."),
            "es": ("¿Cuántos profesores tienen la categoría {rank}?", "Cuenta los docentes cuya categoría es {rank}."),
            "fr": ("Combien d'enseignants ont le grade {rank} ?", "Compte les membres du corps enseignant dont le grade est {rank}."),
            "ja": ("職位が{rank}の教員は何人いますか？", "職位が{rank}である教員の人数を数えてください。"),
            "vi": ("Có bao nhiêu giảng viên có chức danh {rank}?", "Đếm số giảng viên mang chức danh {rank}."),
            "zh": ("职称为{rank}的教师有多少位？", "统计职称是{rank}的教师人数。"),
        },
    ),
    Template(
        sql="SELECT avg(gpa) FROM student",
        questions={
            "en": ("What is the average GPA of the students?", "Compute the mean grade point average over all students."),
            "de": ("Wie hoch ist der durchschnittliche GPA der Studierenden?", "Berechne den mittleren Notendurchschnitt (GPA) aller Studierenden."),
            "es": ("¿Cuál es el GPA medio de los estudiantes?", "Calcula el promedio de calificaciones (GPA) de todos los estudiantes."),
            "fr": ("Quelle est la moyenne des GPA des étudiants ?", "Calcule la moyenne générale (GPA) de l'ensemble des étudiants."),
            "ja": ("学生のGPAの平均はいくつですか？", "全学生の平均GPAを求めてください。"),
            "vi": ("Điểm GPA trung bình của sinh viên là bao nhiêu?", "Tính điểm trung bình tích lũy (GPA) trung bình của tất cả sinh viên."),
            "zh": ("学生的平均绩点是多少？", "计算所有学生的平均GPA。"),
        },
    ),
    Template(
        sql="SELECT name FROM student WHERE enrollment_year = {year}",
        slots={"year": YEAR},
        n=3,
        questions={
            "en": ("Which students enrolled in {year}?", "List the names of students whose enrollment year is {year}.",
                   "Who started studying at the university in {year}?"),
            "de": ("Welche Studierenden haben sich {year} eingeschrieben?", "Nenne die Namen der Studierenden mit dem Einschreibungsjahr {year}.",
                   "Wer hat im Jahr {year} das Studium an der Universität begonnen?"),
            "es": ("¿Qué estudiantes se matricularon en {year}?", "Enumera los nombres de los estudiantes cuyo año de ingreso es {year}.",
                   "¿Quiénes empezaron a estudiar en la universidad en {year}?"),
            "fr": ("Quels étudiants se sont inscrits en {year} ?", "Liste les noms des étudiants dont l'année d'inscription est {year}.",
                   "Qui a commencé ses études à l'université en {year} ?"),
            "ja": ("{year}年に入学した学生は誰ですか？", "入学年が{year}年の学生の名前を挙げてください。",
                   "{year}年に大学で学び始めたのは誰ですか？"),
            "vi": ("Những sinh viên nào nhập học năm {year}?", "Liệt kê tên các sinh viên có năm nhập học là {year}.",
                   "Ai bắt đầu học tại trường vào năm {year}?"),
            "zh": ("哪些学生是{year}年入学的？", "列出入学年份为{year}年的学生姓名。", "谁在{year}年开始在这所大学学习？"),
        },
    ),
    Template(
        sql="SELECT name FROM department ORDER BY name",
        questions={
            "en": ("List all department names in alphabetical order.", "Show the names of the departments sorted alphabetically."),
            "de": ("Liste alle Fachbereichsnamen in alphabetischer Reihenfolge auf.", "Zeige die Namen der Fachbereiche alphabetisch sortiert."),
            "es": ("Enumera todos los nombres de departamento en orden alfabético.", "Muestra los nombres de los departamentos ordenados alfabéticamente."),
            "fr": ("Liste tous les noms de département par ordre alphabétique.", "Affiche les noms des départements triés par ordre alphabétique."),
            "ja": ("すべての学科名をアルファベット順に挙げてください。", "学科の名前をアルファベット順に並べて表示してください。"),
            "vi": ("Liệt kê tên tất cả các khoa theo thứ tự bảng chữ cái.", "Hiển thị tên các khoa được sắp xếp theo thứ tự chữ cái."),
            "zh": ("按字母顺序列出所有院系名称。", "按字母排序显示各院系的名称。"),
        },
    ),
    Template(
        sql="SELECT count(DISTINCT country) FROM student",
        questions={
            "en": ("From how many different countries do the students come?", "Count the distinct home countries of the students."),
            "de": ("Aus wie vielen verschiedenen Ländern kommen die Studierenden?", "Zähle die unterschiedlichen Herkunftsländer der Studierenden."),
            "es": ("¿De cuántos países distintos proceden los estudiantes?", "Cuenta los diferentes países de origen de los estudiantes."),
            "fr": ("De combien de pays différents viennent les étudiants ?", "Compte les pays d'origine distincts des étudiants."),
            "ja": ("学生は何か国から来ていますか？", "学生の出身国の種類の数を数えてください。"),
            "vi": ("Sinh viên đến từ bao nhiêu quốc gia khác nhau?", "Đếm số quốc gia khác nhau mà sinh viên đến từ đó."),
            "zh": ("学生来自多少个不同的国家？", "统计学生所属的不同国家的数量。"),
        },
    ),
    # ---- medium
    Template(
        sql="SELECT country, count(*) FROM student GROUP BY country",
        questions={
            "en": ("How many students come from each country?", "For every country, show the country and its number of students."),
            "de": ("Wie viele Studierende kommen aus jedem Land?", "Zeige für jedes Land das Land und die Zahl seiner Studierenden."),
            "es": ("¿Cuántos estudiantes vienen de cada país?", "Para cada país, muestra el país y su número de estudiantes."),
            "fr": ("Combien d'étudiants viennent de chaque pays ?", "Pour chaque pays, affiche le pays et son nombre d'étudiants."),
            "ja": ("国ごとに学生は何人いますか？", "各国について、国名と学生数を表示してください。"),
            "vi": ("Mỗi quốc gia có bao nhiêu sinh viên?", "Với mỗi quốc gia, hiển thị tên quốc gia và số sinh viên."),
            "zh": ("每个国家各有多少名学生？", "对于每个国家，显示国家名称及其学生人数。"),
        },
    ),
    Template(
        sql=f"SELECT T1.title {COURSE_DEPT} WHERE T2.name = '{{department}}'",
        slots={"department": DEPT},
        n=3,
        questions={
            "en": ("Which courses does the {department} department offer?", "List the titles of the courses given by {department}.",
                   "What are the course titles of the department of {department}?"),
            "de": ("Welche Kurse bietet der Fachbereich {department} an?", "Nenne die Titel der Kurse des Fachbereichs {department}.",
                   "Wie heißen die Lehrveranstaltungen des Fachbereichs {department}?"),
            "es": ("¿Qué cursos ofrece el departamento de {department}?", "Enumera los títulos de los cursos que imparte {department}.",
                   "¿Cuáles son los títulos de los cursos del departamento de {department}?"),
            "fr": ("Quels cours le département {department} propose-t-il ?", "Liste les intitulés des cours donnés par le département {department}.",
                   "Quels sont les intitulés des cours du département {department} ?"),
            "ja": ("{department}学科が開講している科目はどれですか？", "{department}の科目名を挙げてください。",
                   "{department}学科の授業名は何ですか？"),
            "vi": ("Khoa {department} mở những môn học nào?", "Liệt kê tên các môn học do khoa {department} giảng dạy.",
                   "Tên các môn học của khoa {department} là gì?"),
            "zh": ("{department}系开设了哪些课程？", "列出{department}院系开设的课程名称。", "{department}系的课程名称有哪些？"),
        },
    ),
    Template(
        sql="SELECT name, gpa FROM student ORDER BY gpa DESC LIMIT 5",
        questions={
            "en": ("What are the names and GPAs of the five students with the highest GPA?",
                   "Show the top 5 students by GPA together with their GPA."),
            "de": ("Wie heißen die fünf Studierenden mit dem höchsten GPA und welchen GPA haben sie?",
                   "Zeige die 5 besten Studierenden nach GPA samt ihrem GPA."),
            "es": ("¿Cuáles son los nombres y el GPA de los cinco estudiantes con el GPA más alto?",
                   "Muestra los 5 mejores estudiantes según su GPA junto con su GPA."),
            "fr": ("Quels sont les noms et GPA des cinq étudiants ayant le GPA le plus élevé ?",
                   "Affiche les 5 meilleurs étudiants selon le GPA, avec leur GPA."),
            "ja": ("GPAが最も高い5人の学生の名前とGPAは？", "GPA上位5人の学生について、名前とGPAを表示してください。"),
            "vi": ("Tên và GPA của năm sinh viên có GPA cao nhất là gì?", "Hiển thị 5 sinh viên đứng đầu theo GPA cùng với GPA của họ."),
            "zh": ("绩点最高的五名学生的姓名和绩点是什么？", "显示GPA排名前5的学生及其GPA。"),
        },
    ),
    Template(
        sql="SELECT name FROM student WHERE country = '{country}' AND gpa > {gpa}",
        slots={"country": COUNTRY, "gpa": "SELECT gpa FROM student WHERE gpa BETWEEN 2.5 AND 3.5"},
        n=3,
        questions={
            "en": ("Which students from {country} have a GPA above {gpa}?",
                   "List the names of students whose country is {country} and whose GPA is higher than {gpa}.",
                   "Give the students from {country} with a GPA greater than {gpa}."),
            "de": ("Welche Studierenden aus {country} haben einen GPA über {gpa}?",
                   "Nenne die Namen der Studierenden, deren Herkunftsland {country} ist und deren GPA höher als {gpa} ist.",
                   "Gib die Studierenden aus {country} an, deren GPA größer als {gpa} ist."),
            "es": ("¿Qué estudiantes de {country} tienen un GPA superior a {gpa}?",
                   "Enumera los nombres de los estudiantes cuyo país es {country} y cuyo GPA es mayor que {gpa}.",
                   "Indica los estudiantes de {country} con un GPA por encima de {gpa}."),
            "fr": ("Quels étudiants du pays {country} ont un GPA supérieur à {gpa} ?",
                   "Liste les noms des étudiants dont le pays est {country} et dont le GPA dépasse {gpa}.",
                   "Donne les étudiants originaires du pays {country} ayant un GPA au-dessus de {gpa}."),
            "ja": ("{country}出身でGPAが{gpa}より高い学生は誰ですか？",
                   "出身国が{country}で、GPAが{gpa}を超える学生の名前を挙げてください。",
                   "GPAが{gpa}より大きい{country}出身の学生を教えてください。"),
            "vi": ("Những sinh viên nào đến từ {country} có GPA trên {gpa}?",
                   "Liệt kê tên các sinh viên có quốc gia là {country} và GPA cao hơn {gpa}.",
                   "Cho biết các sinh viên đến từ {country} có GPA lớn hơn {gpa}."),
            "zh": ("哪些来自{country}的学生绩点高于{gpa}？", "列出国家为{country}且GPA大于{gpa}的学生姓名。",
                   "给出来自{country}、GPA超过{gpa}的学生。"),
        },
    ),
    Template(
        sql=f"SELECT T2.name, count(*) {PROF_DEPT} GROUP BY T1.dept_id",
        questions={
            "en": ("How many professors does each department have? Give the department name and the count.",
                   "For every department, show its name and its number of professors."),
            "de": ("Wie viele Lehrende hat jeder Fachbereich? Gib den Namen des Fachbereichs und die Anzahl an.",
                   "Zeige für jeden Fachbereich den Namen und die Zahl seiner Lehrenden."),
            "es": ("¿Cuántos profesores tiene cada departamento? Indica el nombre del departamento y la cantidad.",
                   "Para cada departamento, muestra su nombre y su número de profesores."),
            "fr": ("Combien d'enseignants compte chaque département ? Donne le nom du département et le nombre.",
                   "Pour chaque département, affiche son nom et son nombre d'enseignants."),
            "ja": ("各学科には教員が何人いますか？学科名と人数を示してください。", "学科ごとに、その名前と教員数を表示してください。"),
            "vi": ("Mỗi khoa có bao nhiêu giảng viên? Cho biết tên khoa và số lượng.", "Với mỗi khoa, hiển thị tên và số giảng viên của khoa."),
            "zh": ("每个院系有多少位教师？给出院系名称和人数。", "对于每个院系，显示其名称和教师人数。"),
        },
    ),
    Template(
        sql="SELECT min(gpa), max(gpa) FROM student WHERE enrollment_year = {year}",
        slots={"year": YEAR},
        n=2,
        questions={
            "en": ("What are the lowest and highest GPA among students who enrolled in {year}?",
                   "For the students of the {year} intake, give the minimum and maximum GPA."),
            "de": ("Was sind der niedrigste und der höchste GPA unter den Studierenden, die sich {year} eingeschrieben haben?",
                   "Gib für den Jahrgang {year} den minimalen und den maximalen GPA an."),
            "es": ("¿Cuáles son el GPA más bajo y el más alto entre los estudiantes que ingresaron en {year}?",
                   "Para los estudiantes de la promoción de {year}, indica el GPA mínimo y máximo."),
            "fr": ("Quels sont le GPA le plus bas et le plus haut parmi les étudiants inscrits en {year} ?",
                   "Pour la promotion {year}, donne le GPA minimal et maximal."),
            "ja": ("{year}年に入学した学生のGPAの最低値と最高値はいくつですか？", "{year}年入学の学生について、GPAの最小値と最大値を求めてください。"),
            "vi": ("GPA thấp nhất và cao nhất của các sinh viên nhập học năm {year} là bao nhiêu?",
                   "Đối với sinh viên khóa {year}, cho biết GPA nhỏ nhất và lớn nhất."),
            "zh": ("{year}年入学的学生中最低和最高的绩点是多少？", "对于{year}级学生，给出GPA的最小值和最大值。"),
        },
    ),
    Template(
        sql=f"SELECT count(*) {STUDENT_DEPT} WHERE T2.name = '{{department}}'",
        slots={"department": DEPT},
        n=2,
        questions={
            "en": ("How many students major in {department}?", "Count the students whose major department is {department}."),
            "de": ("Wie viele Studierende haben {department} als Hauptfach?", "Zähle die Studierenden, deren Hauptfach im Fachbereich {department} liegt."),
            "es": ("¿Cuántos estudiantes tienen como especialidad {department}?", "Cuenta los estudiantes cuyo departamento principal es {department}."),
            "fr": ("Combien d'étudiants ont pour matière principale {department} ?", "Compte les étudiants dont le département principal est {department}."),
            "ja": ("{department}を専攻している学生は何人ですか？", "専攻学科が{department}である学生の数を数えてください。"),
            "vi": ("Có bao nhiêu sinh viên học chuyên ngành {department}?", "Đếm số sinh viên có khoa chuyên ngành là {department}."),
            "zh": ("有多少学生主修{department}？", "统计主修院系为{department}的学生人数。"),
        },
    ),
    Template(
        sql="SELECT name FROM student ORDER BY gpa DESC LIMIT 1",
        questions={
            "en": ("Which student has the highest GPA?", "Who is the student with the best grade point average?"),
            "de": ("Wer von den Studierenden hat den höchsten GPA?", "Wer hat unter allen Studierenden den besten Notendurchschnitt?"),
            "es": ("¿Qué estudiante tiene el GPA más alto?", "¿Quién es el estudiante con el mejor promedio de calificaciones?"),
            "fr": ("Quel étudiant a le GPA le plus élevé ?", "Qui est l'étudiant ayant la meilleure moyenne ?"),
            "ja": ("GPAが最も高い学生は誰ですか？", "成績平均値が一番よい学生は誰ですか？"),
            "vi": ("Sinh viên nào có GPA cao nhất?", "Ai là sinh viên có điểm trung bình tích lũy tốt nhất?"),
            "zh": ("哪位学生的绩点最高？", "平均绩点最好的学生是谁？"),
        },
    ),
    Template(
        sql="SELECT grade, count(*) FROM enrollment GROUP BY grade",
        questions={
            "en": ("How many times was each grade given?", "For every grade, show the grade and the number of enrollments that received it."),
            "de": ("Wie oft wurde jede Note vergeben?", "Zeige für jede Note die Note und die Anzahl der Belegungen, die sie erhalten haben."),
            "es": ("¿Cuántas veces se otorgó cada calificación?", "Para cada calificación, muestra la calificación y el número de matrículas que la obtuvieron."),
            "fr": ("Combien de fois chaque note a-t-elle été attribuée ?", "Pour chaque note, affiche la note et le nombre d'inscriptions qui l'ont obtenue."),
            "ja": ("各成績は何回付けられましたか？", "成績ごとに、その成績と該当する履修登録の件数を表示してください。"),
            "vi": ("Mỗi mức điểm đã được cho bao nhiêu lần?", "Với mỗi mức điểm, hiển thị mức điểm và số lượt đăng ký học nhận được mức đó."),
            "zh": ("每个成绩等级各被给出了多少次？", "对于每个成绩，显示成绩及获得该成绩的选课记录数。"),
        },
    ),
    Template(
        sql=f"SELECT T1.name, T1.rank {PROF_DEPT} WHERE T2.name = '{{department}}'",
        slots={"department": DEPT},
        n=2,
        questions={
            "en": ("What are the names and ranks of the professors in {department}?",
                   "List every professor of the {department} department together with their rank."),
            "de": ("Wie heißen die Lehrenden im Fachbereich {department} und welchen Rang haben sie?",
                   "Liste alle Lehrenden des Fachbereichs {department} zusammen mit ihrem Rang auf."),
            "es": ("¿Cuáles son los nombres y categorías de los profesores de {department}?",
                   "Enumera a todos los profesores del departamento de {department} junto con su categoría."),
            "fr": ("Quels sont les noms et grades des enseignants du département {department} ?",
                   "Liste chaque enseignant du département {department} avec son grade."),
            "ja": ("{department}の教員の名前と職位は何ですか？", "{department}学科のすべての教員を職位とともに挙げてください。"),
            "vi": ("Tên và chức danh của các giảng viên khoa {department} là gì?",
                   "Liệt kê mọi giảng viên của khoa {department} cùng với chức danh của họ."),
            "zh": ("{department}系教师的姓名和职称是什么？", "列出{department}院系的每位教师及其职称。"),
        },
    ),
    # ---- hard
    Template(
        sql="SELECT name FROM student WHERE gpa > (SELECT avg(gpa) FROM student)",
        questions={
            "en": ("Which students have a GPA above the average?", "List the names of students whose GPA is higher than the mean GPA."),
            "de": ("Welche Studierenden haben einen überdurchschnittlichen GPA?",
                   "Nenne die Namen der Studierenden, deren GPA über dem durchschnittlichen GPA liegt."),
            "es": ("¿Qué estudiantes tienen un GPA superior a la media?", "Enumera los nombres de los estudiantes cuyo GPA supera el GPA promedio."),
            "fr": ("Quels étudiants ont un GPA supérieur à la moyenne ?", "Liste les noms des étudiants dont le GPA dépasse le GPA moyen."),
            "ja": ("GPAが平均を上回る学生は誰ですか？", "GPAが平均GPAより高い学生の名前を挙げてください。"),
            "vi": ("Những sinh viên nào có GPA trên mức trung bình?", "Liệt kê tên các sinh viên có GPA cao hơn GPA trung bình."),
            "zh": ("哪些学生的绩点高于平均水平？", "列出GPA高于平均GPA的学生姓名。"),
        },
    ),
    Template(
        sql="SELECT title FROM course WHERE course_id NOT IN (SELECT course_id FROM enrollment)",
        questions={
            "en": ("Which courses have no enrolled students?", "List the titles of courses that nobody has taken."),
            "de": ("Für welche Kurse hat sich niemand eingeschrieben?", "Nenne die Titel der Kurse, die noch niemand belegt hat."),
            "es": ("¿Qué cursos no tienen ningún estudiante matriculado?", "Enumera los títulos de los cursos que nadie ha cursado."),
            "fr": ("Quels cours n'ont aucun étudiant inscrit ?", "Liste les intitulés des cours que personne n'a suivis."),
            "ja": ("履修者が一人もいない科目はどれですか？", "誰も履修していない科目の名前を挙げてください。"),
            "vi": ("Những môn học nào không có sinh viên đăng ký?", "Liệt kê tên các môn học chưa ai theo học."),
            "zh": ("哪些课程没有学生选修？", "列出无人选修的课程名称。"),
        },
    ),
    Template(
        sql="SELECT name FROM professor WHERE professor_id NOT IN (SELECT professor_id FROM course)",
        questions={
            "en": ("Which professors do not teach any course?", "Give the names of faculty members without a course to teach."),
            "de": ("Welche Lehrenden unterrichten keinen Kurs?", "Nenne die Namen der Lehrkräfte, die keinen Kurs halten."),
            "es": ("¿Qué profesores no imparten ningún curso?", "Indica los nombres de los docentes que no tienen ningún curso asignado."),
            "fr": ("Quels enseignants ne donnent aucun cours ?", "Donne les noms des enseignants qui n'ont aucun cours à assurer."),
            "ja": ("どの科目も担当していない教員は誰ですか？", "担当科目のない教員の名前を教えてください。"),
            "vi": ("Những giảng viên nào không dạy môn học nào?", "Cho biết tên các giảng viên không phụ trách môn học nào."),
            "zh": ("哪些教师没有教任何课程？", "给出没有授课任务的教师姓名。"),
        },
    ),
    Template(
        sql=f"SELECT T3.title {STUDENT_COURSE} WHERE T1.name = '{{student}}'",
        slots={"student": "SELECT name FROM student WHERE student_id IN (SELECT student_id FROM enrollment)"},
        n=3,
        questions={
            "en": ("Which courses has {student} taken?", "List the titles of all courses that {student} enrolled in.",
                   "What courses is {student} registered for? Give the titles."),
            "de": ("Welche Kurse hat {student} belegt?", "Nenne die Titel aller Kurse, in die {student} eingeschrieben ist.",
                   "Für welche Kurse ist {student} angemeldet? Gib die Titel an."),
            "es": ("¿Qué cursos ha tomado {student}?", "Enumera los títulos de todos los cursos en los que se matriculó {student}.",
                   "¿En qué cursos tiene matrícula {student}? Indica los títulos."),
            "fr": ("Quels cours ont été suivis par {student} ?", "Liste les intitulés de tous les cours suivis par {student}.",
                   "Pour {student}, quels cours figurent dans l'emploi du temps ? Donne les intitulés."),
            "ja": ("{student}さんが履修した科目はどれですか？", "{student}が登録したすべての科目名を挙げてください。",
                   "{student}はどの授業を履修していますか？科目名を答えてください。"),
            "vi": ("{student} đã học những môn nào?", "Liệt kê tên tất cả các môn học mà {student} đã đăng ký.",
                   "{student} đăng ký những môn học nào? Cho biết tên môn."),
            "zh": ("{student}选修了哪些课程？", "列出{student}注册过的所有课程名称。", "{student}选了哪些课？请给出课程名。"),
        },
    ),
    Template(
        sql="SELECT country FROM student GROUP BY country ORDER BY count(*) DESC LIMIT 1",
        questions={
            "en": ("Which country do the most students come from?", "What is the most common home country among the students?"),
            "de": ("Aus welchem Land kommen die meisten Studierenden?", "Welches Herkunftsland ist unter den Studierenden am häufigsten?"),
            "es": ("¿De qué país vienen más estudiantes?", "¿Cuál es el país de origen más frecuente entre los estudiantes?"),
            "fr": ("De quel pays viennent le plus d'étudiants ?", "Quel est le pays d'origine le plus fréquent parmi les étudiants ?"),
            "ja": ("最も多くの学生の出身国はどこですか？", "学生の出身国で最も多いのはどこですか？"),
            "vi": ("Quốc gia nào có nhiều sinh viên nhất?", "Quốc gia xuất thân phổ biến nhất của sinh viên là gì?"),
            "zh": ("来自哪个国家的学生最多？", "学生中最常见的国家是哪个？"),
        },
    ),
    Template(
        sql="SELECT name FROM student WHERE student_id IN (SELECT T1.student_id FROM enrollment AS T1 "
            "JOIN course AS T2 ON T1.course_id = T2.course_id WHERE T2.title = '{course}')",
        slots={"course": "SELECT title FROM course WHERE course_id IN (SELECT course_id FROM enrollment)"},
        n=3,
        questions={
            "en": ("Which students are enrolled in {course}?", "List the names of the students taking the course {course}.",
                   "Who has registered for {course}?"),
            "de": ("Welche Studierenden sind im Kurs {course} eingeschrieben?", "Nenne die Namen der Studierenden, die den Kurs {course} belegen.",
                   "Wer hat sich für {course} angemeldet?"),
            "es": ("¿Qué estudiantes están matriculados en {course}?", "Enumera los nombres de los estudiantes que cursan {course}.",
                   "¿Quién se ha inscrito en {course}?"),
            "fr": ("Quels étudiants sont inscrits au cours {course} ?", "Liste les noms des étudiants qui suivent le cours {course}.",
                   "Qui s'est inscrit au cours {course} ?"),
            "ja": ("{course}を履修している学生は誰ですか？", "科目{course}を受講している学生の名前を挙げてください。",
                   "{course}に登録したのは誰ですか？"),
            "vi": ("Những sinh viên nào đăng ký môn {course}?", "Liệt kê tên các sinh viên đang học môn {course}.",
                   "Ai đã đăng ký học {course}?"),
            "zh": ("哪些学生选修了{course}？", "列出修读{course}课程的学生姓名。", "谁报名了{course}这门课？"),
        },
    ),
    Template(
        sql="SELECT country FROM student WHERE enrollment_year = {year_a} INTERSECT SELECT country FROM student WHERE enrollment_year = {year_b}",
        slots={"year_a": "SELECT enrollment_year FROM student WHERE enrollment_year < 2022",
               "year_b": "SELECT enrollment_year FROM student WHERE enrollment_year >= 2022"},
        n=2,
        questions={
            "en": ("Which countries sent students in {year_a} as well as in {year_b}?",
                   "Find the countries that have students enrolled in {year_a} and also students enrolled in {year_b}."),
            "de": ("Aus welchen Ländern haben sich sowohl {year_a} als auch {year_b} Studierende eingeschrieben?",
                   "Finde die Länder, aus denen es Studierende mit Einschreibung {year_a} und auch solche mit Einschreibung {year_b} gibt."),
            "es": ("¿Qué países tienen estudiantes que ingresaron en {year_a} y también en {year_b}?",
                   "Encuentra los países con estudiantes matriculados en {year_a} y además estudiantes matriculados en {year_b}."),
            "fr": ("Quels pays ont des étudiants inscrits en {year_a} ainsi qu'en {year_b} ?",
                   "Trouve les pays qui comptent des étudiants inscrits en {year_a} et aussi des étudiants inscrits en {year_b}."),
            "ja": ("{year_a}年と{year_b}年の両方に入学者がいる国はどこですか？",
                   "{year_a}年入学の学生も{year_b}年入学の学生もいる国を求めてください。"),
            "vi": ("Những quốc gia nào có sinh viên nhập học cả năm {year_a} lẫn năm {year_b}?",
                   "Tìm các quốc gia vừa có sinh viên nhập học năm {year_a} vừa có sinh viên nhập học năm {year_b}."),
            "zh": ("哪些国家在{year_a}年和{year_b}年都有学生入学？", "找出既有{year_a}年入学学生、又有{year_b}年入学学生的国家。"),
        },
    ),
    Template(
        sql="SELECT title FROM course WHERE credits > (SELECT credits FROM course WHERE title = '{course}')",
        slots={"course": "SELECT title FROM course"},
        n=1,
        questions={
            "en": ("Which courses are worth more credits than {course}?", "List the courses that carry more credits than the course {course}."),
            "de": ("Welche Kurse bringen mehr Leistungspunkte als {course}?", "Nenne die Kurse, die mehr Leistungspunkte haben als der Kurs {course}."),
            "es": ("¿Qué cursos valen más créditos que {course}?", "Enumera los cursos que tienen más créditos que el curso {course}."),
            "fr": ("Quels cours valent plus de crédits que le cours {course} ?", "Liste les cours dont le nombre de crédits dépasse celui du cours {course}."),
            "ja": ("{course}より単位数の多い科目はどれですか？", "単位数が科目{course}を上回る科目を挙げてください。"),
            "vi": ("Những môn học nào có nhiều tín chỉ hơn môn {course}?", "Liệt kê các môn học có số tín chỉ lớn hơn môn {course}."),
            "zh": ("哪些课程的学分比{course}多？", "列出学分高于{course}课程的课程。"),
        },
    ),
    Template(
        sql=f"SELECT T1.name {PROF_DEPT} WHERE T2.name = '{{department}}' ORDER BY T1.hire_year",
        slots={"department": DEPT},
        n=2,
        questions={
            "en": ("List the professors of {department} ordered by the year they were hired.",
                   "Who teaches in the {department} department? Sort them from the earliest hire to the latest."),
            "de": ("Liste die Lehrenden des Fachbereichs {department} nach ihrem Einstellungsjahr sortiert auf.",
                   "Wer lehrt im Fachbereich {department}? Sortiere von der frühesten bis zur spätesten Einstellung."),
            "es": ("Enumera los profesores de {department} ordenados por año de contratación.",
                   "¿Quién enseña en el departamento de {department}? Ordénalos de la contratación más antigua a la más reciente."),
            "fr": ("Liste les enseignants du département {department} triés par année d'embauche.",
                   "Qui enseigne dans le département {department} ? Trie-les du recrutement le plus ancien au plus récent."),
            "ja": ("{department}の教員を採用年順に挙げてください。", "{department}学科で教えているのは誰ですか？採用の早い順に並べてください。"),
            "vi": ("Liệt kê các giảng viên khoa {department} theo năm được tuyển dụng.",
                   "Ai giảng dạy ở khoa {department}? Sắp xếp từ người được tuyển sớm nhất đến muộn nhất."),
            "zh": ("按聘用年份列出{department}系的教师。", "谁在{department}院系任教？按聘用时间从早到晚排序。"),
        },
    ),
    # ---- extra
    Template(
        sql=f"SELECT T2.name {STUDENT_DEPT} GROUP BY T1.major_dept_id ORDER BY count(*) DESC LIMIT 1",
        questions={
            "en": ("Which department has the most majors?", "What is the name of the department chosen as major by the most students?"),
            "de": ("Welcher Fachbereich hat die meisten Hauptfachstudierenden?", "Wie heißt der Fachbereich, den die meisten Studierenden als Hauptfach gewählt haben?"),
            "es": ("¿Qué departamento tiene más estudiantes de especialidad?", "¿Cómo se llama el departamento que más estudiantes han elegido como especialidad?"),
            "fr": ("Quel département compte le plus d'étudiants en matière principale ?", "Quel est le nom du département choisi comme matière principale par le plus d'étudiants ?"),
            "ja": ("専攻する学生が最も多い学科はどこですか？", "最も多くの学生が専攻として選んだ学科の名前は何ですか？"),
            "vi": ("Khoa nào có nhiều sinh viên theo học chuyên ngành nhất?", "Tên của khoa được nhiều sinh viên chọn làm chuyên ngành nhất là gì?"),
            "zh": ("哪个院系的主修学生最多？", "被最多学生选为主修的院系叫什么名字？"),
        },
    ),
    Template(
        sql="SELECT T2.title FROM enrollment AS T1 JOIN course AS T2 ON T1.course_id = T2.course_id "
            "GROUP BY T1.course_id ORDER BY count(*) DESC LIMIT 1",
        questions={
            "en": ("Which course has the most enrollments?", "What is the title of the most popular course by number of students?"),
            "de": ("Welcher Kurs hat die meisten Einschreibungen?", "Wie heißt der Kurs, der gemessen an der Zahl der Studierenden am beliebtesten ist?"),
            "es": ("¿Qué curso tiene más matrículas?", "¿Cuál es el título del curso más popular por número de estudiantes?"),
            "fr": ("Quel cours a le plus d'inscriptions ?", "Quel est l'intitulé du cours le plus populaire en nombre d'étudiants ?"),
            "ja": ("履修登録が最も多い科目はどれですか？", "受講者数で見て最も人気のある科目の名前は何ですか？"),
            "vi": ("Môn học nào có nhiều lượt đăng ký nhất?", "Tên môn học được nhiều sinh viên theo học nhất là gì?"),
            "zh": ("哪门课程的选课人数最多？", "按学生人数计算，最受欢迎的课程叫什么？"),
        },
    ),
    Template(
        sql=f"SELECT DISTINCT T1.name {STUDENT_COURSE} JOIN department AS T4 ON T3.dept_id = T4.dept_id "
            "WHERE T4.name = '{department}' AND T2.grade = 'A'",
        slots={"department": DEPT},
        n=2,
        questions={
            "en": ("Which students received an A in a course of the {department} department?",
                   "List the distinct names of students who earned grade A in some {department} course."),
            "de": ("Welche Studierenden haben in einem Kurs des Fachbereichs {department} die Note A erhalten?",
                   "Nenne ohne Wiederholung die Studierenden, die in einem Kurs von {department} ein A bekommen haben."),
            "es": ("¿Qué estudiantes obtuvieron una A en algún curso del departamento de {department}?",
                   "Enumera sin repetir los estudiantes que sacaron la calificación A en un curso de {department}."),
            "fr": ("Quels étudiants ont obtenu un A dans un cours du département {department} ?",
                   "Liste, sans doublons, les étudiants ayant eu la note A dans un cours du département {department}."),
            "ja": ("{department}の科目で成績Aを取った学生は誰ですか？", "{department}学科のいずれかの科目でAを取得した学生の名前を重複なしで挙げてください。"),
            "vi": ("Những sinh viên nào đạt điểm A ở một môn của khoa {department}?",
                   "Liệt kê tên (không trùng lặp) các sinh viên được điểm A trong một môn học của khoa {department}."),
            "zh": ("哪些学生在{department}系的课程中得了A？", "列出在{department}某门课程中获得A的学生姓名（不重复）。"),
        },
    ),
    Template(
        sql=f"SELECT T1.name {STUDENT_DEPT} WHERE T2.name = '{{department}}' AND T1.gpa > (SELECT avg(gpa) FROM student)",
        slots={"department": DEPT},
        n=2,
        questions={
            "en": ("Which {department} majors have a GPA above the university average?",
                   "List the students majoring in {department} whose GPA is higher than the average GPA of all students."),
            "de": ("Welche Studierenden mit Hauptfach {department} haben einen GPA über dem Durchschnitt der Universität?",
                   "Nenne die Studierenden im Hauptfach {department}, deren GPA über dem Durchschnitt aller Studierenden liegt."),
            "es": ("¿Qué estudiantes de {department} tienen un GPA superior a la media de la universidad?",
                   "Enumera los estudiantes con especialidad en {department} cuyo GPA supera el promedio de todos los estudiantes."),
            "fr": ("Quels étudiants en {department} ont un GPA supérieur à la moyenne de l'université ?",
                   "Liste les étudiants dont la matière principale est {department} et dont le GPA dépasse la moyenne de tous les étudiants."),
            "ja": ("{department}専攻の学生のうち、GPAが大学平均を上回るのは誰ですか？",
                   "{department}を専攻し、GPAが全学生の平均より高い学生を挙げてください。"),
            "vi": ("Những sinh viên chuyên ngành {department} nào có GPA cao hơn mức trung bình toàn trường?",
                   "Liệt kê các sinh viên học chuyên ngành {department} có GPA cao hơn GPA trung bình của tất cả sinh viên."),
            "zh": ("主修{department}的学生中，哪些人的绩点高于全校平均？", "列出主修{department}且GPA高于全体学生平均GPA的学生。"),
        },
    ),
    Template(
        sql=f"SELECT T1.name {STUDENT_DEPT} WHERE T2.name = '{{department}}' EXCEPT SELECT T1.name FROM student AS T1 "
            "JOIN enrollment AS T2 ON T1.student_id = T2.student_id WHERE T2.grade = 'F'",
        slots={"department": DEPT},
        n=2,
        questions={
            "en": ("Which {department} majors have never failed a course?",
                   "List the students majoring in {department} who have never received an F."),
            "de": ("Welche Studierenden im Hauptfach {department} sind noch nie durch einen Kurs gefallen?",
                   "Nenne die Studierenden mit Hauptfach {department}, die nie die Note F bekommen haben."),
            "es": ("¿Qué estudiantes de {department} no han suspendido nunca un curso?",
                   "Enumera los estudiantes con especialidad en {department} que nunca han recibido una F."),
            "fr": ("Quels étudiants en {department} n'ont jamais échoué à un cours ?",
                   "Liste les étudiants dont la matière principale est {department} et qui n'ont jamais reçu de F."),
            "ja": ("{department}専攻の学生のうち、一度も単位を落としたことがないのは誰ですか？",
                   "成績Fを一度も取ったことのない{department}専攻の学生を挙げてください。"),
            "vi": ("Những sinh viên chuyên ngành {department} nào chưa từng trượt môn nào?",
                   "Liệt kê các sinh viên học chuyên ngành {department} chưa bao giờ bị điểm F."),
            "zh": ("主修{department}的学生中，哪些人从未挂过科？", "列出主修{department}且从未得过F的学生。"),
        },
    ),
    Template(
        sql=f"SELECT T2.name, avg(T1.gpa) {STUDENT_DEPT} GROUP BY T1.major_dept_id ORDER BY avg(T1.gpa) DESC LIMIT 3",
        questions={
            "en": ("Which three departments have the majors with the highest average GPA, and what are those averages?",
                   "Show the names and average student GPA of the top 3 departments by the GPA of their majors."),
            "de": ("Welche drei Fachbereiche haben die Hauptfachstudierenden mit dem höchsten durchschnittlichen GPA, und wie hoch ist er jeweils?",
                   "Zeige Namen und durchschnittlichen GPA der 3 Fachbereiche, deren Studierende im Schnitt den besten GPA haben."),
            "es": ("¿Qué tres departamentos tienen los estudiantes con el GPA medio más alto y cuáles son esas medias?",
                   "Muestra los nombres y el GPA medio de los 3 departamentos cuyos estudiantes tienen mejor GPA."),
            "fr": ("Quels sont les trois départements dont les étudiants ont le GPA moyen le plus élevé, et quelles sont ces moyennes ?",
                   "Affiche le nom et le GPA moyen des 3 départements dont les étudiants ont la meilleure moyenne."),
            "ja": ("専攻学生の平均GPAが最も高い3つの学科はどこで、その平均はいくつですか？",
                   "専攻学生のGPAで上位3学科について、学科名と平均GPAを表示してください。"),
            "vi": ("Ba khoa nào có sinh viên chuyên ngành với GPA trung bình cao nhất, và mức trung bình đó là bao nhiêu?",
                   "Hiển thị tên và GPA trung bình của 3 khoa có sinh viên đạt GPA cao nhất."),
            "zh": ("主修学生平均绩点最高的三个院系是哪些？平均绩点分别是多少？", "显示学生平均GPA排名前3的院系名称及平均GPA。"),
        },
    ),
    Template(
        sql=f"SELECT DISTINCT T1.name {STUDENT_COURSE} JOIN professor AS T4 ON T3.professor_id = T4.professor_id "
            "WHERE T4.name = '{professor}'",
        slots={"professor": "SELECT name FROM professor WHERE professor_id IN (SELECT professor_id FROM course)"},
        n=2,
        questions={
            "en": ("Which students have taken a course taught by {professor}?",
                   "List the distinct names of students enrolled in courses of the professor {professor}."),
            "de": ("Welche Studierenden haben einen Kurs bei {professor} belegt?",
                   "Nenne ohne Wiederholung die Studierenden, die in Kursen von {professor} eingeschrieben sind."),
            "es": ("¿Qué estudiantes han cursado alguna asignatura impartida por {professor}?",
                   "Enumera sin repetir los estudiantes matriculados en cursos del profesor {professor}."),
            "fr": ("Quels étudiants ont suivi un cours donné par {professor} ?",
                   "Liste, sans doublons, les étudiants inscrits aux cours de l'enseignant {professor}."),
            "ja": ("{professor}が担当する科目を履修した学生は誰ですか？", "教員{professor}の科目に登録している学生の名前を重複なしで挙げてください。"),
            "vi": ("Những sinh viên nào đã học môn do {professor} giảng dạy?",
                   "Liệt kê tên (không trùng lặp) các sinh viên đăng ký các môn của giảng viên {professor}."),
            "zh": ("哪些学生上过{professor}讲授的课程？", "列出选修了{professor}老师课程的学生姓名（不重复）。"),
        },
    ),
)

DOMAIN = Domain(db_id="university", split="train", schema_sql=SCHEMA, populate=populate, templates=TEMPLATES)
