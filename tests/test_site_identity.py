"""The page's own site: the names and addresses with which a site names itself, which are
never evidence that it copied a story."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from ingest.attribution.site_identity import SiteIdentity, domain_stems, letters
from ingest.core.publishers import Registry, load_registry
from ingest.extract.metadata import read_metadata


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


def identity(url: str, registry: Registry, head: str = "") -> SiteIdentity:
    tree = lxml_html.document_fromstring(f"<html><head>{head}</head><body><p>x</p></body></html>")
    return SiteIdentity.of_page(url, read_metadata(tree), None, registry)


def test_letters_and_stems() -> None:
    assert letters("The Globe and Mail") == "globeandmail"
    assert domain_stems("www.theglobeandmail.com") == {"globeandmail"}
    assert domain_stems("jamaica.gleaner.com") == {"gleaner", "jamaicagleaner"}
    assert domain_stems("jamaica-gleaner.com") == {"jamaicagleaner"}
    assert domain_stems("news.bbc.co.uk") == {"bbc", "newsbbc"}


@pytest.mark.parametrize(("url", "name"), [
    ("https://www.theglobeandmail.com/business/", "The Globe and Mail"),
    ("https://www.foxbusiness.com/markets/", "FOXBusiness"),
    ("https://www.livescience.com/space", "Live Science"),
    ("https://www.heise.de/news/", "heise online"),
    ("https://www.businessinsider.com/x", "Business Insider Deutschland"),
    ("https://www.emotion.de/psychologie/", "EMOTION"),
    ("https://www.npr.org/2024/06/05/story", "National Public Radio"),
    ("https://www.businessinsider.com/x", "https://www.businessinsider.de/x"),
    ("https://jamaica.gleaner.com/article/x", "https://jamaica-gleaner.com/article/x"),
    ("https://www.bbc.co.uk/news/x", "bbc.com"),
])
def test_names_of_the_site_itself(url: str, name: str, registry: Registry) -> None:
    assert identity(url, registry).is_named(name)


@pytest.mark.parametrize(("url", "name"), [
    ("https://hanoiobserver.example/story/", "NPR"),
    ("https://www.heise.de/news/", "Security"),
    ("https://news.com.au/world/", "Newsweek"),
    ("https://www.abc.net.au/news/", "https://www.abc.es/x"),
    ("https://bbc-news-today.example/x", "BBC News"),
    ("https://www.foxbusiness.com/markets/", "Fox"),
])
def test_other_names(url: str, name: str, registry: Registry) -> None:
    assert not identity(url, registry).is_named(name)


def test_names_the_page_declares(registry: Registry) -> None:
    head = ('<meta property="og:site_name" content="Mekong Morning Post">'
            '<script type="application/ld+json">{"@type": "WebSite", "name": "MMP Online",'
            ' "url": "https://mekongmorningpost.example/"}</script>')
    site = identity("https://mekongmorningpost.example/a/", registry, head)
    assert site.is_named("Mekong Morning Post")
    assert site.is_named("MMP Online")
    assert "mmp online" in site
    # a person whose name begins like the domain is no name of the site's, in a byline
    assert "Mekongmorningpost Smith" not in site


def test_a_registry_outlet_is_the_site_on_its_own_domain(registry: Registry) -> None:
    site = identity("https://apnews.com/article/x", registry)
    assert site.is_self(registry.lookup("AP"))
    assert not site.is_self(registry.lookup("Reuters"))
