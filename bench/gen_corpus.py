"""A deterministic generator of varied, realistic news corpora for benchmarks (not test data).

    python bench/gen_corpus.py N OUT_DIR [--seed 1]

Writes N documents (Chinese and English, about 3:2) as .txt, .md, .html and .jsonl files
under OUT_DIR. Company, platform and people names come partly from the project's own
lexicons and partly from invented names (so resolution sees new entities as the corpus
grows); dates, amounts, percentages and date formats vary; some documents carry noise
(boilerplate lines, full-width digits, stray markup, a blank-line mess). The same N and seed
always give the same bytes.
"""
from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEX = ROOT / "kg" / "lexicons" / "entities"

ZH_SYL = "华 盛 达 联 创 新 云 数 智 恒 通 信 优 品 易 购 惠 选 汇 众 宏 远 星 辰 海 科 锐 博 嘉 万".split()
ZH_TAIL = ["科技", "网络", "电子商务", "供应链", "物流", "集团", "数字科技", "信息技术"]
EN_SYL = "ver tal quin nex or bi lumi sol tra mar ko zen vi pra del flo ar cen ty lo".split()
EN_TAIL = ["Technologies", "Commerce", "Logistics", "Group", "Labs", "Retail", "Networks"]
ZH_SURNAME = "王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 林".split()
ZH_GIVEN = "伟 芳 娜 敏 静 磊 洋 勇 军 杰 涛 明 超 秀 霞 平 刚 桂 华 强".split()
EN_FIRST = "James Maria Chen Aisha Tom Priya Lukas Sofia Daniel Mei Omar Anna".split()
EN_LAST = "Walker Novak Tanaka Silva Moreau Kowalski Brennan Osei Larsen Ruiz".split()
ZH_ROLE = ["首席执行官", "总裁", "董事长", "副总裁", "首席财务官"]
EN_ROLE = ["chief executive", "president", "chairman", "vice president", "chief financial officer"]
ZH_PRODUCT = ["即时零售业务", "跨境电商平台", "会员服务", "直播带货频道", "仓储机器人", "小程序商城"]
EN_PRODUCT = ["same-day delivery service", "cross-border marketplace", "membership programme",
              "live-shopping channel", "warehouse robotics unit", "seller financing tool"]
ZH_POLICY = ["商家保证金规则", "退货运费险规则", "价格保护规则", "商品信息发布规范", "七天无理由退货规则"]
EN_POLICY = ["seller deposit rules", "return-shipping policy", "price-protection terms", "listing standards"]
ZH_REGULATOR = ["市场监管总局", "商务部", "国家网信办", "上海市市场监督管理局"]
EN_REGULATOR = ["the European Commission", "the Federal Trade Commission", "the Competition and Markets Authority"]
ZH_FILLER = ["业内人士认为，电商行业正在从流量竞争转向精细化运营，用户体验和履约效率成为关键。",
             "据了解，近年来消费者对即时配送和售后服务的要求不断提高，平台之间的竞争也日趋激烈。",
             "分析师指出，下沉市场仍有较大增长空间，但获客成本持续上升，盈利压力不容忽视。",
             "随着直播电商的兴起，越来越多的品牌开始尝试自播模式，以降低对头部主播的依赖。",
             "有消费者表示，希望平台进一步完善退换货流程，提高客服响应速度。",
             "从行业数据来看，今年以来跨境电商进出口规模保持增长，中小商家参与度明显提升。"]
EN_FILLER = ["Analysts say the sector is shifting from a race for traffic to a focus on margins and service quality.",
             "Consumers increasingly expect next-day delivery and easy returns, which raises costs for sellers.",
             "The market for live-stream shopping has grown quickly, although growth slowed in recent quarters.",
             "Smaller merchants have complained about rising advertising fees on the largest marketplaces.",
             "Industry data show cross-border parcels rose again this year, driven by low-cost apparel.",
             "Some observers expect further consolidation as logistics networks become more expensive to run."]
NOISE = ["点击关注，获取更多电商资讯", "免责声明：本文仅供参考。", "Share this article", "Subscribe to our newsletter",
         "【广告】", "<b>阅读原文</b>", "相关阅读："]


