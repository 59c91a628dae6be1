"""Per-recipient personalisation by safe substitution into an already rendered and inlined edition.

An edition is rendered and CSS-inlined once; each recipient's copy only replaces the markers below.
Markers are plain ASCII that survive Jinja autoescaping and premailer untouched; values are escaped
for HTML before they go in, so a recipient's name cannot inject markup.

Each edition's markers carry a random key (`secrets.token_hex`, 128 bits) drawn when it is rendered
and kept with the stored edition, so text from a feed cannot hold a marker and have every reader's
unsubscribe URL and name put into a link of its own; sanitising also removes anything that looks
like a marker from untrusted text (lines.without_markers).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from urllib.parse import quote

from ..models import Rendered
from ..render.markers import (
    MARKERS,
    NAME_SUFFIX,
    UNSUBSCRIBE_URL,
    Markers,
    markers,
    new_marker_key,
)

__all__ = [
    "MARKERS",
    "NAME_SUFFIX",
    "UNSUBSCRIBE_URL",
    "Markers",
    "Personal",
    "markers",
    "new_marker_key",
    "personalise",
    "unsubscribe_url",
]


@dataclass(frozen=True)
class Personal:
    """What differs between recipients' copies of one edition."""

    unsubscribe_url: str
    name: str = ""


def unsubscribe_url(template: str, token: str) -> str:
    """The unsubscribe URL for one recipient: `{token}` in the template, URL-quoted."""
    return template.replace("{token}", quote(token, safe=""))


def personalise(rendered: Rendered, personal: Personal) -> Rendered:
    """Replace the markers in both parts (escaped for HTML in the HTML part)."""
    name = " ".join(personal.name.split())  # no line breaks or tabs from a CSV field
    suffix = f", {name}" if name else ""
    marks = markers(rendered.marker_key)
    html_values = {
        marks.unsubscribe_url: html.escape(personal.unsubscribe_url, quote=True),
        marks.name_suffix: html.escape(suffix, quote=True),
    }
    text_values = {marks.unsubscribe_url: personal.unsubscribe_url, marks.name_suffix: suffix}
    return Rendered(
        subject=rendered.subject,
        preheader=rendered.preheader,
        html=_substitute(rendered.html, html_values),
        text=_substitute(rendered.text, text_values),
    )


def _substitute(body: str, values: dict[str, str]) -> str:
    for marker, value in values.items():
        body = body.replace(marker, value)
    return body
