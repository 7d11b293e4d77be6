"""setWebhook, deleteWebhook and getWebhookInfo."""

from __future__ import annotations

import re
from typing import Any

from sandbox.bots import WebhookConfig
from sandbox.errors import bad_request
from sandbox.methods.registry import CallContext, method
from sandbox.params import Params

SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")


def _switch(ctx: CallContext, webhook: WebhookConfig | None, params: Params) -> bool:
    """Install or remove a webhook, ending any long poll and restarting delivery."""
    bot = ctx.bot
    if params.flag("drop_pending_updates"):
        bot.updates.clear()
    bot.webhook = webhook
    bot.poll_generation += 1
    bot.updates.changed.notify()
    ctx.on_webhook_change(bot)
    return True


@method("setWebhook")
async def set_webhook(ctx: CallContext, params: Params) -> bool:
    """Deliver updates by POST to a URL (plain http is allowed: this is loopback)."""
    url = params.text("url") or ""
    if not url:
        return _switch(ctx, None, params)
    if not url.startswith(("http://", "https://")):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    secret = params.text("secret_token")
    if secret is not None and not SECRET_TOKEN.fullmatch(secret):
        raise bad_request("secret token contains unallowed characters")
    connections = params.integer("max_connections", 40) or 40
    if not 1 <= connections <= 100:
        raise bad_request("bad webhook: max_connections must be between 1 and 100")
    ctx.bot.updates.set_allowed(params.json("allowed_updates"))
    return _switch(ctx, WebhookConfig(url, secret, connections), params)


@method("deleteWebhook")
async def delete_webhook(ctx: CallContext, params: Params) -> bool:
    """Go back to getUpdates."""
    return _switch(ctx, None, params)


@method("getWebhookInfo")
async def get_webhook_info(ctx: CallContext, params: Params) -> dict[str, Any]:
    """Return the webhook state, including the last delivery error."""
    queue = ctx.bot.updates
    if ctx.bot.webhook is None:
        return {
            "url": "",
            "has_custom_certificate": False,
            "pending_update_count": queue.pending_count,
        }
    return ctx.bot.webhook.info(queue.pending_count, queue.allowed)
