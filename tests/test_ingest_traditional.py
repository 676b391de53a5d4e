"""Traditional Chinese page furniture, source lines and bylines (Taiwan and Hong Kong sites)."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest import ingest_file
from kg.ingest.repair import clean_lines

BODY = "公平交易委員會今日宣布，電商平台因不實廣告被處以罰款。該平台表示將配合調查並改善標示。"


@pytest.mark.parametrize(
    ("head", "publisher", "author"),
    [
        ("來源：中央社\n作者：林美華", "中央社", "林美華"),
        ("記者 陳志明\n來源：聯合新聞網", "聯合新聞網", "陳志明"),
        ("本報記者 王小明", None, "王小明"),
        ("來自：經濟日報", "經濟日報", None),
    ],
    ids=["laiyuan-zuozhe", "jizhe-laiyuan", "benbao-jizhe", "laizi"],
)
def test_ingest_traditional_meta(tmp_path: Path, head, publisher, author):
    path = tmp_path / "tw.txt"
    path.write_bytes(f"公平會重罰電商平台\n2024年1月10日 15:30\n{head}\n\n{BODY}\n".encode("big5"))
    (doc,) = ingest_file(path, tmp_path).documents
    assert (doc.publisher, doc.author, doc.date_published) == (publisher, author, "2024-01-10")
    assert doc.text == BODY


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("首頁\n快訊\n正文。\n列印\n分享", ["正文。"]),
        ("正文。\n責任編輯：王五", ["正文。"]),
        ("正文。\n上一頁 1 2 3 下一頁", ["正文。"]),
        ("正文。\n版權所有，未經授權不得轉載", ["正文。"]),
    ],
    ids=["chrome", "editor", "pager", "copyright"],
)
def test_ingest_traditional_chrome(text, kept):
    lines, _ = clean_lines(text)
    assert [ln for ln in lines if ln] == kept


@pytest.mark.parametrize("heading", ["相關閱讀", "延伸閱讀", "相關新聞"], ids=["xiangguan", "yanshen", "news"])
def test_ingest_traditional_related_reading_ends_article(tmp_path: Path, heading):
    other = "3月8日消息，另一家電商平台宣布調整商家服務費，新規將於下月起實施。"
    path = tmp_path / "tw.txt"
    path.write_text(f"公平會重罰電商平台\n2024年1月10日\n\n{BODY}\n{heading}\n{other}\n", encoding="utf-8")
    docs = [d for d in ingest_file(path, tmp_path).documents if not d.is_container]
    assert docs[0].text == BODY and docs[0].headline == "公平會重罰電商平台"
    assert all(heading not in d.text for d in docs)
