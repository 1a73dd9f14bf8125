"""Syndication evidence in structured metadata: what names another news outlet counts, what
names the site itself, a study or an organisation of unknown kind does not."""

from __future__ import annotations

import json

import pytest
from lxml import html as lxml_html

from ingest.attribution.provenance import metadata_evidence
from ingest.attribution.site_identity import SiteIdentity
from ingest.core.publishers import Registry, load_registry
from ingest.core.urls import canonical_url
from ingest.extract.metadata import read_metadata

URL = "https://mekongdigest.example/2024/06/05/story/"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


def evidence(head: str, registry: Registry, url: str = URL) -> tuple[list, str | None]:
    tree = lxml_html.document_fromstring(
        f"<html><head>{head}</head><body><article><p>Text.</p></article></body></html>")
    meta = read_metadata(tree)
    _, foreign = canonical_url(url, meta.canonical)
    site = SiteIdentity.of_page(url, meta, None, registry)
    found, original = metadata_evidence(url, meta, foreign, site, registry)
    return [(e.kind, e.publisher) for e in found], original


def ld(**article: object) -> str:
    obj = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Story",
           **article}
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


BBC = "https://www.bbc.com/news/world-12345"


@pytest.mark.parametrize(("head", "expected", "original"), [
    (f'<link rel="canonical" href="{BBC}">', [("canonical", "BBC")], BBC),
    ('<link rel="canonical" href="https://coolimba.example/view/story/">',
     [("canonical", "coolimba.example")], "https://coolimba.example/view/story/"),
    (ld(isBasedOn=BBC), [("json-ld", "BBC")], BBC),
    (ld(isBasedOn={"@type": "NewsArticle", "url": BBC}), [("json-ld", "BBC")], BBC),
    (ld(sourceOrganization={"@type": "NewsMediaOrganization", "name": "Reuters"}),
     [("json-ld", "Reuters")], None),
    (ld(publisher={"@type": "Organization", "name": "The New York Times"}),
     [("json-ld", "The New York Times")], None),
    (ld(copyrightHolder={"@type": "Organization", "name": "Agence France-Presse"}),
     [("json-ld", "AFP")], None),
    (ld(author={"@type": "Organization", "name": "The Associated Press"}),
     [("json-ld", "Associated Press")], None),
    (ld(author={"@type": "Person", "name": "Associated Press"}),
     [("json-ld", "Associated Press")], None),
    (f'<meta name="original-source" content="{BBC}">', [("meta", "BBC")], BBC),
    (f'<meta name="syndication-source" content="{BBC}">', [("meta", "BBC")], BBC),
    (f'<meta name="dc.source" content="{BBC}">', [("meta", "BBC")], BBC),
], ids=["canonical", "canonical-unknown", "isbasedon-url", "isbasedon-object",
        "source-organization", "publisher", "copyright-holder", "author-organisation",
        "author-agency", "original-source", "syndication-source", "dc-source-url"])
def test_metadata_naming_another_outlet(head: str, expected: list, original: str | None,
                                        registry: Registry) -> None:
    assert evidence(head, registry) == (expected, original)


@pytest.mark.parametrize("head", [
    # the site's own organisation, by name or by address
    ld(publisher={"@type": "Organization", "name": "Mekong Digest"}),
    ld(sourceOrganization={"@type": "Organization", "name": "Mekong Digest",
                           "url": "https://mekongdigest.example/"}),
    '<meta name="dc.source" content="MEKONGDIGEST">',
    # a desk or an organisation whose kind nobody knows
    ld(sourceOrganization={"@type": "Organization", "name": "Security",
                           "@id": "https://mekongdigest.example/security"}),
    ld(author={"@type": "Organization", "name": "Forschungsnetz Küste",
               "url": "https://forschungsnetz-kueste.example"}),
    # a study, a journal issue
    ld(isBasedOn="https://doi.org/10.1038/s41586-024-07000-0"),
    '<meta name="dc.source" content="Nature 2025 647:8088">',
    # a canonical on a sister domain, or one the page's og:url agrees with
    '<link rel="canonical" href="https://www.mekongdigest.vn/2024/06/05/story/">',
    ('<link rel="canonical" href="https://www.ksta.example/story-1">'
     '<meta property="og:url" content="https://www.ksta.example/story-1">'),
    # the site's page on a social network
    '<meta property="article:publisher" content="https://www.facebook.com/mekongdigest">',
    # the agency named beside the site ("Le Figaro et AFP")
    ld(author={"@type": "Person", "name": "Mekong Digest and AFP"}),
], ids=["own-publisher", "own-source-organization", "own-dc-source", "own-desk",
        "research-network", "doi", "journal-issue", "sister-domain", "og-url-agrees",
        "own-facebook", "site-with-agency"])
def test_metadata_that_is_no_evidence(head: str, registry: Registry) -> None:
    head += '<meta property="og:site_name" content="Mekong Digest">'
    assert evidence(head, registry) == ([], None)


def test_an_outlet_on_its_own_site_names_itself(registry: Registry) -> None:
    head = ld(publisher={"@type": "Organization", "name": "BBC News"}) + (
        '<link rel="canonical" href="https://www.bbc.co.uk/news/world-12345">')
    assert evidence(head, registry, url=BBC) == ([], None)
