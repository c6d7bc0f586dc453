"""The judge is core: judging answers loads no UI, database, YAML or numpy, nor the edges."""

from __future__ import annotations

import json
import subprocess
import sys

FORBIDDEN = ("textual", "rich", "sqlalchemy", "alembic", "yaml", "ruamel", "numpy")
EDGES = ("quizapp.store", "quizapp.decks", "quizapp.session", "quizapp.tui", "quizapp.commands")


def test_judging_loads_nothing_of_the_ui_or_the_store() -> None:
    # Judge one answer of each kind, so modules imported inside the functions load too.
    code = (
        "import sys, json\n"
        "from quizapp.judge import check_choice, check_order, check_typed, shuffled_order\n"
        "check_typed('baging', 'bagging'); check_choice([0], [0])\n"
        "check_order(shuffled_order(['a', 'b', 'c'], 'k'))\n"
        "print(json.dumps(sorted(sys.modules)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    modules = set(json.loads(out))
    assert "rapidfuzz" in {name.split(".")[0] for name in modules}  # the check really ran
    assert not {name.split(".")[0] for name in modules} & set(FORBIDDEN)
    assert not {name for name in modules if name.startswith(EDGES)}
