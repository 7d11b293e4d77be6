"""A client of the JSON control API, for load generators and tests in other processes."""

from __future__ import annotations

import base64
from types import TracebackType
from typing import Any

import aiohttp


class ControlError(RuntimeError):
    """The control API refused a request."""


class RemoteSandbox:
    """Drive an emulator running elsewhere (``python -m sandbox``) through /sandbox/ routes."""

    def __init__(self, url: str) -> None:
        self.url = url.rstrip("/")
        self._http = aiohttp.ClientSession()

    async def call(self, route: str, **body: Any) -> Any:
        """POST a JSON body to a control route and return its result."""
        async with self._http.post(f"{self.url}/sandbox/{route}", json=body) as answer:
            reply = await answer.json()
        if not reply["ok"]:
            raise ControlError(reply["error"])
        return reply["result"]

    async def add_user(self, first_name: str, language_code: str = "ru") -> int:
        """Create a user; return their id (also their private chat id)."""
        user = await self.call("users", first_name=first_name, language_code=language_code)
        return int(user["id"])

    async def send(self, user_id: int, text: str, **where: Any) -> dict[str, Any]:
        """Send a text from a user's phone."""
        return dict(await self.call("send", user_id=user_id, text=text, **where))

    async def bulk_send(self, messages: list[dict[str, Any]]) -> int:
        """Send many texts in one request: items have user_id, text, optional chat_id/token."""
        return int((await self.call("bulk_send", messages=messages))["sent"])

    async def tap(self, user_id: int, label: str, **where: Any) -> Any:
        """Press a button on a user's phone."""
        return await self.call("tap", user_id=user_id, label=label, **where)

    async def send_document(self, user_id: int, name: str, content: bytes, **extra: Any) -> Any:
        """Send a file from a user's phone."""
        encoded = base64.b64encode(content).decode()
        return await self.call(
            "document", user_id=user_id, name=name, content_base64=encoded, **extra
        )

    # the timeout is the emulator's wait, sent along; hence the noqa
    async def next_message(
        self,
        user_id: int,
        timeout: float = 5.0,  # noqa: ASYNC109
        **where: Any,
    ) -> dict[str, Any]:
        """Wait for the bot's next message to a user."""
        return dict(await self.call("next_message", user_id=user_id, timeout=timeout, **where))

    async def transcript(self, user_id: int, **where: Any) -> dict[str, Any]:
        """Return the chat as the user sees it (messages, rendered text, keyboard, menu)."""
        return dict(await self.call("transcript", user_id=user_id, **where))

    async def stats(self, reset: bool = False) -> dict[str, Any]:
        """Return (and optionally reset) the accepted/rejected counters."""
        return dict(await self.call("stats", reset=reset))

    async def close(self) -> None:
        """Release the HTTP session."""
        await self._http.close()

    async def __aenter__(self) -> RemoteSandbox:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()
