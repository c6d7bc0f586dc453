"""A learner in a child process, for the durability and concurrency tests.

Usage: python -m tests.store.child DB_PATH CARDS [SEED]. Answers cards as fast as it can, and
prints each review id (flushed) only after `answer()` has returned, then the word "done".
"""

from __future__ import annotations

import random
import sys
from datetime import timedelta

from quizapp.config import Config
from quizapp.session import Collection
from tests.store.factory import clock_at, deck


def main(argv: list[str]) -> int:
    db_path, cards = argv[0], int(argv[1])
    rng = random.Random(int(argv[2]) if len(argv) > 2 else 0)
    limit = int(argv[3]) if len(argv) > 3 else 0
    clock = clock_at(2026, 3, 10)
    config = Config(new_per_deck=cards, reviews_per_day=cards)
    collection = Collection.from_decks(
        [deck("d", cards, content_hash="fixed")],
        db_url=f"sqlite:///{db_path}",
        clock=clock,
        config=config,
        rng=rng,
    )
    answered = 0
    with collection:
        while not limit or answered < limit:
            session = collection.start()
            while session.current() is not None and (not limit or answered < limit):
                review_id = session.answer(rng.choice((3, 4, 5)), rng.randrange(100, 5000))
                print(review_id, flush=True)
                answered += 1
            clock.advance(timedelta(days=1))
    print("done", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
