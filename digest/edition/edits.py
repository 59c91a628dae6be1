"""The editor's corrections: `out/<date>/edits.toml` read, validated like the config, and applied to
the draft → the edition as it will be sent.

    [edition]
    order = ["<id>", …]        stories named here come first, in this order; the rest follow
    subject, preheader, intro   overrides
    [stories."<id>"]
    headline, teaser, facts = […], quote = {text, speaker, role} | false, section, drop = true

Every problem is collected and reported at once with file, line and key path (EditsError, exit 2);
an id that is not in the draft but was in an earlier build of the day is only a warning: the edit
stays in the file and waits. Edited text is untrusted like any source text: it is folded onto one
line where one line belongs, and the templates escape it. Applied, it is typeset like the reducer's
text (lang/typography.typeset: „…“, spaced dashes): a story's fields in the story's language,
subject, preheader and intro in the newsletter's. The file keeps what the editor typed; since the
approval hash is taken of the edition rendered after this step, what was tested is what goes out.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..config import Config
from ..errors import ConfigError
from ..lang.typography import marks, typeset
from ..lines import one_line
from ..models import Edition, Quote, Story
from .assemble import group_sections

EDITS_FILE = "edits.toml"
STORY_KEYS = ("headline", "teaser", "facts", "quote", "section", "drop")
EDITION_KEYS = ("order", "subject", "preheader", "intro")
QUOTE_KEYS = ("text", "speaker", "role")
MAX_LENGTH = {"headline": 200, "teaser": 600, "fact": 400, "subject": 150, "preheader": 200,
              "intro": 1000, "text": 600, "speaker": 120, "role": 160, "section": 60}  # fmt: skip


class EditsError(ConfigError):
    """edits.toml is malformed or names what does not exist: every problem, one line each (exit 2)."""


@dataclass(frozen=True)
class StoryEdit:
    """The corrections of one story; None: unchanged. `quote` False: show no quote."""

    headline: str | None = None
    teaser: str | None = None
    facts: tuple[str, ...] | None = None
    quote: Quote | bool | None = None
    section: str | None = None
    drop: bool = False

    @property
    def fields(self) -> tuple[str, ...]:
        """The names of what this edit changes."""
        changed = [name for name in STORY_KEYS[:5] if getattr(self, name) is not None]
        return (*changed, "drop") if self.drop else tuple(changed)


@dataclass(frozen=True)
class Edits:
    """The whole file, validated."""

    order: tuple[str, ...] = ()
    subject: str | None = None
    preheader: str | None = None
    intro: str | None = None
    stories: Mapping[str, StoryEdit] = field(default_factory=dict)
    stale: tuple[str, ...] = ()  # ids of earlier builds of the day, not in this draft

    @property
    def empty(self) -> bool:
        return not (self.order or self.subject or self.preheader or self.intro or self.stories)


def edits_path(out_dir: Path, day: str) -> Path:
    return out_dir / day / EDITS_FILE


def read_edits(path: Path) -> tuple[dict[str, Any], str]:
    """The parsed file and its text ({} and "" when there is none); EditsError when unreadable."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return {}, ""
    except (OSError, UnicodeDecodeError) as err:
        raise EditsError(
            [f"{path}: cannot read: {getattr(err, 'strerror', None) or err}"]
        ) from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as err:
        raise EditsError([f"{path}: invalid TOML: {err}"]) from None


def load_edits(
    path: Path, current: Collection[str], earlier: Collection[str]
) -> tuple[Edits, list[str]]:
    """Read and validate edits.toml against the draft's story ids (`current`) and those of the
    day's earlier builds (`earlier`): the edits and the warnings. EditsError on any problem."""
    data, text = read_edits(path)
    return validate_edits(data, current, earlier, str(path), text)


def validate_edits(
    data: Mapping[str, Any],
    current: Collection[str],
    earlier: Collection[str],
    shown: str = EDITS_FILE,
    text: str = "",
) -> tuple[Edits, list[str]]:
    """Check parsed edits like the config: every problem at once (EditsError), else the edits."""
    check = _Checker(shown, text, current, earlier)
    edits = check.file(data)
    if check.problems:
        raise EditsError(check.problems)
    return edits, check.warnings


