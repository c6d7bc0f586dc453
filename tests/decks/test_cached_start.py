"""A start-up whose decks all come from the cache imports neither PyYAML nor the validator."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

DECK = b"""deck: lazy
title: Lazy
cards:
  - id: one
    front: Two plus two?
    back: Four
"""

LOAD = """
import sys
from pathlib import Path
from quizapp.decks import load_decks
result = load_decks([Path(sys.argv[1])], cache_dir=Path(sys.argv[2]))
print([d.id for d in result.decks], [c.back for c in result.decks[0].cards])
heavy = ("yaml", "quizapp.decks.schema", "quizapp.decks.card_schema", "quizapp.decks.yamltree")
print(sorted(m for m in heavy if m in sys.modules))
"""


def _load_in_a_new_process(deck: Path, cache: Path) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", LOAD, str(deck), str(cache)],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.splitlines()


def test_a_cache_hit_needs_no_yaml(tmp_path: Path) -> None:
    deck = tmp_path / "lazy.yaml"
    deck.write_bytes(DECK)
    cache = tmp_path / "cache"
    first = _load_in_a_new_process(deck, cache)
    assert first == [
        "['lazy'] ['Four']",
        "['quizapp.decks.card_schema', 'quizapp.decks.schema', 'quizapp.decks.yamltree', 'yaml']",
    ]
    second = _load_in_a_new_process(deck, cache)
    assert second == ["['lazy'] ['Four']", "[]"]
