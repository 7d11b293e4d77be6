"""The protocol's annexes as CSV: who voted (by code), the anonymised ballots, the applications.

Column names are English and stable, for whoever reads the archive in three years; values are
what the protocol itself shows: readable codes, never a pseudonym or a Telegram id.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from reports.model import ProtocolData

VOTED = "annex-1-voted.csv"
BALLOTS = "annex-2-ballots.csv"
APPLICATIONS = "annex-3-applications.csv"
ANNEXES = (VOTED, BALLOTS, APPLICATIONS)


def annexes(data: ProtocolData) -> dict[str, bytes]:
    """Every annex of the protocol, by file name."""
    return {
        VOTED: table_csv(("number", "voter_code"), enumerate(data.annexes.voted, start=1)),
        BALLOTS: table_csv(
            ("number", "contest", "choices", "status", "reason", "voter_code"),
            (
                (n, b.contest, ";".join(b.choices), b.status, b.reason or "", b.voter or "")
                for n, b in enumerate(data.annexes.ballots, start=1)
            ),
        ),
        APPLICATIONS: table_csv(
            (
                "candidate_code",
                "name",
                "statement",
                "report_back",
                "conflicts_of_interest",
                "accepted_duties",
                "documents",
            ),
            (
                (
                    a.code,
                    a.name,
                    a.statement,
                    a.report_back,
                    a.conflicts,
                    "yes" if a.accepted_duties else "no",
                    ";".join(f"{d.requirement_code}:{d.file_name}" for d in a.documents),
                )
                for a in data.annexes.applications
            ),
        ),
    }


def prefixed(data: ProtocolData, name: str) -> str:
    """A file's name beside the protocol: cycle and group first, so one folder can hold many."""
    return f"{data.cycle}-{data.group}-{name}"


def table_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    # A byte-order mark lets spreadsheet programs on Windows read the Cyrillic correctly.
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_cell(value) for value in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _cell(value: object) -> object:
    """Keep a candidate's text from being run as a formula by a spreadsheet program."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
