"""The one place that knows the order of the stages:
sources → extract → reduce → edition → render → deliver.

One function per thing a command does, each reading top to bottom as its stages:

    build()        the day's edition and its rendering, without side effects
    build_files()  `digest build`: build, then the files backend writes out/<date>/
    send_test()    `digest send --test`: build (marked as a test), then the smtp backend to a few
                   addresses; touches no state
    send()         `digest send`: under the lock, the day's edition from the ledger (resume) or
                   built anew, then the smtp backend to every recipient once
    run()          `digest run`, the cron entry point: on a day of the [schedule] (or --force), a
                   send that never resends unconfirmed copies
    reduce_paths() `digest reduce PATH…`: read, extract and reduce articles, one dict each

State: `build()` reads the state database to leave out articles already delivered; it opens it
read-only unless the caller hands in a writable `State` (a send), in which case the feed cache and
new sources' baselines are saved too. Marking the edition's articles as seen is the smtp backend's
job, after the relay accepted a copy: `Edition.article_keys` gives what to mark.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from . import sources
from .config import Config
from .edition.serialise import edition_from_record, edition_record, story_dict
from .errors import ApprovalError, DigestError, SourceError, UsageError
from .extract import extract
from .models import Article, Edition, RawItem, Rendered, SendResult, Story
from .reduce import Reducer, RuleReducer
from .report import RunReport
from .sources.paths import read_path

# Rendering, delivery (SMTP backend, ledger, recipients), the archive and the approval hashes are
# imported in the functions that use them: they pull in jinja2, premailer, babel, smtplib and DKIM,
# which `digest reduce` and `digest --help` never need (bench/build.py measures the start-up). So
# are the edition's assembly and edits, the state database and the drafts: `digest reduce` reads,
# extracts and reduces only.
if TYPE_CHECKING:
    from .deliver.recipients import Recipient
    from .edition.edits import Edits
    from .sources.parallel import Progress
    from .state.db import State
    from .state.drafts import Drafts, StoredDraft


@dataclass(frozen=True)
class Built:
    """An edition and its rendering (rendered and inlined once, not yet personalised).

    `baseline`: (key, source) of items of new `baseline = true` sources, left out of the edition.
    """

    edition: Edition
    rendered: Rendered
    baseline: tuple[tuple[str, str], ...] = ()
    considered: tuple[str, ...] = ()  # the keys of every item collected (news since: the others)


def open_state(config: Config, *, readonly: bool = True) -> State | None:
    """The state database; read-only: None when there is none yet (then nothing counts as seen)."""
    from .state.db import State

    path = config.state.path
    if readonly and not path.exists():
        return None
    return State(path, readonly=readonly, timeout=config.state.timeout)


def reference_time(config: Config, edition_date: date) -> datetime:
    """'Now' for max_age: the current time for today's edition, else the end of its day."""
    zone = ZoneInfo(config.newsletter.timezone)
    now = datetime.now(zone)
    if edition_date == now.date():
        return now
    return datetime.combine(edition_date + timedelta(days=1), time.min, zone)


def today(config: Config) -> date:
    """The edition date: today in the newsletter's time zone (cron runs in UTC on many servers)."""
    return datetime.now(ZoneInfo(config.newsletter.timezone)).date()


def collect_items(
    config: Config,
    day: date,
    report: RunReport,
    state: State | None,
    progress: Progress | None,
) -> tuple[list[RawItem], tuple[tuple[str, str], ...]]:
    """The sources' new items for the edition of `day`, and the baseline of new sources.

    Without `state` the database is opened read-only (when it exists); a writable one also gets
    the feed cache and the baselines of new `baseline = true` sources saved.
    """
    from .edition.assemble import Selector
    from .sources.cache import FeedCacheView
    from .state.db import SeenArticles

    opened = open_state(config) if state is None else None
    store = state or opened
    try:
        selector = Selector(
            config, seen=SeenArticles(store) if store else None, now=reference_time(config, day)
        )
        items = sources.collect(
            config, report, select=selector, feed_cache=FeedCacheView(store), progress=progress
        )
        report.skipped += len(selector.already_seen) + len(selector.too_old)
        for source, keys in selector.over_limit.items():
            report.skipped += len(keys)
            report.warn(f"source {source!r}: {len(keys)} older entries left out (max_items)")
        report.fail_when_all_skipped(len(items) + report.skipped)  # read, new or not
        if store is not None and not store.readonly and selector.baseline:
            SeenArticles(store).mark(selector.baseline_keys)
    finally:
        if opened is not None:
            opened.close()
    return items, selector.baseline_keys


