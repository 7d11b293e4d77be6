"""A PostgreSQL server of the test's own, so that it can be stopped and started under the bot.

`initdb` makes a cluster in a temporary folder (in memory when /dev/shm exists), `pg_ctl` runs it
on a free loopback port with trust authentication and no Unix socket (PG_BINDIR names another
installation's bin folder). PostgreSQL refuses to run
as root, so as root the binaries run as the `postgres` account. fsync is off: a clean stop
writes everything out, and a restart is what the tests are about, not a power cut. No tests here.
"""

from __future__ import annotations

import asyncio
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import pytest
from sqlalchemy.pool import NullPool

from storage.db import create_engine
from tests.e2e.scene import free_port

VERSIONS = Path("/usr/lib/postgresql")
ACCOUNT = "postgres"  # who runs the server when the tests run as root


def binaries() -> Path | None:
    """The newest installed PostgreSQL's bin folder with initdb and pg_ctl, if any."""
    override = os.environ.get("PG_BINDIR")
    found = [Path(override)] if override else sorted(VERSIONS.glob("*/bin"), reverse=True)
    for folder in found:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    return None


def _skip_or_fail(reason: str) -> NoReturn:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; CI=true requires it")
    pytest.skip(reason)


class PrivateCluster:
    def __init__(self, bindir: Path, folder: Path, port: int, user: str | None) -> None:
        self.bindir, self.folder, self.port, self.user = bindir, folder, port, user
        self.data = folder / "data"

    def admin_url(self, database: str = "postgres") -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.bindir / program), *args]
        if self.user is not None:
            command = ["runuser", "-u", self.user, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
        assert done.returncode == 0, f"{program} failed:\n{done.stdout}\n{done.stderr}"

    def init(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "--no-sync")

    def start(self) -> None:
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' "
            "-c fsync=off -c full_page_writes=off -c max_connections=50"
        )
        log = str(self.folder / "server.log")
        self._run("pg_ctl", "-D", str(self.data), "-l", log, "-o", options, "-w", "start")

    def stop(self, mode: str = "fast") -> None:
        """Stop the server; "fast" ends every session at once, as a restart does."""
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    async def restart(self, downtime: float) -> None:
        """Stop the server, leave it down for `downtime` seconds, and start it again."""
        await asyncio.to_thread(self.stop)
        await asyncio.sleep(downtime)
        await asyncio.to_thread(self.start)

    async def create_database(self, name: str) -> str:
        await administer(self.admin_url(), f'CREATE DATABASE "{name}"')
        return self.admin_url(name)


async def administer(url: str, statement: str) -> None:
    """Run one statement such as CREATE or ALTER DATABASE, outside any transaction."""
    engine = create_engine(url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            await connection.exec_driver_sql(statement)
    finally:
        await engine.dispose()


def _server_account() -> pwd.struct_passwd:
    try:
        return pwd.getpwnam(ACCOUNT)
    except KeyError:
        _skip_or_fail(f"running as root without a {ACCOUNT!r} account to run PostgreSQL as")


@contextmanager
def private_cluster() -> Iterator[PrivateCluster]:
    """A running PostgreSQL cluster of our own, removed afterwards; skipped without binaries."""
    bindir = binaries()
    if bindir is None:
        _skip_or_fail(f"no PostgreSQL server binaries (initdb, pg_ctl) under {VERSIONS}")
    account = _server_account() if os.geteuid() == 0 else None
    memory = Path("/dev/shm")
    folder = Path(tempfile.mkdtemp(prefix="saylau-pg-", dir=memory if memory.is_dir() else None))
    if account is not None:
        os.chown(folder, account.pw_uid, account.pw_gid)
    user = account.pw_name if account is not None else None
    cluster = PrivateCluster(bindir, folder, free_port(), user)
    try:
        cluster.init()
        cluster.start()
        yield cluster
    finally:
        if (cluster.data / "postmaster.pid").exists():
            cluster.stop("immediate")
        shutil.rmtree(folder, ignore_errors=True)
