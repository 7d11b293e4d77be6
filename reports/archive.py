"""A group's election archive: one zip with a SHA-256 manifest, and the check of one.

The manifest (SHA256SUMS, in the format `sha256sum -c` reads) lists every other file; the
check names each file that is missing, altered or not listed, and each audit entry whose hash
no longer holds (reports.archive_audit). Files are stored with a fixed date so that the same
election archived twice gives the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from core.audit import AuditEntry
from reports.archive_audit import audit_problems

MANIFEST = "SHA256SUMS"
AUDIT_LOG = "audit-log.jsonl"
_FIXED_DATE = (1980, 1, 1, 0, 0, 0)


class BadArchive(ValueError):
    """The file is not a readable zip archive."""


@dataclass(frozen=True)
class ArchiveProblem:
    file: str
    why: str


def build_archive(files: Mapping[str, bytes]) -> bytes:
    """Zip the files, in name order, with their manifest."""
    lines = [f"{_sha256(content)}  {name}\n" for name, content in sorted(files.items())]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in [*sorted(files.items()), (MANIFEST, "".join(lines).encode())]:
            info = zipfile.ZipInfo(name, date_time=_FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content)
    return buffer.getvalue()


def verify_archive(path: Path) -> list[ArchiveProblem]:
    """Check every file of the archive against its manifest; an empty list means intact."""
    try:
        with zipfile.ZipFile(path) as archive:
            contents = {
                info.filename: archive.read(info)
                for info in archive.infolist()
                if not info.is_dir()
            }
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise BadArchive(f"{path} is not a readable zip archive ({error})") from error
    manifest = contents.pop(MANIFEST, None)
    if manifest is None:
        return [ArchiveProblem(MANIFEST, "the manifest is missing")]
    listed, problems = _read_manifest(manifest)
    for name, expected in listed.items():
        if name not in contents:
            problems.append(ArchiveProblem(name, "listed in the manifest but missing"))
        elif _sha256(contents[name]) != expected:
            problems.append(ArchiveProblem(name, "its SHA-256 differs from the manifest"))
    problems += [
        ArchiveProblem(name, "not listed in the manifest")
        for name in contents
        if name not in listed
    ]
    for name, content in contents.items():
        if name.endswith(AUDIT_LOG):
            problems += [ArchiveProblem(name, why) for why in audit_problems(content)]
    return problems


def _read_manifest(manifest: bytes) -> tuple[dict[str, str], list[ArchiveProblem]]:
    listed: dict[str, str] = {}
    problems = []
    for number, line in enumerate(manifest.decode("utf-8", "replace").splitlines(), start=1):
        digest, separator, name = line.partition("  ")
        if not separator or len(digest) != 64 or not name:
            problems.append(ArchiveProblem(MANIFEST, f"line {number} is not 'sha256  file'"))
            continue
        listed[name] = digest.lower()
    return listed, problems


def audit_lines(entries: Sequence[AuditEntry]) -> bytes:
    """The log entries as JSON lines, each with the hashes that chain it."""
    lines = [
        json.dumps(
            {
                "seq": entry.seq,
                "at": entry.at.isoformat(),
                "actor": entry.event.actor,
                "group": entry.event.group,
                "action": entry.event.action,
                "payload": entry.event.payload,
                "prev_hash": entry.prev_hash,
                "hash": entry.hash,
            },
            ensure_ascii=False,
            sort_keys=True,
        )
        for entry in entries
    ]
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def _sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