def _lexicon_names() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(zh, en) names of companies and platforms from the project lexicons."""
    out: dict[str, list[tuple[str, str]]] = {"companies": [], "platforms": []}
    for kind in out:
        data = json.loads((LEX / f"{kind}.json").read_text(encoding="utf-8"))
        for ent in data.get("entities", []):
            if ent.get("zh") and ent.get("en"):
                out[kind].append((ent["zh"], ent["en"]))
    return out["companies"], out["platforms"]


class Generator:
    """Slot-filled news items; one `random.Random(seed)` drives every choice."""

    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)
        self.companies, self.platforms = _lexicon_names()
        self.invented = [self._invent() for _ in range(600)]

    def _invent(self) -> tuple[str, str]:
        r = self.r
        zh = "".join(r.choice(ZH_SYL) for _ in range(2)) + r.choice(ZH_TAIL)
        en = "".join(r.choice(EN_SYL) for _ in range(2)).capitalize() + " " + r.choice(EN_TAIL)
        return zh, en

    def org(self) -> tuple[str, str]:
        pool = self.r.choice((self.companies, self.platforms, self.invented, self.invented))
        return self.r.choice(pool)

    def date(self, zh: bool) -> tuple[str, str]:
        r = self.r
        y, m, d = r.randrange(2018, 2026), r.randrange(1, 13), r.randrange(1, 29)
        if zh:
            return f"{y}-{m:02d}-{d:02d}", r.choice([f"{y}年{m}月{d}日", f"{m}月{d}日", f"{y}/{m}/{d}"])
        months = "January February March April May June July August September October November December".split()
        return f"{y}-{m:02d}-{d:02d}", r.choice([f"{months[m - 1]} {d}, {y}", f"{d} {months[m - 1]} {y}",
                                                 f"{y}-{m:02d}-{d:02d}"])

    def amount(self, zh: bool) -> str:
        r = self.r
        if zh:
            return r.choice([f"{r.randrange(1, 999)}亿元", f"{r.randrange(1, 9999)}万元",
                             f"{r.randrange(1, 99)}.{r.randrange(10)}亿美元"])
        return r.choice([f"${r.randrange(1, 999)} million", f"US${r.randrange(1, 99)}.{r.randrange(10)} billion",
                         f"{r.randrange(1, 999)} million yuan", f"€{r.randrange(1, 500)}m"])

    def person(self, zh: bool) -> str:
        r = self.r
        if zh:
            return r.choice(ZH_SURNAME) + "".join(r.choice(ZH_GIVEN) for _ in range(r.randrange(1, 3)))
        return f"{r.choice(EN_FIRST)} {r.choice(EN_LAST)}"

    def zh_item(self) -> str:
        r = self.r
        a, b = self.org()[0], self.org()[0]
        _, when = self.date(True)
        kind = r.randrange(8)
        if kind == 0:
            return f"{when}，{a}与{b}签署战略合作协议，双方将在供应链、物流和跨境电商等领域开展深度合作。"
        if kind == 1:
            return f"{a}宣布以{self.amount(True)}收购{b}{r.randrange(10, 100)}%的股份，交易预计于年内完成。"
        if kind == 2:
            return f"{a}完成{r.choice(['A轮', 'B轮', 'C轮', '战略'])}融资，金额达{self.amount(True)}，由{b}领投。"
        if kind == 3:
            return f"{when}，{a}正式上线{r.choice(ZH_PRODUCT)}，首批覆盖{r.randrange(5, 300)}个城市。"
        if kind == 4:
            return (f"{a}发布{r.choice(['第一', '第二', '第三', '第四'])}季度财报，营收{self.amount(True)}，"
                    f"同比增长{r.randrange(1, 60)}.{r.randrange(10)}%。")
        if kind == 5:
            eff = self.date(True)[1]
            return f"{a}修订《{r.choice(ZH_POLICY)}》，新规将于{eff}起正式生效。"
        if kind == 6:
            return f"{r.choice(ZH_REGULATOR)}对{a}处以{self.amount(True)}罚款，原因是其涉嫌不正当竞争。"
        role = r.choice(ZH_ROLE)
        return f"{a}{role}{self.person(True)}表示，公司将继续加大在{r.choice(ZH_PRODUCT)}上的投入。"

    def en_item(self) -> str:
        r = self.r
        a, b = self.org()[1], self.org()[1]
        _, when = self.date(False)
        kind = r.randrange(8)
        if kind == 0:
            return f"On {when}, {a} and {b} signed a strategic partnership to expand cross-border logistics."
        if kind == 1:
            return f"{a} agreed to acquire {b} for {self.amount(False)}, subject to regulatory approval."
        if kind == 2:
            return f"{b} led a {self.amount(False)} funding round in {a}, the company said on {when}."
        if kind == 3:
            return f"{a} launched its {r.choice(EN_PRODUCT)} in {r.randrange(3, 40)} markets on {when}."
        if kind == 4:
            return (f"{a} reported quarterly revenue of {self.amount(False)}, up {r.randrange(1, 60)}% "
                    f"from a year earlier.")
        if kind == 5:
            return f"{a} updated its {r.choice(EN_POLICY)}; the changes take effect on {self.date(False)[1]}."
        if kind == 6:
            return f"{r.choice(EN_REGULATOR)} fined {a} {self.amount(False)} over misleading discounts."
        return f"{self.person(False)}, {r.choice(EN_ROLE)} of {a}, said the company would shut its {r.choice(EN_PRODUCT)}."

    def document(self, i: int) -> tuple[str, str, str, str]:
        """(language, headline, date iso, body) of document i."""
        r = self.r
        zh = r.random() < 0.6
        items = [self.zh_item() if zh else self.en_item() for _ in range(r.randrange(2, 7))]
        for _ in range(r.randrange(2, 7)):  # background sentences: text without facts, as in real news
            items.insert(r.randrange(1, len(items) + 1), r.choice(ZH_FILLER if zh else EN_FILLER))
        iso, _ = self.date(zh)
        headline = items[0][:40].rstrip("，。,. ")
        if r.random() < 0.15:
            items.insert(r.randrange(len(items) + 1), r.choice(NOISE))
        if zh and r.random() < 0.1:
            items = [s.translate(str.maketrans("0123456789", "０１２３４５６７８９")) for s in items]
        sep = "\n\n\n" if r.random() < 0.05 else "\n"
        return ("zh" if zh else "en"), headline, iso, sep.join(items)


def write_corpus(n: int, out: Path, seed: int = 1) -> int:
    """Write n documents under `out`; returns the bytes written."""
    gen = Generator(seed)
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    batch: list[str] = []
    for i in range(n):
        lang, headline, iso, body = gen.document(i)
        shard = out / f"{i // 1000:04d}"
        shard.mkdir(exist_ok=True)
        kind = i % 10
        if kind < 6:
            path, text = shard / f"{i:07d}.txt", f"{headline}\n{iso}\n\n{body}\n"
        elif kind < 8:
            path, text = shard / f"{i:07d}.md", f"# {headline}\n\n*{iso}*\n\n{body}\n"
        elif kind == 8:
            paras = "".join(f"<p>{line}</p>\n" for line in body.split("\n") if line)
            path = shard / f"{i:07d}.html"
            text = (f"<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{headline}</title>"
                    f"<meta property=\"article:published_time\" content=\"{iso}\"></head>"
                    f"<body><article><h1>{headline}</h1>\n{paras}</article></body></html>\n")
        else:
            batch.append(json.dumps({"title": headline, "date": iso, "text": body}, ensure_ascii=False) + "\n")
            if len(batch) < 5:
                continue
            path, text, batch = shard / f"{i:07d}.jsonl", "".join(batch), []
        path.write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    if batch:  # records left over when n does not end a batch
        text = "".join(batch)
        (out / f"{n:07d}-rest.jsonl").write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    size = write_corpus(args.n, args.out, args.seed)
    print(f"{args.n} documents, {size / 1e6:.1f} MB -> {args.out}")


if __name__ == "__main__":
    main()
