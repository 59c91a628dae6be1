"""`digest init [DIR]`: a new newsletter's folder that builds at once, offline.

Writes config.toml (commented: name, sender, time zone, a text source over seeds/, a feed source
as a commented-out example, schedule, archive, SMTP with the password in an environment
variable), seeds/ with one sample article, .env.example and README.txt with the cron and systemd
lines for this machine's paths. Every file is new: an existing config.toml is never overwritten.
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from ..config import config_from_dict
from ..deliver.files import write_all
from ..errors import ConfigError, UsageError

FILES = ("config.toml", "seeds/", ".env.example", "README.txt")


@dataclass(frozen=True)
class Answers:
    """What `digest init` asks (or takes as defaults)."""

    name: str = "Mein Abend"
    sender: str = "Mein Abend <abend@example.org>"
    timezone: str = "Europe/Berlin"
    language: str = "de"


def check(answers: Answers) -> None:
    """The answers as the config loader will read them: a typo is caught before anything is written."""
    for key in ("name", "sender", "timezone", "language"):
        if problem := answer_problem(key, getattr(answers, key)):
            raise UsageError(f"{key}: {problem}")


def answer_problem(key: str, value: str) -> str | None:
    """What is wrong with one answer (as [newsletter] `key` would be), or None."""
    if key == "name":
        if not value.strip() or any(c in value for c in '"\\\r\n'):
            return f"give a name without quotes or line breaks, got {value!r}"
        return None
    try:
        config_from_dict({"newsletter": {key: value}}, Path.cwd(), "digest init")
    except ConfigError as err:
        return err.problems[0].split(": ", 2)[-1]  # without "digest init: newsletter.<key>: "
    return None


def scaffold(folder: Path, answers: Answers) -> list[Path]:
    """Write the new newsletter into `folder`; UsageError (exit 2) when it has a config already."""
    check(answers)
    folder = folder.resolve()
    if (folder / "config.toml").exists():
        raise UsageError(f"{folder / 'config.toml'} already exists; not overwritten")
    digest = _digest_command()
    files = {
        "config.toml": config_text(answers),
        ".env.example": ENV_EXAMPLE,
        "README.txt": readme_text(folder, answers, digest),
    }
    written = write_all(folder, {name: text.encode("utf-8") for name, text in files.items()})
    article = SAMPLE_ARTICLE[answers.language]
    written += write_all(folder / "seeds", {article[0]: article[1].encode("utf-8")})
    return written


def _digest_command() -> str:
    """The digest executable as cron must call it: beside this Python, else on PATH, else the module."""
    beside = Path(sys.executable).parent / "digest"
    if beside.is_file():
        return str(beside)
    found = shutil.which("digest")
    return found or f"{sys.executable} -m digest"


def config_text(a: Answers) -> str:
    return CONFIG.format(name=a.name, sender=a.sender, timezone=a.timezone, language=a.language)


CONFIG = """\
# {name}: made by `digest init`. Every key is documented in digest's README § Configuration.
# Relative paths resolve against this file's folder (cron runs from $HOME).

[newsletter]
name = "{name}"
tagline = "Das Wichtigste vom Tag auf einen Blick"
sender = "{sender}"
language = "{language}"          # "de" or "en": labels, dates, the reducer's rules
timezone = "{timezone}"   # the edition's date and weekday are this zone's, not the machine's
max_stories = 8
# The one-click unsubscribe link; {{token}} becomes each recipient's token (see .env.example).
unsubscribe_url = "https://www.example.org/abmelden?t={{token}}"

# Articles as text files: one per file, the first line the title (README § Source files).
[[sources]]
name = "Redaktion"
type = "textfile"
path = "seeds"

# A feed source, kept commented so that the first build works offline:
# [[sources]]
# name = "Beispielzeitung"
# type = "feed"
# url = "https://www.example.org/nachrichten/feed.xml"
# baseline = true    # first run: what the feed has now counts as sent

[output]
dir = "out"                  # digest build writes out/<date>/digest.{{html,txt,eml,json}}

[schedule]
days = ["mon", "tue", "wed", "thu", "fri"]   # digest run sends on these days only
# holidays = "DE-BY"         # and not on public holidays of this region
# skip = ["2026-12-24"]      # nor on these dates

[archive]
dir = "archive"              # every sent edition as a web page, index.html and feed.xml
# base_url = "https://www.example.org/abend/"   # where that folder is published

