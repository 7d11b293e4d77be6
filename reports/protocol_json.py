"""The protocol as JSON: every figure of the document, for machines and for the archive."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel

from reports.model import ProtocolData

FORMAT = "saylau-protocol/1"


def protocol_json(data: ProtocolData, language: str) -> bytes:
    """Serialise the protocol's values; suppressed regional figures stay null."""
    body = {
        "format": FORMAT,
        "language": language,
        "draft": data.draft,
        "turnout": data.electorate.turnout,
        **dataclasses.asdict(data),
    }
    text = json.dumps(body, default=_plain, ensure_ascii=False, indent=2, sort_keys=True)
    return (text + "\n").encode("utf-8")


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, frozenset | set):
        return sorted(value)
    raise TypeError(f"{type(value).__name__} is not JSON")
