"""Writing .xlsx files: every list export of the project, and the import templates.

`xlsx_response` streams rows into a write-only workbook (fast and light on memory for tens of
thousands of rows); `build_template` writes the small, formatted workbook a unit downloads to
fill in for an import."""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import Any
from urllib.parse import quote

from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from unidecode import unidecode

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
TEXT_FORMAT = "@"

_WIDTH_SAMPLE_ROWS = 200
_TEMPLATE_ROWS = 20000
_MIN_WIDTH, _MAX_WIDTH = 6, 60
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="EEF1F4")
_TITLE_FONT = Font(bold=True, size=13)


@dataclass(frozen=True)
class ColumnSpec:
    """One column of an import template: its exact header and how to fill it."""

    name: str | Promise
    description: str | Promise
    required: bool = False
    kind: str = "text"  # "text" | "date" | "int": formats the column in the template
    allowed: Sequence[tuple[str, str | Promise]] = field(default_factory=tuple)  # (code, label)
    width: int | None = None


def xlsx_response(
    filename: str,
    sheet_title: str,
    headers: list[str],
    rows: Iterable[Sequence[Any]],
    *,
    title: str | None = None,
) -> HttpResponse:
    """An .xlsx download of one table: bold, frozen header row; dates shown dd/mm/yyyy.

    `rows` may be a generator (e.g. `queryset.iterator()`); values may be str, numbers, dates,
    datetimes (shown in local time), lazy translations, choices or None. `title`, if given, is a
    bold line above the header row."""
    response = HttpResponse(
        xlsx_bytes(sheet_title, headers, rows, title=title), content_type=XLSX_CONTENT_TYPE
    )
    response["Content-Disposition"] = content_disposition(filename)
    return response


def xlsx_bytes(
    sheet_title: str,
    headers: list[str],
    rows: Iterable[Sequence[Any]],
    *,
    title: str | None = None,
) -> bytes:
    """The workbook of `xlsx_response`, as bytes (for storing or attaching)."""
    return workbook_bytes([Sheet(sheet_title, headers, rows, heading=title)])


@dataclass
class Sheet:
    """One sheet of a report workbook. `heading` lines go above the header row (the first in
    bold); `bold_rows` are indices into `rows` (subtotals, totals); `formats` gives a column
    (by index) a number format, e.g. "0.0%" for shares kept as fractions."""

    title: str
    headers: list[str]
    rows: Iterable[Sequence[Any]]
    heading: str | None = None
    bold_rows: set[int] = field(default_factory=set)
    formats: dict[int, str] = field(default_factory=dict)


