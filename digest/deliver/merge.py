"""Per-recipient message bytes from one edition message, MIME-encoded once.

`message.build_message()` takes about 6 ms per message (the email package encodes 30 KB of HTML as
quoted-printable, character by character); for thousands of recipients that is most of the time a
send takes. A MessageTemplate builds the message once with build_message(), keeps its encoded
bytes, and per recipient re-encodes only what differs: the To, Date, Message-ID and
List-Unsubscribe headers (folded by the email package's own policy) and the few body lines that
hold a personalisation marker (substituted by personalise(), encoded with the same quoted-printable
encoder). Quoted-printable encodes line by line, so the result is byte for byte what
message_bytes(build_message(personalise(…), …)) gives; tests/test_mailmerge.py holds it to that.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from email import policy, quoprimime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from zoneinfo import ZoneInfo

from ..config import Config
from ..errors import RenderError
from ..lines import is_one_field, one_line
from ..models import Rendered
from ..render.message import (
    SMTP_POLICY,
    build_message,
    list_unsubscribe,
    message_bytes,
    set_list_unsubscribe,
)
from . import Copy
from .dkim import signer_for
from .personalise import Personal, markers, personalise, unsubscribe_url
from .recipients import Recipient

_VARYING = ("to", "date", "message-id", "list-unsubscribe")
# Characters that fold alike wherever they stand: letters, digits, and the two that base64url
# tokens add (atext in addresses and IDs, plain text in unstructured headers).
_ALNUM = re.compile("[A-Za-z0-9_-]")
_ALNUM_BYTES = re.compile(b"[A-Za-z0-9_-]")
_PLACEHOLDER_URL = "https://placeholder.invalid/"
_SENTINEL = "@@DIGEST-PART-{}@@"


class MessageTemplate:
    """The edition's message, encoded once; `render(...)` gives one recipient's bytes."""

    def __init__(self, rendered: Rendered, config: Config) -> None:
        self.config = config
        self.rendered = rendered
        self.folds = _Folds()
        skeleton = build_message(
            rendered,
            config,
            to="placeholder@placeholder.invalid",
            message_id="<placeholder@placeholder.invalid>",
            unsubscribe_url=_PLACEHOLDER_URL,
        )
        parts = list(skeleton.iter_parts())
        sources = {"plain": rendered.text, "html": rendered.html}
        marks = markers(rendered.marker_key).all
        self.parts = [_EncodedPart(part.get_content_subtype(), sources, marks) for part in parts]
        for i, part in enumerate(parts):
            part.set_payload(_SENTINEL.format(i) + "\n")
        head, _, body = message_bytes(skeleton).partition(b"\r\n\r\n")
        self.boundary = skeleton.get_boundary()
        self.header_fields = _fields(head + b"\r\n")
        self.body_pieces = _split_sentinels(body, len(parts))

    def render(
        self, recipient: Address, personal: Personal, message_id: str, date: datetime | None = None
    ) -> bytes:
        """The message for one recipient, as message_bytes() would give it."""
        headers = self._headers(recipient, personal.unsubscribe_url, message_id, date)
        for name, raw in headers.items():  # recipients.to_field_is_clean() checked To: already
            if not is_one_field(raw):
                raise RenderError(f"{recipient.addr_spec}: the {name} header would break; not sent")
        out = [
            headers.get(name.lower(), raw) if name.lower() in _VARYING else raw
            for name, raw in self.header_fields
        ]
        out.append(b"\r\n")
        # The marker-bearing lines of both parts, substituted by one personalise() call, so that
        # the HTML part gets HTML-escaped values and the text part plain ones, as in the slow path.
        lines = {p.subtype: "\n".join(p.dynamic) for p in self.parts}
        filled = personalise(
            Rendered(
                "", "", lines.get("html", ""), lines.get("plain", ""), self.rendered.marker_key
            ),
            personal,
        )
        values = {"html": filled.html.split("\n"), "plain": filled.text.split("\n")}
        out.append(self.body_pieces[0])
        for i, part in enumerate(self.parts):
            out.append(part.encode(values[part.subtype] if part.dynamic else []))
            out.append(self.body_pieces[i + 1])
        return b"".join(out)

    def _headers(
        self, recipient: Address, url: str, message_id: str, date: datetime | None
    ) -> dict[str, bytes]:
        news = self.config.newsletter
        when = date or datetime.now(ZoneInfo(news.timezone))
        return {
            "to": self.folds.fold("To", recipient),
            "date": self.folds.fold("Date", format_datetime(when)),
            "message-id": self.folds.fold("Message-ID", one_line(message_id)),
            "list-unsubscribe": _list_unsubscribe(list_unsubscribe(url, news.unsubscribe_mailto)),
        }


def _list_unsubscribe(value: str) -> bytes:
    """The field as message.set_list_unsubscribe() + message_bytes() write it."""
    msg = EmailMessage(policy=policy.default)
    set_list_unsubscribe(msg, value)
    name, raw = next(iter(msg.raw_items()))
    return SMTP_POLICY.fold_binary(name, raw)


class MessageFactory:
    """Per-recipient copies of one rendered edition (encoded once; DKIM-signed if set)."""

    def __init__(self, config: Config, rendered: Rendered) -> None:
        self.config = config
        self.template = MessageTemplate(rendered, config)
        self.signer = signer_for(config)

    def copy(self, recipient: Recipient, message_id: str) -> Copy:
        return Copy(
            recipient.key,
            recipient.address.addr_spec,
            message_id,
            lambda: self.message(recipient, message_id),
        )

    def message(self, recipient: Recipient, message_id: str) -> bytes:
        url = unsubscribe_url(self.config.newsletter.unsubscribe_url, recipient.token)
        data = self.template.render(recipient.address, Personal(url, recipient.name), message_id)
        return self.signer.sign(data) if self.signer else data


def recipient_message_id(edition_id: str, recipient: str) -> str:
    """A Message-ID per edition and recipient that is the same on every attempt (resume, retry)."""
    local, _, domain = edition_id.strip("<>").rpartition("@")
    mark = hashlib.sha256(f"{edition_id}\n{recipient.lower()}".encode()).hexdigest()[:16]
    return f"<{local.split('.')[0]}.{mark}.digest@{domain}>"


class _Folds:
    """Header fields as the email package folds them, reusing its work for values of one shape.

    Parsing and folding a header costs the email package ~0.15 ms. Values that differ only in
    ASCII letters, digits, "_" and "-" at the same places ("Leserin 17 <l17@…>", "Leserin 18 <l18@…>") fold
    the same way, since folding only looks at lengths, spaces and special characters; so the
    first value of a shape is folded by the package and later ones are filled into its result.
    A shape is only kept when the folded field holds exactly those characters of the value, in
    order (no encoded words); anything else always goes through the package.
    """

    _LIMIT = 10_000

    def __init__(self) -> None:
        self.shapes: dict[tuple[str, str], tuple[bytes, list[int]] | None] = {}

    def fold(self, name: str, value: str | Address) -> bytes:
        text = str(value)
        key = (name, _ALNUM.sub("a", text)) if text.isascii() else None
        cached = self.shapes.get(key) if key else None
        if cached:
            folded, places = cached
            out = bytearray(folded)
            for place, char in zip(places, _ALNUM_BYTES.findall(text.encode()), strict=True):
                out[place] = char[0]
            return bytes(out)
        small = EmailMessage(policy=policy.default)  # the header classes build_message uses
        small[name] = value
        folded = SMTP_POLICY.fold_binary(name, small[name])
        if key and len(self.shapes) < self._LIMIT:
            prefix = len(name) + 1
            places = [m.start() + prefix for m in _ALNUM_BYTES.finditer(folded[prefix:])]
            same = [folded[p : p + 1] for p in places] == _ALNUM_BYTES.findall(text.encode())
            self.shapes[key] = (folded, places) if same else None
        return folded


class _EncodedPart:
    """One text part: its lines encoded once, except those holding a marker."""

    def __init__(self, subtype: str, sources: dict[str, str], marks: tuple[str, ...]) -> None:
        self.subtype = subtype
        self.lines = sources[subtype].encode("utf-8").splitlines()
        found = tuple(m.encode() for m in marks)
        self.slots = [i for i, line in enumerate(self.lines) if any(m in line for m in found)]
        self.dynamic = [self.lines[i].decode("utf-8") for i in self.slots]
        self.encoded = [_qp(line) for line in self.lines]

    def encode(self, filled: list[str]) -> bytes:
        encoded = list(self.encoded)
        for slot, line in zip(self.slots, filled, strict=True):
            encoded[slot] = b"".join(_qp(piece) for piece in line.encode("utf-8").splitlines())
        return b"".join(encoded)


def _qp(line: bytes) -> bytes:
    """One line as build_message encodes it (quoted-printable, CRLF)."""
    text = quoprimime.body_encode(line.decode("latin-1") + "\n", SMTP_POLICY.max_line_length or 78)
    return text.replace("\n", "\r\n").encode("ascii")


def _fields(head: bytes) -> list[tuple[str, bytes]]:
    """(name, raw bytes incl. continuation lines) for each header field, in order."""
    fields: list[tuple[str, bytes]] = []
    for line in head.splitlines(keepends=True):
        if line[:1] in (b" ", b"\t") and fields:
            name, raw = fields[-1]
            fields[-1] = (name, raw + line)
        else:
            fields.append((line.split(b":", 1)[0].decode("ascii"), line))
    return fields


def _split_sentinels(body: bytes, count: int) -> list[bytes]:
    pieces = []
    rest = body
    for i in range(count):
        before, _, rest = rest.partition(_SENTINEL.format(i).encode() + b"\r\n")
        pieces.append(before)
    pieces.append(rest)
    return pieces
