"""Shared helpers of the bench scripts: where the corpus is, how its files become Articles.

The corpus (../shared/corpus/de-news) carries a non-commercial licence and is never copied into this
repository; a benchmark without it explains and exits 0.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "de-news"
GOLD = ROOT / "bench" / "gold"

sys.path.insert(0, str(ROOT))

from digest.extract import extract  # noqa: E402
from digest.models import Article, RawItem  # noqa: E402


def require_corpus() -> Path:
    """The corpus folder, or exit with an explanation when ../shared is not beside the repo."""
    if not CORPUS.is_dir():
        print(
            f"skipped: the corpus is not there ({CORPUS}); it comes with ../shared", file=sys.stderr
        )
        raise SystemExit(0)
    return CORPUS


def corpus_files() -> list[Path]:
    """Every article of the corpus (wn-*.txt and the seed), in name order."""
    return sorted(p for p in require_corpus().glob("*.txt"))


def read_article(path: Path) -> Article:
    """A corpus file as the pipeline would see it: `wn-*` files have their title on line 1."""
    text = path.read_text(encoding="utf-8")
    title: str | None = None
    if path.name.startswith("wn-"):
        title, _, text = text.partition("\n")
    raw = RawItem(source="de-news", key=path.stem, url=None, title=title, body=text, language=None)
    return extract(raw)


def body_paragraphs(path: Path) -> list[tuple[int, str]]:
    """(offset, text) of each paragraph of a file's body as it stands in the file (title skipped).

    wn-* files separate paragraphs by blank lines; the seed has one paragraph per line.
    """
    import re

    text = path.read_text(encoding="utf-8")
    start = text.index("\n") + 1 if path.name.startswith("wn-") else 0
    separator = r"\n\s*\n" if path.name.startswith("wn-") else r"\n"
    paragraphs = []
    position = start
    for match in re.finditer(separator, text[start:] + "\n\n"):
        end = start + match.start()
        if text[position:end].strip():
            paragraphs.append((position, text[position:end]))
        position = start + match.end()
    return paragraphs
