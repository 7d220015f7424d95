"""`python -m kostra.cli`: the same command as `kostra`."""

from kostra.cli.main import run

run()
