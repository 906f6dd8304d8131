"""The report as PDF: the HTML report printed by headless Chromium, the one place journeymap runs a browser.

Chromium was measured against WeasyPrint on the examples' reports (see README, "PDF of the report"): WeasyPrint
drew the emotion curve as a black band (no `color-mix`, `vector-effect` or positioned markers) and took three
times as long; Chromium prints what a reader sees on screen. It is called as a program (`--print-to-pdf`), not
through a library: nothing to install in Python, and a missing browser is a clear message, not an import error.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from journeymap.render.engine import RenderError

CHROMIUM_ENV = "JOURNEYMAP_CHROMIUM"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
TIMEOUT_S = 120.0
_FLAGS = (
    "--headless", "--disable-gpu", "--no-pdf-header-footer", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
    "--disable-extensions", "--mute-audio", "--hide-scrollbars",
)


class BrowserNotFound(RenderError):
    """No journey can be printed on this machine: a usage error (exit 2), not a problem of one journey."""


def find_chromium() -> str:
    """The browser to print with: $JOURNEYMAP_CHROMIUM when set, else the first Chromium or Chrome on PATH."""
    named = os.environ.get(CHROMIUM_ENV)
    if named:
        found = shutil.which(named)
        if found is None:
            raise BrowserNotFound(f"{CHROMIUM_ENV}={named} is not a program that can be run: "
                                  "set it to a Chromium or Chrome executable, or unset it")
        return found
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found is not None:
            return found
    raise BrowserNotFound(
        "the PDF of the report is printed by Chromium (or Chrome), and none is installed: install it "
        "(Debian/Ubuntu: sudo apt-get install chromium; macOS: brew install --cask chromium) or name it with "
        f"{CHROMIUM_ENV}=/path/to/chrome; the Graphviz views alone need no browser: -f pdf --view flow"
    )


def report_pdf(html: str, *, browser: str | None = None, timeout: float = TIMEOUT_S) -> bytes:
    """The PDF of one HTML report, its page size and margins taken from the report's own @page rule.

    The report is written to a private temporary folder for the browser to open, with a profile of its own
    there (never the user's), and both are removed after; the PDF comes back as bytes for the caller to write
    atomically.
    """
    program = browser or find_chromium()
    with tempfile.TemporaryDirectory(prefix="journeymap-pdf-") as folder:
        page = Path(folder) / "report.html"
        page.write_text(html, encoding="utf-8")
        output = Path(folder) / "report.pdf"
        command = [
            program, *_FLAGS, *(["--no-sandbox"] if _needs_no_sandbox() else []),
            f"--user-data-dir={Path(folder) / 'profile'}", f"--print-to-pdf={output}", page.as_uri(),
        ]
        try:  # a session of its own, so that a browser that hangs is stopped with all its helper processes
            browser_process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                               stderr=subprocess.PIPE, start_new_session=True)
        except FileNotFoundError:
            raise BrowserNotFound(f"cannot run {program}: not found") from None
        except PermissionError:
            raise BrowserNotFound(f"cannot run {program}: permission denied") from None
        try:
            _out, errors = browser_process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _stop(browser_process)
            raise RenderError(f"Chromium did not print the report within {timeout:.0f} s") from None
        except BaseException:  # Ctrl-C: leave no browser behind
            _stop(browser_process)
            raise
        data = output.read_bytes() if output.is_file() else b""
        if browser_process.returncode != 0 or not data.startswith(b"%PDF"):
            detail = [line for line in errors.decode("utf-8", "replace").splitlines() if line.strip()]
            raise RenderError(f"Chromium could not print the report (exit {browser_process.returncode})"
                              + (f": {detail[-1].strip()}" if detail else ""))
        return data


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Ends the browser and the processes it started (its session), then reaps it."""
    import signal

    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, AttributeError):
        process.kill()
    process.communicate()


def _needs_no_sandbox() -> bool:
    """Chromium refuses to start its sandbox as root (containers, CI); it opens only our own report here."""
    return hasattr(os, "geteuid") and os.geteuid() == 0
