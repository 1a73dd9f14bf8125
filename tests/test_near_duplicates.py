"""Near-duplicate clusters: copies found through chrome, dropped paragraphs and new headlines;
different stories on one event kept apart; the origin chosen by evidence."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime

import numpy as np
import pytest
from click.testing import CliRunner

from ingest.app.cli import cli
from ingest.core.page import Page
from ingest.core.record import Article
from ingest.dedup.near_duplicates import signature, similarity
from ingest.pipeline import process
from ingest.run.workers import process_and_sign
from ingest.store.database import Store

STORY = [
    "Flood barriers went up along the riverfront on Thursday as forecasters warned that the "
    "Cedar River could crest nearly four feet above flood stage by Saturday evening.",
    "City crews worked through the night stacking sandbags around the water treatment plant, "
    "which sits in a low bend of the river and flooded during the record crest of 2008.",
    "Mayor Dana Whitfield urged residents of the Time Check and Czech Village neighborhoods to "
    "move cars and valuables to higher ground and to sign up for emergency text alerts.",
    "The National Weather Service said heavy rain upstream in Minnesota had pushed the river "
    "higher and faster than expected, and that more storms were possible early next week.",
    "Shelters will open at two middle schools on Friday afternoon, and the county said buses "
    "would run every half hour from the affected neighborhoods until the water recedes.",
]
SAME_EVENT = [
    "Farmers north of the city said they were watching the Cedar River with dread on Thursday, "
    "with fields already soaked from a wet spring and planting weeks behind schedule.",
    "Mayor Dana Whitfield toured the riverfront in the morning and said the city was better "
    "prepared than in 2008, when the river destroyed hundreds of homes.",
    "Insurance agents reported a rush of calls from homeowners asking whether flood policies "
    "bought this week would cover damage, which in most cases they will not for thirty days.",
    "The Red Cross asked for volunteers and blood donations, saying it expected to run "
    "shelters for at least a week if the forecast crest of Saturday evening holds.",
]
WHEN = datetime(2024, 6, 14, 12, 0, tzinfo=UTC)


def page_html(title: str, paragraphs: list[str], *, chrome: str = "", extra: str = "",
              published: str = "2024-06-13T15:00:00Z") -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta property="article:published_time" content="{published}"></head><body>
<header><nav><a href="/">Home</a> <a href="/local/">Local</a></nav>{chrome}</header>
<article><h1>{title}</h1>{body}{extra}</article>
<footer>Contact us. All rights reserved.</footer></body></html>"""


def save(store: Store, url: str, html: str) -> Article:
    page = Page(url=url, body=html.encode(), fetched_at=WHEN)
    article = process(page)
    store.save([(article, page)])
    return article


@pytest.fixture
def store(db_target: str) -> Iterator[Store]:
    """A fresh store on each backend."""
    s = Store(db_target)
    yield s
    s.close()


def test_copies_are_similar_and_other_stories_are_not() -> None:
    original = signature("\n\n".join(STORY))
    dropped = signature("\n\n".join(STORY[:2] + STORY[3:]))
    chrome = signature("\n\n".join(["Share on Facebook", *STORY, "Read more local news"]))
    other = signature("\n\n".join(SAME_EVENT))
    assert similarity(original, dropped) > 0.6
    assert similarity(original, chrome) > 0.8
    assert similarity(original, other) < 0.1
    assert signature("Too short to compare.") is None


def test_copy_on_another_site_is_clustered_and_credited_to_the_first(store: Store) -> None:
    first = save(store, "https://gazette.example/news/flood-barriers",
                 page_html("Flood barriers go up as Cedar River rises", STORY))
    copy = save(store, "https://aggregator.example/2024/06/14/river",
                page_html("River expected to crest Saturday", STORY[:3] + STORY[4:],
                          chrome="<div>Trending: Storm photos</div>",
                          published="2024-06-14T08:00:00Z"))
    other = save(store, "https://gazette.example/news/farmers-watch",
                 page_html("Farmers watch the river", SAME_EVENT))
    rows = {a.id: store.get(a.id) for a in (first, copy, other)}
    assert rows[copy.id]["cluster_id"] == rows[first.id]["cluster_id"] == first.id
    assert rows[other.id]["cluster_id"] == other.id
    assert not rows[first.id]["is_syndicated"] and not rows[other.id]["is_syndicated"]
    marked = rows[copy.id]
    assert marked["is_syndicated"] is True
    assert marked["original_publisher"] == rows[first.id]["original_publisher"]
    [evidence] = marked["syndication_evidence"]
    assert evidence["kind"] == "near-duplicate"
    assert evidence["text"].endswith(" similar to https://gazette.example/news/flood-barriers")
    assert 0.5 <= float(evidence["text"].split()[0]) < 1


def test_a_wire_own_story_arriving_later_becomes_the_origin(store: Store) -> None:
    early = save(store, "https://aggregator.example/river",
                 page_html("River to crest", STORY, published="2024-06-13T10:00:00Z"))
    wire = save(store, "https://apnews.com/article/cedar-river-flood-123",
                page_html("Cedar River rises", STORY, published="2024-06-13T12:00:00Z"))
    early_row, wire_row = store.get(early.id), store.get(wire.id)
    assert wire_row["is_syndicated"] is False
    assert wire_row["original_publisher"] == "Associated Press"
    assert early_row["is_syndicated"] is True
    assert early_row["original_publisher"] == "Associated Press"
    assert early_row["syndication_evidence"][0]["text"].endswith(wire.url)


def test_a_copy_with_its_own_credit_keeps_it(store: Store) -> None:
    save(store, "https://gazette.example/news/flood", page_html("Flood", STORY))
    credited = save(store, "https://daily.example/flood", page_html(
        "Flood", STORY, extra="<p>This story was originally published by NPR.</p>"))
    row = store.get(credited.id)
    assert [e["kind"] for e in row["syndication_evidence"]] == ["credit-line"]
    assert row["original_publisher"] == "NPR"


