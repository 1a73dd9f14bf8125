"""What every phrase file of data/vocabulary must hold, for the per-language tests."""

from __future__ import annotations

from collections.abc import Collection

from ingest.core.vocabulary import compile_phrase, load


def check_vocabulary(name: str, languages: Collection[str], kinds: Collection[str]) -> dict:
    """Load `data/vocabulary/NAME.toml` and check it: exactly `languages`, each a non-empty
    table of known `kinds`, each kind a non-empty list of phrases that compile."""
    vocabulary = load(name)
    assert set(vocabulary) == set(languages)
    for language, tables in vocabulary.items():
        assert tables, language
        assert set(tables) <= set(kinds), (language, set(tables) - set(kinds))
        for kind, phrases in tables.items():
            assert phrases, (language, kind)
            for phrase in phrases:
                assert compile_phrase(phrase), (language, kind, phrase)
    return vocabulary
