"""The single `polysql` command: every entry point is a sub-command."""

from __future__ import annotations

import pytest

from polysql.cli import MAIN_COMMANDS, SUBCOMMANDS, main


def test_help_lists_every_entry_point(capsys):
    assert main([]) == 2
    shown = capsys.readouterr().out
    for name in [*MAIN_COMMANDS, *SUBCOMMANDS]:
        assert name in shown, name


def test_train_grpo_is_the_module_entry_point(repo_root, monkeypatch, capsys):
    monkeypatch.chdir(repo_root)
    assert main(["train-grpo", "--run", "lang~all/reward~exec/seed~0", "--show"]) == 0
    assert "run_id = 'lang~all/reward~exec/seed~0'" in capsys.readouterr().out


def test_check_config_reports_a_bad_file(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("extends: nowhere.yaml\n", encoding="utf-8")
    assert main(["check-config", str(bad)]) == 1
    captured = capsys.readouterr()
    assert "nowhere.yaml" in captured.err + captured.out


def test_an_unknown_command_is_refused():
    with pytest.raises(SystemExit) as exit_info:
        main(["train"])
    assert exit_info.value.code == 2
