"""`saylau archive` and `saylau archive verify`: the zip a group keeps for the next election."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from reports.archive import build_archive
from tests.cli.cli_support import assert_private, run, sqlite_only
from tests.cli.election_script import LETTER
from tests.cli.protocol_support import finish, rewrite_zip, zip_members

ZIP = "ccm-2024-PLHIV-archive.zip"
TOKEN = "123456:archive-test-token"
LETTER_BYTES = b"%PDF-1.4 the recommendation letter"


def archive(out: Path, *options: str) -> tuple[int, str, str]:
    return run("archive", "--group", "PLHIV", "--out", str(out), *options)


def test_the_archive_holds_everything_and_its_manifest_verifies(played, monkeypatch, tmp_path):
    cast = finish(played, monkeypatch, confirm=True)

    code, said, err = archive(tmp_path)

    assert code == 0, err
    assert said.strip() == f"Archived to {tmp_path / ZIP}."
    members = zip_members(tmp_path / ZIP)
    assert {
        "ccm-2024-PLHIV-protocol-ru.pdf",
        "ccm-2024-PLHIV-protocol-ru.docx",
        "ccm-2024-PLHIV-protocol-ru.json",
        "ccm-2024-PLHIV-annex-1-voted.csv",
        "ccm-2024-PLHIV-annex-2-ballots.csv",
        "ccm-2024-PLHIV-annex-3-applications.csv",
        "ccm-2024-PLHIV-audit-log.jsonl",
        "documents/README.txt",
        "documents/files.csv",
        "SHA256SUMS",
    } == set(members)
    assert LETTER.file_id in members["documents/files.csv"].decode("utf-8-sig")
    assert "Fetched into this archive: 0 of 1" in members["documents/README.txt"].decode()
    log = [json.loads(line) for line in members["ccm-2024-PLHIV-audit-log.jsonl"].splitlines()]
    assert {entry["group"] for entry in log} == {None, "PLHIV"}  # nothing of the TB group
    assert [e["action"] for e in log if e["group"] is None] == ["election.loaded"]
    assert "results.confirmed" in {entry["action"] for entry in log}
    listed = members["SHA256SUMS"].decode().splitlines()
    assert len(listed) == len(members) - 1
    assert run("archive", "verify", str(tmp_path / ZIP)) == (
        0,
        f"{ZIP}: every file matches its SHA-256 in the manifest.\n",
        "",
    )
    readable = b"".join(v for k, v in members.items() if not k.endswith((".pdf", ".docx")))
    assert_private(said + err + readable.decode("utf-8", "replace"), cast)


@sqlite_only
def test_a_tampered_archive_fails_naming_each_file(played, monkeypatch, tmp_path):
    finish(played, monkeypatch, confirm=True)
    archive(tmp_path)
    members = zip_members(tmp_path / ZIP)
    members["ccm-2024-PLHIV-annex-2-ballots.csv"] += b"99,single,C-FAKE-FAKE,counted,,\r\n"
    del members["ccm-2024-PLHIV-protocol-ru.docx"]
    members["extra.txt"] = b"slipped in"
    rewrite_zip(tmp_path / ZIP, members)

    code, _, err = run("archive", "verify", str(tmp_path / ZIP))

    assert code == 1
    assert "ccm-2024-PLHIV-annex-2-ballots.csv: its SHA-256 differs from the manifest" in err
    assert "ccm-2024-PLHIV-protocol-ru.docx: listed in the manifest but missing" in err
    assert "extra.txt: not listed in the manifest" in err
    assert "3 problem(s) found" in err


@sqlite_only
def test_an_audit_entry_edited_under_a_rewritten_manifest_is_still_named(
    played, monkeypatch, tmp_path
):
    finish(played, monkeypatch, confirm=True)
    archive(tmp_path)
    members = zip_members(tmp_path / ZIP)
    log = "ccm-2024-PLHIV-audit-log.jsonl"
    lines = members[log].decode().splitlines()
    index, entry = next(
        (n, json.loads(line)) for n, line in enumerate(lines) if '"results.confirmed"' in line
    )
    entry["payload"]["version"] = 2  # as if a later version had been confirmed
    lines[index] = json.dumps(entry, ensure_ascii=False, sort_keys=True)
    members[log] = ("\n".join(lines) + "\n").encode()
    del members["SHA256SUMS"]
    (tmp_path / ZIP).write_bytes(build_archive(members))  # the manifest agrees with the edit

    code, _, err = run("archive", "verify", str(tmp_path / ZIP))

    assert code == 1
    assert f"{log}: entry {entry['seq']} was changed after it was written" in err


def test_a_file_that_is_not_a_zip_is_one_line(tmp_path):
    path = tmp_path / "archive.zip"
    path.write_bytes(b"PK not really")

    code, _, err = run("archive", "verify", str(path))

    assert code == 1 and "is not a readable zip archive" in err and err.count("\n") == 1


@sqlite_only
def test_an_archive_before_confirmation_holds_a_draft(played, tmp_path):
    code, _, err = archive(tmp_path)

    assert code == 0, err
    protocol = json.loads(zip_members(tmp_path / ZIP)["ccm-2024-PLHIV-protocol-ru.json"])
    assert protocol["draft"] is True and protocol["decision"] is None


class _BotApi(BaseHTTPRequestHandler):
    """Just enough of the Bot API to hand out the script's one document."""

    def do_GET(self) -> None:
        url = urlparse(self.path)
        if url.path == f"/bot{TOKEN}/getFile":
            known = parse_qs(url.query).get("file_id") == [LETTER.file_id]
            body = {"ok": True, "result": {"file_path": "documents/file_7.pdf"}}
            self._send(json.dumps(body if known else {"ok": False}).encode())
        elif url.path == f"/file/bot{TOKEN}/documents/file_7.pdf":
            self._send(LETTER_BYTES)
        else:
            self.send_error(404)

    def _send(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:  # keep the test output quiet
        pass


@pytest.fixture
def bot_api() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _BotApi)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@sqlite_only
def test_with_a_bot_token_the_documents_themselves_are_archived(
    played, monkeypatch, tmp_path, bot_api
):
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", bot_api)

    code, said, err = archive(tmp_path, "--bot-token", TOKEN)

    assert code == 0, err
    members = zip_members(tmp_path / ZIP)
    [fetched] = [name for name in members if name.startswith("documents/C-")]
    assert fetched.endswith(f"/recommendation-{LETTER.file_name}")
    assert members[fetched] == LETTER_BYTES
    assert "Fetched into this archive: 1 of 1" in members["documents/README.txt"].decode()
    assert TOKEN not in said + err


@sqlite_only
def test_an_unreachable_bot_api_leaves_the_list_and_says_so(played, monkeypatch, tmp_path):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", f"http://127.0.0.1:{port}")

    code, said, err = archive(tmp_path, "--bot-token", TOKEN)

    assert code == 0
    assert "1 of 1 documents could not be fetched" in err
    assert TOKEN not in said + err
    members = zip_members(tmp_path / ZIP)
    assert LETTER.file_id in members["documents/files.csv"].decode("utf-8-sig")
    assert not any(name.startswith("documents/C-") for name in members)
