"""The conversation engine: one event in, its effects committed, the messages to send out.

Per event, in one transaction: the update is recorded as handled (a second delivery changes
nothing), the person's conversation state is read, the flow reacts, the new state and every
message it caused are written (replies and notices go to the outbox), then it commits. Only after
the commit are messages handed to the adapter to send, so nothing is announced that did not happen.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
import weakref
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import cast

from bot.flows.flow import Flow
from bot.flows.joined import Joined
from bot.flows.presses import press, remaining
from bot.flows.refusals import explain
from bot.flows.render import Renderer, encode
from bot.flows.turn import Turn
from bot.flows.vocabulary import Button, Event, EventKind, Say
from bot.vault import Vault
from core.dialogue import ConversationState, OutgoingMessage
from core.errors import Refused
from core.ports import Clock
from core.ports_dialogue import DialogueUnitOfWork, StaleConversation

log = logging.getLogger(__name__)
Deliver = Callable[[Sequence[OutgoingMessage]], Awaitable[None]]
_ATTEMPTS = 3  # a turn is redone when another replica changed the conversation meanwhile


@dataclass(frozen=True)
class EngineParts:
    uow_factory: Callable[[], DialogueUnitOfWork]
    clock: Clock
    renderer: Renderer
    vault: Vault
    flows: Mapping[str, Flow]  # by name
    fallback: str  # the flow that answers free text when no conversation is under way
    bot_link: str  # https://t.me/<bot>, for the "continue privately" button in group chats


class Engine:
    def __init__(self, parts: EngineParts) -> None:
        self.parts = parts
        self.commands = {c: flow for flow in parts.flows.values() for c in flow.commands}
        # One person's updates are handled one at a time, in order; different people in parallel.
        self._locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()

    async def handle(self, event: Event, deliver: Deliver) -> None:
        """React to `event`, commit, then `deliver` what it said, before the person's next event."""
        lock = self._locks.setdefault(event.person, asyncio.Lock())
        async with lock:
            for attempt in range(1, _ATTEMPTS + 1):
                try:
                    outgoing = await self._handle_once(event)
                    break
                except StaleConversation:
                    log.info("conversation changed concurrently; redoing turn (%d)", attempt)
            else:
                raise StaleConversation("the conversation kept changing; giving up this update")
            await deliver(outgoing)

    async def _handle_once(self, event: Event) -> list[OutgoingMessage]:
        async with self.parts.uow_factory() as uow:
            if not await uow.updates.first_time(event.update_id):
                return []
            state = await uow.conversations.get(event.person) or ConversationState(event.person)
            turn = self._turn(event, state, uow)
            await self._route(turn, state)
            outgoing = await self._write(turn, state, uow)
            await uow.commit()
        return outgoing

    def _turn(self, event: Event, state: ConversationState, uow: DialogueUnitOfWork) -> Turn:
        catalogue = self.parts.renderer.catalogue
        data = self.parts.vault.open_notes(state.data, event.person)
        return Turn(
            event=event,
            uow=cast(DialogueUnitOfWork, Joined(uow)),
            clock=self.parts.clock,
            now=self.parts.clock.now(),
            language=state.language or catalogue.language_for(event.telegram_language),
            flow=state.flow,
            step=state.step,
            data=data,
            vault=self.parts.vault,
            renderer=self.parts.renderer,
            argument=event.text if event.kind is EventKind.COMMAND else "",
        )

    async def _route(self, turn: Turn, state: ConversationState) -> None:
        event = turn.event
        try:
            if not event.private and not self._meant_for_groups(event):
                self._in_group(turn)
            elif event.edited:
                turn.say("common.edits_not_read")
            elif event.kind is EventKind.COMMAND and event.command in self.commands:
                await self._command(turn, self.commands[event.command])
            elif event.kind is EventKind.BUTTON:
                await press(turn, state.buttons, self.parts.flows, self.parts.vault)
            elif turn.flow is not None and turn.flow in self.parts.flows:
                flow = self.parts.flows[turn.flow]
                turn.speaker = flow.name
                if event.kind is EventKind.DOCUMENT:
                    await flow.on_document(turn)
                else:
                    await flow.on_text(turn)
            else:
                fallback = self.parts.flows[self.parts.fallback]
                turn.speaker = fallback.name
                await fallback.begin(turn)
            await self._follow_handovers(turn)
        except Refused as refusal:
            await explain(turn, refusal, self.parts.renderer)

    async def _follow_handovers(self, turn: Turn) -> None:
        for _ in range(3):  # a hand-over may hand over again, but never in circles
            if turn.handover is None:
                return
            (name, argument), turn.handover = turn.handover, None
            flow = self.parts.flows[name]
            turn.speaker = name
            turn.begin(name)
            turn.argument = argument
            await flow.begin(turn)

    def _meant_for_groups(self, event: Event) -> bool:
        """A few commands (/link) are sent in a group chat on purpose; nothing else is."""
        flow = self.commands.get(event.command or "")
        return event.kind is EventKind.COMMAND and flow is not None and flow.group_chat

    def _in_group(self, turn: Turn) -> None:
        """Registration and voting never happen where others can see: point to a private chat."""
        if turn.event.kind is EventKind.COMMAND:
            private = Button("continue", key="common.continue_privately", url=self.parts.bot_link)
            turn.say("common.private_only", buttons=((private,),))

    async def _command(self, turn: Turn, flow: Flow) -> None:
        if flow.takes_over:
            turn.begin(flow.name)
        turn.speaker = flow.name
        await flow.begin(turn)

    async def _write(
        self, turn: Turn, state: ConversationState, uow: DialogueUnitOfWork
    ) -> list[OutgoingMessage]:
        renderer, vault, person = self.parts.renderer, self.parts.vault, turn.person
        language = turn.chosen_language or turn.language
        tokens: dict[str, str] = {}
        outgoing = []
        for say in turn.said:
            body = renderer.body(say, language, tokens)
            if say.replace and turn.event.message_id is not None:
                body["edit"] = turn.event.message_id
            outgoing.append(self._message(turn.event.contact, body, turn))
        for notice in turn.notices:
            message = await self._notice(uow, notice.person, notice.say, turn)
            if message is not None:
                outgoing.append(message)
        for message in outgoing:
            await uow.outbox.add(message)
        buttons = remaining(state.buttons, tokens, turn, vault)
        await uow.conversations.save(
            replace(
                state,
                flow=turn.flow,
                step=turn.step,
                data=vault.seal_notes(turn.data, person),
                buttons=buttons,
                language=turn.chosen_language or state.language,
            )
        )
        return outgoing

    async def _notice(
        self, uow: DialogueUnitOfWork, person: str, say: Say, turn: Turn
    ) -> OutgoingMessage | None:
        """Address a message to someone else, in their language; skip who cannot be reached."""
        recipient = await uow.people.get(person)
        if recipient is None or recipient.contact is None:
            return None
        body = self.parts.renderer.body(say, recipient.language, {})
        return self._message(recipient.contact, body, turn)

    def _message(self, contact: bytes, body: dict[str, object], turn: Turn) -> OutgoingMessage:
        message_id = uuid.uuid4().hex
        return OutgoingMessage(
            id=message_id,
            chat=contact,
            body=self.parts.vault.seal_body(encode(body), message_id),
            created_at=turn.now,
        )
