"""The small demo sector, built once per test module and rolled back after it; the produced
.docx and .xlsx opened back into the cells they show; private media in a temporary folder."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from docx import Document
from openpyxl import load_workbook

from tdkt.accounts.models import User

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = FAST_HASHER


def client_for(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


# --- reading the files back ----------------------------------------------------------------------


def docx_tables(content: bytes) -> list[list[list[str]]]:
    """Every table of a .docx as rows of cell texts (the header table first)."""
    document = Document(io.BytesIO(content))
    return [[[c.text for c in row.cells] for row in table.rows] for table in document.tables]


def docx_table(content: bytes, *header: str, index: int = 0) -> list[list[str]]:
    """The `index`-th table whose header row starts with `header`."""
    found = [t for t in docx_tables(content) if t and t[0][: len(header)] == list(header)]
    return found[index]


def docx_paragraphs(content: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(content)).paragraphs]


def number(text: str) -> int:
    """ "1.234" → 1234, "+2" → 2, "-3" → -3."""
    return int(text.replace(".", "").replace("+", ""))


def row_of(table: list[list[str]], label: str) -> list[str]:
    [row] = [r for r in table if r[0] == label]
    return row


def xlsx_rows(content: bytes, sheet: str, first_header: str) -> tuple[list[str], list[list[Any]]]:
    """A sheet's header row (found by its first cell) and the rows under it."""
    workbook = load_workbook(io.BytesIO(content))
    rows = [list(r) for r in workbook[sheet].iter_rows(values_only=True)]
    start = next(i for i, r in enumerate(rows) if r and r[0] == first_header)
    body = [r for r in rows[start + 1 :] if any(v is not None for v in r)]
    return rows[start], body


def xlsx_sheets(content: bytes) -> list[str]:
    return load_workbook(io.BytesIO(content), read_only=True).sheetnames
