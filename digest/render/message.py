"""Rendered → EmailMessage: multipart/alternative with all the headers mailbox providers expect.

Every header is set through the email library (which refuses CR/LF), and every value that comes
from content is stripped of control characters first. DKIM signs the final bytes at send time.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date as Date
from datetime import datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, getaddresses, parseaddr
from zoneinfo import ZoneInfo

from ..config import Config
from ..errors import RenderError
from ..lines import no_encoded_words, one_line
from ..models import Edition, Rendered
from .html import http_url

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def build_message(
    rendered: Rendered,
    config: Config,
    *,
    to: str | Address,
    message_id: str | None = None,
    unsubscribe_url: str,
    date: datetime | None = None,
) -> EmailMessage:
    """The email for one recipient: text/plain then text/html, both UTF-8 quoted-printable.

    `rendered` is the recipient's personalised copy; `unsubscribe_url` their one-click URL.
    Without `message_id` the ID is derived from the content, so a resent copy keeps its ID.
    """
    newsletter = config.newsletter
    recipient = to if isinstance(to, Address) else parse_address(to)
    msg = EmailMessage(policy=policy.default)
    msg["From"] = newsletter.sender_address
    msg["To"] = recipient
    if newsletter.reply_to:
        msg["Reply-To"] = parse_address(newsletter.reply_to)
    msg["Subject"] = header_text(rendered.subject)
    msg["Date"] = format_datetime(_aware(date, newsletter.timezone))
    if not message_id:
        message_id = edition_message_id(rendered, config, recipient=recipient.addr_spec)
    msg["Message-ID"] = one_line(message_id)
    msg["List-Id"] = list_id(config)
    set_list_unsubscribe(msg, list_unsubscribe(unsubscribe_url, newsletter.unsubscribe_mailto))
    msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    msg.set_content(rendered.text, subtype="plain", charset="utf-8", cte="quoted-printable")
    msg.add_alternative(rendered.html, subtype="html", charset="utf-8", cte="quoted-printable")
    msg["Content-Language"] = newsletter.language  # after the parts: set_content drops Content-*
    return msg


# Headers set with set_raw() (only List-Unsubscribe) go out as given; all others are folded as usual.
SMTP_POLICY = policy.SMTP.clone(refold_source="none")


def message_bytes(msg: EmailMessage) -> bytes:
    """The message as it goes over SMTP: CRLF line endings, long headers folded."""
    return msg.as_bytes(policy=SMTP_POLICY)


def set_list_unsubscribe(msg: EmailMessage, value: str) -> None:
    """List-Unsubscribe folded between its links, never inside one.

    Left to the email package, a line over 78 characters (an https URL with a 43-character token
    is one) is turned into RFC 2047 encoded words, `=?utf-8?q?=3Chttps=3A//…?=`, which no mailbox
    provider decodes in this header: one-click unsubscribe would be lost. A URL line may be up to
    998 characters long (RFC 5322), so the links are put on lines of their own instead.
    """
    if not value.isascii():  # not expected (http_url, quoted tokens); let the package encode it
        msg["List-Unsubscribe"] = value
        return
    msg.set_raw("List-Unsubscribe", list_unsubscribe_folded(value))


def list_unsubscribe_folded(value: str) -> str:
    """`value` with a line break after each ', ' between links when it does not fit one line."""
    if len("List-Unsubscribe: ") + len(value) <= 78:
        return value
    return value.replace(">, <", ">,\r\n <")


def edition_message_id(
    item: Edition | Rendered, config: Config, *, recipient: str = "", day: Date | None = None
) -> str:
    """A Message-ID that is the same every time for the same content (and recipient).

    For an Edition it is derived from its date, number and story keys; for a Rendered copy from
    its subject and both parts, which differ per recipient once personalised (unsubscribe token).
    Give `recipient` so that each recipient's copy has its own ID and a resent copy the same one.
    """
    if isinstance(item, Edition):
        day = day or item.date
        keys = [key for story in item.stories for key in story.keys]
        content = "\n".join([item.newsletter, item.date.isoformat(), str(item.number), *keys])
    else:
        content = "\n".join([item.subject, item.html, item.text])
    content += "\n" + recipient.lower()
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:12]
    prefix = f"{day:%Y%m%d}." if day else ""
    return f"<{prefix}{digest}.digest@{config.newsletter.sender_address.domain}>"


def header_text(value: str) -> str:
    """Untrusted text for an unstructured header, inert: one line, and no RFC 2047 encoded word.

    The email package decodes "=?utf-8?q?…?=" in a value it is given, so a headline holding
    "=?utf-8?q?x=0D=0ABcc:_…?=" would come out as a line break and a header of its own. A zero-width
    space after "=" keeps such text literal (and is invisible where it is shown).
    """
    return no_encoded_words(one_line(value))


def list_unsubscribe(url: str, mailto: str | None = None) -> str:
    """'<https://…>, <mailto:…?subject=unsubscribe>' (RFC 2369; one-click needs the https URL)."""
    safe_url = http_url(url)
    if safe_url is None:
        raise RenderError(f"unsubscribe URL must be an http(s) URL, got {one_line(url)!r}")
    links = [f"<{safe_url}>"]
    if mailto:
        links.append(f"<mailto:{parseaddr(mailto)[1]}?subject=unsubscribe>")
    return ", ".join(links)


def list_id(config: Config) -> str:
    """`newsletter.list_id` as given, else 'Name <slug.sender-domain>' (RFC 2919)."""
    newsletter = config.newsletter
    if newsletter.list_id:
        given = one_line(newsletter.list_id)
        return given if "<" in given else f"<{given}>"
    slug = re.sub(r"[^a-z0-9]+", "-", newsletter.name.lower().translate(_UMLAUTS)).strip("-")
    ident = f"{slug or 'digest'}.{newsletter.sender_address.domain}"
    name = one_line(newsletter.name)
    # An encoded-word would hide the <id> from filters; a plain ASCII phrase is fine unquoted.
    return f"{name} <{ident}>" if name.isascii() and '"' not in name else f"<{ident}>"


def parse_address(value: str) -> Address:
    """'Name <addr>' or 'addr' as an Address; RenderError unless it is exactly one clean address."""
    problem = RenderError(f"not an email address: {one_line(value)!r}")
    if value != one_line(value):  # line breaks or controls: refuse rather than guess
        raise problem
    pairs = getaddresses([value])
    if len(pairs) != 1:
        raise problem
    name, addr = pairs[0]
    user, at, domain = addr.rpartition("@")
    if not (user and at and domain) or " " in addr:
        raise problem
    try:
        return Address(display_name=name, username=user, domain=domain)
    except (ValueError, IndexError) as err:
        raise problem from err


def _aware(when: datetime | None, timezone: str) -> datetime:
    """`when` (now by default) with a time zone: naive times are taken as the newsletter's."""
    zone = ZoneInfo(timezone)
    if when is None:
        return datetime.now(zone)
    return when if when.tzinfo else when.replace(tzinfo=zone)
