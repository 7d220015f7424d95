"""The `kostra` command line: one module per command group."""
