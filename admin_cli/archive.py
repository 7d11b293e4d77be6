"""`saylau archive`: one zip per group for the archive the group keeps for the next election,
and `saylau archive verify ZIP`, which checks one against its manifest.

The zip holds the protocol (PDF, DOCX, JSON), its CSV annexes, the candidates' documents (their
Telegram file ids, or the files when --bot-token reaches the Bot API), the group's audit log
entries (JSON lines) and SHA256SUMS. It is written whole or not at all.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated

import typer

from admin_cli import context, store
from admin_cli.protocol import (
    AllOption,
    CycleOption,
    GroupOption,
    LangOption,
    prepare,
    read_protocols,
    save,
)
from app.settings import Settings
from core.audit import AuditEntry
from reports.archive import AUDIT_LOG, BadArchive, audit_lines, build_archive, verify_archive
from reports.bundle import Format, protocol_files
from reports.csv_annexes import prefixed
from reports.documents import document_files, fetch, uploads
from reports.model import ProtocolData
from reports.process import group_entries
from reports.texts import Language

archive_app = typer.Typer(help="Archive a group's election, and check an archive.")
_OFFICIAL_API = "https://api.telegram.org"


@archive_app.callback(invoke_without_command=True)
def archive(
    ctx: typer.Context,
    group: GroupOption = None,
    all_groups: AllOption = False,
    out: Annotated[Path | None, typer.Option("--out", help="The folder to write into.")] = None,
    lang: LangOption = Language.RU,
    bot_token: Annotated[
        str | None,
        typer.Option(
            "--bot-token",
            envvar="SAYLAU_ARCHIVE_BOT_TOKEN",
            help="Fetch the candidates' documents from the Bot API with this token.",
            show_default=False,
        ),
    ] = None,
    cycle: CycleOption = None,
) -> None:
    """Write one zip per group: protocol, annexes, documents, audit log and SHA256SUMS."""
    if ctx.invoked_subcommand is not None:
        return
    if out is None:
        context.fail("name the folder to write into with --out DIR", code=2)
    settings, sealer = prepare(group, all_groups, out)
    protocols = read_protocols(settings, sealer, group, cycle)
    entries = store.run(settings, _entries)
    zips = {}
    for data in protocols:
        files = protocol_files(data, lang, [Format.PDF, Format.DOCX, Format.JSON])
        files[prefixed(data, AUDIT_LOG)] = _audit(entries, data)
        files.update(_documents(settings, data, bot_token))
        zips[prefixed(data, "archive.zip")] = build_archive(files)
    for path in save(out, zips):
        typer.echo(f"Archived to {path}.")


@archive_app.command("verify")
def verify(
    path: Annotated[Path, typer.Argument(help="An archive written by `saylau archive`.")],
) -> None:
    """Check every file of the archive against its SHA-256 manifest."""
    try:
        problems = verify_archive(path)
    except BadArchive as error:
        context.fail(str(error))
    for problem in problems:
        typer.echo(f"{problem.file}: {problem.why}", err=True)
    if problems:
        context.fail(f"{len(problems)} problem(s) found in {path}")
    typer.echo(f"{path.name}: every file matches its SHA-256 in the manifest.")


async def _entries(uow_factory: store.UowFactory) -> list[AuditEntry]:
    async with uow_factory() as uow:
        return await uow.audit.entries()


def _audit(entries: list[AuditEntry], data: ProtocolData) -> bytes:
    return audit_lines(group_entries(entries, data.cycle, data.group))


def _documents(settings: Settings, data: ProtocolData, token: str | None) -> dict[str, bytes]:
    """List the documents; fetch them too when a token is given, saying what could not be."""
    items = uploads(data.annexes.applications)
    fetched: dict[str, bytes] = {}
    if token and items:
        api = settings.telegram_api_base_url or _OFFICIAL_API
        fetched = asyncio.run(fetch(items, token, api))
        if len(fetched) < len(items):
            typer.secho(
                f"{data.group}: {len(items) - len(fetched)} of {len(items)} documents could not "
                "be fetched from the Bot API; the archive lists their file ids instead.",
                err=True,
                fg=typer.colors.YELLOW,
            )
    return document_files(items, fetched)
