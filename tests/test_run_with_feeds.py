"""Sources, seen-state and sending together, as cron runs them on consecutive days: a feed's entries
go out once, an unchanged feed costs a 304, and only new entries make the next edition."""

from __future__ import annotations

from datetime import date

import pytest

from digest.pipeline import send as send_edition
from digest.report import RunReport
from digest.state.db import State

from .feedserver import Reply
from .sendkit import load, people, write_config

pytestmark = pytest.mark.usefixtures("secrets")


# Three different events (alike entries would be merged into one story with one link).
EVENTS = {
    1: ("Hallenbad", "Der Stadtrat hat am Mittwoch den Neubau des Hallenbads beschlossen"),
    2: ("Feuerwehr", "Die Feuerwehr bekommt im Frühjahr eine zweite Drehleiter für die Altstadt"),
    3: ("Bibliothek", "Die Stadtbibliothek öffnet künftig auch sonntags von zehn bis sechzehn Uhr"),
}


def rss(*entries: int) -> bytes:
    items = "".join(
        f"<item><title>{EVENTS[n][0]}: Meldung {n}</title>"
        f"<link>https://www.example.org/n/{n}</link><guid>n-{n}</guid>"
        f"<description>{EVENTS[n][1]}. „Das ist ein guter Tag für die Stadt“, sagte "
        f"Bürgermeisterin Anna Berg.</description></item>"
        for n in entries
    )
    return f'<rss version="2.0"><channel><title>Stadt</title>{items}</channel></rss>'.encode()


def test_entries_go_out_once_across_days(relay, feed_server, tmp_path):
    server = relay()
    requests = []
    body = {"feed": rss(1, 2)}

    def feed(request):
        requests.append(request.headers.get("if-none-match"))
        if request.headers.get("if-none-match") == f'"{hash(body["feed"])}"':
            return Reply(status=304)
        return Reply(body=body["feed"], headers={"ETag": f'"{hash(body["feed"])}"'})

    url = feed_server.route("/stadt.xml", feed)
    extra = f'[[sources]]\nname = "Stadt"\ntype = "feed"\nurl = "{url}"\nmax_age_hours = 100000\n'
    config_path = write_config(tmp_path, server, csv_rows=people(2), extra="")
    text = config_path.read_text().replace("[smtp]", extra + "\n[smtp]")
    config_path.write_text(text)
    config = load(config_path)

    def run_on(day: date) -> tuple[str, set[str]]:
        before = len(server.received)
        result = send_edition(config, RunReport(), edition_date=day)
        links = {
            link
            for message in server.received[before:]
            for link in ("/n/1", "/n/2", "/n/3")
            if link in message.message.get_body(("plain",)).get_content()
        }
        return result.status, links

    assert run_on(date(2026, 11, 23)) == ("sent", {"/n/1", "/n/2"})
    assert run_on(date(2026, 11, 24)) == ("nothing new", set())  # unchanged feed: a 304
    body["feed"] = rss(1, 2, 3)
    assert run_on(date(2026, 11, 25)) == ("sent", {"/n/3"})
    # Conditional GET from the second run on; the unchanged feed was answered with a 304.
    assert requests[:2] == [None, f'"{hash(rss(1, 2))}"']
    with State(config.state.path) as state:
        seen = {row[0] for row in state.db.execute("SELECT key FROM seen")}
    assert {f"https://www.example.org/n/{n}" for n in (1, 2, 3)} <= seen
