"""The Secretariat's command tests start from a database where the scripted election was played."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.cli.cli_support import at, on_database
from tests.cli.election_script import DATA_KEY, PSEUDONYM_KEY, VOTING, Cast, play_election


@pytest.fixture
def played(
    tmp_path, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[str, Cast]]:
    """A database with the scripted election, configured for `saylau`, in the middle of the vote."""
    for name in ("BOT_USERNAME", "TIMEZONE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("PSEUDONYM_KEY", PSEUDONYM_KEY)
    monkeypatch.setenv("DATA_KEY", DATA_KEY)
    monkeypatch.chdir(tmp_path)
    cast = on_database(database_url, play_election)
    at(monkeypatch, VOTING)
    yield database_url, cast
