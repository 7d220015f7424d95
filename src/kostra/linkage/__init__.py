"""Identity numbers, reconciliation of sources, register enrichment, quarterly extracts."""
