"""Run every benchmark and print one table (Markdown), with the machine it ran on.

    .venv/bin/python bench/run.py [--quick]

Each script runs in its own process with `--json` and prints its rows; this collects them. Figures
from one run on one machine: compare the ratios, which each script measures against its baseline
in the same process at the same time. `--quick` makes every script smaller (a smoke run, not
figures for the README). The reducer and sending benchmarks need ../shared (the corpus, smtp-sink)
and the `bench` extra (sumy); a script that cannot run says why in its row.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent

SCRIPTS: list[tuple[str, list[str], list[str]]] = [
    # script, arguments for the full run, arguments for --quick
    ("build.py", ["--rounds", "7"], ["--rounds", "2"]),
    ("reduce_speed.py", [], ["--min-articles", "80"]),
    ("fetch.py", [], ["--feeds", "10", "--hosts", "2", "--latency", "0.1", "--rounds", "1"]),
    ("page_extract.py", [], ["--rounds", "1"]),
    ("scale.py", [], ["--sizes", "10", "100", "1000"]),
    (
        "send.py",
        [],
        [
            "--recipients",
            "200",
            "--dkim-recipients",
            "100",
            "--memory-recipients",
            "2000",
            "--chunks",
            "2",
        ],
    ),
]


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}"
    )


def run_script(name: str, arguments: list[str]) -> tuple[list[dict[str, str]], float]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(BENCH / name), *arguments, "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    rows = None
    for line in reversed(done.stdout.splitlines() if done.returncode == 0 else []):
        if line.startswith("[{"):  # the --json line; a script may print notes around it
            rows = json.loads(line)
            break
    if not rows:
        reason = (done.stderr.strip().splitlines() or ["no output"])[-1]
        rows = [
            {"benchmark": name, "ours": "–", "baseline": "–", "ratio": f"did not run: {reason}"}
        ]
    return rows, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke run")
    args = parser.parse_args()
    print(f"Machine: {machine()}")
    print(f"Date: {time.strftime('%Y-%m-%d')}{' (quick run)' if args.quick else ''}\n")
    print("| benchmark | digest | baseline (same run) | ratio / note |")
    print("|---|---|---|---|")
    for name, full, quick in SCRIPTS:
        rows, elapsed = run_script(name, quick if args.quick else full)
        for row in rows:
            cells = (row["benchmark"], row["ours"], row["baseline"], row["ratio"])
            print("| " + " | ".join(cells) + " |", flush=True)
        print(f"bench/{name}: {elapsed:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
