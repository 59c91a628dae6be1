"""How a build grows with the number of articles: 10, 100, 1,000 and 10,000.

    .venv/bin/python bench/scale.py [--sizes 10 100 1000 10000] [--json]

The articles are the de-news corpus and the wikinews-train set (../shared/corpus, 741 articles),
repeated under new keys past that (so from 1,000 on, some stories have exact twins, which the
near-duplicate check must group). For each size, in one process: extract + reduce every article,
the near-duplicate check over all stories (digest/edition/merge.py), assembling the edition and
rendering it (the edition keeps max_stories, so rendering does not grow). Beside it, the
near-duplicate check of the first index (every earlier lead sharing any term compared), which
grew ×11 per ×10, and a check that both group alike. Repeated texts are exact twins, which the
check places without comparing; so it is timed again with a word of its own added to every
headline (the same texts, no two vectors equal), the case of many different articles, and the
full cosines it still computes are counted.

The near-duplicate checks are timed in the process's CPU time (single-threaded Python: on a
shared machine, wall time adds whatever else runs), each after a garbage collection, best of
three rounds that time every size in turn (the first index's check: best of three up to 1,000,
once at 10,000).
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import time
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from benchlib import CORPUS, ROOT, corpus_files, read_article

from digest.config import load_config
from digest.edition import merge
from digest.edition.assemble import assemble
from digest.edition.merge import THRESHOLD, cosine, same_event_groups, tfidf_vectors
from digest.extract import extract
from digest.models import Article, RawItem, Story
from digest.reduce import RuleReducer
from digest.render.html import render

WIKINEWS = CORPUS.parent / "wikinews-train" / "train.jsonl"


def articles() -> list[Article]:
    found = [read_article(path) for path in corpus_files()]
    if WIKINEWS.exists():
        for line in WIKINEWS.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            raw = RawItem(
                source="wikinews",
                key=f"wn-train-{record['id']}",
                url=None,
                title=record["title"],
                body=record["text"],
                language=None,
            )
            found.append(extract(raw))
    return [a for a in found if a.paragraphs]


def groups_before(stories: Sequence[Story], threshold: float = THRESHOLD) -> list[list[int]]:
    """The near-duplicate check of the first inverted index: every earlier lead sharing any term."""
    vectors = tfidf_vectors(stories)
    groups: list[list[int]] = []
    leads_with: dict[str, list[int]] = {}
    for index, vector in enumerate(vectors):
        candidates = sorted({g for term in vector for g in leads_with.get(term, ())})
        for g in candidates:
            if cosine(vectors[groups[g][0]], vector) >= threshold:
                groups[g].append(index)
                break
        else:
            groups.append([index])
            for term in vector:
                leads_with.setdefault(term, []).append(len(groups) - 1)
    return groups


def tag(number: int) -> str:
    """A word of five letters of its own for each number below 26**4 ("qaaaa", "qaaab", …): no
    two stories share it, so a repeated text is no longer an exact twin of the first."""
    letters = "".join(chr(97 + (number // 26**k) % 26) for k in (3, 2, 1, 0))
    return "q" + letters


def timed(work, *args, repeat: int = 1, clock=time.perf_counter):  # type: ignore[no-untyped-def]
    """The result and the best time of `repeat` runs, each after a garbage collection (so a
    collection of the previous step's garbage does not land in a short measurement)."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        started = clock()
        result = work(*args)
        best = min(best, clock() - started)
    return result, best


def cosines_computed(stories: Sequence[Story]) -> int:
    """How many full cosines same_event_groups computes (the rest the index and bounds decide)."""
    count = 0

    def counted(a: dict[str, float], b: dict[str, float]) -> float:
        nonlocal count
        count += 1
        return cosine(a, b)

    merge.cosine = counted
    try:
        same_event_groups(stories)
    finally:
        merge.cosine = cosine
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000, 10_000])
    parser.add_argument("--json", action="store_true", help="one JSON object for bench/run.py")
    args = parser.parse_args()
    base = articles()
    config = load_config(ROOT / "config.toml")
    config = replace(config, newsletter=replace(config.newsletter, max_age_hours=10**6))
    reducer = RuleReducer()
    figures: dict[int, dict[str, float]] = {}
    checked: dict[int, tuple[list[Story], list[Story]]] = {}  # size → (stories, untwinned)
    cpu = time.process_time
    for size in args.sizes:
        batch = [
            replace(base[i % len(base)], key=f"{base[i % len(base)].key}-{i // len(base)}")
            for i in range(size)
        ]
        started = time.perf_counter()
        stories = [reducer.reduce(article) for article in batch]
        reduced = time.perf_counter() - started
        groups = same_event_groups(stories)
        repeat = 3 if size <= 1000 else 1  # ~20 s at 10,000
        before, before_s = timed(groups_before, stories, repeat=repeat, clock=cpu)
        assert groups == before, f"{size}: the near-duplicate groups differ"
        untwinned = [replace(story, headline=f"{story.headline} {tag(i)}") for i, story in enumerate(stories)]  # fmt: skip
        checked[size] = (stories, untwinned)
        edition, assemble_s = timed(assemble, stories, config, date(2026, 11, 25))
        _, render_s = timed(render, edition, config)
        figures[size] = {
            "build": reduced + assemble_s + render_s,
            "before": before_s,
            "cosines": cosines_computed(untwinned),
            "groups": len(groups),
        }
        print(
            f"{size:>6} articles: build {reduced + assemble_s + render_s:7.2f} s (reduce "
            f"{reduced:.2f}, assemble {assemble_s:.3f}, render {render_s:.3f}); near-duplicates "
            f"as with the first index: {before_s:.3f} s CPU; {len(groups)} groups",
            flush=True,
        )
    # The checks at every size in turn, three rounds: a change in the machine's load between
    # sizes would otherwise show up as growth.
    for _ in range(3):
        for size, (stories, untwinned) in checked.items():
            for name, these in (("merge", stories), ("untwinned", untwinned)):
                _, seconds = timed(same_event_groups, these, clock=cpu)
                figures[size][name] = min(figures[size].get(name, seconds), seconds)
    for size in args.sizes:
        print(
            f"{size:>6} articles: near-duplicates {figures[size]['merge']:.3f} s CPU, without "
            f"exact twins {figures[size]['untwinned']:.3f} s CPU, "
            f"{figures[size]['cosines']:.0f} full cosines",
            flush=True,
        )
    sizes = sorted(figures)
    growth = [
        (figures[b]["merge"] / figures[a]["merge"], figures[b]["before"] / figures[a]["before"])
        for a, b in itertools.pairwise(sizes)
        if figures[a]["merge"] > 0 and figures[a]["before"] > 0
    ]
    untwinned = [
        figures[b]["untwinned"] / figures[a]["untwinned"]
        for a, b in itertools.pairwise(sizes)
        if figures[a]["untwinned"] > 0
    ]
    rows = [
        {
            "benchmark": "build time for " + " / ".join(f"{n:,}" for n in sizes) + " articles",
            "ours": " / ".join(f"{figures[n]['build']:.2f}" for n in sizes) + " s",
            "baseline": "per article: "
            + " / ".join(f"{1000 * figures[n]['build'] / n:.1f}" for n in sizes)
            + " ms",
            "ratio": "reduce dominates; rendering keeps max_stories",
        },
        {
            "benchmark": "near-duplicate check for " + " / ".join(f"{n:,}" for n in sizes),
            "ours": " / ".join(f"{1000 * figures[n]['merge']:.0f}" for n in sizes) + " ms",
            "baseline": "first index: "
            + " / ".join(f"{1000 * figures[n]['before']:.0f}" for n in sizes)
            + " ms",
            "ratio": "growth per ×10: "
            + " / ".join(f"×{ours:.1f}" for ours, _ in growth)
            + " (first index: "
            + " / ".join(f"×{was:.1f}" for _, was in growth)
            + "); same groups; CPU time",
        },
        {
            "benchmark": "near-duplicate check without exact twins (a word of its own in each headline) for "
            + " / ".join(f"{n:,}" for n in sizes),
            "ours": " / ".join(f"{1000 * figures[n]['untwinned']:.0f}" for n in sizes) + " ms",
            "baseline": "full cosines: " + " / ".join(f"{figures[n]['cosines']:,}" for n in sizes),
            "ratio": "growth per ×10: " + " / ".join(f"×{g:.1f}" for g in untwinned) + "; CPU time",
        },
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
    else:
        for row in rows:
            print(f"  {row['benchmark']}: {row['ours']} ({row['baseline']}; {row['ratio']})")


if __name__ == "__main__":
    main()
