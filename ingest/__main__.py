"""`python -m ingest` runs the command line."""

from ingest.cli import main

main()
