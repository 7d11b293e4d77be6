"""Runtime settings, read from the environment and a `.env` file.

Secrets are SecretStr so that they never appear in a repr, a log line or a traceback. A bad value
is reported with the place it came from: the `.env` file and its line, or the environment variable.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./saylau.db"
ENV_FILE = Path(".env")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file_encoding="utf-8", extra="ignore")

    database_url: str = DEFAULT_DATABASE_URL
    bot_token: SecretStr | None = None
    telegram_api_base_url: str | None = None
    webhook_url: str | None = None  # public HTTPS URL Telegram posts to; polling when unset
    webhook_secret: SecretStr | None = None  # checked on every webhook call
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    pseudonym_key: SecretStr | None = None
    data_key: SecretStr | None = None
    timezone: str = "Asia/Almaty"
    default_language: Literal["ru", "kk", "en"] = "ru"
    bot_username: str | None = None  # for the t.me deep links `saylau roles invite` prints

    @field_validator("bot_token", "pseudonym_key", "data_key", "webhook_secret", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"unknown time zone {value!r} (try Asia/Almaty)") from error
        return value

    @field_validator("database_url")
    @classmethod
    def _supported_driver(cls, value: str) -> str:
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError(
                "must start with sqlite+aiosqlite:// or postgresql+asyncpg:// "
                "(Saylau talks to its database asynchronously)"
            )
        return value


@dataclass(frozen=True)
class SettingProblem:
    source: str  # ".env:3" or "environment variable TIMEZONE"
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.field}: {self.message}"


class SettingsError(ValueError):
    def __init__(self, problems: list[SettingProblem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


def _source_of(name: str, env_file: Path) -> str:
    """Say where a setting came from, naming the .env line when it is there."""
    if name in os.environ:
        return f"environment variable {name}"
    if env_file.is_file():
        for number, line in enumerate(env_file.read_text(encoding="utf-8").splitlines(), 1):
            if line.split("=", 1)[0].strip().removeprefix("export ").strip().upper() == name:
                return f"{env_file}:{number}"
    return "defaults"


def load_settings(env_file: Path = ENV_FILE) -> Settings:
    """Read the settings, or raise SettingsError naming each bad value's file, line and field."""
    try:
        return Settings(_env_file=env_file if env_file.is_file() else None)
    except ValidationError as error:
        problems = []
        for item in error.errors():
            name = str(item["loc"][0]).upper() if item["loc"] else "?"
            message = str(item["msg"]).removeprefix("Value error, ")
            problems.append(SettingProblem(_source_of(name, env_file), name, message))
        raise SettingsError(problems) from None
