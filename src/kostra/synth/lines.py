"""Damage to a written line that stops the control run before records are read (K001)."""

from __future__ import annotations

from random import Random


def cut_short(line: str, rng: Random) -> str:
    """The line loses its last few characters, as when an export trims trailing blanks."""
    return line[: len(line) - rng.randint(1, 8)]


def too_long(line: str, rng: Random) -> str:
    """The line gets a few characters too many, as when a field is exported one too wide."""
    return line + " " * rng.randint(1, 3)


def tab_for_space(line: str, rng: Random) -> str:
    """One blank becomes a tab character: the length is right, but SSB refuses tabs."""
    blanks = [index for index, char in enumerate(line) if char == " "]
    if not blanks:
        raise ValueError("the line has no blank to replace with a tab")
    index = rng.choice(blanks)
    return line[:index] + "\t" + line[index + 1 :]
