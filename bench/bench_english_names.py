"""People and organisations in real English news that nobody here wrote, per `--ner` mode.

Usage: python bench/bench_english_names.py [--modes off,en,on] [--out bench/ENGLISH-NAMES-RESULTS.md]
                                           [--errors dev|held-out|all] [--mode-errors en] [--kg CMD]
                                           [--data DIR] [--old-kg CMD]

Reads the hand-annotated excerpts in `bench/english_news/` (see its README: one JSON file per
article with its source address, a short excerpt, the gold people and organisations by type, and
its split: `dev` or `held-out`), builds them with `kg build --ner MODE` for each mode, reads the
graph back per article (`kg:source` / `dcterms:source`) and scores entity labels against the gold:

- exact: some entity of the gold's class has a label equal to one of the gold entity's written
  forms after NFKC, casefolding and dropping spaces and punctuation;
- partial: not exact, but a label and a written form share a run of whole words (one is a
  contiguous word sequence of the other: "FTC Chair Lina Khan" / "Lina Khan");
- precision: an entity of a class is right when one of its labels equals a gold form of that
  class, partly right when it only shares words with one, wrong otherwise. Names the README lists
  as ambiguous for an article (laws, shows, business units) count neither way.

Classes: person <- kg:Person, company <- kg:Company / kg:Platform, government <- kg:GovernmentBody,
organization <- kg:Organization typed as none of those. "people and organisations" merges the
three organisation types (a company found as an Organization counts there, not in its own row).
Not a test: run it by hand and commit the table. `--errors` prints the misses and wrong entities
of one split (look at the held-out split only once, at the end).

`--data bench/english_news_general` scores the general-news set (courts, sports, banks, science,
politics) instead of the e-commerce one. `--old-kg CMD` adds a column `old`: CMD (an older kg,
e.g. a wrapper running the checkout issue 9 was filed against, which has no `--ner` option and
must drop it and `--no-site`) built in the same run, with `--ner off` passed for it to drop.
"""
from __future__ import annotations

import argparse
import json
import re
import shlex
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "english_news"
KG = "https://w3id.org/ecomkg/ontology#"
NODES = """PREFIX kg: <https://w3id.org/ecomkg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?src ?x ?t ?l WHERE { ?x kg:source ?d ; a ?t . ?d dcterms:source ?src .
  OPTIONAL { ?x rdfs:label|skos:altLabel ?l } }"""
CLASSES = {"person": {"Person"}, "company": {"Company", "Platform"}, "government": {"GovernmentBody"},
           "organization": {"Organization"}}
ORG_TYPES = ("company", "government", "organization")
SPLITS = ("dev", "held-out", "all")


def words(text: str) -> tuple[str, ...]:
    """Casefolded word tuple; a possessive 's is not a word of the name."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("\u2019", "'")
    return tuple(w for w in re.split(r"[\W_]+", re.sub(r"'s\b", "", text)) if w)


def key(text: str) -> str:
    return "".join(words(text))


def shares_words(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """One word tuple is a contiguous run of the other."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    n = len(short)
    return n > 0 and any(long_[i:i + n] == short for i in range(len(long_) - n + 1))


def load_articles(data: Path = DATA) -> list[dict]:
    """Every article file, checked: each gold form must be written in its excerpt."""
    articles, problems = [], []
    for path in sorted(data.glob("*.json")):
        art = json.loads(path.read_text(encoding="utf-8"))
        if art.get("split") not in ("dev", "held-out"):
            problems.append(f"{path.name}: split must be dev or held-out, not {art.get('split')!r}")
        for kind, ents in art["gold"].items():
            if kind not in CLASSES:
                problems.append(f"{path.name}: unknown gold type {kind!r}")
            for forms in ents:
                problems += [f"{path.name}: gold {kind} {f!r} is not in the excerpt" for f in forms if f not in art["text"]]
        articles.append(art)
    if problems:
        sys.exit(f"{data} is inconsistent:\n  " + "\n  ".join(problems))
    if not articles:
        sys.exit(f"{data}: no article files (NN.json)")
    return articles


