"""Kazakhstan's regions, as voters declare them and the Secretariat counts turnout by them.

The 17 oblasts as of the 2022 reform (Abai, Jetisu and Ulytau were created then) and the three
cities of republican significance. Codes are short, stable and written in election files and
reports; renaming a region changes its names, never its code.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from core.privacy import normalise_name
from core.regulation import Names


class RegionKind(StrEnum):
    CITY = "city"  # a city of republican significance, counted apart from the oblast around it
    OBLAST = "oblast"


@dataclass(frozen=True)
class Region:
    code: str
    kind: RegionKind
    names: Names


def _city(code: str, ru: str, kk: str, en: str) -> Region:
    return Region(code, RegionKind.CITY, Names(ru=ru, kk=kk, en=en))


def _oblast(code: str, ru: str, kk: str, en: str) -> Region:
    return Region(code, RegionKind.OBLAST, Names(ru=ru, kk=kk, en=en))


REGIONS: tuple[Region, ...] = (
    _city("AST", "Астана", "Астана", "Astana"),
    _city("ALA", "Алматы", "Алматы", "Almaty"),
    _city("SHY", "Шымкент", "Шымкент", "Shymkent"),
    _oblast("ABA", "Абайская область", "Абай облысы", "Abai Region"),
    _oblast("AKM", "Акмолинская область", "Ақмола облысы", "Akmola Region"),
    _oblast("AKT", "Актюбинская область", "Ақтөбе облысы", "Aktobe Region"),
    _oblast("ALM", "Алматинская область", "Алматы облысы", "Almaty Region"),
    _oblast("ATY", "Атырауская область", "Атырау облысы", "Atyrau Region"),
    _oblast(
        "EKZ",
        "Восточно-Казахстанская область",
        "Шығыс Қазақстан облысы",
        "East Kazakhstan Region",
    ),
    _oblast("ZHA", "Жамбылская область", "Жамбыл облысы", "Zhambyl Region"),
    _oblast("ZHE", "Область Жетісу", "Жетісу облысы", "Jetisu Region"),
    _oblast("KAR", "Карагандинская область", "Қарағанды облысы", "Karaganda Region"),
    _oblast("KOS", "Костанайская область", "Қостанай облысы", "Kostanay Region"),
    _oblast("KZY", "Кызылординская область", "Қызылорда облысы", "Kyzylorda Region"),
    _oblast("MAN", "Мангистауская область", "Маңғыстау облысы", "Mangystau Region"),
    _oblast(
        "NKZ",
        "Северо-Казахстанская область",
        "Солтүстік Қазақстан облысы",
        "North Kazakhstan Region",
    ),
    _oblast("PAV", "Павлодарская область", "Павлодар облысы", "Pavlodar Region"),
    _oblast("TUR", "Туркестанская область", "Түркістан облысы", "Turkistan Region"),
    _oblast("ULY", "Область Ұлытау", "Ұлытау облысы", "Ulytau Region"),
    _oblast(
        "WKZ",
        "Западно-Казахстанская область",
        "Батыс Қазақстан облысы",
        "West Kazakhstan Region",
    ),
)

REGION_CODES: tuple[str, ...] = tuple(region.code for region in REGIONS)

_BY_CODE = {region.code: region for region in REGIONS}
_BY_NAME = {
    normalise_name(name): region
    for region in REGIONS
    for name in (region.names.ru, region.names.kk, region.names.en)
}


def is_region(code: str) -> bool:
    """Tell whether `code` names one of the twenty regions."""
    return code in _BY_CODE


def region(code: str) -> Region:
    """Return the region with this code; KeyError for an unknown code."""
    return _BY_CODE[code]


def region_name(code: str, language: str) -> str:
    """Name the region in the person's language (Russian when the language is unknown)."""
    return region(code).names.get(language)


def find_by_name(text: str) -> Region | None:
    """Find the region a person typed by its name in any language, ignoring case and spacing."""
    return _BY_NAME.get(normalise_name(text))
