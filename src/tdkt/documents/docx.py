"""Official documents (.docx) in the Vietnamese administrative format (Nghị định 30/2020/NĐ-CP).

`render` builds the whole document with python-docx, so there is no binary template to keep in
step: A4 with margins 20/20/30/15 mm, Times New Roman; the two-column header (the superior body
above the issuing body, with "Số: 1854/KH-VKS" under it; the national motto with the place and
date under it), the kind and title of the document, numbered sections (with tables where needed),
the signature block and "Nơi nhận:". The file opens and edits normally in Word and LibreOffice.

Plans, reports, decisions and minutes of every workflow are `AdminDocument`s; `plain_text` reads a
rendered file back (tests assert on it).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from copy import deepcopy
from dataclasses import dataclass, field
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT = "Times New Roman"
MOTTO_COUNTRY = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
BODY_PT = 14
HEADER_PT = 13
RECIPIENT_PT = 11
_LEFT_CM, _RIGHT_CM = 7.0, 9.5  # the header's two columns; 16.5 cm of text width
# Long body names break after these words in the header (the rest goes on the next line).
BREAK_AFTER = ("VIỆN KIỂM SÁT NHÂN DÂN", "TÒA ÁN NHÂN DÂN")
# Elements that follow w:pBdr inside w:pPr (the schema fixes their order; Word is strict about it).
_AFTER_PBDR = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


@dataclass
class Table:
    """A table inside a section: bold header row (repeated on every page), thin borders,
    optional column widths (cm); `bold_rows` (indices into `rows`: subtotals, totals) and
    `right_columns` (figures) are optional."""

    headers: list[str]
    rows: list[list[str]]
    widths_cm: list[float] | None = None
    bold_rows: set[int] = field(default_factory=set)
    right_columns: set[int] = field(default_factory=set)


@dataclass
class Section:
    """A numbered part of the document. `heading` carries its own numbering ("I. MỤC ĐÍCH, YÊU
    CẦU", "1. Mục đích"): the numbering is the author's, as in a typed document. `blocks` are
    paragraphs (a string, one paragraph per line), tables or sub-sections."""

    heading: str = ""
    blocks: list[Block] = field(default_factory=list)


Block = str | Table | Section


@dataclass
class AdminDocument:
    issuer: str  # "Viện kiểm sát nhân dân tỉnh Quảng Bình" (printed in capitals)
    kind: str  # "KẾ HOẠCH", "BÁO CÁO", "QUYẾT ĐỊNH"
    title: str  # the trích yếu under the kind
    superior: str = ""  # the body above the issuer, if any
    number: str = ""  # empty while unnumbered: "Số:      /KH-VKS"
    symbol: str = ""  # "KH-VKS"
    place: str = ""
    date: dt.date | None = None
    body: list[Block] = field(default_factory=list)
    signer_authority: str = ""  # "KT. VIỆN TRƯỞNG", "TM. HỘI ĐỒNG"; empty when the head signs
    signer_title: str = ""  # "PHÓ VIỆN TRƯỞNG"
    signer_name: str = ""
    recipients: list[str] = field(default_factory=list)
    landscape: bool = False  # A4 across, for tables with many columns (25.2 cm of text)


def long_date(day: dt.date) -> str:
    """ "ngày 05 tháng 01 năm 2025": days below 10 and the months January and February take a
    leading zero (Nghị định 30/2020/NĐ-CP, Phụ lục I)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def place_and_date(place: str, day: dt.date | None, year: int | None = None) -> str:
    """ "Quảng Bình, ngày 15 tháng 01 năm 2025"; blanks to fill by hand while undated."""
    when = long_date(day) if day else f"ngày      tháng      năm {year or ''}".rstrip()
    return f"{place}, {when}" if place else when[:1].upper() + when[1:]


def number_line(number: str, symbol: str) -> str:
    """ "Số: 1854/KH-VKS"; "Số:        /KH-VKS" before the number is given."""
    return f"Số: {number or '       '}/{symbol}" if symbol else f"Số: {number}"


def recipient_lines(recipients: Iterable[str]) -> list[str]:
    """ "- Sở Nội vụ;" … "- Lưu: VT, TH." — dashes and the closing punctuation added if missing."""
    items = [r.strip().lstrip("-–").strip().rstrip(";.") for r in recipients if r.strip()]
    items = [r for r in items if r]
    return [f"- {r}{'.' if i == len(items) - 1 else ';'}" for i, r in enumerate(items)]


def render(doc: AdminDocument) -> bytes:
    document = Document()
    _page_setup(document, doc.landscape)
    _header(document, doc)
    _heading(document, doc)
    for block in doc.body:
        _block(document, block, depth=0)
    _signature(document, doc)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def plain_text(content: bytes) -> str:
    """Every paragraph of the document, tables included (cell by cell), one per line."""
    document = Document(io.BytesIO(content))
    lines: list[str] = []

    def walk(container: Any) -> None:
        for child in container.iter_inner_content():
            if isinstance(child, Paragraph):
                lines.append(child.text)
            else:
                for row in child.rows:
                    for cell in row.cells:
                        walk(cell)

    walk(document)
    return "\n".join(lines)


# --- layout --------------------------------------------------------------------------------------


def text_width_cm(doc: AdminDocument) -> float:
    return 25.2 if doc.landscape else 16.5


def _page_setup(document: Any, landscape: bool = False) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)