def reduce_items(items: list[RawItem], report: RunReport, reducer: Reducer) -> list[Story]:
    """Extract and reduce each item; a failing item is named on the report and skipped."""
    stories = []
    for item in items:
        try:
            article: Article = extract(item)
            if not article.paragraphs:
                report.warn(f"{item.origin or item.key}: skipped: no text after extraction")
                continue
            stories.append(reducer.reduce(article))
        except DigestError as err:
            report.fail(f"{item.origin or item.key}: {err}")
    report.articles += len(stories)
    return stories


def build(
    config: Config,
    *,
    edition_date: date | None = None,
    report: RunReport | None = None,
    reducer: Reducer | None = None,
    test: bool = False,
    state: State | None = None,
    progress: Progress | None = None,
) -> Built:
    """Collect, extract, reduce, assemble and render the edition of `edition_date` (default today).

    Without `state` the configured database is opened read-only (when it exists) and never
    written; a writable `state` also gets the feed cache and new baselines saved.
    """
    from .edition.assemble import assemble
    from .render.html import render

    report = report if report is not None else RunReport()
    day = edition_date or today(config)
    items, baseline = collect_items(config, day, report, state, progress)
    stories = reduce_items(items, report, reducer or RuleReducer())
    edition = assemble(stories, config, day)
    report.stories = len(edition.stories)
    considered = tuple(item.key for item in items)
    return Built(edition, render(edition, config, test=test), baseline, considered)


# --- the editor's draft ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Draft:
    """The day's draft: the edition as built, the editor's edits (read from edits.toml just now),
    and the edition as it will be sent with its rendering."""

    stored: StoredDraft | None  # None: built in memory for the preview, no draft kept yet
    built: Edition
    edits: Edits
    edition: Edition
    rendered: Rendered
    warnings: tuple[str, ...]

    @property
    def content(self) -> str:
        """The hash an approval records: of exactly what would be sent."""
        from .edition.approval import content_hash

        return content_hash(self.rendered)

    @property
    def dropped(self) -> tuple[Story, ...]:
        from .edition.edits import dropped

        return dropped(self.built, self.edits)


def edits_file(config: Config, day: date) -> Path:
    """out/<date>/edits.toml: the editor's corrections, beside the draft's files."""
    from .edition.edits import edits_path

    return edits_path(config.output.dir, day.isoformat())


def drafts_of(config: Config, state: State) -> Drafts:
    from .state.drafts import Drafts

    return Drafts(state, config.newsletter.name)


def open_draft(
    config: Config, state: State, day: date, stored: StoredDraft, *, test: bool = False
) -> Draft:
    """The stored draft with edits.toml as it is now applied and rendered (EditsError, exit 2)."""
    built = edition_from_record(stored.edition)
    return with_edits(config, day, built, stored, drafts_of(config, state).day_ids(day), test=test)


def with_edits(
    config: Config,
    day: date,
    built: Edition,
    stored: StoredDraft | None,
    day_ids: Iterable[str],
    *,
    test: bool = False,
    built_rendered: Rendered | None = None,
) -> Draft:
    """The edition as built, edits.toml as it is now applied, rendered.

    `built_rendered` (the rendering of `built`, not as a test) is used again when the edits change
    nothing: rendering and CSS inlining once per build instead of twice."""
    from .edition.edits import apply_edits, load_edits
    from .render.html import render

    current = [story.id for story in built.stories]
    edits, warnings = load_edits(edits_file(config, day), current, set(day_ids))
    edition = apply_edits(built, edits, config)
    if built_rendered is not None and not test and edition == built:
        rendered = built_rendered
    else:
        rendered = render(edition, config, test=test)
    return Draft(stored, built, edits, edition, rendered, tuple(warnings))


