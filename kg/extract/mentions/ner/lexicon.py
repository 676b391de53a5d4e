"""The word lists that type and check the taggers' spans, read from `kg/lexicons/ner/`.

Each list is data (see the comment at the top of each file); a malformed line raises
`LexiconError` naming the file and line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ....errors import LexiconError
from ....lexicons import LEXICON_DIR, load_json, load_tsv, load_words
from ....model import ENTITY_TYPES
from ....text import normalize

NER_DIR = "ner"


@dataclass(frozen=True)
class NerLexicon:
    zh_heads: tuple[tuple[str, str], ...]  # (head, type), longest first
    zh_context: dict[str, str]  # cue -> type
    determiners: tuple[str, ...]  # longest first
    counts: re.Pattern[str]
    generic_heads: frozenset[str]
    en_heads: dict[str, str]  # casefolded last word -> type
    en_not_names: frozenset[str]  # normalised
    en_place_words: frozenset[str] = frozenset()  # Shenzhen, Poland: no reason to run the English tagger
    en_not_person: frozenset[str] = frozenset()  # Center, Store: end no person's name (casefolded)
    en_given_names: frozenset[str] = frozenset()  # Ashok, Maria: "<given> <surname>" is a person
    joiners: tuple[str, ...] = ()  # vs, 对阵: the words on both sides are teams
    branches: tuple[str, ...] = ()  # 分行, 分公司: a unit named after its parent
    place_heads: frozenset[str] = frozenset()  # 军方, 空军: a place and this head alone make a name
    team_before: tuple[str, ...] = ()  # 客队, 击败: a place or person right after is a team (in a match report)
    team_after: tuple[str, ...] = ()  # 主场, 坐镇: a place or person right before is a team
    team_home_away: frozenset[str] = frozenset()  # the words that make even a tagger's person a team
    leagues: frozenset[str] = frozenset()  # 德甲, 荷甲: a country's abbreviation and a tier, in a match report
    armed_forces: frozenset[str] = frozenset()  # 英军, 法军: a country's abbreviation and 军
    common_word_freq: int = 500  # a bare tagger name that is a word this common is no name
    not_heads: tuple[str, ...] = ()  # 全部, 布局: ordinary words ending with a head's character
    not_org_heads: tuple[str, ...] = ()  # 美术馆, 乐园: places, not organisations
    person_titles: tuple[str, ...] = ()  # 总, 先生: surname + title is a form of address
    familiar_prefixes: frozenset[str] = frozenset()  # 老, 小: 老刘, 小军
    en_title_words: frozenset[str] = frozenset()  # sir, sergeant, coach: before a name, no part of it (casefolded)
    en_org_roles: dict[str, str] = field(default_factory=dict)  # coach, MNA: "<org> <role> <name>" types the org
    en_business_words: frozenset[str] = frozenset()  # shares, revenue: a business story's words (lower case)
    en_field_titles: tuple[str, ...] = ()  # Minister, Secretary: "<field> Minister <name>", longest first

    def zh_address_form(self, span: str) -> bool:
        """True for a form of address rather than a name (王总, 张先生, 老刘)."""
        if len(span) == 2 and span[0] in self.familiar_prefixes:
            return True
        return any(span.endswith(t) and 1 <= len(span) - len(t) <= 2 for t in self.person_titles)

    def zh_head_type(self, span: str) -> tuple[str, str] | None:
        """(head, type) of the longest head that ends `span`, or None."""
        for head, typ in self.zh_heads:
            if span.endswith(head):
                return head, typ
        return None

    def zh_generic(self, span: str) -> bool:
        """True for a span that names no one: a generic head alone, or after a determiner or a count."""
        rest = span
        for det in self.determiners:
            if rest.startswith(det):
                rest = rest[len(det):]
                break
        m = self.counts.match(rest)
        if m:
            rest = rest[m.end():]
        if rest in self.generic_heads or not rest:
            return True
        return rest != span and any(rest.endswith(h) and len(rest) - len(h) <= 2 for h in self.generic_heads)


def _types(rel: str) -> list[tuple[str, str]]:
    out = []
    for no, (word, typ) in load_tsv(rel, columns=2):
        if typ not in ENTITY_TYPES:
            raise LexiconError(f"{LEXICON_DIR / rel}:{no}: unknown entity type {typ!r}; valid: {', '.join(ENTITY_TYPES)}")
        out.append((word, typ))
    return out


@lru_cache(maxsize=1)
def ner_lexicon() -> NerLexicon:
    """Load and check every list in `kg/lexicons/ner/` (once per process)."""
    rel = f"{NER_DIR}/zh_generic.json"
    generic = load_json(rel)
    try:
        determiners = tuple(sorted((str(w) for w in generic["determiners"]), key=len, reverse=True))
        counts = re.compile(str(generic["counts"]))
        heads = frozenset(str(w) for w in generic["generic_heads"])
        common = int(generic["common_word_freq"])
    except (KeyError, TypeError, ValueError) as err:
        raise LexiconError(f"{LEXICON_DIR / rel}: missing or malformed key: {err}") from err
    except re.error as err:
        raise LexiconError(f"{LEXICON_DIR / rel}: bad 'counts' regex: {err}") from err
    forms_rel = f"{NER_DIR}/zh_person_forms.json"
    forms = load_json(forms_rel)
    try:
        titles = tuple(sorted((str(w) for w in forms["title_suffixes"]), key=len, reverse=True))
        familiar = frozenset(str(w) for w in forms["familiar_prefixes"])
    except (KeyError, TypeError) as err:
        raise LexiconError(f"{LEXICON_DIR / forms_rel}: missing or malformed key: {err}") from err
    zh_heads = tuple(sorted(_types(f"{NER_DIR}/zh_heads.tsv"), key=lambda h: -len(h[0])))
    team_rel = f"{NER_DIR}/zh_team_context.json"
    team = load_json(team_rel)
    try:
        team_before = tuple(sorted((str(w) for w in team["before"]), key=len, reverse=True))
        team_after = tuple(sorted((str(w) for w in team["after"]), key=len, reverse=True))
        home_away = frozenset(str(w) for w in team["home_away"])
    except (KeyError, TypeError) as err:
        raise LexiconError(f"{LEXICON_DIR / team_rel}: missing or malformed key: {err}") from err
    league_rel = f"{NER_DIR}/zh_leagues.json"
    league = load_json(league_rel)
    try:
        leagues = frozenset(str(c) + str(t) for c in league["countries"] for t in league["tiers"])
    except (KeyError, TypeError) as err:
        raise LexiconError(f"{LEXICON_DIR / league_rel}: missing or malformed key: {err}") from err
    forces_rel = f"{NER_DIR}/zh_armed_forces.json"
    try:
        forces = frozenset(str(c) + "军" for c in load_json(forces_rel)["countries"])
    except (KeyError, TypeError) as err:
        raise LexiconError(f"{LEXICON_DIR / forces_rel}: missing or malformed key: {err}") from err
    if stray := sorted(home_away - set(team_before) - set(team_after)):
        raise LexiconError(f"{LEXICON_DIR / team_rel}: home_away words in neither list: {', '.join(stray)}")
    place_heads = frozenset(load_words(f"{NER_DIR}/zh_place_heads.txt"))
    if stray := sorted(place_heads - {h for h, _ in zh_heads}):
        raise LexiconError(f"{LEXICON_DIR / NER_DIR / 'zh_place_heads.txt'}: not a head of zh_heads.tsv: {', '.join(stray)}")
    return NerLexicon(
        zh_heads=zh_heads,
        zh_context=dict(_types(f"{NER_DIR}/zh_context.tsv")),
        determiners=determiners,
        counts=counts,
        generic_heads=heads,
        en_heads={w.casefold(): t for w, t in _types(f"{NER_DIR}/en_heads.tsv")},
        en_not_names=frozenset(normalize(w) for w in load_words(f"{NER_DIR}/en_not_names.txt")),
        not_org_heads=tuple(load_words(f"{NER_DIR}/zh_not_org_heads.txt")),
        not_heads=tuple(load_words(f"{NER_DIR}/zh_not_heads.txt")),
        common_word_freq=common,
        branches=tuple(load_words(f"{NER_DIR}/zh_branches.txt")),
        place_heads=place_heads,
        team_before=team_before,
        team_after=team_after,
        team_home_away=home_away,
        leagues=leagues,
        armed_forces=forces,
        joiners=tuple(sorted((w.casefold() for w in load_words(f"{NER_DIR}/match_joiners.txt")), key=len, reverse=True)),
        en_place_words=frozenset(load_words(f"{NER_DIR}/en_place_words.txt")),
        en_not_person=frozenset(w.casefold() for w in load_words(f"{NER_DIR}/en_not_person_words.txt")),
        en_given_names=frozenset(load_words(f"{NER_DIR}/en_given_names.txt")),
        person_titles=titles,
        familiar_prefixes=familiar,
        en_title_words=frozenset(w.casefold() for w in load_words(f"{NER_DIR}/en_title_words.txt")),
        en_org_roles={w.casefold(): t for w, t in _types(f"{NER_DIR}/en_org_roles.tsv")},
        en_business_words=frozenset(w.casefold() for w in load_words(f"{NER_DIR}/en_business_words.txt")),
        en_field_titles=tuple(sorted(load_words(f"{NER_DIR}/en_field_titles.txt"), key=len, reverse=True)),
    )
