"""Benchmark: article extraction per page on the 24 real news pages, beside trafilatura alone.

    .venv/bin/python bench/page_extract.py [--rounds 3] [--json]

Reads every page of ../shared/corpus/real-pages/ (never copied into the repo; without ../shared the
script explains and exits 0) and times, best of --rounds per page:

- digest's extractor, `sources.article_html.read_page`: the bad-page checks, decoding, one parse,
  the page's metadata (with htmldate when the page names no date), trafilatura, the page chrome
  rules and the sanitiser — everything between the bytes and the RawItem's body;
- trafilatura.extract alone with the same settings on the decoded page (the baseline:
  `article_html.trafilatura_article`, which the extractor calls);
- fetching the same bytes from a real HTTP server on 127.0.0.1 with digest's Fetcher (a lower
  bound for a fetch: no network, no latency; a news page over the internet takes 100–1000 ms).

Prints the median and the worst page of each, and per page the extraction's time over the fetch's
(median and worst ratio; figures depend on the machine, 2 shared cores here).

Then how complete the extracted article is: the strings that expectations.json says belong to each
page's article (`must_contain`), looked up in what the reducer receives (extract.extract of the
RawItem: its paragraphs, and its subheadings), for the development pages and the held-out ones
(every 4th page by name). A string that is missing is told apart by where it is: a subheading,
reader comments on the page (left out on purpose: not the story), not plain text (trafilatura's own
test strings in its Markdown output, "**…**\\n"), or lost by the extractor.

Then the page chrome rules' false alarms: every article of ../shared/corpus/de-news and
wikinews-train (clean article text, no page around it) goes through the rules as HTML paragraphs,
and the paragraphs they would remove are counted (and listed with -v).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
PAGES = CORPUS / "real-pages"
sys.path.insert(0, str(ROOT))

from digest.sources.article_html import (  # noqa: E402
    NoArticle,
    decode_page,
    read_page,
    trafilatura_article,
)
from digest.sources.fetch import PAGE_ACCEPT, Fetcher  # noqa: E402
from tests.feedserver import FeedServer, Reply  # noqa: E402


def best(rounds: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def extract(content: bytes, name: str) -> object:
    """read_page; a page it finds no article in is timed as well (the work was done)."""
    try:
        return read_page(content, name)
    except NoArticle as err:
        return err


def held_out(names: list[str]) -> set[str]:
    """Every 4th page in name order: kept apart before any tuning (README, "Feeds and pages")."""
    return set(sorted(names)[3::4])


def article_strings(pages: dict[str, bytes], verbose: bool) -> list[str]:
    """Lines of the article-strings completeness check (development and held-out pages)."""
    from digest.extract import extract
    from digest.report import RunReport
    from digest.sources.htmlfile import read_html_file
    from digest.sources.textfile import TextFileConfig

    expectations = json.loads((PAGES / "expectations.json").read_text(encoding="utf-8"))
    held = held_out(list(pages))
    counts = {part: {"strings": 0, "paragraphs": 0, "article": 0} for part in ("dev", "held")}
    missing: list[str] = []
    for name in pages:
        wanted = expectations.get(name, {}).get("must_contain", [])
        path = PAGES / f"{name}.html"
        items = read_html_file(path, TextFileConfig(name="p", path=path), RunReport())
        article = extract(items[0]) if items else None
        paragraphs = " ".join(" ".join(article.paragraphs).split()) if article else ""
        headings = " ".join(" ".join(article.subheadings).split()) if article else ""
        part = counts["held" if name in held else "dev"]
        for text in wanted:
            wanted_text = " ".join(text.split())
            part["strings"] += 1
            part["paragraphs"] += wanted_text in paragraphs
            part["article"] += wanted_text in paragraphs or wanted_text in headings
            if wanted_text not in paragraphs:
                where = "a subheading" if wanted_text in headings else where_on_page(name, text)
                missing.append(f"  {name}: {text[:60]!r}: {where}")
    lines = []
    for part, label in (("dev", "development"), ("held", "held out")):
        c = counts[part]
        lines.append(
            f"article strings, {label} ({len(held) if part == 'held' else len(pages) - len(held)}"
            f" pages): {c['paragraphs']}/{c['strings']} in the paragraphs, "
            f"{c['article']}/{c['strings']} with the subheadings"
        )
    kinds = [m.rsplit(": ", 1)[1] for m in missing]
    lines.append(
        "missing from the paragraphs: "
        + ", ".join(f"{kinds.count(k)} {k}" for k in dict.fromkeys(kinds))
    )
    return lines + (missing if verbose else [])


def where_on_page(name: str, text: str) -> str:
    """Why a string of the page's article is not in the extracted one."""
    from lxml.html import fromstring

    from digest.sources.article_html import decode_page

    if "**" in text or "\\n" in text:
        return "not plain text"
    html = decode_page((PAGES / f"{name}.html").read_bytes(), None)[0]
    tree = fromstring(html.encode("utf-8"))
    holders = [e for e in tree.iter() if isinstance(e.tag, str) and text in e.text_content()]
    if not holders:
        return "lost by the extractor"
    for element in holders[-1].iterancestors():
        names = f"{element.get('id', '')} {element.get('class', '')}".lower()
        if "comment" in names:
            return "in the reader comments"
    return "lost by the extractor"


