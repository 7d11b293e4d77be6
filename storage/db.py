"""Opening the database: an async engine for a URL, tuned for the backend behind it.

PostgreSQL goes through asyncpg. SQLite goes through aiosqlite with foreign keys on (SQLite
ignores them otherwise), WAL so readers do not wait for the writer, a busy timeout, and
`BEGIN IMMEDIATE` transactions: a transaction that reads the audit head and then writes must
hold the write lock from its start, or two of them could both read the same head. The default
synchronous=FULL stays: a ballot the voter was told is recorded must survive a power cut, even
though NORMAL would commit about six times faster.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

SQLITE_BUSY_TIMEOUT_MS = 15_000
CONNECT_TIMEOUT_SECONDS = 10
# The bot serves 16 updates at once while its sender and scheduler hold a connection each. With
# SQLAlchemy's default pool of 5, every busy moment opened overflow connections and closed them
# again after use: a new login each time, and the prepared statements cached on it lost.
POOL_SIZE = 20


def is_sqlite(url: str | URL) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def masked(url: str | URL) -> str:
    """Render a URL for people to read, with any password replaced by ***."""
    return make_url(url).render_as_string(hide_password=True)


def create_engine(url: str | URL, **options: Any) -> AsyncEngine:
    """Make an async engine for `url`, creating the SQLite file's folder if needed."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        # Fail in seconds, not asyncpg's default minute, when the server is not there.
        options.setdefault("connect_args", {"timeout": CONNECT_TIMEOUT_SECONDS})
        if options.get("poolclass") is None:
            options.setdefault("pool_size", POOL_SIZE)
        return create_async_engine(parsed, pool_pre_ping=True, **options)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_async_engine(parsed, **options)
    _tune_sqlite(engine)
    return engine


def _tune_sqlite(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transactions out of the driver's hands so that `begin` below decides how they start.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Make sessions that keep loaded values usable after commit."""
    return async_sessionmaker(engine, expire_on_commit=False)