def _header(document: Any, doc: AdminDocument) -> None:
    table = document.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _widths(table, [_LEFT_CM, _RIGHT_CM])
    _cell_margins(table, 0.05)
    left, right = table.cell(0, 0), table.cell(0, 1)
    first = True
    for line in body_lines(doc.superior):
        _cell_line(left, line, size=HEADER_PT - 1, first=first)
        first = False
    for line in body_lines(doc.issuer):
        _cell_line(left, line, size=HEADER_PT - 1, bold=True, first=first)
        first = False
    _rule(_cell_line(left, "", size=4), width_cm=2.5, column_cm=_LEFT_CM)
    _cell_line(right, MOTTO_COUNTRY, size=HEADER_PT - 1, bold=True, first=True)
    _cell_line(right, MOTTO, size=HEADER_PT, bold=True)
    _rule(_cell_line(right, "", size=4), width_cm=5.0, column_cm=_RIGHT_CM)
    year = doc.date.year if doc.date else None
    _cell_line(table.cell(1, 0), number_line(doc.number, doc.symbol), size=HEADER_PT, first=True)
    _cell_line(
        table.cell(1, 1),
        place_and_date(doc.place, doc.date, year),
        size=BODY_PT,
        italic=True,
        first=True,
    )


def body_lines(name: str) -> list[str]:
    """A body's name as the header prints it: in capitals, on the lines the author broke it into
    ("\n"), else "VIỆN KIỂM SÁT NHÂN DÂN" on its own line above the rest (as seed 002 does)."""
    if not name.strip():
        return []
    if "\n" in name:
        return [line.strip().upper() for line in name.splitlines() if line.strip()]
    upper = name.strip().upper()
    for prefix in BREAK_AFTER:
        if upper.startswith(prefix + " "):
            return [prefix, upper[len(prefix) + 1 :]]
    return [upper]


def _heading(document: Any, doc: AdminDocument) -> None:
    kind = document.add_paragraph()
    kind.alignment = WD_ALIGN_PARAGRAPH.CENTER
    kind.paragraph_format.space_before = Pt(18)
    _run(kind, doc.kind.upper(), bold=True, size=BODY_PT)
    if doc.title:
        title = document.add_paragraph()
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(title, doc.title, bold=True, size=BODY_PT)
    _rule(document.add_paragraph(), width_cm=4.0, column_cm=text_width_cm(doc))
    spacer = document.add_paragraph()
    spacer.paragraph_format.space_after = Pt(6)


def _block(document: Any, block: Block, depth: int) -> None:
    if isinstance(block, Section):
        if block.heading:
            p = document.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            p.paragraph_format.first_line_indent = Cm(0 if depth == 0 else 1)
            p.paragraph_format.space_before = Pt(6)
            p.paragraph_format.space_after = Pt(6)
            p.paragraph_format.keep_with_next = True
            _run(p, block.heading, bold=True, size=BODY_PT)
        for child in block.blocks:
            _block(document, child, depth + 1)
    elif isinstance(block, Table):
        _table(document, block)
    else:
        for line in str(block).splitlines():
            if not line.strip():
                continue
            p = document.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            p.paragraph_format.first_line_indent = Cm(1)
            p.paragraph_format.space_after = Pt(6)
            p.paragraph_format.line_spacing = 1.1
            _run(p, line.strip(), size=BODY_PT)


