"""`saylau db ...`: migrate the database and say which schema revision it is at.

Failures end in one line naming the problem and the database (password masked), never a
traceback: the person running this is an administrator at a terminal, not a developer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, NoReturn, TypeVar

import typer
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from admin_cli import context
from storage.db import masked
from storage.migrate import current, head, upgrade

T = TypeVar("T")

db_app = typer.Typer(help="Create and migrate the database.", no_args_is_help=True)

DatabaseUrl = Annotated[
    str | None,
    typer.Option(
        "--database-url",
        help="SQLAlchemy URL, e.g. postgresql+asyncpg://user@host/saylau "
        "(default: DATABASE_URL from the environment or .env, else ./saylau.db)",
        show_default=False,
    ),
]


def _resolve(database_url: str | None) -> str:
    """Use the given URL, else the configured one; make the keys on a first local run."""
    settings = context.settings()
    context.keys(settings)
    return database_url or settings.database_url


@db_app.command("upgrade")
def upgrade_command(database_url: DatabaseUrl = None) -> None:
    """Migrate the database to the newest schema."""
    database_url = _resolve(database_url)
    revision = _guarded(database_url, lambda: upgrade(database_url))
    typer.echo(f"{masked(database_url)} is at revision {revision} (head)")


@db_app.command("current")
def current_command(database_url: DatabaseUrl = None) -> None:
    """Show the database's schema revision and whether it is the newest."""
    database_url = context.settings().database_url if database_url is None else database_url
    revision = _guarded(database_url, lambda: current(database_url))
    newest = head()
    if revision is None:
        state = "has no schema yet: run `saylau db upgrade`"
    elif revision == newest:
        state = f"is at revision {revision} (head)"
    else:
        state = f"is at revision {revision}; the newest is {newest}: run `saylau db upgrade`"
    typer.echo(f"{masked(database_url)} {state}")


def _guarded(url: str, work: Callable[[], T]) -> T:
    """Run `work`, turning any failure into one readable line and exit status 1."""
    try:
        make_url(url)
    except ArgumentError:
        _say(
            "error: the database URL cannot be parsed (expected e.g. sqlite+aiosqlite:///./saylau.db)"
        )
    try:
        return work()
    except NoSuchModuleError:
        _fail(
            url, "uses a driver Saylau does not have (use sqlite+aiosqlite or postgresql+asyncpg)"
        )
    except DBAPIError as error:
        _fail(url, f"cannot be used: {_first_line(error.orig)}")
    except (OSError, TimeoutError) as error:
        _fail(url, f"cannot be reached: {_first_line(error)}")
    except Exception as error:
        _fail(url, f"failed: {type(error).__name__}: {_first_line(error)}")


def _first_line(error: BaseException | None) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


def _fail(url: str, problem: str) -> NoReturn:
    message = f"error: the database {masked(url)} {problem}"
    password = make_url(url).password
    if password:  # drivers sometimes echo the URL they were given
        message = message.replace(str(password), "***")
    _say(message)


def _say(message: str) -> NoReturn:
    typer.secho(message, err=True, fg=typer.colors.RED)
    raise typer.Exit(code=1)