def preview_draft(
    config: Config, *, edition_date: date | None = None, report: RunReport | None = None
) -> tuple[Draft, datetime | None]:
    """What the preview shows: the day's draft with its edits, and when it was approved (if the
    approval matches it); without a draft, the edition built in memory with the edits applied.
    Reads the state database, never writes it."""
    day = edition_date or today(config)
    day_ids: dict[str, str] = {}
    state = open_state(config)
    if state is not None:
        with contextlib.closing(state):
            drafts = drafts_of(config, state)
            stored = drafts.get(day)
            if stored is not None:
                draft = open_draft(config, state, day, stored)
                approval = drafts.approval(day)
                matching = approval is not None and approval.content == draft.content
                return draft, approval.approved if approval and matching else None
            day_ids = drafts.day_ids(day)
    built = build(config, edition_date=day, report=report)
    return with_edits(
        config, day, built.edition, None, day_ids, built_rendered=built.rendered
    ), None


def day_story_ids(config: Config, day: date) -> set[str]:
    """The ids of every story of the day's builds (read-only; empty without a state database)."""
    state = open_state(config)
    if state is None:
        return set()
    with contextlib.closing(state):
        return set(drafts_of(config, state).day_ids(day))


def refresh_files(config: Config, *, edition_date: date | None = None) -> list[Path]:
    """Write out/<date>/ again from the stored draft and edits.toml as it is now (the preview
    after a correction); nothing when there is no draft or the edition was sent."""
    day = edition_date or today(config)
    if sent_already(config, day) or (state := open_state(config)) is None:
        return []
    with contextlib.closing(state):
        stored = drafts_of(config, state).get(day)
        draft = open_draft(config, state, day, stored) if stored else None
    return write_draft_files(config, draft) if draft else []


def make_draft(
    config: Config,
    state: State,
    day: date,
    report: RunReport,
    *,
    progress: Progress | None = None,
) -> Draft:
    """Build the day's edition from the sources, write out/<date>/ with the edits re-applied, then
    keep it as the day's draft. A bad edits file or an unwritable folder stops it before anything
    is replaced."""
    built = build(config, edition_date=day, report=report, state=state, progress=progress)
    drafts = drafts_of(config, state)
    draft = with_edits(
        config, day, built.edition, None, drafts.day_ids(day), built_rendered=built.rendered
    )
    if is_empty(draft.edition, config):
        report.nothing_new = day  # no empty edition: nothing is written or kept as the draft
        return draft
    report.outputs.extend(write_draft_files(config, draft))
    drafts.save(
        day,
        edition_record(built.edition),
        built.considered,
        (source.name for source in config.sources),
        ((story.id, story.headline) for story in built.edition.stories),
    )
    return replace(draft, stored=drafts.get(day))


def export_draft(
    config: Config, day: date, report: RunReport, out_dir: Path, progress: Progress | None = None
) -> Draft:
    """`digest build --out DIR`: the edition as a draft would be (edits applied), written to DIR
    only: the day's draft in the state database and out/<date>/ are left alone."""
    built = build(config, edition_date=day, report=report, progress=progress)  # state read-only
    draft = with_edits(
        config, day, built.edition, None, day_story_ids(config, day), built_rendered=built.rendered
    )
    if is_empty(draft.edition, config):
        report.nothing_new = day
        return draft
    report.outputs.extend(write_draft_files(config, draft, out_dir))
    return draft


def is_empty(edition: Edition, config: Config) -> bool:
    """An edition without stories is neither written nor sent, unless `send_empty` asks for it."""
    return not edition.stories and not config.newsletter.send_empty


