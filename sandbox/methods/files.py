"""sendDocument, sendPhoto (multipart upload or file_id) and getFile."""

from __future__ import annotations

from typing import Any

from aiohttp.web import FileField

from sandbox.errors import bad_request
from sandbox.files import MAX_DOWNLOAD_BYTES, StoredFile
from sandbox.methods.common import writable_chat
from sandbox.methods.posting import formatted, post
from sandbox.methods.registry import CallContext, method
from sandbox.params import Params

WRONG_FILE = "wrong file identifier/HTTP URL specified"


def _upload(ctx: CallContext, params: Params, field: str) -> StoredFile:
    """Store an uploaded file, or find the file an id refers to."""
    value = params.upload(field)
    if isinstance(value, FileField):
        content = value.file.read()
        if not content:
            raise bad_request("file must be non-empty")
        return ctx.world.files.add(content, field, value.filename or field, value.content_type)
    if not value:
        raise bad_request(f"there is no {field} in the request")
    stored = ctx.world.files.get(str(value))
    if stored is None:  # URLs would need the internet, which the emulator never has
        raise bad_request(WRONG_FILE)
    return stored


@method("sendDocument")
async def send_document(ctx: CallContext, params: Params) -> dict[str, Any]:
    """Send a file as a document."""
    conversation = writable_chat(ctx, params)
    stored = _upload(ctx, params, "document")
    caption, entities = formatted(params, "caption")
    return post(
        ctx,
        conversation,
        params,
        document=stored.document(),
        caption=caption,
        caption_entities=entities,
    ).to_api()


@method("sendPhoto")
async def send_photo(ctx: CallContext, params: Params) -> dict[str, Any]:
    """Send an image as a photo."""
    conversation = writable_chat(ctx, params)
    stored = _upload(ctx, params, "photo")
    caption, entities = formatted(params, "caption")
    return post(
        ctx,
        conversation,
        params,
        photo=stored.photo_sizes(),
        caption=caption,
        caption_entities=entities,
    ).to_api()


@method("getFile")
async def get_file(ctx: CallContext, params: Params) -> dict[str, Any]:
    """Return the download path of a file."""
    stored = ctx.world.files.get(params.require_text("file_id"))
    if stored is None:
        raise bad_request("invalid file_id")
    if len(stored.content) > MAX_DOWNLOAD_BYTES:
        raise bad_request("file is too big")
    return stored.file()
