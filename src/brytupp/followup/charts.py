"""Charts of the follow-up pages (effect goals, equality between districts), drawn as SVG.

A chart is inline SVG built on the server, so it shows the same in the page and in the PDF
(WeasyPrint draws inline SVG) and needs no script. The strict content security policy
allows no ``style`` attribute: colours, dashes and sizes are SVG presentation attributes.

The figures are always also given in a table beside the chart; the chart is one image to
assistive technology (``role="img"``), named by its ``<title>`` and ``<desc>``.

Accessibility: text is #0b0c0c or #505a5f on white (≥ 4.5:1), every mark that carries a
figure (bar, line, marker, target line) is ≥ 3:1 against white, and nothing is told by
colour alone: an emphasised bar also has a bold label and value, and each series in a line
chart has its own dash pattern and marker shape besides its colour. Gridlines are a light
aid; the tick labels carry their values.

Text cannot be measured on the server, so widths are estimated with DejaVu Sans's advance
widths (the PDF's font, wider than the system fonts the browsers use): a label column sized
this way is never too narrow. The output depends only on the arguments, so tests can
compare it exactly.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

TEXT = "#0b0c0c"
SECONDARY_TEXT = "#505a5f"
AXIS = "#505a5f"
GRID = "#b1b4b6"
WHITE = "#ffffff"
BAR = "#1d70b8"
BAR_EMPHASIS = "#003078"
TARGET_DASH = "6 4"

# Colour, dash pattern and marker of each series, in order. Every colour is ≥ 4.5:1 on
# white; the target line is black with its own dash, so no series is black.
SERIES_STYLES = (
    (BAR, "", "circle"),
    ("#d4351c", "10 5", "square"),
    ("#00703c", "2 4", "triangle"),
    ("#4c2c92", "12 4 3 4", "diamond"),
    ("#505a5f", "6 3 2 3 2 3", "triangle-down"),
)

WIDTH = 640
FONT_SIZE = 16
PAD = 8
GAP = 8
BASELINE = 0.35 * FONT_SIZE  # from a line's middle to the baseline of text centred on it
ROW = 36
BAR_HEIGHT = 24
MIN_PLOT_WIDTH = 240
PLOT_HEIGHT = 240
POINT_INSET = 24
BOLD = 1.12

# DejaVu Sans's advance widths in ems; any other character counts as 1 em.
_ADVANCES = {
    "'": 0.28,
    "ijlIJ": 0.29,
    ",. ": 0.32,
    "/:;\\|": 0.34,
    "f-": 0.36,
    "t()[]!": 0.4,
    "r": 0.42,
    '"': 0.46,
    "*_`–": 0.5,
    "szc?": 0.55,
    "LkFvxyP": 0.6,
    "aoTYeES": 0.62,
    "bdghnpqu0123456789${}": 0.64,
    "KAVBRXZC": 0.7,
    "UHNDG&OQ": 0.79,
    "w#+<=>^~−×": 0.84,
    "M": 0.86,
    "%mW@": 1.0,
}
ADVANCE = {char: width for chars, width in _ADVANCES.items() for char in chars}
ID_PREFIX = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")


@dataclass(frozen=True)
class Bar:
    """One row of a bar chart. ``value`` None draws no bar, only the note ("no data" if empty)."""

    label: str
    value: float | None
    note: str = ""
    emphasis: bool = False


@dataclass(frozen=True)
class Series:
    """One line of a line chart: a value per x label, None for a gap."""

    label: str
    values: list[float | None]


def text_width(text: str, *, bold: bool = False) -> float:
    """The estimated width of TEXT at the charts' font size; accents do not widen a letter."""
    letters = unicodedata.normalize("NFD", text)
    ems = sum(
        0.32 if unicodedata.category(c) == "Zs" else ADVANCE.get(c, 1.0)
        for c in letters
        if not unicodedata.combining(c)
    )
    return ems * FONT_SIZE * (BOLD if bold else 1)


