"""Leeches: cards forgotten again and again, as Anki finds them (its threshold, 8 lapses by
default, then every half threshold) and what the deck's `leech_action` does with them.

A leech is also given the stored tag `leech` (`quizapp.store.card_texts.LEECH_TAG`) whatever
the action, so `quizapp cards is:leech` finds it; undoing the answer or `--reset` takes it off."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Leech:
    """An answer made its card a leech: lapses reached the deck's threshold (and every half
    threshold after, as Anki warns again)."""

    lapses: int
    suspended: bool

    @property
    def message(self) -> str:
        done = "suspended" if self.suspended else "kept; suspend it with s"
        return f"This card is a leech: forgotten {self.lapses} times. It is {done}."


def is_leech_lapse(lapses: int, threshold: int) -> bool:
    """Whether reaching `lapses` makes a card a leech (again)."""
    if lapses < threshold:
        return False
    return (lapses - threshold) % max(1, threshold // 2) == 0
