"""From a recognised sheet to a journey: ids from labels, emotions on -2..+2, the touchpoint catalogue, pain
points, backstage, the action plan, and a comment wherever import read or assumed something."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from journeymap import catalogue
from journeymap.sheets import lexicon
from journeymap.sheets.draft import Draft, Found, Value
from journeymap.sheets.recognise import Recognised

_WORDS = {
    "en": {"journey": "Journey", "objective": "Not stated in {source}: write why this journey is mapped",
           "opportunity": "from step '{step}' ({ref})", "left_out": "Left out (Include = No): {rows}."},
    "fr": {"journey": "Parcours", "objective": "Non précisé dans {source} : écrire pourquoi ce parcours est "
                                               "cartographié",
           "opportunity": "de l'étape « {step} » ({ref})", "left_out": "Lignes écartées (Include = No) : {rows}."},
}
_KINDS = (("patient", "patient"), ("usager", "citizen"), ("citoyen", "citizen"), ("citizen", "citizen"),
          ("employee", "employee"), ("salarie", "employee"), ("collaborateur", "employee"),
          ("prospect", "prospect"), ("user", "user"), ("utilisateur", "user"))
_TARGET = re.compile(r"\b(?:target|future|to-be|to be|ideal|cible|futur|idéal|souhaité)\b", re.IGNORECASE)
_SEVERITY = re.compile(r"^\[(high|medium|low)\]\s*", re.IGNORECASE)
_SPLIT = re.compile(r"\s*(?:\n|\u2022)\s*")  # one item per line (a ';' often joins two clauses of one)
_JOINED = re.compile(r"\b(?:and|et|or|ou|&)\b", re.IGNORECASE)
_COMMAS = re.compile(r"\s*,\s*(?![^()]*\))")  # "Website, E-mail": two touchpoints; not inside parentheses


def build(found: Recognised, *, source: str, sheet_title: str, lang: str | None,
          emotions: Mapping[str, int] | None = None) -> Draft:
    """The journey a recognised sheet holds, in `lang` (or the language its headings are written in)."""
    language = lang or ("fr" if found.french > found.english else "en")
    words = _WORDS[language]
    name = Path(source).name  # what the YAML says of its origin: the file's name, not where it sat
    title_value = found.journey.get("title") or found.journey.get("scenario") or found.journey.get("heading")
    title = _text(title_value.value) if title_value else sheet_title
    draft = Draft({"journeymap": 1})
    draft.put(("id",), lexicon.slug(title))
    draft.put(("title",), title, title_value.ref if title_value else None)
    draft.put(("state",), "target" if _TARGET.search(title) else "current")
    kind = next((kind for word, kind in _KINDS if any(word in lexicon.slug(heading) for heading in
                                                      found.headings)), "customer")
    draft.put(("kind",), kind)
    draft.put(("lang",), language)
    draft.put(("objective",), words["objective"].format(source=name))
    draft.notes.append(catalogue.problem(
        "JM606", source, (1, 1), "the sheet does not say why the journey is mapped: the objective says so; "
        "write it in the YAML"))
    scenario = found.journey.get("scenario")
    if scenario is not None and scenario is not title_value:
        draft.put(("description",), _text(scenario.value), scenario.ref)
    persona = found.journey.get("persona")
    expectations = found.journey.get("expectations")
    if persona is not None:
        draft.put(("persona",), {"name": _text(persona.value)}, persona.ref)
        if expectations is not None:
            draft.put(("persona", "goals"), _lines(expectations.value), expectations.ref)
    elif expectations is not None:
        draft.notes.append(catalogue.problem(
            "JM605", source, (expectations.row, expectations.column), f"{expectations.ref} is not imported: the "
            "goals and expectations belong to a persona, and the sheet names none"))
    draft.put(("touchpoints",), [])
    draft.put(("stages",), [])
    draft.put(("actions",), [])
    _Steps(draft, found, language, emotions or {}, source).build()
    draft.header = [f"Imported by `journeymap import` from {name} ({found.layout} layout: "
                    f"{'lanes as rows' if found.layout == 'lanes' else 'one row per step'}).",
                    "Comments name the cell each value came from; review the objective and the state."]
    if found.left_out:
        draft.header.append(words["left_out"].format(rows=", ".join(found.left_out)))
    for heading in found.unknown:
        draft.notes.append(catalogue.problem(
            "JM605", source, (heading.row, heading.column),
            f"{heading.ref} '{_text(heading.value)}' is not imported: no journey field has this name"))
    for table in found.tables_below:
        draft.notes.append(catalogue.problem(
            "JM605", source, (table.row, table.column),
            f"{table.ref} starts another table under the journey's ('{_text(table.value)}'): not imported"))
    for key in ("touchpoints", "actions"):
        if not draft.data[key]:
            del draft.data[key]
    return draft


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    return str(value).strip()


def _names(line: str) -> list[str]:
    """Touchpoints named in one line: "Website, E-mail" is two; "Product pages, case studies and spec sheets" is
    one name that holds a comma (a part longer than three words, or joined by and/et/or/ou, is a phrase)."""
    parts = [part for part in _COMMAS.split(line) if part.strip()]
    if len(parts) > 1 and all(len(part.split()) <= 3 and not _JOINED.search(part) for part in parts):
        return parts
    return [line.strip()] if line.strip() else []


def _lines(value: Any) -> list[str]:
    return [line for line in _SPLIT.split(_text(value)) if line.strip(" -")] or [_text(value)]


class _Steps:
    """The stages, steps, touchpoints and actions of a draft, built step by step."""

    def __init__(self, draft: Draft, found: Recognised, lang: str, emotions: Mapping[str, int], source: str):
        self.draft, self.found, self.lang, self.emotions, self.source = draft, found, lang, emotions, source
        self.ids: set[str] = set()
        self.stage_ids: set[str] = set()
        self.touchpoints: dict[str, str] = {}  # folded name -> id
        self.stage_index: dict[str, int] = {}
        numbers = [number for step in found.steps for v in step.values.get("emotion", [])
                   if v.how is None and (number := _number(v.value)) is not None]
        self.scale = lexicon.scale_of(numbers)

    def build(self) -> None:
        for step in self.found.steps:
            action = step.first("action") or step.first("step") or step.first("initiator_label")
            if action is None or not _text(action.value):
                first = next((value for values in step.values.values() for value in values), None)
                if first is not None:
                    self._note(first, "JM604", f"{first.ref} is in a column with no step or action: left out")
                continue
            self._step(step, action)

    def _note(self, value: Value, code: str, message: str) -> None:
        self.draft.notes.append(catalogue.problem(code, self.source, (value.row, value.column), message))

    def _stage(self, stage: Value | None) -> int:
        name = _text(stage.value) if stage is not None else _WORDS[self.lang]["journey"]
        if name not in self.stage_index:
            index = len(self.draft.data["stages"])
            self.stage_index[name] = index
            self.draft.put(("stages", index), {"id": lexicon.slug(name, self.stage_ids), "name": name, "steps": []},
                           stage.ref if stage else None)
        return self.stage_index[name]

    def _step(self, found: Found, action: Value) -> None:
        stage = self._stage(found.stage)
        steps = self.draft.data["stages"][stage]["steps"]
        path = ("stages", stage, "steps", len(steps))
        name = found.first("step")
        numbered = name is not None and re.fullmatch(r"[\d.\s]+", _text(name.value)) is not None
        label = name if name is not None and action is not name and not numbered else action
        self.draft.put(path, {"id": lexicon.slug(_text(label.value), self.ids), "action": _text(action.value)},
                       action.ref)
        self.draft.cells[(*path, "action")] = action.ref
        if name is not None and name is not action and _text(name.value) != _text(action.value):
            self.draft.comments[(*path, "id")] = f"{_text(name.value)} ({name.ref})"
        self._touchpoints(found, path)
        self._emotion(found, path)
        feeling = found.values.get("feeling", [])
        thinking = found.values.get("thinking", []) or feeling
        for key, values in (("description", found.values.get("description", [])), ("thinking", thinking),
                            ("goal", found.values.get("goal", []))):
            if values:
                self.draft.put((*path, key), "\n".join(_text(v.value) for v in values), values[0].ref)
        if feeling and thinking is not feeling:
            described = self.draft.data["stages"][stage]["steps"][-1].get("description")
            text = "\n".join(_text(v.value) for v in feeling)
            self.draft.put((*path, "description"), f"{described}\n{text}" if described else text, feeling[0].ref)
        self._pain_points(found, path)
        for key, field in (("delights", "delight"), ("verbatims", "verbatim")):
            items = [(line, v) for v in found.values.get(field, []) for line in _lines(v.value)]
            if items:
                self.draft.put((*path, key), [])
                for index, (line, value) in enumerate(items):
                    self.draft.put((*path, key, index), line, value.ref)
        self._moment_of_truth(found, path, name)
        self._backstage(found, path)
        for value in found.values.get("opportunity", []):
            for line in _lines(value.value):
                index = len(self.draft.data["actions"])
                taken = {action["id"] for action in self.draft.data["actions"]}
                self.draft.put(("actions", index), {"id": lexicon.slug(line, taken), "title": line}, value.ref,
                               _WORDS[self.lang]["opportunity"].format(step=_text(label.value), ref=value.ref))

    def _touchpoints(self, found: Found, path: tuple[Any, ...]) -> None:
        channel = found.first("channel")
        names = [(name, v) for field in ("touchpoint", "evidence") for v in found.values.get(field, [])
                 for line in _lines(v.value) for name in _names(line)]
        if not names and channel is not None:
            names = [(name, channel) for line in _lines(channel.value) for name in _names(line)]
        owner = found.first("owner")
        used: list[str] = []
        for name, value in names:
            key = name.casefold()
            if key not in self.touchpoints:
                index = len(self.draft.data["touchpoints"])
                taken = {touchpoint["id"] for touchpoint in self.draft.data["touchpoints"]}
                chosen = lexicon.channel_of(_text(channel.value)) if channel is not None else "other"
                if chosen == "other":
                    chosen = lexicon.channel_of(name)
                touchpoint: dict[str, Any] = {"id": lexicon.slug(name, taken), "name": name, "channel": chosen}
                if owner is not None:
                    touchpoint["owner"] = _text(owner.value)
                self.touchpoints[key] = touchpoint["id"]
                self.draft.put(("touchpoints", index), touchpoint, value.ref)
            if self.touchpoints[key] not in used:
                used.append(self.touchpoints[key])
        if used:
            self.draft.put((*path, "touchpoints"), used, names[0][1].ref)

    def _emotion(self, found: Found, path: tuple[Any, ...]) -> None:
        for value in found.values.get("emotion", []) + found.values.get("feeling", []):
            is_feeling = value in found.values.get("feeling", [])
            score, how = self._score(value)
            if score is not None:
                self.draft.put((*path, "emotion"), score, value.ref, f"{how} ({value.ref})" if how else None)
                return
            if not is_feeling:
                self._note(value, "JM604", f"{value.ref} '{_text(value.value)}' is not an emotion import can read: "
                           "left out")

    def _score(self, value: Value) -> tuple[int | None, str | None]:
        if value.how is not None:
            return int(value.value), value.how  # type: ignore[arg-type]  # a band's mark holds its score
        number = _number(value.value)
        if number is not None:
            if self.scale is None:
                return None, None
            name, low, high = self.scale
            score = lexicon.on_emotion_scale(number, low, high)
            return score, None if name == "-2..+2" else f"{_text(value.value)} on a {name} scale"
        if isinstance(value.value, str):
            feeling = lexicon.feeling_of(value.value, self.emotions)
            return feeling, None if feeling is None else f"'{_text(value.value)}'"
        return None, None

    def _pain_points(self, found: Found, path: tuple[Any, ...]) -> None:
        items = [(line, v) for v in found.values.get("pain_point", []) for line in _lines(v.value)]
        deviation = found.first("deviation")
        if deviation is not None and str(deviation.value).strip().lower() in ("yes", "y", "oui", "ja", "true", "1"):
            said = found.first("description") or deviation
            items.append((_text(said.value) if said is not deviation else "Deviation", said))
        if not items:
            return
        self.draft.put((*path, "pain_points"), [])
        taken = {pain["id"] for stage in self.draft.data["stages"] for step in stage["steps"]
                 for pain in step.get("pain_points", [])}
        for index, (line, value) in enumerate(items):
            severity = _SEVERITY.match(line)
            text = line[severity.end():] if severity else line
            pain: dict[str, Any] = {"id": lexicon.slug(text, taken), "description": text}
            if severity:
                pain["severity"] = severity.group(1).lower()
            if value is found.first("deviation") or (deviation is not None and value is found.first("description")):
                pain["type"] = "breakpoint"
            self.draft.put((*path, "pain_points", index), pain, value.ref)

    def _moment_of_truth(self, found: Found, path: tuple[Any, ...], name: Value | None) -> None:
        marks = found.values.get("moment_of_truth", [])
        if not marks:
            return
        moment: dict[str, Any] = {}
        said = " ".join(_text(v.value) for v in marks)
        if said.endswith("?"):
            moment["question"] = said
        self.draft.put((*path, "moment_of_truth"), moment, marks[0].ref)
        plain = {_text(v.value).casefold() for v in (name, found.first("action")) if v is not None}
        if not said.endswith("?") and said.casefold() not in plain | {"x", "yes", "oui", "✓", "✔", "*"}:
            self.draft.comments[(*path, "moment_of_truth")] = f"{said} ({marks[0].ref})"

    def _backstage(self, found: Found, path: tuple[Any, ...]) -> None:
        processes: list[tuple[str, Value, dict[str, Any]]] = []
        for field, visible in (("backstage", False), ("frontstage", True)):
            for value in found.values.get(field, []):
                extra = dict(value.extra)
                for line in _lines(value.value):
                    processes.append((line, value, {"visible": extra.get("visible", visible),
                                                    "owner": extra.get("owner")}))
        if not processes:
            return
        self.draft.put((*path, "backstage"), [])
        for index, (line, value, extra) in enumerate(processes):
            process: dict[str, Any] = {"action": line}
            if extra["owner"]:
                process["owner"] = _text(extra["owner"])
            if extra["visible"]:
                process["visible"] = True
            self.draft.put((*path, "backstage", index), process, value.ref)


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip().replace(",", ".").replace("\u2212", "-"))
        except ValueError:
            return None
    return None