def bar_chart(
    *,
    id_prefix: str,
    title: str,
    description: str,
    bars: Sequence[Bar],
    value_format: Callable[[float], str],
    max_value: float | None = None,
    target: float | None = None,
    target_label: str = "",
) -> SafeString:
    """Horizontal bars, one row per Bar, scaled from 0 to the largest of MAX_VALUE, the values
    and TARGET; each bar's value (and note) after its end; TARGET a dashed vertical line."""
    top = _scale_top(max_value, [bar.value for bar in bars], target)
    notes = [_bar_text(bar, value_format) for bar in bars]
    label_width = max((text_width(b.label, bold=b.emphasis) for b in bars), default=0)
    note_width = max(
        (text_width(n, bold=b.emphasis) for b, n in zip(bars, notes, strict=True)), default=0
    )
    # Whole numbers, so that bar lengths and positions come out exact.
    plot_left = math.ceil(PAD + label_width + GAP)
    note_width = math.ceil(note_width)
    plot_width = max(MIN_PLOT_WIDTH, WIDTH - plot_left - GAP - note_width - PAD)
    width = plot_left + plot_width + GAP + note_width + PAD
    rows_top = PAD + (FONT_SIZE + GAP if target is not None else 0)
    rows_bottom = rows_top + ROW * len(bars)

    def x(value: float) -> float:
        return plot_left + plot_width * max(value, 0) / top

    parts = []
    for i, bar in enumerate(bars):
        middle = rows_top + ROW * i + ROW / 2
        weight = {"font_weight": "bold"} if bar.emphasis else {}
        parts.append(
            _tag(
                "text",
                bar.label,
                x=plot_left - GAP,
                y=middle + BASELINE,
                fill=TEXT,
                text_anchor="end",
                **weight,
            )
        )
        if bar.value is not None:
            parts.append(
                _tag(
                    "rect",
                    x=plot_left,
                    y=middle - BAR_HEIGHT / 2,
                    width=x(bar.value) - plot_left,
                    height=BAR_HEIGHT,
                    fill=BAR_EMPHASIS if bar.emphasis else BAR,
                )
            )
    if target is not None:
        parts.append(_target_across_rows(x(target), rows_top, rows_bottom))
        label = target_label or value_format(target)
        # Centred over the line, unless that would take it past an edge of the chart.
        half = text_width(label) / 2
        anchor = {"x": x(target), "text_anchor": "middle"}
        if x(target) + half > width - PAD:
            anchor = {"x": width - PAD, "text_anchor": "end"}
        elif x(target) - half < PAD:
            anchor = {"x": PAD, "text_anchor": "start"}
        parts.append(_tag("text", label, y=PAD + FONT_SIZE - 3, fill=TEXT, **anchor))
    for i, (bar, note) in enumerate(zip(bars, notes, strict=True)):
        middle = rows_top + ROW * i + ROW / 2
        note_x = (x(bar.value) if bar.value is not None else plot_left) + GAP
        parts.append(_note(note, note_x, middle, bar))
    parts.append(_tag("line", x1=plot_left, y1=rows_top, x2=plot_left, y2=rows_bottom, stroke=AXIS))
    return _svg(id_prefix, title, description, width, rows_bottom + PAD, parts)


