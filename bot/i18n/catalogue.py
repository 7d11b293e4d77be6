"""Message catalogues: every sentence the bot says, in Russian, Kazakh and English.

Handlers and flows name a message by its key; the catalogue fills in the values. Values that came
from people (a statement, an organisation's name) are escaped, because messages are sent as HTML;
instants are shown in the configured zone in the reader's language.
"""

from __future__ import annotations

import html
import string
import tomllib
from collections.abc import Mapping
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.i18n.dates import format_instant

LANGUAGES = ("ru", "kk", "en")
_HERE = Path(__file__).parent


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = str(value).strip("\n")
    return flat


def placeholders(template: str) -> set[str]:
    """Name the {fields} a template needs."""
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


class Catalogue:
    def __init__(
        self, messages: Mapping[str, Mapping[str, str]], zone: ZoneInfo, default_language: str
    ) -> None:
        self.messages = messages
        self.zone = zone
        self.default_language = default_language

    @classmethod
    def load(cls, zone: str = "Asia/Almaty", default_language: str = "ru") -> Catalogue:
        """Read the ru, kk and en catalogues shipped with the bot."""
        messages: dict[str, dict[str, str]] = {}
        for language in LANGUAGES:
            messages[language] = {}
            # One file per area (common.toml, voter.toml, ...): the file name prefixes its keys.
            for path in sorted((_HERE / language).glob("*.toml")):
                with path.open("rb") as file:
                    messages[language].update(_flatten(tomllib.load(file), f"{path.stem}."))
        return cls(messages, ZoneInfo(zone), default_language)

    def language_for(self, telegram_language: str | None) -> str:
        """Pick the catalogue for a Telegram language code such as 'ru', 'kk' or 'en-GB'."""
        code = (telegram_language or "").split("-")[0].lower()
        return code if code in self.messages else self.default_language

    def has(self, key: str) -> bool:
        return key in self.messages[self.default_language]

    def text(self, language: str, key: str, params: Mapping[str, Any] | None = None) -> str:
        """Render message `key` in `language` with `params` made safe for HTML."""
        template = self.messages.get(language, self.messages[self.default_language])[key]
        values = {name: self._show(value, language) for name, value in (params or {}).items()}
        return template.format_map(values)

    def _show(self, value: Any, language: str) -> str:
        if isinstance(value, datetime):
            return format_instant(value, language, self.zone)
        if isinstance(value, Enum):
            value = value.value
        return html.escape(str(value), quote=False)
