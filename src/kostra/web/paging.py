"""A long list on a page, a page of rows at a time, with links that keep the page's filters."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar
from urllib.parse import urlencode

T = TypeVar("T")


@dataclass(frozen=True)
class Paged(Generic[T]):
    """The rows of page `number` (from 1) of `total` rows, and the links to the other pages."""

    rows: Sequence[T]
    number: int
    pages: int
    total: int
    first: int  # the position of the first row shown (from 1; 0 when there are none)
    path: str
    query: tuple[tuple[str, str], ...]  # the filters, repeated in every page's link

    @property
    def last(self) -> int:
        """The position of the last row shown."""
        return self.first + len(self.rows) - 1 if self.rows else 0

    def link(self, number: int) -> str:
        """The address of page `number`, with the same filters."""
        return f"{self.path}?{urlencode([*self.query, ('side', str(number))])}"


def paged(
    rows: Sequence[T], number: int, size: int, path: str, query: list[tuple[str, str]]
) -> Paged[T]:
    """Page `number` of `rows`, `size` to a page (a number past the end shows the last page)."""
    pages = max(1, -(-len(rows) // size))
    number = min(max(number, 1), pages)
    start = (number - 1) * size
    shown = rows[start : start + size]
    first = start + 1 if shown else 0
    return Paged(shown, number, pages, len(rows), first, path, tuple(query))
