"""Reading an uploaded file from a request, within the size limit."""

from __future__ import annotations

from fastapi import UploadFile

from kostra.web.errors import BadRequest
from kostra.web.limits import too_large_message

CHUNK = 1024 * 1024


async def read_upload(file: UploadFile | None, limit: int) -> tuple[bytes, str | None]:
    """The bytes and the given name of `file`; BadRequest when no file was chosen or it is too
    large. An empty file is read (the control program says what is wrong with it)."""
    if file is None:
        raise BadRequest("Velg filen som skal lastes opp.", 422)
    parts: list[bytes] = []
    size = 0
    while chunk := await file.read(CHUNK):
        size += len(chunk)
        if size > limit:
            raise BadRequest(too_large_message(limit), 413)
        parts.append(chunk)
    if size == 0 and not file.filename:
        raise BadRequest("Velg filen som skal lastes opp.", 422)
    return b"".join(parts), file.filename
