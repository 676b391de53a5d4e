"""Events: triggers, the roles around them and the follow-up sentences that change them.

`extractor` is the registered `events` extractor; `triggers` and `roles` find the words and
parties; one module per family of event classes (`corporate`, `personnel`) adds its roles.
"""
