"""Figures: numbers with their unit, what they measure and the period they cover.

`extractor` is the registered `figures` extractor; `units` reads the unit, `meaning` the measure.
"""
