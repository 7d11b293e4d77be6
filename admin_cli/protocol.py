"""`saylau protocol export`: a group's election protocol, with its CSV annexes.

Before the commission confirms the results the protocol is a draft and says so on every page.
Everything is rendered in memory first, then each file is written whole (temporary file, then
rename): a refusal or a bad folder leaves nothing behind.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from admin_cli import context, store
from app.settings import Settings
from core.ports_dialogue import ComplaintsUnitOfWork
from core.privacy import Sealer
from core.services.context import current_cycle
from reports.bundle import Format, protocol_files
from reports.files import UnwritableFolder, writable_folder, write_files
from reports.model import ProtocolData
from reports.protocol_data import gather_protocol
from reports.texts import Language

protocol_app = typer.Typer(help="Write election protocols.", no_args_is_help=True)

GroupOption = Annotated[str | None, typer.Option("--group", help="The group's code, e.g. PLHIV.")]
AllOption = Annotated[bool, typer.Option("--all", help="Every group of the cycle.")]
OutOption = Annotated[Path, typer.Option("--out", help="The folder to write into.")]
LangOption = Annotated[Language, typer.Option("--lang", help="The protocol's language.")]
CycleOption = Annotated[str | None, typer.Option(help="The cycle code (default: the latest).")]


@protocol_app.command("export")
def export_protocol(
    out: OutOption,
    group: GroupOption = None,
    all_groups: AllOption = False,
    format: Annotated[Format, typer.Option("--format", help="The file format.")] = Format.PDF,
    lang: LangOption = Language.RU,
    cycle: CycleOption = None,
) -> None:
    """Write the protocol of one group (or all) with its annexes; a draft before confirmation."""
    settings, sealer = prepare(group, all_groups, out)
    protocols = read_protocols(settings, sealer, group, cycle)
    rendered = [(data, protocol_files(data, lang, [format])) for data in protocols]
    for data, files in rendered:
        written = save(out, files)
        state = "DRAFT, results not confirmed" if data.draft else "results confirmed"
        typer.echo(f"{data.group} ({state}): wrote {len(written)} files to {out}:")
        for path in written:
            typer.echo(f"  {path.name}")


def prepare(group: str | None, all_groups: bool, out: Path) -> tuple[Settings, Sealer]:
    """Check the arguments, the database, the keys and the folder before reading anything."""
    if (group is None) == (not all_groups):
        context.fail("name one group with --group G, or every group with --all", code=2)
    settings = store.migrated_settings()
    keys = context.keys(settings, generate=False)
    try:
        writable_folder(out)
    except UnwritableFolder as error:
        context.fail(str(error))
    return settings, keys.sealer


def read_protocols(
    settings: Settings, sealer: Sealer, group: str | None, cycle: str | None
) -> list[ProtocolData]:
    """Gather the protocol of the named group, or of every group of the cycle."""

    async def work(uow_factory: store.UowFactory) -> list[ProtocolData]:
        codes = [group] if group is not None else await _group_codes(uow_factory, cycle)
        return [
            await gather_protocol(
                _complaints(uow_factory),
                store.CLOCK,
                group_code=code,
                sealer=sealer,
                cycle_code=cycle,
            )
            for code in codes
        ]

    return store.run(settings, work)


def save(out: Path, files: dict[str, bytes]) -> list[Path]:
    """Write the files, or end the command naming why the folder refused them."""
    try:
        return write_files(out, files)
    except OSError as error:
        context.fail(f"{out} cannot be written to ({error.strerror or type(error).__name__})")


async def _group_codes(uow_factory: store.UowFactory, cycle: str | None) -> list[str]:
    async with uow_factory() as uow:
        chosen = await current_cycle(uow, cycle)
        return [g.code for g in await uow.groups.for_cycle(chosen.code)]


def _complaints(uow_factory: store.UowFactory) -> ComplaintsUnitOfWork:
    return uow_factory()
