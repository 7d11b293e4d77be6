"""Every message the bot's code names exists in every catalogue: no typo reaches a person."""

import ast
from pathlib import Path

from bot.i18n.catalogue import LANGUAGES, Catalogue

BOT = Path(__file__).resolve().parents[2] / "bot"
SAYING = {"say", "notify", "say_values"}


def named_keys() -> set[str]:
    """Literal keys passed to say()/notify() and to Button(key=...) anywhere under bot/."""
    keys: set[str] = set()
    for path in BOT.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            literals = [a for a in node.args if isinstance(a, ast.Constant)]
            if name in SAYING and literals and isinstance(literals[0].value, str):
                keys.add(literals[0].value)
            for keyword in node.keywords:
                if keyword.arg == "key" and isinstance(keyword.value, ast.Constant):
                    keys.add(str(keyword.value.value))
    return {key for key in keys if "." in key}


def test_the_scan_sees_the_keys_of_the_flows() -> None:
    keys = named_keys()
    assert {"start.consent", "common.button_expired", "help.intro"} <= keys
    assert len(keys) > 60


def test_every_key_the_code_names_is_in_every_catalogue() -> None:
    catalogue = Catalogue.load()
    missing = sorted(
        f"{language}: {key}"
        for key in named_keys()
        for language in LANGUAGES
        if key not in catalogue.messages[language]
    )
    assert missing == []
