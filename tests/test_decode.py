from __future__ import annotations

import pytest

from ingest.decode import decode_html, is_html_content_type
from ingest.errors import ExtractError

CYRILLIC = "Москва: новости дня, погода и происшествия"


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
