"""Mini-benchmark domain ``football_league`` (train): one season of a football league."""

from __future__ import annotations

import datetime
import random
import sqlite3

from polysql.data.mini.template import Domain, Template

SCHEMA_SQL = """
CREATE TABLE stadiums (
    stadium_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    city TEXT NOT NULL,
    capacity INTEGER NOT NULL,
    opened_year INTEGER NOT NULL
);
CREATE TABLE teams (
    team_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    city TEXT NOT NULL,
    founded_year INTEGER NOT NULL,
    coach TEXT NOT NULL,
    stadium_id INTEGER NOT NULL,
    FOREIGN KEY (stadium_id) REFERENCES stadiums(stadium_id)
);
CREATE TABLE players (
    player_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    team_id INTEGER NOT NULL,
    position TEXT NOT NULL,
    nationality TEXT NOT NULL,
    birth_date TEXT NOT NULL,
    shirt_number INTEGER NOT NULL,
    market_value REAL NOT NULL,
    FOREIGN KEY (team_id) REFERENCES teams(team_id)
);
CREATE TABLE matches (
    match_id INTEGER PRIMARY KEY,
    match_date TEXT NOT NULL,
    home_team_id INTEGER NOT NULL,
    away_team_id INTEGER NOT NULL,
    stadium_id INTEGER NOT NULL,
    home_goals INTEGER NOT NULL,
    away_goals INTEGER NOT NULL,
    attendance INTEGER NOT NULL,
    FOREIGN KEY (home_team_id) REFERENCES teams(team_id),
    FOREIGN KEY (away_team_id) REFERENCES teams(team_id),
    FOREIGN KEY (stadium_id) REFERENCES stadiums(stadium_id)
);
CREATE TABLE goals (
    goal_id INTEGER PRIMARY KEY,
    match_id INTEGER NOT NULL,
    player_id INTEGER NOT NULL,
    minute INTEGER NOT NULL,
    FOREIGN KEY (match_id) REFERENCES matches(match_id),
    FOREIGN KEY (player_id) REFERENCES players(player_id)
);
"""

# (team, city, home stadium); Kingsbridge and Riverton have two clubs each.
_CLUBS = (
    ("Kingsbridge City", "Kingsbridge", "Harbour Road"),
    ("Kingsbridge Rangers", "Kingsbridge", "Queens Park"),
    ("Riverton United", "Riverton", "Millfield Park"),
    ("Riverton Athletic", "Riverton", "Castle Lane"),
    ("Ashford Rovers", "Ashford", "The Meadow"),
    ("Westmoor Town", "Westmoor", "Westmoor Arena"),
    ("Eastfield Albion", "Eastfield", "Albion Ground"),
    ("Northam Wanderers", "Northam", "Northam Stadium"),
    ("Ironbridge Athletic", "Ironbridge", "Foundry Park"),
    ("Millbrook FC", "Millbrook", "Brookside Stadium"),
    ("Stonehaven City", "Stonehaven", "Granite Park"),
    ("Blackwater United", "Blackwater", "Riverside Ground"),
    ("Oakham Rangers", "Oakham", "Oakham Field"),
    ("Fairport Town", "Fairport", "Lighthouse Stadium"),
    ("Highcliff Athletic", "Highcliff", "Clifftop Park"),
    ("Larchmont Rovers", "Larchmont", "Larch Lane"),
    ("Southgate Albion", "Southgate", "Southgate Arena"),
    ("Thornbury Wanderers", "Thornbury", "Thornbury Road"),
    ("Elmstead United", "Elmstead", "Elm Park"),
    ("Greywell Town", "Greywell", "Greywell Stadium"),
)

# nationality -> (first names, last names, number of players); exactly one most common nationality.
_NATIONS = {
    "England": (("Harry", "Jack", "Oliver", "James", "George", "Charlie", "Thomas", "William", "Callum", "Jordan"),
                ("Walker", "Turner", "Hughes", "Palmer", "Bennett", "Clarke", "Wright", "Fletcher", "Mason", "Shaw"),
                38),
    "Scotland": (("Andrew", "Ross", "Scott", "Kieran", "Lewis", "Fraser", "Ryan", "Craig"),
                 ("McGregor", "Robertson", "Campbell", "Stewart", "Murray", "Docherty", "McLean", "Paterson"), 14),
    "Spain": (("Pablo", "Sergio", "Alvaro", "Diego", "Javier", "Marcos", "Adrian", "Ivan"),
              ("Garcia", "Moreno", "Navarro", "Ruiz", "Torres", "Herrera", "Castillo", "Romero"), 14),
    "France": (("Lucas", "Hugo", "Antoine", "Theo", "Mathis", "Julien", "Maxime", "Baptiste"),
               ("Dubois", "Lefebvre", "Moreau", "Girard", "Laurent", "Mercier", "Fontaine", "Chevalier"), 14),
    "Germany": (("Leon", "Jonas", "Felix", "Niklas", "Tim", "Lukas", "Florian", "Jan"),
                ("Schneider", "Becker", "Hoffmann", "Wagner", "Keller", "Richter", "Neumann", "Vogel"), 12),
    "Brazil": (("Gabriel", "Rafael", "Matheus", "Vinicius", "Bruno", "Thiago", "Lucas", "Danilo"),
               ("Silva", "Santos", "Oliveira", "Souza", "Pereira", "Costa", "Ribeiro", "Almeida"), 13),
    "Netherlands": (("Daan", "Sem", "Bram", "Jesse", "Thijs", "Ruben", "Lars", "Stijn"),
                    ("de Jong", "Bakker", "Visser", "Smit", "Mulder", "de Boer", "Jansen", "Dekker"), 12),
    "Nigeria": (("Chidi", "Emeka", "Tunde", "Victor", "Samuel", "Kelechi", "Ademola", "Femi"),
                ("Okafor", "Adeyemi", "Nwosu", "Balogun", "Eze", "Okonkwo", "Onyeka", "Bello"), 11),
    "Portugal": (("Joao", "Tiago", "Diogo", "Rui", "Nuno", "Andre", "Bernardo", "Goncalo"),
                 ("Ferreira", "Rodrigues", "Carvalho", "Lopes", "Marques", "Pinto", "Teixeira", "Fonseca"), 12),
}
_SQUAD = ("Goalkeeper", "Defender", "Defender", "Defender", "Midfielder", "Midfielder", "Forward")
_SCORING_WEIGHT = {"Goalkeeper": 0, "Defender": 1, "Midfielder": 3, "Forward": 6}
_COACHES = ("Graham Potter", "Neil Harris", "Steve Cooper", "Paul Hurst", "Mark Robins", "Gary Rowett",
            "Lee Johnson", "Nigel Clough", "Chris Wilder", "Ian Holloway", "Dean Smith", "Tony Mowbray",
            "John Eustace", "Alex Neil", "Danny Cowley", "Michael Duff", "Liam Manning", "Carlos Corberan",
            "Ryan Lowe", "Kieran McKenna")


