"""Pytest fixtures: a running emulator on a free loopback port, flood control off by default.

Use from any test folder with ``pytest_plugins = ["sandbox.testing"]`` in a test module, or by
importing the fixtures into a conftest.py.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import pytest

from sandbox.flood import FloodLimits
from sandbox.server import Emulator
from sandbox.world import World

EmulatorFactory = Callable[..., AbstractAsyncContextManager[Emulator]]


@asynccontextmanager
async def running_emulator(
    flood: bool | FloodLimits = False, webhook_retry: float = 0.05
) -> AsyncIterator[Emulator]:
    """Start an emulator on a free port and stop it afterwards."""
    limits = flood if isinstance(flood, FloodLimits) else FloodLimits(enabled=flood)
    emulator = Emulator(World(flood=limits), webhook_retry=webhook_retry)
    async with emulator:
        yield emulator


@pytest.fixture
async def emulator() -> AsyncIterator[Emulator]:
    """A running emulator with flood control switched off."""
    async with running_emulator() as started:
        yield started


@pytest.fixture
def emulator_factory() -> EmulatorFactory:
    """Start emulators with other settings: ``async with emulator_factory(flood=True) as emu``."""
    return running_emulator
