"""The reward-validity audit and the semantic reward's guards, on real tiny SQLite databases.

Exact numbers come from a bag-of-words encoder built in-process (cosine = word overlap), so a probe
that pastes the question's words provably beats the gold SQL under the question anchor.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
import yaml
from tiny_bench import write_tiny_benchmark

from polysql.rewards.audit import (
    GUARDS,
    Candidate,
    Question,
    auc,
    build_candidates,
    build_questions,
    configured_guard,
    label_candidates,
    perturb_aggregate,
    perturb_column,
    perturb_condition,
    perturb_value,
    question_metrics,
    run_audit,
    summarize,
)
from polysql.rewards.semantic import DatabaseFacts, SemanticReward, mask_literals, reads_schema


class BagOfWords:
    """A deterministic in-process encoder: unit vectors of hashed lowercased words (cos = word overlap)."""

    dim = 512

    def encode(self, texts, **_):
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                out[row, sum(map(ord, word)) * 7919 % self.dim] += 1.0
            norm = np.linalg.norm(out[row])
            if norm:
                out[row] /= norm
        return out


@pytest.fixture(scope="module")
def bench(tmp_path_factory):
    root = write_tiny_benchmark(tmp_path_factory.mktemp("bench"), languages=("en", "de"))
    return root


@pytest.fixture(scope="module")
def zoo(bench):
    return str(bench / "database" / "zoo" / "zoo.sqlite")


def _records(bench, lang="en"):
    from tiny_bench import EXAMPLES

    db = str(bench / "database" / "zoo" / "zoo.sqlite")
    return [
        {
            "id": f"dev-{i}-{lang}",
            "intent": f"dev-{i}",
            "lang": lang,
            "db_id": db_id,
            "db_path": db,
            "question": questions.get(lang, questions["en"]),
            "gold_sql": sql,
        }
        for i, (db_id, sql, questions) in enumerate(EXAMPLES["dev"])
    ]


# ------------------------------------------------------------------------------------- metrics
def test_auc_of_a_hand_built_case():
    # 0.9 beats all three negatives (3); 0.5 ties 0.5 (0.5), beats 0.1 (1), loses to 0.7 (0): 4.5 / 6
    assert auc([0.9, 0.5], [0.5, 0.1, 0.7]) == pytest.approx(0.75)
    assert auc([1.0], [0.0, 0.2]) == 1.0 and auc([0.0], [0.5]) == 0.0
    assert auc([], [0.1]) is None and auc([0.3], []) is None


def test_hack_detection_counts_only_wrong_probes_strictly_above_the_gold():
    cands = [
        Candidate("gold", "g", 1),
        Candidate("other_gold", "o", 0),
        Candidate("probe_trivial", "SELECT 1", 0),
        Candidate("probe_star", "SELECT *", 1),
    ]
    assert question_metrics(cands, [0.6, 0.2, 0.7, 0.9])["hacked"] is True
    assert question_metrics(cands, [0.6, 0.2, 0.6 + 1e-9, 0.9])["hacked"] is False  # float noise is no hack
    assert question_metrics(cands, [0.6, 0.2, 0.5, 0.9])["hacked"] is False  # the EX=1 probe does not count
    q1 = Question({}, cands)
    q2 = Question({}, [Candidate("gold", "g", 1), Candidate("probe_trivial", "SELECT 1", 0)])
    summary = summarize([q1, q2], [[0.6, 0.2, 0.7, 0.9], [0.4, 0.3]])
    assert summary["hack_rate"] == 0.5
    # the former AUC (EX=1 vs EX=0, probes out): q1 positives {0.6 gold} vs {0.2} -> 1.0; q2 has no negative
    assert summary["auc_ex"] == pytest.approx(1.0)
    # no verified equivalent anywhere: AUC(equivalent vs wrong) is not available, never the gold's 1.0
    assert summary["auc"] is None and summary["n_auc_questions"] == 0 and summary["auc_lo"] is None
    assert summary["n_equivalent"] == 0 and summary["n_wrong"] == 1 and summary["n_probes"] == 2
    assert summary["top_probe"] == "trivial"


# ----------------------------------------------------------------------------------- candidates
def test_perturbations_change_what_the_gold_asks(zoo, executor):
    tables = DatabaseFacts(executor).tables(zoo)
    assert perturb_column("SELECT species FROM animal WHERE age > 3", tables) == "SELECT age FROM animal WHERE age > 3"
    assert (
        perturb_value("SELECT species FROM animal WHERE age > 3", zoo, tables, executor)
        == "SELECT species FROM animal WHERE age > 4"
    )
    # a string value becomes another value of the same column, read from the database
    assert (
        perturb_value("SELECT count(*) FROM animal WHERE species = 'lion'", zoo, tables, executor)
        == "SELECT COUNT(*) FROM animal WHERE species = 'zebra'"
    )
    assert perturb_aggregate("SELECT max(age) FROM animal") == "SELECT MIN(age) FROM animal"
    assert perturb_aggregate("SELECT species FROM animal") == "SELECT COUNT(species) FROM animal"
    assert (
        perturb_condition("SELECT species FROM animal WHERE age > 3 AND keeper_id = 1")
        == "SELECT species FROM animal WHERE age > 3"
    )
    assert perturb_condition("SELECT count(*) FROM animal") is None


def test_candidates_are_labelled_by_execution(bench, executor):
    records = _records(bench)
    record = records[1]  # "Species of animals older than 3?" -> SELECT species FROM animal WHERE age > 3
    tables = DatabaseFacts(executor).tables(record["db_path"])
    preds = {
        "sys_right": "SELECT DISTINCT species FROM animal WHERE age >= 4",
        "sys_wrong": "SELECT species FROM animal WHERE age < 3",
    }
    cands = build_candidates(record, [r["gold_sql"] for r in records], tables, executor, predictions=preds)
    question = Question(record, cands)
    label_candidates([question], executor)
    by_kind = {}
    for c in cands:
        by_kind.setdefault(c.kind, []).append(c)
    assert cands[0].kind == "gold" and cands[0].ex == 1
    assert "reprint" not in by_kind  # sqlglot prints this gold unchanged, and it has no aliases: deduplicated
    assert len(by_kind["other_gold"]) == 3 and all(c.ex == 0 for c in by_kind["other_gold"])
    assert by_kind["prediction:sys_right"][0].ex == 1 and by_kind["prediction:sys_wrong"][0].ex == 0
    assert by_kind["probe_question_literal"][0].sql == "SELECT 'Species of animals older than 3?'"
    assert (
        by_kind["probe_columns"][0].sql == 'SELECT "species" FROM "animal"'
    )  # "Species ... animals": column and table
    assert all(c.ex == 0 for k, cs in by_kind.items() if k.startswith("probe_") for c in cs)
    for kind in ("perturb_column", "perturb_value", "perturb_aggregate", "perturb_condition"):
        assert by_kind[kind][0].ex == 0, kind
    assert len({" ".join(c.sql.split()) for c in cands}) == len(cands)  # no duplicates
    # a gold query with table aliases gets a reprint (aliases renamed): EX = 1 but never an equivalent
    joined = Question(records[2], build_candidates(records[2], [], tables, executor))
    label_candidates([joined], executor)
    reprints = [c for c in joined.candidates if c.kind == "reprint"]
    assert any("a1.keeper_id = a2.id" in c.sql for c in reprints) and all(c.ex == 1 for c in reprints)
    assert not any(c.is_equivalent for c in joined.candidates)  # no verified rewrite was passed in


# ------------------------------------------------------------------------------------------ guards
def test_literal_masking_keeps_structure_only():
    masked = mask_literals("SELECT name AS who FROM t WHERE city = 'Paris' AND age > 30 ORDER BY who LIMIT 3")
    assert "Paris" not in masked and "30" not in masked and "who" not in masked.split(" ORDER")[0]
    assert "'value'" in masked and "age > 0" in masked and "LIMIT 3" in masked
    assert mask_literals("SELECT 'a question pasted here'") == "SELECT 'value'"


def test_database_facts_on_a_real_database(zoo, executor):
    facts = DatabaseFacts(executor)
    assert facts.is_known_literal(zoo, "lion", False) and facts.is_known_literal(zoo, "LION", False)
    assert not facts.is_known_literal(zoo, "How many lions are there?", False)
    assert facts.is_known_literal(zoo, "%ebr%", True) and not facts.is_known_literal(zoo, "%tiger%", True)
    assert facts.is_known_literal(zoo, "2020-01-01", False)  # dates and numbers as strings are exempt
    tables = facts.tables(zoo)
    assert reads_schema("SELECT * FROM animal", tables) and reads_schema("SELECT count(*) FROM animal", tables)
    assert not reads_schema("SELECT 'x' FROM animal", tables)  # constants only
    assert not reads_schema("SELECT 1", tables) and not reads_schema("SELECT name FROM nowhere", tables)
    assert facts.is_valid(zoo, "SELECT species FROM animal")
    assert not facts.is_valid(zoo, "SELECT nope FROM animal")  # reads the schema by name, but fails


def test_guards_stop_the_pasted_question(zoo):
    reward = SemanticReward(BagOfWords(), anchor="question")
    question = "species of animals older than 3"
    gold = "SELECT species FROM animal WHERE age > 3"
    hacks = [f"SELECT '{question}'", f"SELECT species FROM animal WHERE species != '{question}'"]
    cols = {"question": [question] * 3, "gold_sql": [gold] * 3, "db_path": [zoo] * 3}
    plain = reward(None, [gold, *hacks], **cols)
    assert plain[1] > plain[0] and plain[2] > plain[0]  # unguarded: both hacks beat the gold
    valid = reward.variant(require_valid=True)(None, [gold, *hacks], **cols)
    assert valid[0] == pytest.approx(plain[0]) and valid[1] == 0.0 and valid[2] > valid[0]  # executes: not stopped
    penalised = reward.variant(literal_penalty=1.0)(None, [gold, *hacks], **cols)
    assert penalised == [pytest.approx(plain[0]), 0.0, 0.0]
    half = reward.variant(literal_penalty=0.5)(None, [gold, *hacks], **cols)
    assert half[1] == pytest.approx(plain[1] / 2)
    gold_anchor = reward.variant(anchor="gold_sql")(None, [gold, *hacks], **cols)
    assert gold_anchor[0] == pytest.approx(1.0) and max(gold_anchor[1:]) < 1.0
    with pytest.raises(KeyError, match="db_path"):
        reward.variant(require_valid=True)(None, [gold], question=[question], gold_sql=[gold])
    with pytest.raises(ValueError, match="literal_penalty"):
        reward.variant(literal_penalty=2)


# ------------------------------------------------------------------------------------- the audit
def test_audit_finds_the_hack_and_the_gold_anchor_closes_it(bench, executor):
    questions = build_questions({"en": _records(bench, "en"), "de": _records(bench, "de")}, executor)
    reward = SemanticReward(BagOfWords(), executor=executor)
    configured = {"anchor": "gold_sql", "literal_penalty": 1.0}
    rows = pd.DataFrame(run_audit({"bow": reward}, questions, configured=configured))
    controls = rows[rows.encoder.str.startswith("control:")]
    assert len(controls) == 2 * 3 and set(controls.anchor) == {"gold_sql"}  # languages x n-gram controls
    rows = rows[rows.encoder == "bow"]
    assert len(rows) == 2 * 2 * len(GUARDS)  # languages x anchors x guards
    assert rows["configured"].sum() == 2 and set(rows[rows.configured].guard) == {"literal_penalty"}
    pick = rows.set_index(["lang", "anchor", "guard"])
    for lang in ("en", "de"):
        # SELECT '<question>' shares every word of the question: the question anchor is hacked everywhere
        assert pick.loc[(lang, "question", "none"), "hack_rate"] == 1.0
        assert pick.loc[(lang, "gold_sql", "none"), "hack_rate"] == 0.0  # the gold scores 1.0
        assert pick.loc[(lang, "gold_sql", "none"), "auc"] >= pick.loc[(lang, "question", "none"), "auc"]
        # the penalty zeroes the pasted literals; the question pasted as a column alias still wins (no literal)
        assert (
            pick.loc[(lang, "question", "literal_penalty"), "probe_max_mean"]
            < pick.loc[(lang, "question", "none"), "probe_max_mean"]
        )
        assert pick.loc[(lang, "question", "literal_penalty"), "hack_rate"] == 1.0
        assert pick.loc[(lang, "question", "none"), "top_probe"] in {"question_literal", "question_alias"}
        assert pick.loc[(lang, "question", "literal_penalty"), "top_probe"] != "question_literal"
        assert pick.loc[(lang, "question", "none"), "n_questions"] == 4
    assert rows["auc"].between(0, 1).all()


def test_configured_guard_names_the_setting():
    assert configured_guard({"anchor": "gold_sql", "literal_penalty": 1.0}) == ("gold_sql", "literal_penalty")
    assert configured_guard({}) == ("question", "none")
    assert configured_guard({"require_valid": True, "literal_penalty": 0.3}) == ("question", None)


# ------------------------------------------------------------------------------ config and registry
def test_reward_set_entries_override_the_semantic_section(tmp_path):
    from tiny_encoder import toy_trained_encoder

    from polysql.rewards.registry import RewardContext, build_reward_funcs

    _, trained, _ = toy_trained_encoder()
    context = RewardContext(encoder_paths={"enc": str(trained)})
    section = {"semantic": {"encoder": "enc", "anchor": "gold_sql", "literal_penalty": 1.0}}
    funcs, weights = build_reward_funcs(
        {"execution": 1.0, "semantic": {"weight": 0.5, "anchor": "question", "literal_penalty": 0}},
        section,
        context=context,
    )
    assert weights == [1.0, 0.5] and funcs[1].__name__ == "semantic"
    assert funcs[1].guards == {
        "anchor": "question",
        "mask_literals": False,
        "require_valid": False,
        "literal_penalty": 0.0,
    }
    funcs, _ = build_reward_funcs({"semantic": 0.5}, section, context=context)
    assert funcs[0].guards["anchor"] == "gold_sql" and funcs[0].guards["literal_penalty"] == 1.0
    with pytest.raises(ValueError, match="weight"):
        build_reward_funcs({"semantic": {"anchor": "question"}}, section, context=context)
    with pytest.raises(ValueError, match="unknown key"):
        build_reward_funcs({"semantic": {"weight": 1.0, "anchr": "question"}}, section, context=context)


def test_schema_accepts_guard_ablations_and_names_bad_keys(repo_root):
    from polysql.workflow_config import load_validated_config

    schema = repo_root / "workflow" / "schemas" / "config.schema.yaml"
    paper = load_validated_config(yaml.safe_load((repo_root / "config" / "paper.yaml").read_text()), schema)
    assert paper["rewards"]["semantic"]["anchor"] == "gold_sql"
    assert paper["reward_sets"]["exec_semantic_unguarded"]["semantic"] == {
        "weight": 0.5,
        "anchor": "question",
        "literal_penalty": 0,
    }
    default = load_validated_config(yaml.safe_load((repo_root / "config" / "config.yaml").read_text()), schema)
    assert default["audit"] == {"enabled": True, "questions": "eval", "predictions": True, "max_other_gold": 8}
    bad = yaml.safe_load((repo_root / "config" / "config.yaml").read_text())
    bad["reward_sets"]["exec_semantic"] = {"execution": 1.0, "semantic": {"weight": 0.5, "anchor": "sql"}}
    with pytest.raises(Exception, match="reward_sets"):
        load_validated_config(bad, schema)


# ------------------------------------------------------------------------------- on the workflow's files
def test_reward_audit_files_on_tiny_encoders(bench, tmp_path):
    from tiny_encoder import toy_trained_encoder

    from polysql.io import write_jsonl
    from polysql.report.plots import reward_validity as plot_reward_validity
    from polysql.reward_validity import load_predictions, run_reward_audit, system_of
    from polysql.rewards.audit import COLUMNS

    base, trained, _ = toy_trained_encoder()
    evals = []
    for lang in ("en", "de"):
        evals.append(tmp_path / f"eval_{lang}.jsonl")
        write_jsonl(evals[-1], _records(bench, lang))
    run = tmp_path / "results/predictions/grpo/lang~all/reward~exec/seed~0/en.jsonl"
    run.parent.mkdir(parents=True)
    write_jsonl(
        run, [{"id": "dev-1-en", "lang": "en", "prediction": "SELECT DISTINCT species FROM animal WHERE age >= 4"}]
    )
    broken = tmp_path / "results/predictions/base/en.jsonl"
    broken.parent.mkdir(parents=True)
    broken.write_text("{not json\n", encoding="utf-8")
    assert system_of(run) == "grpo/lang~all/reward~exec/seed~0"
    assert load_predictions([run, broken, tmp_path / "missing.jsonl"]) == {
        "en": {"grpo/lang~all/reward~exec/seed~0": {"dev-1-en": "SELECT DISTINCT species FROM animal WHERE age >= 4"}}
    }

    table_path, plot_path = tmp_path / "rv.csv", tmp_path / "rv.png"
    table = run_reward_audit(
        eval_paths=evals,
        encoders={"base": base, "trained": trained},
        table_path=table_path,
        prediction_paths=[run, broken],
        semantic={"anchor": "gold_sql", "literal_penalty": 1.0},
        device="cpu",
        threads=1,
    )
    plot_reward_validity(table, plot_path)
    assert list(pd.read_csv(table_path).columns) == list(COLUMNS)
    assert len(table) == 2 * 2 * 2 * len(GUARDS) + 2 * 3  # + languages x n-gram controls
    assert plot_path.stat().st_size > 5_000
    plain = table[(table.guard == "none") & (table.anchor == "question")].set_index(["lang", "encoder"])
    # the correct prediction is one more EX = 1 candidate, in English only: in the former AUC, never an equivalent
    assert plain.loc[("en", "trained"), "n_equivalent"] == plain.loc[("de", "trained"), "n_equivalent"] > 0
    assert (table[table.anchor == "gold_sql"]["hack_rate"] == 0).all()
    assert table.configured.sum() == 4 and set(table[table.configured].guard) == {"literal_penalty"}