def _table(document: Any, spec: Table) -> None:
    # The header and one model row go through python-docx; every line of the body is a copy of
    # the model row with its texts set. Formatting cells one by one through python-docx costs
    # about a millisecond each, which makes a list of ten thousand lines take a minute.
    table = document.add_table(rows=2, cols=len(spec.headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    if spec.widths_cm:
        table.autofit = False
        _widths(table, spec.widths_cm)
    header, model = table.rows
    _repeat_header(header)
    for cell, text in zip(header.cells, spec.headers, strict=False):
        _cell_line(cell, text, size=12, bold=True, first=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    models = {bold: _model_row(model, spec, bold) for bold in (False, True)}
    table._tbl.remove(model._tr)
    for r, values in enumerate(spec.rows):
        row = deepcopy(models[r in spec.bold_rows])
        texts = [str(v) for v in values]
        nodes = list(row.iter(qn("w:t")))  # before any line break adds nodes
        for node, text in zip(nodes, texts + [""] * len(spec.headers), strict=False):
            _set_text(node, text)
        table._tbl.append(row)
    after = document.add_paragraph()
    after.paragraph_format.space_after = Pt(6)


def _model_row(row: Any, spec: Table, bold: bool) -> Any:
    """A copy of `row` with one formatted run per cell, to be copied for each line."""
    model = deepcopy(row._tr)
    model.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # a line stays on one page
    cells = [_Cell(tc, row.table) for tc in model.tc_lst]
    for c, cell in enumerate(cells):
        align = WD_ALIGN_PARAGRAPH.RIGHT if c in spec.right_columns else None
        _cell_line(cell, "x", size=12, bold=bold, first=True, align=align)
    return model


def _set_text(node: Any, text: str) -> None:
    """Set a run's text; lines after the first go after line breaks in the same run."""
    first, *rest = text.split("\n")
    node.text = first
    node.set(qn("xml:space"), "preserve")
    for line in reversed(rest):
        following = OxmlElement("w:t")
        following.text = line
        following.set(qn("xml:space"), "preserve")
        node.addnext(following)
        node.addnext(OxmlElement("w:br"))


def _signature(document: Any, doc: AdminDocument) -> None:
    document.add_paragraph()
    table = document.add_table(rows=1, cols=2)
    table.autofit = False
    half = text_width_cm(doc) / 2
    _widths(table, [half - 0.25, half + 0.25])
    left, right = table.cell(0, 0), table.cell(0, 1)
    lines = recipient_lines(doc.recipients)
    if lines:
        _cell_line(left, "Nơi nhận:", size=12, bold=True, italic=True, first=True, align=None)
        for line in lines:
            _cell_line(left, line, size=RECIPIENT_PT, align=None)
    else:
        _cell_line(left, "", size=RECIPIENT_PT, first=True)
    first = True
    for text in (doc.signer_authority, doc.signer_title):
        if text:
            _cell_line(right, text.upper(), size=BODY_PT, bold=True, first=first)
            first = False
    for _ in range(4):
        _cell_line(right, "", size=BODY_PT, first=first)
        first = False
    _cell_line(right, doc.signer_name, size=BODY_PT, bold=True)


# --- small helpers -------------------------------------------------------------------------------


def _run(paragraph: Paragraph, text: str, *, size: int, bold: bool = False, italic: bool = False):
    run = paragraph.add_run(text)
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), FONT)
    return run


def _cell_line(
    cell: _Cell,
    text: str,
    *,
    size: int,
    bold: bool = False,
    italic: bool = False,
    first: bool = False,
    align: Any = WD_ALIGN_PARAGRAPH.CENTER,
) -> Paragraph:
    """A paragraph in a table cell; `first` reuses the empty paragraph every new cell has."""
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    _run(paragraph, text, size=size, bold=bold, italic=italic)
    return paragraph


def _rule(paragraph: Paragraph, *, width_cm: float, column_cm: float) -> None:
    """A short centred horizontal line (the bottom border of an indented empty paragraph)."""
    indent = max((column_cm - width_cm) / 2, 0)
    fmt = paragraph.paragraph_format
    fmt.left_indent = Cm(indent)
    fmt.right_indent = Cm(indent)
    fmt.space_after = Pt(2)
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.insert_element_before(borders, *_AFTER_PBDR)


def _cell_margins(table: Any, cm: float) -> None:
    """Narrow left and right cell margins, so that the motto fits on one line."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        node = OxmlElement(f"w:{side}")
        node.set(qn("w:w"), str(int(cm * 567)))
        node.set(qn("w:type"), "dxa")
        margins.append(node)
    table._tbl.tblPr.insert_element_before(
        margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange"
    )


def _widths(table: Any, widths_cm: list[float]) -> None:
    """Fixed column widths, written both on the grid and on every cell (LibreOffice reads the
    grid, Word the cells)."""
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.insert_element_before(
        layout, "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange"
    )
    for column, width in zip(table.columns, widths_cm, strict=False):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=False):
            cell.width = Cm(width)


def _repeat_header(row: Any) -> None:
    """Repeat the header row at the top of every page the table runs onto."""
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)
