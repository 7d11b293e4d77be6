"""The errors the election domain raises; the edges turn them into polite messages."""

from __future__ import annotations

from core.reasons import Reason


class ElectionError(Exception):
    """Base of every error the core raises on purpose."""


class Refused(ElectionError):
    """An action a guard refused; carries the reason for the person who asked."""

    def __init__(self, reason: Reason) -> None:
        super().__init__(str(reason))
        self.reason = reason


class NotFound(ElectionError):
    """Something named by the caller does not exist (an unknown group or cycle code)."""


class ConflictingChange(ElectionError):
    """A change that would rewrite what an election has already relied on."""
