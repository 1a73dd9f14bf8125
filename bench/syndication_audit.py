"""Precision audit on real pages: every page of a corpus through `process`, and a list of the
pages it marks as copies, each with its evidence, to be read one by one.

    .venv/bin/python bench/syndication_audit.py CORPUS [--out FILE] [--jobs N]

CORPUS holds `<set>/<id>.html[.gz]` pages with `<set>/<id>.json` giving their `url` (the
extraction-dev layout). Pages whose URL is no web address (a test suite's "hard::" names)
are left out: what is a foreign canonical can only be told from the page's own address.
The list goes to stdout and, as JSON lines, to --out (default bench/out/audit.jsonl); see
docs/syndication.md for what was found.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.extraction import DEFAULT_OUT, FETCHED_AT
from ingest.core.errors import IngestError
from ingest.core.page import Page
from ingest.pipeline import process


def audit(gold: Path) -> dict | None:
    """The page's attribution, or None when it makes no record or has no web address."""
    url = json.loads(gold.read_text(encoding="utf-8"))["url"]
    if not url.startswith(("http://", "https://")):
        return None
    packed = gold.with_suffix(".html.gz")
    body = gzip.decompress(packed.read_bytes()) if packed.exists() else gold.with_suffix(
        ".html").read_bytes()
    try:
        record = process(Page(url=url, body=body, fetched_at=FETCHED_AT))
    except IngestError:
        return None
    return {"page": f"{gold.parent.name}/{gold.stem}", "url": url,
            "is_syndicated": record.is_syndicated,
            "original_publisher": record.original_publisher,
            "evidence": [[e.kind, e.text, e.publisher] for e in record.syndication_evidence]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="corpus directory (<set>/<id>.html.gz + .json)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT / "audit.jsonl")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    golds = sorted(args.corpus.glob("*/*.json"))
    with ProcessPoolExecutor(max(args.jobs, 1)) as pool:
        rows = [row for row in pool.map(audit, golds, chunksize=8) if row]
    marked = [row for row in rows if row["is_syndicated"]]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in marked),
                        encoding="utf-8")
    for row in marked:
        print(f"{row['page']}  {row['url'][:70]}\n    -> {row['original_publisher']}")
        for kind, text, publisher in row["evidence"]:
            print(f"       {kind}: {text[:100]!r} ({publisher})")
    print(f"\n{len(rows)} pages with a web address made a record; {len(marked)} marked as "
          f"copies (listed above and in {args.out})")


if __name__ == "__main__":
    main()
