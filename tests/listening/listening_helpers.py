"""A small journey with one moment of truth per metric, and results files written for it."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from journeymap.config import ResultsSettings, Settings
from journeymap.listening.measure import ListeningPlan, Measurement, measure
from journeymap.validate import validate_paths

JOURNEY = """\
journeymap: 1
id: stay
title: Stay at the hotel
state: current
lang: en
objective: More guests come back
touchpoints:
  - {id: desk, name: Front desk, channel: store, owner: Reception}
stages:
  - id: arrive
    name: Arrive
    steps:
      - id: check-in
        action: Check in at the desk
        touchpoints: [desk]
        emotion: 1
        moment_of_truth: {question: How easy was it?, media: sms, timing: hot, metric: ces, alert_below: 4}
      - id: find-room
        action: Find the room
        touchpoints: [desk]
        emotion: 0
  - id: leave
    name: Leave
    steps:
      - id: pay
        action: Pay the bill
        touchpoints: [desk]
        emotion: 0
        moment_of_truth: {question: Were you satisfied?, media: email, timing: hot, metric: csat, alert_below: 3.5}
      - id: recommend
        action: Recommend the hotel
        touchpoints: [desk]
        emotion: 1
        moment_of_truth: {question: Would you recommend us?, media: email, timing: cold, metric: nps, alert_below: 20}
      - id: rate-breakfast
        action: Rate the breakfast
        touchpoints: [desk]
        emotion: 1
        moment_of_truth: {question: Out of 100?, media: web-survey, timing: warm, metric: custom, alert_below: 70}
"""

HEADER = ["journey", "step", "date", "metric", "score", "value", "respondents", "verbatim"]


def write_journey(folder: Path, text: str = JOURNEY) -> Path:
    path = folder / "stay.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def answers(step: str, metric: str, scores: Iterable[float], date: str = "2026-03-10") -> list[list[object]]:
    return [["stay", step, date, metric, score, "", "", ""] for score in scores]


def write_csv(folder: Path, rows: Sequence[Sequence[object]], name: str = "results.csv",
              header: Sequence[str] = HEADER, delimiter: str = ",", encoding: str = "utf-8") -> Path:
    path = folder / name
    with open(path, "w", newline="", encoding=encoding) as stream:
        writer = csv.writer(stream, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_jsonl(folder: Path, records: Sequence[object], name: str = "results.jsonl") -> Path:
    path = folder / name
    path.write_text("".join((json.dumps(r) if not isinstance(r, str) else r) + "\n" for r in records),
                    encoding="utf-8")
    return path


def plan_of(folder: Path) -> ListeningPlan:
    return ListeningPlan.of(validate_paths([folder]).files)


def measured(folder: Path, results: Sequence[Path], **results_settings: object) -> Measurement:
    """`measure` over the journey in `folder` (written if missing), with [results] settings given as keywords;
    min_respondents is 1 unless given, so that hand-computed cases stay small."""
    if not (folder / "stay.yaml").exists():
        write_journey(folder)
    config = {"min_respondents": 1, **results_settings}
    period = config.pop("period", "month")
    since = config.pop("since", None)
    settings = Settings(results=ResultsSettings(**config))  # type: ignore[arg-type]
    return measure(results, plan_of(folder), settings, period=period, since=since)  # type: ignore[arg-type]


def reading(found: Measurement, step: str):  # type: ignore[no-untyped-def]
    return next(moment for moment in found.moments if moment.moment.step == step)
