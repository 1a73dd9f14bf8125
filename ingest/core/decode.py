"""Response body -> text, before any HTML parsing.

Scraped news sites get encodings wrong in every possible way: no declaration, a header that
contradicts the page, "iso-8859-1" pages full of curly quotes, "utf-8" pages that are really
windows-1252, PDFs served as text/html. Guessing badly here silently corrupts every later
stage (titles, bylines, near-duplicate hashes), so the order of evidence is fixed and follows
what browsers do (WHATWG): BOM, Content-Type header, <meta> prescan, then statistical
detection, then utf-8. Two exceptions, both because the bytes themselves contradict the
evidence: bytes that are valid multi-byte UTF-8 are UTF-8 whatever was declared, and a declared
charset that leaves the page garbled (see `_garbled`) gives way to the next piece of evidence
that decodes it cleanly. `decode_body` says which encoding was used and why. Decoding never
raises on bad bytes; only bodies that are not an HTML document at all (empty, binary, clearly
another media type) raise `ExtractError`.

This module has no Scrapy or httpx dependency so every entry point can share it.
"""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from charset_normalizer import from_bytes

from ingest.core.errors import ExtractError

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
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")
"""WHATWG MIME sniffing's binary data bytes: the C0 controls no text uses (TAB, LF, FF, CR are
text, and so is ESC, which ISO-2022-JP is made of)."""
_ESCAPED = re.compile("[\udc00-\udcff]")
"""The stand-ins `_escape_bytes` puts for undecodable bytes (lone surrogates, which no
successful decode produces)."""

SNIFF_BYTES = 1024
"""How much of the body the binary sniff reads (as browsers do)."""
MAX_BINARY_SHARE = 0.01
"""Share of the sniffed bytes that may be binary data bytes in a text page.

A stray NUL or two (a CMS template bug, a pasted control character) must not cost a good page:
they are removed from the text. Binary files are full of them: uniformly random bytes (images,
compressed data) are about 10% binary data bytes, UTF-16 without a BOM is 50% NULs."""
GARBLED_SHARE = 0.001
"""Share of a body's bytes a declared charset must fail to decode before other evidence is tried.

A real UTF-8 page often carries a few broken bytes (an ad in another charset, a multi-byte
character cut in two): a handful in a page of tens of kilobytes is well under 0.1%, and the page
stays UTF-8 with replacement characters where they were. A page in another charset misread
fails on most of its non-ASCII bytes (Japanese in Shift_JIS read as UTF-8: about every second
byte of its text), far over 0.1% even when markup makes up most of the page."""
GARBLED_MIN_BYTES = 20
"""Undecodable bytes a declared charset must leave, whatever the page's size, before other
evidence is tried: in a short page a few broken bytes are already over `GARBLED_SHARE`, but
they are damage, not a wrong charset. A paragraph of Japanese misread leaves hundreds."""

Evidence = Literal["bom", "header", "meta", "detection", "default", "valid utf-8"]
"""Where the encoding used came from; "valid utf-8" when the bytes themselves are UTF-8."""

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Decoded:
    """A decoded body and the encoding used, so a caller can tell how it was read."""

    text: str
    encoding: str
    """The Python codec used (e.g. "utf-8", "cp1252", "cp932")."""
    evidence: Evidence
    note: str | None = None
    """Why a declared charset was not used, e.g. "declared utf-8 in the header, decoded as
    cp932 (detection): the declared charset left 2,417 of 9,120 bytes undecodable"."""


