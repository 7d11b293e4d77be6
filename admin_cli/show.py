"""`saylau election show`: the cycle as stored, each group's calendar, rules and stage now."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Group as Stack
from rich.console import RenderableType
from rich.table import Table

from admin_cli import store
from admin_cli.roles_view import print_table
from core.model import Cycle, Group
from core.regulation import Regulation
from core.services.context import current_cycle

_RULES = {"single_contest": "one contest", "parallel_contests": "two parallel contests"}


def show(
    cycle: Annotated[str | None, typer.Option(help="The cycle code (default: the latest).")] = None,
) -> None:
    """Show the stored cycle and, for each group, its calendar, rules and current stage."""
    settings = store.migrated_settings()

    async def work(uow_factory: store.UowFactory) -> tuple[Cycle, list[Group]]:
        async with uow_factory() as uow:
            stored = await current_cycle(uow, cycle)
            return stored, await uow.groups.for_cycle(stored.code)

    stored, groups = store.run(settings, work)
    print_table(cycle_view(stored, groups))


def cycle_view(cycle: Cycle, groups: list[Group]) -> RenderableType:
    """The cycle's heading, then one table per group."""
    zone = cycle.timezone
    heading = (
        f"[bold]{cycle.code}[/bold]: {cycle.names.en}; {store.local(cycle.starts_at, zone)} to "
        f"{store.local(cycle.ends_at, zone)} ({zone}); {len(groups)} groups; loaded "
        f"{store.local(cycle.loaded_at, zone)}; digest {cycle.digest[:12]}"
    )
    return Stack(heading, *(_group_view(group, zone) for group in groups))


def _group_view(group: Group, zone: str) -> Table:
    stage = group.calendar.stage_at(store.CLOCK.now())
    table = Table(
        title=f"{group.code}: {group.names.en} (now: {stage.value if stage else 'not started'})",
        title_justify="left",
        show_header=False,
    )
    table.add_column("What", style="bold", no_wrap=True)
    table.add_column("Value")
    for name, at in group.calendar.ordered_instants():
        table.add_row(name.replace("_", " "), store.local(at, zone))
    for label, value in regulation_summary(group.regulation):
        table.add_row(label, value)
    return table


def regulation_summary(rules: Regulation) -> list[tuple[str, str]]:
    """The regulation in a few labelled lines."""
    seats = rules.competition.seats
    declared = ", ".join(sorted(d.value for d in rules.declarations)) or "nothing"
    documents = ", ".join(f"{d.code}{'' if d.required else ' (optional)'}" for d in rules.documents)
    return [
        ("voters", f"{rules.voter_kind.value}, admitted {rules.admission.value}"),
        ("declare", declared),
        ("ballot", f"{rules.secrecy.value}, {rules.mode.value}, revote {_yes(rules.revote)}"),
        (
            "competition",
            f"{_RULES[rules.competition.rule.value]}, {rules.competition.choices} choice(s)",
        ),
        ("seats", f"{seats.members} member(s) + {seats.alternates} alternate(s)"),
        ("ties, withdrawal", f"{rules.tie_rule.value}; {rules.withdrawal_rule.value}"),
        ("term limit", f"{rules.term_limit.max_consecutive_terms} consecutive terms"),
        ("documents", documents or "none"),
        ("regions", f"{len(rules.regions)}; figures below {rules.region_threshold} hidden"),
    ]


def _yes(flag: bool) -> str:
    return "allowed" if flag else "not allowed"
