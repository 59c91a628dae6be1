"""SMTP backend: one personal copy per recipient through the relay, under the send ledger.

A session is opened per edition once the relay answered, so a relay that is down changes nothing:

- with a `ledger` (`digest send`, `digest run`), `open()` records the edition and its rendered
  copy first (`resume()` takes an edition already recorded); `pending()` queues every listed
  recipient and yields the copies still owed; the ledger is written around each transaction, and
  the edition's articles count as seen once the relay accepted a copy; `finish()` closes the
  edition in the ledger.
- without one (`digest send --test`), the copies go to `test_recipients` and touch no state.

`rehearse()` builds (and signs) every copy a send would send, without a relay or a write.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from email.utils import make_msgid

from ..config import Config
from ..errors import ConfigError
from ..models import DeliveryResult, Rendered, SendResult
from ..render.message import edition_message_id
from ..report import RunReport
from ..sources.parallel import Progress
from . import Copy, Delivery, register
from .dkim import signer_for
from .ledger import QUEUED, SENDING, SENT, EditionRecord, Ledger, LedgerJournal, LedgerView
from .merge import MessageFactory, recipient_message_id
from .outbox import NoJournal, Outbox, Outcome, ParallelOutbox, Policy
from .recipients import Recipient, iter_recipients
from .smtp import RelayUnavailable, relay_settings


@register("smtp")
class SmtpBackend:
    """The relay, checked on creation: its settings, and with a ledger the DKIM key and the list."""

    def __init__(
        self,
        config: Config,
        report: RunReport,
        *,
        ledger: Ledger | None = None,
        resend_unconfirmed: bool = False,
        test_recipients: Sequence[Recipient] = (),
        progress: Progress | None = None,
    ) -> None:
        self.config = config
        self.report = report
        self.ledger = ledger
        self.resend_unconfirmed = resend_unconfirmed
        self.test_recipients = test_recipients
        self.progress = progress
        self.outbox = outbox_for(config)
        if ledger is not None:
            _preflight(config)

    def open(self, delivery: Delivery) -> SmtpSession:
        """Connect, then record the edition in the ledger (if any): a session for its copies."""
        if self.ledger is None:
            factory = MessageFactory(self.config, delivery.rendered)
            return self._connected(lambda: TestMailSession(self, factory, delivery.edition.date))
        ledger = self.ledger
        message_id = edition_message_id(delivery.edition, self.config)
        return self._connected(
            lambda: LedgerSession(
                self, ledger.create(delivery.edition, delivery.rendered, message_id)
            )
        )

    def resume(self, record: EditionRecord) -> SmtpSession:
        """Connect, then a session for an edition the ledger already holds."""
        return self._connected(lambda: LedgerSession(self, record))

    def _connected(self, session: Callable[[], SmtpSession]) -> SmtpSession:
        self.outbox.open()  # before anything is recorded: a relay that is down changes nothing
        try:
            return session()
        except BaseException:
            self.outbox.close()
            raise


class SmtpSession:
    """What both kinds of session share: the outbox, closed with the session."""

    def __init__(self, backend: SmtpBackend) -> None:
        self.config = backend.config
        self.report = backend.report
        self.outbox = backend.outbox
        self.sent = 0

    def pending(self) -> Iterable[Copy]:
        raise NotImplementedError

    def deliver(self, copies: Iterable[Copy]) -> DeliveryResult:
        raise NotImplementedError

    def finish(self) -> SendResult:
        """What the session did, for the one line the CLI prints."""
        raise NotImplementedError

    def close(self) -> None:
        self.outbox.close()

    def __enter__(self) -> SmtpSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class TestMailSession(SmtpSession):
    """A test mail: fresh Message-IDs, no ledger."""

    def __init__(self, backend: SmtpBackend, factory: MessageFactory, day: date) -> None:
        super().__init__(backend)
        self.recipients = backend.test_recipients
        self.factory = factory
        self.day = day

    def pending(self) -> list[Copy]:
        domain = self.config.newsletter.sender_address.domain
        return [self.factory.copy(r, make_msgid("test", domain=domain)) for r in self.recipients]

    def deliver(self, copies: Iterable[Copy]) -> DeliveryResult:
        try:
            outcome = self.outbox.deliver(copies)
        except RelayUnavailable as err:
            self.report.fail(str(err))
            outcome = self.outbox.outcome
        _report_outcome(outcome, self.report)
        self.report.delivered += outcome.sent
        self.report.nothing_delivered = outcome.sent == 0
        self.sent = outcome.sent
        return _result(outcome)

    def finish(self) -> SendResult:
        return SendResult(self.day, "test", self.sent, len(self.recipients))


class LedgerSession(SmtpSession):
    """An edition's send under the ledger: resumable, never a copy twice."""

    def __init__(self, backend: SmtpBackend, record: EditionRecord) -> None:
        super().__init__(backend)
        assert backend.ledger is not None
        self.ledger = backend.ledger
        self.record = record
        self.resend = backend.resend_unconfirmed
        self.progress = backend.progress
        self.present: set[str] = set()
        self.completed = False
        self.todo = 0

    def pending(self) -> Iterator[Copy]:
        """Queue the listed recipients (not for a finished edition), then the copies still owed."""
        ledger, record = self.ledger, self.record
        finished = record.status != "sending"  # only here for --resend-unconfirmed
        if not finished:  # a finished edition takes no newcomers
            ledger.queue(record.id, (r.key for r in iter_recipients(self.config, self.report)))
        self._report_unconfirmed()
        statuses = (SENDING,) if finished else (QUEUED, SENDING) if self.resend else (QUEUED,)
        self.todo = sum(ledger.counts(record.id).get(s, 0) for s in statuses)
        self.outbox.journal = LedgerJournal(ledger, record.id)
        return self._copies(statuses)

    def _copies(self, statuses: tuple[str, ...]) -> Iterator[Copy]:
        """A copy for each listed recipient whose row is in `statuses`, built lazily, in list order."""
        factory = MessageFactory(self.config, self.record.rendered)
        for recipient in iter_recipients(self.config, RunReport()):  # reported in pending()
            self.present.add(recipient.key)
            row = self.ledger.get(self.record.id, recipient.key)
            if row is None and QUEUED in statuses:  # added to the list since pending()
                self.ledger.queue(self.record.id, [recipient.key])
            elif row is None or row.status not in statuses:
                continue
            message_id = (row.message_id if row else None) or recipient_message_id(
                self.record.message_id, recipient.key
            )
            yield factory.copy(recipient, message_id)

    def deliver(self, copies: Iterable[Copy]) -> DeliveryResult:
        ledger, record, report, progress = self.ledger, self.record, self.report, self.progress
        outcome = Outcome()
        if progress is not None:
            progress.start(self.todo, "sending")
            self.outbox.progress = lambda count: _advance(progress, count)
        try:
            outcome = self.outbox.deliver(copies)
            self.completed = True
        except RelayUnavailable as err:
            outcome = self.outbox.outcome
            left = ledger.counts(record.id).get(QUEUED, 0)
            report.fail(
                f"{err}; {left} recipient(s) remain queued: the next digest send/run resumes"
            )
            report.nothing_delivered = outcome.sent == 0 and not ledger.counts(record.id).get(SENT)
        finally:
            if progress is not None:
                progress.finish()
        for address in ledger.skip_queued_except(record.id, self.present) if self.completed else []:
            report.warn(f"{address}: no longer in the recipient list; not sent")
        _report_outcome(outcome, report)
        report.delivered += outcome.sent
        report.failed_recipients += len(outcome.failed) + len(outcome.deferred)
        report.failed_recipients += len(outcome.skipped)
        self.sent = outcome.sent
        return _result(outcome)

    def finish(self) -> SendResult:
        """Close the edition in the ledger: sent, partial, or still sending (to be resumed)."""
        counts = self.ledger.counts(self.record.id)
        if counts.get(SENT):
            self.ledger.mark_articles_seen(self.record.id)  # idempotent; normally at the first 250
        status = self.ledger.finish(self.record.id)
        return SendResult(
            self.record.day, _result_status(status), self.sent, sum(counts.values()), counts
        )

    def _report_unconfirmed(self) -> None:
        for row in self.ledger.with_status(self.record.id, SENDING):
            if self.resend:
                self.report.warn(f"{row.recipient}: unconfirmed copy sent again (same Message-ID)")
            else:
                self.report.fail(
                    f"{row.recipient}: an earlier run was interrupted while the relay took this "
                    "copy; not sent again, since it was probably delivered "
                    "(digest send --resend-unconfirmed sends it again)"
                )


