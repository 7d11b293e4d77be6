"""python-telegram-bot's HTTP requests made with aiohttp instead of httpx.

PTB's default transport, httpx over httpcore, scans its whole connection pool on every request
and asks anyio for each connection's state: with sixteen updates served at once, that scan cost a
busy bot more CPU than its own conversations did. aiohttp (already here for aiogram and the
emulator) hands out pooled connections without it. PTB accepts any `BaseRequest`; this one keeps
`HTTPXRequest`'s defaults and maps aiohttp's failures to the same `TimedOut` and `NetworkError`.
"""

from __future__ import annotations

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput, UploadFileDict
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

TIMEOUT_SECONDS = 5.0  # HTTPXRequest's read, write and connect defaults
POOL_TIMEOUT_SECONDS = 1.0
MEDIA_WRITE_TIMEOUT_SECONDS = 20.0


class AiohttpRequest(BaseRequest):
    """Send PTB's requests through one aiohttp session of at most `connections` connections."""

    def __init__(self, connections: int = 32, read_timeout: float | None = TIMEOUT_SECONDS) -> None:
        self._connections = connections
        self._read_timeout = read_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        return self._read_timeout

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._connections)
            self._session = aiohttp.ClientSession(
                connector=connector, headers={"User-Agent": self.USER_AGENT}
            )

    async def shutdown(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        files = request_data.multipart_data if request_data else None
        fields = request_data.json_parameters if request_data else None
        body: aiohttp.FormData | dict[str, str] | None = fields
        if files:
            body = _multipart(fields or {}, files)
        read = _given(read_timeout, self._read_timeout)
        write = _given(write_timeout, MEDIA_WRITE_TIMEOUT_SECONDS if files else TIMEOUT_SECONDS)
        wait = _sum(
            _given(pool_timeout, POOL_TIMEOUT_SECONDS), _given(connect_timeout, TIMEOUT_SECONDS)
        )
        # aiohttp has no write timeout of its own: the whole request may take as long as waiting
        # for a connection, writing and reading together.
        timeout = aiohttp.ClientTimeout(
            total=_sum(_sum(wait, write), read), connect=wait, sock_read=read
        )
        try:
            async with self._session.request(method, url, data=body, timeout=timeout) as answer:
                return answer.status, await answer.read()
        except TimeoutError as error:
            raise TimedOut from error
        except aiohttp.ClientError as error:
            raise NetworkError(f"aiohttp.{error.__class__.__name__}: {error}") from error


def _multipart(fields: dict[str, str], files: UploadFileDict) -> aiohttp.FormData:
    form = aiohttp.FormData()
    for name, value in fields.items():
        form.add_field(name, value)
    for name, (file_name, content, mime_type) in files.items():
        form.add_field(name, content, filename=file_name, content_type=mime_type)
    return form


def _given(value: ODVInput[float], default: float | None) -> float | None:
    return default if isinstance(value, DefaultValue) else value


def _sum(first: float | None, second: float | None) -> float | None:
    return None if first is None or second is None else first + second
