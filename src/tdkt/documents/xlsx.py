"""Writing .xlsx files: every list export of the project, and the import templates.

`xlsx_response` streams rows into a write-only workbook (fast and light on memory for tens of
thousands of rows); `write_workbook` streams the same sheets straight into the file's XML for
the exports of a hundred thousand rows and more (the sector's eligibility scan, the whole award
ledger), where openpyxl's write-only mode still costs about 12 µs a cell; `build_template` writes
the small, formatted workbook a unit downloads to fill in for an import.

Both paths neutralise formulas the same way: a value goes through `_plain` (lazy translations
rendered, characters Excel cannot hold dropped) and text is written as a string cell, never a
formula, whatever it starts with."""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote
from xml.sax.saxutils import escape, quoteattr

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
    streaming: bool = False,
) -> HttpResponse:
    """An .xlsx download of one table: bold, frozen header row; dates shown dd/mm/yyyy.

    `rows` may be a generator (e.g. `queryset.iterator()`); values may be str, numbers, dates,
    datetimes (shown in local time), lazy translations, choices or None. `title`, if given, is a
    bold line above the header row. `streaming` writes through `write_workbook` (for lists of
    tens of thousands of rows and more)."""
    if streaming:
        buffer = io.BytesIO()
        write_workbook(buffer, [Sheet(sheet_title, headers, rows, heading=title)])
        content = buffer.getvalue()
    else:
        content = xlsx_bytes(sheet_title, headers, rows, title=title)
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
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
    (by index) a number format, e.g. "0.0%" for shares kept as fractions; `widths` sets the
    columns' widths (else measured on the first rows)."""

    title: str
    headers: list[str]
    rows: Iterable[Sequence[Any]]
    heading: str | None = None
    bold_rows: set[int] = field(default_factory=set)
    formats: dict[int, str] = field(default_factory=dict)
    widths: Sequence[int] | None = None


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
    widths = spec.widths or _column_widths(spec.headers, sample)
    for index, width in enumerate(widths, start=1):
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
    """A row for a write-only openpyxl sheet built outside this module: every value goes through
    the same neutralisation as the lists this module writes."""
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


# --- The streaming path: the sheets' XML written as the rows come ------------------------------

_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_EPOCH = dt.datetime(1899, 12, 30)
_EPOCH_DAY = _EPOCH.date()
# (font, fill) of the styles the sheets use; fonts: 0 plain, 1 bold, 2 title; fills: 0 none,
# 1 the mandatory gray125, 2 the header's.
_PLAIN, _BOLD, _TITLE, _HEADER = (0, 0), (1, 0), (2, 0), (1, 2)


class _Styles:
    """The cell formats a streamed workbook uses, numbered as they are first asked for."""

    def __init__(self) -> None:
        self.formats: dict[str, int] = {}  # number format → its id (custom ids start at 164)
        self.xfs: dict[tuple[int, int, int], int] = {(0, 0, 0): 0}

    def index(self, font_fill: tuple[int, int], number_format: str | None = None) -> int:
        fmt = 0
        if number_format:
            fmt = self.formats.setdefault(number_format, 164 + len(self.formats))
        return self.xfs.setdefault((*font_fill, fmt), len(self.xfs))

    def xml(self) -> str:
        formats = "".join(
            f"<numFmt numFmtId={quoteattr(str(i))} formatCode={quoteattr(code)}/>"
            for code, i in self.formats.items()
        )
        xfs = "".join(
            f'<xf numFmtId="{fmt}" fontId="{font}" fillId="{fill}" borderId="0" xfId="0"'
            + (' applyNumberFormat="1"' if fmt else "")
            + (' applyFont="1"' if font else "")
            + (' applyFill="1"' if fill else "")
            + "/>"
            for (font, fill, fmt) in self.xfs
        )
        color = _HEADER_FILL.fgColor.rgb
        return (
            f'{_XML_HEAD}<styleSheet xmlns="{_MAIN_NS}">'
            + (f'<numFmts count="{len(self.formats)}">{formats}</numFmts>' if formats else "")
            + '<fonts count="3"><font><sz val="11"/><name val="Calibri"/></font>'
            '<font><b/><sz val="11"/><name val="Calibri"/></font>'
            '<font><b/><sz val="13"/><name val="Calibri"/></font></fonts>'
            '<fills count="3"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill>'
            f'<fill><patternFill patternType="solid"><fgColor rgb="{color}"/></patternFill></fill>'
            '</fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/>'
            '</border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" '
            'fillId="0" borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{len(self.xfs)}">{xfs}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            "</styleSheet>"
        )


