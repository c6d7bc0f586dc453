"""The learner's settings file and where decks are looked for."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp import config, paths


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("QUIZAPP_HOME", str(tmp_path))
    return tmp_path


def test_no_file_means_defaults() -> None:
    settings = config.load()
    assert settings.rollover_hour == 4
    assert settings.new_per_deck == 20
    assert settings.reviews_per_day == 200


def test_save_writes_only_changed_settings_and_reads_back(home: Path) -> None:
    changed = config.Config(theme="nord", rollover_hour=5, deck_folders=("~/decks",))
    config.save(changed)
    text = paths.config_file().read_text(encoding="utf-8")
    assert 'theme = "nord"' in text
    assert "rollover_hour = 5" in text
    assert "new_per_deck" not in text
    assert config.load() == changed


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("rollover_hour = 25", "'rollover_hour' must be a whole number from 0 to 23"),
        ("deck_folders = 'x'", "'deck_folders' must be a list of paths"),
        ("theme = [", "not valid TOML"),
        ("max_answer_seconds = 0", "'max_answer_seconds' must be a whole number from 1 to 3600"),
        ("max_answer_seconds = 'long'", "'max_answer_seconds' must be a whole number"),
    ],
)
def test_bad_settings_say_which_file_and_key(content: str, message: str) -> None:
    paths.config_file().parent.mkdir(parents=True)
    paths.config_file().write_text(content, encoding="utf-8")
    with pytest.raises(config.ConfigError) as error:
        config.load()
    assert str(paths.config_file()) in str(error.value)
    assert message in str(error.value)


def test_unknown_settings_are_warned_about_not_refused() -> None:
    paths.config_file().parent.mkdir(parents=True)
    paths.config_file().write_text("colour = 'red'\nnew_per_deck = 5\n", encoding="utf-8")
    settings = config.load()
    assert settings.new_per_deck == 5
    assert len(settings.warnings) == 1
    assert "colour" in settings.warnings[0]


def test_deck_sources_bundled_configured_user_folder_then_extra(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    settings = config.Config(deck_folders=(str(mine),))
    # The user's deck folder is only searched once it exists (after an import, say).
    assert config.deck_sources(settings) == [paths.bundled_decks_dir(), mine]
    paths.user_decks_dir().mkdir(parents=True)
    extra = tmp_path / "extra.yaml"
    assert config.deck_sources(settings, [extra, mine]) == [
        paths.bundled_decks_dir(),
        mine,
        paths.user_decks_dir(),
        extra,
    ]
    assert config.deck_sources(config.Config(include_bundled=False)) == [paths.user_decks_dir()]
