"""`digest preview`: the edition in a browser, rebuilt and reloaded whenever its files change.

Beside the pipeline, not a stage of it: config in, pipeline.build() called, pages out.

The edition is built in memory (never written to out/, never marked seen, never sent) and served
on 127.0.0.1 by default: the email in a sandboxed frame at desktop and phone width, light and dark,
its plain text and headers, the inbox line and the pre-send lint.

    snapshot.py  build the email in memory; errors with file and line
    frame.py     the email's HTML with its colour scheme decided, for the frame
    watch.py     poll the config, templates and sources for changes
    session.py   the current build and the waiters for the next
    page.py      the preview page and its panels (assets/)
    server.py    the HTTP server, `start()`
"""

from __future__ import annotations

from .server import RunningPreview, is_loopback, start

__all__ = ["RunningPreview", "is_loopback", "start"]
