"""`saylau run`: the bot itself, with python-telegram-bot or aiogram, polling or by webhook."""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer

from admin_cli import context
from app import logs
from app.serve import NotReady, serve
from bot.launch import Framework


def run(
    framework: Annotated[
        Framework, typer.Option(help="ptb (python-telegram-bot) or aiogram.")
    ] = Framework.PTB,
    log_level: Annotated[str, typer.Option(help="DEBUG, INFO or WARNING.")] = "INFO",
) -> None:
    """Run the bot until Ctrl+C; webhook mode when WEBHOOK_URL is set, polling otherwise."""
    settings = context.settings()
    keys = context.keys(settings, generate=False)  # invented keys would orphan every pseudonym
    logs.configure(log_level)
    try:
        asyncio.run(serve(settings, keys, framework))
    except NotReady as problem:
        context.fail(str(problem), code=2)
