"""Bot API errors with the exact status codes and descriptions Telegram uses."""

from __future__ import annotations

from typing import Any


class BotApiError(Exception):
    """An error answer of the Bot API: ``{"ok": false, "error_code", "description"}``."""

    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after

    def payload(self) -> dict[str, Any]:
        """Return the JSON body Telegram sends for this error."""
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.code,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def bad_request(detail: str) -> BotApiError:
    """Build a 400 error."""
    return BotApiError(400, f"Bad Request: {detail}")


def forbidden(detail: str) -> BotApiError:
    """Build a 403 error."""
    return BotApiError(403, f"Forbidden: {detail}")


def conflict(detail: str) -> BotApiError:
    """Build a 409 error."""
    return BotApiError(409, f"Conflict: {detail}")


def too_many_requests(retry_after: int) -> BotApiError:
    """Build a 429 error carrying ``parameters.retry_after``."""
    return BotApiError(429, f"Too Many Requests: retry after {retry_after}", retry_after)


def unauthorized() -> BotApiError:
    """Build the 401 answer for a malformed token."""
    return BotApiError(401, "Unauthorized")


def not_found() -> BotApiError:
    """Build the 404 answer for an unknown method."""
    return BotApiError(404, "Not Found")


def server_error(code: int = 500, description: str = "Internal Server Error") -> BotApiError:
    """Build an injected server-side failure."""
    return BotApiError(code, description)


CHAT_NOT_FOUND = "chat not found"
BLOCKED = "bot was blocked by the user"
CANT_INITIATE = "bot can't initiate conversation with a user"
