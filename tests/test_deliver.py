"""deliver/: files, memory and smtp are backends with one interface — a session per edition,
`pending()` copies and `deliver(copies)` — driven here through the same deliver_edition()."""

from __future__ import annotations

import importlib
from datetime import date

import pytest

from digest.deliver import REGISTRY, Delivery, backend, deliver_edition
from digest.deliver.recipients import Tokens, make_recipient
from digest.pipeline import build
from digest.report import RunReport

from .sendkit import EDITION_DAY, load, write_config

DAY = date.fromisoformat(EDITION_DAY)
pytestmark = pytest.mark.usefixtures("secrets")


def test_the_three_backends_are_registered_by_name():
    backend("memory")  # loads the memory backend only: each is imported when it is asked for
    backend("files")
    importlib.import_module("digest.deliver.smtp_backend")  # SmtpBackend needs a config
    assert {"files", "memory", "smtp"} <= set(REGISTRY)


def test_files_memory_and_smtp_deliver_through_one_interface(relay, tmp_path):
    server = relay()
    config = load(write_config(tmp_path, server))
    built = build(config, edition_date=DAY)
    delivery = Delivery(built.edition, built.rendered, config, out_dir=tmp_path / "out")
    report = RunReport()
    reader = make_recipient("test", "Anna <anna@example.org>", "", "", Tokens(config, "t"), report)
    assert reader is not None
    backends = {
        "files": backend("files"),
        "memory": backend("memory"),
        "smtp": backend("smtp", config=config, report=report, test_recipients=[reader]),
    }

    results = {name: deliver_edition(way, delivery) for name, way in backends.items()}

    assert [p.rsplit("/", 1)[-1] for p in results["files"].delivered] == [
        f"digest.{fmt}" for fmt in config.output.formats
    ]
    memory_message = backends["memory"].messages[0]  # type: ignore[attr-defined]
    assert results["memory"].delivered == (memory_message["Message-ID"],)
    assert results["smtp"].delivered == ("anna@example.org",) and not results["smtp"].failed
    (copy,) = server.wait_for(1)
    assert copy.rcpt_tos == ["anna@example.org"]
    assert copy.message["Subject"] == memory_message["Subject"] == built.rendered.subject
    assert report.failures == [] and report.delivered == 1


def test_a_session_says_what_is_pending_before_it_delivers(tmp_path):
    config = load(write_config(tmp_path, None))
    built = build(config, edition_date=DAY)
    memory = backend("memory")
    session = memory.open(Delivery(built.edition, built.rendered, config))
    pending = list(session.pending())
    assert len(pending) == 1 and pending[0].key == ""  # nobody's copy
    assert memory.messages == []  # type: ignore[attr-defined]
    session.deliver(pending)
    session.close()
    assert len(memory.messages) == 1  # type: ignore[attr-defined]
