"""RunReport: what a run did, counted, with every warning and failure; it owns the exit code."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path


@dataclass
class RunReport:
    """Counts outcomes as the stages go; `exit_code` follows DESIGN.md's table."""

    items_read: int = 0
    articles: int = 0
    stories: int = 0
    skipped: int = 0
    delivered: int = 0
    failed_recipients: int = 0
    outputs: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    nothing_delivered: bool = False
    nothing_new: date | None = None  # the edition of this day had no story: nothing was written
    pages_skipped: int = 0  # pages that carry no article (not HTML, too large…): warned, skipped

    def warn(self, message: str) -> None:
        """A problem the run worked around without losing anything the user asked for."""
        self.warnings.append(message)

    def skip_page(self, message: str) -> None:
        """A page that is no article (a PDF, a homepage, a redirect loop): a warning, not a failure,
        since running again would not help; a run that has nothing but such pages fails (see
        `fail_when_all_skipped`)."""
        self.warnings.append(message)
        self.pages_skipped += 1

    def fail_when_all_skipped(self, usable: int) -> None:
        """One failure when every input was a skipped page (nothing usable was read at all)."""
        if not usable and self.pages_skipped and not self.failures:
            pages = (
                "the page was"
                if self.pages_skipped == 1
                else f"all {self.pages_skipped} pages were"
            )
            self.fail(f"nothing usable: {pages} skipped (see the warnings)")

    def fail(self, message: str) -> None:
        """A source, item or recipient that was lost for this run: exit code 1."""
        self.failures.append(message)

    @property
    def exit_code(self) -> int:
        if self.nothing_delivered:
            return 3
        return 1 if self.failures else 0
