"""The timeline's chart: events per month, stacked by class, as inline SVG built from numbers only."""
from __future__ import annotations

from collections import Counter
from html import escape

BAR = 8
HEIGHT = 160
PALETTE = ("#1c7ed6", "#d9480f", "#2b8a3e", "#5f3dc4", "#c2255c", "#e67700", "#0b7285", "#495057", "#74b816",
           "#f08c00", "#862e9c", "#364fc7", "#a61e4d", "#087f5b", "#5c940d", "#868e96")


def months_between(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    out = []
    while (y, m) <= end:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def monthly_svg(events: list[tuple[str, str]]) -> str:
    """SVG of (ISO date, class) pairs. Class names are escaped; everything else is a number."""
    counts: Counter[tuple[str, str]] = Counter()
    for date, cls in events:
        if len(date) >= 7 and date[:4].isdigit() and date[5:7].isdigit():
            counts[(date[:7], cls)] += 1
    if not counts:
        return '<p class="empty">No dated events.</p>'
    months = months_between(min(m for m, _ in counts), max(m for m, _ in counts))
    classes = sorted({c for _, c in counts}, key=lambda c: (-sum(n for (_, k), n in counts.items() if k == c), c))
    colour = {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(classes)}
    totals = Counter()
    for (m, _), n in counts.items():
        totals[m] += n
    peak = max(totals.values())
    width = len(months) * BAR + 40
    parts = [f'<svg class="chart" width="{width}" height="{HEIGHT + 30}" viewBox="0 0 {width} {HEIGHT + 30}" '
             f'role="img" aria-label="events per month by class">']
    parts.append(f'<text x="0" y="10" font-size="10">{peak}</text>')
    for i, month in enumerate(months):
        x = 30 + i * BAR
        y = HEIGHT + 10
        for cls in classes:
            n = counts.get((month, cls), 0)
            if not n:
                continue
            h = max(1.0, HEIGHT * n / peak)
            y -= h
            parts.append(f'<rect x="{x}" y="{y:.1f}" width="{BAR - 1}" height="{h:.1f}" fill="{colour[cls]}">'
                         f'<title>{escape(month)} {escape(cls)}: {n}</title></rect>')
        if month.endswith("-01") or (i == 0 and int(month[5:7]) <= 10):  # no label crowding the next January's
            parts.append(f'<text x="{x}" y="{HEIGHT + 25}" font-size="10">{escape(month[:4])}</text>')
    parts.append("</svg>")
    swatch = '<li><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill="{}"/></svg> {}</li>'
    legend = "".join(swatch.format(colour[c], escape(c)) for c in classes)
    return '<div class="scroll">' + "".join(parts) + '</div><ul class="legend">' + legend + "</ul>"
