"""The message catalogues: complete in every language, safe with people's text, dates in Almaty."""

from datetime import UTC, datetime

import pytest

from bot.i18n.catalogue import LANGUAGES, Catalogue, placeholders


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue.load()


def test_every_language_has_every_message_with_the_same_placeholders(catalogue: Catalogue) -> None:
    reference = catalogue.messages["en"]
    for language in LANGUAGES:
        messages = catalogue.messages[language]
        assert set(messages) == set(reference), f"{language} differs from en"
        for key, template in reference.items():
            assert placeholders(messages[key]) == placeholders(template), f"{language}:{key}"
            assert messages[key].strip(), f"{language}:{key} is empty"


def test_telegram_language_codes_pick_a_catalogue(catalogue: Catalogue) -> None:
    assert catalogue.language_for("kk") == "kk"
    assert catalogue.language_for("en-GB") == "en"
    assert catalogue.language_for("de") == "ru"
    assert catalogue.language_for(None) == "ru"


def test_text_from_people_cannot_inject_markup() -> None:
    catalogue = Catalogue({"en": {"hello": "<b>{name}</b>"}}, Catalogue.load().zone, "en")
    assert catalogue.text("en", "hello", {"name": "<i>x</i> & y"}) == (
        "<b>&lt;i&gt;x&lt;/i&gt; &amp; y</b>"
    )


def test_instants_are_shown_in_almaty_in_the_readers_language() -> None:
    messages = {language: {"closed": "{at}"} for language in LANGUAGES}
    catalogue = Catalogue(messages, Catalogue.load().zone, "ru")
    closing = datetime(2024, 8, 19, 13, 0, tzinfo=UTC)  # 18:00 in Almaty
    assert catalogue.text("ru", "closed", {"at": closing}) == "19 августа 2024, 18:00"
    assert catalogue.text("kk", "closed", {"at": closing}) == "2024 ж. 19 тамыз, 18:00"
    assert catalogue.text("en", "closed", {"at": closing}) == "19 Aug 2024, 18:00"
