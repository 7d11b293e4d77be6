"""Assemble the framework-free bot: catalogue, vault, flows, engine, courier."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.delivery import Courier, Transport
from bot.flows.engine import Engine, EngineParts
from bot.flows.registry import FALLBACK, all_flows
from bot.flows.render import Renderer
from bot.i18n.catalogue import Catalogue
from bot.runtime import BotRuntime
from bot.vault import Vault
from core.ports import Clock
from core.ports_dialogue import DialogueUnitOfWork


@dataclass(frozen=True)
class BotParts:
    uow_factory: Callable[[], DialogueUnitOfWork]
    vault: Vault
    clock: Clock
    timezone: str = "Asia/Almaty"
    default_language: str = "ru"


def assemble(parts: BotParts, bot_link: str) -> BotRuntime:
    """Build the runtime that both adapters drive."""
    renderer = Renderer(Catalogue.load(parts.timezone, parts.default_language))
    engine = Engine(
        EngineParts(
            uow_factory=parts.uow_factory,
            clock=parts.clock,
            renderer=renderer,
            vault=parts.vault,
            flows=all_flows(),
            fallback=FALLBACK,
            bot_link=bot_link,
        )
    )
    return BotRuntime(engine, parts.vault, renderer)


def courier(parts: BotParts, transport: Transport) -> Courier:
    return Courier(parts.uow_factory, parts.vault, transport, parts.clock)
