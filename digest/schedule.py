"""Which days have an edition: [schedule] days, public holidays and skipped dates → a reason or None.

The day is always the newsletter's own (its time zone), never the machine's: a cron job on a UTC
server that runs at 23:30 on a Friday in Berlin is already on Saturday. `digest run` asks
`no_edition_reason()` first; build, send and send --test work on any day.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from .config import Config
from .config.publishing import WEEKDAYS

_PLURAL = {
    "mon": "Mondays",
    "tue": "Tuesdays",
    "wed": "Wednesdays",
    "thu": "Thursdays",
    "fri": "Fridays",
    "sat": "Saturdays",
    "sun": "Sundays",
}


def edition_date(config: Config, now: datetime | None = None) -> date:
    """Today in the newsletter's time zone (`now`, any zone, for tests)."""
    zone = ZoneInfo(config.newsletter.timezone)
    return (now.astimezone(zone) if now else datetime.now(zone)).date()


def no_edition_reason(config: Config, day: date) -> str | None:
    """Why `day` has no edition ("no edition on Saturdays"), or None when it has one."""
    schedule = config.schedule
    if day in schedule.skip_dates:
        return f"no edition on {day.isoformat()} (schedule.skip)"
    weekday = WEEKDAYS[day.weekday()]
    if weekday not in schedule.days:
        return f"no edition on {_PLURAL[weekday]}"
    if schedule.holidays:
        name = holiday_name(schedule.holidays, config.newsletter.language, day)
        if name:
            return f"no edition on {name}"
    return None


def holiday_name(region: str, language: str, day: date) -> str | None:
    """The public holiday on `day` in `region` ('DE-BY'), named in `language` where known."""
    return _calendar(region, language, day.year).get(day)


@lru_cache(maxsize=16)
def _calendar(region: str, language: str, year: int) -> dict[date, str]:
    import holidays  # a large package: only loaded when a region is configured

    country, _, subdivision = region.partition("-")
    calendar = holidays.country_holidays(country, subdiv=subdivision or None, years=year)
    if language in calendar.supported_languages:
        calendar = holidays.country_holidays(
            country, subdiv=subdivision or None, years=year, language=language
        )
    return dict(calendar.items())