# The relay. As made here: `digest sink` on this machine, which keeps every mail in ./mail.
# For a real relay set host, port and username; the password comes from the environment
# variable named in password_env, never from this file (see .env.example).
[smtp]
host = "localhost"
port = 2525
security = "none"            # only allowed to a relay on this machine
# host = "smtp.example.org"
# port = 587                 # STARTTLS
# security = "starttls"
# username = "abend"
# password_env = "DIGEST_SMTP_PASSWORD"

[recipients]
to = []                      # e.g. ["Anna Berger <anna@example.org>"], or file = "list.csv"
test = ["you@example.org"]   # digest send --test without addresses goes here
token_secret_env = "DIGEST_UNSUBSCRIBE_SECRET"

[state]
path = "state.db"            # what was sent: articles, editions, recipients
"""

ENV_EXAMPLE = """\
# Secrets for digest, as environment variables. Copy to a file only you can read and load it
# before digest runs (the cron lines in README.txt do):
#   cp .env.example ~/.config/digest/env && chmod 600 ~/.config/digest/env
# then put in the real values. Never commit the copy.
export DIGEST_SMTP_PASSWORD='the relay password'
# The secret behind each reader's unsubscribe token; e.g. from: python3 -c 'import secrets; print(secrets.token_urlsafe(32))'
export DIGEST_UNSUBSCRIBE_SECRET='a long random string'
"""


def readme_text(folder: Path, a: Answers, digest: str) -> str:
    config = folder / "config.toml"
    run = f'{digest} -q --config "{config}" run'
    return f"""\
{a.name}: made by `digest init`.

What is here:
  config.toml    the newsletter's settings (commented)
  seeds/         its articles as text files: one invented sample to start with (replace it)
  .env.example   the secrets digest reads from the environment
  README.txt     this file

First steps (each command works as written):
  {digest} --config "{config}" build            # out/<date>/digest.html: open it in a browser
  {digest} --config "{config}" preview          # the edition in the browser, live
  {digest} sink --maildir "{folder / "mail"}" &     # a local relay that keeps mail in ./mail
  {digest} --config "{config}" send --test you@example.org
  {digest} --config "{config}" check            # is everything in place for a send?

From cron, Monday to Friday at 17:45 in the newsletter's time zone ({a.timezone}),
whatever the machine's own zone is (crontab -e):

CRON_TZ={a.timezone}
45 17 * * 1-5  . "$HOME/.config/digest/env" && {run}

digest run also knows [schedule] itself: on other days and holidays it sends nothing and exits 0.

Or as a systemd user timer (~/.config/systemd/user/digest.timer and digest.service):

[Timer]
OnCalendar=Mon..Fri 17:45 {a.timezone}
[Service]
Type=oneshot
EnvironmentFile=%h/.config/digest/env
ExecStart={run}

(for EnvironmentFile, write the env file's lines without `export`.)
"""


SAMPLE_ARTICLE = {
    "de": (
        "beispiel-stadtbibliothek.txt",
        """\
---
url: https://www.example.org/nachrichten/stadtbibliothek-laengere-oeffnungszeiten
section: Aus der Stadt
---
Stadtbibliothek öffnet künftig auch sonntags

Die Stadtbibliothek öffnet vom ersten Januar an auch an Sonntagen. Von 11 bis 17 Uhr können
Besucherinnen und Besucher dann lesen, lernen und Medien ausleihen. Der Kulturausschuss hat dem
Vorschlag am Dienstag mit zehn zu drei Stimmen zugestimmt.

„Viele Familien haben nur am Wochenende Zeit für die Bibliothek“, sagte Bibliotheksleiterin
Maria Beispiel. Für den Sonntagsbetrieb stellt die Stadt zwei zusätzliche Stellen bereit; die
Kosten liegen bei rund 120.000 Euro im Jahr.
""",
    ),
    "en": (
        "sample-city-library.txt",
        """\
---
url: https://www.example.org/news/city-library-sunday-opening
section: City
---
City library to open on Sundays

The city library will open on Sundays from the first of January. Visitors can read, study and
borrow books from 11 am to 5 pm. The culture committee approved the proposal on Tuesday by ten
votes to three.

“Many families only have time for the library at the weekend,” said head librarian Mary Example.
The city is funding two additional posts for the Sunday service, at a cost of about 120,000 euros
a year.
""",
    ),
}
