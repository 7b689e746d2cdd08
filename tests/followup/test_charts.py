"""SVG charts of the follow-up pages (followup/charts.py): exact geometry, accessible names,
escaped text, nothing the content security policy refuses, and a chart inside a PDF."""

import io
import xml.etree.ElementTree as ET

import pytest
from django.test import override_settings
from django.utils import translation
from pypdf import PdfReader

from brytupp.followup.charts import (
    GRID,
    WHITE,
    Bar,
    Series,
    bar_chart,
    line_chart,
    text_width,
)
from brytupp.govuk.pdf import pdf_render

SVG = "{http://www.w3.org/2000/svg}"


def percent(value):
    return f"{round(value * 100)}\u00a0%"


def decimal(value):
    return f"{value:.1f}".replace(".", ",")


def parse(chart) -> ET.Element:
    return ET.fromstring(str(chart))  # noqa: S314 (our own output)


def elements(root, tag):
    return root.findall(f".//{SVG}{tag}")


def texts(root):
    return [t.text for t in elements(root, "text")]


def bars_of(root):
    """The bars: every rect but the white backings of the value texts."""
    return [r for r in elements(root, "rect") if r.get("fill") != WHITE]


def zero_axis_x(root) -> float:
    (axis,) = [line for line in elements(root, "line") if line.get("stroke") == "#505a5f"]
    return float(axis.get("x1"))


def a_bar_chart(**overrides):
    arguments = {
        "id_prefix": "housing",
        "title": "Permanent housing after a placement",
        "description": "Share of placements ending in permanent housing, per district.",
        "bars": [Bar("Hela staden", 1.0, emphasis=True), Bar("Farsta", 0.5), Bar("Bromma", 0.25)],
        "value_format": percent,
        "max_value": 1.0,
    }
    return bar_chart(**(arguments | overrides))


def a_line_chart(**overrides):
    arguments = {
        "id_prefix": "trend",
        "title": "Permanent housing over the years",
        "description": "The city's share rose from 0 to 100 per cent.",
        "x_labels": ["2023", "2024", "2025"],
        "series": [Series("Hela staden", [0, 50, 100])],
        "value_format": str,
        "y_max": 100,
    }
    return line_chart(**(arguments | overrides))


def shape(marker) -> tuple:
    """A marker's element and, for a polygon, its corners relative to the first one."""
    corners = [tuple(map(float, p.split(","))) for p in marker.get("points", "").split()]
    return (marker.tag, *((x - corners[0][0], y - corners[0][1]) for x, y in corners))


def relative_luminance(colour: str) -> float:
    def channel(hex_pair):
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_on_white(colour: str) -> float:
    return 1.05 / (relative_luminance(colour) + 0.05)


def test_a_bar_is_as_long_as_its_share_of_the_scale():
    root = parse(a_bar_chart())

    full, half, quarter = (float(r.get("width")) for r in bars_of(root))
    assert (half, quarter) == (full / 2, full / 4)
    assert all(float(r.get("x")) == zero_axis_x(root) for r in bars_of(root))


def test_the_scale_reaches_the_largest_of_max_value_values_and_target():
    root = parse(a_bar_chart(bars=[Bar("Farsta", 10), Bar("Bromma", 20)], max_value=None))
    ten, twenty = (float(r.get("width")) for r in bars_of(root))
    assert ten * 2 == twenty

    root = parse(a_bar_chart(bars=[Bar("Farsta", 10), Bar("Bromma", 20)], target=40))
    ten, twenty = (float(r.get("width")) for r in bars_of(root))
    (target,) = [line for line in elements(root, "line") if line.get("stroke-dasharray")]
    assert float(target.get("x1")) == zero_axis_x(root) + 4 * ten == zero_axis_x(root) + 2 * twenty


def test_the_target_is_a_dashed_vertical_line_at_its_value_with_its_label():
    root = parse(a_bar_chart(target=0.75, target_label="Goal 75\u00a0%"))

    full = float(bars_of(root)[0].get("width"))
    (target,) = [line for line in elements(root, "line") if line.get("stroke-dasharray")]
    assert target.get("x1") == target.get("x2")
    assert float(target.get("x1")) == zero_axis_x(root) + 0.75 * full
    assert target.get("stroke") == "#0b0c0c"
    (label,) = [t for t in elements(root, "text") if t.text == "Goal 75\u00a0%"]
    assert (label.get("x"), label.get("text-anchor")) == (target.get("x1"), "middle")


