from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from ingest.core.decode import decode_body, decode_html, is_html_content_type
from ingest.core.errors import ExtractError
from ingest.core.page import Page
from ingest.pipeline import process
from tests.pages import story_html

CYRILLIC = "Москва: новости дня, погода и происшествия"
JAPANESE = [
    "東京都は火曜日、首都直下地震に備えた新しい防災計画を発表した。計画では、避難所の数を"
    "二割増やし、高齢者や障害のある人の避難を支援する職員を各地区に配置する。",
    "知事は記者会見で「住民の安全が何よりも優先だ」と述べ、来年度の予算に約三百億円を計上する"
    "考えを示した。専門家からは、対策の実効性を高めるために訓練の回数を増やすべきだとの声も"
    "上がっている。",
    "一方、一部の区議会議員は、財源の確保や住民への周知が不十分だと指摘しており、今後の議会で"
    "詳しい説明を求める方針だ。計画は来月から順次実施される予定である。",
]
URL = "https://www.tokyo-shimbun.example/news/bousai-keikaku"


def shift_jis_page(meta: str = "") -> bytes:
    """A Japanese news page in Shift_JIS, with `meta` as its only charset declaration."""
    html = story_html("防災計画を発表", JAPANESE, byline="記者 山田太郎")
    html = html.replace('lang="en"', 'lang="ja"').replace('<meta charset="utf-8">', meta)
    return html.replace("©", "(c)").encode("shift_jis")


def test_utf8() -> None:
    body = "<html><body><p>Café – “quoted” 東京</p></body></html>".encode()
    assert "Café – “quoted” 東京" in decode_html(body, "text/html; charset=utf-8")
    assert "Café – “quoted” 東京" in decode_html(body)


def test_windows_1251_declared_only_in_meta() -> None:
    html = f'<html><head><meta charset="windows-1251"><title>{CYRILLIC}</title></head></html>'
    assert CYRILLIC in decode_html(html.encode("cp1251"), "text/html")


def test_http_equiv_meta() -> None:
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'
        f"</head><body>{CYRILLIC}</body></html>"
    )
    assert CYRILLIC in decode_html(html.encode("koi8-r"))


def test_header_charset_overrides_meta() -> None:
    html = f'<html><head><meta charset="utf-8"></head><body>{CYRILLIC}</body></html>'
    assert CYRILLIC in decode_html(html.encode("cp1251"), "text/html; charset=windows-1251")


def test_unknown_header_charset_falls_through_to_meta() -> None:
    html = f'<html><head><meta charset="windows-1251"></head><body>{CYRILLIC}</body></html>'
    assert CYRILLIC in decode_html(html.encode("cp1251"), "text/html; charset=x-no-such-thing")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_bom_wins_over_declarations(encoding: str) -> None:
    body = f"<html><body>{CYRILLIC}</body></html>".encode(encoding)
    text = decode_html(body, "text/html; charset=iso-8859-1")
    assert text.startswith("<html>")
    assert CYRILLIC in text


@pytest.mark.parametrize("label", ["iso-8859-1", "latin-1", "US-ASCII"])
def test_latin1_declaration_means_windows_1252(label: str) -> None:
    body = "<p>“Smart” quotes — and a € sign</p>".encode("cp1252")
    assert "“Smart” quotes — and a € sign" in decode_html(body, f"text/html; charset={label}")


def test_invalid_utf8_is_replaced_not_raised() -> None:
    body = "<html><body><p>naïve café ".encode() + b"\xff\xfe\xc3" + b"</p></body></html>"
    text = decode_html(body, "text/html; charset=utf-8")
    assert "naïve café" in text
    assert "\ufffd" in text


def test_mislabelled_utf8_uses_detection() -> None:
    body = f"<html><body><p>{CYRILLIC}. {CYRILLIC}.</p></body></html>".encode("cp1251")
    assert CYRILLIC in decode_html(body, "text/html; charset=utf-8")


def test_pdf_served_as_html_is_not_html() -> None:
    with pytest.raises(ExtractError) as info:
        decode_html(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "text/html")
    assert info.value.reason == "not_html"
    assert "PDF" in info.value.detail
    assert info.value.stage == "extract"


@pytest.mark.parametrize(
    "body", [b"\x89PNG\r\n\x1a\n\x00\x00", b"\x1f\x8b\x08\x00", b"<html>\x00\x01\x02</html>"]
)
def test_binary_bodies_are_not_html(body: bytes) -> None:
    with pytest.raises(ExtractError) as info:
        decode_html(body, "text/html")
    assert info.value.reason == "not_html"


@pytest.mark.parametrize("body", [b"", b"  \r\n\t ", b"\xef\xbb\xbf\n"])
def test_empty(body: bytes) -> None:
    with pytest.raises(ExtractError) as info:
        decode_html(body, "text/html")
    assert info.value.reason == "empty"


@pytest.mark.parametrize(
    "content_type", ["application/json", "application/pdf", "image/png", "application/ld+json"]
)
def test_non_html_content_type(content_type: str) -> None:
    with pytest.raises(ExtractError) as info:
        decode_html(b'<html>{"a": 1}</html>', f"{content_type}; charset=utf-8")
    assert info.value.reason == "not_html"
    assert info.value.detail == f"content-type {content_type}"


