"""The preview without a browser: in-memory builds, errors with file and line, the watcher, the HTTP
server (real, on 127.0.0.1) and the CLI command. tests/test_preview_browser.py drives Chromium."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from click.testing import CliRunner

from digest.cli import main
from digest.preview import start
from digest.preview.frame import for_scheme
from digest.preview.server import allowed_hosts, host_allowed, is_loopback, url_host
from digest.preview.session import Session
from digest.preview.snapshot import build_email, key_line

from .preview_helpers import STORY_TEMPLATE, make_project, rewrite


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


def break_line(path: Path, broken: str) -> int:
    """Put `broken` after the first line of the template; return its line number."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    rewrite(path, "".join([lines[0], broken + "\n", *lines[1:]]))
    return 2


def test_builds_in_memory_and_writes_nothing(project: Path):
    outcome = build_email(project)
    email = outcome.email
    assert outcome.problems == () and email is not None
    assert email.stories == 6
    assert email.headers.startswith("From: Bayern am Abend <abend@example.org>\n")
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in email.headers
    parsed = message_from_bytes(email.eml, policy=policy.default)
    assert parsed["Subject"] == email.subject and "26 westliche Staaten" in email.html
    assert [check.name for check in email.lint] == [
        "size",
        "images",
        "links",
        "css",
        "unsubscribe",
    ]
    assert sorted(p.name for p in project.parent.iterdir()) == ["config.toml", "seeds", "tpl"]


def test_a_template_syntax_error_names_file_and_line(project: Path):
    template = project.parent / STORY_TEMPLATE
    line = break_line(template, "{% if %}")
    outcome = build_email(project)
    assert outcome.email is None
    [problem] = outcome.problems
    assert problem.file and Path(problem.file).resolve() == template.resolve()
    assert problem.line == line
    assert f"story.html.j2:{line}:" in problem.message
    assert (line, "{% if %}") in problem.excerpt


def test_an_undefined_variable_names_file_and_line(project: Path):
    template = project.parent / STORY_TEMPLATE
    line = break_line(template, "<p>{{ no_such_value }}</p>")
    [problem] = build_email(project).problems
    assert problem.line == line and "no_such_value" in problem.message
    assert Path(problem.file or "").name == "story.html.j2"


def test_a_bad_config_value_names_the_line_of_its_key(project: Path):
    text = project.read_text(encoding="utf-8")
    rewrite(project, text.replace('language = "de"\n', 'language = "fr"\n', 1))
    [problem] = build_email(project).problems
    assert "newsletter.language" in problem.message
    assert problem.file == str(project)
    assert problem.line == text.splitlines().index('language = "de"') + 1


def test_invalid_toml_names_its_line(project: Path):
    rewrite(project, project.read_text(encoding="utf-8") + "\nbroken = = 1\n")
    [problem] = build_email(project).problems
    assert "invalid TOML" in problem.message
    assert problem.line == len(project.read_text(encoding="utf-8").splitlines())


def test_key_line_finds_tables_and_arrays_of_tables(tmp_path: Path):
    path = tmp_path / "c.toml"
    path.write_text(
        '[newsletter]\nname = "x"\n\n[[sources]]\nname = "a"\n\n[[sources]]\nname = "b"\n'
        'path = "p"\n\n[render.colours]\naccent = "red"\n',
        encoding="utf-8",
    )
    assert key_line(path, "newsletter.name") == 2
    assert key_line(path, "sources[1].path") == 9
    assert key_line(path, "sources[1]") == 7
    assert key_line(path, "render.colours.accent") == 12
    assert key_line(path, "smtp.host") is None


def test_a_failed_rebuild_keeps_the_last_good_email_and_a_fix_recovers(project: Path):
    template = project.parent / STORY_TEMPLATE
    good = template.read_text(encoding="utf-8")
    session = Session(project)
    first = session.snapshot
    assert first.ok and first.email and first.version == first.email_version == 1

    break_line(template, "{% endif %}")
    failed = session.rebuild([str(template)])
    assert not failed.ok and failed.version == 2
    assert failed.email is first.email and failed.email_version == 1

    rewrite(
        template,
        good.replace(
            "<h{{ story_heading }} id",
            '<p class="marker">wieder da</p>\n<h{{ story_heading }} id',
            1,
        ),
    )
    fixed = session.rebuild()
    assert fixed.ok and fixed.email_version == 3 and fixed.email
    assert "wieder da" in fixed.email.html


def test_frame_html_decides_the_colour_scheme():
    html = (
        "<html><head><style>@media (prefers-color-scheme: dark) { p { color: #eee } }\n"
        "@media screen and (prefers-color-scheme:light) { p { color: #111 } }</style></head>"
        "<body><p>x</p></body></html>"
    )
    dark = for_scheme(html, "dark")
    assert "@media (min-width: 0px) { p { color: #eee } }" in dark
    assert "@media screen and (max-width: -1px) { p { color: #111 } }" in dark
    assert "color-scheme: dark !important" in dark
    light = for_scheme(html, "light")
    assert "@media (max-width: -1px) { p { color: #eee } }" in light
    assert "prefers-color-scheme" not in light + dark
    assert "<script" not in light + dark


