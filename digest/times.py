"""Times without a zone, and the rule each kind follows: one place for both rules.

An article's time without a zone (a text file's front matter, a page or JSON Feed date written
without offset) is taken as UTC: it came from elsewhere and says nothing about our zone. A message's
own time without a zone is the newsletter's local time: it was made here, for the edition's day.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo


def as_utc_if_naive(moment: datetime) -> datetime:
    """An article's time: a time without zone is taken as UTC, one with a zone stays as it is."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def parse_article_time(value: object) -> datetime | None:
    """An ISO 8601 / RFC 3339 time from a source (without zone: UTC); None when absent or unreadable."""
    if not isinstance(value, str):
        return None
    try:
        return as_utc_if_naive(datetime.fromisoformat(value.strip()))
    except ValueError:
        return None


def in_newsletter_zone(when: datetime | None, timezone: str) -> datetime:
    """A time of our own (now by default) with a zone: a time without one is the newsletter's local
    time, not UTC as for articles (see the module docstring)."""
    zone = ZoneInfo(timezone)
    if when is None:
        return datetime.now(zone)
    return when if when.tzinfo else when.replace(tzinfo=zone)