def write_draft_files(config: Config, draft: Draft, out_dir: Path | None = None) -> list[Path]:
    """out/<date>/digest.{html,txt,eml,json}: the edition as it will be sent, with its edits."""
    from .deliver import Delivery, backend, deliver_edition

    delivery = Delivery(draft.edition, draft.rendered, config, out_dir=out_dir)
    result = deliver_edition(backend("files"), delivery)
    return [Path(p) for p in result.delivered]


def prepare_draft(
    config: Config,
    state: State,
    day: date,
    report: RunReport,
    *,
    rebuild_untouched: bool = False,
    progress: Progress | None = None,
) -> Draft:
    """The draft a send uses: the stored one with its edits, never rebuilt silently.

    No draft yet: one is built, and the report says so. `rebuild_untouched` (digest run): a draft
    nobody edited, tested or approved is built afresh, so automatic newsletters send the newest.
    Otherwise the report names the articles that arrived since the draft was built.
    """
    stored = drafts_of(config, state).get(day)
    if stored is None:
        draft = make_draft(config, state, day, report, progress=progress)
        if not report.nothing_new:  # an empty edition is not kept as a draft: nothing to say
            report.warn(f"no draft for {day} yet: built one now (digest build makes it beforehand)")
    elif rebuild_untouched and not touched(config, state, day, stored):
        draft = make_draft(config, state, day, report, progress=progress)
    else:
        draft = open_draft(config, state, day, stored)
        if news := news_since(config, day, stored):
            when = stored.built.astimezone(ZoneInfo(config.newsletter.timezone)).strftime("%H:%M")
            noun = "new article" if news == 1 else "new articles"
            report.warn(
                f"{news} {noun} since the draft was built at {when}; `digest build` takes them in"
            )
        write_draft_files(config, draft)  # the files show what goes out, edits.toml as it is now
    for warning in draft.warnings:
        report.warn(warning)
    return draft


def touched(config: Config, state: State, day: date, stored: StoredDraft) -> bool:
    """Whether somebody worked on the draft: edits, or a test mail or approval since it was built."""
    from .edition.edits import read_edits

    data, _ = read_edits(edits_file(config, day))
    if data:
        return True
    drafts = drafts_of(config, state)
    approval = drafts.approval(day)
    if approval is not None and approval.approved >= stored.built:
        return True
    return any(mail.sent >= stored.built for mail in drafts.test_mails(day))


def news_since(config: Config, day: date, stored: StoredDraft) -> int:
    """How many new articles the sources have that the draft's build did not see."""
    quiet = RunReport()  # a source that fails now is the next build's business
    items, _ = collect_items(config, day, quiet, None, None)
    return len({item.key for item in items} - stored.considered)


def check_approval(config: Config, state: State, draft: Draft) -> None:
    """With [schedule] approval = "required": ApprovalError (exit 3) unless the draft as it is now
    was approved."""
    from .edition.approval import changes, summary

    if config.schedule.approval != "required":
        return
    day = draft.built.date
    approval = drafts_of(config, state).approval(day)
    if approval is None:
        raise ApprovalError(
            f'the draft of {day} is not approved and [schedule] approval = "required": nothing '
            f"sent; check it (digest preview), then run `digest approve --date {day}`"
        )
    if approval.content != draft.content:
        changed = changes(approval.summary, summary(draft.edition, draft.rendered))
        at = approval.approved.astimezone(ZoneInfo(config.newsletter.timezone)).strftime("%H:%M")
        raise ApprovalError(
            f"the draft of {day} changed after it was approved at {at} ({'; '.join(changed)}): "
            f"nothing sent; `digest approve --date {day}` approves it as it is now"
        )


def sent_already(config: Config, day: date) -> str | None:
    """'sent', 'partial' or 'sending' when the ledger holds the day's edition, else None."""
    from .deliver.ledger import read_only

    with read_only(config.state.path) as view:
        record = view.find(config.newsletter.name, day) if view else None
    return record.status if record else None


# --- the commands ---------------------------------------------------------------------------------


