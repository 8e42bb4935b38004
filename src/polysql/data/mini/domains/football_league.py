"""Mini-benchmark domain ``football_league`` (train): one season of a football league."""

from __future__ import annotations

import datetime
import random
import sqlite3
from typing import Any

from polysql.data.mini.content_files import load_schema, load_values
from polysql.data.mini.template import Domain

VALUES = load_values("football_league")  # content/football_league/values.json

# A team's seven players by position, and how likely a player of each position scores a goal.
_SQUAD = ("Goalkeeper", "Defender", "Defender", "Defender", "Midfielder", "Midfielder", "Forward")
_SCORING_WEIGHT = {"Goalkeeper": 0, "Defender": 1, "Midfielder": 3, "Forward": 6}


def populate(conn: sqlite3.Connection, rng: random.Random) -> None:
    """Insert stadiums, teams, players, a season of matches and their goals, drawn from ``rng``."""
    clubs = VALUES["clubs"]
    capacities = rng.sample(range(8000, 62000, 250), len(clubs))
    founded = rng.sample(range(1867, 1925), len(clubs))
    coaches = rng.sample(VALUES["coaches"], len(clubs))
    stadiums, teams = [], []
    for i, (team, city, stadium) in enumerate(clubs, start=1):
        stadiums.append((i, stadium, city, capacities[i - 1], rng.randint(1895, 2015)))
        teams.append((i, team, city, founded[i - 1], coaches[i - 1], i))
    conn.executemany("INSERT INTO stadiums VALUES (?, ?, ?, ?, ?)", stadiums)
    conn.executemany("INSERT INTO teams VALUES (?, ?, ?, ?, ?, ?)", teams)

    nations = VALUES["nations"]
    nationalities = [nation for nation, _, _, k in nations for _ in range(k)]
    rng.shuffle(nationalities)
    names = {nation: rng.sample([f"{f} {s}" for f in firsts for s in lasts], k) for nation, firsts, lasts, k in nations}
    values = rng.sample(range(5, 1000), len(nationalities))  # distinct market values (million EUR x 10)
    players: list[tuple[Any, ...]] = []  # (player_id, name, team_id, position, nationality, birth_date, shirt, value)
    for team_id in range(1, len(clubs) + 1):
        shirts = [1] + rng.sample(range(2, 36), len(_SQUAD) - 1)
        for position, shirt in zip(_SQUAD, shirts):
            nation = nationalities[len(players)]
            birth = datetime.date(1990, 1, 1) + datetime.timedelta(days=rng.randint(0, 15 * 365))
            players.append(
                (
                    len(players) + 1,
                    names[nation].pop(),
                    team_id,
                    position,
                    nation,
                    birth.isoformat(),
                    shirt,
                    values[len(players)] / 10,
                )
            )
    conn.executemany("INSERT INTO players VALUES (?, ?, ?, ?, ?, ?, ?, ?)", players)

    # A season of 60 matches on distinct days; two clubs never win at home.
    winless = set(rng.sample(range(1, len(clubs) + 1), 2))
    days = sorted(rng.sample(range(280), 60))
    matches, used_attendance = [], set()
    for match_id, day in enumerate(days, start=1):
        home, away = rng.sample(range(1, len(clubs) + 1), 2)
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


# The schema, values and questions are data: content/football_league/ (read by polysql.data.mini.content_files).
DOMAIN = Domain(db_id="football_league", split="train", schema_sql=load_schema("football_league"), populate=populate)
