"""The small demo sector, built once for a test module and rolled back after it; pages parsed
into the figures they show."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import lxml.html
from django.test import Client

from tdkt.accounts.models import User


def client_for(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


@dataclass(frozen=True)
class Figure:
    n: int
    url: str


class Page:
    """A dashboard as its reader sees it: tables of linked figures."""

    def __init__(self, content: bytes) -> None:
        self.doc = lxml.html.fromstring(content.decode())

    def table(self, table_id: str) -> Any:
        [table] = self.doc.xpath(f'//table[@id="{table_id}"]')
        return table

    def figure(self, table_id: str, row: str, col: str) -> Figure:
        [link] = self.table(table_id).xpath(
            f'.//tr[@data-row="{row}"]/td[@data-col="{col}"]/a[@data-figure]'
        )
        return _figure(link)

    def figures(self, table_id: str) -> list[Figure]:
        return [_figure(a) for a in self.table(table_id).xpath(".//a[@data-figure]")]

    def share(self, year: int, kind: str) -> tuple[Figure, Figure]:
        cell = self.table("bang-ty-le").xpath(
            f'.//tr[@data-year="{year}"]/td[@data-share="{kind}"]'
        )
        part = cell[0].xpath('.//a[@data-col="part"]')[0]
        whole = cell[0].xpath('.//a[@data-col="whole"]')[0]
        return _figure(part), _figure(whole)

    def row_figures(self, table_id: str, **attrs: Any) -> dict[str, Figure]:
        condition = " and ".join(f'@data-{k}="{v}"' for k, v in attrs.items())
        [row] = self.table(table_id).xpath(f".//tr[{condition}]")
        return {a.get("data-col"): _figure(a) for a in row.xpath(".//a[@data-figure]")}

    def text(self) -> str:
        return " ".join(self.doc.text_content().split())


def _figure(link: Any) -> Figure:
    return Figure(int(link.get("data-figure")), link.get("href"))


def listed(client: Client, url: str) -> int:
    """How many lines the list behind a figure shows (ledger or registrations)."""
    response = client.get(url)
    assert response.status_code == 200, url
    doc = lxml.html.fromstring(response.content.decode())
    counted = doc.xpath('//*[@id="active-filters"]//*[@data-count]')
    if counted:
        return int(counted[0].get("data-count"))
    found = re.search(r"([\d.]+) dòng", doc.text_content())
    assert found, url
    return int(found.group(1).replace(".", ""))
