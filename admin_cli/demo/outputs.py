"""What the rehearsal leaves in `--out`: per group the export (JSON), the bulletin board (JSON
and Markdown), and, where the reports package is installed, the protocol (PDF, DOCX) and the
archive, written by the same commands the Secretariat runs.
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import os
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from admin_cli.export import write_atomically
from core.privacy import Sealer
from core.services.board import Board, bulletin_board
from core.services.export import export_group
from storage.uow import SqlUnitOfWork

REPORT_COMMANDS = (  # (what, the command's arguments, the sub-folder it writes into)
    ("protocol (PDF)", ["protocol", "export", "--all", "--format", "pdf"], "protocols"),
    ("protocol (DOCX)", ["protocol", "export", "--all", "--format", "docx"], "protocols"),
    ("archive", ["archive", "--all"], "archives"),
)


def write_json(path: Path, data: Any) -> None:
    write_atomically(path, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


async def export_to(
    uow_factory: Callable[[], SqlUnitOfWork], group: str, sealer: Sealer, folder: Path
) -> Path:
    """Write the group's export and bulletin board; return the export's path."""
    data = await export_group(uow_factory(), group_code=group, sealer=sealer)
    path = folder / "exports" / f"{group}.json"
    write_json(path, data)
    board = await bulletin_board(uow_factory(), group_code=group)
    write_json(folder / "boards" / f"{group}.json", asdict(board))
    write_atomically(folder / "boards" / f"{group}.md", board_markdown(board))
    return path


def board_markdown(board: Board) -> str:
    """The board as a page anyone can read: receipts per contest, the confirmed totals."""
    lines = [f"# Bulletin board: {board.group}", ""]
    if board.confirmed_version is not None:
        lines += [f"Totals of result version {board.confirmed_version}, confirmed.", ""]
    for contest in board.contests:
        lines += [f"## Contest {contest.kind.value}", ""]
        if contest.totals is not None:
            totals = contest.totals
            lines += [f"- {candidate}: {votes}" for candidate, votes in totals.votes]
            lines += [f"- blank: {totals.blank}", f"- late, not counted: {totals.late}"]
            lines += [f"- invalid ({reason}): {count}" for reason, count in totals.invalid]
            lines.append("")
        lines += [f"Receipts ({len(contest.receipts)}):", ""]
        lines += [f"    {code}" for code in contest.receipts] + [""]
    return "\n".join(lines)


def reports_installed() -> bool:
    """Whether the protocol and archive commands exist in this installation."""
    return all(
        importlib.util.find_spec(name) is not None
        for name in ("reports", "admin_cli.protocol", "admin_cli.archive")
    )


async def write_reports(database_url: str, folder: Path, bot: tuple[str, str]) -> list[str]:
    """Run the protocol and archive commands on the demo's database; return what failed.

    `bot` is the emulator's (Bot API address, token), from which the archive fetches the
    documents the candidates uploaded, as it would from Telegram.
    """
    failed = []
    api, token = bot
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        "TELEGRAM_API_BASE_URL": api,
        "SAYLAU_ARCHIVE_BOT_TOKEN": token,
    }
    for title, arguments, into in REPORT_COMMANDS:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "admin_cli",
            *arguments,
            "--out",
            str(folder / into),
            env=environment,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        output, _ = await process.communicate()
        if process.returncode != 0:
            tail = output.decode(errors="replace").strip().splitlines()[-3:]
            failed.append(f"{title}: exit {process.returncode}: {' / '.join(tail)}")
    return failed + archive_problems(folder / "archives")


def archive_problems(folder: Path) -> list[str]:
    """Check every archive against its manifest, as `saylau archive verify` does."""
    from reports.archive import BadArchive, verify_archive  # present when reports_installed()

    problems = []
    for path in sorted(folder.glob("*.zip")):
        try:
            problems += [f"{path.name}: {p.file}: {p.why}" for p in verify_archive(path)]
        except BadArchive as error:
            problems.append(f"{path.name}: {error}")
    return problems
