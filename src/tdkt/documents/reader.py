"""Reading an uploaded .xlsx: is it one, where is its header row, and what each cell means (for
every uploaded list: the import jobs and the accounts' onboarding file).

Every problem is collected (never the first one only) as a sentence that names the row as Excel
shows it and the column by its header, so that a unit can fix its whole file in one pass."""

from __future__ import annotations

import datetime as dt
import re
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from unidecode import unidecode

from tdkt.documents.legacy import LegacyEncodingError, readable, to_unicode
from tdkt.documents.xlsx import ColumnSpec
from tdkt.errors import InvalidData
from tdkt.text import clean

MAX_ROWS = 50_000
# The sheet a blank template carries its guide in (`xlsx.build_template`): never read as data.
GUIDE_SHEET = "Hướng dẫn"
MAX_PROBLEMS = 10_000
HEADER_SEARCH_ROWS = 10
# A zip bomb is refused before anything parses it: the whole archive, each part (shared strings,
# each sheet) and each part's expansion ratio are bounded. A real 50,000-row list stays far below.
MAX_UNCOMPRESSED_BYTES = 150 * 1024 * 1024
MAX_PART_BYTES = 80 * 1024 * 1024
MAX_PART_RATIO = 100  # expanded / compressed, for parts larger than 1 MiB
# Reading a file's rows stops after this long (the background worker must not be held).
MAX_READ_SECONDS = 180
_ROW_NUMBER = re.compile(rb'<row r="(\d+)"')
OLD_EXCEL_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DATE_TEXT = re.compile(r"^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$")
_ISO_DATE_TEXT = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_QUOTES = re.compile(r"[\"'“”‘’«»]")
# The lines a unit's file ends with: "Hà Tĩnh, ngày … tháng … năm 2025", "Người lập biểu",
# "Thủ trưởng đơn vị", "(Ký, ghi rõ họ tên)", "KT. VIỆN TRƯỞNG" (compared without diacritics).
_SIGNATURE = re.compile(
    r"ngay\W*[\d.…_ ]*\W*thang\W*[\d.…_ ]*\W*nam|nguoi lap|thu truong|ky,? ghi ro|ky ten"
    r"|dong dau|^(kt|tl|tm|tuq)\.? |vien truong|xac nhan cua|nguoi duyet|^noi nhan"
)


@dataclass(frozen=True)
class Column:
    """A column an importer reads: its template spec and the other names units give it."""

    key: str
    spec: ColumnSpec
    aliases: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return str(self.spec.name)


def header_key(value: Any) -> str:
    """'Ngày sinh (dd/mm/yyyy) *' → 'ngày sinh': hints in brackets, stars and case ignored."""
    text = readable(str(value or ""))  # a header typed in TCVN3 or VNI
    text = re.sub(r"\(.*?\)", " ", clean(text)).replace("*", " ")
    return " ".join(text.casefold().split()).strip(" :.")


def choice_key(value: Any) -> str:
    """How a code or a label is compared: NFC, case-insensitive, quotes and spacing ignored."""
    return " ".join(_QUOTES.sub(" ", clean(str(value or ""))).casefold().split())


def choice_map(pairs: list[tuple[str, str]]) -> dict[str, str]:
    """code or label (with or without diacritics) → code."""
    mapping: dict[str, str] = {}
    for code, label in pairs:
        for text in (code, label):
            mapping.setdefault(choice_key(text), code)
            mapping.setdefault(choice_key(unidecode(clean(text))), code)
    return mapping


def show(value: Any) -> str:
    """A cell's value as the user typed it, for quoting in a message."""
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean(str(value))


class Problems:
    """Every problem of one file, in order, as {"row", "column", "message"} dicts."""

    def __init__(self, limit: int | None = None) -> None:
        self.items: list[dict[str, Any]] = []
        self.count = 0
        self.limit = MAX_PROBLEMS if limit is None else limit

    def __bool__(self) -> bool:
        return self.count > 0

    def file(self, message: str) -> None:
        self._add(None, None, message)

    def row(self, row: int, message: str) -> None:
        self._add(row, None, _("Dòng %(row)s: %(problem)s") % {"row": row, "problem": message})

    def cell(self, row: int, column: str, message: str) -> None:
        text = _("Dòng %(row)s, cột «%(column)s»: %(problem)s") % {
            "row": row,
            "column": column,
            "problem": message,
        }
        self._add(row, column, text)

    def as_list(self) -> list[dict[str, Any]]:
        """File-level problems first, then by row (a row's keep the order of its columns)."""
        items = sorted(self.items, key=lambda p: (p["row"] is not None, p["row"] or 0))
        if self.count <= len(self.items):
            return items
        more = _("Còn %(n)s lỗi khác không liệt kê ở đây; hãy sửa các lỗi trên rồi nhập lại.") % {
            "n": self.count - len(self.items)
        }
        return [*items, {"row": None, "column": None, "message": more}]

    def _add(self, row: int | None, column: str | None, message: str) -> None:
        self.count += 1
        if len(self.items) < self.limit:
            self.items.append({"row": row, "column": column, "message": message})