def test_a_target_label_near_the_edge_stays_inside_the_chart():
    root = parse(a_bar_chart(target=1.0, target_label="The goal of the city's programme"))

    (label,) = [t for t in elements(root, "text") if t.text.startswith("The goal")]
    width = float(root.get("viewBox").split()[2])
    assert (float(label.get("x")), label.get("text-anchor")) == (width - 8, "end")


def test_the_target_label_is_the_formatted_target_when_none_is_given():
    root = parse(a_bar_chart(target=0.85))

    assert texts(root).count("85\u00a0%") == 1


def test_each_bar_shows_its_formatted_value_and_note_after_its_end():
    root = parse(a_bar_chart(bars=[Bar("Farsta", 0.5, note="(3 of 6)")]))

    (bar,) = bars_of(root)
    (value,) = [t for t in elements(root, "text") if t.text == "50\u00a0% (3 of 6)"]
    assert float(value.get("x")) == float(bar.get("x")) + float(bar.get("width")) + 8


def test_a_bar_without_a_value_draws_no_bar_and_shows_its_note():
    # In Swedish, as a user sees it: "no data" is "inga uppgifter".
    with translation.override("sv"):
        root = parse(
            a_bar_chart(
                bars=[Bar("Farsta", 0.5), Bar("Bromma", None, note="<5"), Bar("Skärholmen", None)]
            )
        )

    assert len(bars_of(root)) == 1
    assert texts(root) == ["Farsta", "Bromma", "Skärholmen", "50\u00a0%", "<5", "inga uppgifter"]
    notes = [t for t in elements(root, "text") if t.text in ("<5", "inga uppgifter")]
    assert all(float(t.get("x")) == zero_axis_x(root) + 8 for t in notes)


def test_an_emphasised_bar_differs_by_colour_and_by_bold_text():
    root = parse(a_bar_chart())

    city, farsta, _ = bars_of(root)
    assert city.get("fill") != farsta.get("fill")
    bold = [t.text for t in elements(root, "text") if t.get("font-weight") == "bold"]
    assert bold == ["Hela staden", "100\u00a0%"]


def test_long_district_names_fit_left_of_the_bars():
    names = ["Enskede-Årsta-Vantör", "Hässelby-Vällingby", "Hela staden"]
    root = parse(
        a_bar_chart(bars=[Bar(name, 0.5, emphasis=name == "Hela staden") for name in names])
    )

    labels = [t for t in elements(root, "text") if t.text in names]
    for label in labels:
        right = float(label.get("x"))
        assert label.get("text-anchor") == "end"
        assert right <= zero_axis_x(root) - 8
        assert right - text_width(label.text, bold=label.get("font-weight") == "bold") >= 8


def test_every_text_is_escaped():
    evil = "<script>alert(1)</script>"
    charts = [
        a_bar_chart(title=evil, description=evil, bars=[Bar(evil, None, note=evil)]),
        a_bar_chart(bars=[Bar("Farsta", 0.5, note=evil)], target=0.5, target_label=evil),
        a_line_chart(
            title=evil,
            description=evil,
            x_labels=[evil],
            series=[Series(evil, [1])],
            target=1,
            target_label=evil,
        ),
    ]

    for chart in charts:
        assert "<script>" not in chart
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in chart
        assert elements(parse(chart), "script") == []


def test_the_chart_is_an_image_named_by_its_title_and_description():
    root = parse(a_bar_chart())

    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "housing-title housing-desc"
    assert root.find(f"{SVG}title").get("id") == "housing-title"
    assert root.find(f"{SVG}title").text == "Permanent housing after a placement"
    assert root.find(f"{SVG}desc").get("id") == "housing-desc"
    assert root.get("width") == "100%"
    assert root.get("viewBox").startswith("0 0 640 ")


