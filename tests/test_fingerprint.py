"""The fingerprint stage: two copies that differ only in typography hash alike, and a stored
hash never changes with the code that computes it."""

from __future__ import annotations

from ingest.core.fingerprint import content_hash, line_hash, normalise, word_count


def test_typography_case_and_spacing_do_not_count() -> None:
    fancy = "\u201cIt\u2019s over,\u201d she said \u2014 and\u00a0left.\n\n  THE END\u2009 "
    plain = "\"it's over,\" she said - and left. the end"
    assert normalise(fancy) == plain
    assert content_hash(fancy) == content_hash(plain)
    assert normalise("ﬁnal ①") == "final 1"  # NFKC: ligatures and circled digits


def test_hashes_are_the_stored_ones() -> None:
    """Stored records and site-line counts hold these: a change here orphans them."""
    assert content_hash("Flood barriers went up on Thursday.") == (
        "15e74fd8c7dda3b0af7958aae5672054")
    assert line_hash("Flood barriers went up on Thursday.") == "15e74fd8c7dda3b0"


def test_words_of_scripts_without_spaces_count_one_per_character() -> None:
    assert word_count("Flood barriers 東京都 went up") == 7
