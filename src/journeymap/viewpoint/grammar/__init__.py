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
from journeymap.viewpoint.grammar.reading import Reading
from journeymap.viewpoint.lexicon import Lexicon
from journeymap.viewpoint.text import MAX_CHARS, QUOTES, split_clauses, tokenise


def read_action(action: str, lexicon: Lexicon) -> tuple[ViewpointFinding | None, str | None]:
    """The grammar's finding when `action` reads as a company process step; else None and, when the label is surely
    the customer's, the sign that says so ("customer-subject", "customer-possessive", ...)."""
    if not isinstance(action, str) or not action.strip():
        return None, None
    written = unicodedata.normalize("NFC", action)[:MAX_CHARS]
    text = written.translate(QUOTES)  # one character for one: offsets stay valid in `written`
    toks = tokenise(text, lexicon.lang, lexicon.elisions)
    if not toks:
        return None, None
    clauses = split_clauses(text, toks)
    return run(Reading(lexicon, written), clauses)


def check_action(action: str, lexicon: Lexicon) -> ViewpointFinding | None:
    """A finding when `action` reads as a company process step; None when the grammar cannot tell or it reads as
    the customer's action: false alarms cost more than misses."""
    return read_action(action, lexicon)[0]
