"""Method parameters as frameworks send them: query string, urlencoded, multipart or JSON."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aiohttp.web import FileField

from sandbox import jsonio
from sandbox.errors import bad_request

TRUE_WORDS = frozenset({"true", "1", "yes"})


class Params:
    """Typed access to a call's parameters, with Telegram's errors for bad values."""

    def __init__(self, values: Mapping[str, Any]) -> None:
        self._values = values

    def has(self, name: str) -> bool:
        """Tell whether the parameter was sent."""
        return self._values.get(name) not in (None, "")

    def text(self, name: str, default: str | None = None) -> str | None:
        """Return a string parameter."""
        value = self._values.get(name)
        return default if value is None else str(value)

    def require_text(self, name: str, empty: str | None = None) -> str:
        """Return a string parameter that must be present."""
        value = self._values.get(name)
        if value is None:
            raise bad_request(empty or f"{name} is empty")
        return str(value)

    def integer(self, name: str, default: int | None = None) -> int | None:
        """Return an integer parameter."""
        value = self._values.get(name)
        if value is None or value == "":
            return default
        try:
            return int(value)
        except (TypeError, ValueError):
            raise bad_request(f"invalid {name} specified") from None

    def require_integer(self, name: str, empty: str | None = None) -> int:
        """Return an integer parameter that must be present."""
        value = self.integer(name)
        if value is None:
            raise bad_request(empty or f"{name} is empty")
        return value

    def number(self, name: str, default: float) -> float:
        """Return a numeric parameter (getUpdates' timeout may be fractional)."""
        value = self._values.get(name)
        try:
            return default if value in (None, "") else float(value)
        except (TypeError, ValueError):
            raise bad_request(f"invalid {name} specified") from None

    def flag(self, name: str) -> bool:
        """Return a boolean parameter; absent means False."""
        value = self._values.get(name)
        if isinstance(value, bool):
            return value
        return value is not None and str(value).lower() in TRUE_WORDS

    def json(self, name: str) -> Any:
        """Return a parameter that carries a JSON-serialised object."""
        value = self._values.get(name)
        if not isinstance(value, str):
            return value
        if value == "":
            return None
        try:
            return jsonio.loads(value)
        except ValueError:
            raise bad_request(f"can't parse {name} JSON object") from None

    def chat_id(self) -> int | str:
        """Return chat_id as an integer, or an ``@username`` string."""
        value = self.require_text("chat_id")
        if value.startswith("@"):
            return value
        try:
            return int(value)
        except ValueError:
            raise bad_request("chat not found") from None

    def upload(self, name: str) -> FileField | str | None:
        """Return an uploaded file, following ``attach://<field>`` references, or a file_id/URL."""
        value = self._values.get(name)
        if isinstance(value, str) and value.startswith("attach://"):
            value = self._values.get(value.removeprefix("attach://"))
            if value is None:
                raise bad_request(f"{name} must be a file attached to the request")
        return value
