"""Fixtures for the TUI tests: deck files in tmp_path, a real collection on a SQLite file.

Every app is built with `make_app`, as the CLI builds it, around a real `Collection` opened by a
`CollectionOpener` (the home's counts at a glance first) on deck files written here and a SQLite
database in tmp_path; the clock is fixed and the exercise seeds come from a seeded random source,
so screens are the same on every run.
"""

from __future__ import annotations

import asyncio
import inspect
import random
import textwrap
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from quizapp.clock import FixedClock
from quizapp.config import Config
from quizapp.session import CollectionOpener
from quizapp.tui.app import QuizApp, make_app

#: A Monday morning in Seoul (the rollover hour is 04:00, so this is well inside one study day).
NOW = datetime(2025, 3, 10, 9, 0, tzinfo=timezone(timedelta(hours=9)))

BASICS = """\
deck: basics
title: Basics
tags: [ml]
cards:
  - id: bagging-idea
    front: What does **bagging** stand for?
    back: Bootstrap aggregating (배깅).
  - id: adam-defaults
    front: What are Adam's default $\\beta_1$ and $\\beta_2$?
    back: $\\beta_1 = 0.9$, $\\beta_2 = 0.999$
    tags: [adam]
"""

KINDS = """\
deck: kinds
title: Every kind of card
cards:
  - id: adam-year
    kind: cloze
    text: Adam was published by {{c1::Kingma}} and Ba in 2014.
  - id: bagging-reduces
    kind: choice
    front: What does bagging mainly reduce?
    choices: [Bias, Variance, Noise]
    answer: 2
    back: Averaging many models reduces variance.
  - id: term-bagging
    kind: typed
    front: Bootstrap aggregating is better known as…
    answer: bagging
    accept: [배깅]
  - id: milestones
    kind: order
    front: Put these in order.
    items: [AlexNet (2012), Adam (2014), ResNet (2015)]
  - id: adam-one-step
    kind: exercise
    front: One Adam step on a single weight.
    generator: adam_step
    params: {theta: 0.5, grad: 0.2, t: 1, lr: 0.1}
    ask: [m, m_hat, theta]
"""


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run `async def` tests in a fresh event loop (Pilot needs one; no async plugin needed)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    arguments = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
    asyncio.run(pyfuncitem.obj(**arguments))
    return True


def write_deck(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def quizapp_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test reads or writes the real user directories."""
    home = tmp_path / "home"
    monkeypatch.setenv("QUIZAPP_HOME", str(home))
    monkeypatch.delenv("QUIZAPP_DB", raising=False)
    return home


@pytest.fixture
def deck_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "decks"
    write_deck(folder, "basics.yaml", BASICS)
    write_deck(folder, "kinds.yaml", KINDS)
    return folder


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


AppFactory = Callable[..., QuizApp]


@pytest.fixture
def build_app(tmp_path: Path, deck_dir: Path, clock: FixedClock) -> Iterator[AppFactory]:
    """Builds the app on `deck_dir` (or the given folders) with a real collection."""
    apps: list[QuizApp] = []
    db_url = f"sqlite:///{tmp_path / 'reviews.sqlite3'}"

    def build(*folders: Path, config: Config | None = None) -> QuizApp:
        settings = config or Config()
        # As the CLI builds it: the home's counts at a glance first, then the whole collection.
        opener = CollectionOpener(
            deck_paths=list(folders or (deck_dir,)),
            db_url=db_url,
            clock=clock,
            config=settings,
            rng=random.Random(7),
            cache_dir=tmp_path / "cache",
        )
        app = make_app(opener.open, config=settings, clock=clock, glance=opener.glance)
        apps.append(app)
        return app

    yield build
    for app in apps:
        if app.collection is not None:
            app.collection.close()
