"""Benchmark: building the default edition in a cold process, and CSS inlining per edition.

    .venv/bin/python bench/build.py [--rounds 7] [--json]

Cold build: `python -m digest build` on the shipped config.toml (seeds/ → a temporary folder), a new
process each round, against `python -c pass` in the same run (the interpreter's own start-up).
Inlining: premailer on the default edition's rendered HTML, in this process, per edition.
Figures are medians; the machine (2 shared cores here) makes seconds vary: compare ratios.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from digest.config import load_config  # noqa: E402
from digest.pipeline import build  # noqa: E402
from digest.render.html import (  # noqa: E402
    HTML_TEMPLATE,
    build_context,
    environment,
    inline_css,
    render_template,
)


def process_seconds(command: list[str], rounds: int) -> float:
    """Median wall time of running `command` as a new process."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def cold_build(rounds: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as out:
        command = [sys.executable, "-m", "digest", "--config", str(ROOT / "config.toml")]
        command += ["build", "--date", "2026-11-25", "--out", out]
        digest_s = process_seconds(command, rounds)
    python_s = process_seconds([sys.executable, "-c", "pass"], rounds)
    return {"digest": digest_s, "python": python_s}


def inlining(rounds: int) -> dict[str, float]:
    config = load_config(ROOT / "config.toml")
    edition = build(config, edition_date=date(2026, 11, 25)).edition
    html = render_template(environment(None), HTML_TEMPLATE, build_context(edition, config))
    times = []
    for _ in range(rounds * 5):
        started = time.perf_counter()
        inline_css(html)
        times.append(time.perf_counter() - started)
    return {
        "seconds": statistics.median(times),
        "stories": len(edition.stories),
        "kb": len(html) / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="one JSON object for bench/run.py")
    args = parser.parse_args()
    cold = cold_build(args.rounds)
    inline = inlining(args.rounds)
    rows = [
        {
            "benchmark": "build the default edition, cold process",
            "ours": f"{cold['digest']:.2f} s",
            "baseline": f"python -c pass: {cold['python']:.2f} s",
            "ratio": f"{cold['digest'] / cold['python']:.1f}× the interpreter's start",
        },
        {
            "benchmark": f"CSS inlining (premailer), {inline['stories']} stories, {inline['kb']:.0f} KB",
            "ours": f"{inline['seconds'] * 1000:.1f} ms per edition",
            "baseline": "",
            "ratio": "once per edition, not per recipient",
        },
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
        return
    print(f"median of {args.rounds} rounds")
    for row in rows:
        print(
            f"  {row['benchmark']}: {row['ours']} ({row['baseline']}; {row['ratio']})".replace(
                "(; ", "("
            )
        )


if __name__ == "__main__":
    main()
