"""Events: triggers, the roles around them and the follow-up sentences that change them.

`extractor` is the registered `events` extractor; `triggers` and `roles` find the words and
parties (`lists` reads lists of parties, `investors` the investors of a round); one module per
family of event classes (`corporate`, `personnel`) adds its roles; `backrefs` and `sentences`
read follow-up sentences that change an earlier event, `headline` the date a headline gives to
its body's event.
"""
