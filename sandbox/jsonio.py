"""Fast JSON encoding for the emulator: orjson when installed, the standard library otherwise."""

from __future__ import annotations

import json
from typing import Any

try:  # orjson is several times faster, which keeps the emulator off the critical path
    import orjson
except ImportError:  # pragma: no cover - depends on the environment
    orjson = None  # type: ignore[assignment]


def dumps(value: Any) -> bytes:
    """Encode a value as compact UTF-8 JSON."""
    if orjson is not None:
        return orjson.dumps(value)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def loads(data: bytes | str) -> Any:
    """Decode JSON text or bytes."""
    if orjson is not None:
        return orjson.loads(data)
    return json.loads(data)
