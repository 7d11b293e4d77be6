"""The SQL unit of work: one session, one transaction, every repository on it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from types import TracebackType
from typing import Self

from sqlalchemy.ext.asyncio import AsyncSession, AsyncSessionTransaction, async_sessionmaker

from storage.db import create_engine, session_factory
from storage.repositories.complaints import SqlComplaints
from storage.repositories.counting import SqlResults, SqlVotingRecords
from storage.repositories.dialogue import SqlConversations, SqlHandledUpdates, SqlOutbox
from storage.repositories.elections import SqlContests, SqlCycles, SqlGroups, SqlPastTerms
from storage.repositories.erasure import SqlErasure
from storage.repositories.invites import SqlInvites
from storage.repositories.outbox_claims import SqlBroadcasts, SqlOutboxClaims
from storage.repositories.people import SqlPeople, SqlRoles
from storage.repositories.registration import SqlCandidates, SqlVoters
from storage.repositories.schedule import SqlGroupChats, SqlLeases, SqlScheduleMarks
from storage.repositories.voting import SqlAuditLog, SqlBallotBox


@asynccontextmanager
async def open_database(url: str) -> AsyncIterator[Callable[[], SqlUnitOfWork]]:
    """Open an engine on `url`, hand out units of work on it, and close it afterwards."""
    engine = create_engine(url)
    sessions = session_factory(engine)
    try:
        yield lambda: SqlUnitOfWork(sessions)
    finally:
        await engine.dispose()


class SqlUnitOfWork:
    """`async with uow:` opens a transaction; leaving without `commit()` rolls it back."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions
        self._session: AsyncSession | None = None

    async def __aenter__(self) -> Self:
        if self._session is not None:
            raise RuntimeError("this unit of work is already open")
        session = self._sessions()
        self._session = session
        self.cycles = SqlCycles(session)
        self.groups = SqlGroups(session)
        self.contests = SqlContests(session)
        self.past_terms = SqlPastTerms(session)
        self.people = SqlPeople(session)
        self.roles = SqlRoles(session)
        self.voters = SqlVoters(session)
        self.candidates = SqlCandidates(session)
        self.ballots = SqlBallotBox(session)
        self.audit = SqlAuditLog(session)
        self.votes = SqlVotingRecords(session)
        self.results = SqlResults(session)
        self.conversations = SqlConversations(session)
        self.outbox = SqlOutbox(session)
        self.updates = SqlHandledUpdates(session)
        self.invites = SqlInvites(session)
        self.complaints = SqlComplaints(session)
        self.group_chats = SqlGroupChats(session)
        self.schedule_marks = SqlScheduleMarks(session)
        self.leases = SqlLeases(session)
        self.outbox_claims = SqlOutboxClaims(session)
        self.broadcasts = SqlBroadcasts(session)
        self.erasure = SqlErasure(session)
        await session.begin()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session, self._session = self._session, None
        if session is None:
            return
        try:
            await session.rollback()  # a no-op after commit; undoes everything otherwise
        finally:
            await session.close()

    async def commit(self) -> None:
        await self._current().commit()

    async def rollback(self) -> None:
        await self._current().rollback()

    async def begin_savepoint(self) -> AsyncSessionTransaction:
        """Open a savepoint inside the transaction (a use case run inside a bot's turn)."""
        return await self._current().begin_nested()

    def _current(self) -> AsyncSession:
        if self._session is None:
            raise RuntimeError("use the unit of work inside `async with`")
        return self._session
