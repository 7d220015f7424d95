"""Reading an uploaded file from a request, within the size limit."""

from __future__ import annotations

from fastapi import UploadFile

from kostra.errors import Invalid, Reason
from kostra.services.delivery import too_large_message

CHUNK = 1024 * 1024


async def read_upload(file: UploadFile | None, limit: int) -> tuple[bytes, str | None]:
    """The bytes and the given name of `file`; BadRequest when no file was chosen or it is too
    large. An empty file is read (the control program says what is wrong with it)."""
    if file is None:
        raise Invalid("Velg filen som skal lastes opp.", reason=Reason.UNPROCESSABLE)
    parts: list[bytes] = []
    size = 0
    while chunk := await file.read(CHUNK):
        size += len(chunk)
        if size > limit:
            raise Invalid(too_large_message(limit), reason=Reason.TOO_LARGE)
        parts.append(chunk)
    if size == 0 and not file.filename:
        raise Invalid("Velg filen som skal lastes opp.", reason=Reason.UNPROCESSABLE)
    return b"".join(parts), file.filename
