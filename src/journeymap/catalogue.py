"""Every problem journeymap can report, in one typed catalogue.

A code (JM301) never changes meaning once published; the readable name (viewpoint.process-step) can be used
wherever a code can. Each entry documents itself: `journeymap rules` and the README read these texts.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeymap.problems import DataPath, Problem, Severity


@dataclass(frozen=True)
class Check:
    code: str
    name: str
    severity: Severity
    summary: str
    explanation: str
    example: str = ""
    configurable: bool = False  # may be disabled or given another severity in configuration

    @property
    def help(self) -> str:
        """The text `journeymap rules CODE` prints; SARIF viewers show it as the rule's help."""
        text = f"{self.code} {self.name} ({self.severity.value})\n\n{self.summary}\n\n{self.explanation}"
        return text + (f"\n\nExample:\n{self.example}" if self.example else "")

    @property
    def help_markdown(self) -> str:
        """The same for viewers that render Markdown (GitHub's alert page): the example in a code block."""
        text = f"**{self.code}** `{self.name}` ({self.severity.value})\n\n{self.summary}\n\n{self.explanation}"
        return text + (f"\n\nExample:\n\n```yaml\n{self.example}\n```" if self.example else "")


E, W = Severity.ERROR, Severity.WARNING

CHECKS: tuple[Check, ...] = (
    # -- the file and its YAML --------------------------------------------------------------------------------
    Check("JM001", "yaml.syntax", E, "The file is not valid YAML.",
          "The YAML parser stopped here. Common causes: a tab used for indentation, an unclosed bracket or quote, "
          "a value containing ': ' that is not quoted.",
          "action: Compare: price and delay   # bad: quote it -> action: \"Compare: price and delay\""),
    Check("JM002", "yaml.duplicate-key", E, "A key appears twice in the same mapping.",
          "YAML parsers silently keep one of the two values; journeymap refuses to guess which one you meant."),
    Check("JM003", "file.unreadable", E, "The file cannot be read or is not UTF-8 text.",
          "journeymap reads UTF-8 (with or without a byte-order mark) and UTF-16/32 with a byte-order mark."),
    Check("JM004", "file.not-a-journey", E, "The file is not a journey.",
          "A journey file is a YAML mapping whose first key is `journeymap: 1`. Files found while walking a folder "
          "that are not journeys are skipped; a file named on the command line must be one."),
    Check("JM005", "file.unsupported-version", E, "The `journeymap:` format version is not supported.",
          "This version of journeymap reads format version 1.", "journeymap: 1"),
    Check("JM006", "yaml.multiple-documents", E, "The file holds more than one YAML document.",
          "One file is one journey: split documents separated by `---` into files of their own."),
    Check("JM007", "file.too-large", E, "The file is larger than the configured limit.",
          "The limit (`max_file_size`, 10 MB by default) protects CI from runaway files."),
    Check("JM008", "yaml.resource-limit", E, "The YAML expands beyond safe limits.",
          "Aliases that expand exponentially ('billion laughs'), recursive aliases and nesting deeper than 64 "
          "levels are refused before they exhaust memory."),
    Check("JM009", "yaml.unsupported-construct", E, "A YAML tag or complex key that journeys do not use.",
          "Journeys use plain mappings, lists, strings, numbers and booleans; custom tags (`!foo`) and "
          "lists or mappings used as keys are refused."),
    Check("JM010", "file.too-many-steps", E, "The journey has more steps than the configured limit.",
          "The limit (`max_steps`, 10,000 by default) keeps a runaway or hostile file from holding CI for minutes; "
          "real journeys have tens of steps."),
    # -- the format -------------------------------------------------------------------------------------------
    Check("JM101", "format.unknown-key", E, "A key that the journey format does not define.",
          "Usually a typo: journeymap suggests the nearest known key.",
          "emtion: 1   # bad -> emotion: 1"),
    Check("JM102", "format.missing-key", E, "A required key is missing.",
          "Required: `journeymap`, `id`, `title`, `state`, `objective` on the journey; `id` and `name` on "
          "stages and touchpoints; `id` and `action` on steps; `id` and `description` on pain points; "
          "`action` on backstage processes; `id` and `title` on actions."),
    Check("JM103", "format.wrong-type", E, "A value has the wrong type.",
          "For example a list where a single text is expected, or a number where a text is expected.",
          "title: 2024   # a number -> title: \"2024\""),
    Check("JM104", "format.invalid-value", E, "A value is outside what the format allows.",
          "Enumerations (state, kind, channel, severity, media...), ranges (emotion -2..+2, impact and effort "
          "1..5) and id syntax (lowercase slug) are checked.",
          "emotion: 3   # bad: -2..+2"),
    # -- references -------------------------------------------------------------------------------------------
    Check("JM201", "ref.duplicate-id", E, "Two items of the same kind share an id.",
          "Stage, step, touchpoint, pain point and action ids must each be unique within a journey: "
          "references and diffs rely on them."),
    Check("JM202", "ref.unknown-touchpoint", E, "A step uses a touchpoint that is not in the catalogue.",
          "Declare every touchpoint under `touchpoints:` with its channel and owning department."),
    Check("JM203", "ref.unknown-step", E, "`next` names a step that does not exist.",
          "`next` lists step ids of the same journey."),
    Check("JM204", "ref.unknown-pain-point", E, "An action resolves a pain point that does not exist.",
          "`resolves` lists pain point ids of the same journey."),
    Check("JM205", "ref.duplicate-journey-id", E, "Two journey files share the same id.",
          "A journey id is unique across the files validated together (a repository)."),
    Check("JM206", "ref.target-of", E, "`target_of` is inconsistent.",
          "`target_of` belongs on a target journey and names the current journey it improves; when both files "
          "are validated together the named journey must exist... as a `state: current` journey."),
    # -- viewpoint --------------------------------------------------------------------------------------------
    Check("JM301", "viewpoint.process-step", E, "A customer step is written as a company process.",
          "A journey is told from the customer's point of view. What the company does (send a quote, process "
          "a claim, call the customer back) belongs in the step's `backstage`; the step says what the customer "
          "does (ask for a quote, receive the quote, compare the quotes). Extend the lexicons in "
          "journeymap.toml when your domain needs it; silence a single line with "
          "`# journeymap: disable=JM301`.",
          "action: Envoyer un devis     # bad: the company sends\n"
          "action: Recevoir le devis    # good: the customer receives",
          configurable=True),
    Check("JM302", "viewpoint.language", W, "The journey is written in another language than its `lang`.",
          "The viewpoint check reads the steps with the lexicon of the journey's `lang`, English when it is not "
          "set: a French journey without `lang: fr` would pass it unread. Told by grammar words only (les, du, "
          "pour / the, of, your), when at least three of them point to the other language and outnumber the "
          "declared language's at least two to one.",
          "lang: fr    # the first lines of a journey written in French",
          configurable=True),
    Check("JM303", "viewpoint.possible-process-step", W, "A customer step may be a company process.",
          "When the grammar of JM301 finds no sure sign either way, a model learned from thousands of real step "
          "labels (task names of BPMN lanes, swimlanes, user stories, procedures) reads the label; this warning "
          "says it looks like the company's work, and names the words that weighed most. If the company does it, "
          "move it to the step's `backstage`; if the customer does, say so in the label (\"Check my order\", "
          "\"Le client vérifie sa commande\"), declare the phrase or verb in journeymap.toml "
          "(`[viewpoint.en] customer_phrases = [\"pack the parcel\"]`, or `customer_verbs`), or silence the line "
          "with `# journeymap: disable=JM303`. When the model is very sure, the label is reported as JM301.",
          "action: Restock the shelves      # warned: reads as store staff's work\n"
          "action: Pick up the parcel       # not warned: the customer's",
          configurable=True),
    # -- method (best practice) -------------------------------------------------------------------------------
    Check("JM401", "method.step-without-emotion", W, "A step has no emotion.",
          "The emotion curve is the heart of a journey map: give every step an emotion from -2 to +2, "
          "from research or verbatims where you have them.", configurable=True),
    Check("JM402", "method.touchpoint-without-owner", W, "A touchpoint has no owning department.",
          "An improvement plan needs someone accountable for each touchpoint.", configurable=True),
    Check("JM403", "method.unresolved-high-pain-point", W, "A high-severity pain point is resolved by no action.",
          "The action plan should address every high-severity pain point (list it in an action's `resolves`).",
          configurable=True),
    Check("JM404", "method.no-moment-of-truth", W, "The journey has no moment of truth.",
          "Moments of truth are where the customer forms an opinion; each needs a listening plan "
          "(question, media, timing, metric, alert threshold).", configurable=True),
    Check("JM405", "method.moment-of-truth-incomplete", W, "A moment of truth lacks a metric or an alert threshold.",
          "Without a metric and an `alert_below` threshold, nobody is alerted when the experience degrades.",
          configurable=True),
    Check("JM406", "method.stage-without-steps", W, "A stage has no steps.",
          "A stage groups the customer's steps; an empty stage is a placeholder left behind.", configurable=True),
    Check("JM407", "method.hypothesis-baseline", W, "A target journey improves a current journey built on hypotheses.",
          "`evidence: hypothesis` means staff knowledge only; before planning a target against it, validate the "
          "current journey with research or customer verbatims.", configurable=True),
    Check("JM408", "method.unused-touchpoint", W, "A touchpoint of the catalogue is used by no step.",
          "Remove it or attach it to the steps where the customer meets it.", configurable=True),
    Check("JM409", "method.target-without-baseline", W, "A target journey does not say which current journey it improves.",
          "Set `target_of` to the id of the current journey, so that `journeymap diff` and reviewers can compare them.",
          configurable=True),
    Check("JM410", "method.unreachable-step", W, "A step cannot be reached from the first step.",
          "With `next` branches, every step should be reachable from the journey's first step; an unreachable "
          "step usually means a `next` list forgot it.", configurable=True),
    # -- survey results (journeymap measure) -----------------------------------------------------------------
    Check("JM501", "results.unreadable", E, "A results file cannot be read, or its header lacks a needed column.",
          "Results are CSV (the first line names the columns) or JSON Lines (.jsonl: one JSON object per line) with "
          "`journey`, `step`, `date`, and `score` (one answer) or `value` and `respondents` (an aggregate). Name a "
          "survey tool's own columns, encoding and delimiter under `[results]` in journeymap.toml.",
          "[results.columns]\nstep = \"Question ID\"\nscore = \"Answer\""),
    Check("JM502", "results.malformed-row", E, "A row's date, score, value or respondents cannot be read.",
          "Dates are ISO 8601 (2026-03-31, or a date-time) unless `[results] date_format` says otherwise; scores and "
          "values are numbers (a decimal comma is read); respondents are whole numbers. The row is left out of "
          "the figures.", configurable=True),
    Check("JM503", "results.unknown-step", E, "A row names a journey or a step that is not in the journeys read.",
          "`journey` is a journey's `id` and `step` the id of one of its steps (the step that carries the moment "
          "of truth). The row is left out of the figures: check the ids, or `--journeys`.", configurable=True),
    Check("JM504", "results.no-moment-of-truth", E, "A row is about a step that has no listening plan.",
          "Results are read against a step's `moment_of_truth` (its metric and `alert_below`): add one to the step, "
          "or send the survey's answers to the step that carries it.", configurable=True),
    Check("JM505", "results.metric-mismatch", E, "A row's metric is not the one the moment of truth plans.",
          "An NPS answer cannot be read against a CSAT threshold: fix the row, or the plan's `metric`. Map a survey "
          "tool's metric names under `[results.metrics]`.", configurable=True),
    Check("JM506", "results.out-of-scale", E, "A score or value is outside its metric's scale.",
          "Answers: NPS 0-10, CSAT 1-5, CES 1-7 (or the scale set under `[results.scales]`, e.g. `csat = [0, 10]`, "
          "mapped onto the standard one). Aggregates: NPS -100..100, CSAT 1-5 (0-100 with `csat = \"top2box\"`), "
          "CES 1-7.", configurable=True),
    # -- spreadsheets (journeymap import) ------------------------------------------------------------------------
    Check("JM601", "sheets.unreadable", E, "A spreadsheet cannot be read, or is beyond the import's limits.",
          "Import reads .xlsx workbooks (Excel, LibreOffice, Google Sheets' download) and CSV files. Save an .xls or "
          ".ods file as .xlsx; a workbook is a zip, and one that would inflate far beyond its size is refused."),
    Check("JM602", "sheets.no-journey", E, "No sheet holds a journey map that import recognises.",
          "Import looks for lanes as rows (the first column names the lanes: Stage, Step, Actions, Touchpoints, "
          "Emotion...) or one row per step (a header row with such names). Name your sheet's own headings under "
          "`[sheets.headers]` in journeymap.toml, or choose the sheet with --sheet.",
          "[sheets.headers]\n\"What the customer does\" = \"action\""),
    Check("JM603", "sheets.formula", W, "A cell holds a formula; it is never evaluated.",
          "The value the spreadsheet saved with the formula is imported; a formula saved without a value (or "
          "with an error such as #N/A) is left out. Paste the values in the sheet if you want them imported.",
          configurable=True),
    Check("JM604", "sheets.unread-cell", W, "A cell's value could not be turned into the journey's field.",
          "An emotion is a number (-2..+2, 1-5, -5..+5, 0-10), a known feeling word or an emoji; map your own "
          "words under `[sheets.emotions]`. A date or a number where the journey needs text is kept as text.",
          configurable=True),
    Check("JM605", "sheets.unmapped-lane", W, "A lane or column is not imported.",
          "Its name is not one import knows, or the journey format has no place for it (KPIs, dates). Map it under "
          "`[sheets.headers]` to a field (action, touchpoint, emotion, thinking, pain_point, backstage, ...), or to "
          "`ignore` to silence this.", "[sheets.headers]\n\"Customer Feeling\" = \"emotion\"",
          configurable=True),
    Check("JM606", "sheets.assumed", W, "The sheet does not say something a journey needs; import wrote a value "
          "to review.",
          "A journey needs an objective and a state (current or target); a sheet rarely says them. Import writes "
          "`state: current` and an objective that says it was not stated: edit them in the YAML.",
          configurable=True),
)

BY_CODE: dict[str, Check] = {check.code: check for check in CHECKS}
BY_NAME: dict[str, Check] = {check.name: check for check in CHECKS}


def lookup(code_or_name: str) -> Check | None:
    return BY_CODE.get(code_or_name.upper()) or BY_NAME.get(code_or_name.lower())


def problem(
    code: str,
    file: str,
    position: tuple[int, int],
    message: str,
    *,
    hint: str | None = None,
    path: DataPath = (),
    severity: Severity | None = None,
) -> Problem:
    check = BY_CODE[code]
    return Problem(
        file=file,
        line=position[0],
        column=position[1],
        code=code,
        name=check.name,
        severity=severity or check.severity,
        message=message,
        hint=hint,
        path=path,
    )
