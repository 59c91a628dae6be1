"""The preview page and its panels, rendered from the Jinja2 templates in assets/ (autoescaped).

The page is rendered whole on the first request; afterwards the page script fetches `panels()` as
JSON after each build and swaps them in, so every value is escaped here, on the server.
"""

from __future__ import annotations

import functools
import json
from importlib import resources

import jinja2
from markupsafe import Markup

from .session import Snapshot

PANELS = ("status", "problems", "inbox", "lint", "text", "headers", "edits")
STATIC = {  # name → content type; nothing else under /static/ is served
    "preview.css": "text/css; charset=utf-8",
    "preview.js": "text/javascript; charset=utf-8",
}


@functools.cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("digest.preview", "assets"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def panels(snapshot: Snapshot) -> dict[str, str]:
    """Each panel of the page as HTML, for this snapshot."""
    macros = _environment().get_template("panels.html.j2").module
    return {name: str(getattr(macros, name)(snapshot)) for name in PANELS}


def page(snapshot: Snapshot, server_id: str, token: str) -> str:
    """The whole preview page; `token` authorises its corrections (see server.py)."""
    ready = {name: Markup(html) for name, html in panels(snapshot).items()}  # escaped already
    return (
        _environment()
        .get_template("page.html.j2")
        .render(snapshot=snapshot, panels=ready, server_id=server_id, token=token)
    )


def no_email_page() -> str:
    """What the frame shows when no build has succeeded yet."""
    return _environment().get_template("no-email.html.j2").render()


def snapshot_json(snapshot: Snapshot, server_id: str) -> bytes:
    """The page's update after a build: version numbers and the panels."""
    data = {
        "server": server_id,
        "version": snapshot.version,
        "email_version": snapshot.email_version if snapshot.email else 0,
        "ok": snapshot.ok,
        "panels": panels(snapshot),
    }
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def event_data(snapshot: Snapshot, server_id: str) -> str:
    """The small message the event stream sends after each build."""
    return json.dumps({"server": server_id, "version": snapshot.version})


def static_file(name: str) -> tuple[bytes, str] | None:
    """(content, content type) of a file of the page itself, or None."""
    if name not in STATIC:
        return None
    return (resources.files("digest.preview") / "assets" / name).read_bytes(), STATIC[name]
