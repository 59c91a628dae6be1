"""The email's HTML as the preview frames it: colour scheme decided, links opening in a new tab.

A browser applies an email's `@media (prefers-color-scheme: dark)` block only when the operating
system is dark. The preview's light/dark toggle must work regardless, so the framed copy has each
`prefers-color-scheme` condition replaced by one that is always true (the chosen scheme) or never
true (the other), and `color-scheme` pinned to the choice. Nothing else changes: no script is
added (the reload script lives in the preview page only), and the lint runs on the original.
"""

from __future__ import annotations

import re
from typing import Literal

Scheme = Literal["light", "dark"]
SCHEMES: tuple[Scheme, ...] = ("light", "dark")

_SCHEME_QUERY = re.compile(r"\(\s*prefers-color-scheme\s*:\s*(light|dark)\s*\)", re.I)
_ALWAYS = "(min-width: 0px)"  # valid wherever a media feature is, and true in any frame
_NEVER = "(max-width: -1px)"  # false in any frame (or invalid, which makes the query false too)
_HEAD_END = re.compile(r"</head\s*>", re.I)


def for_scheme(html: str, scheme: Scheme) -> str:
    """The email as a client in `scheme` shows it (for clients that honour the email's dark CSS)."""
    decided = _SCHEME_QUERY.sub(
        lambda match: _ALWAYS if match.group(1).lower() == scheme else _NEVER, html
    )
    # <base target> makes links open in a new tab instead of replacing the sandboxed frame.
    additions = (
        f'<style data-preview="scheme">:root {{ color-scheme: {scheme} !important; }}</style>'
        '<base target="_blank">'
    )
    head_end = _HEAD_END.search(decided)
    if head_end is None:
        return additions + decided
    return decided[: head_end.start()] + additions + decided[head_end.start() :]
