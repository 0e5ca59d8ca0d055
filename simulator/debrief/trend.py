"""A trainee's trend chart for the HTML progress report, as numbers for an inline SVG.

One line per scenario: the overall score (the mean of the rubric percentages, as `talkdown score`
gives it) of each attempt, placed by the attempt's rank in the trainee's own time order, so
attempts on different scenarios share one axis and a burst of sessions in one afternoon does
not squash the rest; the pass mark is a reference line.  Each scenario has its own dash pattern
and marker shape as well as its colour, so the chart still reads when printed in black and white,
and the same scenario looks the same in every trainee's chart.  Only numbers are computed here;
names reach the page through the template engine, escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from simulator.debrief.report import Attempt, Progress

WIDTH, LEFT, RIGHT, TOP, PLOT_H, AXIS_H, LEGEND_ROW = 640, 40, 16, 12, 180, 22, 18
MARKER_R = 4.0
#: stroke-dasharray per style: solid, dashed, dotted, dash-dot, long dash, dash-dot-dot
DASHES = ("", "8 4", "2 3", "10 3 2 3", "14 5", "8 3 2 3 2 3")
MARKERS = ("circle", "square", "triangle", "diamond", "cross")
COLOURS = ("#1f4e9c", "#c2410c", "#2f7d32", "#7b3fa0", "#8a6d00", "#0f766e")


@dataclass(frozen=True)
class Mark:
    x: float
    y: float
    path: str
    """The marker's outline (SVG path data)."""
    title: str
    """What a tooltip says: the scenario, the attempt, the day and the score (numbers and ids)."""


@dataclass(frozen=True)
class Line:
    scenario: str
    colour: str
    dash: str
    marker: str
    filled: bool
    points: str
    """The polyline's points."""
    marks: list[Mark]
    legend_y: float
    legend_mark: str


@dataclass(frozen=True)
class TrendChart:
    width: int
    height: int
    left: int
    right: float
    lines: list[Line]
    grid: list[tuple[float, int]]
    """(y, percent) of each horizontal grid line."""
    pass_y: float
    pass_mark: float
    first_day: str
    last_day: str
    attempts: int


def marker_path(shape: str, x: float, y: float, r: float = MARKER_R) -> str:
    """A marker of ``shape`` centred on (x, y), as SVG path data."""
    if shape == "square":
        return f"M{x - r:.1f},{y - r:.1f}h{2 * r:g}v{2 * r:g}h{-2 * r:g}Z"
    if shape == "triangle":
        return f"M{x:.1f},{y - r - 1:.1f}L{x + r + 1:.1f},{y + r:.1f}L{x - r - 1:.1f},{y + r:.1f}Z"
    if shape == "diamond":
        return f"M{x:.1f},{y - r - 1:.1f}L{x + r + 1:.1f},{y:.1f}L{x:.1f},{y + r + 1:.1f}L{x - r - 1:.1f},{y:.1f}Z"
    if shape == "cross":
        return f"M{x - r:.1f},{y - r:.1f}L{x + r:.1f},{y + r:.1f}M{x - r:.1f},{y + r:.1f}L{x + r:.1f},{y - r:.1f}"
    return f"M{x - r:.1f},{y:.1f}a{r:g},{r:g} 0 1,0 {2 * r:g},0a{r:g},{r:g} 0 1,0 {-2 * r:g},0Z"


def style_of(index: int) -> tuple[str, str, str, bool]:
    """Colour, dash pattern, marker and whether it is filled, for the scenario at ``index`` of the
    report's scenarios (30 distinct combinations of dash and marker before one repeats)."""
    return (COLOURS[index % len(COLOURS)], DASHES[index % len(DASHES)], MARKERS[index % len(MARKERS)],
            (index // len(MARKERS)) % 2 == 0)


def trend_chart(progress: Sequence[Progress], pass_mark: float, scenarios: Sequence[str]) -> TrendChart | None:
    """The chart of one trainee's progress (every scenario they played); ``scenarios``: the order
    that gives each scenario its style. None when no attempt has a score."""
    scored: list[Attempt] = sorted((a for p in progress for a in p.attempts if a.overall is not None),
                                   key=lambda a: (a.recorded, a.path))
    if not scored:
        return None
    inner_w = WIDTH - LEFT - RIGHT
    rank = {id(a): i for i, a in enumerate(scored)}

    def x_of(a: Attempt) -> float:
        return round(LEFT + (inner_w * rank[id(a)] / (len(scored) - 1) if len(scored) > 1 else inner_w / 2), 1)

    def y_of(percent: float) -> float:
        return round(TOP + PLOT_H * (1 - max(0.0, min(100.0, percent)) / 100), 1)

    legend_top = TOP + PLOT_H + AXIS_H + 8
    lines: list[Line] = []
    for row, p in enumerate(sorted(progress, key=lambda p: scenarios.index(p.scenario)
                                   if p.scenario in scenarios else len(scenarios))):
        attempts = [a for a in p.attempts if a.overall is not None]
        if not attempts:
            continue
        colour, dash, marker, filled = style_of(scenarios.index(p.scenario) if p.scenario in scenarios else row)
        marks = []
        for n, a in enumerate(attempts, 1):
            x, y = x_of(a), y_of(a.overall or 0.0)
            marks.append(Mark(x, y, marker_path(marker, x, y), f"{p.scenario}, attempt {n}"
                              f"{', ' + a.recorded[:10] if a.recorded else ''}: {a.overall or 0.0:.0f}%"))
        legend_y = legend_top + LEGEND_ROW * len(lines)
        lines.append(Line(p.scenario, colour, dash, marker, filled, " ".join(f"{m.x},{m.y}" for m in marks), marks,
                          legend_y, marker_path(marker, LEFT + 15, legend_y)))
    days = [a.recorded[:10] for a in scored if a.recorded]
    return TrendChart(width=WIDTH, height=legend_top + LEGEND_ROW * len(lines), left=LEFT, right=WIDTH - RIGHT,
                      lines=lines, grid=[(y_of(v), v) for v in (0, 25, 50, 75, 100)], pass_y=y_of(pass_mark),
                      pass_mark=pass_mark, first_day=days[0] if days else "", last_day=days[-1] if days else "",
                      attempts=len(scored))
