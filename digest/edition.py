"""Stories → Edition: order by section and importance, limit, group under section headings.

Sections come in the configured order (e.g. Bayern, Deutschland, Welt); stories of other sections
follow; the closing section ("Zum Schluss") comes last and holds at most one story. Within a section
the source's priority decides, then recency.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from .config import Config
from .models import Edition, Section, Story

_OLDEST = datetime.min.replace(tzinfo=UTC)


def assemble(
    stories: list[Story], config: Config, edition_date: date, number: int | None = None
) -> Edition:
    """The edition of `edition_date`: at most `max_stories` stories plus one closing story."""
    news = config.newsletter
    closing = [s for s in stories if news.closing_section and s.section == news.closing_section]
    main = sorted((s for s in stories if s not in closing), key=lambda s: _order_key(s, config))
    chosen = main[: news.max_stories] + sorted(closing, key=lambda s: _order_key(s, config))[:1]
    return Edition(
        newsletter=news.name,
        date=edition_date,
        stories=tuple(chosen),
        number=number,
        sections=group_sections(chosen, config),
    )


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


def _order_key(story: Story, config: Config) -> tuple[int, int, float, str]:
    sections = config.newsletter.sections
    rank = sections.index(story.section) if story.section in sections else len(sections)
    priority = _priority(story, config)
    published = story.article.published or _OLDEST
    if published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    return (rank, -priority, -published.timestamp(), story.article.origin)


def _priority(story: Story, config: Config) -> int:
    for source in config.sources:
        if source.name == story.article.source:
            return source.priority
    return 0
