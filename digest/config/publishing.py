"""[schedule] and [archive]: on which days an edition goes out, and where sent editions are published.

Both are config tables like the others in load.py (options with a default, a line of documentation
and a check); they live here so that the calendar rules stay apart from the sources and the relay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from .schema import option

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _holiday_region(value: str) -> str | None:
    """An ISO 3166 country with an optional subdivision that the holidays library knows."""
    import holidays  # imported only when a region is configured: it is a large package

    country, _, subdivision = value.partition("-")
    try:
        holidays.country_holidays(country, subdiv=subdivision or None, years=2026)
    except NotImplementedError:
        return (
            f"unknown holiday region {value!r}: an ISO 3166 country with an optional "
            "subdivision, e.g. 'DE', 'DE-BY', 'AT-9'"
        )
    return None


def _iso_date(value: str) -> str | None:
    try:
        date.fromisoformat(value)
    except ValueError:
        return f"not a date like '2026-12-24': {value!r}"
    return None


def _dates(values: tuple[str, ...]) -> str | None:
    return next((problem for value in values if (problem := _iso_date(value))), None)


def _base_url(value: str) -> str | None:
    if not re.match(r"https?://[^\s/]+", value):
        return f"must be an http(s) URL, got {value!r}"
    return None


Approval = Literal["none", "required"]


@dataclass(frozen=True)
class ScheduleConfig:
    """[schedule]: the days `digest run` sends an edition (in the newsletter's time zone), and
    whether an editor must approve the draft first."""

    days: tuple[Weekday, ...] = option(
        ("mon", "tue", "wed", "thu", "fri"), "weekdays with an edition: 'mon' … 'sun'"
    )
    holidays: str | None = option(
        None, "no edition on public holidays of this region, e.g. 'DE' or 'DE-BY'", _holiday_region
    )
    skip: tuple[str, ...] = option(
        (), "further dates without an edition, e.g. ['2026-12-24']", _dates
    )
    approval: Approval = option(
        "none",
        "'required': digest send/run send only a draft approved with `digest approve` "
        "whose content still matches",
    )

    @property
    def skip_dates(self) -> frozenset[date]:
        return frozenset(date.fromisoformat(value) for value in self.skip)


@dataclass(frozen=True)
class ArchiveConfig:
    """[archive]: sent editions as static web pages, an index and an Atom feed."""

    dir: Path | None = option(None, "folder of the web archive; unset: no archive is written")
    base_url: str | None = option(
        None,
        "public URL of that folder; the email's 'view in browser' link points there",
        _base_url,
    )

    def page_url(self, day: date) -> str | None:
        """The public address of the edition of `day`, when a base URL is set."""
        if not self.base_url:
            return None
        return f"{self.base_url.rstrip('/')}/{day.isoformat()}.html"
