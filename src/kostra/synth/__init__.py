"""Synthetic but realistic extracts for every municipality, with known injected errors."""

from kostra.synth.errors import UnknownInjector, injector, injectors
from kostra.synth.extract import Injection, SyntheticExtract, generate
from kostra.synth.injector import ErrorInjector, Where

__all__ = [
    "ErrorInjector",
    "Injection",
    "SyntheticExtract",
    "UnknownInjector",
    "Where",
    "generate",
    "injector",
    "injectors",
]
