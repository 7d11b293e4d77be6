"""Every conversation the bot holds, by name; commands map to them through `Flow.commands`."""

from __future__ import annotations

from functools import cache

from bot.flows.flow import Flow
from bot.flows.help import Fallback, Help
from bot.flows.language import Language
from bot.flows.start import Start

FALLBACK = "fallback"


@cache
def all_flows() -> dict[str, Flow]:
    flows: list[Flow] = [Start(), Language(all_flows), Help(), Fallback()]
    return {flow.name: flow for flow in flows}
