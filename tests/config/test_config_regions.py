"""Kazakhstan's regions and the regions a group's voters may declare."""

import pytest
from pydantic import ValidationError

from core.regions import REGION_CODES, REGIONS, RegionKind, find_by_name, is_region, region_name
from core.regulation import Regulation


def test_there_are_seventeen_oblasts_and_three_cities() -> None:
    kinds = [region.kind for region in REGIONS]

    assert kinds.count(RegionKind.OBLAST) == 17
    assert {r.code for r in REGIONS if r.kind is RegionKind.CITY} == {"AST", "ALA", "SHY"}
    assert len(set(REGION_CODES)) == 20
    # The three oblasts created in 2022 are there.
    assert {"ABA", "ZHE", "ULY"} <= set(REGION_CODES)


def test_every_region_is_named_in_each_language() -> None:
    assert region_name("ULY", "kk") == "Ұлытау облысы"
    assert region_name("KOS", "en") == "Kostanay Region"
    assert region_name("TUR", "xx") == "Туркестанская область"  # unknown language: Russian
    for region in REGIONS:
        if region.kind is RegionKind.OBLAST:
            assert region.names.kk.endswith("облысы"), region.code
            assert "область" in region.names.ru.lower(), region.code
            assert region.names.en.endswith("Region"), region.code


def test_a_region_is_found_by_the_name_a_person_types() -> None:
    def code_of(text: str) -> str | None:
        found = find_by_name(text)
        return found.code if found else None

    assert code_of("  алматы ") == "ALA"  # the city ...
    assert code_of("Алматы облысы") == "ALM"  # ... is not the oblast around it
    assert code_of("Turkistan region") == "TUR"
    assert code_of("Narnia") is None
    assert is_region("SHY") and not is_region("shy")


def test_a_regulation_allows_every_region_unless_it_says_otherwise() -> None:
    assert Regulation().regions == REGION_CODES
    assert Regulation(regions=("ALA", "ALM")).regions == ("ALA", "ALM")


@pytest.mark.parametrize(
    ("regions", "words"),
    [(("AST", "XYZ"), "unknown region XYZ"), (("AST", "AST"), "more than once"), ((), "at least")],
)
def test_a_regulation_refuses_a_bad_region_list(regions: tuple[str, ...], words: str) -> None:
    with pytest.raises(ValidationError, match=words):
        Regulation(regions=regions)
