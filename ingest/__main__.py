"""The `ingest` command's entry point, and `python -m ingest`.

Kept apart from `ingest.app.cli`, and importing it only when run: a worker process of the
crawl's pool re-imports the script that started the run (multiprocessing does so for the
main module), and should pay for this module only, not for everything the command line
imports (Scrapy, the store, Datasette).
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    start_import_pool_early(sys.argv[1:])
    from ingest.app.cli import main as cli_main

    cli_main()


def start_import_pool_early(args: list[str]) -> None:
    """For `ingest import` of archives large enough for the worker pool, start the pool's
    fork server before the command line's own imports: loading the extraction stack into it
    (about 1 s of one core) then overlaps with them (0.3 s) instead of following them, and the
    workers start that much sooner (bench/real_pages.py). A guess that proves wrong (the
    command refuses its arguments) costs the other core that second, and the fork server
    ends with this process."""
    if "import" not in args:
        return
    options: dict[str, str] = {}
    files, rest = [], iter(args[args.index("import") + 1:])
    for arg in rest:
        if arg in IMPORT_OPTIONS:
            options[arg] = next(rest, "")
        elif arg.startswith("--") and "=" in arg:
            name, _, value = arg.partition("=")
            options[name] = value
        elif not arg.startswith("-") and os.path.isfile(arg):
            files.append(os.path.getsize(arg))
    value = options.get("--workers")
    workers = None if value is None else int(value) if value.isdigit() else 1
    from ingest.run.fork_server import archive_workers, start_fork_server

    if archive_workers(workers, sum(files)) > 1:
        start_fork_server()


IMPORT_OPTIONS = ("--source", "--workers", "--db")
"""`ingest import`'s options that take a value (not an archive, even when a file)."""


if __name__ == "__main__":
    main()
