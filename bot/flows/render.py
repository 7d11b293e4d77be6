"""Turn what flows say into message bodies: catalogue text, and buttons with opaque tokens."""

from __future__ import annotations

import base64
import json
import secrets
from collections.abc import Mapping
from enum import Enum
from typing import Any

from bot.flows.vocabulary import Button, Say
from bot.i18n.catalogue import Catalogue
from core.regions import is_region, region_name

TOKEN_BYTES = 6  # 8 URL-safe characters: far below Telegram's 64-byte callback limit


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


# Values under these names are codes with a word in the `terms` catalogue (role "commission" is
# shown as "member of the Mandate Commission"); regions are shown by their names.
TERMS = frozenset({"role", "status", "field", "stage", "change", "instant"})


class Renderer:
    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue

    def words(self, params: Mapping[str, Any], language: str) -> dict[str, Any]:
        """Replace codes in `params` by the words a reader understands."""
        shown: dict[str, Any] = {}
        for name, value in params.items():
            code = value.value if isinstance(value, Enum) else value
            key = f"terms.{name}.{code}"
            if name in TERMS and isinstance(code, str) and self.catalogue.has(key):
                shown[name] = self.catalogue.text(language, key)
            elif name == "region" and isinstance(code, str) and is_region(code):
                shown[name] = region_name(code, language)
            elif name == "regions" and isinstance(code, list | tuple):
                shown[name] = ", ".join(region_name(c, language) for c in code if is_region(c))
            elif isinstance(code, list | tuple):
                shown[name] = ", ".join(str(item) for item in code)
            else:
                shown[name] = value
        return shown

    def label(self, button: Button, language: str) -> str:
        if button.text is not None:
            return button.text
        assert button.key is not None, "a button needs a label key or a text"
        return self.catalogue.text(language, button.key, self.words(button.params, language))

    def body(self, say: Say, language: str, tokens: dict[str, str]) -> dict[str, Any]:
        """Render `say`; each callback button gets a fresh token recorded in `tokens`."""
        keyboard = []
        for row in say.buttons:
            rendered = []
            for button in row:
                if button.url is not None:
                    rendered.append({"text": self.label(button, language), "url": button.url})
                    continue
                token = new_token()
                tokens[token] = f"{say.origin or ''}:{button.action}"
                rendered.append({"text": self.label(button, language), "data": token})
            keyboard.append(rendered)
        text = self.catalogue.text(language, say.key, self.words(say.params, language))
        body: dict[str, Any] = {"text": text, "keyboard": keyboard}
        if say.document is not None:
            body["document"] = say.document
        if say.upload is not None:
            name, content = say.upload
            body["upload"] = {"name": name, "content": base64.b64encode(content).decode()}
        return body


def encode(body: dict[str, Any]) -> str:
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def decode(text: str) -> dict[str, Any]:
    return dict(json.loads(text))
