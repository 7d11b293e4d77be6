"""`saylau roles`: invite links, the list of holders by code, and revoking by code."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from PIL import Image

from core.model import Person, Role, RoleGrant
from core.privacy import readable_code
from core.services.invites import redeem_invite
from core.services.people import consent
from tests.cli.cli_support import assert_private, on_database, run, sql, sqlite_only
from tests.cli.election_script import VOTING, sealer
from tests.fakes import FakeClock

LINK = "https://t.me/saylau_test_bot?start="


def invite_token(out: str) -> str:
    [line] = [line for line in out.splitlines() if line.startswith("https://t.me/")]
    return line.removeprefix(LINK)


def test_an_invite_prints_a_deep_link_whose_token_is_kept_only_as_a_hash(played, monkeypatch):
    url, cast = played
    monkeypatch.setenv("BOT_USERNAME", "@saylau_test_bot")
    code, out, err = run("roles", "invite", "--group", "PLHIV", "--role", "observer")
    assert code == 0, err
    token = invite_token(out)
    assert token.startswith("r-") and len(token) > 30
    assert "2024-08-26 09:00 (Asia/Almaty)" in out  # 72 hours after the commands' "now"
    hashes = [row[0] for row in sql(url, "SELECT token_hash FROM invites")]
    assert hashlib.sha256(token.encode()).hexdigest() in hashes
    assert token not in hashes
    assert_private(out + err, cast)


def test_the_printed_link_appoints_whoever_opens_it_and_the_list_shows_their_code(played):
    url, cast = played
    code, out, err = run(
        "roles",
        "invite",
        "--group",
        "TB",
        "--role",
        "committee",
        "--bot-username",
        "saylau_test_bot",
    )
    assert code == 0, err
    newcomer = cast.person()

    async def redeem(factory):
        chat = sealer.seal(str(cast.chats[newcomer]), "chat")
        await consent(factory(), FakeClock(VOTING), person=newcomer, language="kk", contact=chat)
        await redeem_invite(factory(), FakeClock(VOTING), invite_token(out), newcomer)

    on_database(url, redeem)
    code, out, err = run("roles", "list", "--group", "TB")
    assert code == 0, err
    committee = next(line for line in out.splitlines() if "committee" in line)
    assert readable_code(newcomer, "P") in committee
    assert "2024-08-23" in committee  # granted at the commands' "now", in Almaty time
    assert_private(out + err, cast)


@sqlite_only
def test_the_qr_code_is_a_png_of_the_link(played, tmp_path):
    code, _, err = run(
        "roles", "invite", "--role", "secretariat", "--bot-username", "saylau_test_bot",
        "--qr", str(tmp_path / "invite.png"),
    )  # fmt: skip
    assert code == 0, err
    with Image.open(tmp_path / "invite.png") as image:
        assert image.format == "PNG"
        assert image.size[0] == image.size[1] > 200  # a version-4 code, boxes of 10 pixels


def test_without_a_bot_username_nothing_is_created_and_the_setting_is_named(played):
    url, _ = played
    code, out, err = run("roles", "invite", "--group", "PLHIV", "--role", "observer")
    assert code == 1
    assert "BOT_USERNAME" in err and "--bot-username" in err
    assert "t.me" not in out
    assert sql(url, "SELECT count(*) FROM invites") == [(3,)]  # the script's own three


@sqlite_only
def test_the_role_and_the_group_must_go_together(played):
    code, _, err = run("roles", "invite", "--role", "commission", "--bot-username", "abcde_bot")
    assert code == 1
    assert "--group" in err
    code, _, err = run(
        "roles", "invite", "--group", "PLHIV", "--role", "observer", "--valid-for", "soon",
        "--bot-username", "abcde_bot",
    )  # fmt: skip
    assert code == 1
    assert "'soon' is not a duration" in err


def test_the_list_shows_every_holder_by_code_with_the_pledge(played):
    _, cast = played
    code, out, err = run("roles", "list")
    assert code == 0, err
    lines = out.splitlines()
    member = readable_code(cast.commission["PLHIV"], "M")
    observer = readable_code(cast.observer, "P")
    [member_line] = [line for line in lines if member in line]
    assert "PLHIV" in member_line and "commission" in member_line
    assert "2024-08-03 09:00" in member_line  # the pledge, in Almaty time
    [observer_line] = [line for line in lines if observer in line]
    assert "observer" in observer_line and "not needed" in observer_line
    assert_private(out + err, cast)


def test_revoking_by_code_ends_the_role_and_the_list_says_when(played):
    _, cast = played
    spoken = readable_code(cast.observer, "V").lower()  # read aloud, typed in lower case
    code, out, err = run(
        "roles", "revoke", "--group", "PLHIV", "--role", "observer", "--code", spoken
    )
    assert code == 0, err
    assert f"Revoked: {readable_code(cast.observer, 'P')} no longer holds observer" in out
    _, listed, _ = run("roles", "list", "--group", "PLHIV")
    observer_line = next(line for line in listed.splitlines() if "observer" in line)
    assert "2024-08-23 09:00" in observer_line  # revoked at the commands' "now"
    code, _, err = run(
        "roles", "revoke", "--group", "PLHIV", "--role", "observer", "--code", spoken
    )
    assert code == 1
    assert "has the code" in err
    assert_private(out + err + listed, cast)


@sqlite_only
def test_an_unknown_code_or_group_revokes_nothing(played):
    code, _, err = run(
        "roles", "revoke", "--group", "PLHIV", "--role", "commission", "--code", "M-0000-0000"
    )
    assert (code, "nobody holding commission in PLHIV has the code M-0000-0000") == (
        1,
        err.strip().removeprefix("error: "),
    )
    code, _, err = run(
        "roles", "revoke", "--group", "XYZ", "--role", "observer", "--code", "P-0000-0000"
    )
    assert code == 1
    assert "there is no group XYZ" in err


def test_two_holders_sharing_a_code_are_not_guessed_between(played):
    url, _ = played
    twins = ["ab" * 8 + f"{n:048x}" for n in (1, 2)]

    async def appoint(factory):
        async with factory() as uow:
            group = await uow.groups.get("ccm-2024", "TB")
            for twin in twins:
                await uow.people.save(Person(twin, consent_at=VOTING - timedelta(days=9)))
                await uow.roles.grant(RoleGrant(twin, Role.OBSERVER, group.id, VOTING))
            await uow.commit()

    on_database(url, appoint)
    shared = readable_code(twins[0], "P")
    assert shared == readable_code(twins[1], "P")
    code, _, err = run("roles", "revoke", "--group", "TB", "--role", "observer", "--code", shared)
    assert code == 1
    assert "fits 2 holders" in err and "nothing revoked" in err