def rehearse(
    config: Config,
    report: RunReport,
    view: LedgerView | None,
    record: EditionRecord | None,
    rendered: Rendered,
    edition_id: str,
) -> tuple[int, int]:
    """Build (and sign) every copy a send would send now, and send none: (would send, listed).

    A broken list or DKIM key shows up as it would in a send.
    """
    factory = MessageFactory(config, rendered)
    would = total = 0
    for recipient in iter_recipients(config, report):
        total += 1
        row = view.get(record.id, recipient.key) if view and record else None
        if row is None or row.status == QUEUED:
            factory.message(recipient, recipient_message_id(edition_id, recipient.key))
            would += 1
    return would, total


def outbox_for(config: Config) -> Outbox | ParallelOutbox:
    """An outbox for the relay of `config` (its settings checked), recording nothing yet: one
    connection, or `smtp.connections` of them sending at once."""
    smtp = config.smtp
    policy = Policy(smtp.reconnect_every, smtp.max_attempts, smtp.retry_delay, smtp.rate_limit)
    sender = config.newsletter.sender_address.addr_spec
    if smtp.connections > 1:
        return ParallelOutbox(
            relay_settings(config), policy, sender, NoJournal(), connections=smtp.connections
        )
    return Outbox(relay_settings(config), policy, sender, NoJournal())


def _preflight(config: Config) -> None:
    """Problems that would stop a send half-way, found before anything is recorded."""
    signer_for(config)  # an unusable DKIM key
    if next(iter_recipients(config, RunReport()), None) is None:  # also: the token secret
        raise ConfigError(
            ["recipients: nobody to send to (set recipients.to or recipients.file); "
             "for a test mail use digest send --test ADDR"]
        )  # fmt: skip


def _advance(progress: Progress, count: int) -> None:
    for _ in range(count):
        progress.advance()


def _result(outcome: Outcome) -> DeliveryResult:
    failed = outcome.failed + outcome.deferred + outcome.unconfirmed + outcome.skipped
    return DeliveryResult("smtp", delivered=tuple(outcome.sent_to), failed=tuple(failed))


def _result_status(ledger_status: str) -> str:
    return {"sending": "incomplete"}.get(ledger_status, ledger_status)


def _report_outcome(outcome: Outcome, report: RunReport) -> None:
    for address, reply in outcome.failed:
        report.fail(f"{address}: refused by the relay: {reply}")
    for address, reason in outcome.skipped:
        report.fail(f"{address}: skipped: {reason}")
    for address, reply in outcome.deferred:
        report.fail(f"{address}: not accepted yet: {reply}; stays queued for the next run")
    for address, reason in outcome.unconfirmed:
        report.fail(
            f"{address}: connection lost after the message was handed over ({reason}); "
            "not sent again (digest send --resend-unconfirmed would)"
        )
