"""The DigestError tree: every failure the core reports, each with the exit code the CLI maps it to."""

from __future__ import annotations


class DigestError(Exception):
    """A failure with a message for the user; `exit_code` is what the CLI exits with."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(DigestError):
    """The command line asked for something that cannot be done."""

    exit_code = 2


class ConfigError(DigestError):
    """config.toml is missing or wrong; `problems` lists every error found, each with its key path."""

    exit_code = 2

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


class TemplateError(DigestError):
    """A template is missing, malformed or uses an undefined variable."""

    exit_code = 2


class SourceError(DigestError):
    """A source could not be read (the run goes on without it)."""


class RenderError(DigestError):
    """The edition could not be turned into an email (e.g. it is too large)."""


class OutputError(DigestError):
    """An output file could not be written; nothing half-written is left behind."""


class DeliveryError(DigestError):
    """Nothing was delivered and state was not advanced."""

    exit_code = 3


class StateError(DigestError):
    """The state database is locked, corrupt or from a newer version."""

    exit_code = 3


class LockHeldError(DeliveryError):
    """Another run holds the lock."""


class ApprovalError(DeliveryError):
    """Approval is required and the draft is not approved, or changed after it was (exit 3)."""
