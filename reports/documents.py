"""The candidates' uploaded documents in the archive.

Telegram keeps the files; Saylau keeps their file ids. Offline, the archive lists the ids with
a note on how to fetch them while the bot's token is valid; with a token and a reachable Bot
API, the files themselves are fetched (getFile, then the download) and stored beside the list.
A file that cannot be fetched stays listed, and the command says how many.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

import aiohttp

from core.application import DocumentRef
from reports.model import ApplicationRow

FOLDER = "documents"
_NOTE = """Candidate documents
===================

The bot keeps no copy of the documents candidates uploaded: Telegram stores them, and
files.csv lists each by its Telegram file id. A file id can be downloaded with the Bot API
(getFile, then https://api.telegram.org/file/bot<token>/<file_path>) only with the token of
the bot that received it, while Telegram still keeps the file. Run `saylau archive` with
--bot-token to put the files themselves into the archive.

Fetched into this archive: {fetched} of {total}.
"""
_COLUMNS = (
    "candidate_code",
    "requirement",
    "file_name",
    "mime_type",
    "bytes",
    "telegram_file_id",
    "in_archive",
)
_TIMEOUT = aiohttp.ClientTimeout(total=30)


@dataclass(frozen=True)
class Upload:
    candidate: str  # C-code
    document: DocumentRef

    @property
    def path(self) -> str:
        """Where the fetched file goes in the archive."""
        safe = self.document.file_name.replace("/", "_").replace("\\", "_")
        return f"{FOLDER}/{self.candidate}/{self.document.requirement_code}-{safe}"


def uploads(applications: Sequence[ApplicationRow]) -> list[Upload]:
    """Every document of every admitted candidate."""
    return [Upload(a.code, d) for a in applications for d in a.documents]


def document_files(items: Sequence[Upload], fetched: dict[str, bytes]) -> dict[str, bytes]:
    """The list with its note, and whatever was fetched, by path in the archive."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(_COLUMNS)
    for item in items:
        d = item.document
        in_archive = item.path if item.path in fetched else ""
        row = (item.candidate, d.requirement_code, d.file_name, d.mime_type, d.size, d.file_id)
        writer.writerow([*row, in_archive])
    note = _NOTE.format(fetched=len(fetched), total=len(items))
    return {
        f"{FOLDER}/README.txt": note.encode("utf-8"),
        f"{FOLDER}/files.csv": ("\ufeff" + buffer.getvalue()).encode("utf-8"),
        **fetched,
    }


async def fetch(items: Sequence[Upload], token: str, api_base: str) -> dict[str, bytes]:
    """Download what the Bot API still holds; skip (and leave listed) whatever fails."""
    fetched: dict[str, bytes] = {}
    base = api_base.rstrip("/")
    async with aiohttp.ClientSession(timeout=_TIMEOUT) as session:
        for item in items:
            try:
                fetched[item.path] = await _download(session, base, token, item.document.file_id)
            except (aiohttp.ClientError, TimeoutError, ValueError, KeyError):
                continue  # the list keeps the file id; the command reports the shortfall
    return fetched


async def _download(session: aiohttp.ClientSession, base: str, token: str, file_id: str) -> bytes:
    async with session.get(f"{base}/bot{token}/getFile", params={"file_id": file_id}) as answer:
        body = await answer.json(content_type=None)
    if not body.get("ok"):
        raise ValueError("getFile refused")
    path = body["result"]["file_path"]
    async with session.get(f"{base}/file/bot{token}/{path}") as download:
        download.raise_for_status()
        return await download.read()