def test_host_checks():
    local = allowed_hosts("127.0.0.1")
    assert host_allowed("127.0.0.1:8040", local) and host_allowed("localhost:8040", local)
    assert host_allowed("[::1]:8040", local) and host_allowed("LOCALHOST", local)
    assert not host_allowed("evil.example:8040", local)
    assert not host_allowed("localhost.evil.example", local)
    assert not host_allowed(None, local) and not host_allowed("", local)
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.0.2.7")
    assert url_host("0.0.0.0") == "127.0.0.1" and url_host("::") == "[::1]"
    assert url_host("::1") == "[::1]" and url_host("localhost") == "localhost"


@pytest.fixture
def running(project: Path):
    preview = start(project, port=0, poll_seconds=0.1)
    yield preview
    preview.close()


def get(preview, path: str, host: str | None = None) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection(preview.host, preview.port, timeout=5)
    headers = {"Host": host} if host else {}
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    connection.close()
    return response


def test_server_rejects_foreign_host_headers(running):
    assert get(running, "/", host=f"evil.example:{running.port}").status == 403
    assert get(running, "/api/snapshot", host="attacker.test").status == 403
    assert get(running, "/", host=f"localhost:{running.port}").status == 200
    assert get(running, "/").status == 200


def test_email_is_served_without_script_and_with_a_strict_policy(running):
    response = get(running, "/email.html?scheme=dark")
    assert response.status == 200
    policy_header = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy_header and "script-src" not in policy_header
    assert "sandbox" in policy_header and "allow-scripts" not in policy_header
    body = response.body.decode("utf-8")
    assert "<script" not in body and "EventSource" not in body
    assert "26 westliche Staaten" in body
    page = get(running, "/").body.decode("utf-8")
    assert 'sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"' in page
    assert get(running, "/static/preview.js").status == 200
    assert get(running, "/static/../config.toml").status == 404
    eml = message_from_bytes(get(running, "/digest.eml").body, policy=policy.default)
    assert eml["Subject"] == running.session.snapshot.email.subject


def test_event_stream_announces_builds(running, project: Path):
    connection = http.client.HTTPConnection(running.host, running.port, timeout=5)
    connection.request("GET", "/events")
    stream = connection.getresponse()
    assert stream.headers["Content-Type"].startswith("text/event-stream")
    assert read_event(stream)["id"] == "1"
    template = project.parent / STORY_TEMPLATE
    rewrite(template, template.read_text(encoding="utf-8") + "\n")
    started = time.monotonic()
    event = read_event(stream)
    assert event["id"] == "2" and '"version": 2' in event["data"]
    assert time.monotonic() - started < 2.0
    assert running.session.snapshot.changed[0].endswith("story.html.j2")
    connection.close()


def read_event(stream) -> dict[str, str]:
    fields: dict[str, str] = {}
    while True:
        line = stream.readline().decode("utf-8").rstrip("\n")
        if not line and fields:
            return fields
        if line and not line.startswith(":"):
            name, _, value = line.partition(": ")
            fields[name] = value


def test_cli_preview_help_and_errors(tmp_path: Path):
    runner = CliRunner()
    result = runner.invoke(main, ["preview", "--help"])
    assert result.exit_code == 0
    for option in ("--port", "--host", "--no-open", "--date"):
        assert option in result.stdout
    missing = runner.invoke(main, ["--config", str(tmp_path / "none.toml"), "preview"])
    assert missing.exit_code == 2 and "no such file" in missing.stderr


def test_cli_port_in_use_is_a_usage_error(project: Path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        args = ["--config", str(project), "preview", "--no-open", "--port", str(port)]
        result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr and "--port 0" in result.stderr


def test_cli_serves_until_interrupted(project: Path):
    """The real command in a subprocess: URL on stdout, build lines on stderr, Ctrl+C exits 0."""
    command = [sys.executable, "-m", "digest", "--config", str(project), "preview"]
    process = subprocess.Popen(
        [*command, "--no-open", "--port", "0", "--date", "2026-11-25"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=project.parent,
        env={**os.environ, "BROWSER": "false"},
        # a suite started in the background of a shell inherits SIGINT ignored, and so would the
        # preview: Ctrl+C as a terminal sends it needs the default handling
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:")
        host, port = url[len("http://") :].rstrip("/").split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=5)
        connection.request("GET", "/")
        assert b"Mittwoch, 25. November 2026" in get_email(host, int(port))
        assert connection.getresponse().status == 200
        connection.close()
    finally:
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=10)
    assert process.returncode == 0, stderr
    assert "build 1: 6 stories" in stderr
    assert not (project.parent / "out").exists() and not (project.parent / "state.db").exists()


def get_email(host: str, port: int) -> bytes:
    connection = http.client.HTTPConnection(host, port, timeout=5)
    connection.request("GET", "/email.html")
    body = connection.getresponse().read()
    connection.close()
    return body


def test_a_preview_that_starts_broken_serves_the_problem_then_the_email(project: Path):
    template = project.parent / STORY_TEMPLATE
    good = template.read_text(encoding="utf-8")
    break_line(template, "{{ missing_value }}")
    preview = start(project, port=0, poll_seconds=0.1)
    try:
        assert preview.session.snapshot.email is None
        assert b"No email yet" in get(preview, "/email.html").body
        assert get(preview, "/digest.eml").status == 404
        assert b"missing_value" in get(preview, "/").body
        rewrite(template, good)
        fixed = preview.session.wait_newer(1, 3.0)
        assert fixed is not None and fixed.ok and fixed.email is not None
        assert b"26 westliche Staaten" in get(preview, "/email.html").body
    finally:
        preview.close()
