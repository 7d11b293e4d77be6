"""The Secretariat's first commands, run as a person would, on SQLite and PostgreSQL."""

import asyncio
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from admin_cli.main import app
from storage.testing import sql_uow_factory

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "election-2024.yaml"


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in an empty folder, as on a fresh machine: no .env, no keys in the environment."""
    for name in ("DATABASE_URL", "PSEUDONYM_KEY", "DATA_KEY", "TIMEZONE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def group_count(url: str) -> int:
    async def count() -> int:
        async with sql_uow_factory(url) as factory, factory() as uow:
            return len(await uow.groups.for_cycle("ccm-2024"))

    return asyncio.run(count())


def test_upgrade_then_load_twice_stores_the_cycle_once(
    workdir: Path, empty_database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", empty_database_url)
    code, out, err = run("db", "upgrade")
    assert code == 0, err
    assert "(head)" in out
    assert "Generated PSEUDONYM_KEY and DATA_KEY into .env" in err
    code, out, _ = run("election", "load", str(EXAMPLE))
    assert code == 0
    assert out.startswith("Cycle ccm-2024 loaded with 10 groups: PLHIV, WLHIV")
    code, out, _ = run("election", "load", str(EXAMPLE))
    assert code == 0
    assert "nothing changed" in out
    assert group_count(empty_database_url) == 10


def test_a_broken_file_names_its_line_and_writes_nothing(
    workdir: Path, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    broken = workdir / "broken.yaml"
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "seats: {members: 1, alternates: 1}", "seats: {members: 0, alternates: 1}", 1
    )
    broken.write_text(text, encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "members: 0" in row)
    code, _, err = run("election", "load", str(broken))
    assert code == 1
    assert f"broken.yaml:{line}: defaults.regulation.competition.seats.members:" in err
    assert "nothing was loaded" in err
    assert group_count(database_url) == 0


def test_loading_into_an_unmigrated_database_says_what_to_run(workdir: Path) -> None:
    shutil.copy(EXAMPLE, workdir / "election.yaml")
    code, _, err = run("election", "load", "election.yaml")
    assert code == 1
    assert "run `saylau db upgrade`" in err


def test_a_bad_setting_in_dotenv_is_named_with_its_line(workdir: Path) -> None:
    (workdir / ".env").write_text(
        "TIMEZONE=Asia/Almaty\nDATABASE_URL=mysql://x\n", encoding="utf-8"
    )
    code, _, err = run("db", "upgrade")
    assert code == 2
    assert ".env:2: DATABASE_URL: must start with sqlite+aiosqlite://" in err
    assert "Traceback" not in err
