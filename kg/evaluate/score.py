"""Precision/recall/F1 counts and the name matching shared by every scorer."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from ..text import normalize, strip_org_suffix

G = TypeVar("G")
P = TypeVar("P")

_QUOTES = re.compile(r"[《》〈〉“”‘’「」『』\"'()（）]")
_NON_WORD = re.compile(r"[\s\W_]+")
_HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Score:
    """Counts behind P/R/F1: matched predictions over predictions, matched gold over gold.

    Kept as counts (not ratios) so that scores add up across documents (micro average).
    With neither gold nor predictions the score is perfect: nothing was missed or invented.
    """

    gold: int = 0
    pred: int = 0
    matched_gold: int = 0
    matched_pred: int = 0

    def __add__(self, other: Score) -> Score:
        return Score(self.gold + other.gold, self.pred + other.pred,
                     self.matched_gold + other.matched_gold, self.matched_pred + other.matched_pred)

    @property
    def precision(self) -> float:
        if self.pred == 0:
            return 1.0 if self.gold == 0 else 0.0
        return self.matched_pred / self.pred

    @property
    def recall(self) -> float:
        if self.gold == 0:
            return 1.0 if self.pred == 0 else 0.0
        return self.matched_gold / self.gold

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def as_dict(self) -> dict[str, float | int]:
        return {"gold": self.gold, "pred": self.pred, "matched_gold": self.matched_gold,
                "matched_pred": self.matched_pred, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


def compare(gold: Sequence[G], pred: Sequence[P], ok: Callable[[G, P], bool]) -> Score:
    """Lenient set comparison: a gold item is found if any prediction matches it, and a
    prediction is right if it matches any gold item (duplicates of a right answer are right)."""
    hit_pred = [any(ok(g, p) for g in gold) for p in pred]
    hit_gold = [any(ok(g, p) for p in pred) for g in gold]
    return Score(len(gold), len(pred), sum(hit_gold), sum(hit_pred))


def mention_key(text: str) -> str:
    """A surface form as written, folded for width/case/space and stripped of quote marks."""
    return normalize(_QUOTES.sub("", text)).replace(" ", "")


def name_key(text: str) -> str:
    """A looser key for names in roles and relations: also drops company suffixes and punctuation."""
    t = normalize(_QUOTES.sub("", text))
    return _NON_WORD.sub("", strip_org_suffix(t) or t)


def names_match(alternatives: Iterable[str], predicted: str) -> bool:
    """Whether a predicted name is one of the gold alternatives, with the containment
    tolerance of the researcher evaluation (>= 3 Han characters or >= 6 other characters)."""
    got = name_key(predicted)
    if not got:
        return False
    for alt in alternatives:
        want = name_key(alt)
        if not want:
            continue
        if want == got:
            return True
        short, long_ = sorted((want, got), key=len)
        if short in long_ and len(short) >= (3 if _HAN.search(short) else 6):
            return True
    return False
