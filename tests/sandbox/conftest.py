"""Emulator fixtures for the sandbox's own tests."""

from sandbox.testing import emulator, emulator_factory

__all__ = ["emulator", "emulator_factory"]
