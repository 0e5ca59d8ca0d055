"""The agitation curve as a braille line chart: plain text, no textual here, so it is easy to test."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

#: Band floors drawn as faint guide lines (DESIGN 3.1).
GUIDES = (20, 45, 70, 90)
_BRAILLE = 0x2800
# dot bit for (column 0/1, row 0..3) inside one braille cell
_DOTS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))


def render_curve(values: list[float], width: int, height: int,
                 marks: Sequence[tuple[int, str]] = (), guides: Sequence[int] = GUIDES) -> list[str]:
    """A braille line chart of ``values`` (0-100), ``height`` rows of plot plus an axis
    row and a marks row. ``marks`` are (index into values, one-character symbol); ``guides``
    the levels drawn as faint lines (the agitation bands by default)."""
    lines, _ = render_curves([values], width, height, marks, guides)
    return lines


def render_curves(series: Sequence[list[float]], width: int, height: int,
                  marks: Sequence[tuple[int, str]] = (),
                  guides: Sequence[int] = GUIDES) -> tuple[list[str], list[list[int]]]:
    """Several curves on one braille chart (as ``render_curve``; each drawn across the whole width,
    so two calls of different lengths compare from start to end), and for each plot cell which
    curves pass through it (bit i: curve i), to colour them apart. ``marks`` index the first curve."""
    gutter = 4
    plot_w = max(4, width - gutter)
    dots_w, dots_h = plot_w * 2, height * 4
    grid = [[0] * plot_w for _ in range(height)]
    owners = [[0] * plot_w for _ in range(height)]

    def x_of(i: int, n: int) -> int:
        if n <= 1:
            return 0
        return round(i * (dots_w - 1) / (n - 1))

    def y_of(v: float) -> int:
        v = max(0.0, min(100.0, v))
        return round((100 - v) / 100 * (dots_h - 1))

    for bit, values in enumerate(series):

        def plot(x: int, y: int, bit: int = bit) -> None:
            row, sub_y = divmod(y, 4)
            col, sub_x = divmod(x, 2)
            if 0 <= row < height and 0 <= col < plot_w:
                grid[row][col] |= _DOTS[sub_y][sub_x]
                owners[row][col] |= 1 << bit

        pts = [(x_of(i, len(values)), y_of(v)) for i, v in enumerate(values)]
        if len(pts) == 1:
            plot(*pts[0])
        for (x0, y0), (x1, y1) in itertools.pairwise(pts):
            # Bresenham between successive points
            dx, dy = abs(x1 - x0), -abs(y1 - y0)
            sx, sy = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
            err = dx + dy
            while True:
                plot(x0, y0)
                if x0 == x1 and y0 == y1:
                    break
                e2 = 2 * err
                if e2 >= dy:
                    err += dy
                    x0 += sx
                if e2 <= dx:
                    err += dx
                    y0 += sy
    guide_rows = {y_of(g) // 4: g for g in guides}
    lines = []
    for r in range(height):
        label = ""
        if r == 0:
            label = "100"
        elif r in guide_rows:
            label = str(guide_rows[r])
        cells = []
        for c in range(plot_w):
            bits = grid[r][c]
            if bits:
                cells.append(chr(_BRAILLE + bits))
            elif r in guide_rows:
                cells.append("┈")
            else:
                cells.append(" ")
        lines.append(f"{label:>3}┤" + "".join(cells))
    lines.append("  0└" + "─" * plot_w)
    mark_row = [" "] * plot_w
    first = series[0] if series else []
    for index, symbol in marks:
        if 0 <= index < len(first):
            col = min(plot_w - 1, x_of(index, len(first)) // 2)
            mark_row[col] = symbol[:1]
    lines.append(" " * gutter + "".join(mark_row))
    return lines, owners