def populate(conn: sqlite3.Connection, rng: random.Random) -> None:
    """Insert stadiums, teams, players, a season of matches and their goals, drawn from ``rng``."""
    capacities = rng.sample(range(8000, 62000, 250), len(_CLUBS))
    founded = rng.sample(range(1867, 1925), len(_CLUBS))
    coaches = rng.sample(_COACHES, len(_CLUBS))
    stadiums, teams = [], []
    for i, (team, city, stadium) in enumerate(_CLUBS, start=1):
        stadiums.append((i, stadium, city, capacities[i - 1], rng.randint(1895, 2015)))
        teams.append((i, team, city, founded[i - 1], coaches[i - 1], i))
    conn.executemany("INSERT INTO stadiums VALUES (?, ?, ?, ?, ?)", stadiums)
    conn.executemany("INSERT INTO teams VALUES (?, ?, ?, ?, ?, ?)", teams)

    nationalities = [nation for nation, (_, _, k) in _NATIONS.items() for _ in range(k)]
    rng.shuffle(nationalities)
    names = {nation: rng.sample([f"{f} {l}" for f in firsts for l in lasts], k)
             for nation, (firsts, lasts, k) in _NATIONS.items()}
    values = rng.sample(range(5, 1000), len(nationalities))  # distinct market values (million EUR x 10)
    players = []  # (player_id, name, team_id, position, nationality, birth_date, shirt, value)
    for team_id in range(1, len(_CLUBS) + 1):
        shirts = [1] + rng.sample(range(2, 36), len(_SQUAD) - 1)
        for position, shirt in zip(_SQUAD, shirts):
            nation = nationalities[len(players)]
            birth = datetime.date(1990, 1, 1) + datetime.timedelta(days=rng.randint(0, 15 * 365))
            players.append((len(players) + 1, names[nation].pop(), team_id, position, nation, birth.isoformat(),
                            shirt, values[len(players)] / 10))
    conn.executemany("INSERT INTO players VALUES (?, ?, ?, ?, ?, ?, ?, ?)", players)

    # A season of 60 matches on distinct days; two clubs never win at home.
    winless = set(rng.sample(range(1, len(_CLUBS) + 1), 2))
    days = sorted(rng.sample(range(280), 60))
    matches, used_attendance = [], set()
    for match_id, day in enumerate(days, start=1):
        home, away = rng.sample(range(1, len(_CLUBS) + 1), 2)
        home_goals = rng.choices(range(5), (25, 35, 25, 10, 5))[0]
        away_goals = rng.choices(range(5), (35, 35, 18, 8, 4))[0]
        if home in winless and home_goals > away_goals:
            home_goals, away_goals = away_goals, home_goals
        capacity = capacities[home - 1]
        attendance = rng.randint(int(capacity * 0.55), capacity)
        while attendance in used_attendance:
            attendance -= 1
        used_attendance.add(attendance)
        date = datetime.date(2023, 8, 12) + datetime.timedelta(days=day)
        matches.append((match_id, date.isoformat(), home, away, home, home_goals, away_goals, attendance))
    conn.executemany("INSERT INTO matches VALUES (?, ?, ?, ?, ?, ?, ?, ?)", matches)

    squads: dict[int, list[tuple]] = {}
    for player in players:
        squads.setdefault(player[2], []).append(player)
    goals = []  # [goal_id, match_id, player_id, minute]
    for match_id, _, home, away, _, home_goals, away_goals, _ in matches:
        minutes = rng.sample(range(1, 91), home_goals + away_goals)
        for team_id, k in ((home, home_goals), (away, away_goals)):
            squad = squads[team_id]
            scorers = rng.choices(squad, [_SCORING_WEIGHT[p[3]] for p in squad], k=k)
            for scorer in scorers:
                goals.append([len(goals) + 1, match_id, scorer[0], minutes.pop()])
    _make_top_scorer_unique(goals, players, squads)
    conn.executemany("INSERT INTO goals VALUES (?, ?, ?, ?)", goals)


def _make_top_scorer_unique(goals: list[list], players: list[tuple], squads: dict[int, list[tuple]]) -> None:
    """Hand goals of tied top scorers to their teammates until one player leads alone."""
    team_of = {p[0]: p[2] for p in players}
    for _ in range(100):
        tally: dict[int, int] = {}
        for goal in goals:
            tally[goal[2]] = tally.get(goal[2], 0) + 1
        best = max(tally.values())
        leaders = sorted(pid for pid, k in tally.items() if k == best)
        if len(leaders) == 1:
            return
        for pid in leaders[1:]:
            mates = [p[0] for p in squads[team_of[pid]] if p[3] != "Goalkeeper" and p[0] != pid]
            receiver = min(mates, key=lambda m: (tally.get(m, 0), m))
            next(goal for goal in goals if goal[2] == pid)[2] = receiver
            tally[pid] -= 1
            tally[receiver] = tally.get(receiver, 0) + 1
    raise RuntimeError("football_league: could not make the top scorer unique")


