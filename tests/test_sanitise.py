"""Sanitising untrusted HTML, one-line values and links."""

from __future__ import annotations

import pytest

from digest.sources.sanitise import clean_html, clean_link, plain_line, unwrap_redirect


def test_html_keeps_structure_and_drops_everything_active():
    dirty = (
        '<h2 onclick="x()">Titel</h2><p style="color:red">Text <b>fett</b> '
        '<a href="/mehr" onmouseover="y()">mehr</a></p>'
        "<script>alert(1)</script><style>p{}</style><iframe src=//e>i</iframe>"
        '<img src="https://t.example/p.gif" width=1 height=1><svg onload=z()><circle/></svg>'
        '<a href="javascript:alert(2)">js</a><a href="data:text/html,x">data</a><!-- hidden -->'
        '<form action="https://e/"><input name=q></form><object data=x>o</object>'
    )
    clean = clean_html(dirty, "https://news.example.org/feed.xml")
    assert clean == (
        "<h2>Titel</h2><p>Text <b>fett</b> "
        '<a href="https://news.example.org/mehr" rel="noopener noreferrer nofollow">mehr</a></p>'
        '<a rel="noopener noreferrer nofollow">js</a><a rel="noopener noreferrer nofollow">data</a>'
    )


def test_relative_links_without_a_base_are_dropped():
    assert clean_html('<a href="/x">x</a>') == '<a rel="noopener noreferrer nofollow">x</a>'


@pytest.mark.parametrize(
    ("value", "line"),
    [
        ("Rathaus\r\nBcc: a@b.example\r\nX: y", "Rathaus Bcc: a@b.example X: y"),
        ("<b>fett</b> &amp; <script>alert(1)</script>klar", "fett & klar"),
        ("a < b", "a < b"),
        ("Bidi\u202eevil\u200b and\u2028line", "Bidi evil and line"),
        (None, ""),
    ],
)
def test_plain_line(value, line):
    assert plain_line(value) == line


@pytest.mark.parametrize(
    ("link", "base", "clean"),
    [
        (
            "/a/b?id=3&utm_source=rss#top",
            "https://Ex.Example.org/feed",
            "https://ex.example.org/a/b?id=3",
        ),
        ("https://e.example/?fbclid=1&gclid=2", None, "https://e.example/"),
        ("https://e.example/p?x=1&y=2", None, "https://e.example/p?x=1&y=2"),  # untouched
        ("javascript:alert(1)", "https://e.example/", None),
        ("data:text/html,hi", None, None),
        ("mailto:a@b.example", None, None),  # a story link must be a web page
        ("https://e.example/a\r\nb", None, None),
        ('https://e.example/"onmouseover="x', None, "https://e.example/%22onmouseover=%22x"),
        (
            "https://www.google.com/url?sa=t&url=https://e.example/story",
            None,
            "https://e.example/story",
        ),
        (
            "https://l.facebook.com/l.php?u=https%3A%2F%2Fe.example%2Fx&h=1",
            None,
            "https://e.example/x",
        ),
        ("", None, None),
    ],
)
def test_clean_link(link, base, clean):
    assert clean_link(link, base) == clean


def test_a_redirector_path_without_a_target_is_no_redirect():
    assert unwrap_redirect("https://e.example/url?q=not-a-url") is None
    assert unwrap_redirect("https://e.example/news/url-shorteners") is None
