"""Every refusal the core can raise reaches a person as a sentence in their language."""

import ast
import re
from pathlib import Path

from bot.i18n.catalogue import LANGUAGES, Catalogue

CORE = Path(__file__).resolve().parents[2] / "core"
CODE = re.compile(r"^[a-z_]+\.[a-z_]+$")
# Guards build these from a stage name: core.stages.window(prefix, ...)
WINDOWS = ("registration", "voting", "admissions")
# Audit actions share the dotted shape; they are recorded, never shown as refusals.
AUDIT_MODULES = {"load_election.py", "group_plan.py"}


def refusal_codes() -> set[str]:
    """Collect the codes passed to Reason(...), and the constants that name codes."""
    codes = {f"{prefix}.{end}" for prefix in WINDOWS for end in ("not_open", "closed")}
    for path in CORE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Reason":
                first = node.args[0] if node.args else None
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    codes.add(first.value)
            uppercase_constant = (
                isinstance(node, ast.Assign)
                and all(isinstance(t, ast.Name) and t.id.isupper() for t in node.targets)
                and isinstance(node.value, ast.Constant)
            )
            if uppercase_constant and path.name not in AUDIT_MODULES:
                value = node.value.value  # type: ignore[attr-defined]
                if isinstance(value, str) and CODE.match(value):
                    codes.add(value)
        if path.name == "eligibility.py":  # codes listed in its conflict tables
            text = path.read_text(encoding="utf-8")
            codes |= set(re.findall(r'"((?:eligibility|cross_group)\.[a-z_]+)"', text))
    return {code for code in codes if CODE.match(code)}


def test_the_scan_finds_the_codes_people_meet_most() -> None:
    codes = refusal_codes()
    assert {
        "registration.closed",
        "voter.already_registered",
        "cross_group.votes_elsewhere",
    } <= codes
    assert len(codes) > 40


def test_every_refusal_code_has_a_message_in_every_language() -> None:
    catalogue = Catalogue.load()
    missing = sorted(
        f"{language}: reasons.{code}"
        for code in refusal_codes()
        for language in LANGUAGES
        if f"reasons.{code}" not in catalogue.messages[language]
    )
    assert missing == []
