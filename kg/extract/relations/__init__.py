"""Relations between mentions: patterns and affiliations (people and their organisations).

`extractor` is the registered `relations` extractor.
"""
