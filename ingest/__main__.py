"""The `ingest` command's entry point, and `python -m ingest`.

Kept apart from `ingest.app.cli`, and importing it only when run: a worker process of the
crawl's pool re-imports the script that started the run (multiprocessing does so for the
main module), and should pay for this module only, not for everything the command line
imports (Scrapy, the store, Datasette).
"""

from __future__ import annotations


def main() -> None:
    from ingest.app.cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
