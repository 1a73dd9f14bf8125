"""HeadMetaRefreshMiddleware: Scrapy's meta refresh, read from the page's head alone, without
decoding (and keeping) the whole page as text."""

from __future__ import annotations

from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from spiders.middlewares import REFRESH_HEAD_BYTES, HeadMetaRefreshMiddleware

URL = "http://news.example/old/story.html"


def _middleware() -> HeadMetaRefreshMiddleware:
    return HeadMetaRefreshMiddleware.from_crawler(get_crawler())


def _response(head: str, body_text: str, encoding: str = "utf-8") -> HtmlResponse:
    html = f"<html><head>{head}</head><body><p>{body_text}</p></body></html>"
    return HtmlResponse(URL, body=html.encode(encoding), request=Request(URL),
                        headers={"Content-Type": f"text/html; charset={encoding}"})


def test_a_refresh_in_the_head_of_a_large_page_redirects() -> None:
    response = _response('<meta http-equiv="refresh" content="0; url=/news/story.html">',
                         "Вчера вечером. " * 20_000)
    assert len(response.body) > REFRESH_HEAD_BYTES
    result = _middleware().process_response(Request(URL), response)
    assert isinstance(result, Request) and result.url == "http://news.example/news/story.html"


def test_a_page_without_refresh_is_handed_on_undecoded() -> None:
    response = _response("<title>Story</title>", "Вчера вечером. " * 20_000)
    assert _middleware().process_response(Request(URL), response) is response
    assert response._cached_ubody is None  # the whole text was never decoded


def test_a_refresh_in_a_legacy_encoding_is_read() -> None:
    response = _response('<meta http-equiv="refresh" content="0; url=/nouvelles/été.html">',
                         "Déjà vu à Montréal. " * 5_000, encoding="cp1252")
    result = _middleware().process_response(Request(URL), response)
    assert isinstance(result, Request)
    assert result.url == "http://news.example/nouvelles/%C3%A9t%C3%A9.html"


def test_a_cut_never_splits_a_character() -> None:
    text = "日本語のニュース記事。" * 3_000  # three bytes a character
    response = _response('<meta http-equiv="refresh" content="5; url=/ja/記事.html">', text)
    result = _middleware().process_response(Request(URL), response)
    assert isinstance(result, Request) and result.url.endswith(
        "/ja/%E8%A8%98%E4%BA%8B.html")
