"""The emulator's HTTP server: Bot API and file routes, control API, start/stop/restart."""

from __future__ import annotations

import asyncio
import socket
from types import TracebackType
from typing import Any

from aiohttp import web

from sandbox import jsonio
from sandbox.bots import BotState
from sandbox.control import ControlApi, add_control_routes
from sandbox.dispatch import Dispatcher
from sandbox.errors import BotApiError, not_found
from sandbox.models import Chat, User
from sandbox.phone import Phone
from sandbox.webhook import WebhookHub
from sandbox.world import World

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
FORM_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})


def json_response(body: Any, status: int = 200) -> web.Response:
    """Answer with JSON encoded by the fastest available encoder."""
    return web.Response(body=jsonio.dumps(body), status=status, content_type="application/json")


async def read_params(request: web.Request) -> dict[str, Any]:
    """Collect parameters from the query string and a form, multipart or JSON body."""
    values: dict[str, Any] = dict(request.query)
    if request.body_exists:
        if request.content_type == "application/json":
            body = jsonio.loads(await request.read())
            if isinstance(body, dict):
                values.update(body)
        elif request.content_type in FORM_TYPES:
            values.update(await request.post())
    return values


class Emulator:
    """A running Bot API emulator around a World; the world survives restarts."""

    def __init__(
        self,
        world: World | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        webhook_retry: float = 0.1,
    ) -> None:
        self.world = world or World()
        self.host = host
        self.port = port
        self.webhook_retry = webhook_retry
        self.dispatcher = Dispatcher(self.world, self._webhook_changed, self._is_stopping)
        self._runner: web.AppRunner | None = None
        self._hub: WebhookHub | None = None
        self._stopping = False
        self.control = ControlApi(self)
        self.starts = 0

    @property
    def url(self) -> str:
        """Return the server's base URL, e.g. ``http://127.0.0.1:8081``."""
        return f"http://{self.host}:{self.port}"

    @property
    def token(self) -> str:
        """Return the default bot token."""
        return self.world.default_token

    def _is_stopping(self) -> bool:
        return self._stopping

    def _webhook_changed(self, bot: BotState) -> None:
        if self._hub is not None:
            self._hub.refresh(bot)

    async def _call_from_webhook(self, bot: BotState, name: str, values: dict[str, Any]) -> None:
        await self.dispatcher.call(bot.token, name, values)

    async def _handle_method(self, request: web.Request) -> web.Response:
        values = await read_params(request)
        info = request.match_info
        status, body = await self.dispatcher.call(info["token"], info["method"], values)
        return json_response(body, status)

    async def _handle_file(self, request: web.Request) -> web.Response:
        try:
            self.dispatcher.bot_for(request.match_info["token"])
        except BotApiError as error:
            return json_response(error.payload(), error.code)
        stored = self.world.files.by_path(request.match_info["path"])
        if stored is None:
            return json_response(not_found().payload(), 404)
        return web.Response(body=stored.content, content_type=stored.mime_type)

    def _build_app(self) -> web.Application:
        app = web.Application(client_max_size=MAX_UPLOAD_BYTES)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_method)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        add_control_routes(app, self.control)
        return app

    def _bind(self) -> socket.socket:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self.port))
        self.port = sock.getsockname()[1]
        return sock

    async def start(self) -> Emulator:
        """Listen (on a free port unless one was given) and resume webhook deliveries."""
        self._stopping = False
        runner = web.AppRunner(
            self._build_app(), access_log=None, handler_cancellation=True, shutdown_timeout=1.0
        )
        await runner.setup()
        await web.SockSite(runner, self._bind(), backlog=1024).start()
        self._runner = runner
        self.starts += 1
        self._hub = WebhookHub(
            self.world, self._call_from_webhook, retry_initial=self.webhook_retry
        )
        self._hub.resume_all()
        return self

    async def stop(self) -> None:
        """End long polls and deliveries, then close the listening socket."""
        self._stopping = True
        for bot in self.world.bots.values():
            bot.updates.changed.notify()
        if self._hub is not None:
            await self._hub.close()
            self._hub = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def restart(self, downtime: float = 0.0) -> None:
        """Stop and start again on the same port, keeping every user, chat and update."""
        await self.stop()
        await asyncio.sleep(downtime)
        await self.start()

    async def __aenter__(self) -> Emulator:
        return await self.start()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()

    def add_user(self, first_name: str, language_code: str | None = "ru", **fields: Any) -> User:
        """Create a simulated person."""
        return self.world.add_user(first_name, language_code=language_code, **fields)

    def add_group(self, title: str, members: list[User], supergroup: bool = False) -> Chat:
        """Create a group with the default bot in it."""
        return self.world.add_group(title, members, supergroup=supergroup)

    def phone(self, user: User, chat: Chat | None = None, token: str | None = None) -> Phone:
        """Return the phone of a user, looking at a private chat or a group."""
        return self.world.phone(user, chat, token)

    def record_results(self) -> list[tuple[str, Any]]:
        """Start keeping every successful (method, result) pair; return the live list."""
        if self.dispatcher.recorded is None:
            self.dispatcher.recorded = []
        return self.dispatcher.recorded
