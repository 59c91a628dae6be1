"""HTML fragment → readable text: blocks separated by blank lines, headings marked '# '.

Below the stages: sources use it to tell whether an entry carries any text (and to key entries
without a link), extract to turn an item's HTML into paragraphs.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser


class _TextCollector(HTMLParser):
    """HTML → text with paragraph breaks at block elements; scripts and styles dropped."""

    BLOCKS = frozenset(
        [
            "p",
            "div",
            "br",
            "li",
            "ul",
            "ol",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "blockquote",
            "section",
            "article",
            "header",
            "footer",
            "tr",
            "table",
        ]
    )
    HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
    SKIP = frozenset(["script", "style", "noscript", "template", "iframe", "object", "svg", "head"])

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n" + ("# " if tag in self.HEADINGS else ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data.replace("\n", " "))


def html_to_text(html: str) -> str:
    """Readable text of an HTML fragment, blocks separated by blank lines, headings marked '# '."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    text = "".join(collector.parts)
    return re.sub(r"\n[ \t]*(?:\n[ \t]*)+", "\n\n", text).strip()