def build(articles: list[dict], mode: str, kg: list[str]) -> tuple[dict[str, list[tuple[set, set]]], float]:
    """kg build --ner MODE over the excerpts; article id -> [(kg types, labels)] and wall seconds."""
    with tempfile.TemporaryDirectory(prefix="kg-en-names-") as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for art in articles:
            (corpus / f"a{art['id']}.txt").write_text(art["text"] + "\n", encoding="utf-8")
        out = Path(tmp) / "out"
        start = time.perf_counter()
        run = subprocess.run([*kg, "build", str(corpus), "--out", str(out), "--ner", mode,
                              "--no-site", "--no-store", "--quiet"], capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if not (out / "graph.nq").exists():
            sys.exit(f"kg build --ner {mode} failed ({run.returncode}): {run.stderr[-2000:]}")
        store = ox.Store()
        store.bulk_load(path=str(out / "graph.nq"), format=ox.RdfFormat.N_QUADS)
    nodes: dict[str, dict[str, tuple[set, set]]] = defaultdict(dict)
    for row in store.query(NODES, use_default_graph_as_union=True):
        m = re.search(r"a(\d+)\.txt", row["src"].value)
        if not m:
            continue
        types, labels = nodes[m.group(1)].setdefault(row["x"].value, (set(), set()))
        types.add(row["t"].value.removeprefix(KG))
        if row["l"] is not None and words(row["l"].value):
            labels.add(row["l"].value)
    return {k: list(v.values()) for k, v in nodes.items()}, seconds


def node_class(types: set) -> str | None:
    for kind in ("person", "company", "government"):
        if types & CLASSES[kind]:
            return kind
    return "organization" if "Organization" in types else None


def lexicon_keys() -> set[str]:
    """Every label and alias of kg's gazetteer, as keys: gold names it lists are "known"."""
    from kg.lexicons import load_entities
    return {key(n) for e in load_entities() for n in (e.label_en, e.label_zh, *e.aliases) if n}


def score_article(art: dict, nodes: list[tuple[set, set]], merged: bool, known: set[str]) -> tuple[Counter, list[str]]:
    """Counts per class (gold, exact, partial, predicted, right, partly; the same for gold names
    the gazetteer does not list: unknown, unknown_exact) and error lines."""
    c: Counter = Counter()
    errors: list[str] = []
    merge = (lambda k: "org" if k in ORG_TYPES else k) if merged else (lambda k: k)
    gold = defaultdict(list)
    for kind, ents in art["gold"].items():
        gold[merge(kind)] += [[words(f) for f in forms] for forms in ents]
    ambiguous = [words(a) for a in art.get("ambiguous", [])]
    predicted = defaultdict(list)
    for types, labels in nodes:
        kind = node_class(types)
        if kind and labels:
            predicted[merge(kind)].append([words(lab) for lab in labels])
    for kind in set(gold) | set(predicted):
        for forms in gold[kind]:
            c[kind, "gold"] += 1
            keys = {"".join(f) for f in forms}
            unknown = not keys & known
            c[kind, "unknown"] += unknown
            partly = [" ".join(lab) for labs in predicted[kind] for lab in labs
                      if any(shares_words(lab, f) for f in forms)]
            elsewhere = sorted({f"{' '.join(lab)} ({'/'.join(sorted(types))})" for types, labels in nodes
                                for lab in map(words, labels) if any(shares_words(lab, f) for f in forms)
                                and merge(node_class(types) or "") != kind})
            if any("".join(lab) in keys for labs in predicted[kind] for lab in labs):
                c[kind, "exact"] += 1
                c[kind, "unknown_exact"] += unknown
            elif partly:
                c[kind, "partial"] += 1
                errors.append(f"  partial {kind}: {' '.join(forms[0])} <- {' | '.join(partly)}")
            else:
                errors.append(f"  missed  {kind}: {' '.join(forms[0])}" + (f" (as {'; '.join(elsewhere)})" if elsewhere else ""))
        gold_forms = [f for forms in gold[kind] for f in forms]
        other_forms = [f for k, ents in gold.items() if k != kind for forms in ents for f in forms]
        for labs in predicted[kind]:
            shown = " | ".join(" ".join(lab) for lab in labs)
            if any(lab == f for lab in labs for f in gold_forms):
                c[kind, "right"] += 1
            elif any(shares_words(lab, f) for lab in labs for f in gold_forms):
                c[kind, "partly"] += 1
            elif any(shares_words(lab, a) for lab in labs for a in ambiguous):
                continue
            else:
                why = "other type" if any(shares_words(lab, f) for lab in labs for f in other_forms) else "not a name"
                errors.append(f"  wrong   {kind}: {shown} ({why})")
            c[kind, "predicted"] += 1
    return c, errors


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "—"


def table(results: dict, modes: list[str], split: str) -> list[str]:
    lines = ["| class | gold | " + " | ".join(f"`{m}` exact R / partial R / P / P partial" for m in modes) + " |",
             "|---|---:|" + "---:|" * len(modes)]
    for kind in ("person", "company", "government", "organization", "org", "all"):
        cells = []
        g = 0
        for mode in modes:
            c = results[mode][split][kind]
            g = c["gold"]
            r = c["exact"] / g if g else 0.0
            rp = (c["exact"] + c["partial"]) / g if g else 0.0
            p = c["right"] / c["predicted"] if c["predicted"] else 0.0
            pp = (c["right"] + c["partly"]) / c["predicted"] if c["predicted"] else 0.0
            cells.append(f"{r:.2f} ({c['exact']}) / {rp:.2f} / {p:.2f} / {pp:.2f} ({c['predicted']})")
        name = {"org": "organisations, any org type", "all": "**people and organisations**"}.get(kind, kind)
        lines.append(f"| {name} | {g} | " + " | ".join(cells) + " |")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--modes", default="off,en,on")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "ENGLISH-NAMES-RESULTS.md")
    ap.add_argument("--errors", choices=SPLITS, help="print misses and wrong entities of this split")
    ap.add_argument("--mode-errors", default="en", help="mode whose errors --errors prints")
    ap.add_argument("--kg", help="the kg command to measure (default: this Python's kg package), e.g. an older checkout's")
    ap.add_argument("--data", type=Path, default=DATA, help="folder of annotated articles (default: bench/english_news)")
    ap.add_argument("--old-kg", help="also measure this kg command (mode off) as a column `old`")
    args = ap.parse_args()
    modes = [m for m in args.modes.split(",") if m]
    articles = load_articles(args.data)
    known = lexicon_keys()
    results: dict = {}
    seconds: dict[str, float] = {}
    runs = [(m, m, shlex.split(args.kg) if args.kg else [sys.executable, "-m", "kg"]) for m in modes]
    if args.old_kg:
        runs.append(("old", "off", shlex.split(args.old_kg)))
    for mode, ner, kg in runs:
        nodes, seconds[mode] = build(articles, ner, kg)
        per_split = {s: defaultdict(Counter) for s in SPLITS}
        for art in articles:
            typed, errors = score_article(art, nodes.get(art["id"], []), False, known)
            merged, _ = score_article(art, nodes.get(art["id"], []), True, known)
            for split in (art["split"], "all"):
                for (kind, what), n in typed.items():
                    per_split[split][kind][what] += n
                for (kind, what), n in merged.items():
                    if kind == "org":  # person is already counted from the typed scores
                        per_split[split][kind][what] += n
                    per_split[split]["all"][what] += n
            if args.errors in (art["split"], "all") and mode == args.mode_errors and errors:
                print(f"[{art['id']} {art['split']}] {art['url']}")
                print("\n".join(errors))
        results[mode] = per_split
    modes = [r[0] for r in runs]
    n_dev = sum(a["split"] == "dev" for a in articles)
    data = args.data.resolve()
    data_name = data.relative_to(ROOT) if data.is_relative_to(ROOT) else data
    command = " ".join(["python bench/bench_english_names.py", f"--modes {','.join(m for m in modes if m != 'old')}",
                        *([f"--data {data_name}"] if data != DATA else []),
                        *([f"--old-kg {args.old_kg}"] if args.old_kg else []),
                        *([f"--out {args.out.resolve().relative_to(ROOT)}"] if args.out.resolve().is_relative_to(ROOT) else [])])
    what = ("public English news about e-commerce platforms, retailers, regulators and executives" if data == DATA
            else "public English general news (not about e-commerce)")
    lines = ["# People and organisations in real English news (`bench/bench_english_names.py`)", "",
             f"Command: `{command}` (from the repository root).",
             f"{len(articles)} excerpts of {what}",
             f"(`{data_name}/`, annotated by hand; sources and rules in its README), split before",
             f"any scoring into {n_dev} dev articles (errors looked at while fixing rules) and {len(articles) - n_dev} held-out",
             "articles (looked at once, at the end). Cells: exact recall (found) / exact+partial recall / precision /",
             "precision counting partly right labels (predicted entities). Wall seconds per build: "
             + ", ".join(f"`{m}` {seconds[m]:.1f}" for m in modes) + " (a shared, loaded machine).", ""]
    for split in SPLITS:
        lines += [f"## {split} ({sum(a['split'] == split for a in articles) if split != 'all' else len(articles)} articles)", ""]
        lines += [*table(results, modes, split), ""]
        for base in ("off", "old"):
            if base not in modes:
                continue
            for mode in modes:
                if mode in ("off", "old"):
                    continue
                a, o = results[mode][split]["all"], results[base][split]["all"]
                pa = a["right"] / a["predicted"] if a["predicted"] else 0.0
                po = o["right"] / o["predicted"] if o["predicted"] else 0.0
                lines.append(f"- people and organisations, exact recall `{mode}` / `{base}`: "
                             f"{ratio(a['exact'], o['exact'])}× ({a['exact']} vs {o['exact']} of {a['gold']}); "
                             f"of the {a['unknown']} the gazetteer does not list: "
                             f"{ratio(a['unknown_exact'], o['unknown_exact'])}× "
                             f"({a['unknown_exact']} vs {o['unknown_exact']}); "
                             f"precision {pa:.2f} vs {po:.2f}")
            lines.append("")
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
