"""A deterministic generated news corpus of any size, for benchmarks at scale.

Usage: python bench/gen_site_corpus.py N OUT_FOLDER [--seed 7] [--per-file 500]

Writes N short Chinese news items as JSON Lines records (title, date, source, text), in
files of `--per-file` records. Company names are built from syllables, so a large corpus
has thousands of distinct companies; each item is one kind of event (partnership, fine,
launch, results, investment, appointment) between named platforms, companies, regulators
and people, in the phrasing the extractors read. Same N and seed give the same bytes.
"""
from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

SYLLABLES = list("华星云海瑞达博恒鑫联腾信智诚安嘉宏润拓源汇旗晨远泰和优创美佳盛荣锦辰峰启新天明康")
KINDS = ("科技有限公司", "电子商务有限公司", "物流有限公司", "供应链管理有限公司", "网络科技有限公司")
PLATFORMS = ("淘宝", "天猫", "京东", "拼多多", "抖音电商", "快手电商", "1688", "唯品会", "美团", "小红书")
REGULATORS = ("国家市场监督管理总局", "商务部", "上海市市场监督管理局", "深圳市市场监督管理局", "杭州市市场监督管理局")
SURNAMES = "王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 林 罗 高".split()
GIVEN = "伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 涛 明 超 秀 霞 平 刚".split()
OUTLETS = ("电商报", "北京商报", "亿邦动力", "联商网", "36氪")
SERVICES = ("极速退款服务", "跨境直播频道", "商家成长计划", "绿色包装计划", "以旧换新专区", "产地直发服务")


def company(rng: random.Random) -> str:
    city = rng.choice(("上海", "深圳", "杭州", "广州", "北京", "成都"))
    return city + rng.choice(SYLLABLES) + rng.choice(SYLLABLES) + rng.choice(KINDS)


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)


def item(rng: random.Random, i: int) -> dict[str, str]:
    year = 2019 + (i % 6)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    date = f"{year}-{month:02d}-{day:02d}"
    when = f"{month}月{day}日"
    a, b, p = company(rng), company(rng), rng.choice(PLATFORMS)
    kind = i % 6
    if kind == 0:
        title = f"{a}与{p}达成战略合作"
        text = (f"{when}消息，{a}与{p}近日签署战略合作协议，双方将在跨境电商、仓储物流等领域展开合作。"
                f"{a}董事长{person(rng)}表示，此次合作将帮助商家拓展海外市场。")
    elif kind == 1:
        reg = rng.choice(REGULATORS)
        amount = rng.randint(5, 900) * 10
        title = f"{reg}对{a}罚款{amount}万元"
        text = (f"{when}，{reg}发布行政处罚决定书，{a}因虚假宣传被罚款{amount}万元。"
                f"该公司为{p}平台上的商家。")
    elif kind == 2:
        svc = rng.choice(SERVICES)
        title = f"{p}上线{svc}"
        text = f"{when}，{p}宣布正式上线{svc}，首批覆盖{rng.randint(2, 90)}万商家。{b}为首批合作方。"
    elif kind == 3:
        revenue = rng.randint(10, 900)
        title = f"{a}发布{year}年第{rng.randint(1, 4)}季度财报"
        text = f"{when}，{a}发布财报，营收为{revenue}亿元，同比增长{rng.randint(1, 60)}%。其主要销售渠道为{p}。"
    elif kind == 4:
        title = f"{b}完成新一轮融资"
        text = f"{when}消息，{b}宣布完成{rng.randint(1, 30)}亿元B轮融资，由{a}领投。{b}是{p}的服务商。"
    else:
        who = person(rng)
        title = f"{who}出任{a}总裁"
        text = f"{when}，{a}宣布任命{who}为公司总裁，{who}此前在{p}任职。{a}是{b}的子公司。"
    return {"title": title, "date": date, "source": rng.choice(OUTLETS), "text": text}


def write_corpus(n: int, folder: Path, *, seed: int = 7, per_file: int = 500) -> int:
    """Write n items under folder; returns the bytes written."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    size = 0
    for start in range(0, n, per_file):
        lines = [json.dumps(item(rng, i), ensure_ascii=False) + "\n" for i in range(start, min(n, start + per_file))]
        data = "".join(lines).encode("utf-8")
        (folder / f"news{start // per_file:04d}.jsonl").write_bytes(data)
        size += len(data)
    return size


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--per-file", type=int, default=500)
    args = ap.parse_args()
    size = write_corpus(args.n, args.out, seed=args.seed, per_file=args.per_file)
    print(f"{args.n} items, {size / 1e6:.1f} MB -> {args.out}")


if __name__ == "__main__":
    main()
