"""The viewpoint grammar: reads a label with the lexicon of its language and finds the signs of a company process.

A journey map is told from the customer's side: "Receive the quote", not "Send the quote". The grammar reports the
first sign that a label describes the company at work: a company subject, the customer as object, a company verb or
its nominalisation, a passive whose agent is the company, or internal jargon.

Precision comes first: a false alarm in CI makes teams switch the check off, so every ambiguous verb ("send",
"appeler", "valider") is decided by its object, and whatever cannot be judged is let through.
"""

from __future__ import annotations

import unicodedata

from journeymap.viewpoint.findings import ViewpointFinding
from journeymap.viewpoint.grammar.clauses import run
from journeymap.viewpoint.grammar.reading import ContextNouns, Judgement, Reading
from journeymap.viewpoint.lexicon import Lexicon
from journeymap.viewpoint.text import MAX_CHARS, QUOTES, split_clauses, tokenise


def read_action(action: str, lexicon: Lexicon, context: ContextNouns | None = None) -> Judgement:
    """The grammar's finding when `action` reads as a company process step; else why it found none, and whether
    that makes the label surely the customer's ("Le client reçoit le devis")."""
    if not isinstance(action, str) or not action.strip():
        return Judgement(None, "empty")
    written = unicodedata.normalize("NFC", action)[:MAX_CHARS]
    text = written.translate(QUOTES)  # one character for one: offsets stay valid in `written`
    toks = tokenise(text, lexicon.lang, lexicon.elisions)
    if not toks:
        return Judgement(None, "empty")
    clauses = split_clauses(text, toks)
    return run(Reading(lexicon, written, context), clauses)


def check_action(action: str, lexicon: Lexicon) -> ViewpointFinding | None:
    """A finding when `action` reads as a company process step; None when the grammar cannot tell or it reads as
    the customer's action: false alarms cost more than misses."""
    return read_action(action, lexicon).finding
