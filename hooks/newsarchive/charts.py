"""Chart geometry for the statistics page: plain numbers for SVG templates (partials/chart.html).

Coordinates along the value axis are percentages of the chart's width and text sizes are CSS
pixels, so a chart fills whatever width the page gives it and its labels stay the same legible
size on a phone and on a desktop (a viewBox would shrink the text with the chart).
"""
from __future__ import annotations

from dataclasses import dataclass

COLUMN_AREA = 150  # px: height of the tallest column
ROW_HEIGHT = 44  # px: a label line above its bar
BAR_SHARE = 82.0  # % of the width for the longest bar, the rest for its count
MAX_COLUMN_LABELS = 12  # more columns than this: label every n-th so labels never overlap


@dataclass(frozen=True)
class Point:
    label: str
    count: int
    url: str | None = None


def column_chart(points: list[Point], caption: str, label_header: str) -> dict:
    """Vertical columns in order (years, months), zeros included."""
    top = max((p.count for p in points), default=0) or 1
    n = max(len(points), 1)
    step = 100.0 / n
    every = -(-len(points) // MAX_COLUMN_LABELS) or 1
    columns = []
    for i, p in enumerate(points):
        h = round(COLUMN_AREA * p.count / top, 1)
        columns.append({"label": p.label, "count": p.count, "url": p.url,
                        "x": round(i * step + step * 0.15, 3), "w": round(step * 0.7, 3),
                        "mid": round(i * step + step / 2, 3), "y": round(20 + COLUMN_AREA - h, 1), "h": h,
                        "show_label": i % every == 0 or i == len(points) - 1,
                        "show_count": every == 1})
    return {"kind": "columns", "points": columns, "caption": caption, "label_header": label_header,
            "baseline": 20 + COLUMN_AREA, "height": 20 + COLUMN_AREA + 24, "total": sum(p.count for p in points)}


def bar_chart(points: list[Point], caption: str, label_header: str) -> dict:
    """Horizontal bars, one row per name (long names stay readable), in the order given."""
    top = max((p.count for p in points), default=0) or 1
    rows = []
    for i, p in enumerate(points):
        w = round(BAR_SHARE * p.count / top, 3)
        rows.append({"label": p.label, "count": p.count, "url": p.url, "w": w,
                     "text_y": i * ROW_HEIGHT + 16, "bar_y": i * ROW_HEIGHT + 22})
    return {"kind": "bars", "points": rows, "caption": caption, "label_header": label_header,
            "height": max(len(rows), 1) * ROW_HEIGHT, "total": sum(p.count for p in points)}
