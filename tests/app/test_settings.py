"""Settings and keys: bad values are named with their place; secrets never show."""

from pathlib import Path

import pytest

from app.keys import MissingKeys, generate_missing_keys, keys_from
from app.settings import SettingsError, load_settings


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DATABASE_URL", "TIMEZONE", "PSEUDONYM_KEY", "DATA_KEY", "BOT_TOKEN"):
        monkeypatch.delenv(name, raising=False)


def test_defaults_are_the_embedded_database_and_almaty(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / ".env")
    assert settings.database_url.startswith("sqlite+aiosqlite:///")
    assert settings.timezone == "Asia/Almaty"
    assert settings.default_language == "ru"


def test_a_bad_value_in_dotenv_names_the_file_line_and_field(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text("BOT_TOKEN=abc\n# comment\nTIMEZONE=Mars/Olympus\n", encoding="utf-8")
    with pytest.raises(SettingsError) as caught:
        load_settings(env)
    assert str(caught.value).startswith(f"{env}:3: TIMEZONE: unknown time zone")


def test_a_bad_value_in_the_environment_is_named_as_such(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", "mysql://db")
    with pytest.raises(SettingsError, match="environment variable DATABASE_URL"):
        load_settings(tmp_path / ".env")


def test_first_run_generates_keys_into_dotenv_and_reuses_them(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text("BOT_TOKEN=123:secret-token", encoding="utf-8")
    assert generate_missing_keys(load_settings(env), env) == ["PSEUDONYM_KEY", "DATA_KEY"]
    assert env.stat().st_mode & 0o077 == 0
    first = keys_from(load_settings(env)).pseudonymizer.pseudonym(7)
    assert generate_missing_keys(load_settings(env), env) == []
    assert keys_from(load_settings(env)).pseudonymizer.pseudonym(7) == first
    assert "BOT_TOKEN=123:secret-token" in env.read_text(encoding="utf-8")


def test_without_keys_the_bot_is_refused_and_no_secret_is_printed(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text("BOT_TOKEN=123:secret-token\n", encoding="utf-8")
    settings = load_settings(env)
    with pytest.raises(MissingKeys, match="PSEUDONYM_KEY and DATA_KEY"):
        keys_from(settings)
    assert "secret-token" not in repr(settings)
    assert "secret-token" not in str(settings.model_dump())
