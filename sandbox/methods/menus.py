"""setMyCommands, getMyCommands and deleteMyCommands per scope and language."""

from __future__ import annotations

from sandbox.commands import ScopeKey, check_commands, scope_key
from sandbox.errors import bad_request
from sandbox.methods.registry import CallContext, method
from sandbox.params import Params


def _scope_and_language(ctx: CallContext, params: Params) -> tuple[ScopeKey, str]:
    """Read and check the scope and language_code parameters."""
    scope = params.json("scope")
    if scope is not None and not isinstance(scope, dict):
        raise bad_request("can't parse BotCommandScope JSON object")
    key = scope_key(scope)
    if len(key) > 1 and key[1] not in ctx.world.chats:
        raise bad_request("chat not found")
    language = params.text("language_code") or ""
    if language and not (len(language) == 2 and language.isalpha() and language.islower()):
        raise bad_request("invalid language code specified")
    return key, language


@method("setMyCommands")
async def set_my_commands(ctx: CallContext, params: Params) -> bool:
    """Store the command menu for a scope and language."""
    commands = check_commands(params.json("commands"))
    ctx.bot.commands.set(*_scope_and_language(ctx, params), commands)
    return True


@method("getMyCommands")
async def get_my_commands(ctx: CallContext, params: Params) -> list[dict[str, str]]:
    """Return the command menu set for exactly this scope and language."""
    return ctx.bot.commands.get(*_scope_and_language(ctx, params))


@method("deleteMyCommands")
async def delete_my_commands(ctx: CallContext, params: Params) -> bool:
    """Remove the command menu of a scope and language."""
    ctx.bot.commands.set(*_scope_and_language(ctx, params), [])
    return True
