"""Sending the edition: to every recipient once under the ledger (`digest send`, `digest run`), or
as a test mail to a few addresses that touches no state (`digest send --test`).

The order of one send, top to bottom in `send_edition()`:
  lock → the day's edition from the ledger (resume) or built anew → relay reachable? → edition and
  its rendered copy recorded → every recipient queued → each queued recipient sent, the ledger
  written around each transaction → articles seen once the relay accepted a copy → edition closed.
A relay that is down before anything was recorded leaves the state exactly as it was (exit 3).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from email.utils import make_msgid

from .config import Config
from .deliver.dkim import signer_for
from .deliver.ledger import QUEUED, SENDING, SENT, EditionRecord, Ledger, read_only
from .deliver.merge import MessageTemplate
from .deliver.outbox import Job, NoJournal, Outbox, Outcome, Policy
from .deliver.personalise import Personal, unsubscribe_url
from .deliver.recipients import Recipient, Tokens, iter_recipients, make_recipient
from .deliver.smtp import RelayUnavailable, relay_settings
from .errors import ConfigError
from .models import Rendered
from .pipeline import build, today
from .render.message import edition_message_id
from .report import RunReport
from .sources.parallel import Progress
from .state.db import State
from .state.lock import run_lock


@dataclass
class SendResult:
    """What a send did, for the one line the CLI prints."""

    day: date
    status: str  # sent | partial | incomplete | already sent | nothing new | dry run | test
    sent: int = 0  # by this run
    total: int = 0  # recipients of the edition
    counts: dict[str, int] = field(default_factory=dict)  # ledger rows by status, after the run


def send_edition(
    config: Config,
    report: RunReport,
    *,
    edition_date: date | None = None,
    dry_run: bool = False,
    resend_unconfirmed: bool = False,
    progress: Progress | None = None,
) -> SendResult:
    """Send the day's edition to every recipient who has not got it yet."""
    day = edition_date or today(config)
    if dry_run:
        return dry_run_send(config, report, day)
    with (
        run_lock(config.state.path),
        State(config.state.path, timeout=config.state.timeout) as state,
    ):
        ledger = Ledger(state)
        record = ledger.find(config.newsletter.name, day)
        if record and record.status != "sending" and not resend_unconfirmed:
            return SendResult(day, "already sent", counts=ledger.counts(record.id))
        outbox = _outbox(config)
        _preflight(config)
        if record is None:
            # The writable state: seen articles are left out, the feed cache and baselines saved.
            built = build(config, edition_date=day, report=report, state=state)
            if not built.edition.stories and not config.newsletter.send_empty:
                return SendResult(day, "nothing new")
        outbox.open()  # before anything is recorded: a relay that is down changes nothing
        with outbox:  # closed however the rest ends (a locked state included)
            if record is None:
                message_id = edition_message_id(built.edition, config)
                record = ledger.create(built.edition, built.rendered, message_id)
            return _send_recorded(
                config, report, ledger, record, outbox, resend_unconfirmed, progress
            )


def _advance(progress: Progress, count: int) -> None:
    for _ in range(count):
        progress.advance()


def _preflight(config: Config) -> None:
    """Problems that would stop a send half-way, found before anything is recorded."""
    signer_for(config)  # an unusable DKIM key
    if next(iter_recipients(config, RunReport()), None) is None:  # also: the token secret
        raise ConfigError(
            ["recipients: nobody to send to (set recipients.to or recipients.file); "
             "for a test mail use digest send --test ADDR"]
        )  # fmt: skip