def workbook_bytes(sheets: Sequence[Sheet]) -> bytes:
    """A workbook of several sheets, each as `xlsx_response` writes its one: bold, frozen header
    row, numbers as numbers, dates shown dd/mm/yyyy."""
    workbook = Workbook(write_only=True)
    for spec in sheets:
        _write_sheet(workbook, spec)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_sheet(workbook: Any, spec: Sheet) -> None:
    sheet = workbook.create_sheet(safe_sheet_title(spec.title))
    iterator = iter(spec.rows)
    sample = [list(row) for row in islice(iterator, _WIDTH_SAMPLE_ROWS)]
    for index, width in enumerate(_column_widths(spec.headers, sample), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    lines = [line for line in str(spec.heading or "").splitlines() if line.strip()]
    # The pane must be set before the first row: a write-only sheet writes its views then.
    sheet.freeze_panes = f"A{len(lines) + 3}" if lines else "A2"
    for number, line in enumerate(lines):
        cell = WriteOnlyCell(sheet, value=_text(line))
        cell.font = _TITLE_FONT if number == 0 else _HEADER_FONT
        sheet.append([cell])
    if lines:
        sheet.append([])
    sheet.append([_header_cell(sheet, h) for h in spec.headers])
    for index, row in enumerate(chain(sample, iterator)):
        bold = index in spec.bold_rows
        sheet.append(
            [_styled(sheet, _cell(sheet, v), bold, spec.formats.get(c)) for c, v in enumerate(row)]
        )


def _styled(sheet: Any, value: Any, bold: bool, number_format: str | None) -> Any:
    if not bold and not (number_format and isinstance(value, int | float | decimal.Decimal)):
        return value
    cell = value if isinstance(value, Cell) else WriteOnlyCell(sheet, value=value)
    if bold:
        cell.font = _HEADER_FONT
    if number_format and isinstance(value, int | float | decimal.Decimal):
        cell.number_format = number_format
    return cell


def build_template(
    columns: list[ColumnSpec],
    sheet_title: str,
    example_rows: Sequence[Sequence[Any]],
    notes: Sequence[str | Promise],
) -> bytes:
    """An import template: sheet `sheet_title` with only the header row (exact column names),
    and a sheet "Hướng dẫn" that explains each column, the allowed codes and formats, the general
    `notes`, and example rows (kept off the data sheet so that they are never imported)."""
    workbook = Workbook()
    data = workbook.active
    data.title = safe_sheet_title(sheet_title)
    for index, column in enumerate(columns, start=1):
        cell = data.cell(row=1, column=index, value=_text(column.name))
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        letter = get_column_letter(index)
        data.column_dimensions[letter].width = column.width or max(14, len(str(column.name)) + 4)
        number_format = {"date": DATE_FORMAT, "text": TEXT_FORMAT}.get(column.kind)
        if number_format:
            # A column style, so that codes keep their leading zeros and dates stay dates in
            # whatever the unit types or pastes, without writing empty cells.
            data.column_dimensions[letter].number_format = number_format
        _add_choice_list(data, column, letter)
    data.freeze_panes = "A2"
    _write_guide(workbook.create_sheet(_("Hướng dẫn")), columns, example_rows, notes)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _add_choice_list(sheet: Any, column: ColumnSpec, letter: str) -> None:
    labels = [_text(label) for _code, label in column.allowed]
    formula = '"' + ",".join(labels) + '"'
    # Excel refuses in-cell lists longer than 255 characters or with commas in an item.
    if not labels or len(formula) > 255 or any("," in label for label in labels):
        return
    validation = DataValidation(type="list", formula1=formula, allow_blank=True)
    validation.showErrorMessage = False
    sheet.add_data_validation(validation)
    validation.add(f"{letter}2:{letter}{_TEMPLATE_ROWS + 1}")


def _write_guide(
    sheet: Any,
    columns: list[ColumnSpec],
    example_rows: Sequence[Sequence[Any]],
    notes: Sequence[str | Promise],
) -> None:
    wrap = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 12
    sheet.column_dimensions["C"].width = 90
    sheet.append([_("Hướng dẫn điền tệp")])
    sheet["A1"].font = _TITLE_FONT
    for note in notes:
        sheet.append([_text(note)])
    sheet.append([])
    sheet.append([_("Cột"), _("Bắt buộc"), _("Cách điền")])
    for cell in sheet[sheet.max_row]:
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
    for column in columns:
        text = _text(column.description)
        if column.allowed:
            choices = "; ".join(f"{code} = {label}" for code, label in column.allowed)
            text = f"{text}\n{_('Giá trị được chấp nhận (mã hoặc tên):')} {choices}"
        sheet.append([_text(column.name), _("Có") if column.required else _("Không"), text])
        for cell in sheet[sheet.max_row]:
            cell.alignment = wrap
    if example_rows:
        sheet.append([])
        sheet.append([_("Ví dụ cách điền (không nhập các dòng này)")])
        sheet.cell(row=sheet.max_row, column=1).font = _HEADER_FONT
        start = sheet.max_row + 1
        sheet.append([_text(c.name) for c in columns])
        for cell in sheet[start]:
            cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        for example in example_rows:
            sheet.append([_plain(v) for v in example])
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, dt.date):
                    cell.number_format = DATE_FORMAT


def content_disposition(filename: str) -> str:
    """`attachment` with an ASCII fallback and the exact UTF-8 name (RFC 6266 / RFC 5987)."""
    fallback = unidecode(filename).replace('"', "").replace("\\", "") or "tep.xlsx"
    fallback = re.sub(r"[^\x20-\x7e]", "_", fallback)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def safe_sheet_title(title: str) -> str:
    """Excel's limits: at most 31 characters, none of []:*?/\\."""
    cleaned = _SHEET_TITLE_FORBIDDEN.sub("-", str(title)).strip("'") or "Sheet1"
    return cleaned[:31]


def _column_widths(headers: list[str], sample: list[list[Any]]) -> list[int]:
    widths = []
    for index, header in enumerate(headers):
        longest = len(str(header))
        for row in sample:
            if index < len(row):
                longest = max(longest, _display_length(row[index]))
        widths.append(min(_MAX_WIDTH, max(_MIN_WIDTH, longest + 2)))
    return widths


def _display_length(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, dt.datetime):
        return 16
    if isinstance(value, dt.date):
        return 10
    return max((len(line) for line in str(value).splitlines()), default=0)


def _header_cell(sheet: Any, value: Any) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=_text(value))
    cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
    return cell


def safe_row(sheet: Any, values: Sequence[Any]) -> list[Any]:
    """A row for a write-only sheet built outside this module (the eligibility export): every value
    goes through the same neutralisation as the lists this module writes."""
    return [_cell(sheet, v) for v in values]


# Text a spreadsheet may take for a formula (or a DDE/command trigger once saved as CSV).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(sheet: Any, value: Any) -> Any:
    """A plain value where openpyxl writes it right, a styled cell for dates and for text that
    Excel would otherwise run as a formula (a name typed as "=HYPERLINK(…)" must stay text):
    such text is written as a string cell, never a formula."""
    value = _plain(value)
    if isinstance(value, dt.datetime):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATETIME_FORMAT
        return cell
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def _plain(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(tzinfo=None)
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, int | float | decimal.Decimal | dt.date):
        return value
    if isinstance(value, enum.Enum):
        value = value.value
    return _text(value)


def _text(value: Any) -> str:
    """Lazy translations rendered; characters Excel cannot hold dropped."""
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))[:32767]