class _Strings:
    """The shared strings table: each distinct text once, whatever the number of cells."""

    def __init__(self) -> None:
        self.cleaned: dict[str, int] = {}
        self.raw: dict[str, int] = {}  # text as given → index, to clean each text once

    def index(self, value: str) -> int:
        found = self.raw.get(value)
        if found is None:
            text = _text(value)
            found = self.cleaned.setdefault(text, len(self.cleaned))
            if len(self.raw) < 1_000_000:  # the cache of a list of unique texts stays bounded
                self.raw[value] = found
        return found

    def write(self, out: IO[bytes], count: int) -> None:
        out.write(
            f'{_XML_HEAD}<sst xmlns="{_MAIN_NS}" count="{count}" '
            f'uniqueCount="{len(self.cleaned)}">'.encode()
        )
        chunk: list[str] = []
        for text in self.cleaned:
            chunk.append(f'<si><t xml:space="preserve">{escape(text)}</t></si>')
            if len(chunk) >= 5000:
                out.write("".join(chunk).encode())
                chunk.clear()
        out.write(("".join(chunk) + "</sst>").encode())


class _SheetWriter:
    """One sheet's XML, a row at a time. Text always goes in as a shared string (t="s"): the
    writer has no way to write a formula, so text that starts with "=" stays text."""

    def __init__(self, out: IO[bytes], strings: _Strings, styles: _Styles, columns: int) -> None:
        self.out, self.strings, self.styles = out, strings, styles
        self.letters = [get_column_letter(i) for i in range(1, max(columns, 1) + 64)]
        self.row = 0
        self.cells = 0
        self.buffer: list[str] = []
        self.date_style = styles.index(_PLAIN, DATE_FORMAT)
        self.datetime_style = styles.index(_PLAIN, DATETIME_FORMAT)

    def start(self, widths: Sequence[int], frozen_rows: int) -> None:
        pane = ""
        if frozen_rows:
            pane = (
                f'<pane ySplit="{frozen_rows}" topLeftCell="A{frozen_rows + 1}" '
                'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/>'
            )
        cols = "".join(
            f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
            for i, w in enumerate(widths, start=1)
        )
        self.out.write(
            (
                f'{_XML_HEAD}<worksheet xmlns="{_MAIN_NS}" xmlns:r="{_REL_NS}">'
                f'<sheetViews><sheetView workbookViewId="0">{pane}</sheetView></sheetViews>'
                '<sheetFormatPr defaultRowHeight="15"/>'
                + (f"<cols>{cols}</cols>" if cols else "")
                + "<sheetData>"
            ).encode()
        )

    def skip(self) -> None:
        self.row += 1

    def append(
        self,
        values: Iterable[Any],
        font_fill: tuple[int, int] = _PLAIN,
        formats: dict[int, str] | None = None,
    ) -> None:
        self.row += 1
        r = self.row
        letters, strings = self.letters, self.strings
        known = strings.raw.get  # the common case inlined: a text already in the table
        plain = font_fill == _PLAIN
        style = "" if plain else f' s="{self.styles.index(font_fill)}"'
        date_style, datetime_style = self.date_style, self.datetime_style
        if not plain:
            date_style = self.styles.index(font_fill, DATE_FORMAT)
            datetime_style = self.styles.index(font_fill, DATETIME_FORMAT)
        parts = [f'<row r="{r}">']
        add = parts.append
        for c, value in enumerate(values):
            kind = type(value)
            if kind is str:
                if not value:  # an empty cell, as openpyxl writes ""
                    continue
                index = known(value)
                if index is None:
                    index = strings.index(value)
                add(f'<c r="{letters[c]}{r}" t="s"{style}><v>{index}</v></c>')
                continue
            if kind is not int and kind is not float:
                value = _plain(value)
                kind = type(value)
                if value is None or (kind is str and not value):
                    continue
            ref = f"{letters[c]}{r}"
            if kind is str:
                add(f'<c r="{ref}" t="s"{style}><v>{strings.index(value)}</v></c>')
            elif kind is int or kind is float or kind is decimal.Decimal:
                number_format = formats.get(c) if formats else None
                s = style
                if number_format:
                    s = f' s="{self.styles.index(font_fill, number_format)}"'
                add(f'<c r="{ref}"{s}><v>{value}</v></c>')
            elif kind is dt.datetime:
                serial = (value - _EPOCH).total_seconds() / 86400
                add(f'<c r="{ref}" s="{datetime_style}"><v>{serial}</v></c>')
            elif kind is dt.date:
                serial = (value - _EPOCH_DAY).days
                add(f'<c r="{ref}" s="{date_style}"><v>{serial}</v></c>')
            else:  # anything else, as text
                add(f'<c r="{ref}" t="s"{style}><v>{strings.index(str(value))}</v></c>')
        self.cells += len(parts) - 1
        parts.append("</row>")
        self.buffer.append("".join(parts))
        if len(self.buffer) >= 2000:
            self.flush()

    def flush(self) -> None:
        self.out.write("".join(self.buffer).encode())
        self.buffer.clear()

    def finish(self) -> None:
        self.flush()
        self.out.write(b"</sheetData></worksheet>")