def build_files(
    config: Config,
    *,
    edition_date: date | None = None,
    out_dir: Path | None = None,
    report: RunReport | None = None,
    progress: Progress | None = None,
) -> RunReport:
    """`digest build`: the day's draft from the sources, edits.toml re-applied, into out/<date>/.

    An edition already sent (or being sent) is left as it is: its files show what went out.
    With `out_dir` (`--out DIR`) the files are a copy written there; the draft is left alone.
    """
    from .state.db import State

    report = report if report is not None else RunReport()
    day = edition_date or today(config)
    if out_dir is not None:
        draft = export_draft(config, day, report, out_dir, progress)
    elif status := sent_already(config, day):
        verb = "is being sent" if status == "sending" else "was sent"
        report.warn(f"the edition of {day} {verb}; out/{day}/ and its draft are left as they are")
        return report
    else:
        with State(config.state.path, timeout=config.state.timeout) as state:
            draft = make_draft(config, state, day, report, progress=progress)
    for warning in draft.warnings:
        report.warn(warning)
    if not report.nothing_new:
        report.delivered += 1
    return report


def send_test(
    config: Config, addresses: Iterable[str], report: RunReport, *, edition_date: date | None = None
) -> SendResult:
    """`digest send --test`: the day's draft with its edits, subject marked '[Test]', to
    `addresses` only; recorded as a test mail of the draft, never in the ledger."""
    from .deliver import Delivery
    from .deliver.smtp_backend import SmtpBackend
    from .render.html import render
    from .state.db import State

    day = edition_date or today(config)
    recipients = test_recipients(config, addresses)
    smtp = SmtpBackend(config, report, test_recipients=recipients)
    with State(config.state.path, timeout=config.state.timeout) as state:
        draft = prepare_draft(config, state, day, report)
        if is_empty(draft.edition, config):
            report.nothing_delivered = True  # an empty edition is not test-mailed (exit 3)
            return SendResult(day, "nothing new")
        rendered = render(draft.edition, config, test=True)
        with smtp.open(Delivery(draft.edition, rendered, config)) as session:
            session.deliver(session.pending())
            result = session.finish()
        if result.sent:
            drafts_of(config, state).record_test_mail(
                day, (r.address.addr_spec for r in recipients), draft.content
            )
    return result


def test_recipients(config: Config, addresses: Iterable[str]) -> list[Recipient]:
    """The addresses of a test mail; a mistyped one is a usage error (exit 2), not a failed send."""
    from .deliver.recipients import Tokens, make_recipient

    tokens, problems = Tokens(config, fallback="test"), RunReport()
    recipients = [
        r
        for i, value in enumerate(addresses)
        if (r := make_recipient(f"test address {i + 1}", value, "", "", tokens, problems))
    ]
    if problems.failures:
        more = len(problems.failures) - 1
        others = f" (and {more} more)" if more else ""
        raise UsageError(problems.failures[0].removesuffix("; skipped") + others)
    if not recipients:
        raise UsageError("no test address: give them after --test or set recipients.test")
    return recipients


def send(
    config: Config,
    report: RunReport,
    *,
    edition_date: date | None = None,
    dry_run: bool = False,
    resend_unconfirmed: bool = False,
    progress: Progress | None = None,
    rebuild_untouched: bool = False,
) -> SendResult:
    """`digest send`: the day's draft with its edits to every recipient who has not got it yet.

    Never a silent rebuild: the draft is what was previewed and tested (see prepare_draft). With
    approval required, only an approved draft whose content still matches goes out (exit 3 else).
    A relay that is down before anything was recorded leaves the state exactly as it was (exit 3).
    """
    from .archive import publish_after_send
    from .deliver import Delivery
    from .deliver.ledger import Ledger
    from .deliver.smtp_backend import SmtpBackend
    from .state.db import SeenArticles, State
    from .state.lock import run_lock

    day = edition_date or today(config)
    if dry_run:
        return send_dry_run(config, report, day)
    with (
        run_lock(config.state.path),
        State(config.state.path, timeout=config.state.timeout) as state,
    ):
        ledger = Ledger(state)
        record = ledger.find(config.newsletter.name, day)
        if record and record.status != "sending" and not resend_unconfirmed:
            return SendResult(day, "already sent", counts=ledger.counts(record.id))
        smtp = SmtpBackend(
            config, report, ledger=ledger, resend_unconfirmed=resend_unconfirmed, progress=progress
        )
        if record is None:
            draft = prepare_draft(
                config, state, day, report, rebuild_untouched=rebuild_untouched, progress=progress
            )
            check_approval(config, state, draft)
            if is_empty(draft.edition, config):
                return SendResult(day, "nothing new")
            session = smtp.open(Delivery(draft.edition, draft.rendered, config))
            dropped_keys = tuple(key for s in draft.dropped for key in _keys(s))
        else:
            session = smtp.resume(record)
            dropped_keys = ()
        with session:
            session.deliver(session.pending())
            result = session.finish()
        if dropped_keys and result.status in ("sent", "partial"):
            SeenArticles(state).mark(dropped_keys)  # an editor's drop holds for later editions too
        publish_after_send(config, report, result)  # the web archive, when configured
        return result


