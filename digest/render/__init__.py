"""Render stage: an `Edition` in → `Rendered` (subject, preheader, CSS-inlined HTML, text) out.

html.py renders the Jinja2 templates; labels.py holds the words the design prints per language;
message.py turns a Rendered into an `EmailMessage`.
"""
