"""`journeymap diff`: what changed for the customer between a current journey and a target journey (or a journey
and its version at a git revision), for people (terminal, pull-request comment) and for CI (JSON, fail conditions).

Two stages, like oasdiff: a neutral structural diff (journeymap.diff.structure: what is the same item on both sides,
matched by id then by label similarity, and what moved), then a classification of each difference into a change
kind of one typed catalogue with a level (journeymap.diff.catalogue, journeymap.diff.classify). Outputs are plain
functions over the result (journeymap.diff.outputs). Data flows one way: inputs -> structure -> classify -> outputs.
"""

from journeymap.diff.catalogue import BY_ID, KINDS, ChangeKind, Level
from journeymap.diff.classify import diff_journeys
from journeymap.diff.conditions import FAIL_CONDITIONS, failing_conditions
from journeymap.diff.inputs import Absent, DiffInputError, LoadedJourney, load_at_revision, load_for_diff, stand_in
from journeymap.diff.outputs import FORMATS, to_json, to_markdown, to_text
from journeymap.diff.records import Change, DiffResult, Location, Summary

__all__ = [
    "Absent",
    "BY_ID",
    "FAIL_CONDITIONS",
    "FORMATS",
    "KINDS",
    "Change",
    "ChangeKind",
    "DiffInputError",
    "DiffResult",
    "Level",
    "LoadedJourney",
    "Location",
    "Summary",
    "diff_journeys",
    "failing_conditions",
    "load_at_revision",
    "load_for_diff",
    "stand_in",
    "to_json",
    "to_markdown",
    "to_text",
]
