"""Runs network jobs concurrently within two bounds: overall, and per host (politeness).

A job waits in its host's queue until that host has a free slot, so jobs for one slow or crowded
host never occupy the pool while other hosts could be served. Each job reports into its own
RunReport; the messages are merged in job order afterwards, so stderr reads the same on every run
however the requests happened to finish.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

from ..report import RunReport

if TYPE_CHECKING:
    from concurrent.futures import Future

T = TypeVar("T")


class Progress(Protocol):
    """Where the runner tells how far it is (the CLI shows a bar on a terminal, nothing under cron)."""

    def start(self, total: int, label: str) -> None: ...

    def advance(self) -> None: ...

    def finish(self) -> None: ...


@dataclass(frozen=True)
class Job(Generic[T]):
    """One unit of network work: `run(report)` returns its result or raises; `host` bounds it."""

    label: str  # names the job in messages: "feed 'BR24' (https://…)"
    host: str
    run: Callable[[RunReport], T]


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What a job returned (`value`), or the exception it raised (`error`), and what it reported."""

    job: Job[T]
    value: T | None
    error: BaseException | None
    report: RunReport


def run_jobs(
    jobs: Sequence[Job[T]],
    *,
    concurrency: int,
    per_host: int,
    progress: Progress | None = None,
    label: str = "fetching",
) -> list[Outcome[T]]:
    """Run every job, at most `concurrency` at once and `per_host` per host; outcomes in job order."""
    outcomes: dict[int, Outcome[T]] = {}
    if not jobs:
        return []
    # Here, not at the top: concurrent.futures imports logging and threading, which a build of
    # local files (no job to run) and `digest reduce` never need.
    from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

    concurrency, per_host = max(1, concurrency), max(1, per_host)
    if progress:
        progress.start(len(jobs), label)
    waiting: dict[str, deque[int]] = {}
    for index, job in enumerate(jobs):
        waiting.setdefault(job.host, deque()).append(index)
    busy: dict[str, int] = dict.fromkeys(waiting, 0)
    running: dict[Future[Outcome[T]], int] = {}
    try:
        with ThreadPoolExecutor(
            max_workers=max(1, concurrency), thread_name_prefix="fetch"
        ) as pool:
            while waiting or running:
                for host in list(waiting):  # start what the bounds allow, hosts in turn
                    while (
                        waiting.get(host) and busy[host] < per_host and len(running) < concurrency
                    ):
                        index = waiting[host].popleft()
                        busy[host] += 1
                        running[pool.submit(_run_one, jobs[index])] = index
                    if not waiting.get(host):
                        waiting.pop(host, None)
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    index = running.pop(future)
                    busy[jobs[index].host] -= 1
                    outcomes[index] = future.result()
                    if progress:
                        progress.advance()
    finally:
        if progress:
            progress.finish()
    return [outcomes[i] for i in range(len(jobs))]


def _run_one(job: Job[T]) -> Outcome[T]:
    report = RunReport()
    try:
        return Outcome(job, job.run(report), None, report)
    except (
        Exception
    ) as err:  # handed to the caller, who names the source; one job never ends the run
        return Outcome(job, None, err, report)


def merge_reports(into: RunReport, reports: Sequence[RunReport]) -> None:
    """Add the jobs' warnings and failures to the run's report, in job order."""
    for report in reports:
        into.warnings.extend(report.warnings)
        into.failures.extend(report.failures)
        into.pages_skipped += report.pages_skipped
