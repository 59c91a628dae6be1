"""Benchmark: sanitising deeply nested feed HTML, bounded (today) against nh3 on the raw fragment.

    .venv/bin/python bench/nested_html.py [--divs 150000] [--raw-limit 40000]

One entry of N unclosed <div> and a paragraph. `clean_html()` bounds size and depth first
(sanitise.bound_html); the raw arm hands the same fragment straight to nh3 as before issue 20,
only up to --raw-limit divs (its time grows with the square of the depth). Prints JSON: seconds
per arm and depth, and the ratio at the largest depth both arms ran. Compare ratios, not seconds.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import nh3

from digest.sources.sanitise import ALLOWED_TAGS, clean_html


def timed(function, *args) -> float:
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--divs", type=int, default=150_000)
    parser.add_argument("--raw-limit", type=int, default=40_000)
    args = parser.parse_args()
    sizes = sorted({10_000, 20_000, args.raw_limit, args.divs})
    rows = []
    for size in sizes:
        fragment = "<div>" * size + "<p>Text.</p>"
        row = {"divs": size, "bounded_s": round(timed(clean_html, fragment), 3)}
        if size <= args.raw_limit:
            row["raw_nh3_s"] = round(timed(nh3.clean, fragment, set(ALLOWED_TAGS)), 3)
        rows.append(row)
    both = [r for r in rows if "raw_nh3_s" in r][-1]
    print(json.dumps({
        "benchmark": "sanitising N unclosed <div> in one entry",
        "rows": rows,
        "ratio_raw_to_bounded_at": both["divs"],
        "ratio": round(both["raw_nh3_s"] / max(both["bounded_s"], 1e-6), 1),
    }, indent=2))  # fmt: skip


if __name__ == "__main__":
    main()
