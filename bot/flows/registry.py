"""Every conversation the bot holds, by name; commands map to them through `Flow.commands`."""

from __future__ import annotations

from functools import cache

from bot.flows.announce import Announce
from bot.flows.board import Board
from bot.flows.candidate import Candidate
from bot.flows.complaint import Complaint
from bot.flows.deadline import Deadline
from bot.flows.flow import Flow
from bot.flows.groups_overview import GroupsOverview
from bot.flows.help import Fallback, Help
from bot.flows.language import Language
from bot.flows.link import Link
from bot.flows.observe import Observe
from bot.flows.protocol import Protocol
from bot.flows.results import Results
from bot.flows.review import Review
from bot.flows.start import Start
from bot.flows.status import Status
from bot.flows.vote import Vote
from bot.flows.voter import Voter

FALLBACK = "fallback"


@cache
def all_flows() -> dict[str, Flow]:
    flows: list[Flow] = [Start(), Language(all_flows), Help(), Fallback(), Voter(), Candidate()]
    flows += [Status(all_flows)]
    flows += [Review(), Observe(), Complaint()]
    flows += [Link(), Announce()]
    flows += [Deadline(), GroupsOverview(), Protocol()]
    flows += [Vote(), Results(), Board()]
    return {flow.name: flow for flow in flows}
