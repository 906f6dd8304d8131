"""What an output path may name (issue 11, data loss): devices are written through, links are replaced and never
followed, folders, FIFOs and sockets are refused before anything is written, and two outputs of one run never
claim the same path."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import CLEAN_JOURNEY, EXAMPLES, ROBUSTNESS_COUNTS
from journeymap.cli import app
from journeymap.files import OutputError, write_atomic

runner = CliRunner()
PAIR = (EXAMPLES / "fr-retail-achat-current.yaml", EXAMPLES / "fr-retail-achat-target.yaml")


def invoke(*args: str):
    return runner.invoke(app, list(args))


def journey(tmp_path: Path, name: str = "j.yaml", text: str = CLEAN_JOURNEY) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def character_device(tmp_path: Path) -> Path:
    """A character device like /dev/null: a node of our own as root (so that a failure costs the machine nothing),
    the real /dev/null otherwise (a user cannot replace it, so the test still says whether it is written through)."""
    if os.geteuid() != 0:
        return Path("/dev/null")
    node = tmp_path / "null"
    os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    return node


def test_diff_and_schema_write_through_a_character_device(character_device):
    for args in (["diff", *map(str, PAIR), "-f", "json", "-o", str(character_device)],
                 ["schema", "-o", str(character_device)]):
        result = invoke(*args)
        assert result.exit_code in (0, 1), result.output
        assert stat.S_ISCHR(os.lstat(character_device).st_mode), args  # still the device, not a regular file


def test_a_link_to_a_device_is_written_through(tmp_path, character_device):
    source = journey(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    os.symlink(character_device, out / "meal-kit.mmd")  # like /dev/stdout -> /proc/self/fd/1 -> a terminal
    assert invoke("render", str(source), "-o", str(out), "-f", "mermaid").exit_code == 0
    assert (out / "meal-kit.mmd").is_symlink()  # kept: written through, not replaced
    assert stat.S_ISCHR(os.lstat(character_device).st_mode)


@pytest.mark.parametrize("stdout_is", ["pipe", "file"])
def test_a_link_to_our_own_standard_output_is_written_through(tmp_path, stdout_is):
    """`-o /dev/stdout`, which is a link to /proc/self/fd/1: replacing it, as root, broke /dev/stdout. The test
    uses a link of its own to the same place."""
    import subprocess
    import sys

    link = tmp_path / "stdout.json"
    os.symlink("/proc/self/fd/1", link)
    command = [sys.executable, "-m", "journeymap", "diff", *map(str, PAIR), "-f", "json", "-o", str(link)]
    if stdout_is == "pipe":
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        written = done.stdout
    else:
        with open(tmp_path / "captured.json", "w", encoding="utf-8") as captured:
            done = subprocess.run(command, stdout=captured, stderr=subprocess.PIPE, text=True, timeout=120)
        written = (tmp_path / "captured.json").read_text(encoding="utf-8")
    assert done.returncode in (0, 1), done.stderr
    assert written.lstrip().startswith("{") and '"format": "journeymap-diff"' in written
    assert link.is_symlink() and os.readlink(link) == "/proc/self/fd/1"


@pytest.mark.parametrize("kind", ["folder", "fifo", "socket"])
def test_output_that_is_not_a_file_is_refused_before_anything_is_written(tmp_path, kind):
    source = journey(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    blocker = out / "meal-kit.md"
    held = None
    if kind == "folder":
        blocker.mkdir()
    elif kind == "fifo":
        os.mkfifo(blocker)
    else:
        held = socket.socket(socket.AF_UNIX)
        held.bind(str(blocker))
    try:
        result = invoke("render", str(source), "-o", str(out), "-f", "mermaid", "-f", "md")
        assert result.exit_code == 2, result.output
        assert "refusing to write" in result.output and "not a file" in result.output
        assert sorted(p.name for p in out.iterdir()) == ["meal-kit.md"]  # not even the mermaid file came first
        diff = invoke("diff", *map(str, PAIR), "-f", "md", "-o", str(blocker))
        assert diff.exit_code == 2 and "refusing to write" in diff.output
    finally:
        if held is not None:
            held.close()
    mode = os.lstat(blocker).st_mode
    assert {"folder": stat.S_ISDIR, "fifo": stat.S_ISFIFO, "socket": stat.S_ISSOCK}[kind](mode)
    ROBUSTNESS_COUNTS.setdefault("outputs that are not files (refused, kept)", {"kinds": 0, "replaced": 0})["kinds"] += 1


def test_a_link_in_the_output_folder_is_replaced_and_its_target_never_written(tmp_path):
    source = journey(tmp_path)
    elsewhere = tmp_path / "precious.txt"
    elsewhere.write_text("keep me", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    os.symlink(elsewhere, out / "meal-kit.mmd")
    os.symlink(tmp_path / "missing" / "nowhere.md", out / "meal-kit.md")  # dangling, into a missing folder
    result = invoke("render", str(source), "-o", str(out), "-f", "mermaid", "-f", "md")
    assert result.exit_code == 0, result.output
    assert elsewhere.read_text(encoding="utf-8") == "keep me"
    for name in ("meal-kit.mmd", "meal-kit.md"):
        assert (out / name).is_file() and not (out / name).is_symlink()
    link = tmp_path / "diff.md"
    os.symlink(elsewhere, link)
    assert invoke("diff", *map(str, PAIR), "-f", "md", "-o", str(link)).exit_code in (0, 1)
    assert elsewhere.read_text(encoding="utf-8") == "keep me" and not link.is_symlink()


def test_a_link_to_an_input_is_replaced_but_a_hard_link_to_one_is_refused(tmp_path):
    source = journey(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    os.symlink(source, out / "meal-kit.mmd")
    assert invoke("render", str(source), "-o", str(out), "-f", "mermaid").exit_code == 0
    assert source.read_text(encoding="utf-8") == CLEAN_JOURNEY
    os.unlink(out / "meal-kit.mmd")
    os.link(source, out / "meal-kit.mmd")
    result = invoke("render", str(source), "-o", str(out), "-f", "mermaid")
    assert result.exit_code == 2 and "refusing to overwrite input" in result.output
    assert source.read_text(encoding="utf-8") == CLEAN_JOURNEY


def test_a_journey_named_index_does_not_overwrite_the_index_page(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    journey(folder, "a.yaml")
    journey(folder, "b.yaml", CLEAN_JOURNEY.replace("id: meal-kit", "id: index"))
    out = tmp_path / "out"
    result = invoke("render", str(folder), "-o", str(out), "-f", "md", "-f", "html")
    assert result.exit_code == 2, result.output
    assert "index.html would be written twice" in result.output and "b.yaml" in result.output
    assert not out.exists() or not list(out.iterdir())  # nothing written
    alone = invoke("render", str(folder / "b.yaml"), "-o", str(out), "-f", "md")  # no index page: no collision
    assert alone.exit_code == 0, alone.output


def test_unwritable_output_folder_is_exit_2_and_writes_nothing_more(tmp_path, monkeypatch):
    """A read-only folder (as root, permissions do not apply: the refusal is simulated where the file is made)."""
    import tempfile

    source = journey(tmp_path)
    out = tmp_path / "out"
    out.mkdir()

    def read_only(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    result = invoke("render", str(source), "-o", str(out), "-f", "mermaid", "-f", "md")
    assert result.exit_code == 2 and "Permission denied" in result.output
    assert not list(out.iterdir())


def test_write_atomic_refuses_a_folder_and_keeps_it(tmp_path):
    (tmp_path / "x").mkdir()
    with pytest.raises(OutputError, match="it is a folder"):
        write_atomic(tmp_path / "x", "data")
    assert (tmp_path / "x").is_dir()
