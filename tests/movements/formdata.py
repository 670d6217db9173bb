"""What a browser would post back from a page's first POST form, left exactly as it was shown."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any


class _Form(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, list[str]]] = []
        self.data: dict[str, list[str]] = {}
        self.inside = False
        self.select: str | None = None
        self.options: list[tuple[str, bool]] = []
        self.textarea: str | None = None
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "").lower() == "post":
            self.inside, self.data = True, {}
        if not self.inside or ("name" not in a and tag != "option"):
            return
        if tag == "input":
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "button"):
                blank = "on" if kind in ("checkbox", "radio") else ""
                self.data.setdefault(a["name"], []).append(a.get("value", blank))
        elif tag == "select":
            self.select, self.options = a["name"], []
        elif tag == "option" and self.select is not None:
            self.options.append((a.get("value", ""), "selected" in a))
        elif tag == "textarea":
            self.textarea, self.text = a["name"], ""

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self.select is not None:
            chosen = [v for v, s in self.options if s] or [v for v, _s in self.options[:1]]
            self.data.setdefault(self.select, []).extend(chosen)
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.data.setdefault(self.textarea, []).append(self.text.removeprefix("\n"))
            self.textarea = None
        elif tag == "form" and self.inside:
            self.inside = False
            self.forms.append(self.data)


def form_data(html: str, containing: str) -> dict[str, Any]:
    """The POST form of the page that has a field named `containing`."""
    parser = _Form()
    parser.feed(html)
    data = next(f for f in parser.forms if containing in f)
    return {k: v if len(v) > 1 else v[0] for k, v in data.items()}
