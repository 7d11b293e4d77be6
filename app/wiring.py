"""Where the pieces meet: settings and keys in, a database and its units of work out."""

from __future__ import annotations

from storage.uow import open_database as database

__all__ = ["database"]
