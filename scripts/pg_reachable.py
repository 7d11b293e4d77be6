"""Exit 0 when the PostgreSQL named by the URL accepts a connection, 1 otherwise."""

import asyncio
import sys

import asyncpg  # type: ignore[import-untyped]


async def _probe(url: str) -> bool:
    dsn = url.replace("postgresql+asyncpg://", "postgresql://", 1)
    try:
        connection = await asyncpg.connect(dsn, timeout=3)
    except (TimeoutError, OSError, asyncpg.PostgresError):
        return False
    await connection.close()
    return True


if __name__ == "__main__":
    sys.exit(0 if asyncio.run(_probe(sys.argv[1])) else 1)