def _keys(story: Story) -> tuple[tuple[str, str], ...]:
    return tuple((a.key, a.source) for a in (story.article, *story.merged))


def run(
    config: Config,
    report: RunReport,
    *,
    edition_date: date | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    force: bool = False,
) -> SendResult:
    """`digest run`, the cron entry point: on a day of the schedule (or with `force`), send the
    day's draft once, under the lock. No draft yet: one is built; an untouched one is rebuilt; one
    somebody worked on is sent as it is."""
    from .schedule import no_edition_reason

    day = edition_date or today(config)
    reason = None if force else no_edition_reason(config, day)
    if reason:
        return SendResult(day, "no edition", note=reason)
    return send(
        config,
        report,
        edition_date=day,
        dry_run=dry_run,
        progress=progress,
        rebuild_untouched=True,
    )


def send_dry_run(config: Config, report: RunReport, day: date) -> SendResult:
    """Everything a send does but the SMTP transactions and the writes: no lock, no state change.

    Every message is built (and signed) as it would be sent, so a broken list or key shows up.
    The draft with its edits is used when there is one; else the edition is built in memory.
    """
    from .deliver.ledger import read_only
    from .deliver.smtp import relay_settings
    from .deliver.smtp_backend import rehearse
    from .render.message import edition_message_id

    relay_settings(config)  # the relay's settings must be valid, though it is not contacted
    with read_only(config.state.path) as view:
        record = view.find(config.newsletter.name, day) if view else None
        counts = view.counts(record.id) if view and record else {}
        if record and record.status != "sending":
            return SendResult(day, "already sent", counts=counts)
        if record is None:
            edition, rendered = _dry_run_edition(config, report, day)
            if not edition.stories and not config.newsletter.send_empty:
                return SendResult(day, "nothing new")
            edition_id = edition_message_id(edition, config)
        else:
            rendered, edition_id = record.rendered, record.message_id
        would, total = rehearse(config, report, view, record, rendered, edition_id)
    return SendResult(day, "dry run", would, total, counts)


def _dry_run_edition(config: Config, report: RunReport, day: date) -> tuple[Edition, Rendered]:
    state = open_state(config)
    stored = drafts_of(config, state).get(day) if state else None
    try:
        if state is not None and stored is not None:
            draft = open_draft(config, state, day, stored)
            check_approval(config, state, draft)
            return draft.edition, draft.rendered
    finally:
        if state is not None:
            state.close()
    built = build(config, edition_date=day, report=report)  # state read-only
    return built.edition, built.rendered


def approve(config: Config, *, edition_date: date | None = None) -> tuple[Draft, datetime]:
    """`digest approve`: record the hash of exactly what would be sent now, and when."""
    from .edition.approval import summary
    from .state.db import State

    day = edition_date or today(config)
    with State(config.state.path, timeout=config.state.timeout) as state:
        stored = drafts_of(config, state).get(day)
        if stored is None:
            raise UsageError(f"no draft for {day}: `digest build --date {day}` makes one")
        draft = open_draft(config, state, day, stored)
        approved = drafts_of(config, state).approve(
            day, draft.content, summary(draft.edition, draft.rendered)
        )
    write_draft_files(config, draft)
    return draft, approved


