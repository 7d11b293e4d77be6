"""`saylau export` then `saylau verify`, as the Secretariat and an observer would run them."""

from __future__ import annotations

import asyncio
import base64
import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from admin_cli.export import export
from admin_cli.verify import verify
from storage.testing import fresh_database, sql_uow_factory
from tests.services.voting_support import counted_election


def _app(command) -> typer.Typer:
    app = typer.Typer()
    app.command()(command)
    return app


def run(command, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(_app(command), list(args))
    return result.exit_code, result.stdout, result.stderr


def _key(byte: bytes) -> str:
    return base64.urlsafe_b64encode(byte * 32).decode()


@pytest.fixture
def counted_database(request, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A SQLite database holding a counted election, and settings that point at it."""
    monkeypatch.chdir(tmp_path)
    with fresh_database(request, "sqlite") as url:

        async def fill() -> None:
            async with sql_uow_factory(url) as make_uow:
                await counted_election(make_uow)

        asyncio.run(fill())
        monkeypatch.setenv("DATABASE_URL", url)
        monkeypatch.setenv("PSEUDONYM_KEY", _key(b"k"))
        monkeypatch.setenv("DATA_KEY", _key(b"s"))  # the key the candidates' forms are sealed with
        yield url


def test_an_export_written_by_the_cli_verifies(counted_database: str, tmp_path: Path):
    out = tmp_path / "archive" / "plhiv.json"

    code, said, _ = run(export, "PLHIV", str(out))

    assert (code, said.strip()) == (0, f"Exported PLHIV to {out}.")
    assert [p.name for p in out.parent.iterdir()] == ["plhiv.json"]  # no temporary file left
    assert "Aigul" in {c["name"] for c in json.loads(out.read_text())["candidates"]}
    assert run(verify, str(out)) == (0, "PLHIV: everything reconciles.\n", "")


def test_verify_names_each_problem_and_fails(counted_database: str, tmp_path: Path):
    out = tmp_path / "plhiv.json"
    run(export, "PLHIV", str(out))
    data = json.loads(out.read_text())
    data["contests"][0]["receipts"].pop()
    out.write_text(json.dumps(data))

    code, said, errors = run(verify, str(out))

    assert code == 1
    assert (
        "counts.mismatch: contest single: 8 voters marked as voted, 8 ballots, 7 receipts" in said
    )
    assert "problem(s) found" in errors


def test_an_unknown_group_is_one_line_and_writes_nothing(counted_database: str, tmp_path: Path):
    out = tmp_path / "nothing.json"

    code, _, errors = run(export, "NOPE", str(out))

    assert code == 1 and "group.unknown" in errors and not out.exists()


def test_a_file_that_is_not_json_is_one_line(tmp_path: Path):
    path = tmp_path / "broken.json"
    path.write_text("{ not json")

    code, _, errors = run(verify, str(path))

    assert code == 1 and errors.count("\n") == 1 and "is not JSON" in errors
