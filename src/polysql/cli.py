"""The ``polysql`` command line: one sub-command per stage, each defined beside its logic.

A sub-command module exposes ``add_parser(subparsers)`` which registers its parser and sets
``func`` (called with the parsed arguments, returning an exit code). Modules are imported lazily
so ``polysql --help`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys

# name -> module that defines it (imported only when needed)
SUBCOMMANDS = {
    "evaluate": "polysql.sql.evaluate",
    "build-mini": "polysql.data.mini.build",
}


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``polysql`` console script."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog="polysql", description=__doc__.splitlines()[0])
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
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