class _Checker:
    """Collects problems and warnings while turning the parsed TOML into Edits."""

    def __init__(self, shown: str, text: str, current: Collection[str], earlier: Collection[str]):
        self.shown = shown
        self.lines = text.splitlines()
        self.current = set(current)
        self.earlier = set(earlier) - self.current
        self.problems: list[str] = []
        self.warnings: list[str] = []
        self.stale: list[str] = []

    def add(
        self, path: str, message: str, story: str | None = None, key: str | None = None
    ) -> None:
        line = self.line_of(story, key)
        where = f"{self.shown}:{line}" if line else self.shown
        self.problems.append(f"{where}: {path}: {message}")

    def line_of(self, story: str | None, key: str | None) -> int | None:
        """The line of a story's table (or of `key` in it, or of a key of [edition])."""
        start = 0
        if story is not None:
            header = re.compile(
                r'\s*\[\s*stories\s*\.\s*["\']?' + re.escape(story) + r'["\']?\s*\]'
            )
            found = [i for i, line in enumerate(self.lines) if header.match(line)]
            if not found:
                found = [i for i, line in enumerate(self.lines) if f'"{story}"' in line]
            if not found:
                return None
            start = found[0]
            if key is None:
                return start + 1
        if key is None:
            return None
        assignment = re.compile(rf"\s*{re.escape(key.split('[')[0])}\s*=")
        for i in range(start, len(self.lines)):
            if i > start and story is not None and self.lines[i].lstrip().startswith("["):
                break
            if assignment.match(self.lines[i]):
                return i + 1
        return start + 1 if story is not None else None

    def file(self, data: Mapping[str, Any]) -> Edits:
        self.unknown_keys(data, ("edition", "stories"), "")
        edition = self.table(data.get("edition", {}), "edition")
        stories = self.table(data.get("stories", {}), "stories")
        self.unknown_keys(edition, EDITION_KEYS, "edition.")
        order = self.order(edition.get("order", []))
        texts = {
            name: self.text(edition[name], f"edition.{name}", name, multiline=name == "intro")
            for name in ("subject", "preheader", "intro")
            if name in edition
        }
        story_edits = {}
        for story_id, table in stories.items():
            edit = self.story(story_id, table)  # checked even when the id is not in the draft
            if self.known(story_id, f'stories."{story_id}"', story_id):
                story_edits[story_id] = edit
        return Edits(order, stories=story_edits, stale=tuple(self.stale), **texts)

    def table(self, value: Any, path: str) -> Mapping[str, Any]:
        if isinstance(value, Mapping):
            return value
        self.add(path, f"expected a table, got {_type_name(value)}", key=path)
        return {}

    def unknown_keys(self, table: Mapping[str, Any], known: tuple[str, ...], prefix: str) -> None:
        for key in table:
            if key not in known:
                story = prefix.split('"')[1] if prefix.startswith("stories.") else None
                self.add(f"{prefix}{key}", "unknown key" + did_you_mean(key, known), story, key)

    def known(self, story_id: str, path: str, story: str | None, key: str | None = None) -> bool:
        """Whether `story_id` is in the draft; an id of an earlier build warns, others fail."""
        if story_id in self.current:
            return True
        if story_id in self.earlier:
            self.stale.append(story_id)
            self.warnings.append(
                f"{self.shown}: {path}: story {story_id} was in an earlier build of the day "
                "but is not in the draft now; the edit stays in the file and does nothing"
            )
            return False
        hint = did_you_mean(story_id, sorted(self.current | self.earlier))
        self.add(path, f"no story with id {story_id!r} in any build of the day{hint}", story, key)
        return False

    def order(self, value: Any) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.add("edition.order", "expected a list of story ids", key="order")
            return ()
        return tuple(v for v in value if self.known(v, "edition.order", None, "order"))

    def text(
        self, value: Any, path: str, kind: str, story: str | None = None, *, multiline: bool = False
    ) -> str | None:
        if not isinstance(value, str):
            self.add(
                path, f"expected a string, got {_type_name(value)}", story, path.split(".")[-1]
            )
            return None
        cleaned = " ".join(value.split()) if multiline else one_line(value)
        cleaned = one_line(cleaned)  # an intro is one paragraph: controls and breaks folded too
        if not cleaned:
            self.add(path, "must not be empty", story, path.split(".")[-1])
            return None
        if len(cleaned) > MAX_LENGTH[kind]:
            self.add(path, f"too long ({len(cleaned)} characters, at most {MAX_LENGTH[kind]})",
                     story, path.split(".")[-1])  # fmt: skip
            return None
        return cleaned

    def story(self, story_id: str, value: Any) -> StoryEdit:
        where = f'stories."{story_id}"'
        table = self.table(value, where)
        self.unknown_keys(table, STORY_KEYS, where + ".")
        values: dict[str, Any] = {}
        for name in ("headline", "teaser", "section"):
            if name in table:
                values[name] = self.text(table[name], f"{where}.{name}", name, story_id)
        if "facts" in table:
            values["facts"] = self.facts(table["facts"], f"{where}.facts", story_id)
        if "quote" in table:
            values["quote"] = self.quote(table["quote"], f"{where}.quote", story_id)
        if "drop" in table:
            if isinstance(table["drop"], bool):
                values["drop"] = table["drop"]
            else:
                self.add(f"{where}.drop", f"expected true or false, got {_type_name(table['drop'])}",
                         story_id, "drop")  # fmt: skip
        return StoryEdit(**{k: v for k, v in values.items() if v is not None})

    def facts(self, value: Any, path: str, story: str) -> tuple[str, ...] | None:
        if not isinstance(value, list):
            self.add(path, f"expected a list of strings, got {_type_name(value)}", story, "facts")
            return None
        facts = [self.text(v, f"{path}[{i}]", "fact", story) for i, v in enumerate(value)]
        return tuple(f for f in facts if f) if all(facts) else None

    def quote(self, value: Any, path: str, story: str) -> Quote | bool | None:
        if value is False:
            return False
        if not isinstance(value, Mapping):
            self.add(path, "expected a table {text, speaker, role} or false", story, "quote")
            return None
        for key in value:
            if key not in QUOTE_KEYS:
                self.add(
                    f"{path}.{key}", "unknown key" + did_you_mean(key, QUOTE_KEYS), story, "quote"
                )
        parts = {k: self.text(value[k], f"{path}.{k}", k, story) for k in QUOTE_KEYS if k in value}
        if any(parts.get(k) is None for k in parts):
            return None
        return Quote(parts.get("text") or "", parts.get("speaker"), parts.get("role"))


