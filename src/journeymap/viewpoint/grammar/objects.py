"""The words around a verb or a nominalisation: who receives the action, whose thing it acts on."""

from __future__ import annotations

from journeymap.viewpoint.grammar.reading import SPEAKER_WORDS, Hit, Objects, Reading
from journeymap.viewpoint.morphology import BASE, FINITE, PP
from journeymap.viewpoint.text import Tok


def read_objects(
    r: Reading,
    toks: list[Tok],
    start: int,
    end: int,
    mode: str,
    premods: tuple[int, int] | None = None,
    skip: frozenset[int] = frozenset(),
) -> Objects:
    """Classify the nouns around a verb: who receives the action, whose thing it acts on."""
    hits: list[Hit] = []
    own = False
    own_word = ""
    company_owned = False
    first_np: tuple[int, int] | None = None
    if premods is not None:
        p = premods[0]
        while p < premods[1]:
            noun = r.noun_at(toks, p)
            if noun and p + noun[0] <= premods[1]:
                hits.append(Hit(noun[1], p, p + noun[0], "direct"))
                p += noun[0]
            else:
                p += 1
        first_np = premods
    context = "direct"
    marker = ""
    indefinite = False
    np_start: int | None = None
    np_open = False  # the direct object is still being read: no preposition since it started
    seen_np = premods is not None
    p = start
    previous_content = False  # the previous token was a content word (noun or adjective)
    while p < end:
        tok = toks[p]
        if p in skip:
            p += 1
            continue
        if p > start and (r.function_at("relative_markers", toks, p) or tok.key in SPEAKER_WORDS[r.lang]
                          and r.is_word("customer_pronouns", tok)):
            break  # "a group I'm not a member of", "users who...": the nouns of another clause
        if r.is_function(tok) or r.function_at("skip_words", toks, p):
            np_open = False
        n = r.function_at("role_markers", toks, p)
        if n:
            context = "role"
            p += n
            previous_content = False
            continue
        n = r.function_at("agent_markers", toks, p)
        if n:
            context = "agent"
            p += n
            previous_content = False
            continue
        if r.is_word("other_markers", tok):
            context = "other"
            p += 1
            previous_content = False
            continue
        if r.function_at("recipient_markers", toks, p):
            n = r.function_at("recipient_markers", toks, p)
            if context not in ("role", "other"):
                context = "recipient"
                marker = tok.key
                indefinite = False
            p += n
            previous_content = False
            continue
        if r.function_at("genitive_markers", toks, p) and (seen_np or mode == "nominal"):
            # "de la demande" right after a nominalisation is its object; after a noun, a genitive
            n = r.function_at("genitive_markers", toks, p)
            if not seen_np and mode == "nominal" and context == "direct":
                context = "genitive-head"
                np_start = p  # "du devis": the object, kept with its article for the suggestion
            elif context not in ("role", "other"):
                context = "genitive"
            p += n
            if p < end and r.is_word("determiners", toks[p]):
                p += 1
            previous_content = False
            continue
        if r.is_word("prepositions", tok) and not r.is_word("determiners", tok):
            if context not in ("role", "other"):
                context = "other-prep"
            p += 1
            previous_content = False
            continue
        if r.is_word("customer_possessives", tok) or (r.lang == "en" and tok.key == "own"):
            if not seen_np and context in ("direct",):
                own = True
                own_word = own_word or tok.key
                if np_start is None:
                    np_start = p
            p += 1
            previous_content = False
            continue
        if r.is_word("company_possessives", tok):
            if not seen_np and context == "direct":
                company_owned = True
                if np_start is None:
                    np_start = p
            p += 1
            previous_content = False
            continue
        if r.is_word("determiners", tok) or r.is_word("clitics", tok) and r.lang == "fr" and p == start:
            indefinite = r.is_word("indefinite_determiners", tok)
            p += 1
            previous_content = False
            if np_start is None and context == "direct" and not seen_np:
                np_start = p - 1
            continue
        noun = r.noun_at(toks, p)
        if noun is not None:
            length, category = noun
            q = p + length
            hit_context = context
            modifier = False
            if r.lang == "en":
                # "customer reviews", "support line": a noun followed by a noun is a modifier
                if q < end and not (r.is_function(toks[q]) or toks[q].key in ("'s", "'")) and q not in skip:
                    nxt = r.noun_at(toks, q)
                    verb_next = r.verb_at(toks, q, BASE | FINITE) and nxt is None and not r.nominal_at(toks, q)
                    if not (nxt and nxt[1] == category) and not verb_next:
                        modifier = True
                if q < end and toks[q].key in ("'s", "'") and category == "customer" and context != "other":
                    hit_context = "genitive"
            else:
                # "avis client", "dossier client": a bare noun after a noun qualifies it
                if previous_content and not (p == start and (mode == "verb" or mode == "nominal")):
                    modifier = True
            if modifier and category in ("artefact", "case", "case-artefact") and r.lang == "en":
                modifier = False  # "a reminder email", "the claim form": the modifier says what it is
            if modifier and category != "internal":
                p = q
                previous_content = True
                continue
            if hit_context not in ("role",) and not (category == "customer" and hit_context == "other"):
                hits.append(Hit(category, p, q, hit_context, marker, indefinite))
            indefinite = False
            if seen_np and np_open and first_np is not None and category != "customer":
                first_np = (first_np[0], q)  # "the customer satisfaction survey"
            if not seen_np and context in ("direct", "genitive-head"):
                seen_np = True
                np_open = True
                first_np = (np_start if np_start is not None else p, q)
                if category == "customer":
                    seen_np = False  # "Send the customer a quote": the quote is the object
                    first_np = None
                    np_start = None
            p = q
            previous_content = True
            if r.lang == "en" and p < end and toks[p].key in ("'s", "'"):
                p += 1
                previous_content = False
            continue
        # a content word: an adjective, an unknown noun, or a participle telling whose thing it is
        if r.is_agent_noun(tok) and context not in ("role", "other"):
            hits.append(Hit("actor", p, p + 1, context, marker, indefinite))  # "Show the engineer around"
        elif context == "recipient" and not previous_content and not r.verb_at(toks, p, BASE):
            hits.append(Hit("third-party", p, p + 1, context, marker, indefinite))  # "to a friend"
        form = r.verb_at(toks, p, PP)
        if form and r.cls(form[1]) == "customer" and context in ("direct",):
            own = True  # "the signed contract", "le devis signé", "the completed form"
        if not seen_np and context in ("direct", "genitive-head") and np_start is None:
            np_start = p
        if not seen_np and context in ("direct", "genitive-head") and not r.is_function(tok):
            first_np = (np_start if np_start is not None else p, p + 1)
        elif seen_np and np_open and first_np is not None and not r.is_function(tok):
            first_np = (first_np[0], p + 1)
        previous_content = not r.function_at("skip_words", toks, p)
        p += 1
    return Objects(hits=hits, own=own, own_word=own_word, company_owned=company_owned, first_np=first_np)
