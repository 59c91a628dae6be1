"""One build of the edition for the preview, in memory: the email as subscribers get it, or the problems.

`build_email()` runs pipeline.preview_draft() (the day's draft with edits.toml applied, or the
edition built in memory when there is no draft yet) and the memory backend's message building:
nothing is written, the state database is only read, nothing is sent. A failed build becomes `Problem`s that
name the file and line (templates, config.toml) with the lines around it, for the page to show.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
import traceback
from dataclasses import dataclass, replace
from datetime import date, datetime
from email.message import EmailMessage
from pathlib import Path

from ..config import Config, load_config
from ..deliver import Delivery
from ..deliver.memory import MemoryBackend
from ..edition.edits import EditsError
from ..errors import ConfigError, DigestError
from ..models import Quote, Story
from ..pipeline import Draft, edits_file, preview_draft, today
from ..render import html as render
from ..render.message import message_bytes
from ..report import RunReport
from .lint import CheckResult, lint_message

EXCERPT_LINES = 3  # shown before and after the line of an error
UNLIMITED_KB = 1 << 30  # the preview shows an oversized edition; the size check reports it


@dataclass(frozen=True)
class StoryInfo:
    """One story of the draft as the correction forms show it: now, and as built."""

    id: str
    headline: str
    teaser: str
    quote: Quote | None
    section: str | None
    edited: tuple[str, ...]  # the fields edits.toml changes
    built_headline: str
    built_teaser: str
    built_quote: Quote | None


@dataclass(frozen=True)
class DraftInfo:
    """What the correction panel needs: the stories, the dropped ones, the approval."""

    stories: tuple[StoryInfo, ...]
    dropped: tuple[StoryInfo, ...]
    kept: bool  # a draft is stored (digest build ran); else the preview built it in memory
    built_at: datetime | None
    approved_at: datetime | None
    edits_path: str
    edits_version: str  # hash of edits.toml as this build read it: a save against another is stale


def edits_version(path: Path) -> str:
    """The hash of the edits file's bytes ("" when there is none)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return ""


@dataclass(frozen=True)
class Email:
    """The built edition as one subscriber's message, and what the checks found."""

    subject: str
    preheader: str
    sender: str  # the From header as a client shows it
    sender_name: str
    date: datetime
    html: str
    text: str
    headers: str  # the raw header block of the .eml
    eml: bytes
    parts: tuple[str, ...]  # "text/plain utf-8 quoted-printable 3.1 KB", …
    lint: tuple[CheckResult, ...]
    stories: int
    notes: tuple[str, ...]  # warnings and skipped items of the build
    draft: DraftInfo | None = None


@dataclass(frozen=True)
class Problem:
    """Why a build failed: the message as the CLI prints it, and where, with the lines around it."""

    message: str
    file: str | None = None
    line: int | None = None
    excerpt: tuple[tuple[int, str], ...] = ()
    details: str = ""  # a traceback, for internal errors only


@dataclass(frozen=True)
class Outcome:
    """What one build attempt gave: the email, or the problems; the config when it could be read."""

    email: Email | None
    problems: tuple[Problem, ...]
    config: Config | None
    seconds: float


def build_email(config_path: Path, edition_date: date | None = None) -> Outcome:
    """Build the edition and its message in memory; every failure becomes a Problem."""
    started = time.perf_counter()
    config = None
    try:
        config = load_config(config_path)
        email = _build(config, edition_date)
        return Outcome(email, (), config, time.perf_counter() - started)
    except EditsError as err:
        problems = tuple(located(text) for text in err.problems)
    except ConfigError as err:
        problems = tuple(config_problem(text, config_path) for text in err.problems)
    except DigestError as err:
        problems = (located(str(err)),)
    except Exception as err:  # a bug or a library failure: the preview keeps running and says so
        message = f"internal error: {type(err).__name__}: {err}"
        problems = (Problem(message, details=traceback.format_exc()),)
    return Outcome(None, problems, config, time.perf_counter() - started)


def _build(config: Config, edition_date: date | None) -> Email:
    # The Jinja environment is cached per folder and only notices edits to templates it has
    # loaded; a file newly put into the override folder would stay shadowed without this.
    render.environment.cache_clear()
    report = RunReport()
    roomy = replace(config, render=replace(config.render, max_html_kb=UNLIMITED_KB))
    path = edits_file(config, edition_date or today(config))
    version = edits_version(path)  # before reading it: a change made meanwhile counts as newer
    draft, approved_at = preview_draft(roomy, edition_date=edition_date, report=report)
    report.warnings.extend(draft.warnings)
    memory = MemoryBackend()
    memory.deliver(Delivery(draft.edition, draft.rendered, config))
    msg = memory.messages[0]
    raw = message_bytes(msg)
    sender = msg["From"]
    return Email(
        subject=str(msg["Subject"]),
        preheader=draft.rendered.preheader,
        sender=str(sender),
        sender_name=sender.addresses[0].display_name or sender.addresses[0].addr_spec,
        date=msg["Date"].datetime,
        html=_part(msg, "html"),
        text=_part(msg, "plain"),
        headers=raw.split(b"\r\n\r\n", 1)[0].decode("ascii", "replace").replace("\r\n", "\n"),
        eml=raw,
        parts=_describe_parts(msg),
        lint=lint_message(msg, max_html_kb=config.render.max_html_kb),
        stories=len(draft.edition.stories),
        notes=tuple(report.failures + report.warnings),
        draft=draft_info(draft, approved_at, path, version),
    )


