"""Instants shown to people: in the configured zone (Asia/Almaty by default), in their language."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

# Russian and Kazakh need the month in the form a date takes ("19 августа", "19 тамыз").
_MONTHS = {
    "ru": [
        "января", "февраля", "марта", "апреля", "мая", "июня",
        "июля", "августа", "сентября", "октября", "ноября", "декабря",
    ],
    "kk": [
        "қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым",
        "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан",
    ],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}  # fmt: skip


def format_instant(instant: datetime, language: str, zone: ZoneInfo) -> str:
    """Show an aware instant as '19 августа 2024, 18:00' in the zone people live in."""
    local = instant.astimezone(zone)
    month = _MONTHS.get(language, _MONTHS["en"])[local.month - 1]
    if language == "kk":
        return f"{local.year} ж. {local.day} {month}, {local:%H:%M}"
    return f"{local.day} {month} {local.year}, {local:%H:%M}"
