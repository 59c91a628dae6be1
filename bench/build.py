"""Benchmark: start-up and a cold build, each against the import of what it cannot do without.

    .venv/bin/python bench/build.py [--rounds 7] [--json]

Each figure is a new process per round, all commands taking turns round by round so that the
shared machine's load falls on them alike; medians, compared as ratios of the same run:

- `digest build` of the shipped config.toml (seeds/ → a temporary folder) against the dependency
  import floor: a fresh interpreter importing jinja2, premailer, click, feedparser and babel.dates
  (target ≤ 1.5×);
- `digest --help` and `digest reduce` of one seed file against `import click` (target ≤ 1.2×);
- all of them against `python -c pass`, the interpreter's own start-up.

digest runs as the `digest` console script installed beside this interpreter (what a user types),
or as `python -m digest` when there is none.

digest's own modules are byte-compiled first (`compileall`), as an installed package's are: with
PYTHONDONTWRITEBYTECODE set (some shells and CI set it) an editable install would otherwise
compile every module from source in every process, while the baseline's dependencies, installed
by pip, load from their .pyc — a handicap of tens of milliseconds per command that no user has.

Inlining: premailer on the default edition's rendered HTML, in this process, per edition.
"""

from __future__ import annotations

import argparse
import compileall
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

FLOOR_IMPORTS = "import jinja2, premailer, click, feedparser, babel.dates"


def digest_command() -> list[str]:
    """The `digest` command as a user types it: the console script pip installed beside this
    interpreter (`python -m digest` adds runpy's lookup, about 10 ms, that the script does not)."""
    script = Path(sys.executable).parent / "digest"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "digest"]


def commands(out: str) -> dict[str, list[str]]:
    digest = [*digest_command(), "--config", str(ROOT / "config.toml")]
    seed = str(ROOT / "seeds" / "br24-koalition-der-willigen.txt")
    return {
        "build": [*digest, "build", "--date", "2026-11-25", "--out", out],
        "floor": [sys.executable, "-c", FLOOR_IMPORTS],
        "help": [*digest, "--help"],
        "reduce": [*digest, "reduce", seed],
        "click": [sys.executable, "-c", "import click"],
        "python": [sys.executable, "-c", "pass"],
    }


def cold_start(rounds: int) -> dict[str, float]:
    """Median wall time of each command as a new process, the commands taking turns."""
    compileall.compile_dir(ROOT / "digest", quiet=1)  # as installed: see the module docstring
    with tempfile.TemporaryDirectory() as out:
        todo = commands(out)
        for command in todo.values():  # once untimed: the page cache warm for every command
            subprocess.run(command, check=True, capture_output=True)
        times: dict[str, list[float]] = {name: [] for name in todo}
        for _ in range(rounds):
            for name, command in todo.items():
                started = time.perf_counter()
                subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
                times[name].append(time.perf_counter() - started)
    return {name: statistics.median(values) for name, values in times.items()}


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
    cold = cold_start(args.rounds)
    inline = inlining(args.rounds)
    rows = [
        {
            "benchmark": "build the default edition, cold process",
            "ours": f"{cold['build']:.2f} s",
            "baseline": f"import floor ({FLOOR_IMPORTS[7:]}): {cold['floor']:.2f} s",
            "ratio": f"{cold['build'] / cold['floor']:.2f}× the import floor (target ≤ 1.5×); "
            f"{cold['build'] / cold['python']:.1f}× python -c pass ({cold['python']:.2f} s)",
        },
        {
            "benchmark": "digest --help, cold process",
            "ours": f"{cold['help']:.3f} s",
            "baseline": f"import click: {cold['click']:.3f} s",
            "ratio": f"{cold['help'] / cold['click']:.2f}× import click (target ≤ 1.2×)",
        },
        {
            "benchmark": "digest reduce of one file, cold process",
            "ours": f"{cold['reduce']:.3f} s",
            "baseline": f"import click: {cold['click']:.3f} s",
            "ratio": f"{cold['reduce'] / cold['click']:.2f}× import click (target ≤ 1.2×)",
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
    print(f"median of {args.rounds} rounds, commands taking turns")
    for row in rows:
        print(
            f"  {row['benchmark']}: {row['ours']} ({row['baseline']}; {row['ratio']})".replace(
                "(; ", "("
            )
        )


if __name__ == "__main__":
    main()
