"""kg.frozen makes the same objects as the dataclasses' own __init__ and dataclasses.replace."""
from __future__ import annotations

import dataclasses
import pickle
from decimal import Decimal

import pytest

from kg.frozen import in_order, made, replaced, template
from kg.model import DateMention, EventMention, Figure, Mention


def _fields(obj: object) -> list[tuple[str, object]]:
    """The instance's fields in the order it holds them (a class compiled by mypyc has no __dict__:
    its fields are in the class's order, which its pickle follows)."""
    if hasattr(obj, "__dict__"):
        return list(vars(obj).items())
    return [(f.name, getattr(obj, f.name)) for f in dataclasses.fields(obj)]  # type: ignore[arg-type]


def _same(a: object, b: object) -> None:
    assert type(a) is type(b)
    assert a == b and hash(a) == hash(b) and repr(a) == repr(b)
    assert _fields(a) == _fields(b), "the same fields in the same order"
    assert pickle.dumps(a) == pickle.dumps(b)


def test_made_from_a_template_equals_init() -> None:
    base = template(Mention, {"text", "start", "end", "type"})
    fields = base.copy()
    fields.update(text="京东", start=3, end=5, type="Company")
    m = made(Mention, fields)
    _same(m, Mention(text="京东", start=3, end=5, type="Company"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.start = 0  # type: ignore[misc]
    assert base["start"] is None, "the template itself is left as it was"


def test_replaced_equals_dataclasses_replace() -> None:
    actor = Mention(text="京东", start=3, end=5, type="Company", key="jd")
    ev = EventMention(type="Partnership", doc_key="d", evidence="京东与…", start=0, end=9, trigger="合作",
                      actors=(actor,), participants=(actor,), date="2024-01-02",
                      figures=(Figure(text="1亿元", start=1, end=4, value=Decimal("1E8"), unit="CNY"),), role="CEO")
    changes = {"evidence": "", "trigger": "", "actors": (), "role": None}
    new = replaced(ev, changes)
    _same(new, dataclasses.replace(ev, **changes))
    assert ev.evidence == "京东与…" and ev.actors == (actor,), "the original is unchanged"


def test_classes_it_cannot_fill_are_refused() -> None:
    @dataclasses.dataclass(frozen=True)
    class Later:
        text: str
        weight: float  # no default: a template must be given it

    with pytest.raises(TypeError):
        template(Later, {"text"})
    assert template(Later, {"text", "weight"}) == {"text": None, "weight": None}
    with pytest.raises(TypeError):
        template(Later, {"text", "weight", "colour"})
    with pytest.raises(TypeError):
        replaced(Later("a", 1.0), {"colour": 1})

    @dataclasses.dataclass(frozen=True)
    class Checked:
        text: str

        def __post_init__(self) -> None:
            pass

    @dataclasses.dataclass(frozen=True)
    class Derived:
        text: str
        size: int = dataclasses.field(init=False, default=0)

    @dataclasses.dataclass(frozen=True)
    class Listed:
        text: str
        tags: list = dataclasses.field(default_factory=list)

    for cls in (Checked, Derived):
        with pytest.raises(TypeError):
            template(cls, {"text"})
        with pytest.raises(TypeError):
            replaced(cls.__new__(cls), {})
    with pytest.raises(TypeError):
        template(Listed, {"text"})  # a shared default list would be one list for every instance


def test_in_order_checks_the_fields_a_literal_dict_gives() -> None:
    names = ("text", "start", "end", "value", "role", "end_value")
    assert in_order(DateMention, names) == names
    with pytest.raises(TypeError):
        in_order(DateMention, ("start", "text", *names[2:]))  # two fields swapped
    with pytest.raises(TypeError):
        in_order(DateMention, names[:-1])  # one left out: made() would give an object without it
