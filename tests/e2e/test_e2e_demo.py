"""`saylau demo` as a person runs it: one command, no token, no server; a small rehearsal at a
high speed, in its own process, as `./scripts/demo` would start it."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from admin_cli.demo.outputs import reports_installed
from core.services.verify import verify_export

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
GROUPS = ("PLHIV", "HIV-NGO")  # the two that show the most rules: chosen by --groups 2


def run_demo(tmp_path: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return run_saylau(tmp_path, None, "demo", *arguments)


def run_saylau(
    tmp_path: Path, database_url: str | None, *arguments: str
) -> subprocess.CompletedProcess[str]:
    """Run `saylau` in its own process with fixed keys, in `tmp_path`."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DATABASE_URL", "BOT_TOKEN", "TIMEZONE"}
    }
    environment.update(
        PYTHONPATH=str(ROOT),
        PSEUDONYM_KEY=base64.urlsafe_b64encode(b"p" * 32).decode(),
        DATA_KEY=base64.urlsafe_b64encode(b"d" * 32).decode(),
    )
    if database_url is not None:
        environment["DATABASE_URL"] = database_url
    command = [sys.executable, "-m", "admin_cli", *arguments]
    return subprocess.run(
        command,
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_a_small_rehearsal_reconciles_and_leaves_every_file(tmp_path: Path) -> None:
    out = tmp_path / "demo-out"
    example = ROOT / "examples" / "election-2024.yaml"
    arguments = ("--groups", "2", "--voters", "6", "--speed", "4", "--seed", "7")
    done = run_demo(tmp_path, *arguments, "--election", str(example), "--out", str(out))
    said = done.stdout + done.stderr
    assert done.returncode == 0, said
    assert "everything reconciles" in said
    # The Secretariat's status table, one per group, and what the people did.
    assert "PLHIV: People living with HIV" in said and "Turnout" in said
    assert "refused by the rule" in said and "giving a reason" in said
    assert "the new seats were confirmed" in said
    assert (out / "saylau-demo.db").is_file()
    for group in GROUPS:
        export = json.loads((out / "exports" / f"{group}.json").read_text(encoding="utf-8"))
        assert verify_export(export) == []
        assert export["results"][-1]["confirmed_at"] is not None
        board = json.loads((out / "boards" / f"{group}.json").read_text(encoding="utf-8"))
        assert board["confirmed_version"] == export["results"][-1]["version"]
        assert "Receipts" in (out / "boards" / f"{group}.md").read_text(encoding="utf-8")
    withdrew = json.loads((out / "exports" / "PLHIV.json").read_text(encoding="utf-8"))
    assert len(withdrew["results"]) == 2  # the member withdrew: a second, confirmed version
    if reports_installed():
        protocols = out / "protocols"
        for group in GROUPS:
            assert list(protocols.glob(f"*{group}*.pdf")) and list(
                protocols.glob(f"*{group}*.docx")
            )
            assert list((out / "archives").glob(f"*{group}*.zip"))
    else:
        assert "skipped" in said


def test_a_database_that_holds_an_election_is_left_alone(tmp_path: Path) -> None:
    database = tmp_path / "production.db"
    example = str(ROOT / "examples" / "election-2024.yaml")
    url = f"sqlite+aiosqlite:///{database}"
    upgraded = run_saylau(tmp_path, url, "db", "upgrade")
    assert upgraded.returncode == 0, upgraded.stdout + upgraded.stderr
    loaded = run_saylau(tmp_path, url, "election", "load", example)
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    before = database.read_bytes()
    refused = run_saylau(tmp_path, url, "demo", "--election", example, "--out", "demo-out")
    assert refused.returncode != 0
    assert "already holds the cycle ccm-2024" in refused.stderr
    assert database.read_bytes() == before