def clean_articles() -> list[list[str]]:
    """The paragraphs of every article of the two text corpora (those that are there)."""
    from digest.extract import split_paragraphs

    articles = [
        split_paragraphs(p.read_text(encoding="utf-8"))[1:]  # the first line is the title
        for p in sorted((CORPUS / "de-news").glob("*.txt"))
    ]
    train = CORPUS / "wikinews-train" / "train.jsonl"
    if train.is_file():
        with train.open(encoding="utf-8") as lines:
            articles += [split_paragraphs(json.loads(line).get("text") or "") for line in lines]
    return [a for a in articles if a]


def false_alarms(articles: list[list[str]]) -> list[str]:
    """The paragraphs of clean articles that the page chrome rules would remove."""
    from html import escape

    from lxml.html import fromstring

    from digest.sources.page_chrome import remove_chrome

    removed = []
    for paragraphs in articles:
        body = fromstring("<div>" + "".join(f"<p>{escape(p)}</p>" for p in paragraphs) + "</div>")
        remove_chrome(body)
        kept = {" ".join(e.text_content().split()) for e in body.iter("p")}
        removed += [p for p in paragraphs if " ".join(p.split()) not in kept]
    return removed


def summary(label: str, times: dict[str, float]) -> str:
    worst = max(times, key=times.__getitem__)
    median = statistics.median(times.values())
    return f"{label:<28} median {median * 1000:6.1f} ms   worst {times[worst] * 1000:6.1f} ms ({worst})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "-v",
        action="store_true",
        help="list the missing strings and the paragraphs the rules remove",
    )
    parser.add_argument(
        "--json", action="store_true", help="one JSON line of rows for bench/run.py"
    )
    args = parser.parse_args()
    if not PAGES.is_dir():
        print(
            f"skipped: the pages are not there ({PAGES}); they come with ../shared", file=sys.stderr
        )
        raise SystemExit(0)
    pages = {p.stem: p.read_bytes() for p in sorted(PAGES.glob("*.html"))}
    extract(pages[next(iter(pages))], "warm-up")  # imports trafilatura, compiles the rules
    ours, alone, fetch = {}, {}, {}
    with FeedServer() as server, Fetcher() as fetcher:
        for name, content in pages.items():
            url = server.route(
                f"/{name}", Reply(body=content, headers={"Content-Type": "text/html"})
            )
            html = decode_page(content, None)[0]
            ours[name] = best(args.rounds, lambda c=content, n=name: extract(c, n))  # type: ignore[misc]
            alone[name] = best(args.rounds, lambda h=html: trafilatura_article(h, None))  # type: ignore[misc]
            fetch[name] = best(args.rounds, lambda u=url: fetcher.get(u, accept=PAGE_ACCEPT))  # type: ignore[misc]
    median_ours, median_alone = statistics.median(ours.values()), statistics.median(alone.values())
    over_fetch = {name: ours[name] / fetch[name] for name in pages}
    worst_ratio = max(over_fetch, key=over_fetch.__getitem__)
    lines = [
        f"{len(pages)} pages, {sum(map(len, pages.values())) / 1e6:.1f} MB, best of {args.rounds}",
        summary("digest read_page", ours),
        summary("trafilatura.extract alone", alone),
        summary("fetch from 127.0.0.1", fetch),
        f"digest / trafilatura alone (median): {median_ours / median_alone:.2f}",
        f"extraction / fetch from 127.0.0.1 per page: median {statistics.median(over_fetch.values()):.1f}×,"
        f" worst {over_fetch[worst_ratio]:.1f}× ({worst_ratio}); extraction the larger cost on"
        f" {sum(r > 1 for r in over_fetch.values())} of {len(pages)} pages",
    ]
    strings = article_strings(pages, args.v)
    lines += strings
    articles = clean_articles()
    removed = false_alarms(articles)
    total = sum(map(len, articles))
    lines.append(
        f"chrome rules on {len(articles)} clean articles: {len(removed)} of {total:,} paragraphs removed"
    )
    if args.v:
        lines += [f"  removed: {p[:120]!r}" for p in removed]
    if args.json:
        worst = max(ours.values())
        print(
            json.dumps(
                [
                    {
                        "benchmark": f"page extraction ({len(pages)} real pages)",
                        "ours": f"median {median_ours * 1000:.0f} ms, worst {worst * 1000:.0f} ms",
                        "baseline": f"trafilatura alone: median {median_alone * 1000:.0f} ms",
                        "ratio": f"{median_ours / median_alone:.2f}",
                    },
                    {
                        "benchmark": "page extraction vs its fetch (from 127.0.0.1)",
                        "ours": f"median {statistics.median(ours.values()) * 1000:.0f} ms",
                        "baseline": f"fetch: median {statistics.median(fetch.values()) * 1000:.1f} ms",
                        "ratio": f"{statistics.median(over_fetch.values()):.1f} per page (median)",
                    },
                    {
                        "benchmark": "article strings in the extracted text",
                        "ours": "; ".join(strings[:2]),
                        "baseline": "–",
                        "ratio": strings[2],
                    },
                    {
                        "benchmark": f"page chrome rules on {len(articles)} clean articles",
                        "ours": f"{len(removed)} of {total:,} paragraphs removed",
                        "baseline": "–",
                        "ratio": "false alarms (-v lists them)",
                    },
                ]
            )
        )
    else:
        print("\n".join(lines))


if __name__ == "__main__":
    main()
