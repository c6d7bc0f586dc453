"""How long judging a typed answer takes against its deck's terms, by deck size.

Run: `.venv/bin/python benchmarks/bench_judge.py [--sizes 1000,10000,100000] [--answers N]`

Prints, per generated deck of typed cards (each answer two or three words, with an accepted
form and a bold term in its front, so about three terms per card):
- gathering the deck's terms (`deck_terms`, once per deck, when its first typed card is asked);
- the first answer (the terms' lookups are built then: once per deck);
- the median and p99 of later answers, right, near (a typo) and wrong, each against every term
  of the deck.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from quizapp.judge import check_typed, deck_terms
from quizapp.model import Card, CardKind, Deck

SYLLABLES = ["ba", "ge", "ri", "to", "mu", "sa", "ko", "le", "ni", "dra", "pel", "vor", "xin"]


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def make_deck(cards: int, rng: random.Random) -> Deck:
    made = []
    for i in range(cards):
        answer = " ".join(word(rng) for _ in range(rng.randint(2, 3)))
        made.append(
            Card(
                id=f"c{i}",
                kind=CardKind.TYPED,
                front=f"What is **{word(rng)} {word(rng)}** called?",
                answer=answer,
                accept=(answer.replace(" ", "-") + "s",),
            )
        )
    return Deck(id="bench", title="Bench", cards=tuple(made))


def typo(text: str, rng: random.Random) -> str:
    i = rng.randrange(len(text) - 1)
    return text[:i] + text[i + 1] + text[i] + text[i + 2 :]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:9.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--answers", type=int, default=300)
    args = parser.parse_args()
    rng = random.Random(15)
    header = (
        f"{'cards':>8} {'terms':>8} {'gather ms':>10} {'first ms':>10} "
        f"{'right p50':>10} {'near p50':>10} {'wrong p50':>10} {'p99 ms':>10}"
    )
    print(header)
    print("-" * len(header))
    for size in (int(s) for s in args.sizes.split(",")):
        deck = make_deck(size, rng)
        start = time.perf_counter()
        terms = deck_terms(deck)
        gathered = time.perf_counter() - start
        first_card = deck.cards[0]
        start = time.perf_counter()
        check_typed(first_card.answer + "x", first_card.answer, first_card.accept, terms)
        first = time.perf_counter() - start
        times: dict[str, list[float]] = {"right": [], "near": [], "wrong": []}
        for _ in range(args.answers):
            card = rng.choice(deck.cards)
            for kind, given in (
                ("right", card.answer.upper()),
                ("near", typo(card.answer, rng)),
                ("wrong", word(rng) + " " + word(rng)),
            ):
                start = time.perf_counter()
                check_typed(given, card.answer, card.accept, terms)
                times[kind].append(time.perf_counter() - start)
        every = sorted(t for values in times.values() for t in values)
        p99 = every[min(len(every) - 1, int(0.99 * len(every)))]
        print(
            f"{size:>8} {len(terms):>8} {ms(gathered):>10} {ms(first):>10} "
            + " ".join(f"{ms(statistics.median(times[k])):>10}" for k in ("right", "near", "wrong"))
            + f" {ms(p99):>10}"
        )


if __name__ == "__main__":
    main()
