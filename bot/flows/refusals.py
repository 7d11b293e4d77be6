"""Telling a person why something was refused: the reason's message, in their language.

Reasons come from the core with codes in their parameters; a group appears there by its code
(SW, PLHIV), which the person never typed and may not recognise, so it is shown by its name.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from bot.flows.render import Renderer
from bot.flows.turn import Turn
from core.errors import Refused
from core.services.context import find_group

log = logging.getLogger(__name__)


async def explain(turn: Turn, refusal: Refused, renderer: Renderer) -> None:
    """Say why, in the person's language; a code without a message still gets one."""
    key = f"reasons.{refusal.reason.code}"
    if renderer.catalogue.has(key):
        # Passed as a mapping: a reason's params may be named like say()'s own arguments.
        turn.say_values(key, await with_group_names(turn, refusal.reason.params))
    else:
        log.warning("no message for refusal %s", refusal.reason.code)
        turn.say("reasons.generic", code=refusal.reason.code)


async def with_group_names(turn: Turn, params: Mapping[str, Any]) -> dict[str, Any]:
    """Replace a group's code by its name in the reader's language, where the group is known."""
    code = params.get("group")
    if not isinstance(code, str):
        return dict(params)
    try:
        group = await find_group(turn.uow, code)
    except Refused:  # no such group in the current cycle: the code is all there is to show
        return dict(params)
    return {**params, "group": group.names.get(turn.language)}
