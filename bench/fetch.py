"""Benchmark: 50 feeds from local servers with injected latency, concurrent collection vs a loop.

    .venv/bin/python bench/fetch.py [--feeds 50] [--hosts 10] [--latency 0.3] [--rounds 3]

Every feed is served by a real HTTP server on a loopback address (127.0.0.1 … 127.0.0.N are N hosts
to the per-host bound), each answer delayed by --latency seconds. The same process times
`sources.collect()` with the default [fetch] bounds, with wide bounds, and a sequential loop that
reads the same feeds one after another with the same code; it prints the best of --rounds each and
the ratios. Figures depend on the machine (2 shared cores here): compare ratios, not seconds.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from digest.config import config_from_dict
from digest.report import RunReport
from digest.sources import SourceContext, collect
from digest.sources.feed import FeedSource
from digest.sources.fetch import Fetcher
from tests.feedserver import FeedServer, Reply


def feed_body(n: int) -> bytes:
    entries = "".join(
        f"<item><title>Meldung {n}-{i}</title><link>https://example.org/{n}/{i}</link>"
        f"<description>Text der Meldung {n}-{i}, ein Satz.</description></item>"
        for i in range(10)
    )
    return f'<rss version="2.0"><channel><title>Feed {n}</title>{entries}</channel></rss>'.encode()


def make_config(urls: list[str], **fetch: int):
    sources = [{"name": f"feed-{n}", "type": "feed", "url": url} for n, url in enumerate(urls)]
    return config_from_dict({"sources": sources, "fetch": fetch}, Path.cwd(), "bench")


def concurrent(config) -> tuple[float, int]:
    started = time.perf_counter()
    report = RunReport()
    items = collect(config, report)
    assert not report.failures, report.failures
    return time.perf_counter() - started, len(items)


def sequential(config) -> tuple[float, int]:
    """The baseline: the same feeds read one after another with the same source code."""
    started = time.perf_counter()
    report = RunReport()
    count = 0
    with Fetcher() as fetcher:
        context = SourceContext(config, report, fetcher)
        for spec in config.sources:
            count += len(FeedSource(spec, context).read(report))
    assert not report.failures, report.failures
    return time.perf_counter() - started, count


def best(rounds: int, run, config) -> tuple[float, int]:
    results = [run(config) for _ in range(rounds)]
    return min(r[0] for r in results), results[0][1]


def json_rows(args: argparse.Namespace, fetch, seq: float, con: float, wid: float) -> list[dict]:
    what = f"fetch {args.feeds} feeds, {args.hosts} hosts, {args.latency * 1000:.0f} ms latency"
    loop = f"sequential loop: {seq:.2f} s"
    return [
        {
            "benchmark": f"{what} (bounds {fetch.concurrency}/{fetch.per_host} per host)",
            "ours": f"{con:.2f} s",
            "baseline": loop,
            "ratio": f"{seq / con:.1f}× faster",
        },
        {
            "benchmark": f"{what} (bounds {args.feeds}/{args.feeds})",
            "ours": f"{wid:.2f} s",
            "baseline": loop,
            "ratio": f"{seq / wid:.1f}× faster",
        },
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--hosts", type=int, default=10)
    parser.add_argument("--latency", type=float, default=0.3)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="one JSON object for bench/run.py")
    args = parser.parse_args()

    with contextlib.ExitStack() as stack:
        servers = [stack.enter_context(FeedServer(f"127.0.0.{h + 1}")) for h in range(args.hosts)]
        urls = [
            servers[n % args.hosts].route(
                f"/feed-{n}.xml", Reply(body=feed_body(n), delay=args.latency)
            )
            for n in range(args.feeds)
        ]
        default = make_config(urls)
        wide = make_config(urls, concurrency=args.feeds, per_host=args.feeds)
        fetch = default.fetch
        print(
            f"{args.feeds} feeds on {args.hosts} hosts, {args.latency * 1000:.0f} ms latency each, "
            f"best of {args.rounds}"
        )
        seq, n_seq = best(args.rounds, sequential, default)
        con, n_con = best(args.rounds, concurrent, default)
        wid, n_wid = best(args.rounds, concurrent, wide)
        assert n_seq == n_con == n_wid == args.feeds * 10
        floor = -(-args.feeds // min(fetch.concurrency, args.hosts * fetch.per_host)) * args.latency
        if args.json:
            print(json.dumps(json_rows(args, fetch, seq, con, wid), ensure_ascii=False))
            return
        print(f"  sequential loop                         {seq:6.2f} s   (1.0x)")
        print(
            f"  collect(), concurrency {fetch.concurrency}, per_host {fetch.per_host}"
            f"    {con:6.2f} s   ({seq / con:.1f}x faster; latency floor {floor:.1f} s)"
        )
        print(
            f"  collect(), concurrency {args.feeds}, per_host {args.feeds}"
            f"  {wid:6.2f} s   ({seq / wid:.1f}x faster; floor {args.latency:.1f} s)"
        )


if __name__ == "__main__":
    main()