def test_resaving_a_copy_keeps_its_verdict_and_is_unchanged(store: Store) -> None:
    save(store, "https://gazette.example/news/flood", page_html("Flood", STORY))
    url, html = "https://aggregator.example/flood", page_html("Flood", STORY)
    copy = save(store, url, html)
    before = store.get(copy.id)
    page = Page(url=url, body=html.encode(), fetched_at=WHEN)
    result = store.save([(process(page), page)])
    assert result.unchanged == [copy.id]
    assert store.get(copy.id) == before


def test_same_site_copies_are_not_syndicated(store: Store) -> None:
    save(store, "https://gazette.example/news/flood", page_html("Flood", STORY))
    amp = save(store, "https://gazette.example/amp/flood", page_html("Flood", STORY))
    assert store.get(amp.id)["is_syndicated"] is False


def test_export_originals_only_keeps_one_record_per_story(db_target: str) -> None:
    db = db_target
    disk = Store(db)
    save(disk, "https://gazette.example/news/flood", page_html("Flood", STORY))
    save(disk, "https://gazette.example/amp/flood", page_html("Flood", STORY))
    save(disk, "https://aggregator.example/flood", page_html("Flood", STORY))
    save(disk, "https://gazette.example/news/farmers", page_html("Farmers", SAME_EVENT))
    disk.close()
    result = CliRunner().invoke(cli, ["--db", str(db), "export", "--originals-only",
                                      "--fields", "url"], env={"INGEST_DB": None})
    urls = [json.loads(line)["url"] for line in result.stdout.splitlines()]
    assert urls == ["https://gazette.example/news/flood", "https://gazette.example/news/farmers"]


def test_migration_indexes_stories_stored_before(db_target: str) -> None:
    db = db_target
    store = Store(db)
    first = save(store, "https://gazette.example/news/flood", page_html("Flood", STORY))
    with store.sql.transaction():
        store.sql.execute("update _meta set value = '4' where key = 'schema_version'")
        store.sql.execute("drop table minhashes")
        store.sql.execute("drop table lsh_bands")
        store.sql.execute("drop index idx_articles_published_date")  # a v6 column
        store.sql.execute("alter table articles drop column published_date")
    store.close()
    reopened = Store(db)
    copy = save(reopened, "https://aggregator.example/flood", page_html("Flood", STORY))
    assert reopened.get(copy.id)["cluster_id"] == first.id


def test_short_texts_cluster_only_when_identical(store: Store) -> None:
    base = process(Page(url="https://gazette.example/brief", fetched_at=WHEN,
                        body=page_html("Brief", STORY[:1]).encode()))
    store.save([(base, None), (replace(base, id="b2", url="https://other.example/b",
                                       site_domain="other.example"), None)])
    assert store.get("b2")["cluster_id"] == base.id


def test_the_workers_signature_is_what_the_store_indexes(store: Store) -> None:
    """The crawl's workers sign each record (`process_and_sign`); the store takes that
    signature as given instead of computing it again in the writing process."""
    first_page = Page(url="https://gazette.example/news/flood-barriers",
                      body=page_html("Flood barriers go up", STORY).encode(), fetched_at=WHEN)
    other_page = Page(url="https://gazette.example/news/farmers-watch",
                      body=page_html("Farmers watch the river", SAME_EVENT).encode(),
                      fetched_at=WHEN)
    first, other = process_and_sign(first_page), process_and_sign(other_page)
    assert first.seconds["dedup"] > 0
    assert similarity(first.signature, signature(first.result.text)) == 1.0
    store.save([(first.result, first_page)], {first.result.content_hash: first.signature})
    # Handed the first story's signature, the other story is filed as its copy.
    store.save([(other.result, other_page)], {other.result.content_hash: first.signature})
    assert store.get(other.result.id)["cluster_id"] == first.result.id


def test_the_stored_band_layout_is_the_one_datasketch_chooses() -> None:
    from datasketch import MinHashLSH

    from ingest.dedup.near_duplicates import BANDS, NUM_PERM, ROWS, THRESHOLD

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    assert (lsh.b, lsh.r) == (BANDS, ROWS)


@pytest.mark.parametrize("text", [
    " ".join(STORY),
    "東京都は5日、新しい防災計画を発表した。計画では河川の氾濫に備えて避難所を増やす。" * 3,
    " ".join(STORY[:2]) + " Ünïcödé wörds, ÇA VA? " * 4,
])
def test_signatures_are_datasketchs_minhash_values(text: str) -> None:
    """Stored signatures were written by datasketch's MinHash: the numpy pass must give the
    very same values, or new stories would stop matching the stored ones."""
    from datasketch import MinHash

    from ingest.dedup.near_duplicates import NUM_PERM, SEED, SHINGLE_WORDS, words

    tokens = words(text)
    expected = MinHash(num_perm=NUM_PERM, seed=SEED)
    expected.update_batch([" ".join(tokens[i:i + SHINGLE_WORDS]).encode()
                           for i in range(len(tokens) - SHINGLE_WORDS + 1)])
    sig = signature(text)
    assert sig is not None and sig.dtype == np.uint64
    assert sig.tolist() == expected.hashvalues.tolist()


def test_signing_does_not_load_datasketch_or_scipy() -> None:
    """SciPy comes with datasketch; a worker that signs stories holds neither."""
    import subprocess
    import sys

    code = ("import sys; from ingest.dedup.near_duplicates import signature; "
            "signature(' '.join(f'w{i}' for i in range(50))); "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'datasketch', 'scipy'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
