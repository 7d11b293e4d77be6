"""The protocol's first sections: general information, the process, voters, candidates."""

from __future__ import annotations

from core.regions import is_region, region_name
from reports.document import Block, Figure, Heading, Paragraph, Table
from reports.model import ProtocolData
from reports.texts import Texts


def general(data: ProtocolData, t: Texts) -> list[Block]:
    """Who elects, under which rules, and how far the count has come."""
    rules = data.regulation
    state = t("general", "not_counted")
    if data.decision is not None:
        key = "counted_unconfirmed" if data.draft else "confirmed"
        state = t("general", key, version=data.decision.version)
    seats = rules.competition.seats
    rows = (
        (t("general", "group"), f"{data.names.get(t.language.value)} ({data.group})"),
        (t("general", "voter_kind"), t("values", rules.voter_kind.value)),
        (t("general", "admission"), t("values", rules.admission.value)),
        (t("general", "secrecy"), t("values", rules.secrecy.value)),
        (t("general", "mode"), t("values", rules.mode.value)),
        (t("general", "competition"), t("values", rules.competition.rule.value)),
        ("", t("general", "seats", members=seats.members, alternates=seats.alternates)),
        ("", t("general", "choices", choices=rules.competition.choices)),
        (t("general", "tie_rule"), t("values", rules.tie_rule.value)),
        (t("general", "withdrawal_rule"), t("values", rules.withdrawal_rule.value)),
        (t("general", "result_state"), state),
    )
    return [Heading(t("sections", "general")), Table(("", ""), rows)]


def process(data: ProtocolData, t: Texts) -> list[Block]:
    """The calendar as set, and what the audit log records of the election's course."""
    calendar = tuple((t("calendar", name), t.when(at)) for name, at in data.calendar)
    events = tuple((t.when(step.at), t.process(step)) for step in data.process)
    return [
        Heading(t("sections", "process")),
        Heading(t("sections", "calendar"), 2),
        Table((t("calendar", "heading_instant"), t("calendar", "heading_at")), calendar),
        Heading(t("sections", "events"), 2),
        Table((t("process", "heading_at"), t("process", "heading_event")), events),
    ]


def voters(data: ProtocolData, t: Texts, chart: Figure | None) -> list[Block]:
    """How many voters, from how many organisations and which regions, and who voted."""
    people = data.electorate
    rows = [(t("voters", status), str(count)) for status, count in people.by_status.items()]
    rows.append((t("voters", "voted"), str(people.voted)))
    rows.append((t("voters", "turnout"), t.percent(people.turnout)))
    organisations = t("voters", "organisations_none")
    if people.organisations is not None:
        organisations = str(people.organisations)
    rows.append((t("voters", "organisations"), organisations))
    blocks: list[Block] = [
        Heading(t("sections", "voters")),
        Table((t("voters", "status"), t("voters", "count")), tuple(rows)),
        Heading(t("sections", "regions"), 2),
        *_regions(data, t),
    ]
    if chart is not None:
        blocks += [Heading(t("sections", "chart"), 2), chart]
    return blocks


def _regions(data: ProtocolData, t: Texts) -> list[Block]:
    regions = data.electorate.regions
    if regions is None:
        return [Paragraph(t("voters", "no_regions"))]
    if regions.withheld:
        return [Paragraph(t("voters", "withheld"))]
    hidden = f"<{regions.threshold}"

    def shown(value: int | None) -> str:
        return hidden if value is None else str(value)

    rows = [
        (
            _region_name(row.region, t),
            shown(row.voters),
            shown(row.voted),
            t.percent(row.turnout) if row.turnout is not None else hidden,
        )
        for row in regions.rows
    ]
    total_turnout = None
    if regions.voters_total and regions.voted_total is not None:
        total_turnout = regions.voted_total / regions.voters_total
    rows.append(
        (
            t("voters", "total"),
            shown(regions.voters_total),
            shown(regions.voted_total),
            t.percent(total_turnout) if total_turnout is not None else hidden,
        )
    )
    headers = tuple(
        t("voters", key) for key in ("region", "region_voters", "region_voted", "region_turnout")
    )
    note = t("voters", "suppressed_note", threshold=regions.threshold)
    return [Table(headers, tuple(rows), note)]


def _region_name(code: str, t: Texts) -> str:
    return region_name(code, t.language.value) if is_region(code) else code


def candidates(data: ProtocolData, t: Texts) -> list[Block]:
    """Every application beyond a draft: admitted by name, the others by code, with reasons."""
    blocks: list[Block] = [Heading(t("sections", "candidates"))]
    if not data.candidates:
        return [*blocks, Paragraph(t("candidates", "none"))]
    headers = tuple(t("candidates", key) for key in ("code", "name", "status", "reason", "decided"))
    rows = tuple(
        (
            row.code,
            row.name or t("candidates", "name_hidden"),
            t("candidates", row.status),
            row.reason or t("document", "dash"),
            t.value(row.decided_at),
        )
        for row in data.candidates
    )
    return [*blocks, Table(headers, rows)]
