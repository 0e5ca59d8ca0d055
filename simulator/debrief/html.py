"""The debrief, and two attempts compared, as one self-contained, printable HTML page each
(``talkdown export --format html``, ``talkdown compare --format html``).

Built with Jinja2 with auto-escaping on: every string from a transcript (what the trainee typed,
names, notes) is escaped by the template engine, never by hand, its control characters shown as escapes.
The agitation curves are inline SVG drawn from numbers only; both pages share their style
(``page.css.j2``) and chart scale.
"""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from simulator.debrief.build import Debrief
from simulator.debrief.compare import ATTEMPTS, Comparison, points
from simulator.debrief.report import Progress, Report
from simulator.debrief.trend import trend_chart
from simulator.sanitize import printable
from simulator.vocabulary import band_of

WIDTH, HEIGHT, PAD = 640, 180, 24


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(loader=PackageLoader("simulator.debrief", "templates"),
                       autoescape=select_autoescape(default=True, default_for_string=True),
                       trim_blocks=True, lstrip_blocks=True, finalize=_no_controls)


def _no_controls(value: object) -> object:
    """Every string a template writes out with the control characters a terminal would obey shown as
    escapes (the page may be printed to one), as everywhere else (``simulator.sanitize``). Markup the
    code made itself (the charts) is left as it is."""
    return printable(value, keep_lines=True) if isinstance(value, str) and not isinstance(value, Markup) else value


#: How each curve of a chart is drawn: a colour, a dash pattern and a mark of its own, so that two
#: curves on one chart tell apart printed in black and white too.
SERIES = ({"colour": "#c2410c", "dash": "", "mark": "circle"},
          {"colour": "#1d4ed8", "dash": "7 4", "mark": "square"},
          {"colour": "#15803d", "dash": "2 3", "mark": "circle"},
          {"colour": "#7e22ce", "dash": "10 3 2 3", "mark": "square"})


def _chart(curves: list[list[tuple[int, float]]]) -> dict:
    """The curves' points in SVG coordinates on one scale: agitation 0 at the bottom and 100 at the
    top, turn 0 at the left and the last turn of any curve at the right.  A curve without points
    has ``points`` "" (the page then says nothing was recorded)."""
    last = max((t for curve in curves for t, _ in curve), default=0)
    inner_w, inner_h = WIDTH - 2 * PAD, HEIGHT - 2 * PAD

    def xy(turn: int, value: float) -> tuple[float, float]:
        return round(PAD + inner_w * turn / (last or 1), 1), round(PAD + inner_h * (1 - value / 100), 1)

    series = []
    for curve, style in zip(curves, SERIES, strict=False):
        at = [xy(t, v) for t, v in curve]
        series.append({**style, "points": " ".join(f"{x},{y}" for x, y in at),
                       "marks": [{"x": x, "y": y, "turn": t, "value": round(v)}
                                 for (x, y), (t, v) in zip(at, curve, strict=True)]})
    return {"series": series, "last_turn": last,
            "bands": [{"y": round(PAD + inner_h * (1 - level / 100), 1), "level": level} for level in (25, 50, 75)]}


def render_html(d: Debrief) -> str:
    """The debrief as one page; in a scene with several people the chart has one line per person."""
    final = band_of(d.final_agitation) if d.final_agitation is not None else None
    people = [pid for pid, curve in d.person_curves.items() if curve][:len(SERIES)]
    if people:
        chart, legend = _chart([d.person_curves[pid] for pid in people]), [d.name(pid) for pid in people]
    else:
        chart, legend = _chart([d.curve]), []
    return _environment().get_template("debrief.html.j2").render(
        d=d, chart=chart, legend=legend, width=WIDTH, height=HEIGHT, pad=PAD, final_band=final,
        notes=sorted(d.notes, key=lambda n: n.turn))


_INDEX = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Debriefs</title>
<style>body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 52rem; padding: 0 1rem; }</style>
</head><body><h1>Debriefs</h1>
<ul>{% for label, href in rows %}<li><a href="{{ href }}">{{ label }}</a></li>{% endfor %}</ul>
</body></html>
"""


def render_index_html(rows: list[tuple[str, str]]) -> str:
    """The index of a batch export: (label, file name) per debrief, escaped by the template engine."""
    return _environment().from_string(_INDEX).render(rows=rows)


def render_compare_html(c: Comparison) -> str:
    """Two attempts side by side as one page (``talkdown compare --format html``): both curves on one
    chart with a legend, the dialogue by phase in two columns."""
    return _environment().get_template("compare.html.j2").render(
        c=c, a=c.first, b=c.second, attempts=ATTEMPTS, chart=_chart([c.first.curve, c.second.curve]),
        width=WIDTH, height=HEIGHT, pad=PAD, points=points, band_of=band_of)


def render_report_html(report: Report) -> str:
    """The progress report as one printable page: per trainee the progress table and a trend chart
    (:mod:`simulator.debrief.trend`), then the cohort and the skipped files; every name escaped by
    the template engine."""
    scenarios = sorted({p.scenario for p in report.progress})
    by_trainee: dict[str, list[Progress]] = {}
    for p in report.progress:
        by_trainee.setdefault(p.trainee, []).append(p)
    trainees = [{"name": name, "anchor": f"trainee-{i}", "progress": group,
                 "chart": trend_chart(group, report.pass_mark, scenarios)}
                for i, (name, group) in enumerate(by_trainee.items(), 1)]
    return _environment().get_template("report.html.j2").render(r=report, trainees=trainees)