def test_ids_are_unique_across_the_charts_of_a_page():
    page = parse(f"<div>{a_bar_chart(id_prefix='housing')}{a_line_chart(id_prefix='trend')}</div>")

    ids = [e.get("id") for e in page.iter() if e.get("id")]
    assert ids == ["housing-title", "housing-desc", "trend-title", "trend-desc"]
    for svg in page:
        for referred in svg.get("aria-labelledby").split():
            assert referred in ids


@pytest.mark.parametrize("prefix", ["", "1chart", "a b", 'x" onload="alert(1)'])
def test_an_id_prefix_that_is_no_id_is_refused(prefix):
    with pytest.raises(ValueError, match="Not an id prefix"):
        a_bar_chart(id_prefix=prefix)


def test_nothing_the_content_security_policy_refuses():
    charts = [
        a_bar_chart(target=0.5),
        a_line_chart(series=[Series(str(i), [1, 2, None]) for i in range(5)], target=1),
    ]

    for chart in charts:
        for element in parse(chart).iter():
            assert "style" not in element.attrib
            assert not any(name.startswith("on") for name in element.attrib)
            assert element.tag not in (f"{SVG}style", f"{SVG}script", f"{SVG}image")


def test_colours_have_enough_contrast_on_white():
    charts = [
        a_bar_chart(bars=[Bar("A", 1.0, emphasis=True), Bar("B", 0.5), Bar("C", None)], target=1),
        a_line_chart(series=[Series(str(i), [1, 2, 3]) for i in range(5)], target=1),
    ]

    for chart in charts:
        for element in parse(chart).iter():
            if element.tag == f"{SVG}text":
                assert contrast_on_white(element.get("fill")) >= 4.5
            for paint in (element.get("fill"), element.get("stroke")):
                if paint and paint.startswith("#") and paint not in (WHITE, GRID):
                    assert contrast_on_white(paint) >= 3, paint


def test_the_line_of_a_series_goes_through_its_values():
    root = parse(a_line_chart())

    (polyline,) = elements(root, "polyline")
    # The plot spans x 47–632 (the years inset by 24) and y 280–40 (0–100).
    assert polyline.get("points") == "71,280 339.5,160 608,40"
    ys = {
        text.text: float(text.get("y")) - 5.6
        for text in elements(root, "text")
        if text.get("text-anchor") == "end"
    }
    assert ys == {"0": 280, "20": 232, "40": 184, "60": 136, "80": 88, "100": 40}
    markers = [(c.get("cx"), c.get("cy")) for c in elements(root, "circle")][1:]
    assert markers == [("71", "280"), ("339.5", "160"), ("608", "40")]


def test_a_gap_breaks_the_line():
    root = parse(
        a_line_chart(
            x_labels=["2021", "2022", "2023", "2024", "2025"],
            series=[
                Series("Farsta", [10, 20, None, 40, 50]),
                Series("Bromma", [10, None, 30, None, None]),
            ],
        )
    )

    farsta = [p for p in elements(root, "polyline") if p.get("stroke") == "#1d70b8"]
    assert [len(p.get("points").split()) for p in farsta] == [2, 2]
    assert [p for p in elements(root, "polyline") if p.get("stroke") == "#d4351c"] == []
    bromma_markers = [r for r in elements(root, "rect") if r.get("fill") == "#d4351c"]
    assert len(bromma_markers) == 1 + 2  # the legend's and one per value


def test_series_differ_by_colour_dash_and_marker():
    root = parse(
        a_line_chart(
            series=[Series(f"Series {i}", [i, i + 1, i + 2]) for i in range(5)], y_max=None
        )
    )

    polylines = elements(root, "polyline")
    dashes = [p.get("stroke-dasharray", "solid") for p in polylines]
    assert len(set(dashes)) == 5
    assert len({p.get("stroke") for p in polylines}) == 5
    legend = root.find(f"{SVG}g")
    markers = [e for e in legend if e.tag not in (f"{SVG}line", f"{SVG}text")]
    assert len({shape(marker) for marker in markers}) == 5
    assert [t.text for t in legend.findall(f"{SVG}text")] == [f"Series {i}" for i in range(5)]