def status(config: Config, *, edition_date: date | None = None) -> dict[str, Any]:
    """`digest status`: the day's draft, its edits, approval, test mails and send progress."""
    day = edition_date or today(config)
    data: dict[str, Any] = {"date": day.isoformat(), "newsletter": config.newsletter.name}
    data["edits_file"] = str(edits_file(config, day))
    data["approval_required"] = config.schedule.approval == "required"
    state = open_state(config)
    stored = drafts_of(config, state).get(day) if state else None
    data["draft"] = None
    if state is not None and stored is not None:
        with contextlib.closing(state):
            data["draft"] = _draft_status(config, state, day, stored)
    elif state is not None:
        state.close()
    data["send"] = _send_status(config, day)
    return data


def _draft_status(config: Config, state: State, day: date, stored: StoredDraft) -> dict[str, Any]:
    from .edition.approval import changes, summary
    from .edition.edits import EditsError

    drafts = drafts_of(config, state)
    info: dict[str, Any] = {
        "built": stored.built.isoformat(),
        "sources": list(stored.sources),
    }
    try:
        draft = open_draft(config, state, day, stored)
    except EditsError as err:
        info["edits_problems"] = err.problems
        return info
    edits = draft.edits
    info["stories"] = [
        {"id": s.id, "headline": s.headline, "edited": list(_edited(edits, s.id))}
        for s in draft.edition.stories
    ]
    info["dropped"] = [{"id": s.id, "headline": s.headline} for s in draft.dropped]
    info["edits"] = {
        "applied": sorted(edits.stories)
        + [k for k in ("order", "subject", "preheader", "intro") if getattr(edits, k)],
        "stale": list(edits.stale),
        "warnings": list(draft.warnings),
    }
    info["subject"] = draft.rendered.subject
    info["content"] = draft.content
    approval = drafts.approval(day)
    info["approval"] = None
    if approval is not None:
        current = approval.content == draft.content
        info["approval"] = {
            "approved": approval.approved.isoformat(),
            "matches": current,
            "changed": []
            if current
            else changes(approval.summary, summary(draft.edition, draft.rendered)),
        }
    info["test_mails"] = [
        {
            "sent": m.sent.isoformat(),
            "recipients": list(m.recipients),
            "matches": m.content == draft.content,
        }
        for m in drafts.test_mails(day)
    ]
    return info


def _edited(edits: Edits, story_id: str) -> tuple[str, ...]:
    edit = edits.stories.get(story_id)
    moved = ("order",) if story_id in edits.order else ()
    return (*(edit.fields if edit else ()), *moved)


def _send_status(config: Config, day: date) -> dict[str, Any] | None:
    from .deliver.ledger import read_only

    with read_only(config.state.path) as view:
        record = view.find(config.newsletter.name, day) if view else None
        if view is None or record is None:
            return None
        return {
            "status": record.status,
            "subject": record.subject,
            "counts": view.counts(record.id),
        }


def reduce_paths(
    paths: tuple[str, ...], config: Config | None, report: RunReport
) -> Iterator[dict[str, Any]]:
    """`digest reduce PATH…`: one JSON-ready dict per article, in the order of `paths` (folders:
    files in name order). `input` is the path as given; `origin` and `language` (not part of the
    JSON lines) the file or URL read and the language the article was reduced in."""
    reducer = RuleReducer()
    reduced = 0
    for given in paths:
        try:
            items = read_path(given, config, report)
        except SourceError as err:
            report.fail(str(err))
            continue
        for item in items:
            article = extract(item)
            if not article.paragraphs:
                report.skip_page(f"{item.origin}: skipped: no text")
                continue
            reduced += 1
            story = story_dict(reducer.reduce(article))
            yield {"input": given, **story, "origin": item.origin, "language": article.language}
    report.fail_when_all_skipped(reduced)
