"""What an uploaded file is called: the name a browser or vendor system gave it, made harmless.

The name is only ever shown (escaped) and written into receipts; it never becomes a path. Still,
it is cut to its last part (`C:\\Uttrekk\\soshjelp.txt` and `../../etc/passwd` lose their
folders), control and format characters go, and it is kept to 200 characters.
"""

from __future__ import annotations

import unicodedata

MAX_LENGTH = 200
UNNAMED = "uten-navn.txt"


def safe_file_name(name: str | None) -> str:
    """A printable, folder-free version of `name` (`uten-navn.txt` when nothing is left)."""
    if not name:
        return UNNAMED
    text = unicodedata.normalize("NFC", name)
    text = text.replace("\\", "/").rsplit("/", 1)[-1]
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    text = " ".join(text.split()).strip(" .")
    return text[:MAX_LENGTH] or UNNAMED