def test_text_plain_accepted_only_when_it_looks_like_html() -> None:
    assert "<p>x</p>" in decode_html(b"\n  <!DOCTYPE html><p>x</p>", "text/plain")
    with pytest.raises(ExtractError, match="not_html"):
        decode_html(b"just some notes", "text/plain")


def test_octet_stream() -> None:
    assert "hi" in decode_html(b"<html><body>hi</body></html>", "application/octet-stream")
    with pytest.raises(ExtractError, match="not_html"):
        decode_html(b"\x07\x08random binary", "application/octet-stream")


def test_missing_content_type_with_html_text() -> None:
    assert decode_html(b"<div>plain ascii</div>", None) == "<div>plain ascii</div>"


@pytest.mark.parametrize(
    ("content_type", "expected"),
    [
        (None, True),
        ("", True),
        ("text/html; charset=utf-8", True),
        ("application/xhtml+xml", True),
        ("TEXT/HTML", True),
        ("text/plain", True),
        ("application/octet-stream", True),
        ("application/pdf", False),
        ("image/jpeg", False),
        ("video/mp4", False),
        ("application/json", False),
        ("application/zip", False),
        ("text/css", False),
    ],
)
def test_is_html_content_type(content_type: str | None, expected: bool) -> None:
    assert is_html_content_type(content_type) is expected


@pytest.mark.parametrize("declared", ["iso-8859-1", "GB2312", "windows-1251"])
def test_utf8_bytes_win_over_a_stale_declaration(declared: str) -> None:
    text = "Für Bürger — 市民のための 新闻"
    body = (f'<html><head><meta http-equiv="content-type" content="text/html; '
            f'charset={declared}"></head><body><p>{text}</p></body></html>').encode()
    assert text in decode_html(body)
    assert text in decode_html(body, f"text/html; charset={declared}")


def test_shift_jis_declared_utf8_in_the_header() -> None:
    decoded = decode_body(shift_jis_page(), "text/html; charset=utf-8")
    assert JAPANESE[1] in decoded.text
    assert "\ufffd" not in decoded.text
    assert (decoded.encoding, decoded.evidence) == ("cp932", "detection")
    assert decoded.note.startswith("declared utf-8 in the header, decoded as cp932 (detection): "
                                   "the declared charset left ")


def test_shift_jis_declared_utf8_in_a_meta() -> None:
    decoded = decode_body(shift_jis_page('<meta charset="utf-8">'), "text/html")
    assert JAPANESE[0] in decoded.text
    assert "\ufffd" not in decoded.text
    assert decoded.note.startswith("declared utf-8 in the meta, decoded as cp932")


def test_the_meta_charset_when_the_header_lies() -> None:
    decoded = decode_body(shift_jis_page('<meta charset="shift_jis">'), "text/html; charset=utf-8")
    assert JAPANESE[2] in decoded.text
    assert (decoded.encoding, decoded.evidence) == ("cp932", "meta")


def test_windows_1252_declared_utf8_keeps_its_curly_quotes() -> None:
    body = ("<html><body><p>The mayor said “we’re ready” — and the council agreed.</p>"
            "</body></html>").encode("cp1252")
    text = decode_html(body, "text/html; charset=utf-8")
    assert "“we’re ready” — and" in text


def test_a_few_stray_bytes_in_a_long_utf8_page_stay_utf8() -> None:
    paragraph = "<p>Café owners in Zürich say “business is good” — for now.</p>\n"
    body = (paragraph * 20).encode() + b"<p>ad \xff\xfe</p>" + (paragraph * 20).encode()
    decoded = decode_body(body, "text/html; charset=utf-8")
    assert (decoded.encoding, decoded.evidence, decoded.note) == ("utf-8", "header", None)
    assert decoded.text.count("\ufffd") == 2
    assert decoded.text.count("“business is good”") == 40


def test_a_nul_in_the_first_kilobyte_is_removed() -> None:
    html = story_html().replace("<title>", "<title>\x00")
    assert "\x00" not in decode_html(html.encode(), "text/html; charset=utf-8")
    article = process(Page(url=URL, body=html.encode(), fetched_at=datetime(2024, 5, 8, tzinfo=UTC),
                           headers={"content-type": "text/html"}))
    assert article.title == "Water board approves reservoir pump replacement"


@pytest.mark.parametrize("body", [
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" * 40,
    bytes(range(256)) * 64,
    random.Random(7).randbytes(8192),
    "<html><body>UTF-16 without a BOM</body></html>".encode("utf-16-le"),
])
def test_binary_is_still_not_html(body: bytes) -> None:
    with pytest.raises(ExtractError) as info:
        decode_html(body, "text/html")
    assert info.value.reason == "not_html"


def test_shift_jis_page_declared_utf8_becomes_an_article() -> None:
    page = Page(url=URL, body=shift_jis_page('<meta charset="utf-8">'),
                fetched_at=datetime(2024, 5, 8, tzinfo=UTC),
                headers={"content-type": "text/html; charset=utf-8"})
    article = process(page)
    assert JAPANESE[1] in article.text
    assert article.title == "防災計画を発表"
    assert article.language == "ja"