def _send_recorded(
    config: Config,
    report: RunReport,
    ledger: Ledger,
    record: EditionRecord,
    outbox: Outbox,
    resend: bool,
    progress: Progress | None,
) -> SendResult:
    finished = record.status != "sending"  # only here for --resend-unconfirmed
    if not finished:  # a finished edition takes no newcomers
        ledger.queue(record.id, (r.key for r in iter_recipients(config, report)))
    _report_unconfirmed(ledger, record, report, resend)
    statuses = (SENDING,) if finished else (QUEUED, SENDING) if resend else (QUEUED,)
    todo = sum(ledger.counts(record.id).get(s, 0) for s in statuses)
    journal = LedgerJournal(ledger, record.id)
    outbox.journal = journal
    present: set[str] = set()
    jobs = _jobs(config, ledger, record, present, statuses)
    outcome = Outcome()
    completed = False
    if progress is not None:
        progress.start(todo, "sending")
        outbox.progress = lambda count: _advance(progress, count)
    try:
        outcome = outbox.deliver(jobs)
        completed = True
    except RelayUnavailable as err:
        outcome = outbox.outcome
        left = ledger.counts(record.id).get(QUEUED, 0)
        report.fail(f"{err}; {left} recipient(s) remain queued: the next digest send/run resumes")
        report.nothing_delivered = outcome.sent == 0 and not ledger.counts(record.id).get(SENT)
    finally:
        if progress is not None:
            progress.finish()
    for address in ledger.skip_queued_except(record.id, present) if completed else []:
        report.warn(f"{address}: no longer in the recipient list; not sent")
    _report_outcome(outcome, report)
    counts = ledger.counts(record.id)
    if counts.get(SENT):
        ledger.mark_articles_seen(record.id)  # idempotent; normally done at the first acceptance
    status = ledger.finish(record.id)
    report.delivered += outcome.sent
    report.failed_recipients += len(outcome.failed) + len(outcome.deferred)
    return SendResult(
        record.day, _result_status(status), outcome.sent, sum(counts.values()), counts
    )


def _result_status(ledger_status: str) -> str:
    return {"sending": "incomplete"}.get(ledger_status, ledger_status)


def _jobs(
    config: Config,
    ledger: Ledger,
    record: EditionRecord,
    present: set[str],
    statuses: tuple[str, ...],
) -> Iterator[Job]:
    """A Job for each listed recipient whose row is in `statuses`, built lazily, in list order."""
    factory = MessageFactory(config, record.rendered)
    for recipient in iter_recipients(config, RunReport()):  # problems were reported in pass 1
        present.add(recipient.key)
        row = ledger.get(record.id, recipient.key)
        if row is None and QUEUED in statuses:  # added to the list since pass 1
            ledger.queue(record.id, [recipient.key])
        elif row is None or row.status not in statuses:
            continue
        message_id = (row.message_id if row else None) or recipient_message_id(
            record.message_id, recipient.key
        )
        yield factory.job(recipient, message_id)


class MessageFactory:
    """Per-recipient messages from one rendered edition (encoded once; DKIM-signed if set)."""

    def __init__(self, config: Config, rendered: Rendered) -> None:
        self.config = config
        self.template = MessageTemplate(rendered, config)
        self.signer = signer_for(config)

    def job(self, recipient: Recipient, message_id: str) -> Job:
        return Job(
            recipient.key,
            recipient.address.addr_spec,
            message_id,
            lambda: self.message(recipient, message_id),
        )

    def message(self, recipient: Recipient, message_id: str) -> bytes:
        url = unsubscribe_url(self.config.newsletter.unsubscribe_url, recipient.token)
        data = self.template.render(recipient.address, Personal(url, recipient.name), message_id)
        return self.signer.sign(data) if self.signer else data


def recipient_message_id(edition_id: str, recipient: str) -> str:
    """A Message-ID per edition and recipient that is the same on every attempt (resume, retry)."""
    local, _, domain = edition_id.strip("<>").rpartition("@")
    mark = hashlib.sha256(f"{edition_id}\n{recipient.lower()}".encode()).hexdigest()[:16]
    return f"<{local.split('.')[0]}.{mark}.digest@{domain}>"


class LedgerJournal:
    """Writes each transaction's progress to the ledger; marks articles seen at the first 250."""

    def __init__(self, ledger: Ledger, edition_id: int) -> None:
        self.ledger = ledger
        self.edition_id = edition_id
        self.seen_marked = False

    def sending(self, job: Job) -> None:
        self.ledger.mark(self.edition_id, job.key, SENDING, message_id=job.message_id, attempt=True)

    def sent(self, job: Job, reply: str) -> None:
        self.ledger.mark(self.edition_id, job.key, SENT, reply)
        if not self.seen_marked:
            self.ledger.mark_articles_seen(self.edition_id)
            self.seen_marked = True

    def failed(self, job: Job, reply: str) -> None:
        self.ledger.mark(self.edition_id, job.key, "failed", reply)

    def deferred(self, job: Job, reply: str) -> None:
        self.ledger.mark(self.edition_id, job.key, QUEUED, reply, attempt=True)

    def unconfirmed(self, job: Job, reason: str) -> None:
        self.ledger.mark(self.edition_id, job.key, SENDING, f"unconfirmed: {reason}")


