"""Raw pages as the store keeps them: zstd (older databases hold zlib ones, read as they are).

Apart from the connection code so that the worker processes, which compress each page they
extract, load zstandard and nothing of the database."""

from __future__ import annotations

import zlib

import zstandard

ZSTD_FRAME = b"\x28\xb5\x2f\xfd"
"""How a zstd-compressed raw page starts; earlier databases hold zlib ones, read as they are."""
_PACKER = zstandard.ZstdCompressor(level=3)
_UNPACKER = zstandard.ZstdDecompressor()


def pack_body(body: bytes) -> bytes:
    """A raw page as stored: zstd, about as small as zlib's level 6 at a quarter of its time
    (0.1 against 0.4 ms for a 10 kB page; 0.37 ms for an average real news page of 185 kB)."""
    return _PACKER.compress(body)


def unpack_body(blob: bytes) -> bytes:
    return _UNPACKER.decompress(blob) if blob[:4] == ZSTD_FRAME else zlib.decompress(blob)
