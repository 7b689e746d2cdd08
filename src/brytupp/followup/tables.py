"""The report as tables: CSV for scripts, XLSX for analysts.

CSV is long: one row per scope × figure × measure, so a year's file can be appended to the
last and pivoted. XLSX opens on a sheet per figure with the city and every district as rows
and the figure's measures as columns — the table an analyst compares districts in — and
ends with the same long table as the CSV (sheet ``all_figures``) for pivoting. Empty means
``null``; a suppressed count is the text ``<5``; a share is the fraction, shown in per cent.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

HEADER = ("period_from", "period_to", "scope", "district", "figure", "measure", "value")
# Excel allows 31 characters in a sheet's name.
SHEET_NAMES = {
    "permanent_housing_after_placement": "permanent_housing",
    "children_placed_with_own_decision": "children_own_decision",
}
# A share is the fraction, shown as a percentage with one decimal (as on the pages' sheets).
XLSX_PERCENT = "0.0 %"


def is_share(measure: str) -> bool:
    return measure == "share" or measure.endswith("_share")


def report_scopes(report: dict) -> Iterator[tuple[str, str, dict]]:
    """(scope, district code or "", SCOPE) for the city and then every district."""
    yield "city", "", report["city"]
    for code, scope in report["districts"].items():
        yield "district", code, scope


def report_rows(report: dict) -> Iterator[tuple]:
    period = report["period"]
    for scope_kind, code, scope in report_scopes(report):
        for figure, measures in scope.items():
            for measure, value in measures.items():
                yield (period["from"], period["to"], scope_kind, code, figure, measure, value)


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)  # str(float) is the shortest text that reads back as the same float


def report_csv(report: dict) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for row in report_rows(report):
        writer.writerow([*row[:-1], _csv_value(row[-1])])
    return out.getvalue()


def report_xlsx(report: dict) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    period = report["period"]
    for figure, measures in report["city"].items():
        sheet = workbook.create_sheet(SHEET_NAMES.get(figure, figure))
        sheet.append(["figure", figure, "period", period["from"], period["to"]])
        sheet.append(["scope", "district", *measures])
        for cell in sheet[2]:
            cell.font = bold
        for scope_kind, code, scope in report_scopes(report):
            sheet.append([scope_kind, code or None, *scope[figure].values()])
            for cell, measure in zip(sheet[sheet.max_row][2:], measures, strict=False):
                if is_share(measure) and isinstance(cell.value, int | float):
                    cell.number_format = XLSX_PERCENT
        sheet.freeze_panes = "C3"
    every = workbook.create_sheet("all_figures")
    every.append(HEADER)
    for cell in every[1]:
        cell.font = bold
    for row in report_rows(report):
        every.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