def line_chart(
    *,
    id_prefix: str,
    title: str,
    description: str,
    x_labels: Sequence[str],
    series: Sequence[Series],
    value_format: Callable[[float], str],
    y_max: float | None = None,
    target: float | None = None,
    target_label: str = "",
    x_caption: str = "",
) -> SafeString:
    """A trend: one polyline with point markers per Series over the X_LABELS (years), the y
    axis from 0 with 3–5 gridlines, a legend, and TARGET a dashed horizontal line labelled at
    its right end. A None value breaks the line. X_CAPTION, a line under the x labels, says
    what they stand for ("1 January – 10 June of each year").

    The x labels must be short (a year) to fit between their neighbours: ``x_labels_fit``
    tells, and the pages' tests check it."""
    if len(series) > len(SERIES_STYLES):
        raise ValueError(f"A line chart draws at most {len(SERIES_STYLES)} series")
    if any(len(s.values) != len(x_labels) for s in series):
        raise ValueError("Each series needs one value per x label")
    values = [v for s in series for v in s.values]
    step, count = _ticks(_scale_top(y_max, values, target))
    ticks = [round(step * i, 10) for i in range(count + 1)]
    tick_labels = [value_format(tick) for tick in ticks]
    label = (target_label or value_format(target)) if target is not None else ""
    legend, legend_height = _legend(series)

    plot_left = math.ceil(PAD + max(text_width(t) for t in tick_labels) + GAP)
    label_room = math.ceil(GAP + text_width(label)) if label else 0
    plot_right = max(WIDTH - PAD - label_room, plot_left + MIN_PLOT_WIDTH)
    width = plot_right + label_room + PAD
    plot_top = PAD + legend_height + FONT_SIZE
    plot_bottom = plot_top + PLOT_HEIGHT

    def y(value: float) -> float:
        return plot_bottom - PLOT_HEIGHT * max(value, 0) / ticks[-1]

    xs = _x_positions(len(x_labels), plot_left, plot_right)
    parts = [f'<g transform="translate({PAD} {PAD})">', *legend, "</g>"]
    for tick, tick_label in zip(ticks, tick_labels, strict=True):
        line = {"stroke": AXIS} if tick == 0 else {"stroke": GRID}
        parts.append(_tag("line", x1=plot_left, y1=y(tick), x2=plot_right, y2=y(tick), **line))
        parts.append(
            _tag(
                "text",
                tick_label,
                x=plot_left - GAP,
                y=y(tick) + BASELINE,
                fill=SECONDARY_TEXT,
                text_anchor="end",
            )
        )
    for x, x_label in zip(xs, x_labels, strict=True):
        parts.append(
            _tag(
                "text",
                x_label,
                x=x,
                y=plot_bottom + GAP + FONT_SIZE,
                fill=SECONDARY_TEXT,
                text_anchor="middle",
            )
        )
    if target is not None:
        parts.append(_target_line_across(y(target), plot_left, plot_right, label))
    for one, (colour, dash, marker) in zip(series, SERIES_STYLES, strict=False):
        parts.append(_series(one, xs, y, colour, dash, marker))
    height = plot_bottom + GAP + FONT_SIZE + PAD
    if x_caption:
        caption_y = height + FONT_SIZE / 2
        middle = (plot_left + plot_right) / 2
        parts.append(
            _tag(
                "text", x_caption, x=middle, y=caption_y, fill=SECONDARY_TEXT, text_anchor="middle"
            )
        )
        height = caption_y + PAD
    return _svg(id_prefix, title, description, width, height, parts)


def x_labels_fit(x_labels: Sequence[str], xs: Sequence[float]) -> bool:
    """Each x label, centred on its point XS, keeps at least GAP from its neighbours (widths as
    estimated for DejaVu Sans, the PDF's font, wider than the browsers')."""
    widths = [text_width(label) for label in x_labels]
    return all(
        xs[i + 1] - xs[i] >= (widths[i] + widths[i + 1]) / 2 + GAP for i in range(len(xs) - 1)
    )


def _svg(id_prefix, title, description, width, height, parts) -> SafeString:
    if not ID_PREFIX.match(id_prefix):
        raise ValueError(f"Not an id prefix: {id_prefix!r}")
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="brytupp-chart" width="100%"'
        f' viewBox="0 0 {_num(width)} {_num(height)}" role="img"'
        f' aria-labelledby="{id_prefix}-title {id_prefix}-desc" font-size="{FONT_SIZE}">'
    )
    # Safe: _tag escapes every text and attribute value, and the prefix is checked above.
    return mark_safe(  # noqa: S308
        head
        + _tag("title", title, id=f"{id_prefix}-title")
        + _tag("desc", description, id=f"{id_prefix}-desc")
        + "".join(parts)
        + "</svg>"
    )


def _tag(name: str, text: str | None = None, /, **attributes) -> str:
    """An SVG element; attribute names use _ for -, values and text are escaped."""
    pairs = "".join(
        f' {key.replace("_", "-")}="{escape(_num(value) if isinstance(value, float | int) else value)}"'
        for key, value in attributes.items()
    )
    if text is None:
        return f"<{name}{pairs}/>"
    return f"<{name}{pairs}>{escape(text)}</{name}>"


