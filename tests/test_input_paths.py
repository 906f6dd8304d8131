"""What an input path may name (issue 11): special files are refused or read with a bound, never waited on; every
journey in a folder is found, whatever its style; what a folder walk leaves out is said, and why."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import CLEAN_JOURNEY, EXAMPLES
from journeymap.config import Settings
from journeymap.reading import read_text
from journeymap.validate import validate_paths


def test_special_files_in_a_folder_are_refused_without_waiting(tmp_path, run_cli):
    (tmp_path / "good.yaml").write_text(CLEAN_JOURNEY, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.yaml")  # nobody writes: reading it would wait for ever
    result = run_cli("validate", str(tmp_path))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "pipe.yaml:1:1: error JM003" in result.stdout and "named pipe (FIFO)" in result.stdout
    assert "could not read" in result.stderr


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_endless_devices_are_bounded(device, tmp_path, run_cli):
    """Named on the command line, a device is read as the user asked, but never past the size limit."""
    text, problems = read_text(Path(device), device, 1_000_000, named=True)
    assert text is None and [p.code for p in problems] == ["JM007"]
    text, problems = read_text(Path(device), device, 1_000_000)  # found in a folder: not read at all
    assert text is None and "character device" in problems[0].message
    result = run_cli("validate", device)
    assert result.returncode in (1, 2) and "Traceback" not in result.stderr
    assert "JM007" in result.stdout


def test_a_pipe_named_on_the_command_line_is_read(tmp_path):
    """`journeymap validate -` and `diff a.yaml <(git show ...)`: a pipe the user names is a journey to read."""
    journey = (EXAMPLES / "en-b2b-quote-request.yaml").read_bytes()
    done = subprocess.run([sys.executable, "-m", "journeymap", "validate", "-"], input=journey, capture_output=True,
                          timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    fifo = tmp_path / "target.yaml"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_bytes(journey))
    writer.start()
    done = subprocess.run([sys.executable, "-m", "journeymap", "diff", str(EXAMPLES / "en-b2b-quote-request.yaml"),
                           str(fifo)], capture_output=True, timeout=120, cwd=tmp_path)
    writer.join(timeout=30)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_named_pipe_without_writer_reads_as_empty_instead_of_waiting(tmp_path):
    os.mkfifo(tmp_path / "lonely.yaml")
    text, problems = read_text(tmp_path / "lonely.yaml", "lonely.yaml", named=True)
    assert text == "" and not problems


def test_flow_style_and_json_journeys_are_found_in_folders(tmp_path):
    (tmp_path / "flow.yaml").write_text("{journeymap: 1, id: BAD ID}\n", encoding="utf-8")
    (tmp_path / "json.yaml").write_text('{"journeymap": 1, "id": "BAD ID"}\n', encoding="utf-8")
    (tmp_path / "spread.yml").write_text('{\n  "title": "x",\n  "journeymap": 1\n}\n', encoding="utf-8")
    (tmp_path / "other.yaml").write_text("{name: ci, steps: [build]}\n", encoding="utf-8")
    report = validate_paths([tmp_path], Settings())
    assert sorted(Path(r.file).name for r in report.files) == ["flow.yaml", "json.yaml", "spread.yml"]
    assert [Path(name).name for name in report.skipped] == ["other.yaml"]
    assert report.exit_code(strict=False) == 1


def test_a_linked_subfolder_is_named_as_not_followed(tmp_path, run_cli):
    real = tmp_path / "real"
    real.mkdir()
    (real / "a.yaml").write_text(CLEAN_JOURNEY, encoding="utf-8")
    walked = tmp_path / "walked"
    walked.mkdir()
    os.symlink(real, walked / "linked")
    result = run_cli("validate", str(walked))
    assert result.returncode == 0
    assert "not checked" in result.stderr and "linked" in result.stderr and "symbolic link" in result.stderr
    assert "0 journey files checked" in result.stdout


def test_an_unreadable_subfolder_is_an_error(tmp_path, monkeypatch):
    """As root, permissions do not apply: the refusal is simulated where the folder is listed."""
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.yaml").write_text(CLEAN_JOURNEY, encoding="utf-8")
    (tmp_path / "locked").mkdir()
    real = os.scandir

    def scandir(path="."):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    report = validate_paths([tmp_path], Settings())
    assert [(Path(f.display).name, f.unreadable) for f in report.not_walked] == [("locked", True)]
    assert "Permission denied" in report.not_walked[0].reason
    assert report.exit_code(strict=False) == 2 and len(report.files) == 1
