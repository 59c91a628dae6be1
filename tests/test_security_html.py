"""Issue 20 (4): deeply nested or huge HTML in a feed entry is bounded before the sanitiser.

Sanitising took time growing with the square of the nesting depth (150,000 unclosed <div> in one
entry: over a minute). These tests check the bound itself (output depth, a warning naming the feed
and the entry), not the time; bench/nested_html.py measures the time.
"""

from __future__ import annotations

from digest.report import RunReport
from digest.sources import collect
from digest.sources.feed import parse_feed
from digest.sources.sanitise import MAX_DEPTH, MAX_HTML_CHARS, bound_html, clean_html

from .test_sources_feed import make_config

DEEP = "<div>" * 150_000 + "<p>Der Text am Ende.</p>"


def depth(html: str) -> int:
    deepest = level = 0
    for piece in html.split("<")[1:]:
        if piece.startswith("/"):
            level -= 1
        elif not piece.startswith(("br", "hr")):
            level += 1
            deepest = max(deepest, level)
    return deepest


def test_150000_unclosed_divs_are_cut_to_the_depth_limit():
    problems: list[str] = []
    cleaned = clean_html(DEEP, problems=problems)
    assert depth(cleaned) <= MAX_DEPTH + 1
    assert "Der Text am Ende." not in cleaned  # past the size limit: the cut is at 500,000
    assert len(problems) == 1 and f"nested deeper than {MAX_DEPTH}" in problems[0]
    shallow_but_deep = "<div>" * 5_000 + "<p>Der Text am Ende.</p>"
    cleaned = clean_html(shallow_but_deep)
    assert "Der Text am Ende." in cleaned and depth(cleaned) <= MAX_DEPTH + 1


def test_ordinary_html_is_left_as_it_is():
    html = (
        "<article>"
        + "<section><h2>T</h2><p>Ein <b>Satz</b>.<br></p></section>" * 2000
        + "</article>"
    )
    assert bound_html(html) == (html, None)
    long_text = "<p>" + "Wort " * (MAX_HTML_CHARS // 5) + "</p>"
    cut, problem = bound_html(long_text)
    assert len(cut) == MAX_HTML_CHARS and problem == f"longer than {MAX_HTML_CHARS:,} characters"


def test_a_feed_entry_with_deep_html_is_a_warning_naming_feed_and_entry(tmp_path):
    (tmp_path / "deep.xml").write_text(
        '<rss version="2.0"><channel><title>D</title>'
        "<item><title>Tief verschachtelt</title><link>https://example.org/tief</link>"
        f"<description><![CDATA[{'<div>' * 5_000}<p>Die Nachricht steht hier.</p>]]></description></item>"
        "<item><title>Normal</title><link>https://example.org/normal</link>"
        "<description>Ein gewöhnlicher Text.</description></item></channel></rss>",
        encoding="utf-8",
    )
    report = RunReport()
    source = {"name": "Tief", "type": "feed", "path": str(tmp_path / "deep.xml")}
    items = collect(make_config(tmp_path, source), report)
    assert [i.title for i in items] == ["Tief verschachtelt", "Normal"]
    assert "Die Nachricht steht hier." in items[0].body and depth(items[0].body) <= MAX_DEPTH + 1
    assert len(report.warnings) == 1
    assert report.warnings[0].startswith(
        f"feed 'Tief' ({tmp_path / 'deep.xml'}): entry 'Tief verschachtelt': its HTML is nested "
        f"deeper than {MAX_DEPTH} elements ("
    )


def test_a_feed_past_its_time_budget_leaves_the_rest_out_with_a_note():
    data = (
        '<rss version="2.0"><channel><title>B</title>'
        + "".join(
            f"<item><title>E{i}</title><description>T{i}.</description></item>" for i in range(3)
        )
        + "</channel></rss>"
    ).encode()
    parsed = parse_feed(data, url=None, budget=-1.0)
    assert parsed.entries == ()
    assert parsed.notes == ("time budget of -1 s used up: 3 entries left out",)
    assert len(parse_feed(data, url=None).entries) == 3
