"""Fixtures for the whole suite: databases on every backend (storage.testing) and the fakes."""

from collections.abc import AsyncIterator, Callable

import pytest

pytest.register_assert_rewrite("storage.testing")

from core.ports import UnitOfWork  # noqa: E402
from storage.testing import BACKENDS, fresh_database, sql_uow_factory  # noqa: E402
from tests.fakes import FakeDatabase, FakeUnitOfWork  # noqa: E402

pytest_plugins = ["storage.testing"]


@pytest.fixture(params=["fake", *BACKENDS])
async def any_uow_factory(
    request: pytest.FixtureRequest,
) -> AsyncIterator[Callable[[], UnitOfWork]]:
    """Make units of work on a fresh store; the same test body runs on each backend."""
    if request.param == "fake":
        database = FakeDatabase()
        yield lambda: FakeUnitOfWork(database)
        return
    with fresh_database(request, request.param) as url:
        async with sql_uow_factory(url) as factory:
            yield factory
