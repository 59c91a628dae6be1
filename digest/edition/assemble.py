"""Stories → Edition: select what is new, merge the same event from several sources, order, limit.

Selection (`Selector`, run on the collected items before any page is fetched): articles already
delivered (state, read only) are left out, and so are feed and page entries older than `max_age`
(text files without a date are always eligible); a `baseline = true` source that state does not
know yet contributes nothing, its keys are only recorded. Assembly merges near-duplicates into one
Story led by the richest telling (full text, a quote, a URL) whose `merged` articles keep every
source's link and credit. Sections come in the configured order (e.g. Bayern, Deutschland, Welt);
stories of other sections follow; the closing section ("Zum Schluss") comes last and holds at most
one story. Within a section the source's priority decides, then recency.

Cutting to `max_stories` (the closing story counts within it) first keeps the lead story of every
configured section, then the closing story, then fills up in edition order: a section never
vanishes because an earlier one had many stories.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from ..config import Config, NetworkSourceConfig, SourceConfig
from ..models import Edition, RawItem, Section, Story
from ..state.db import SeenArticles
from ..times import as_utc_if_naive
from .merge import same_event_groups

_OLDEST = datetime.min.replace(tzinfo=UTC)


# A telling with at least this many words is a full article, not a feed's summary.
FULL_TEXT_WORDS = 150


def assemble(
    stories: list[Story], config: Config, edition_date: date, number: int | None = None
) -> Edition:
    """The edition of `edition_date`: at most `max_stories` stories, the closing story included."""
    news = config.newsletter
    stories = merge_duplicates(stories, config)
    closing = [s for s in stories if news.closing_section and s.section == news.closing_section]
    main = sorted((s for s in stories if s not in closing), key=lambda s: _order_key(s, config))
    closing = sorted(closing, key=lambda s: _order_key(s, config))[:1]
    chosen = cut(main, closing, config.newsletter.sections, news.max_stories)
    return Edition(
        newsletter=news.name,
        date=edition_date,
        stories=tuple(chosen),
        number=number,
        sections=group_sections(chosen, config),
    )


def cut(
    main: list[Story], closing: list[Story], sections: Sequence[str], limit: int
) -> list[Story]:
    """At most `limit` stories in edition order: first the lead story of every configured section
    (in section order), then the closing story, then the others in edition order."""
    leads: list[Story] = []
    for section in sections:
        lead = next((s for s in main if s.section == section), None)
        if lead is not None:
            leads.append(lead)
    rest = [s for s in main if s not in leads]
    kept = (leads + closing + rest)[: max(limit, 0)]
    return [s for s in main if s in kept] + [s for s in closing if s in kept]


def group_sections(stories: list[Story], config: Config) -> tuple[Section, ...]:
    """Consecutive stories of one section under its title; no titles when no sections are set."""
    if not config.newsletter.sections:
        return (Section(None, tuple(stories)),) if stories else ()
    groups: list[Section] = []
    for story in stories:
        title = story.section
        if groups and groups[-1].title == title:
            groups[-1] = Section(title, (*groups[-1].stories, story))
        else:
            groups.append(Section(title, (story,)))
    return tuple(groups)


def _order_key(story: Story, config: Config) -> tuple[int, str, int, float, str]:
    return (*_section_rank(story.section, config), -_priority(story, config), *_recency(story))


def _section_rank(section: str | None, config: Config) -> tuple[int, str]:
    """Configured sections in their order, then other sections by name (each kept together,
    e.g. a feed's own categories), then stories without a section."""
    sections = config.newsletter.sections
    if section in sections:
        return sections.index(section), ""
    if section:
        return len(sections), section.casefold()
    return len(sections) + 1, ""


def _recency(story: Story) -> tuple[float, str]:
    return -as_utc_if_naive(story.article.published or _OLDEST).timestamp(), story.article.origin


def _priority(story: Story, config: Config) -> int:
    for source in config.sources:
        if source.name == story.article.source:
            return source.priority
    return 0


def merge_duplicates(stories: Sequence[Story], config: Config) -> list[Story]:
    """One story per event, led by its richest telling; the others become its `merged` articles
    (in edition order). Among equally rich tellings the first in edition order leads."""
    ordered = sorted(stories, key=lambda s: _order_key(s, config))
    merged = []
    for group in same_event_groups(ordered):
        tellings = [ordered[i] for i in group]
        lead = max(tellings, key=richness)  # max() keeps the first of equals: edition order
        others = [s for s in tellings if s is not lead]
        extra = tuple(a for other in others for a in (other.article, *other.merged))
        merged.append(replace(lead, merged=lead.merged + extra) if extra else lead)
    return merged


def richness(story: Story) -> tuple[bool, bool, bool]:
    """What a telling offers the reader: the full text, a quote, a link to read on."""
    words = sum(len(paragraph.split()) for paragraph in story.article.paragraphs)
    return words >= FULL_TEXT_WORDS, bool(story.quotes), bool(story.article.url)


def _newest_first(item: RawItem) -> float:
    if item.published is None:
        return 0.0  # undated entries keep their place after the dated ones (sort is stable)
    return -as_utc_if_naive(item.published).timestamp()


class Selector:
    """Decides which collected items may go into the edition; remembers why the others did not.

    Call it with a list of items (it may be called again on the same items: counts do not double).
    `seen` is read, never written: recording happens after delivery (and baselines in `digest run`).
    """

    def __init__(self, config: Config, *, seen: SeenArticles | None, now: datetime) -> None:
        self.seen = seen
        self.now = now
        self.specs: dict[str, SourceConfig] = {spec.name: spec for spec in config.sources}
        self.default_max_age = config.newsletter.max_age_hours
        wanting = [spec.name for spec in config.sources if spec.baseline]
        known = seen.known_sources(wanting) if seen and wanting else set()
        self.baseline_sources = set(wanting) - known
        self.already_seen: set[str] = set()
        self.too_old: set[str] = set()
        self.over_limit: dict[str, set[str]] = {}  # source → keys beyond its max_items
        self.baseline: dict[str, str] = {}  # key → source, to be recorded as seen, never sent

    def __call__(self, items: list[RawItem]) -> list[RawItem]:
        keys = [item.key for item in items]
        unseen = self.seen.unseen(keys) if self.seen else set(keys)
        kept = []
        for item in items:
            if item.key not in unseen:
                self.already_seen.add(item.key)
            elif item.source in self.baseline_sources:
                self.baseline[item.key] = item.source
            elif self.is_too_old(item):
                self.too_old.add(item.key)
            else:
                kept.append(item)
        return self.newest_per_source(kept)

    def newest_per_source(self, items: list[RawItem]) -> list[RawItem]:
        """At most `max_items` per network source, the newest; a feed of 10,000 entries would
        otherwise cost minutes of reducing and duplicate detection for stories nobody sees."""
        by_source: dict[str, list[RawItem]] = {}
        for item in items:
            by_source.setdefault(item.source, []).append(item)
        dropped: set[str] = set()
        for source, group in by_source.items():
            spec = self.specs.get(source)
            if not isinstance(spec, NetworkSourceConfig) or len(group) <= spec.max_items:
                continue
            newest = sorted(group, key=_newest_first)[: spec.max_items]
            keep = {id(item) for item in newest}
            left_out = {item.key for item in group if id(item) not in keep}
            self.over_limit.setdefault(source, set()).update(left_out)
            dropped.update(left_out)
        return [item for item in items if item.key not in dropped]

    def is_too_old(self, item: RawItem) -> bool:
        spec = self.specs.get(item.source)
        if not isinstance(spec, NetworkSourceConfig) or item.published is None:
            return False
        published = as_utc_if_naive(item.published)
        max_age = spec.max_age_hours or self.default_max_age
        return published < self.now - timedelta(hours=max_age)

    @property
    def baseline_keys(self) -> tuple[tuple[str, str], ...]:
        """(key, source) of the baselined items, for SeenArticles.mark()."""
        return tuple(self.baseline.items())