def inspect_upload(stream: IO[bytes], name: str, size: int) -> None:
    """Refuse what is not a reasonable .xlsx, by size and by content, before anything is saved."""
    limit = settings.TDKT_MAX_UPLOAD_BYTES
    if size > limit:
        raise InvalidData(
            _("Tệp quá lớn (%(size)s MB); giới hạn là %(limit)s MB.")
            % {"size": _mb(size), "limit": _mb(limit)}
        )
    if size == 0:
        raise InvalidData(_("Tệp rỗng."))
    stream.seek(0)
    head = stream.read(8)
    stream.seek(0)
    if head == OLD_EXCEL_MAGIC:
        raise InvalidData(
            _(
                "Tệp là định dạng Excel 97–2003 (.xls). Hãy mở tệp bằng Excel và lưu lại dưới "
                "dạng «Sổ làm việc Excel (.xlsx)»."
            )
        )
    if not name.lower().endswith(".xlsx") or not head.startswith(b"PK\x03\x04"):
        raise InvalidData(_("Tệp không phải là tệp Excel .xlsx."))
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            parts = archive.infolist()
            expanded = sum(info.file_size for info in parts)
    except zipfile.BadZipFile as exc:
        raise InvalidData(_("Tệp .xlsx bị hỏng, không mở được.")) from exc
    finally:
        stream.seek(0)
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise InvalidData(_("Tệp không phải là tệp Excel .xlsx."))
    if expanded > MAX_UNCOMPRESSED_BYTES or any(_oversized(info) for info in parts):
        raise InvalidData(_("Tệp chứa quá nhiều dữ liệu sau khi giải nén; hãy chia nhỏ tệp."))


def _oversized(info: zipfile.ZipInfo) -> bool:
    if info.file_size > MAX_PART_BYTES:
        return True
    big = info.file_size > 1024 * 1024
    return big and info.file_size > MAX_PART_RATIO * max(info.compress_size, 1)


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


@dataclass
class Table:
    """The data rows under the header row of the chosen sheet."""

    header_row: int
    positions: dict[str, int]  # column key → 0-based index in the sheet's rows
    estimated_rows: int
    rows: Iterator[tuple[Any, ...]]
    workbook: Any = field(repr=False)

    def close(self) -> None:
        self.workbook.close()


def open_table(
    source: IO[bytes] | str,
    columns: list[Column],
    problems: Problems,
    guide: str,
    max_rows: int = MAX_ROWS,
) -> Table | None:
    """Open the workbook read-only and find the header row; None (with problems) if it cannot."""
    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged file
        problems.file(_("Không đọc được tệp .xlsx (tệp bị hỏng hoặc không đúng định dạng)."))
        return None
    known = _known_headers(columns)
    for sheet in workbook.worksheets:
        if header_key(sheet.title) == header_key(guide):
            continue
        # The size a sheet declares (<dimension>) is not trusted: a file declaring 2 rows of 6
        # would otherwise be read as 2 rows of 6, whatever it holds.
        sheet.reset_dimensions()
        found = _find_header(sheet, known)
        if found is None:
            continue
        header_row, header = found
        positions = _positions(header, known, header_row, problems)
        missing = [c.name for c in columns if c.spec.required and c.key not in positions]
        for name in missing:
            problems.file(
                _("Thiếu cột «%(column)s» (dòng tiêu đề là dòng %(row)s).")
                % {"column": name, "row": header_row}
            )
        if problems:
            workbook.close()
            return None
        estimated = max((sheet.max_row or _count_rows(sheet)) - header_row, 0)
        if estimated > max_rows:
            problems.file(
                _("Tệp có quá nhiều dòng (%(n)s); tối đa %(max)s dòng mỗi lần nhập.")
                % {"n": estimated, "max": max_rows}
            )
            workbook.close()
            return None
        rows = within_time(
            until_signature(sheet.iter_rows(min_row=header_row + 1, values_only=True))
        )
        return Table(header_row, positions, estimated, rows, workbook)
    workbook.close()
    names = ", ".join(f"«{c.name}»" for c in columns if c.spec.required)
    problems.file(
        _("Không tìm thấy dòng tiêu đề với các cột %(names)s trong %(n)s dòng đầu.")
        % {"names": names, "n": HEADER_SEARCH_ROWS}
    )
    return None


