"""One service named several ways across reports is one entity (the seeds named 店小蜜1688版本,
店小蜜1688版 and 小蜜1688版 as separate services)."""
from __future__ import annotations

from kg.model import Document, Extraction, Mention
from kg.resolve import resolve


def _ex(key: str, text: str, name: str) -> Extraction:
    doc = Document(key=key, source_path=f"{key}.txt", position="", text=text, lang="zh")
    start = text.index(name)
    return Extraction(document=doc, mentions=[Mention(name, start, start + len(name), "Service", extractor="names:test")])


def test_service_with_and_without_a_leading_character_is_one():
    exs = [_ex("a", "店小蜜1688版本已于3月1日起停止服务。", "店小蜜1688版本"),
           _ex("b", "1688平台发布关于店小蜜1688版服务调整的通知。", "店小蜜1688版"),
           _ex("c", "小蜜1688版已于3月1日起在1688平台开始进行服务调整。", "小蜜1688版")]
    services = [e for e in resolve(exs, [x.document for x in exs]).entities.values() if "Service" in e.types]
    assert len(services) == 1
    labels = {services[0].label_zh, *services[0].alt_labels}
    assert {"店小蜜1688版", "小蜜1688版"} <= labels


def test_short_services_stay_apart():
    exs = [_ex("a", "平台推出千牛服务。", "千牛"), _ex("b", "商家开通了小千牛服务。", "小千牛")]
    services = [e for e in resolve(exs, [x.document for x in exs]).entities.values() if "Service" in e.types]
    assert len(services) == 2
