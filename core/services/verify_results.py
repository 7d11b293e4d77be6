"""The checks `verify_export` runs on an export's result versions.

Version 1 must be what the exported ballots give when counted again with the exported rules and
candidates and the seed the close chained to; each later version must be the one before with one
more withdrawal applied; and every version must be the one whose fingerprint the log recorded.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from core.audit import AuditEntry
from core.counting import tally_records
from core.errors import Refused
from core.regulation import Regulation
from core.result_codec import digest, result_from_json, result_to_json
from core.services.verify_checks import Problem
from core.tally import ContestKind, Standing, TallyRules, apply_withdrawal

Json = dict[str, Any]
RESULT_ACTIONS = frozenset({"results.computed", "results.withdrawal"})


def result_problems(data: Json, close: AuditEntry, entries: list[AuditEntry]) -> list[Problem]:
    """Check every result version against a recount, the withdrawals and the audit log."""
    versions = sorted(data["results"], key=lambda item: int(item["version"]))
    if [int(v["version"]) for v in versions] != list(range(1, len(versions) + 1)) or not versions:
        return [Problem("result.versions", "the result versions do not run 1, 2, 3, ...")]
    seed = close.prev_hash
    first = versions[0]
    problems: list[Problem] = []
    if first["seed"] != seed or first["result"]["seed"] != seed.encode().hex():
        detail = "the result's seed is not the hash of the audit head at the close"
        problems.append(Problem("result.seed", detail))
    exported = [[c["id"], int(c["application_order"])] for c in data["candidates"]]
    if exported != close.event.payload["candidates"]:
        detail = "the candidates are not those standing at the close"
        problems.append(Problem("candidates.changed", detail))
    problems += _recount(data, seed, first["result"])
    problems += _recorded(data["group"], versions, entries)
    for before, after in pairwise(versions):
        problems += _withdrawal(before, after)
    return problems


def _recount(data: Json, seed: str, stored: Json) -> list[Problem]:
    rules = TallyRules.from_regulation(Regulation.model_validate(data["regulation"]))
    standing = tuple(Standing(c["id"], int(c["application_order"])) for c in data["candidates"])
    records = {ContestKind(c["kind"]): c["ballots"] for c in data["contests"]}
    recount = result_to_json(tally_records(rules, standing, records, seed))
    if recount == stored:
        return []
    stored_contests = {c["kind"]: c for c in stored.get("contests", [])}
    differing = [c["kind"] for c in recount["contests"] if stored_contests.get(c["kind"]) != c] or [
        "seats"
    ]
    detail = f"counting the exported ballots again gives another result ({', '.join(differing)})"
    return [Problem("result.recount_differs", detail)]


def _recorded(group: str, versions: list[Json], entries: list[AuditEntry]) -> list[Problem]:
    """Each version must match the fingerprint, and each confirmation an entry, in the log."""
    fingerprints: dict[int, str] = {}
    confirmed: set[int] = set()
    for entry in entries:
        if entry.event.group != group:
            continue
        if entry.event.action in RESULT_ACTIONS:
            fingerprints[int(entry.event.payload["version"])] = entry.event.payload["result_digest"]
        if entry.event.action == "results.confirmed":
            confirmed.add(int(entry.event.payload["version"]))
    problems = []
    for version in versions:
        number = int(version["version"])
        if fingerprints.get(number) != digest(version["result"]):
            detail = f"result version {number} is not the one the audit log recorded"
            problems.append(Problem("result.not_as_recorded", detail))
        if version["confirmed_at"] is not None and number not in confirmed:
            detail = f"result version {number} is marked confirmed, but the log has no confirmation"
            problems.append(Problem("result.confirmation_unrecorded", detail))
    return problems


def _withdrawal(before: Json, after: Json) -> list[Problem]:
    """A later version must be the one before with exactly one more withdrawal applied."""
    number = int(after["version"])
    added = set(after["result"]["withdrawn"]) - set(before["result"]["withdrawn"])
    if len(added) != 1:
        detail = f"result version {number} does not add exactly one withdrawal"
        return [Problem("result.withdrawal_differs", detail)]
    try:
        expected = apply_withdrawal(result_from_json(before["result"]), added.pop())
    except Refused as refusal:
        detail = f"result version {number}: the withdrawal cannot apply ({refusal.reason.code})"
        return [Problem("result.withdrawal_differs", detail)]
    if result_to_json(expected) != after["result"]:
        detail = f"result version {number} is not the previous one after the withdrawal"
        return [Problem("result.withdrawal_differs", detail)]
    return []
