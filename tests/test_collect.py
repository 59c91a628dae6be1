"""Concurrent collection: the overall and per-host bounds hold, order is the config's, progress is told."""

from __future__ import annotations

import time

from digest.config import config_from_dict
from digest.report import RunReport
from digest.sources import collect
from digest.sources.parallel import Job, run_jobs

from .feedserver import FeedServer, Reply

DELAY = 0.3


def one_entry_feed(name: str) -> bytes:
    return (
        f'<rss version="2.0"><channel><title>{name}</title><item><title>Meldung {name}</title>'
        f"<link>https://example.org/{name}</link><description>Text {name}.</description>"
        "</item></channel></rss>"
    ).encode()


def config(tmp_path, urls, **fetch):
    sources = [{"name": f"f{i}", "type": "feed", "url": url} for i, url in enumerate(urls)]
    data = {"sources": sources, "fetch": fetch, "state": {"path": str(tmp_path / "s.db")}}
    return config_from_dict(data, tmp_path, "test.toml")


def test_feeds_are_fetched_concurrently_within_both_bounds(tmp_path):
    # Three loopback addresses are three hosts; 4 feeds each, 0.3 s latency per request.
    with FeedServer("127.0.0.1") as a, FeedServer("127.0.0.2") as b, FeedServer("127.0.0.3") as c:
        urls = []
        for server in (a, b, c):
            for n in range(4):
                name = f"{server.server.server_address[0]}-{n}"
                urls.append(
                    server.route(f"/{n}.xml", Reply(body=one_entry_feed(name), delay=DELAY))
                )
        started = time.monotonic()
        report = RunReport()
        items = collect(config(tmp_path, urls, concurrency=5, per_host=2), report)
        elapsed = time.monotonic() - started
        per_host_peaks = [a.max_active, b.max_active, c.max_active]
    assert report.failures == []
    assert [i.source for i in items] == [
        f"f{i}" for i in range(12)
    ]  # config order, not finish order
    assert max(per_host_peaks) <= 2 and sum(per_host_peaks) >= 5  # each host bounded, all busy
    sequential = 12 * DELAY
    assert elapsed < sequential / 2, (
        f"{elapsed:.2f} s is not concurrent (sequential {sequential} s)"
    )


def test_overall_bound(tmp_path):
    with FeedServer() as server:
        urls = [
            server.route(f"/{n}.xml", Reply(body=one_entry_feed(str(n)), delay=0.1))
            for n in range(6)
        ]
        collect(config(tmp_path, urls, concurrency=2, per_host=10), RunReport())
        assert server.max_active == 2


class Recorder:
    def __init__(self):
        self.events = []

    def start(self, total, label):
        self.events.append(("start", total, label))

    def advance(self):
        self.events.append(("advance",))

    def finish(self):
        self.events.append(("finish",))


def test_progress_is_told_per_job_and_outcomes_keep_job_order():
    def job(n):
        def run(report):
            time.sleep(0.05 * (3 - n))  # the first job finishes last
            report.warn(f"job {n}")
            if n == 1:
                raise ValueError("broken")
            return n

        return Job(f"job {n}", f"host{n}", run)

    recorder = Recorder()
    outcomes = run_jobs([job(0), job(1), job(2)], concurrency=3, per_host=1, progress=recorder)
    assert [o.value for o in outcomes] == [0, None, 2]
    assert isinstance(outcomes[1].error, ValueError)
    assert [o.report.warnings for o in outcomes] == [["job 0"], ["job 1"], ["job 2"]]
    assert recorder.events == [("start", 3, "fetching"), *[("advance",)] * 3, ("finish",)]


def test_no_network_sources_means_no_fetching(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Titel\n\nEin Satz.\n", encoding="utf-8")
    data = {"sources": [{"name": "t", "path": "seeds"}]}
    recorder = Recorder()
    items = collect(config_from_dict(data, tmp_path, "t.toml"), RunReport(), progress=recorder)
    assert len(items) == 1 and recorder.events == []
