"""`saylau`: the CCM Secretariat's command line."""

from __future__ import annotations

import typer

from admin_cli.db import db_app
from admin_cli.demo import demo
from admin_cli.election import election_app
from admin_cli.loading import load
from admin_cli.run import run

election_app.command("load")(load)

app = typer.Typer(
    name="saylau",
    help="Run the community elections to the Country Coordinating Mechanism.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # a traceback must never print keys or tokens
)
app.add_typer(election_app, name="election")
app.add_typer(db_app, name="db")
app.command("demo")(demo)
app.command("run")(run)


def main() -> None:
    app()
