"""The protocol's later sections: the vote, observers, the decision, complaints, signatures."""

from __future__ import annotations

from reports.csv_annexes import ANNEXES, prefixed
from reports.document import Block, Heading, Paragraph, SignatureLine, Table
from reports.model import ContestFigures, ProtocolData
from reports.texts import Texts


def votes(data: ProtocolData, t: Texts) -> list[Block]:
    """Each contest: who voted, votes per candidate, and the ballots that did not count."""
    blocks: list[Block] = [Heading(t("sections", "votes"))]
    for contest in data.contests:
        kind = t("votes", contest.kind)
        blocks.append(
            Paragraph(
                t("votes", "contest", kind=kind, seats=contest.seats, choices=contest.choices),
                bold=True,
            )
        )
        blocks.append(Paragraph(t("votes", "cast", cast=contest.cast)))
        if contest.counted is None:
            blocks.append(Paragraph(t("votes", "not_counted_yet")))
            continue
        blocks.append(
            Paragraph(t("votes", "counted", counted=contest.counted, blank=contest.blank))
        )
        rows = tuple((row.code, row.name, str(row.votes)) for row in contest.votes)
        headers = (t("candidates", "code"), t("votes", "candidate"), t("votes", "votes"))
        blocks.append(Table(headers, rows))
    blocks.append(Heading(t("sections", "not_counted"), 2))
    blocks += _not_counted(data.contests, t)
    return blocks


def _not_counted(contests: tuple[ContestFigures, ...], t: Texts) -> list[Block]:
    """Invalid ballots by reason, and late ones (known even before the count), per contest."""
    rows = []
    for contest in contests:
        kind = t("votes", contest.kind)
        rows += [(kind, t("votes", flaw), str(count)) for flaw, count in contest.invalid]
        if contest.late:
            rows.append((kind, t("votes", "late"), str(contest.late)))
    if not rows:
        return [Paragraph(t("votes", "none_not_counted"))]
    headers = (t("votes", "contest_heading"), t("votes", "reason"), t("votes", "count"))
    return [Table(headers, tuple(rows))]


def observers(data: ProtocolData, t: Texts) -> list[Block]:
    """Which independent observers were admitted and what they could see."""
    blocks: list[Block] = [Heading(t("sections", "observers"))]
    if not data.observers:
        return [*blocks, Paragraph(t("observers", "none"))]
    headers = tuple(t("observers", key) for key in ("code", "appointed", "revoked"))
    rows = tuple((o.code, t.when(o.appointed_at), t.value(o.revoked_at)) for o in data.observers)
    return [
        *blocks,
        Paragraph(t("observers", "count", count=len(data.observers))),
        Paragraph(t("observers", "intro")),
        Table(headers, rows),
    ]


def decision(data: ProtocolData, t: Texts) -> list[Block]:
    """Who is member and who alternate, which seats are vacant or wait for a repeat vote."""
    blocks: list[Block] = [Heading(t("sections", "decision"))]
    result = data.decision
    if result is None:
        return [*blocks, Paragraph(t("decision", "not_yet"))]
    rows = []
    for seat in result.seats:
        holder = t("decision", "repeat_vote" if seat.repeat_vote else "vacant")
        if seat.code is not None:
            holder = f"{seat.name} ({seat.code})"
        rows.append((f"{t('decision', seat.seat)} {seat.position}", holder, t.value(seat.votes)))
    headers = tuple(t("decision", key) for key in ("seat", "candidate", "votes"))
    blocks += [Paragraph(t("decision", "basis")), Table(headers, tuple(rows))]
    if result.withdrawn:
        blocks.append(Paragraph(t("decision", "withdrawn", codes=", ".join(result.withdrawn))))
    if result.lot_draws:
        blocks.append(Paragraph(t("decision", "lots", count=result.lot_draws, seed=result.seed)))
    if not data.draft:
        note = t(
            "document",
            "final_note",
            at=result.confirmed_at,
            version=result.version,
            by=result.confirmed_by,
        )
        blocks.append(Paragraph(note))
    return blocks


def complaints(data: ProtocolData, t: Texts) -> list[Block]:
    """Each complaint with the commission's answer; their authors are never named."""
    blocks: list[Block] = [Heading(t("sections", "complaints"))]
    if not data.complaints:
        return [*blocks, Paragraph(t("complaints", "none"))]
    for item in data.complaints:
        blocks.append(
            Paragraph(t("complaints", "number", number=item.number, at=item.filed_at), True)
        )
        blocks.append(Paragraph(t("complaints", "text", text=item.text)))
        if item.answer is None:
            blocks.append(Paragraph(t("complaints", "unanswered")))
            continue
        blocks.append(
            Paragraph(
                t(
                    "complaints",
                    "answer",
                    at=item.answered_at,
                    by=item.answered_by,
                    answer=item.answer,
                )
            )
        )
    return blocks


def signatures(data: ProtocolData, t: Texts) -> list[Block]:
    """A line for each sitting commission member; three blank ones if none is on record."""
    sitting = [member for member in data.commission if member.revoked_at is None]
    hint = t("signatures", "hint")
    lines = [SignatureLine(t("signatures", "line", code=m.code), hint) for m in sitting]
    if not lines:
        lines = [SignatureLine(t("signatures", "blank"), hint) for _ in range(3)]
    return [
        Heading(t("sections", "signatures")),
        Paragraph(t("signatures", "intro")),
        *lines,
        Paragraph(t("signatures", "date")),
    ]


def annexes(data: ProtocolData, t: Texts) -> list[Block]:
    """Name the annexes and the files that hold them."""
    return [
        Heading(t("sections", "annexes")),
        Paragraph(t("annexes", "voted")),
        Paragraph(t("annexes", "ballots")),
        Paragraph(t("annexes", "applications")),
        Paragraph(t("annexes", "files", files=", ".join(prefixed(data, name) for name in ANNEXES))),
    ]