def _num(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros: 250, 12.5, 0.33."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _scale_top(given: float | None, values: Sequence[float | None], target: float | None):
    candidates = [v for v in (given, target, *values) if v is not None]
    top = max(candidates, default=0)
    return top if top > 0 else 1


def _ticks(top: float) -> tuple[float, int]:
    """The step and number of steps (3–5) of a y axis from 0 reaching TOP on round numbers."""
    magnitude = 10 ** math.floor(math.log10(top / 4))
    for multiple in (1, 2, 2.5, 5, 10):
        step = multiple * magnitude
        count = math.ceil(round(top / step, 9))
        if count <= 5:
            return step, count
    raise AssertionError("unreachable: 10 × magnitude always fits in 4 steps")


def _bar_text(bar: Bar, value_format: Callable[[float], str]) -> str:
    if bar.value is None:
        return bar.note or _("no data")
    return " ".join(t for t in (value_format(bar.value), bar.note) if t)


def _note(note: str, x: float, middle: float, bar: Bar) -> str:
    """A bar's value or note, on white so that a target line behind it does not cross it."""
    weight = {"font_weight": "bold"} if bar.emphasis else {}
    fill = TEXT if bar.value is not None else SECONDARY_TEXT
    backing = _tag(
        "rect",
        x=x - 2,
        y=middle - FONT_SIZE / 2 - 2,
        width=text_width(note, bold=bar.emphasis) + 4,
        height=FONT_SIZE + 4,
        fill=WHITE,
    )
    return backing + _tag("text", note, x=x, y=middle + BASELINE, fill=fill, **weight)


def _target_across_rows(x: float, top: float, bottom: float) -> str:
    return _tag(
        "line",
        x1=x,
        y1=top - 4,
        x2=x,
        y2=bottom,
        stroke=TEXT,
        stroke_width=2,
        stroke_dasharray=TARGET_DASH,
    )


def _target_line_across(y: float, left: float, right: float, label: str) -> str:
    line = _tag(
        "line",
        x1=left,
        y1=y,
        x2=right,
        y2=y,
        stroke=TEXT,
        stroke_width=2,
        stroke_dasharray=TARGET_DASH,
    )
    return line + _tag("text", label, x=right + GAP, y=y + BASELINE, fill=TEXT)


def _x_positions(count: int, left: float, right: float) -> list[float]:
    if count == 1:
        return [(left + right) / 2]
    span = right - left - 2 * POINT_INSET
    return [left + POINT_INSET + span * i / (count - 1) for i in range(count)]


def _series(one: Series, xs, y, colour: str, dash: str, marker: str) -> str:
    """The series' polylines (a None value ends one, one point alone draws none) and markers."""
    runs, run = [], []
    for x, value in zip(xs, one.values, strict=True):
        if value is None:
            runs.append(run)
            run = []
        else:
            run.append((x, y(value)))
    runs.append(run)
    stroke = {"stroke_dasharray": dash} if dash else {}
    lines = [
        _tag(
            "polyline",
            points=" ".join(f"{_num(px)},{_num(py)}" for px, py in run),
            fill="none",
            stroke=colour,
            stroke_width=3,
            stroke_linejoin="round",
            **stroke,
        )
        for run in runs
        if len(run) > 1
    ]
    markers = [_marker(marker, px, py, colour) for run in runs for px, py in run]
    return "".join(lines + markers)


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    """A point marker: a 10 px shape with a white edge that parts it from the line."""
    edge = {"fill": colour, "stroke": WHITE, "stroke_width": 1.5}
    if shape == "circle":
        return _tag("circle", cx=x, cy=y, r=5.5, **edge)
    if shape == "square":
        return _tag("rect", x=x - 5, y=y - 5, width=10, height=10, **edge)
    corners = {
        "triangle": ((0, -6.5), (6, 4.5), (-6, 4.5)),
        "triangle-down": ((0, 6.5), (6, -4.5), (-6, -4.5)),
        "diamond": ((0, -7), (7, 0), (0, 7), (-7, 0)),
    }[shape]
    points = " ".join(f"{_num(x + dx)},{_num(y + dy)}" for dx, dy in corners)
    return _tag("polygon", points=points, **edge)


def _legend(series: Sequence[Series]) -> tuple[list[str], float]:
    """The legend's items (a sample of line and marker, then the label), wrapped into rows
    across the chart's width, and the height of those rows."""
    sample = 40
    items, x, row = [], 0.0, 0
    for one, (colour, dash, marker) in zip(series, SERIES_STYLES, strict=False):
        item_width = sample + GAP + text_width(one.label)
        if x and x + item_width > WIDTH - 2 * PAD:
            x, row = 0.0, row + 1
        middle = row * (FONT_SIZE + GAP) + FONT_SIZE / 2
        stroke = {"stroke_dasharray": dash} if dash else {}
        items.append(
            _tag(
                "line",
                x1=x,
                y1=middle,
                x2=x + sample,
                y2=middle,
                stroke=colour,
                stroke_width=3,
                **stroke,
            )
            + _marker(marker, x + sample / 2, middle, colour)
            + _tag("text", one.label, x=x + sample + GAP, y=middle + BASELINE, fill=TEXT)
        )
        x += item_width + 3 * GAP
    rows = row + 1 if series else 0
    return items, rows * (FONT_SIZE + GAP) - GAP if rows else 0
