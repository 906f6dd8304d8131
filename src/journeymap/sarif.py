"""SARIF 2.1.0 output of `journeymap validate`, for GitHub code scanning and other SARIF viewers.

Workflow annotations are capped at about ten per type and step, so a large repository loses most of its problems
there; code scanning keeps every result (up to GitHub's limits, below) as an alert that follows its line across
commits. The rules carry the catalogue's texts, the same that `journeymap rules CODE` prints.

Fingerprints: code scanning matches a result with the alert of an earlier run by its `partialFingerprints`. Ours
hash the code, the file, the data path (`stages[0].steps[2].action`) and the message, never the line, so that an
alert survives lines inserted above it; identical problems of one file are told apart by their rank (`…:2`).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from journeymap import catalogue
from journeymap.problems import Problem, Severity, format_path
from journeymap.text import json_text

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/journeymap/"
SOURCE_ROOT = "%SRCROOT%"  # relative paths are relative to where journeymap ran: the repository's root in CI
FINGERPRINT_KEY = "journeymap/v1"  # a new scheme gets a new key, so that old alerts are not silently remapped
MAX_RESULTS = 25_000  # GitHub rejects a run with more results ("Results per run"); errors are kept first

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning"}
_LINK = re.compile(r"\]\(")  # "[text](1)" in a plain-text message is an embedded link to a location


def to_sarif(problems: Sequence[Problem], checked: int = 0, skipped: int = 0, *, limit: int = MAX_RESULTS) -> str:
    """A SARIF log with one run: every check of the catalogue as a rule, every problem as a result."""
    return json_text(sarif_log(problems, checked, skipped, limit=limit))


def sarif_log(problems: Sequence[Problem], checked: int = 0, skipped: int = 0, *,
              limit: int = MAX_RESULTS) -> dict[str, Any]:
    from journeymap import __version__

    index = {check.code: position for position, check in enumerate(catalogue.CHECKS)}
    kept = _within_limit(problems, limit)
    fingerprints = _fingerprints(kept)
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if len(kept) < len(problems):
        invocation["toolExecutionNotifications"] = [{
            "level": "warning",
            "message": {"text": f"{len(problems) - len(kept):,} of {len(problems):,} problems left out: code "
                                f"scanning accepts at most {limit:,} results per run; run `journeymap validate` "
                                "for all of them"},
        }]
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "journeymap",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [_rule(check) for check in catalogue.CHECKS],
            }},
            "invocations": [invocation],
            "originalUriBaseIds": {SOURCE_ROOT: {"description": {"text": "The folder journeymap ran in."}}},
            "results": [_result(problem, index.get(problem.code), fingerprint)
                        for problem, fingerprint in zip(kept, fingerprints)],
            "properties": {"journeyFilesChecked": checked, "yamlFilesSkipped": skipped},
        }],
    }


def _rule(check: catalogue.Check) -> dict[str, Any]:
    return {
        "id": check.code,
        "name": check.name,
        "shortDescription": {"text": check.summary},
        "fullDescription": {"text": check.explanation},
        "help": {"text": check.help, "markdown": check.help_markdown},
        "defaultConfiguration": {"level": _LEVEL[check.severity]},
        "properties": {"tags": ["journeymap", check.name.split(".")[0]]},
    }


def _result(problem: Problem, rule_index: int | None, fingerprint: str) -> dict[str, Any]:
    text = problem.message + (f"\n{problem.hint}" if problem.hint else "")
    result: dict[str, Any] = {
        "ruleId": problem.code,
        "level": _LEVEL[problem.severity],
        "message": {"text": _plain_message(text)},
        "locations": [{"physicalLocation": {
            "artifactLocation": _artifact(problem.file),
            "region": {"startLine": max(problem.line, 1), "startColumn": max(problem.column, 1)},
        }}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
    }
    if rule_index is not None:
        result["ruleIndex"] = rule_index
    if problem.path:
        result["locations"][0]["logicalLocations"] = [
            {"fullyQualifiedName": format_path(problem.path), "kind": "member"}
        ]
    return result


def _artifact(file: str) -> dict[str, Any]:
    """A relative URI under %SRCROOT% for a file below the folder journeymap ran in, a file URI otherwise."""
    path = Path(file)
    if path.is_absolute():
        return {"uri": path.as_uri()}
    # ":" stays encoded: "a:b.yaml" would otherwise read as a URI of scheme "a"; undecodable bytes of a file
    # name (kept as surrogates) are encoded as the bytes they were.
    uri = quote(file.replace(os.sep, "/"), safe="/-._~!$&'()*+,;=@", errors="surrogateescape")
    return {"uri": uri, "uriBaseId": SOURCE_ROOT}


def _plain_message(text: str) -> str:
    """Quoted labels cannot turn into embedded links: brackets are escaped where "](" would make one."""
    if not _LINK.search(text):
        return text
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def _within_limit(problems: Sequence[Problem], limit: int) -> list[Problem]:
    if len(problems) <= limit:
        return list(problems)
    errors = [problem for problem in problems if problem.severity is Severity.ERROR]
    others = [problem for problem in problems if problem.severity is not Severity.ERROR]
    return sorted((errors + others)[:limit])


def _fingerprints(problems: Sequence[Problem]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for problem in problems:
        key = "\0".join((problem.code, problem.file, format_path(problem.path), problem.message))
        digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]
        seen[digest] = seen.get(digest, 0) + 1
        out.append(f"{digest}:{seen[digest]}")
    return out
