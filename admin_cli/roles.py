"""`saylau roles ...`: appoint people by one-time link, list who holds what, revoke a role.

People are shown by readable code only (P-XXXX-XXXX, M-XXXX-XXXX for the commission): never a
pseudonym in full, a name or a chat. An invite's token is printed once and only its hash is kept.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from admin_cli import context, store
from admin_cli.invite_link import deep_link, parse_duration, write_qr
from admin_cli.roles_view import holders_table, print_table
from core.model import Role
from core.services.context import current_cycle
from core.services.invites import create_invite
from core.services.roles import RoleHolder, list_roles, revoke_role

roles_app = typer.Typer(help="Appoint people to roles, list and revoke them.", no_args_is_help=True)

GroupOption = Annotated[
    str | None, typer.Option("--group", help="The group code, e.g. PLHIV (none for secretariat).")
]
RoleOption = Annotated[Role, typer.Option("--role", case_sensitive=False, help="The role.")]
CycleOption = Annotated[
    str | None, typer.Option("--cycle", help="The cycle code (default: the latest).")
]


@roles_app.command("invite")
def invite(
    role: RoleOption,
    group: GroupOption = None,
    valid_for: Annotated[str, typer.Option(help="How long the link works: 72h, 3d, 90m.")] = "72h",
    qr: Annotated[Path | None, typer.Option(help="Also write the link as a QR code PNG.")] = None,
    bot_username: Annotated[
        str | None, typer.Option(help="The bot's @username (default: BOT_USERNAME).")
    ] = None,
    cycle: CycleOption = None,
) -> None:
    """Print a one-time, expiring link that appoints whoever opens it first to the role."""
    if (role is Role.SECRETARIAT) != (group is None):
        context.fail("give --group for every role except secretariat, and none for secretariat")
    lifetime = parse_duration(valid_for)
    settings = store.migrated_settings()
    username = bot_username or settings.bot_username
    if not username:
        context.fail("the bot's username is not known: set BOT_USERNAME or pass --bot-username")

    async def work(uow_factory: store.UowFactory) -> tuple[str, str, str]:
        async with uow_factory() as uow:
            stored = await current_cycle(uow, cycle)
        token = await create_invite(
            uow_factory(),
            store.CLOCK,
            group_code=group,
            cycle_code=stored.code,
            role=role,
            valid_for=lifetime,
        )
        return token, stored.code, stored.timezone

    token, cycle_code, timezone = store.run(settings, work)
    link = deep_link(username, token)
    expires = store.local(store.CLOCK.now() + lifetime, timezone)
    where = f"group {group}" if group else "the Secretariat"
    typer.echo(f"One-time invite: {role.value} of {where}, cycle {cycle_code}.")
    typer.echo(f"It works once, until {expires} ({timezone}). It is shown only now:")
    typer.echo(link)
    if qr is not None:
        write_qr(link, qr)
        typer.echo(f"QR code written to {qr}.")


@roles_app.command("list")
def list_command(group: GroupOption = None, cycle: CycleOption = None) -> None:
    """List who holds which role, by readable code, with the dates that matter."""
    settings = store.migrated_settings()

    async def work(uow_factory: store.UowFactory) -> tuple[list[RoleHolder], str]:
        async with uow_factory() as uow:
            timezone = (await current_cycle(uow, cycle)).timezone
        holders = await list_roles(
            uow_factory(), group_code=group, cycle_code=cycle, include_revoked=True
        )
        return holders, timezone

    holders, timezone = store.run(settings, work)
    if not holders:
        typer.echo("Nobody holds a role" + (f" in {group}." if group else " yet."))
        return
    print_table(holders_table(holders, timezone))


@roles_app.command("revoke")
def revoke(
    role: RoleOption,
    code: Annotated[str, typer.Option("--code", help="The holder's readable code, V-XXXX-XXXX.")],
    group: GroupOption = None,
    cycle: CycleOption = None,
) -> None:
    """End a person's role, finding them by the readable code shown in `roles list`."""
    if (role is Role.SECRETARIAT) != (group is None):
        context.fail("give --group for every role except secretariat, and none for secretariat")
    wanted = code_body(code)
    settings = store.migrated_settings()

    async def work(uow_factory: store.UowFactory) -> str:
        holders = await list_roles(uow_factory(), group_code=group, cycle_code=cycle)
        found = [
            h
            for h in holders
            if h.role is role and h.group_code == group and code_body(h.code) == wanted
        ]
        if not found:
            context.fail(f"nobody holding {role.value} {_in(group)} has the code {code}")
        if len(found) > 1:
            context.fail(f"the code {code} fits {len(found)} holders {_in(group)}; nothing revoked")
        await revoke_role(
            uow_factory(),
            store.CLOCK,
            person=found[0].pseudonym,
            role=role,
            group_code=group,
            cycle_code=cycle,
        )
        return found[0].code

    holder = store.run(settings, work)
    typer.echo(f"Revoked: {holder} no longer holds {role.value} {_in(group)}.")


def code_body(code: str) -> str:
    """The part of a readable code that names the person: V-7KQ4-9XPD and P-7KQ4-9XPD agree."""
    text = code.strip().upper().replace("O", "0").replace("I", "1").replace("L", "1")
    if len(text) >= 2 and text[1] == "-":
        text = text[2:]
    return text


def _in(group: str | None) -> str:
    return f"in {group}" if group else "in the Secretariat"
