"""Mini-benchmark domain ``football_league`` (train): one season of a football league."""

from __future__ import annotations

import datetime
import random
import sqlite3
from typing import Any

from polysql.data.mini.template import Domain

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
    names = {nation: rng.sample([f"{f} {s}" for f in firsts for s in lasts], k)
             for nation, (firsts, lasts, k) in _NATIONS.items()}
    values = rng.sample(range(5, 1000), len(nationalities))  # distinct market values (million EUR x 10)
    players: list[tuple[Any, ...]] = []  # (player_id, name, team_id, position, nationality, birth_date, shirt, value)
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
    goals: list[list[Any]] = []  # [goal_id, match_id, player_id, minute]
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


# The templates and questions are data: content/football_league/ (read by polysql.data.mini.content_files).
DOMAIN = Domain(db_id="football_league", split="train", schema_sql=SCHEMA_SQL, populate=populate)
