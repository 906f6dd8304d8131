"""A small language-server client for tests: JSON-RPC 2.0 over a child's stdin/stdout with Content-Length framing.

Enough of the protocol to drive an editor's language server the way an editor does: requests with answers,
notifications, and the server's own requests (workspace/configuration and the like) answered so that it never
waits on us. Every wait has a deadline; closing always ends the child.
"""

from __future__ import annotations

import json
import queue
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, BinaryIO


class LspError(Exception):
    """The server answered with an error, closed its output, or did not answer in time."""


def _read_message(stream: BinaryIO) -> dict[str, Any] | None:
    """One framed message, or None when the stream ends."""
    length = None
    while True:
        line = stream.readline()
        if not line:
            return None
        line = line.strip()
        if not line:
            break
        name, _, value = line.decode("ascii").partition(":")
        if name.strip().lower() == "content-length":
            length = int(value.strip())
    if length is None:
        raise LspError("a message without Content-Length")
    body = stream.read(length)
    if len(body) < length:
        return None
    message: dict[str, Any] = json.loads(body.decode("utf-8"))
    return message


class LanguageServer:
    """A running language server and what it has sent us so far."""

    def __init__(self, command: Sequence[str], settings: dict[str, Any], cwd: Path, stderr: Path) -> None:
        self.settings = settings
        self._stderr = open(stderr, "wb")  # noqa: SIM115 - closed in close()
        self._process = subprocess.Popen(
            list(command), cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr
        )
        self._next_id = 0
        self._answers: dict[int, queue.Queue[dict[str, Any]]] = {}
        self._lock = threading.Lock()
        self._notifications: list[dict[str, Any]] = []
        self._arrived = threading.Condition()
        self._reader = threading.Thread(target=self._read_all, daemon=True)
        self._reader.start()

    # --- sending --------------------------------------------------------------------------------------------
    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self._process.stdin is not None
        with self._lock:
            self._process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            self._process.stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: Any, timeout: float = 20.0) -> Any:
        with self._lock:
            self._next_id += 1
            number = self._next_id
            answer: queue.Queue[dict[str, Any]] = queue.Queue()
            self._answers[number] = answer
        self._send({"id": number, "method": method, "params": params})
        try:
            message = answer.get(timeout=timeout)
        except queue.Empty:
            raise LspError(f"no answer to {method} within {timeout} s") from None
        if "error" in message:
            raise LspError(f"{method}: {message['error']}")
        return message.get("result")

    # --- receiving ------------------------------------------------------------------------------------------
    def _read_all(self) -> None:
        assert self._process.stdout is not None
        while True:
            try:
                message = _read_message(self._process.stdout)
            except (LspError, ValueError, OSError):
                message = None
            if message is None:
                for answer in list(self._answers.values()):
                    answer.put({"error": "the server closed its output"})
                with self._arrived:
                    self._notifications.append({"method": "$closed"})
                    self._arrived.notify_all()
                return
            if "id" in message and "method" in message:
                self._answer_server(message)
            elif "id" in message:
                answer = self._answers.pop(message["id"], None)
                if answer is not None:
                    answer.put(message)
            else:
                with self._arrived:
                    self._notifications.append(message)
                    self._arrived.notify_all()

    def _answer_server(self, message: dict[str, Any]) -> None:
        """The server asks the editor things; answer as an editor with these settings would."""
        result: Any = None
        if message["method"] == "workspace/configuration":
            result = [self._setting(item.get("section")) for item in message["params"]["items"]]
        try:
            self._send({"id": message["id"], "result": result})
        except OSError:
            pass

    def _setting(self, section: str | None) -> Any:
        value: Any = self.settings
        for part in (section or "").split("."):
            if part:
                value = value.get(part) if isinstance(value, dict) else None
        return value

    def wait_for(self, method: str, accept: Callable[[dict[str, Any]], bool], timeout: float = 20.0) -> dict[str, Any]:
        """The first notification `method` whose params `accept` takes, arrived already or within `timeout`."""
        deadline = time.monotonic() + timeout
        seen = 0
        with self._arrived:
            while True:
                for message in self._notifications[seen:]:
                    if message.get("method") == "$closed":
                        raise LspError(f"the server ended while we waited for {method}")
                    if message.get("method") == method and accept(message.get("params", {})):
                        return message["params"]  # type: ignore[no-any-return]
                seen = len(self._notifications)
                left = deadline - time.monotonic()
                if left <= 0:
                    raise LspError(f"no {method} within {timeout} s")
                self._arrived.wait(left)

    # --- ending ---------------------------------------------------------------------------------------------
    def close(self) -> None:
        try:
            if self._process.poll() is None:
                self.request("shutdown", None, timeout=5)
                self.notify("exit", None)
                self._process.wait(timeout=5)
        except (LspError, OSError, subprocess.TimeoutExpired):
            pass
        finally:
            if self._process.poll() is None:
                self._process.kill()
                self._process.wait(timeout=5)
            for stream in (self._process.stdin, self._process.stdout):
                if stream is not None:
                    try:
                        stream.close()
                    except OSError:
                        pass
            self._stderr.close()
