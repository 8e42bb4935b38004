"""``python -m polysql.data.mini --out resources/mini [--seed 0]``: build the bundled mini benchmark."""

from polysql.data.mini.build import main

raise SystemExit(main())
