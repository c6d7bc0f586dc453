"""`quizapp new PATH`: start a deck file with a commented example of every card kind.

The examples are real cards, so the new file passes `quizapp check` as it is; the learner edits
them into their own or deletes them.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

TEMPLATE = """\
# A quizapp deck. Every field and card kind: docs/decks.md. Check it with `quizapp check FILE`.
deck: {deck_id}                  # the deck id: keep it stable, progress hangs on it
title: {title}
description: What this deck is about, in a line or two.
tags: [{deck_id}]                # tags every card of the deck carries

cards:
  # basic: a front and a back. Text is Markdown; inline math goes between dollars.
  - id: example-basic            # unique in the deck; progress hangs on deck id + card id
    front: What are Adam's default $\\beta_1$ and $\\beta_2$?
    back: $\\beta_1 = 0.9$, $\\beta_2 = 0.999$
    tags: [example]              # added to the deck's tags

  # reverse: asked front→back and back→front, each with its own progress.
  - id: example-reverse
    kind: reverse
    front: Boosting
    back: 부스팅

  # cloze: each {{{{cN::...}}}} number is its own card; `::hint` after the answer is optional.
  - id: example-cloze
    kind: cloze
    text: Adam was published by {{{{c1::Kingma}}}} and Ba in {{{{c2::2014::year}}}}.
    back: Optional extra text shown after the answer.

  # choice: `answer` counts from 1; a list such as [1, 3] when several are right.
  - id: example-choice
    kind: choice
    front: What does bagging mainly reduce?
    choices: [Bias, Variance, Noise, Training time]
    answer: 2
    back: Averaging many high-variance models reduces variance.

  # typed: the learner types the answer; case, spacing and accents do not count.
  - id: example-typed
    kind: typed
    front: Bootstrap aggregating is better known as…
    answer: bagging
    accept: [배깅]               # other answers counted as right

  # order: items written in the right order; they are shuffled when asked.
  - id: example-order
    kind: order
    front: Put these in chronological order.
    items:
      - AlexNet (2012)
      - Adam (2014)
      - ResNet (2015)

  # exercise: fresh numbers each time (generators and their parameters: docs/exercises.md).
  - id: example-exercise
    kind: exercise
    front: One Adam step on a single weight.
    generator: adam_step
    params:
      theta: {{range: [-1, 1], step: 0.1}}   # drawn anew each time, on this grid
      grad: {{choices: [-0.5, 0.2, 0.4]}}    # one of these
      t: 1                                 # fixed
      lr: 0.1
    ask: [m, v, m_hat, v_hat, theta]
    tolerance: {{rel: 0.01, abs: 0.0001}}
"""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH", help="the deck file to create (*.yaml)")
    parser.add_argument("--id", dest="deck_id", help="the deck id (default: from the file name)")
    parser.add_argument("--title", help="the deck's title (default: from the file name)")
    parser.add_argument(
        "--force", action="store_true", help="replace the file if it exists already"
    )


def deck_id_from_name(name: str) -> str:
    """A deck id from a file name: letters, digits, '-', '_' and '.' kept, the rest '-'."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.")
    return cleaned or "my-deck"


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def run(args: argparse.Namespace) -> int:
    from quizapp.decks.edit import atomic_write

    path = Path(args.path)
    if path.suffix.lower() not in (".yaml", ".yml"):
        path = path.with_name(path.name + ".yaml")
    deck_id = args.deck_id or deck_id_from_name(path.stem)
    if not re.fullmatch(r"[A-Za-z0-9._-]+", deck_id):
        print(
            f"quizapp new: error: deck id {deck_id!r} may hold only letters, digits, '-', '_', '.'",
            file=sys.stderr,
        )
        return 2
    if path.exists() and not args.force:
        print(
            f"quizapp new: error: {path} exists already; pick another name or pass --force",
            file=sys.stderr,
        )
        return 1
    title = args.title or path.stem.replace("-", " ").replace("_", " ").strip().capitalize()
    text = TEMPLATE.format(deck_id=deck_id, title=_yaml_string(title or deck_id))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, text.encode("utf-8"))
    except OSError as exc:
        print(f"quizapp new: error: cannot write {path}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"Wrote {path} (deck id {deck_id!r}) with an example of every card kind.")
    print(f"Edit it, then check it with: quizapp check {path}")
    return 0
