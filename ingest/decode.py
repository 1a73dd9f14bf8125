"""Response body -> text, before any HTML parsing.

Scraped news sites get encodings wrong in every possible way: no declaration, a header that
contradicts the page, "iso-8859-1" pages full of curly quotes, "utf-8" pages that are really
windows-1252, PDFs served as text/html. Guessing badly here silently corrupts every later
stage (titles, bylines, near-duplicate hashes), so the order of evidence is fixed and follows
what browsers do (WHATWG): BOM, Content-Type header, <meta> prescan, then statistical
detection, then utf-8. Decoding never raises on bad bytes; only bodies that are not an HTML
document at all (empty, binary, clearly another media type) raise `ExtractError`.

This module has no Scrapy or httpx dependency so every entry point can share it.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from ingest.errors import ExtractError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC = (
    (b"%PDF", "PDF"),
    (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"PK\x03\x04", "ZIP"),
    (b"\x1f\x8b", "gzip"),
)
# Declared labels that browsers decode with a superset codec (WHATWG Encoding Standard).
_SUPERSETS = {
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "iso8859-9": "cp1254",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
}
_NOT_HTML_MAJOR = {"image", "audio", "video", "font", "model", "multipart"}
_NOT_HTML_SUBTYPES = {
    "pdf", "json", "zip", "gzip", "x-gzip", "x-tar", "x-bzip2", "x-7z-compressed",
    "x-rar-compressed", "vnd.rar", "msword", "rtf", "postscript", "javascript",
    "x-javascript", "ecmascript", "wasm", "css", "csv", "calendar", "rss+xml", "atom+xml",
}
# Types that say nothing useful: the body must look like HTML to be accepted.
_SNIFF_TYPES = {"text/plain", "application/octet-stream", "binary/octet-stream",
                "application/unknown", "unknown/unknown"}

_CHARSET_PARAM = re.compile(r"""charset\s*=\s*["']?\s*([^"'\s;,>]+)""", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta\s[^>]*?charset\s*=\s*["']?\s*([-\w.:]+)""", re.IGNORECASE)
_HTML_START = re.compile(rb"\s*(<!doctype|<html)", re.IGNORECASE)


def media_type(content_type: str | None) -> str:
    """The bare, lower-cased media type of a Content-Type value ('' when absent)."""
    return re.split(r"[;,\s]", (content_type or "").strip(), maxsplit=1)[0].lower()


def is_html_content_type(content_type: str | None) -> bool:
    """False only when the type is clearly not an HTML document.

    Missing, HTML/XML and generic types (text/plain, octet-stream) pass: the body decides.
    """
    media = media_type(content_type)
    major, _, sub = media.partition("/")
    if major in _NOT_HTML_MAJOR or sub in _NOT_HTML_SUBTYPES:
        return False
    if sub.endswith(("+json", "+zip")) or (sub.startswith("vnd.") and "html" not in sub):
        return False
    return major != "text" or sub in {"", "html", "xml", "plain", "x-server-parsed-html"}


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """Decode an HTML response body; raise `ExtractError` if it is empty or not HTML."""
    bom, bom_encoding = next(((b, e) for b, e in _BOMS if body.startswith(b)), (b"", None))
    if not body[len(bom):].strip():
        raise ExtractError("empty", "empty response body")
    media = media_type(content_type)
    if not is_html_content_type(media):
        raise ExtractError("not_html", f"content-type {media}")
    if bom_encoding is None or bom_encoding == "utf-8":  # UTF-16 text is full of NULs
        _reject_binary(body)
        if media in _SNIFF_TYPES and not _HTML_START.match(body[len(bom):]):
            raise ExtractError("not_html", f"content-type {media} without HTML markup")

    if bom_encoding:
        return body[len(bom):].decode(bom_encoding, errors="replace")
    match = _CHARSET_PARAM.search(content_type or "")
    encoding = _codec(match.group(1)) if match else None
    if encoding is None:
        match = _META_CHARSET.search(body[:4096])
        encoding = _codec(match.group(1).decode("ascii", "replace"), meta=True) if match else None
    if encoding is None:
        encoding = _detect(body) or "utf-8"
    if encoding == "utf-8" or _is_multibyte_utf8(body):
        return _utf8_or_detected(body)
    return body.decode(encoding, errors="replace")


def _is_multibyte_utf8(body: bytes) -> bool:
    """True for bytes that are valid UTF-8 and use it (non-ASCII characters).

    Such bytes are UTF-8 whatever the page declares: text really in windows-1252 or GBK
    almost never forms valid multi-byte UTF-8 sequences throughout, while CMSs and
    transcoding proxies often leave a stale `charset=iso-8859-1` or `GB2312` on UTF-8 pages.
    """
    if body.isascii():
        return False
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _reject_binary(body: bytes) -> None:
    for magic, name in _MAGIC:
        if body.startswith(magic):
            raise ExtractError("not_html", f"body looks like {name}")
    if b"\x00" in body[:1024]:
        raise ExtractError("not_html", "binary body (NUL bytes)")


def _codec(label: str, *, meta: bool = False) -> str | None:
    """Python codec for a declared charset label, or None if unusable."""
    label = label.strip().lower()
    for candidate in (label, label.replace("windows-", "cp")):
        try:
            info = codecs.lookup(candidate)
        except LookupError:
            continue
        if not getattr(info, "_is_text_encoding", True):  # base64, rot13...
            return None
        name = _SUPERSETS.get(info.name, info.name)
        # A meta tag can't truthfully declare UTF-16: it was read as ASCII (WHATWG).
        return "utf-8" if meta and name.startswith("utf-16") else name
    return None


def _detect(body: bytes) -> str | None:
    best = from_bytes(body).best()
    return _codec(best.encoding) if best else None


def _utf8_or_detected(body: bytes) -> str:
    """Declared/assumed UTF-8: if the bytes disagree, trust detection over the declaration.

    A page with genuine multi-byte UTF-8 sequences plus a few bad bytes is damaged UTF-8 and
    keeps replacement characters; one with no valid sequences at all is mislabelled.
    """
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        text = body.decode("utf-8", errors="replace")
    if any(ord(ch) > 127 and ch != "\ufffd" for ch in text):
        return text
    detected = _detect(body)
    if detected and detected != "utf-8":
        try:
            return body.decode(detected)
        except UnicodeDecodeError:
            pass
    return text
