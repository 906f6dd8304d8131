"""`journeymap init --results`: a results file to start from, made from the journeys' own listening plans.

One answer row per moment of truth (its journey and step ids, its metric, an answer on its scale) and one aggregate
row, so that the file measures cleanly as written and shows both shapes; and the `[results]` table that maps a
survey tool's own export, to paste into journeymap.toml.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from journeymap.listening.records import ListeningPlan

COLUMNS = ("journey", "step", "date", "metric", "score", "value", "respondents", "verbatim", "channel", "segment")
EXAMPLE_SCORES = {"nps": "9", "csat": "4", "ces": "6"}  # a plausible answer on each standard scale

CONFIGURATION = """\
# journeymap.toml: how `journeymap measure` reads your survey tool's export (every key is optional)
[results]
min_respondents = 30        # fewer answers in a period: "not enough data", never an alert
csat = "mean"               # or "top2box": % of 4-5 answers
# date_format = "%d/%m/%Y"  # when dates are not ISO 8601 (2026-03-31)
# delimiter = ";"           # found from the header when not set
# encoding = "cp1252"       # default utf-8
[results.columns]           # the export's column for each field, when its names differ
# journey = "Parcours"
# step = "Question ID"
# score = "Note"
[results.metrics]           # the export's metric names
# "Net Promoter Score" = "nps"
[results.scales]            # a tool's own answer scale, mapped onto the standard one
# csat = [0, 10]
"""


def results_template(plan: ListeningPlan, today: dt.date, csat: str = "mean") -> tuple[str, int]:
    """The CSV text and how many moments of truth it names (0: the header alone, no journey has a plan)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    moments = [moment for moment in plan.moments.values() if moment.metric is not None]  # in journey order
    for moment in moments:
        score = EXAMPLE_SCORES.get(moment.metric or "", f"{moment.alert_below:g}" if moment.alert_below else "1")
        writer.writerow([moment.journey, moment.step, today.isoformat(), moment.metric, score, "", "", "", "", ""])
    if moments:  # an aggregate computed elsewhere: a value in the plan's unit, over so many respondents
        first = moments[0]
        value = {"nps": "35", "csat": "82" if csat == "top2box" else "4.2", "ces": "5.5"}.get(first.metric or "",
                                                                 f"{first.alert_below:g}" if first.alert_below else "1")
        writer.writerow([first.journey, first.step, today.isoformat(), first.metric, "", value, "120", "", "", ""])
    return out.getvalue(), len(moments)
