"""Bot API method handlers; importing this package fills the method table."""

from sandbox.methods import (  # noqa: F401  (imported for their registrations)
    callbacks,
    chats,
    files,
    menus,
    messages,
    polling,
    webhooks,
)
from sandbox.methods.registry import METHODS, CallContext, Handler

__all__ = ["METHODS", "CallContext", "Handler"]
