"""A correction made in the preview page, written into edits.toml (the one source of truth).

The page posts one change at a time — a story's headline, teaser and quote; drop or restore; move up
or down — with the hash of edits.toml as the page last saw it. A file changed since (by hand, or
in another tab) is not overwritten: the save is refused as stale. The change is made with tomlkit,
so the editor's comments and layout stay; the new file is validated exactly like edits.toml before
it replaces the old one (atomically, mode 0600).
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.items import Table

from ..edition.edits import EditsError, validate_edits
from ..models import Quote
from ..privatefile import write_private
from .snapshot import DraftInfo, StoryInfo, edits_version

ACTIONS = ("story", "drop", "restore", "up", "down")
TEXT_FIELDS = ("headline", "teaser")
MAX_VALUE = 2000  # characters; edits.toml's own limits are checked by validate_edits()


class Refused(Exception):
    """The correction is not written: HTTP status and a message for the page."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def correct(path: Path, info: DraftInfo, day_ids: set[str], body: Any) -> None:
    """Apply the posted change to edits.toml at `path`; Refused when it cannot be."""
    if not isinstance(body, dict):
        raise Refused(400, "expected a JSON object")
    action, story_id, base = body.get("action"), body.get("id"), body.get("base")
    if action not in ACTIONS:
        raise Refused(400, f"unknown action {action!r}")
    stories = {story.id: story for story in (*info.stories, *info.dropped)}
    if not isinstance(story_id, str) or story_id not in stories:
        raise Refused(400, f"no story with id {story_id!r} in the draft")
    if not isinstance(base, str):
        raise Refused(400, "missing the version of edits.toml the page shows")
    if base != edits_version(path):
        raise Refused(
            409,
            f"{path.name} was changed since this page showed it (by hand or in another tab); "
            "your change was not saved: the page now shows the file as it is, make it again",
        )
    text = path.read_text(encoding="utf-8-sig") if base else ""
    try:
        doc = tomlkit.parse(text)
    except tomlkit.exceptions.ParseError as err:
        raise Refused(409, f"{path.name} is not valid TOML now ({err}): fix it by hand") from None
    if action == "story":
        _story(doc, stories[story_id], body)
    elif action in ("drop", "restore"):
        _set(doc, story_id, "drop", True if action == "drop" else None)
    else:
        _move(doc, [story.id for story in info.stories], story_id, action)
    new_text = tomlkit.dumps(doc)
    try:
        validate_edits(tomllib.loads(new_text), stories, day_ids, path.name, new_text)
    except EditsError as err:
        raise Refused(400, "; ".join(err.problems)) from None
    except tomllib.TOMLDecodeError as err:  # a tomlkit bug; refuse rather than write it
        raise Refused(500, f"could not write {path.name}: {err}") from None
    write_private(path, new_text.encode("utf-8"))


def _story(doc: tomlkit.TOMLDocument, story: StoryInfo, body: dict[str, Any]) -> None:
    for name in TEXT_FIELDS:
        if name in body:
            value = _text(body[name], name)
            built = getattr(story, f"built_{name}")
            _set(doc, story.id, name, None if value == built else value)
    if "quote" in body:
        quote = body["quote"]
        if not isinstance(quote, dict) or not set(quote) <= {"text", "speaker", "role"}:
            raise Refused(400, "quote: expected an object {text, speaker, role}")
        parts = {
            key: _text(quote.get(key, ""), f"quote.{key}") for key in ("text", "speaker", "role")
        }
        new = Quote(parts["text"], parts["speaker"] or None, parts["role"] or None)
        if new == (story.built_quote or Quote("")):
            _set(doc, story.id, "quote", None)
        elif not new.text:
            _set(doc, story.id, "quote", False)
        else:
            table = tomlkit.inline_table()
            table.update({k: v for k, v in parts.items() if v})
            _set(doc, story.id, "quote", table)


def _text(value: Any, name: str) -> str:
    if not isinstance(value, str):
        raise Refused(400, f"{name}: expected a string")
    if len(value) > MAX_VALUE:
        raise Refused(400, f"{name}: too long")
    return value.strip()


def _set(doc: tomlkit.TOMLDocument, story_id: str, key: str, value: Any) -> None:
    """Set (or with None remove) stories."<id>".<key>, tidying up empty tables."""
    stories = doc.get("stories")
    if value is None:
        if isinstance(stories, Table) and story_id in stories and key in stories[story_id]:
            del stories[story_id][key]
            if not stories[story_id]:
                del stories[story_id]
            if not stories:
                del doc["stories"]
        return
    if stories is None:
        stories = tomlkit.table(is_super_table=True)
        doc["stories"] = stories
    if story_id not in stories:
        stories[story_id] = tomlkit.table()
    stories[story_id][key] = value


def _move(doc: tomlkit.TOMLDocument, shown: list[str], story_id: str, direction: str) -> None:
    """Swap the story with its neighbour in the order shown, and name that whole order."""
    if story_id not in shown:
        raise Refused(400, f"story {story_id} is dropped: restore it first")
    i = shown.index(story_id)
    j = i - 1 if direction == "up" else i + 1
    if not 0 <= j < len(shown):
        raise Refused(400, f"story {story_id} is already {'first' if j < 0 else 'last'}")
    shown[i], shown[j] = shown[j], shown[i]
    if "edition" not in doc:
        doc["edition"] = tomlkit.table()
    doc["edition"]["order"] = shown  # type: ignore[index]
