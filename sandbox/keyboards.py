"""Validate and normalise reply_markup as Telegram does: inline keyboards and reply keyboards."""

from __future__ import annotations

from typing import Any

from sandbox.errors import bad_request

INLINE_ACTIONS = (
    "callback_data",
    "url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "login_url",
    "web_app",
    "pay",
    "callback_game",
    "copy_text",
)
URL_SCHEMES = ("http://", "https://", "tg://")
Markup = dict[str, Any]


def _check_inline_button(button: Any) -> Markup:
    """Validate one inline button and return it."""
    if not isinstance(button, dict) or not isinstance(button.get("text"), str):
        raise bad_request("can't parse inline keyboard button: Text buttons are unallowed")
    if not button["text"]:
        raise bad_request("text must be non-empty")
    if not any(action in button for action in INLINE_ACTIONS):
        raise bad_request("text buttons are unallowed in the inline keyboard")
    data = button.get("callback_data")
    if data is not None and not 1 <= len(str(data).encode()) <= 64:
        raise bad_request("BUTTON_DATA_INVALID")
    url = button.get("url")
    if url is not None and not str(url).startswith(URL_SCHEMES):
        raise bad_request(f"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL")
    return button


def _rows(raw: Any, field: str) -> list[list[Any]]:
    """Return the rows of a keyboard, refusing anything that is not a list of lists."""
    rows = raw.get(field)
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request(f'field "{field}" of the keyboard must be an Array of Arrays')
    return rows


def _reply_button(button: Any) -> Markup:
    """Normalise a reply keyboard button given as a string or an object."""
    if isinstance(button, str):
        return {"text": button}
    if isinstance(button, dict) and isinstance(button.get("text"), str):
        return button
    raise bad_request("can't parse keyboard button")


def parse_reply_markup(raw: Any) -> tuple[Markup | None, Markup | None]:
    """Split reply_markup into (inline keyboard kept on the message, reply keyboard effect)."""
    if raw is None:
        return None, None
    if not isinstance(raw, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in raw:
        rows = [[_check_inline_button(b) for b in row] for row in _rows(raw, "inline_keyboard")]
        return ({"inline_keyboard": rows} if any(rows) else None), None
    if "keyboard" in raw:
        keyboard = dict(raw)
        keyboard["keyboard"] = [[_reply_button(b) for b in row] for row in _rows(raw, "keyboard")]
        return None, keyboard
    if raw.get("remove_keyboard") or raw.get("force_reply"):
        return None, dict(raw)
    raise bad_request("can't parse reply keyboard markup JSON object")


def callback_data_of(markup: Markup | None, label: str) -> Markup | None:
    """Return the inline button with the given label, if the keyboard has one."""
    for row in (markup or {}).get("inline_keyboard", []):
        for button in row:
            if button["text"] == label:
                return dict(button)
    return None