def did_you_mean(word: str, candidates: Collection[str]) -> str:
    import difflib  # only for a misspelt key: not loaded by every build

    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _type_name(value: Any) -> str:
    names = {bool: "a boolean", int: "an integer", float: "a number", str: "a string",
             list: "a list", dict: "a table"}  # fmt: skip
    return names.get(type(value), type(value).__name__)


# --- applying -------------------------------------------------------------------------------------


def apply_edits(edition: Edition, edits: Edits, config: Config) -> Edition:
    """The edition as it will be sent: stories corrected, dropped ones left out, reordered."""
    if edits.empty:
        return edition
    language = config.newsletter.language
    stories = [
        _corrected(story, edits.stories.get(story.id))
        for story in edition.stories
        if not (story.id in edits.stories and edits.stories[story.id].drop)
    ]
    first = {story_id: i for i, story_id in enumerate(edits.order)}
    if first:
        named = sorted((s for s in stories if s.id in first), key=lambda s: first[s.id])
        stories = named + [s for s in stories if s.id not in first]
    return replace(
        edition,
        stories=tuple(stories),
        sections=group_sections(stories, config),
        subject=_typeset(edits.subject, language) or edition.subject,
        preheader=_typeset(edits.preheader, language) or edition.preheader,
        intro=_typeset(edits.intro, language) or edition.intro,
    )


def _typeset(text: str | None, language: str) -> str | None:
    return typeset(text, language) if text else text


def quoted_text(text: str, language: str) -> str:
    """A quotation's words typeset as they stand inside the quotation marks the email puts around
    them, so that marks within them become the inner ones („… ‚Plan B‘ …“)."""
    opening, closing = marks(language)[:2]
    typeset_quote = typeset(f"{opening}{text}{closing}", language)
    if typeset_quote[:1] == opening and typeset_quote[-1:] == closing:
        return typeset_quote[1:-1]
    return typeset(text, language)  # a stray mark paired with the frame: the words on their own


def _corrected(story: Story, edit: StoryEdit | None) -> Story:
    if edit is None:
        return story
    language = story.article.language
    changes: dict[str, Any] = {}
    if edit.headline is not None:
        changes["headline"] = typeset(edit.headline, language)
    if edit.teaser is not None:
        changes["teaser"] = typeset(edit.teaser, language)
    if edit.facts is not None:
        changes["facts"] = tuple(typeset(fact, language) for fact in edit.facts)
    if edit.quote is False:
        changes["quotes"] = ()
    elif isinstance(edit.quote, Quote):
        top = story.top_quote or Quote("")
        quote = Quote(
            quoted_text(edit.quote.text, language) if edit.quote.text else top.text,
            _typeset(edit.quote.speaker, language)
            if edit.quote.speaker is not None
            else top.speaker,
            _typeset(edit.quote.role, language) if edit.quote.role is not None else top.role,
        )
        # The corrected quote replaces the one the email showed and is shown itself (a statement
        # the editor chose: kind "full"; without a speaker it is still never shown).
        rest = tuple(q for q in story.quotes if q is not story.top_quote)
        changes["quotes"] = (quote, *rest) if quote.text else story.quotes
    if edit.section is not None:
        changes["article"] = replace(story.article, section=edit.section)
    return replace(story, **changes)


def dropped(edition: Edition, edits: Edits) -> tuple[Story, ...]:
    """The draft's stories the editor dropped."""
    return tuple(s for s in edition.stories if s.id in edits.stories and edits.stories[s.id].drop)