def _escape_bytes(error: UnicodeError) -> tuple[str, int]:
    """A codec error handler: each undecodable byte becomes a lone surrogate (any byte, where
    Python's surrogateescape refuses ASCII ones), so `_ESCAPED` counts them exactly."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start:error.end]
    return "".join(chr(0xDC00 + byte) for byte in bad), error.end


codecs.register_error("ingest.core.decode.escape", _escape_bytes)


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
    """Decode an HTML response body; raise `ExtractError` if it is empty or not HTML.

    When a declared charset was overridden the reason is logged (at INFO)."""
    decoded = decode_body(body, content_type)
    if decoded.note:
        log.info("%s", decoded.note)
    return decoded.text


def decode_body(body: bytes, content_type: str | None = None) -> Decoded:
    """Decode an HTML response body and say how; raise `ExtractError` if it is empty or not HTML.

    NUL characters are removed from the text: a stray one is no reason to lose a page, and the
    HTML parser would only turn it into a replacement character."""
    bom, bom_encoding = next(((b, e) for b, e in _BOMS if body.startswith(b)), (b"", None))
    _check_document(body, bom, bom_encoding, content_type)
    if bom_encoding:
        text = body[len(bom):].decode(bom_encoding, errors="replace")
        decoded = Decoded(text, bom_encoding, "bom")
    else:
        decoded = _decode_unmarked(body, content_type)
    if "\x00" in decoded.text:
        return Decoded(decoded.text.replace("\x00", ""), decoded.encoding, decoded.evidence,
                       decoded.note)
    return decoded


def _check_document(body: bytes, bom: bytes, bom_encoding: str | None,
                    content_type: str | None) -> None:
    """Raise `ExtractError` for a body that is empty or clearly not an HTML document."""
    if not body[len(bom):].strip():
        raise ExtractError("empty", "empty response body")
    media = media_type(content_type)
    if not is_html_content_type(media):
        raise ExtractError("not_html", f"content-type {media}")
    if bom_encoding is None or bom_encoding == "utf-8":  # UTF-16 text is full of NULs
        _reject_binary(body)
        if media in _SNIFF_TYPES and not _HTML_START.match(body[len(bom):]):
            raise ExtractError("not_html", f"content-type {media} without HTML markup")


def _decode_unmarked(body: bytes, content_type: str | None) -> Decoded:
    """Decode a body without a BOM: header, <meta>, detection, utf-8, in that order.

    Bytes that are valid UTF-8 and use it (non-ASCII characters) are UTF-8 whatever the page
    declares: text really in windows-1252 or GBK almost never forms valid multi-byte UTF-8
    sequences throughout, while CMSs and transcoding proxies often leave a stale
    `charset=iso-8859-1` or `GB2312` on UTF-8 pages. So a strict UTF-8 decode comes first; it
    is also the common case, costing one decode and no detection."""
    declared = _declarations(body, content_type)
    text = _utf8(body)
    if not declared:
        if text is not None:
            return Decoded(text, "utf-8", "valid utf-8")
        detected = _detect(body)
        if detected:
            return _decode_as(body, detected, "detection", ())
        return _decode_as(body, "utf-8", "default", ())
    source, encoding = declared[0]
    if text is not None and encoding == "utf-8":
        return Decoded(text, "utf-8", source)
    if text is not None and not body.isascii():
        return Decoded(text, "utf-8", "valid utf-8", f"declared {encoding} in the {source}, "
                       "decoded as utf-8: the bytes are valid UTF-8")
    return _decode_as(body, encoding, source, _alternatives(body, encoding, declared))


def _utf8(body: bytes) -> str | None:
    """The body decoded as UTF-8, or None if it is not valid UTF-8."""
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _decode_as(body: bytes, encoding: str, source: Evidence,
               alternatives: Iterable[tuple[Evidence, str]]) -> Decoded:
    """Decode with the chosen encoding; if that garbles the page, with the first of the
    `alternatives` that decodes it without errors (else keep it, with replacement characters)."""
    try:
        return Decoded(body.decode(encoding), encoding, source)
    except UnicodeDecodeError:
        escaped = body.decode(encoding, errors="ingest.core.decode.escape")
    errors = len(_ESCAPED.findall(escaped))
    if _garbled(escaped, errors, len(body)):
        for other_source, other in alternatives:
            try:
                text = body.decode(other)
            except UnicodeDecodeError:
                continue
            note = (f"declared {encoding} in the {source}, decoded as {other} ({other_source}): "
                    f"the declared charset left {errors:,} of {len(body):,} bytes undecodable")
            return Decoded(text, other, other_source, note)
    return Decoded(_ESCAPED.sub("\ufffd", escaped), encoding, source)


def _garbled(escaped: str, errors: int, size: int) -> bool:
    """True when a decode leaving `errors` undecodable bytes means the charset is wrong.

    It is when the charset decoded none of the page's non-ASCII characters (a windows-1252 page
    labelled UTF-8), or when it failed on more than `GARBLED_MIN_BYTES` and more than
    `GARBLED_SHARE` of the bytes, and on more bytes than the non-ASCII characters it did decode.
    Shift_JIS read as UTF-8 happens to form some valid sequences, but fails on more bytes than
    it reads (even all-hiragana text); a real UTF-8 page with a broken ad reads far more
    characters than it fails on, and stays UTF-8."""
    if not errors:
        return False
    decoded = len(escaped) - len(escaped.encode("ascii", errors="ignore")) - errors
    return decoded == 0 or (
        errors > max(GARBLED_MIN_BYTES, size * GARBLED_SHARE) and errors > decoded)


def _declarations(body: bytes, content_type: str | None) -> list[tuple[Evidence, str]]:
    """The usable charsets declared in the Content-Type header and in a <meta>, in that order."""
    declared: list[tuple[Evidence, str]] = []
    match = _CHARSET_PARAM.search(content_type or "")
    if match and (encoding := _codec(match.group(1))):
        declared.append(("header", encoding))
    match = _META_CHARSET.search(body[:4096])
    if match and (encoding := _codec(match.group(1).decode("ascii", "replace"), meta=True)):
        declared.append(("meta", encoding))
    return declared


def _alternatives(body: bytes, failed: str,
                  declared: list[tuple[Evidence, str]]) -> Iterator[tuple[Evidence, str]]:
    """The evidence after a charset that failed: the other declarations, then detection (run
    only if reached, since it is slow). UTF-8 is no alternative: it was tried first."""
    seen = {failed, "utf-8"}
    for source, encoding in declared:
        if encoding not in seen:
            seen.add(encoding)
            yield source, encoding
    detected = _detect(body)
    if detected and detected not in seen:
        yield "detection", detected


def _reject_binary(body: bytes) -> None:
    """Refuse known binary formats, and bodies whose first kilobyte has more binary data bytes
    than a text page with a few stray control characters would (`MAX_BINARY_SHARE`)."""
    for magic, name in _MAGIC:
        if body.startswith(magic):
            raise ExtractError("not_html", f"body looks like {name}")
    head = body[:SNIFF_BYTES]
    binary = len(_BINARY_BYTES.findall(head))
    if binary > len(head) * MAX_BINARY_SHARE:
        raise ExtractError("not_html", f"binary body ({binary} control bytes in the first "
                                       f"{len(head):,})")


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
