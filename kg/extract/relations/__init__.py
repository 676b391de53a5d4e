"""Relations between mentions: patterns, affiliations (people and their organisations), investors.

`extractor` is the registered `relations` extractor.
"""
