"""`saylau`: the CCM Secretariat's command line."""

from __future__ import annotations

import typer

from admin_cli.archive import archive_app
from admin_cli.audit import audit_app
from admin_cli.db import db_app
from admin_cli.demo import demo
from admin_cli.election import election_app
from admin_cli.export import export
from admin_cli.loading import load
from admin_cli.protocol import protocol_app
from admin_cli.purge import purge
from admin_cli.roles import roles_app
from admin_cli.run import run
from admin_cli.schedule import schedule_app
from admin_cli.show import show
from admin_cli.status import status
from admin_cli.verify import verify

election_app.command("load")(load)
election_app.command("show")(show)

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
app.add_typer(roles_app, name="roles")
app.command("status")(status)
app.add_typer(audit_app, name="audit")
app.command("purge")(purge)
app.add_typer(schedule_app, name="schedule")
app.command("export")(export)
app.command("verify")(verify)
app.add_typer(protocol_app, name="protocol")
app.add_typer(archive_app, name="archive")


def main() -> None:
    app()
