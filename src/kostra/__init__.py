"""KOSTRA reporting and statistics for Norway's municipal social services."""

__version__ = "0.1.0"
