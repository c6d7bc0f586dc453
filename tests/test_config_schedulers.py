"""config.toml's scheduler settings: the top-level choice, [fsrs], per-deck [decks.ID] tables."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from quizapp import config as config_module
from quizapp.config import ConfigError


def _load(tmp_path: Path, text: str) -> config_module.Config:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return config_module.load(path)


def test_defaults_are_sm2_with_no_tables(tmp_path: Path) -> None:
    config = _load(tmp_path, "")
    assert config.scheduler == "sm2"
    choice = config.scheduler_of("any")
    assert (choice.name, dict(choice.settings)) == ("sm2", {})


def test_a_deck_s_scheduler_first_from_its_table_then_its_file_then_the_default(
    tmp_path: Path,
) -> None:
    config = _load(
        tmp_path,
        """
scheduler = "fsrs"
[fsrs]
desired_retention = 0.85
learning_steps = ["1m", "5m", "30m"]
[decks.optimizers]
scheduler = "sm2"
[decks.ensembles.fsrs]
desired_retention = 0.95
""",
    )
    assert config.scheduler_of("optimizers", "fsrs").name == "sm2"
    assert config.scheduler_of("other", "sm2").name == "sm2"
    assert config.scheduler_of("other").name == "fsrs"
    ensembles = config.scheduler_of("ensembles")
    assert ensembles.where == "decks.ensembles.fsrs"
    assert dict(ensembles.settings) == {
        "desired_retention": 0.95,
        "learning_steps": ["1m", "5m", "30m"],
    }
    assert dict(config.scheduler_of("other").settings)["desired_retention"] == 0.85


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('scheduler = "anki"', "'scheduler' must be one of \"sm2\", \"fsrs\", not 'anki'"),
        ("[fsrs]\ndesired_retention = 1.5", "fsrs.desired_retention must be from 0.7 to 0.99"),
        ('[fsrs]\nlearning_steps = ["10m", "1m"]', "fsrs.learning_steps must not get shorter"),
        ("[fsrs]\nparameters = [1, 2, 3]", "fsrs.parameters must be 21 numbers"),
        ("fsrs = 3", "'fsrs' must be a table"),
        ('[decks.x]\nscheduler = "sm3"', "'decks.x.scheduler' must be one of"),
        ("[decks.x]\nnew_cards = 3", "'decks.x.new_cards' is not a deck option"),
        ("[decks.x.fsrs]\ndesired_retention = 0.5", "decks.x.fsrs.desired_retention"),
        ("[decks.x.sm2]\nfuzz = true", "decks.x.sm2.fuzz: SM-2 has no settings"),
    ],
)
def test_wrong_settings_are_refused_with_their_place(
    tmp_path: Path, text: str, message: str
) -> None:
    with pytest.raises(ConfigError) as raised:
        _load(tmp_path, text)
    assert str(raised.value).startswith(str(tmp_path / "config.toml") + ": ")
    assert message in str(raised.value)


def test_tables_survive_a_save(tmp_path: Path) -> None:
    text = """
theme = "nord"
scheduler = "fsrs"
[fsrs]
desired_retention = 0.87
parameters = [
  0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
  1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
]
[decks."odd id"]
scheduler = "sm2"
[decks.ensembles.fsrs]
relearning_steps = ["5m", "20m"]
"""
    config = _load(tmp_path, text)
    out = tmp_path / "saved.toml"
    config_module.save(config, out)
    assert tomllib.loads(out.read_text(encoding="utf-8")) == tomllib.loads(text)
    assert config_module.load(out) == config
