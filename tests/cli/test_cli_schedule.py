"""`saylau schedule`: the Secretariat sees the calendars and moves a deadline, with a reason."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from core.election import CycleInfo, ElectionConfig
from core.services.clock import SystemClock
from core.services.load_election import load_election
from storage.testing import sql_uow_factory
from tests.builders import group, name_key, names
from tests.cli.test_cli_election import run

NOW = datetime.now(UTC).replace(microsecond=0)


def _running_election() -> ElectionConfig:
    """One PLHIV group whose registration opened two days ago and runs for six more."""
    cycle = CycleInfo(
        code="ccm-2024",
        names=names("CCM"),
        year=NOW.year,
        starts=NOW - timedelta(days=30),
        ends=NOW + timedelta(days=60),
    )
    return ElectionConfig(cycle=cycle, groups=(group("PLHIV", start=NOW - timedelta(days=12)),))


def _audit_actions(url: str) -> list[tuple[str, str, dict]]:
    async def read() -> list[tuple[str, str, dict]]:
        async with sql_uow_factory(url) as factory, factory() as uow:
            return [
                (e.event.action, e.event.actor, e.event.payload) for e in await uow.audit.entries()
            ]

    return asyncio.run(read())


@pytest.fixture
def loaded(tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    for name in ("PSEUDONYM_KEY", "DATA_KEY", "TIMEZONE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("PSEUDONYM_KEY", "p" * 43 + "=")
    monkeypatch.setenv("DATA_KEY", "d" * 43 + "=")

    async def load() -> None:
        async with sql_uow_factory(database_url) as factory:
            await load_election(_running_election(), factory(), SystemClock(), name_key)

    asyncio.run(load())
    return database_url


def test_extend_then_close_with_reasons_on_record(loaded: str) -> None:
    code, out, err = run("schedule", "show")
    assert code == 0, err
    assert "PLHIV" in out and "registration closes" in out

    to = (NOW + timedelta(days=7)).astimezone().strftime("%Y-%m-%dT%H:%M%z")
    code, out, err = run(
        "schedule", "extend", "PLHIV", "registration_closes", to, "--reason", "regions asked"
    )
    assert code == 0, err
    assert out.startswith("PLHIV: done")
    code, _, err = run("schedule", "close", "PLHIV", "registration", "--reason", " ")
    assert code == 1
    assert "schedule.reason_required" in err
    code, _, err = run("schedule", "close", "PLHIV", "registration", "--reason", "quorum met")
    assert code == 0, err

    actions = [(a, actor, p.get("reason")) for a, actor, p in _audit_actions(loaded)]
    assert actions[-2:] == [
        ("calendar.extended", "secretariat:cli", "regions asked"),
        ("calendar.closed_early", "secretariat:cli", "quorum met"),
    ]


def test_times_are_shown_and_typed_in_timezone(
    loaded: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TIMEZONE", "UTC")
    moved = (NOW + timedelta(days=7)).replace(second=0)
    typed = moved.strftime("%Y-%m-%dT%H:%M")  # no offset: read in TIMEZONE
    code, _, err = run(
        "schedule", "extend", "PLHIV", "registration_closes", typed, "--reason", "regions asked"
    )
    assert code == 0, err
    code, out, err = run("schedule", "show")
    assert code == 0, err
    assert "Calendars (UTC)" in out
    assert moved.strftime("%Y-%m-%d %H:%M") in out  # as typed, not moved by the cycle's zone
