"""Render stage: an `Edition` in → `Rendered` (subject, preheader, CSS-inlined HTML, text) out.

html.py renders the Jinja2 templates; labels.py gives the words the design prints in the edition's
language; markers.py the per-recipient markers left for deliver/ to fill in; message.py turns a
Rendered into an `EmailMessage`.
"""