def write_workbook(target: IO[bytes] | Path, sheets: Sequence[Sheet]) -> None:
    """The workbook of `workbook_bytes`, streamed: each sheet's XML is written into the file as
    its rows come (a generator is read once, never held), the shared strings and styles after.
    What Excel shows is the same: the heading lines, a bold, frozen header row, numbers as
    numbers, dates dd/mm/yyyy, bold rows, column formats and widths; text is never a formula."""
    strings, styles = _Strings(), _Styles()
    titles: list[str] = []
    cells = 0
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for number, spec in enumerate(sheets, start=1):
            title = safe_sheet_title(spec.title)
            while title in titles:
                title = safe_sheet_title(f"{title[:27]} ({number})")
            titles.append(title)
            name = f"xl/worksheets/sheet{number}.xml"
            with archive.open(name, "w", force_zip64=True) as out:
                cells += _stream_sheet(out, spec, strings, styles)
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as out:
            strings.write(out, cells)
        archive.writestr("xl/styles.xml", styles.xml())
        _write_package(archive, titles)


def _stream_sheet(out: IO[bytes], spec: Sheet, strings: _Strings, styles: _Styles) -> int:
    iterator: Iterator[Sequence[Any]] = iter(spec.rows)
    sample: list[Sequence[Any]] = []
    widths = spec.widths
    if widths is None:
        sample = [list(row) for row in islice(iterator, _WIDTH_SAMPLE_ROWS)]
        widths = _column_widths(spec.headers, [list(row) for row in sample])
    lines = [line for line in str(spec.heading or "").splitlines() if line.strip()]
    writer = _SheetWriter(out, strings, styles, len(spec.headers))
    writer.start(widths, len(lines) + 2 if lines else 1)
    for number, line in enumerate(lines):
        writer.append([line], _TITLE if number == 0 else _BOLD)
    if lines:
        writer.skip()
    writer.append(spec.headers, _HEADER)
    bold_rows, formats = spec.bold_rows, spec.formats or None
    for index, row in enumerate(chain(sample, iterator)):
        writer.append(row, _BOLD if index in bold_rows else _PLAIN, formats)
    writer.finish()
    return writer.cells


def _write_package(archive: zipfile.ZipFile, titles: list[str]) -> None:
    sheets = "".join(
        f'<sheet name={quoteattr(title)} sheetId="{i}" r:id="rId{i}"/>'
        for i, title in enumerate(titles, start=1)
    )
    archive.writestr(
        "xl/workbook.xml",
        f'{_XML_HEAD}<workbook xmlns="{_MAIN_NS}" xmlns:r="{_REL_NS}">'
        f'<bookViews><workbookView activeTab="0"/></bookViews><sheets>{sheets}</sheets>'
        "</workbook>",
    )
    count = len(titles)
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{_REL_NS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, count + 1)
    )
    archive.writestr(
        "xl/_rels/workbook.xml.rels",
        f'{_XML_HEAD}<Relationships xmlns="{_PKG_REL_NS}">{rels}'
        f'<Relationship Id="rId{count + 1}" Type="{_REL_NS}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId{count + 2}" Type="{_REL_NS}/sharedStrings" '
        'Target="sharedStrings.xml"/></Relationships>',
    )
    archive.writestr(
        "_rels/.rels",
        f'{_XML_HEAD}<Relationships xmlns="{_PKG_REL_NS}"><Relationship Id="rId1" '
        f'Type="{_REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    )
    part = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{part}.worksheet+xml"/>'
        for i in range(1, count + 1)
    )
    archive.writestr(
        "[Content_Types].xml",
        f'{_XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{part}.sheet.main+xml"/>'
        f"{overrides}"
        f'<Override PartName="/xl/styles.xml" ContentType="{part}.styles+xml"/>'
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{part}.sharedStrings+xml"/>'
        "</Types>",
    )
