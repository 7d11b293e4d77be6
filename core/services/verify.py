"""Checking an export without trusting whoever produced it: pure, offline, from the JSON alone.

`verify_export` walks the audit chain from its first entry, then holds the ballots, receipts
and result against what the chain recorded at the close: the same counts and fingerprints, the
same candidates, a seed equal to the head the close chained to, a recount that gives the stored
result, and each later version equal to the previous one with one more withdrawal applied.
Every disagreement becomes a Problem naming where it is; an empty list means it all reconciles.
"""

from __future__ import annotations

from typing import Any

from core.services.verify_checks import Problem, audit_entry, chain_problems, contest_problems
from core.services.verify_results import result_problems

__all__ = ["Problem", "verify_export"]


def verify_export(data: dict[str, Any]) -> list[Problem]:
    """List everything in the export that does not reconcile; empty if it all does."""
    try:
        entries = [audit_entry(item) for item in data["audit"]]
        problems = chain_problems(entries)
        closes = [
            e
            for e in entries
            if e.event.group == data["group"] and e.event.action == "voting.closed"
        ]
        if len(closes) != 1:
            detail = f"the audit log records {len(closes)} closes of group {data['group']}"
            return [*problems, Problem("audit.close_missing", detail)]
        problems += contest_problems(data, closes[0].event.payload)
        problems += result_problems(data, closes[0], entries)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as error:
        return [Problem("export.malformed", f"the export cannot be read: {error!r}")]
    return problems
