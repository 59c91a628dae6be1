"""Quotes and speakers on 700 expert-annotated German news articles, beside a naive baseline.

Runs ../shared/tools/quote-eval (its --help gives the scoring rules) on
../shared/corpus/wikinews-train, split by a fixed rule into a development part (article id not a
multiple of 5: 558 articles, the part the rules were tuned on) and a held-out part (id a multiple of
5: 142 articles, only measured), and on all 700, for two systems in the same run:
- digest: `digest reduce --json` (RuleReducer);
- baseline: every passage in quotation marks is a quote, its speaker the name-like words by the
  nearest speech verb (bench/reduce_quality.py's baseline_quotes), as `--naive PATH…` of this script.

    python bench/quote_eval.py [--json]     (needs ../shared; skipped with a reason without it)
    python bench/quote_eval.py --naive PATH…   (the baseline as a reducer command: JSON lines)
"""

from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
from pathlib import Path

from benchlib import ROOT
from reduce_quality import baseline_quotes

from digest.extract import extract
from digest.models import RawItem

TOOL = ROOT.parent / "shared" / "tools" / "quote-eval"
DATA = ROOT.parent / "shared" / "corpus" / "wikinews-train" / "train.jsonl"
HELD_OUT_EVERY = 5  # an article whose id is a multiple of this is held out


def split_ids() -> dict[str, list[str]]:
    """The development and held-out ids, by the fixed rule above."""
    ids = [json.loads(line)["id"] for line in DATA.read_text(encoding="utf-8").splitlines() if line]
    held = [i for i in ids if int(i) % HELD_OUT_EVERY == 0]
    dev = [i for i in ids if int(i) % HELD_OUT_EVERY != 0]
    return {"dev": dev, "held-out": held, "all": ids}


def evaluate(command: str, ids: list[str] | None) -> dict[str, object]:
    argv = [sys.executable, str(TOOL), "--cmd", command, "--json"]
    if ids is not None:
        argv += ["--ids", ",".join(ids)]
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"quote-eval failed: {done.stdout[-500:]}{done.stderr[-500:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def naive(paths: list[str]) -> None:
    """The baseline as a reducer command: one JSON object per file, like `digest reduce --json`."""
    for path in paths:
        title, _, body = Path(path).read_text(encoding="utf-8").partition("\n")
        raw = RawItem(source="files", key=path, url=None, title=title, body=body, language=None)
        quotes = [
            {"text": q.text, "speaker": q.speaker, "role": q.role, "kind": "full"}
            for q in baseline_quotes(extract(raw))
        ]
        print(json.dumps({"input": path, "quotes": quotes}, ensure_ascii=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="rows as JSON (for bench/run.py)")
    parser.add_argument("--naive", nargs="+", metavar="PATH", help="run the baseline on files")
    args = parser.parse_args()
    if args.naive:
        naive(args.naive)
        return
    if not TOOL.exists() or not DATA.exists():
        print(f"skipped: quote-eval or its data is not there ({TOOL}); it comes with ../shared")
        return
    digest = shlex.join([str(Path(sys.executable).parent / "digest"), "reduce", "--json"])
    baseline = shlex.join([sys.executable, str(Path(__file__).resolve()), "--naive"])
    rows = []
    for part, ids in split_ids().items():
        for system, command in (("digest", digest), ("baseline", baseline)):
            figures = evaluate(command, None if part == "all" else ids)
            rows.append({"part": part, "system": system, **figures})
    if args.json:
        print(json.dumps(rows))
        return
    print("| part | system | articles | quotes | quote P | quote R | speaker P | speaker R |")
    print("|---|---|---|---|---|---|---|---|")
    for row in rows:
        print(
            f"| {row['part']} | {row['system']} | {row['docs']} | {row['gold']} "
            f"| {row['precision']:.3f} | {row['recall']:.3f} "
            f"| {row['speaker_precision']:.3f} | {row['speaker_recall']:.3f} |"
        )


if __name__ == "__main__":
    main()
