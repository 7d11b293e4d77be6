"""The append-only election log: each entry carries the hash of the one before it.

Anyone holding an export can recompute the chain; an edited, removed or reordered entry breaks it
at a point `first_break` names. Payloads hold codes and counts, never personal data or choices.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

GENESIS = "0" * 64
SYSTEM = "system"


@dataclass(frozen=True)
class AuditEvent:
    """What happened, before it has a place in the chain."""

    action: str
    actor: str = SYSTEM  # "role:pseudonym-code" or "system"; never a Telegram id
    group: str | None = None
    payload: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: datetime
    event: AuditEvent
    prev_hash: str
    hash: str


def entry_hash(prev_hash: str, seq: int, at: datetime, event: AuditEvent) -> str:
    """Hash one entry together with its predecessor's hash."""
    body = {
        "prev": prev_hash,
        "seq": seq,
        "at": at.isoformat(timespec="seconds"),
        "action": event.action,
        "actor": event.actor,
        "group": event.group,
        "payload": event.payload,
    }
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def chain(prev: AuditEntry | None, at: datetime, event: AuditEvent) -> AuditEntry:
    """Make the entry that follows `prev` (or starts the log when there is none)."""
    seq = prev.seq + 1 if prev else 1
    prev_hash = prev.hash if prev else GENESIS
    at = at.replace(microsecond=0)
    return AuditEntry(seq, at, event, prev_hash, entry_hash(prev_hash, seq, at, event))


@dataclass(frozen=True)
class ChainBreak:
    seq: int
    why: str


def first_break(entries: Iterable[AuditEntry]) -> ChainBreak | None:
    """Walk the log in order and name the first entry that does not fit; None if all fit."""
    expected_seq, expected_prev = 1, GENESIS
    for entry in entries:
        if entry.seq != expected_seq:
            return ChainBreak(expected_seq, f"entry {expected_seq} is missing")
        if entry.prev_hash != expected_prev:
            return ChainBreak(entry.seq, "does not follow the previous entry")
        if entry.hash != entry_hash(entry.prev_hash, entry.seq, entry.at, entry.event):
            return ChainBreak(entry.seq, "its content was changed after it was written")
        expected_seq, expected_prev = entry.seq + 1, entry.hash
    return None
