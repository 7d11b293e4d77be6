"""`saylau demo`: a whole election, simulated offline over the Telegram emulator."""

from admin_cli.demo.command import demo

__all__ = ["demo"]
