"""What the worker pool's fork server loads before it forks any worker.

Every worker process needs the whole pipeline (lxml, trafilatura, dateparser with its locale
data) loaded; loaded once in the fork server, those pages are shared between the
workers (copy-on-write) instead of each worker holding its own copy, and a worker starts
ready. `gc.freeze()` keeps the garbage collector from touching (and so copying) them.
"""

import gc

import ingest.pipeline  # the workers' own module imports it only when it runs
import ingest.run.workers  # noqa: F401
from ingest.core.publishers import load_registry
from ingest.extract.dates import warm_up

warm_up()
load_registry()  # parsed once, shared by every worker
gc.freeze()
