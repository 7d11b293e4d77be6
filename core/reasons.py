"""Why something is not allowed, as a value the edges translate into a message.

Guards in the core return a `Reason` (or None when the action is allowed) instead of a sentence:
the bot renders the code from its message catalogue in the person's language, the CLI in English.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Reason:
    """A refusal: a catalogue key plus the values its message needs."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        if not self.params:
            return self.code
        details = ", ".join(f"{key}={value}" for key, value in sorted(self.params.items()))
        return f"{self.code} ({details})"
