"""The ``polysql`` command line: every entry point is a sub-command, defined beside its logic.

A sub-command module exposes ``add_parser(subparsers)`` which registers its parser and sets
``func`` (called with the parsed arguments, returning an exit code). Modules are imported lazily
so ``polysql --help`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys

# name -> module that defines it with add_parser (imported only when needed)
SUBCOMMANDS = {
    "evaluate": "polysql.sql.evaluate_cli",
    "build-mini": "polysql.data.mini.build",
}
# name -> module whose own ``main(argv)`` parses the rest of the command line (also ``python -m <module>``)
MAIN_COMMANDS = {
    "train-grpo": ("polysql.grpo.train", "train (or --show, --resolved) one GRPO run of a config's grid"),
    "check-config": ("polysql.workflow_config", "check config files strictly and against the schema (--print)"),
    "config-docs": ("polysql.config_docs", "write or check config/README.md from the config schema"),
    "prepare": ("polysql.data.prepare", "prepare a benchmark's splits (what the prepare rule runs)"),
    "fetch": ("polysql.data.fetch", "download MultiSpider or place a local copy"),
}


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``polysql`` console script."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in MAIN_COMMANDS:
        module, _ = MAIN_COMMANDS[argv[0]]
        return int(importlib.import_module(module).main(argv[1:]) or 0)
    parser = argparse.ArgumentParser(prog="polysql", description=__doc__.splitlines()[0])
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (_, help_text) in MAIN_COMMANDS.items():
        subparsers.add_parser(name, help=help_text, add_help=False)
    wanted = argv[0] if argv and argv[0] in SUBCOMMANDS else None
    for name, module in SUBCOMMANDS.items():
        if wanted is None or name == wanted:
            importlib.import_module(module).add_parser(subparsers)
        else:
            subparsers.add_parser(name, help=f"see polysql {name} --help")
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    return int(args.func(args) or 0)


if __name__ == "__main__":
    raise SystemExit(main())