def test_more_series_than_styles_is_refused():
    with pytest.raises(ValueError, match="at most 5 series"):
        a_line_chart(series=[Series(str(i), [1, 2, 3]) for i in range(6)])


def test_a_series_needs_a_value_per_x_label():
    with pytest.raises(ValueError, match="one value per x label"):
        a_line_chart(series=[Series("Farsta", [1, 2])])


@pytest.mark.parametrize(
    ("top", "ticks"),
    [
        (1.0, ["0,0", "0,2", "0,4", "0,6", "0,8", "1,0"]),
        (0.85, ["0,0", "0,2", "0,4", "0,6", "0,8", "1,0"]),
        (3, ["0,0", "1,0", "2,0", "3,0"]),
        (7, ["0,0", "2,0", "4,0", "6,0", "8,0"]),
        (12.5, ["0,0", "2,5", "5,0", "7,5", "10,0", "12,5"]),
        (250, ["0,0", "50,0", "100,0", "150,0", "200,0", "250,0"]),
    ],
)
def test_the_y_axis_has_three_to_five_round_steps_from_zero(top, ticks):
    root = parse(
        a_line_chart(series=[Series("Farsta", [0, top, None])], y_max=None, value_format=decimal)
    )

    tick_texts = [t.text for t in elements(root, "text") if t.get("text-anchor") == "end"]
    assert tick_texts == ticks
    gridlines = [line for line in elements(root, "line") if line.get("stroke") in (GRID, "#505a5f")]
    assert len(gridlines) == len(ticks)


def test_the_target_is_a_dashed_horizontal_line_labelled_at_its_end():
    root = parse(a_line_chart(target=85, target_label="Goal 85"))

    (target,) = [line for line in elements(root, "line") if line.get("stroke") == "#0b0c0c"]
    assert target.get("y1") == target.get("y2") == str(280 - 240 * 85 / 100).rstrip("0").rstrip(".")
    assert target.get("stroke-dasharray") == "6 4"
    (label,) = [t for t in elements(root, "text") if t.text == "Goal 85"]
    assert float(label.get("x")) == float(target.get("x2")) + 8


def test_a_single_year_draws_its_points_in_the_middle():
    root = parse(
        a_line_chart(
            x_labels=["2025"],
            series=[Series("Hela staden", [12.5]), Series("Farsta", [None])],
            y_max=None,
        )
    )

    assert elements(root, "polyline") == []
    (year,) = [t for t in elements(root, "text") if t.text == "2025"]
    (point,) = [c for c in elements(root, "circle")][1:]
    zero = next(line for line in elements(root, "line") if line.get("stroke") == "#505a5f")
    middle = (float(zero.get("x1")) + float(zero.get("x2"))) / 2
    assert float(point.get("cx")) == float(year.get("x")) == middle


def test_the_same_figures_draw_the_same_chart():
    assert a_bar_chart(target=0.5) == a_bar_chart(target=0.5)
    assert a_line_chart(target=50) == a_line_chart(target=50)


def test_a_chart_in_a_pdf():
    chart = bar_chart(
        id_prefix="housing",
        title="Permanent housing after a placement",
        description="Share per district.",
        bars=[Bar("Hela staden", 0.78, emphasis=True), Bar("Enskede-Årsta-Vantör", 0.81)],
        value_format=percent,
        max_value=1.0,
        target=0.85,
        target_label="Goal 85\u00a0%",
    )
    template = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Charts</title>'
        "</head><body><h1>{{ title }}</h1>{{ chart }}</body></html>"
    )
    templates = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {
                "loaders": [("django.template.loaders.locmem.Loader", {"c.html": template})]
            },
        }
    ]

    with override_settings(TEMPLATES=templates):
        document = pdf_render(
            template_name="c.html",
            context={"title": "Permanent housing after a placement", "chart": chart},
        )

    text = PdfReader(io.BytesIO(document)).pages[0].extract_text()
    words = text.split()
    assert text.startswith("Permanent housing after a placement")
    assert "Enskede-Årsta-Vantör" in words
    assert "Hela staden" in text
    assert "81" in words
