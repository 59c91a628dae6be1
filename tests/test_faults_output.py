"""Output faults on a real file system: a full disk and a read-only folder while writing the edition.

Each test mounts a small tmpfs in a private mount namespace (`unshare -rm`, no root needed where user
namespaces are allowed) and runs `digest build` there; it skips where namespaces are not allowed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT


def _can_unshare() -> bool:
    if not shutil.which("unshare"):
        return False
    probe = "mount -t tmpfs -o size=16k tmpfs /mnt && umount /mnt"
    result = subprocess.run(["unshare", "-rm", "sh", "-c", probe], capture_output=True, check=False)
    return result.returncode == 0


pytestmark = pytest.mark.skipif(not _can_unshare(), reason="needs unshare -rm and tmpfs mounts")


def build_script(mount: Path, size: str, setup: str) -> str:
    """Shell: mount a tmpfs of `size` on `mount`, run `setup`, `digest build` into mount/out, list it."""
    return (
        f"mount -t tmpfs -o size={size} tmpfs {mount} && {setup} && "
        f"{sys.executable} -m digest --config {ROOT / 'config.toml'} build "
        f"--date 2026-11-25 --out {mount}/out; echo EXIT=$?; ls -la {mount}/out/2026-11-25 2>&1; "
        f"cat {mount}/out/2026-11-25/digest.html 2>/dev/null | head -c 40"
    )


def run_script(script: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, check=False
    )


def test_disk_full_leaves_the_previous_edition_untouched(tmp_path):
    mount = tmp_path / "small"
    mount.mkdir()
    # 40 KB: room for the previous edition's small files, not for the new edition.
    setup = (
        f"mkdir -p {mount}/out/2026-11-25 && echo OLD-HTML > {mount}/out/2026-11-25/digest.html && "
        f"head -c 12000 /dev/zero > {mount}/filler"
    )
    result = run_script(build_script(mount, "40k", setup))
    assert "EXIT=1" in result.stdout, result.stdout + result.stderr
    assert "No space left on device" in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.count("Error:") == 1
    listing = result.stdout
    assert ".tmp" not in listing  # no temporary file left behind
    assert "OLD-HTML" in listing  # the previous digest.html is as it was
    assert "digest.eml" not in listing and "digest.json" not in listing  # nothing half-new


def test_read_only_output_folder_is_a_clear_error(tmp_path):
    mount = tmp_path / "ro"
    mount.mkdir()
    setup = f"mkdir -p {mount}/out && mount -o remount,ro {mount}"
    result = run_script(build_script(mount, "1m", setup))
    assert "EXIT=1" in result.stdout, result.stdout + result.stderr
    assert "Read-only file system" in result.stderr and "Traceback" not in result.stderr
    assert f"{mount}/out/2026-11-25" in result.stderr