def within_time(
    rows: Iterator[tuple[Any, ...]], seconds: float = MAX_READ_SECONDS
) -> Iterator[tuple[Any, ...]]:
    """The rows, refused whole (InvalidData) if reading them takes longer than `seconds`."""
    deadline = time.monotonic() + seconds
    for number, row in enumerate(rows):
        if number % 1000 == 0 and time.monotonic() > deadline:
            raise InvalidData(
                _("Đọc tệp quá %(n)s giây; tệp quá lớn hoặc quá phức tạp, hãy chia nhỏ tệp.")
                % {"n": int(seconds)}
            )
        yield row


def until_signature(rows: Iterator[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    """The data rows, up to the signature block under the table (the place and date, "Người lập
    biểu", "Thủ trưởng đơn vị"…): its first line has only such texts, and nothing under it is
    data (the signers' names, notes)."""
    for cells in rows:
        if is_signature_line(cells):
            return
        # an empty row in its place keeps the numbering of the rows under it
        yield () if is_numbering_line(cells) else cells


def is_numbering_line(cells: tuple[Any, ...]) -> bool:
    """The line of column numbers many forms carry under their header: 1, 2, 3… or (1), (2)…"""
    numbers = []
    for cell in cells:
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            continue
        text = show(cell).strip("() ")
        if not text.isdigit():
            return False
        numbers.append(int(text))
    return len(numbers) >= 3 and numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def is_signature_line(cells: tuple[Any, ...]) -> bool:
    texts = [c for c in cells if c is not None and not (isinstance(c, str) and not c.strip())]
    if not texts or not all(isinstance(c, str) for c in texts):
        return False
    return all(_is_signature_text(c) for c in texts)


def _is_signature_text(text: str) -> bool:
    if _SIGNATURE.search(_plain(text)):
        return True
    return not text.isascii() and bool(_SIGNATURE.search(_plain(readable(text))))  # TCVN3, VNI


def _plain(text: str) -> str:
    return " ".join(unidecode(clean(text)).casefold().split())


def _count_rows(sheet: Any) -> int:
    """The sheet's last row number as its raw XML says (`<row r="N">`), else the number of its
    <row> tags: a fraction of the cost of parsing it, and independent of the size the sheet
    declares. Only an estimate, for the row limit and the progress bar; anything unexpected
    gives 0."""
    try:
        count, last, tail = 0, 0, b""
        with sheet.parent._archive.open(sheet._worksheet_path) as xml:
            while chunk := xml.read(1 << 20):
                data = tail + chunk  # the tail is shorter than '<row ', so nothing counts twice
                count += data.count(b"<row ")
                numbers = _ROW_NUMBER.findall(data)
                if numbers:
                    last = int(numbers[-1])
                tail = data[-4:]
        return max(last, count)
    except Exception:
        return 0


def _known_headers(columns: list[Column]) -> dict[str, Column]:
    known: dict[str, Column] = {}
    for column in columns:
        for text in (column.name, *column.aliases):
            known[header_key(text)] = column
    return known


def _find_header(sheet: Any, known: dict[str, Column]) -> tuple[int, tuple[Any, ...]] | None:
    for number, row in enumerate(
        sheet.iter_rows(min_row=1, max_row=HEADER_SEARCH_ROWS, values_only=True), start=1
    ):
        keys = {known[k].key for k in map(header_key, row) if k in known}
        if len(keys) >= 2:
            return number, row
    return None


def _positions(
    header: tuple[Any, ...], known: dict[str, Column], header_row: int, problems: Problems
) -> dict[str, int]:
    positions: dict[str, int] = {}
    for index, value in enumerate(header):
        column = known.get(header_key(value))
        if column is None:
            continue
        if column.key in positions:
            problems.file(
                _("Cột «%(column)s» xuất hiện hai lần (cột %(a)s và cột %(b)s, dòng %(row)s).")
                % {
                    "column": column.name,
                    "a": get_column_letter(positions[column.key] + 1),
                    "b": get_column_letter(index + 1),
                    "row": header_row,
                }
            )
            continue
        positions[column.key] = index
    return positions


class Row:
    """One data row: typed readers that record a problem and return None on a bad cell."""

    def __init__(
        self,
        number: int,
        cells: tuple[Any, ...],
        positions: dict[str, int],
        names: dict[str, str],
        problems: Problems,
    ) -> None:
        self.number = number
        self.names = names
        self.problems = problems
        self.raw = {
            key: cells[index] if index < len(cells) else None for key, index in positions.items()
        }
        self.failed = False

    def is_empty(self) -> bool:
        return all(v is None or (isinstance(v, str) and not v.strip()) for v in self.raw.values())

    def error(self, key: str, message: str) -> None:
        self.failed = True
        self.problems.cell(self.number, self.names[key], message)

    def present(self, key: str) -> bool:
        value = self.raw.get(key)
        return value is not None and not (isinstance(value, str) and not value.strip())

    def require(self, key: str) -> bool:
        if self.present(key):
            return True
        self.error(key, _("không được để trống."))
        return False

    def text(self, key: str, *, required: bool = False, max_length: int = 200) -> str:
        if not self.present(key):
            if required:
                self.require(key)
            return ""
        value = self.raw[key]
        if isinstance(value, int | float):
            text = show(value)
        else:
            try:
                text = clean(to_unicode(str(value)).text)
            except LegacyEncodingError:
                self.error(key, legacy_message(str(value)))
                return ""
        if len(text) > max_length:
            self.error(key, _("dài quá %(max)s ký tự.") % {"max": max_length})
            return ""
        return text

    def date(
        self, key: str, *, required: bool = False, not_after: dt.date | None = None
    ) -> dt.date | None:
        if not self.present(key):
            if required:
                self.require(key)
            return None
        value = self.raw[key]
        parsed = parse_date(value)
        if parsed is None or parsed.year < 1900:
            self.error(
                key,
                _("«%(value)s» không phải là ngày hợp lệ (dd/mm/yyyy).") % {"value": show(value)},
            )
            return None
        if not_after is not None and parsed > not_after:
            self.error(key, _("«%(value)s» là ngày trong tương lai.") % {"value": show(value)})
            return None
        return parsed

    def year(self, key: str, *, required: bool = False) -> int | None:
        if not self.present(key):
            if required:
                self.require(key)
            return None
        value = self.raw[key]
        text = show(value)
        if not (text.isdigit() and len(text) == 4 and 1945 <= int(text) <= 2100):
            self.error(
                key,
                _("«%(value)s» không phải là năm hợp lệ (4 chữ số, ví dụ 2024).") % {"value": text},
            )
            return None
        return int(text)

    def choice(
        self, key: str, mapping: dict[str, str], hint: str, *, required: bool = False
    ) -> str | None:
        if not self.present(key):
            if required:
                self.require(key)
            return None
        value = self.raw[key]
        if isinstance(value, str):
            value = readable(value)
        code = mapping.get(choice_key(value)) or mapping.get(choice_key(unidecode(show(value))))
        if code is None:
            self.error(
                key,
                _("«%(value)s» không phải là giá trị được chấp nhận (%(hint)s).")
                % {"value": show(value), "hint": hint},
            )
        return code

    def citizen_id(self, key: str) -> str | None:
        if not self.present(key):
            return None
        value = self.raw[key]
        if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
            # Typed as a number, Excel dropped the leading zeros of the province code.
            text = str(int(value)).zfill(12)
        else:
            text = re.sub(r"[\s.]", "", clean(str(value)))
        if not (len(text) == 12 and text.isdigit()):
            self.error(
                key,
                _("«%(value)s» không phải là số CCCD hợp lệ (đúng 12 chữ số).")
                % {"value": show(value)},
            )
            return None
        return text


def legacy_message(value: str) -> str:
    return _(
        "«%(value)s» được gõ bằng bảng mã cũ (TCVN3 – .VnTime hoặc VNI) và không chuyển được "
        "sang Unicode; hãy chuyển mã tệp sang Unicode (ví dụ bằng công cụ chuyển mã của Unikey) "
        "rồi nhập lại."
    ) % {"value": clean(value)[:60]}


def parse_date(value: Any) -> dt.date | None:
    """An Excel date, or text written dd/mm/yyyy (also d/m/yyyy, dd.mm.yyyy, dd-mm-yyyy) or
    yyyy-mm-dd. Numbers are refused: a bare number is more often a typing slip than a date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = clean(value)
    match = _DATE_TEXT.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
    else:
        match = _ISO_DATE_TEXT.match(text)
        if not match:
            return None
        year, month, day = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
