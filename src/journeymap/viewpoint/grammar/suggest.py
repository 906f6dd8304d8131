"""Suggestions: the customer's side of the same moment ("Send the quote" -> "Receive the quote")."""

from __future__ import annotations

from journeymap.viewpoint.grammar.reading import Reading
from journeymap.viewpoint.text import Tok


def suggest(
    r: Reading,
    lemma: str,
    customer_object: bool,
    toks: list[Tok],
    np: tuple[int, int] | None,
    nominal: bool,
) -> str | None:
    """The customer's side of the same moment, from the counterparts in the data."""
    if not lemma:
        return None
    table = r.lex.customer_object_counterparts if customer_object else r.lex.counterparts
    template = table.get(lemma)
    if template is None:
        return None
    needs_obj = "{obj}" in template
    needs_de = "{de_obj}" in template
    obj = de_obj = None
    if needs_obj or needs_de:
        if np is None:
            return None
        obj, de_obj = object_phrase(r, toks, np)
        if (needs_obj and obj is None) or (needs_de and de_obj is None):
            return None
    text = template.replace("{obj}", obj or "").replace("{de_obj}", de_obj or "")
    text = " ".join(text.split())
    return text[:1].upper() + text[1:] if text else None


def object_phrase(r: Reading, toks: list[Tok], np: tuple[int, int]) -> tuple[str | None, str | None]:
    """The object as a direct object ("le devis", "the quote") and after "de" ("du devis")."""
    a, b = np
    # drop a trailing genitive that names the customer: "le dossier du client" -> "le dossier"
    for p in range(a, b):
        noun = r.noun_at(toks, p)
        if noun and noun[1] == "customer":
            b = p
            while b > a and (r.is_function(toks[b - 1])):
                b -= 1
            break
    if a >= b or b - a > 7:
        return None, None
    if any((r.noun_at(toks, p) or (0, ""))[1] == "actor" for p in range(a, b)):
        return None, None  # "Dispatch a technician": no customer-side wording of the company's staff
    words = toks[a:b]
    first = words[0]

    def tail(k: int) -> str:
        return r.span_text(toks, a + k, b)

    def clean(text: str) -> str:
        if a == 0 and text and text[0].isupper() and not text[:2].isupper():
            return text[0].lower() + text[1:]
        return text

    if r.lang == "en":
        if first.key in ("the", "a", "an", "this", "that", "these", "those", "some") or r.is_word(
            "customer_possessives", first
        ):
            obj = clean(r.span_text(toks, a, b))
            if first.key in ("this", "that", "these", "those"):
                obj = "the " + clean(tail(1))
        elif r.is_word("company_possessives", first):
            obj = "the " + clean(tail(1))
        elif r.is_function(first):
            return None, None
        else:
            obj = "the " + clean(r.span_text(toks, a, b))
        return obj, "of " + obj
    # French: articles follow the grammar of "de"
    key = first.key
    rest_tok = words[1] if len(words) > 1 else None
    if key in ("du",) and rest_tok:
        obj = "le " + tail(1)
    elif key == "des" and rest_tok:
        obj = "les " + tail(1)
    elif key == "de" and rest_tok and rest_tok.key in ("la", "l'"):
        obj = tail(1) if rest_tok.key == "la" else tail(1)
    elif key == "d'" and rest_tok and rest_tok.key in ("un", "une"):
        obj = tail(1)
    elif key in ("de", "d'"):
        return None, None
    elif key in ("le", "la", "les", "un", "une", "ce", "cet", "cette", "ces", "l'") or r.is_word(
        "customer_possessives", first
    ):
        obj = r.span_text(toks, a, b)
    elif r.is_word("company_possessives", first) and rest_tok:
        if key == "nos":
            obj = "les " + tail(1)
        elif rest_tok.key[:1] in "aeiouh":
            obj = "l'" + tail(1)
        else:
            return None, None
    else:
        return None, None
    obj = clean(obj.replace("l' ", "l'"))
    return obj, de_phrase(obj)


def de_phrase(obj: str) -> str | None:
    """French "de" + object: le -> du, les -> des, la -> de la, l' -> de l', un -> d'un."""
    low = obj.lower()
    if low.startswith("le "):
        return "du " + obj[3:]
    if low.startswith("les "):
        return "des " + obj[4:]
    if low.startswith(("la ", "l'")):
        return "de " + obj
    if low.startswith(("un ", "une ")):
        return "d'" + obj
    if low[:1] in "aeiouh" and low[:1]:
        return "d'" + obj
    return "de " + obj
