"""kill -9 at any moment leaves edits.toml and the draft old or new, never half-written: real
processes killed with SIGKILL while they write."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from .sendkit import EDITION_DAY, digest_process, write_config

WRITER = """
import sys
from pathlib import Path
from digest.privatefile import write_private
path, versions = Path(sys.argv[1]), [b"A" * 2_000_000, b"B" * 2_000_000]
print("ready", flush=True)
i = 0
while True:
    write_private(path, versions[i % 2])
    i += 1
"""


def test_kill_9_while_edits_toml_is_written_leaves_old_or_new(tmp_path):
    path = tmp_path / "edits.toml"
    path.write_bytes(b"A" * 2_000_000)
    rng = random.Random(18)
    for _ in range(8):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True
        )
        assert writer.stdout is not None and writer.stdout.readline() == "ready\n"
        time.sleep(rng.uniform(0.01, 0.2))
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        writer.stdout.close()
        data = path.read_bytes()
        assert data in (b"A" * 2_000_000, b"B" * 2_000_000)
        assert path.stat().st_mode & 0o777 == 0o600


def test_kill_9_during_a_build_leaves_the_old_draft_or_the_new(tmp_path):
    config = write_config(tmp_path, None)
    first = digest_process(config, "build", "--date", EDITION_DAY)
    assert first.wait(120) == 0, first.communicate()
    first.communicate()
    rng = random.Random(9)
    for _ in range(5):
        build = digest_process(config, "build", "--date", EDITION_DAY)
        time.sleep(rng.uniform(0.1, 1.5))
        build.send_signal(signal.SIGKILL)
        build.communicate()
        status = digest_process(config, "status", "--json", "--date", EDITION_DAY)
        out, err = status.communicate(timeout=120)
        assert status.returncode == 0, err
        draft = json.loads(out)["draft"]
        assert draft is not None and len(draft["stories"]) == 1
        built = Path(tmp_path / "out" / EDITION_DAY / "digest.json")
        assert json.loads(built.read_text(encoding="utf-8"))["stories"]  # whole, parseable