def draft_info(draft: Draft, approved_at: datetime | None, path: Path, version: str) -> DraftInfo:
    built = {story.id: story for story in draft.built.stories}

    def info(story: Story) -> StoryInfo:
        edit = draft.edits.stories.get(story.id)
        first = built[story.id]
        return StoryInfo(
            id=story.id,
            headline=story.headline,
            teaser=story.teaser,
            quote=story.top_quote,
            section=story.section,
            edited=(
                *(edit.fields if edit else ()),
                *(("order",) if story.id in draft.edits.order else ()),
            ),
            built_headline=first.headline,
            built_teaser=first.teaser,
            built_quote=first.top_quote,
        )

    return DraftInfo(
        stories=tuple(info(story) for story in draft.edition.stories),
        dropped=tuple(info(story) for story in draft.dropped),
        kept=draft.stored is not None,
        built_at=draft.stored.built if draft.stored else None,
        approved_at=approved_at,
        edits_path=_relative(path),
        edits_version=version,
    )


def _part(msg: EmailMessage, subtype: str) -> str:
    part = msg.get_body(preferencelist=(subtype,))
    return part.get_content() if part is not None else ""


def _describe_parts(msg: EmailMessage) -> tuple[str, ...]:
    described = [msg.get_content_type()]
    for part in msg.iter_parts():
        size = len(part.get_payload(decode=True) or b"") / 1024
        charset = part.get_content_charset() or "-"
        cte = part.get("Content-Transfer-Encoding", "7bit")
        described.append(f"{part.get_content_type()} {charset} {cte} {size:.1f} KB")
    return tuple(described)


def _relative(path: Path) -> str:
    """A path relative to the working directory when it is below it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if relative.startswith("..") else relative


# --- where a problem is --------------------------------------------------------------------------

_FILE_LINE = re.compile(r"^(?P<file>[^\s:][^:]*?):(?P<line>\d+): ")
_TOML_LINE = re.compile(r"\(at line (?P<line>\d+)")
_KEY_PATH = re.compile(r"^(?P<file>.+?): (?P<key>[\w.\[\]-]+): ")


def located(message: str) -> Problem:
    """A Problem for a 'file:line: message' error (as render/html.py words template errors)."""
    match = _FILE_LINE.match(message)
    if not match:
        return Problem(message)
    return _with_excerpt(message, Path(match["file"]), int(match["line"]))


def config_problem(message: str, config_path: Path) -> Problem:
    """A Problem for one line of a ConfigError: TOML syntax (line given) or a key path (looked up)."""
    if match := _TOML_LINE.search(message):
        return _with_excerpt(message, config_path, int(match["line"]))
    if (match := _KEY_PATH.match(message)) and (line := key_line(config_path, match["key"])):
        return _with_excerpt(message, config_path, line)
    return Problem(message, file=str(config_path))


def key_line(config_path: Path, key_path: str) -> int | None:
    """The line of `key_path` ('newsletter.language', 'sources[1].path') in a TOML file, if found."""
    try:
        lines = config_path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    *tables, key = [p for p in re.split(r"\.(?![^\[]*\])", key_path) if p] or [""]
    if re.search(r"\[\d+\]$", key):  # the key path ends on a table ('sources[1]')
        tables, key = [*tables, key], ""
    start = -1  # top-level keys are searched from the first line
    # 'sources[1]' is the second [[sources]] header, 'render.colours' is [render.colours]
    if tables:
        name = ".".join(part.split("[")[0] for part in tables)
        index = re.search(r"\[(\d+)\]$", tables[-1])
        header = re.compile(rf"\s*\[\[?\s*{re.escape(name)}\s*\]")
        starts = [i for i, line in enumerate(lines) if header.match(line)]
        nth = int(index[1]) if index else 0
        if nth >= len(starts):
            return None
        start = starts[nth]
    if not key:
        return start + 1 if start >= 0 else None
    assignment = re.compile(rf"\s*{re.escape(key.split('[')[0])}\s*=")
    for i in range(start + 1, len(lines)):
        if tables and lines[i].lstrip().startswith("["):
            break
        if assignment.match(lines[i]):
            return i + 1
    return start + 1 if start >= 0 else None


def _with_excerpt(message: str, path: Path, line: int) -> Problem:
    try:
        lines = path.read_text(encoding="utf-8-sig", errors="replace").splitlines()
    except OSError:
        return Problem(message, str(path), line)
    first = max(1, line - EXCERPT_LINES)
    shown = tuple(
        (n, lines[n - 1]) for n in range(first, min(len(lines), line + EXCERPT_LINES) + 1)
    )
    return Problem(message, str(path), line, shown)
