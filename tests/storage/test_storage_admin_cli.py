"""`saylau db upgrade|current`: what an administrator sees at the terminal."""

from typer.testing import CliRunner

from admin_cli.db import db_app
from storage.migrate import head

runner = CliRunner()


def test_upgrade_migrates_a_new_sqlite_database_and_current_reports_it(tmp_path):
    url = f"sqlite+aiosqlite:///{tmp_path / 'data' / 'saylau.db'}"

    before = runner.invoke(db_app, ["current", "--database-url", url])
    upgraded = runner.invoke(db_app, ["upgrade", "--database-url", url])
    after = runner.invoke(db_app, ["current"], env={"DATABASE_URL": url})

    assert (before.exit_code, upgraded.exit_code, after.exit_code) == (0, 0, 0)
    assert "no schema yet" in before.output
    assert f"revision {head()} (head)" in upgraded.output
    assert f"revision {head()} (head)" in after.output


def test_an_unreachable_server_gives_one_line_without_the_password():
    url = "postgresql+asyncpg://saylau:hunter2-secret@127.0.0.1:1/saylau"

    result = runner.invoke(db_app, ["upgrade", "--database-url", url])

    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0
    assert "cannot be reached" in result.output
    assert "saylau:***@127.0.0.1:1" in result.output
    assert "hunter2" not in result.output
    assert "Traceback" not in result.output


def test_a_malformed_url_is_named_as_such():
    result = runner.invoke(db_app, ["current", "--database-url", "saylau.db"])

    assert result.exit_code == 1
    assert "cannot be parsed" in result.output
    assert "Traceback" not in result.output
