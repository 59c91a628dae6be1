"""[schedule]: `digest run` sends on the newsletter's days only (weekdays, holidays, skipped dates,
in its own time zone); build, send and send --test work on any day; --force overrides."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from digest.cli import main
from digest.config import config_from_dict
from digest.errors import ConfigError
from digest.schedule import edition_date, no_edition_reason

from .sendkit import environment, load, write_config

pytestmark = pytest.mark.usefixtures("secrets")

SATURDAY = "2026-11-28"
EPIPHANY = "2027-01-06"  # a Wednesday; a public holiday in Bavaria, not in Berlin


def run(config, *args):
    return CliRunner(env=environment()).invoke(main, ["--config", str(config), *args])


def test_run_on_a_saturday_sends_nothing_and_says_why_in_one_line(relay, tmp_path):
    server = relay()
    config = write_config(tmp_path, server, to=["anna@example.org"])
    result = run(config, "run", "--date", SATURDAY)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"{SATURDAY}: no edition on Saturdays\n"
    quiet = run(config, "-q", "run", "--date", SATURDAY)
    assert quiet.exit_code == 0 and quiet.output == ""
    assert server.received == [] and server.connections == 0
    assert not (tmp_path / "state" / "state.db").exists()  # nothing recorded either
    forced = run(config, "run", "--force", "--date", SATURDAY)
    assert forced.exit_code == 0, forced.output
    assert [m.rcpt_tos for m in server.received] == [["anna@example.org"]]


def test_build_send_and_test_mail_work_on_any_day(relay, tmp_path):
    server = relay()
    config = write_config(tmp_path, server, to=["anna@example.org"])
    assert run(config, "build", "--date", SATURDAY).exit_code == 0
    assert run(config, "send", "--test", "t@example.org", "--date", SATURDAY).exit_code == 0
    assert run(config, "send", "--date", SATURDAY).exit_code == 0
    assert sorted(r for m in server.received for r in m.rcpt_tos) == [
        "anna@example.org", "t@example.org",
    ]  # fmt: skip


def test_a_regional_holiday_is_named_in_the_newsletters_language(relay, tmp_path):
    server = relay()
    schedule = '[schedule]\nholidays = "DE-BY"\nskip = ["2026-12-24"]\n'
    config = write_config(tmp_path, server, to=["anna@example.org"], extra=schedule)
    result = run(config, "run", "--date", EPIPHANY)
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr == f"{EPIPHANY}: no edition on Heilige Drei Könige\n"
    skipped = run(config, "run", "--date", "2026-12-24")
    assert skipped.stderr == "2026-12-24: no edition on 2026-12-24 (schedule.skip)\n"
    assert server.received == []
    berlin = load(config.parent / "config.toml")
    assert no_edition_reason(berlin, date.fromisoformat(EPIPHANY)) == (
        "no edition on Heilige Drei Könige"
    )


def test_other_days_and_regions(tmp_path):
    config = write_config(tmp_path, None, extra='[schedule]\ndays = ["sat"]\nholidays = "DE-BE"\n')
    berlin = load(config)
    assert no_edition_reason(berlin, date(2026, 11, 28)) is None  # a Saturday edition
    assert no_edition_reason(berlin, date(2026, 11, 27)) == "no edition on Fridays"
    assert no_edition_reason(berlin, date(2027, 1, 6)) == "no edition on Wednesdays"
    # a Saturday that is a holiday, named in the newsletter's language (German by default)
    assert no_edition_reason(berlin, date(2026, 12, 26)) == "no edition on Zweiter Weihnachtstag"


def test_the_edition_date_is_the_newsletters_day_not_the_machines():
    config = config_from_dict({"newsletter": {"timezone": "Europe/Berlin"}}, Path.cwd(), "x")
    friday_night_utc = datetime(2026, 11, 27, 23, 30, tzinfo=UTC)  # Saturday 00:30 in Berlin
    assert edition_date(config, friday_night_utc) == date(2026, 11, 28)
    assert no_edition_reason(config, edition_date(config, friday_night_utc)) == (
        "no edition on Saturdays"
    )
    tokyo = config_from_dict({"newsletter": {"timezone": "Asia/Tokyo"}}, Path.cwd(), "x")
    assert edition_date(tokyo, datetime(2026, 11, 27, 14, 0, tzinfo=UTC)) == date(2026, 11, 27)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('days = ["mon", "fry"]', "schedule.days[1]: must be one of"),
        ('holidays = "XX-YY"', "schedule.holidays: unknown holiday region 'XX-YY'"),
        ('skip = ["24.12.2026"]', "schedule.skip: not a date like '2026-12-24': '24.12.2026'"),
    ],
)
def test_schedule_mistakes_name_their_key(tmp_path, table, message):
    config = write_config(tmp_path, None, extra=f"[schedule]\n{table}\n")
    with pytest.raises(ConfigError) as caught:
        load(config)
    assert any(message in problem for problem in caught.value.problems), caught.value.problems
