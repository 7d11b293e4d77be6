"""The protocol's wording in Russian, Kazakh or English, and how dates and numbers are written.

The sentences live in reports/texts/<language>.toml, edited by people who sign protocols, not by
programmers; every file has the same keys (a test holds them to it). Instants are shown in the
cycle's time zone.
"""

from __future__ import annotations

import tomllib
from datetime import date, datetime
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo

from reports.model import ProcessStep


class Language(StrEnum):
    RU = "ru"
    KK = "kk"
    EN = "en"


@cache
def catalogue(language: Language) -> dict[str, dict[str, str]]:
    """Read one language's wording (once per process)."""
    source = resources.files("reports") / "texts" / f"{language.value}.toml"
    return tomllib.loads(source.read_text(encoding="utf-8"))


class Texts:
    """Sentences of one language, with the cycle's time zone for the instants they mention."""

    def __init__(self, language: Language, timezone: str) -> None:
        self.language = language
        self._data = catalogue(language)
        self._zone = ZoneInfo(timezone)

    def __call__(self, section: str, key: str, **params: Any) -> str:
        """Fill the sentence `section.key` with the parameters, written for this language."""
        template = self._data[section][key]
        return template.format(**{name: self.value(v) for name, v in params.items()})

    def setting(self, key: str) -> str:
        """A formatting setting of this language, such as its date format."""
        return self._data["document"][key]

    def has(self, section: str, key: str) -> bool:
        return key in self._data.get(section, {})

    def value(self, value: Any) -> str:
        """Write a parameter: an instant in local time, a day, a number, or text as it is."""
        if isinstance(value, datetime):
            return self.when(value)
        if isinstance(value, date):
            return value.strftime(self._data["document"]["date_format"])
        if isinstance(value, float):
            return f"{value:.1f}".replace(".", self._data["document"]["decimal_mark"])
        if value is None:
            return self._data["document"]["dash"]
        return str(value)

    def when(self, instant: datetime) -> str:
        """Write an instant in the cycle's time zone."""
        local = instant.astimezone(self._zone)
        return local.strftime(self._data["document"]["datetime_format"])

    def local_day(self, instant: datetime) -> date:
        """The day an instant falls on in the cycle's time zone."""
        return instant.astimezone(self._zone).date()

    def percent(self, share: float | None) -> str:
        """Write a share as a percentage with one decimal, or a dash."""
        if share is None:
            return self._data["document"]["dash"]
        return f"{self.value(100 * share)}%"

    def process(self, step: ProcessStep) -> str:
        """Tell one step of the process; an event this wording does not know is named as is."""
        key = step.key if self.has("process", step.key) else "other"
        params = dict(step.params)
        if "stage" in params and self.has("stages", str(params["stage"])):
            params["stage"] = self("stages", str(params["stage"]))
        if "instant" in params and self.has("calendar", str(params["instant"])):
            params["instant"] = self("calendar", str(params["instant"]))
        params.setdefault("action", step.key)
        params.setdefault("count", 1)
        return self("process", key, **params)
