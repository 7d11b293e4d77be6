"""Does everything add up? The same checks as `saylau verify` on every export, read back from
disk, and the demo's own count of what people did against what the records say.

Each check that fails becomes one line naming the group and what disagrees; none means the
election reconciles.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from admin_cli.demo.theatre import Story
from core.services.verify import verify_export


def verified(path: Path) -> list[str]:
    """Run the checks of `saylau verify` on an export file."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [f"{data.get('group')}: {p.code}: {p.detail}" for p in verify_export(data)]


def against_the_story(path: Path, story: Story) -> list[str]:
    """Hold an export against what the simulated people saw on their phones."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    group = data["group"]
    shown = story.receipts.get(group, {})
    problems = []
    for contest in data["contests"]:
        kind = contest["kind"]
        listed = set(contest["receipts"])
        missing = [code for code in shown.values() if code not in listed]
        if missing:
            problems.append(f"{group} {kind}: {len(missing)} receipt(s) shown to voters not listed")
        if contest["markers"] != len(shown):
            problems.append(
                f"{group} {kind}: {contest['markers']} voted, but {len(shown)} voters got a receipt"
            )
        late = story.counts[f"{group}:late"]
        if contest["late"] != late:
            problems.append(
                f"{group} {kind}: {contest['late']} late ballots recorded, {late} tried"
            )
    unseen = story.counts[f"{group}:receipts missing"]
    if unseen:
        problems.append(f"{group}: {unseen} voter(s) did not find their receipt on the board")
    withdrawals = story.counts[f"{group}:withdrawals"]
    versions = data["results"]
    if len(versions) != 1 + withdrawals:
        problems.append(f"{group}: {len(versions)} result versions after {withdrawals} withdrawals")
    elif versions and versions[-1]["confirmed_at"] is None:
        problems.append(f"{group}: the latest result version is not confirmed")
    return problems