_TEAM = "SELECT name FROM teams"
_NATIONALITY = "SELECT DISTINCT nationality FROM players"
_POSITION = "SELECT DISTINCT position FROM players"
_STADIUM = "SELECT name FROM stadiums"

TEMPLATES = (
    # ---- easy ----
    Template(
        sql="SELECT count(*) FROM players WHERE position = '{position}'",
        slots={"position": _POSITION},
        n=3,
        questions={
            "en": ("How many players play as {position}?", "Count the players whose position is {position}."),
            "de": ("Wie viele Spieler spielen auf der Position {position}?",
                   "Zähle die Spieler, deren Position {position} ist."),
            "es": ("¿Cuántos jugadores juegan en la posición {position}?",
                   "Cuenta los jugadores cuya posición es {position}."),
            "fr": ("Combien de joueurs évoluent au poste {position} ?",
                   "Comptez les joueurs dont le poste est {position}."),
            "ja": ("ポジションが{position}の選手は何人いますか？", "{position}としてプレーする選手の数を数えてください。"),
            "vi": ("Có bao nhiêu cầu thủ chơi ở vị trí {position}?", "Đếm số cầu thủ có vị trí là {position}."),
            "zh": ("有多少名球员司职{position}？", "统计位置为{position}的球员人数。"),
        },
    ),
    Template(
        sql="SELECT name FROM players WHERE nationality = '{nationality}'",
        slots={"nationality": _NATIONALITY},
        n=4,
        questions={
            "en": ("Which players come from {nationality}?", "List the names of all players with nationality {nationality}.",
                   "Give the names of the players from {nationality}."),
            "de": ("Welche Spieler kommen aus {nationality}?",
                   "Nenne die Namen aller Spieler mit der Nationalität {nationality}.",
                   "Wie heißen die Spieler, die aus {nationality} stammen?"),
            "es": ("¿Qué jugadores son de {nationality}?",
                   "Enumera los nombres de todos los jugadores con nacionalidad {nationality}.",
                   "Dame los nombres de los jugadores procedentes de {nationality}."),
            "fr": ("Quels joueurs viennent du pays {nationality} ?",
                   "Donnez le nom de tous les joueurs de nationalité {nationality}."),
            "ja": ("{nationality}出身の選手は誰ですか？", "国籍が{nationality}であるすべての選手の名前を挙げてください。"),
            "vi": ("Những cầu thủ nào đến từ {nationality}?", "Liệt kê tên tất cả cầu thủ có quốc tịch {nationality}."),
            "zh": ("哪些球员来自{nationality}？", "列出国籍为{nationality}的所有球员的名字。"),
        },
    ),
    Template(
        sql="SELECT capacity FROM stadiums WHERE name = '{stadium}'",
        slots={"stadium": _STADIUM},
        n=3,
        questions={
            "en": ("What is the capacity of {stadium}?", "How many spectators fit into the stadium {stadium}?"),
            "de": ("Wie groß ist das Fassungsvermögen von {stadium}?",
                   "Wie viele Zuschauer passen in das Stadion {stadium}?"),
            "es": ("¿Cuál es la capacidad de {stadium}?", "¿Cuántos espectadores caben en el estadio {stadium}?"),
            "fr": ("Quelle est la capacité du stade {stadium} ?", "Combien de spectateurs le stade {stadium} peut-il accueillir ?"),
            "ja": ("{stadium}の収容人数はどれくらいですか？", "スタジアム{stadium}には何人の観客が入れますか？"),
            "vi": ("Sức chứa của {stadium} là bao nhiêu?", "Sân vận động {stadium} chứa được bao nhiêu khán giả?"),
            "zh": ("{stadium}的容量是多少？", "{stadium}球场能容纳多少名观众？"),
        },
    ),
    Template(
        sql="SELECT name FROM teams WHERE founded_year < {year}",
        slots={"year": "SELECT founded_year FROM teams WHERE founded_year > (SELECT min(founded_year) FROM teams)"},
        n=3,
        questions={
            "en": ("Which teams were founded before {year}?", "List the names of clubs founded earlier than {year}."),
            "de": ("Welche Mannschaften wurden vor {year} gegründet?",
                   "Nenne die Vereine, deren Gründungsjahr vor {year} liegt."),
            "es": ("¿Qué equipos se fundaron antes de {year}?",
                   "Enumera los nombres de los clubes fundados antes del año {year}."),
            "fr": ("Quelles équipes ont été fondées avant {year} ?",
                   "Donnez le nom des clubs fondés avant l'année {year}."),
            "ja": ("{year}年より前に創設されたチームはどれですか？", "創設年が{year}年より前のクラブの名前を挙げてください。"),
            "vi": ("Những đội bóng nào được thành lập trước năm {year}?",
                   "Liệt kê tên các câu lạc bộ thành lập sớm hơn năm {year}."),
            "zh": ("哪些球队成立于{year}年之前？", "列出成立年份早于{year}年的俱乐部名称。"),
        },
    ),
    Template(
        sql="SELECT max(attendance) FROM matches",
        questions={
            "en": ("What was the highest attendance at a match?", "Find the largest crowd that watched a single match."),
            "de": ("Wie hoch war die größte Zuschauerzahl bei einem Spiel?",
                   "Wie viele Zuschauer kamen höchstens zu einem Spiel?"),
            "es": ("¿Cuál fue la mayor asistencia a un partido?",
                   "Encuentra el mayor número de espectadores en un solo partido."),
            "fr": ("Quelle a été l'affluence maximale lors d'un match ?",
                   "Trouvez le plus grand nombre de spectateurs ayant assisté à un même match."),
            "ja": ("試合の最多観客数はいくつでしたか？", "1試合で記録された最大の観客数を求めてください。"),
            "vi": ("Số khán giả đông nhất trong một trận đấu là bao nhiêu?",
                   "Tìm lượng khán giả lớn nhất đã đến xem một trận đấu."),
            "zh": ("单场比赛的最高上座人数是多少？", "找出观看一场比赛的最多观众人数。"),
        },
    ),
    # ---- medium ----
    Template(
        sql="SELECT T1.name FROM players AS T1 JOIN teams AS T2 ON T1.team_id = T2.team_id WHERE T2.name = '{team}'",
        slots={"team": _TEAM},
        n=4,
        questions={
            "en": ("Who plays for {team}?", "List the names of all players in the team {team}."),
            "de": ("Wer spielt für {team}?", "Nenne die Namen aller Spieler der Mannschaft {team}."),
            "es": ("¿Quiénes juegan en {team}?", "Enumera los nombres de todos los jugadores del equipo {team}."),
            "fr": ("Qui joue pour {team} ?", "Donnez le nom de tous les joueurs de l'équipe {team}."),
            "ja": ("{team}でプレーしているのは誰ですか？", "チーム{team}に所属する全選手の名前を挙げてください。"),
            "vi": ("Những ai đang chơi cho {team}?", "Liệt kê tên tất cả cầu thủ của đội {team}."),
            "zh": ("哪些球员效力于{team}？", "列出{team}队所有球员的名字。"),
        },
    ),
    Template(
        sql="SELECT name, capacity FROM stadiums ORDER BY capacity DESC LIMIT 3",
        questions={
            "en": ("What are the three largest stadiums and their capacities?",
                   "Show the names and capacities of the 3 stadiums with the most seats."),
            "de": ("Welches sind die drei größten Stadien und wie viele Plätze haben sie?",
                   "Zeige Namen und Kapazität der 3 Stadien mit den meisten Plätzen."),
            "es": ("¿Cuáles son los tres estadios más grandes y sus capacidades?",
                   "Muestra el nombre y la capacidad de los 3 estadios con más asientos."),
            "fr": ("Quels sont les trois plus grands stades et leur capacité ?",
                   "Affichez le nom et la capacité des 3 stades qui comptent le plus de places."),
            "ja": ("最も大きい3つのスタジアムとその収容人数は何ですか？", "座席数が多い上位3つのスタジアムの名前と収容人数を表示してください。"),
            "vi": ("Ba sân vận động lớn nhất là những sân nào và sức chứa của chúng là bao nhiêu?",
                   "Hiển thị tên và sức chứa của 3 sân vận động có nhiều chỗ ngồi nhất."),
            "zh": ("最大的三座球场是哪些？容量分别是多少？", "显示座位最多的3座球场的名称和容量。"),
        },
    ),
    Template(
        sql="SELECT position, count(*) FROM players GROUP BY position",
        questions={
            "en": ("How many players are there in each position?", "For each position, show the number of players."),
            "de": ("Wie viele Spieler gibt es auf jeder Position?", "Zeige für jede Position die Anzahl der Spieler."),
            "es": ("¿Cuántos jugadores hay en cada posición?", "Para cada posición, muestra el número de jugadores."),
            "fr": ("Combien de joueurs y a-t-il à chaque poste ?", "Pour chaque poste, affichez le nombre de joueurs."),
            "ja": ("各ポジションには何人の選手がいますか？", "ポジションごとに選手の人数を表示してください。"),
            "vi": ("Mỗi vị trí có bao nhiêu cầu thủ?", "Với mỗi vị trí, hãy hiển thị số lượng cầu thủ."),
            "zh": ("每个位置各有多少名球员？", "按位置显示球员人数。"),
        },
    ),
    Template(
        sql="SELECT T2.name FROM teams AS T1 JOIN stadiums AS T2 ON T1.stadium_id = T2.stadium_id "
            "WHERE T1.name = '{team}'",
        slots={"team": _TEAM},
        n=3,
        questions={
            "en": ("In which stadium does {team} play its home games?", "What is the name of the home stadium of {team}?"),
            "de": ("In welchem Stadion trägt {team} seine Heimspiele aus?", "Wie heißt das Heimstadion von {team}?"),
            "es": ("¿En qué estadio juega {team} sus partidos en casa?", "¿Cómo se llama el estadio local de {team}?"),
            "fr": ("Dans quel stade {team} joue-t-il ses matchs à domicile ?",
                   "Quel est le nom du stade de l'équipe {team} ?"),
            "ja": ("{team}はどのスタジアムでホームゲームを行いますか？", "{team}の本拠地スタジアムの名前は何ですか？"),
            "vi": ("{team} thi đấu các trận sân nhà ở sân vận động nào?", "Sân nhà của {team} tên là gì?"),
            "zh": ("{team}在哪座球场进行主场比赛？", "{team}的主场球场叫什么名字？"),
        },
    ),
    Template(
        sql="SELECT name, market_value FROM players WHERE nationality = '{nationality}'",
        slots={"nationality": _NATIONALITY},
        n=3,
        questions={
            "en": ("What are the names and market values of the players from {nationality}?",
                   "Show every player from {nationality} together with his market value."),
            "de": ("Wie heißen die Spieler aus {nationality} und welchen Marktwert haben sie?",
                   "Zeige alle Spieler mit der Nationalität {nationality} zusammen mit ihrem Marktwert."),
            "es": ("¿Cuáles son los nombres y el valor de mercado de los jugadores de {nationality}?",
                   "Muestra cada jugador de nacionalidad {nationality} junto con su valor de mercado."),
            "fr": ("Quels sont le nom et la valeur marchande des joueurs de nationalité {nationality} ?",
                   "Affichez chaque joueur originaire du pays {nationality} avec sa valeur marchande."),
            "ja": ("{nationality}出身の選手の名前と市場価値は何ですか？", "国籍が{nationality}の選手を市場価値とともに表示してください。"),
            "vi": ("Tên và giá trị chuyển nhượng của các cầu thủ đến từ {nationality} là gì?",
                   "Hiển thị từng cầu thủ quốc tịch {nationality} cùng với giá trị thị trường của họ."),
            "zh": ("来自{nationality}的球员叫什么名字？身价是多少？", "显示每位{nationality}籍球员及其身价。"),
        },
    ),
    Template(
        sql="SELECT min(market_value), max(market_value) FROM players WHERE position = '{position}'",
        slots={"position": _POSITION},
        n=3,
        questions={
            "en": ("What are the lowest and highest market values among players in the position {position}?",
                   "Give the minimum and maximum market value of the {position} players."),
            "de": ("Wie hoch sind der niedrigste und der höchste Marktwert unter den Spielern auf der Position {position}?",
                   "Gib den minimalen und maximalen Marktwert der Spieler mit der Position {position} an."),
            "es": ("¿Cuáles son el valor de mercado mínimo y máximo de los jugadores en la posición {position}?",
                   "Indica el menor y el mayor valor de mercado de los jugadores cuya posición es {position}."),
            "fr": ("Quelles sont les valeurs marchandes minimale et maximale des joueurs au poste {position} ?",
                   "Donnez la plus petite et la plus grande valeur marchande parmi les joueurs du poste {position}."),
            "ja": ("ポジションが{position}の選手の市場価値の最小値と最大値はいくらですか？",
                   "{position}の選手について、市場価値の最低額と最高額を求めてください。"),
            "vi": ("Giá trị thị trường thấp nhất và cao nhất của các cầu thủ ở vị trí {position} là bao nhiêu?",
                   "Cho biết giá trị chuyển nhượng nhỏ nhất và lớn nhất của các cầu thủ chơi ở vị trí {position}."),
            "zh": ("位置为{position}的球员中，最低和最高身价分别是多少？", "给出{position}球员身价的最小值和最大值。"),
        },
    ),
    Template(
        sql="SELECT T2.name, count(*) FROM matches AS T1 JOIN teams AS T2 ON T1.home_team_id = T2.team_id "
            "GROUP BY T2.name",
        questions={
            "en": ("How many home matches has each team played?",
                   "For every team that hosted a match, show its name and the number of home games."),
            "de": ("Wie viele Heimspiele hat jede Mannschaft bestritten?",
                   "Zeige für jede Mannschaft, die ein Spiel ausgerichtet hat, den Namen und die Zahl der Heimspiele."),
            "es": ("¿Cuántos partidos en casa ha jugado cada equipo?",
                   "Para cada equipo que ha jugado como local, muestra su nombre y el número de partidos en casa."),
            "fr": ("Combien de matchs à domicile chaque équipe a-t-elle joués ?",
                   "Pour chaque équipe ayant reçu un match, affichez son nom et le nombre de matchs à domicile."),
            "ja": ("各チームはホームで何試合を行いましたか？", "ホームで試合をしたチームごとに、チーム名とホームゲームの数を表示してください。"),
            "vi": ("Mỗi đội đã chơi bao nhiêu trận trên sân nhà?",
                   "Với mỗi đội từng tổ chức trận đấu, hiển thị tên đội và số trận sân nhà."),
            "zh": ("每支球队各踢了多少场主场比赛？", "对每支踢过主场比赛的球队，显示队名和主场比赛场数。"),
        },
    ),
    # ---- hard ----
    Template(
        sql="SELECT name FROM players WHERE market_value > (SELECT avg(market_value) FROM players)",
        questions={
            "en": ("Which players have a market value above the average?",
                   "List the players whose market value is higher than the average market value of all players."),
            "de": ("Welche Spieler haben einen überdurchschnittlichen Marktwert?",
                   "Nenne die Spieler, deren Marktwert über dem durchschnittlichen Marktwert aller Spieler liegt."),
            "es": ("¿Qué jugadores tienen un valor de mercado superior a la media?",
                   "Enumera los jugadores cuyo valor de mercado es mayor que el promedio de todos los jugadores."),
            "fr": ("Quels joueurs ont une valeur marchande supérieure à la moyenne ?",
                   "Donnez les joueurs dont la valeur marchande dépasse la moyenne de tous les joueurs."),
            "ja": ("市場価値が平均を上回る選手は誰ですか？", "全選手の平均市場価値より市場価値が高い選手を挙げてください。"),
            "vi": ("Những cầu thủ nào có giá trị chuyển nhượng cao hơn mức trung bình?",
                   "Liệt kê các cầu thủ có giá trị thị trường cao hơn giá trị trung bình của tất cả cầu thủ."),
            "zh": ("哪些球员的身价高于平均水平？", "列出身价高于全体球员平均身价的球员。"),
        },
    ),
    Template(
        sql="SELECT name FROM teams WHERE team_id NOT IN "
            "(SELECT home_team_id FROM matches WHERE home_goals > away_goals)",
        questions={
            "en": ("Which teams have never won a home match?", "List the teams that did not win any game at home."),
            "de": ("Welche Mannschaften haben noch nie ein Heimspiel gewonnen?",
                   "Nenne die Teams, die kein einziges Spiel zu Hause gewonnen haben."),
            "es": ("¿Qué equipos nunca han ganado un partido en casa?",
                   "Enumera los equipos que no ganaron ningún partido como locales."),
            "fr": ("Quelles équipes n'ont jamais gagné de match à domicile ?",
                   "Donnez les équipes qui n'ont remporté aucune rencontre à domicile."),
            "ja": ("ホームで一度も勝っていないチームはどれですか？", "ホームゲームで1勝もしていないチームを挙げてください。"),
            "vi": ("Những đội nào chưa từng thắng trận nào trên sân nhà?",
                   "Liệt kê các đội không thắng được trận nào khi chơi trên sân nhà."),
            "zh": ("哪些球队从未赢过主场比赛？", "列出没有赢下任何一场主场比赛的球队。"),
        },
    ),
    Template(
        sql="SELECT name FROM players WHERE nationality = '{nationality}' ORDER BY market_value DESC LIMIT 1",
        slots={"nationality": _NATIONALITY},
        n=3,
        questions={
            "en": ("Who is the most valuable player from {nationality}?",
                   "Which player from {nationality} has the highest market value?"),
            "de": ("Wer ist der wertvollste Spieler aus {nationality}?",
                   "Welcher Spieler mit der Nationalität {nationality} hat den höchsten Marktwert?"),
            "es": ("¿Quién es el jugador más valioso de {nationality}?",
                   "¿Qué jugador de nacionalidad {nationality} tiene el mayor valor de mercado?"),
            "fr": ("Qui est le joueur le plus cher de nationalité {nationality} ?",
                   "Quel joueur originaire du pays {nationality} a la valeur marchande la plus élevée ?"),
            "ja": ("{nationality}出身で最も市場価値の高い選手は誰ですか？", "国籍が{nationality}の選手のうち、市場価値が最大なのは誰ですか？"),
            "vi": ("Ai là cầu thủ {nationality} có giá trị cao nhất?",
                   "Cầu thủ nào mang quốc tịch {nationality} có giá trị thị trường lớn nhất?"),
            "zh": ("来自{nationality}的身价最高的球员是谁？", "{nationality}籍球员中谁的身价最高？"),
        },
    ),
    Template(
        sql="SELECT name FROM stadiums WHERE capacity > (SELECT capacity FROM stadiums WHERE name = '{stadium}')",
        slots={"stadium": "SELECT name FROM stadiums WHERE capacity < (SELECT max(capacity) FROM stadiums)"},
        n=3,
        questions={
            "en": ("Which stadiums are larger than {stadium}?", "List the stadiums with a higher capacity than {stadium}."),
            "de": ("Welche Stadien sind größer als {stadium}?",
                   "Nenne die Stadien, die mehr Zuschauer fassen als {stadium}."),
            "es": ("¿Qué estadios son más grandes que {stadium}?",
                   "Enumera los estadios con una capacidad mayor que la de {stadium}."),
            "fr": ("Quels stades sont plus grands que le stade {stadium} ?",
                   "Donnez les stades dont la capacité dépasse celle du stade {stadium}."),
            "ja": ("{stadium}より大きいスタジアムはどれですか？", "収容人数が{stadium}を上回るスタジアムを挙げてください。"),
            "vi": ("Những sân vận động nào lớn hơn {stadium}?",
                   "Liệt kê các sân vận động có sức chứa lớn hơn {stadium}."),
            "zh": ("哪些球场比{stadium}大？", "列出容量超过{stadium}的球场。"),
        },
    ),
    Template(
        sql="SELECT T1.match_date, T1.attendance FROM matches AS T1 JOIN stadiums AS T2 "
            "ON T1.stadium_id = T2.stadium_id WHERE T2.city = '{city}' ORDER BY T1.attendance DESC",
        slots={"city": "SELECT DISTINCT T2.city FROM matches AS T1 JOIN stadiums AS T2 ON T1.stadium_id = T2.stadium_id"},
        n=3,
        questions={
            "en": ("Show the date and attendance of every match played in {city}, from the biggest crowd to the smallest.",
                   "For matches held in stadiums in {city}, list the dates and attendances sorted by attendance in "
                   "descending order."),
            "de": ("Zeige Datum und Zuschauerzahl aller Spiele in {city}, absteigend nach Zuschauerzahl sortiert.",
                   "Liste für die Spiele, die in Stadien in {city} stattfanden, Datum und Zuschauerzahl auf, "
                   "die größte Kulisse zuerst."),
            "es": ("Muestra la fecha y la asistencia de cada partido jugado en {city}, de mayor a menor asistencia.",
                   "Para los partidos disputados en estadios de {city}, enumera las fechas y la asistencia ordenadas "
                   "de forma descendente por asistencia."),
            "fr": ("Affichez la date et l'affluence de chaque match joué à {city}, de la plus forte à la plus faible "
                   "affluence.",
                   "Pour les matchs disputés dans des stades situés à {city}, donnez les dates et les affluences triées par "
                   "affluence décroissante."),
            "ja": ("{city}で行われた各試合の日付と観客数を、観客数の多い順に表示してください。",
                   "{city}のスタジアムで開催された試合について、日付と観客数を観客数の降順で挙げてください。"),
            "vi": ("Hiển thị ngày và số khán giả của mọi trận đấu diễn ra ở {city}, từ đông nhất đến ít nhất.",
                   "Với các trận đấu tổ chức tại các sân ở {city}, liệt kê ngày thi đấu và lượng khán giả, "
                   "sắp xếp giảm dần theo số khán giả."),
            "zh": ("显示在{city}进行的每场比赛的日期和观众人数，按观众人数从多到少排列。",
                   "对于在{city}的球场举行的比赛，按观众人数降序列出比赛日期和观众人数。"),
        },
    ),
    Template(
        sql="SELECT nationality, count(*) FROM players GROUP BY nationality ORDER BY count(*) DESC LIMIT 1",
        questions={
            "en": ("Which nationality is most common among the players, and how many players have it?",
                   "Find the nationality with the most players and the number of those players."),
            "de": ("Welche Nationalität ist unter den Spielern am häufigsten und wie viele Spieler haben sie?",
                   "Finde die Nationalität mit den meisten Spielern und gib deren Anzahl an."),
            "es": ("¿Cuál es la nacionalidad más común entre los jugadores y cuántos jugadores la tienen?",
                   "Encuentra la nacionalidad con más jugadores y el número de esos jugadores."),
            "fr": ("Quelle est la nationalité la plus représentée parmi les joueurs, et combien de joueurs l'ont ?",
                   "Trouvez la nationalité qui compte le plus de joueurs, ainsi que leur nombre."),
            "ja": ("選手の間で最も多い国籍はどれで、その国籍の選手は何人いますか？", "選手数が最も多い国籍とその人数を求めてください。"),
            "vi": ("Quốc tịch nào phổ biến nhất trong số các cầu thủ và có bao nhiêu cầu thủ mang quốc tịch đó?",
                   "Tìm quốc tịch có nhiều cầu thủ nhất cùng với số cầu thủ đó."),
            "zh": ("球员中最常见的国籍是哪个？有多少名球员？", "找出球员人数最多的国籍及其球员人数。"),
        },
    ),
    Template(
        sql="SELECT name FROM players WHERE team_id IN (SELECT team_id FROM teams WHERE city = '{city}')",
        slots={"city": "SELECT DISTINCT city FROM teams"},
        n=2,
        questions={
            "en": ("Which players play for a club based in {city}?", "List the players of all teams from {city}."),
            "de": ("Welche Spieler spielen für einen Verein aus {city}?",
                   "Nenne die Spieler aller Mannschaften, die in {city} beheimatet sind."),
            "es": ("¿Qué jugadores juegan en un club con sede en {city}?",
                   "Enumera los jugadores de todos los equipos de {city}."),
            "fr": ("Quels joueurs jouent pour un club basé à {city} ?", "Donnez les joueurs de toutes les équipes basées à {city}."),
            "ja": ("{city}に本拠地を置くクラブでプレーしている選手は誰ですか？", "{city}のすべてのチームの選手を挙げてください。"),
            "vi": ("Những cầu thủ nào chơi cho một câu lạc bộ đóng ở {city}?",
                   "Liệt kê cầu thủ của tất cả các đội đến từ {city}."),
            "zh": ("哪些球员效力于总部位于{city}的俱乐部？", "列出来自{city}的所有球队的球员。"),
        },
    ),
    # ---- extra ----
    Template(
        sql="SELECT T2.name FROM goals AS T1 JOIN players AS T2 ON T1.player_id = T2.player_id "
            "GROUP BY T1.player_id ORDER BY count(*) DESC LIMIT 1",
        questions={
            "en": ("Who scored the most goals?", "Which player is the league's top scorer?"),
            "de": ("Wer hat die meisten Tore geschossen?", "Welcher Spieler ist der Torschützenkönig der Liga?"),
            "es": ("¿Quién marcó más goles?", "¿Qué jugador es el máximo goleador de la liga?"),
            "fr": ("Qui a marqué le plus de buts ?", "Quel joueur est le meilleur buteur du championnat ?"),
            "ja": ("最も多くゴールを決めたのは誰ですか？", "リーグの得点王はどの選手ですか？"),
            "vi": ("Ai đã ghi nhiều bàn thắng nhất?", "Cầu thủ nào là vua phá lưới của giải đấu?"),
            "zh": ("谁进球最多？", "哪位球员是联赛的最佳射手？"),
        },
    ),
    Template(
        sql="SELECT DISTINCT T2.name FROM goals AS T1 JOIN players AS T2 ON T1.player_id = T2.player_id "
            "JOIN teams AS T3 ON T2.team_id = T3.team_id WHERE T3.name = '{team}' ORDER BY T2.name",
        slots={"team": "SELECT DISTINCT T3.name FROM goals AS T1 JOIN players AS T2 ON T1.player_id = T2.player_id "
                       "JOIN teams AS T3 ON T2.team_id = T3.team_id"},
        n=3,
        questions={
            "en": ("Which players of {team} have scored at least one goal? Sort them by name.",
                   "List, in alphabetical order, the {team} players who scored a goal."),
            "de": ("Welche Spieler von {team} haben mindestens ein Tor erzielt? Sortiere sie nach Namen.",
                   "Nenne in alphabetischer Reihenfolge die Spieler von {team}, die ein Tor geschossen haben."),
            "es": ("¿Qué jugadores de {team} han marcado al menos un gol? Ordénalos por nombre.",
                   "Enumera en orden alfabético los jugadores de {team} que han marcado algún gol."),
            "fr": ("Quels joueurs de l'équipe {team} ont marqué au moins un but ? Triez-les par nom.",
                   "Donnez, par ordre alphabétique, les joueurs de l'équipe {team} qui ont marqué un but."),
            "ja": ("{team}の選手のうち、1点以上ゴールを決めたのは誰ですか？名前順に並べてください。",
                   "ゴールを決めた{team}の選手をアルファベット順に挙げてください。"),
            "vi": ("Những cầu thủ nào của {team} đã ghi ít nhất một bàn? Sắp xếp theo tên.",
                   "Liệt kê theo thứ tự bảng chữ cái các cầu thủ của {team} đã ghi bàn."),
            "zh": ("{team}的哪些球员至少进过一个球？按姓名排序。", "按字母顺序列出{team}中有过进球的球员。"),
        },
    ),
    Template(
        sql="SELECT T2.name FROM matches AS T1 JOIN teams AS T2 ON T1.home_team_id = T2.team_id "
            "WHERE T1.home_goals > {goals} UNION SELECT T2.name FROM matches AS T1 JOIN teams AS T2 "
            "ON T1.away_team_id = T2.team_id WHERE T1.away_goals > {goals}",
        slots={"goals": "SELECT DISTINCT home_goals - 1 FROM matches WHERE home_goals >= 1"},
        n=3,
        questions={
            "en": ("Which teams scored more than {goals} goals in a single match, at home or away?",
                   "List the teams that have netted over {goals} goals in one game, either as the home or the away side."),
            "de": ("Welche Mannschaften haben in einem einzigen Spiel mehr als {goals} Tore erzielt, ob zu Hause "
                   "oder auswärts?",
                   "Nenne die Teams, die in einem Spiel über {goals} Tore geschossen haben, egal ob als Heim- oder "
                   "Gastmannschaft."),
            "es": ("¿Qué equipos marcaron más de {goals} goles en un solo partido, en casa o fuera?",
                   "Enumera los equipos que anotaron más de {goals} goles en un partido, ya sea como locales o "
                   "como visitantes."),
            "fr": ("Quelles équipes ont marqué plus de {goals} buts en un seul match, à domicile ou à l'extérieur ?",
                   "Donnez les équipes ayant inscrit plus de {goals} buts lors d'une rencontre, qu'elles aient joué "
                   "à domicile ou à l'extérieur."),
            "ja": ("ホームかアウェーかを問わず、1試合で{goals}点より多く得点したチームはどれですか？",
                   "ホームまたはアウェーで、1試合に{goals}ゴールを超えて決めたことのあるチームを挙げてください。"),
            "vi": ("Những đội nào đã ghi nhiều hơn {goals} bàn trong một trận, dù trên sân nhà hay sân khách?",
                   "Liệt kê các đội từng ghi hơn {goals} bàn thắng trong một trận đấu, khi đá sân nhà hoặc sân khách."),
            "zh": ("哪些球队曾在单场比赛中打进超过{goals}个球（主场或客场均可）？",
                   "列出无论主客场、在一场比赛中进球数超过{goals}个的球队。"),
        },
    ),
    Template(
        sql="SELECT T1.name FROM players AS T1 JOIN teams AS T2 ON T1.team_id = T2.team_id "
            "WHERE T2.name = '{team}' AND T1.market_value > (SELECT avg(market_value) FROM players)",
        slots={"team": "SELECT DISTINCT T2.name FROM players AS T1 JOIN teams AS T2 ON T1.team_id = T2.team_id "
                       "WHERE T1.market_value > (SELECT avg(market_value) FROM players)"},
        n=3,
        questions={
            "en": ("Which {team} players are worth more than the average player?",
                   "List the players of {team} whose market value exceeds the average market value of all players."),
            "de": ("Welche Spieler von {team} sind mehr wert als der durchschnittliche Spieler?",
                   "Nenne die Spieler von {team}, deren Marktwert über dem Durchschnitt aller Spieler liegt."),
            "es": ("¿Qué jugadores de {team} valen más que el jugador promedio?",
                   "Enumera los jugadores de {team} cuyo valor de mercado supera el promedio de todos los jugadores."),
            "fr": ("Quels joueurs de l'équipe {team} valent plus que le joueur moyen ?",
                   "Donnez les joueurs de l'équipe {team} dont la valeur marchande dépasse la moyenne de tous les joueurs."),
            "ja": ("{team}の選手のうち、市場価値が全選手の平均を上回るのは誰ですか？",
                   "全選手の平均市場価値より価値が高い{team}の選手を挙げてください。"),
            "vi": ("Những cầu thủ nào của {team} có giá trị cao hơn cầu thủ trung bình?",
                   "Liệt kê các cầu thủ của {team} có giá trị thị trường vượt mức trung bình của tất cả cầu thủ."),
            "zh": ("{team}的哪些球员身价高于平均水平？", "列出{team}中身价超过全体球员平均身价的球员。"),
        },
    ),
    Template(
        sql="SELECT T2.name FROM matches AS T1 JOIN teams AS T2 ON T1.home_team_id = T2.team_id "
            "WHERE T1.home_goals > T1.away_goals INTERSECT SELECT T2.name FROM matches AS T1 JOIN teams AS T2 "
            "ON T1.away_team_id = T2.team_id WHERE T1.away_goals > T1.home_goals",
        questions={
            "en": ("Which teams have won both a home match and an away match?",
                   "List the teams that recorded at least one home win and at least one away win."),
            "de": ("Welche Mannschaften haben sowohl ein Heimspiel als auch ein Auswärtsspiel gewonnen?",
                   "Nenne die Teams, die mindestens einen Heimsieg und mindestens einen Auswärtssieg geholt haben."),
            "es": ("¿Qué equipos han ganado tanto un partido en casa como uno fuera?",
                   "Enumera los equipos que lograron al menos una victoria como locales y al menos una como visitantes."),
            "fr": ("Quelles équipes ont gagné à la fois un match à domicile et un match à l'extérieur ?",
                   "Donnez les équipes qui ont obtenu au moins une victoire à domicile et au moins une à l'extérieur."),
            "ja": ("ホームとアウェーの両方で勝利したことのあるチームはどれですか？",
                   "ホームで1勝以上、かつアウェーでも1勝以上を挙げたチームを挙げてください。"),
            "vi": ("Những đội nào đã thắng cả trận sân nhà lẫn trận sân khách?",
                   "Liệt kê các đội có ít nhất một trận thắng trên sân nhà và ít nhất một trận thắng trên sân khách."),
            "zh": ("哪些球队既赢过主场比赛又赢过客场比赛？", "列出至少取得过一场主场胜利和一场客场胜利的球队。"),
        },
    ),
)

DOMAIN = Domain(db_id="football_league", split="train", schema_sql=SCHEMA_SQL, populate=populate,
                templates=TEMPLATES)
