"""The page, the record and the plain facts every stage shares: errors, URLs and the URL
policy, decoding, fingerprints, the publisher registry, the phrase vocabulary, times.
"""
