"""Mentions: the spans that name an organisation, person, place, service or policy.

The gazetteer (known entities), the statistical taggers (`ner/`), and the name rules per
language (`names_zh`, `names_en`, with `names_common` shared), plus the finders they call.
"""