def _report_unconfirmed(
    ledger: Ledger, record: EditionRecord, report: RunReport, resend: bool
) -> None:
    for row in ledger.with_status(record.id, SENDING):
        if resend:
            report.warn(f"{row.recipient}: unconfirmed copy sent again (same Message-ID)")
        else:
            report.fail(
                f"{row.recipient}: an earlier run was interrupted while the relay took this "
                "copy; not sent again, since it was probably delivered "
                "(digest send --resend-unconfirmed sends it again)"
            )


def _report_outcome(outcome: Outcome, report: RunReport) -> None:
    for address, reply in outcome.failed:
        report.fail(f"{address}: refused by the relay: {reply}")
    for address, reply in outcome.deferred:
        report.fail(f"{address}: not accepted yet: {reply}; stays queued for the next run")
    for address, reason in outcome.unconfirmed:
        report.fail(
            f"{address}: connection lost after the message was handed over ({reason}); "
            "not sent again (digest send --resend-unconfirmed would)"
        )


def _outbox(config: Config) -> Outbox:
    smtp = config.smtp
    policy = Policy(smtp.reconnect_every, smtp.max_attempts, smtp.retry_delay, smtp.rate_limit)
    sender = config.newsletter.sender_address.addr_spec
    return Outbox(relay_settings(config), policy, sender, NoJournal())


def send_test(
    config: Config, addresses: Iterable[str], report: RunReport, *, edition_date: date | None = None
) -> SendResult:
    """The edition, subject marked '[Test]', to `addresses` only: no state, no ledger."""
    day = edition_date or today(config)
    tokens = Tokens(config, fallback="test")
    recipients = [
        r
        for i, value in enumerate(addresses)
        if (r := make_recipient(f"test address {i + 1}", value, "", "", tokens, report))
    ]
    if not recipients:
        report.fail("no valid test address: give them after --test or set recipients.test")
        report.nothing_delivered = True
        return SendResult(day, "test")
    outbox = _outbox(config)
    built = build(config, edition_date=day, report=report, test=True)
    factory = MessageFactory(config, built.rendered)
    domain = config.newsletter.sender_address.domain
    jobs = [factory.job(r, make_msgid("test", domain=domain)) for r in recipients]
    outbox.open()
    with outbox:
        try:
            outcome = outbox.deliver(jobs)
        except RelayUnavailable as err:
            report.fail(str(err))
            outcome = outbox.outcome
    _report_outcome(outcome, report)
    report.delivered += outcome.sent
    report.nothing_delivered = outcome.sent == 0
    return SendResult(day, "test", outcome.sent, len(recipients))


def dry_run_send(config: Config, report: RunReport, day: date) -> SendResult:
    """Everything a send does but the SMTP transactions and the writes: no lock, no state change.

    Every message is built (and signed) as it would be sent, so a broken list or key shows up.
    """
    relay_settings(config)  # the relay's settings must be valid, though it is not contacted
    with read_only(config.state.path) as view:
        record = view.find(config.newsletter.name, day) if view else None
        counts = view.counts(record.id) if view and record else {}
        if record and record.status != "sending":
            return SendResult(day, "already sent", counts=counts)
        if record is None:
            built = build(config, edition_date=day, report=report)  # state read-only
            if not built.edition.stories and not config.newsletter.send_empty:
                return SendResult(day, "nothing new")
            rendered, edition_id = built.rendered, edition_message_id(built.edition, config)
        else:
            rendered, edition_id = record.rendered, record.message_id
        factory = MessageFactory(config, rendered)
        would = total = 0
        for recipient in iter_recipients(config, report):
            total += 1
            row = view.get(record.id, recipient.key) if view and record else None
            if row is None or row.status == QUEUED:
                factory.message(recipient, recipient_message_id(edition_id, recipient.key))
                would += 1
    return SendResult(day, "dry run", would, total, counts)


def describe(result: SendResult) -> str:
    """The one line `digest send`/`run` prints about a send."""
    day = result.day.isoformat()
    counts = ", ".join(f"{n} {status}" for status, n in sorted(result.counts.items()))
    if result.status == "test":
        return f"{day}: test mail sent to {result.sent} of {result.total} address(es)"
    if result.status == "already sent":
        return f"{day}: already sent ({counts or 'no recipients'}); nothing to do"
    if result.status == "nothing new":
        return f"{day}: nothing new since the last edition; nothing sent"
    if result.status == "dry run":
        return (
            f"{day}: dry run: would send {result.sent} of {result.total} message(s); nothing sent"
        )
    return f"{day}: {result.status}: {result.sent} sent by this run ({counts})"
