"""Checking the audit log an archive carries, entry by entry.

The archive holds only its group's entries, so the chain has gaps where other groups' entries
were; each entry's own hash can still be recomputed, and neighbours without a gap must link. An
edit that someone covered by rewriting the manifest as well is still caught here.
"""

from __future__ import annotations

import json
from datetime import datetime

from core.audit import AuditEvent, entry_hash


def audit_problems(lines: bytes) -> list[str]:
    """Name every entry whose hash or link does not hold; an empty list means all hold."""
    problems = []
    previous: tuple[int, str] | None = None
    for number, line in enumerate(lines.decode("utf-8", "replace").splitlines(), start=1):
        try:
            entry = json.loads(line)
            event = AuditEvent(entry["action"], entry["actor"], entry["group"], entry["payload"])
            seq, at = int(entry["seq"]), datetime.fromisoformat(entry["at"])
            recomputed = entry_hash(entry["prev_hash"], seq, at, event)
        except (ValueError, KeyError, TypeError):
            problems.append(f"line {number} is not an audit entry")
            continue
        if recomputed != entry["hash"]:
            problems.append(f"entry {seq} was changed after it was written")
        elif previous is not None and previous[0] + 1 == seq and previous[1] != entry["prev_hash"]:
            problems.append(f"entry {seq} does not follow entry {previous[0]}")
        previous = (seq, entry["hash"])
    return problems
