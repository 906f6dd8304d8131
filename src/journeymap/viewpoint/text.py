"""How the viewpoint check reads a label's words: folding, tokens with their offsets, clauses.

Every later stage (lexicon look-ups, the grammar, the model's features) sees labels through these functions, so that
a lexicon entry, a label and a training row are cut into words the same way.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Final, NamedTuple

MAX_CHARS: Final = 400  # labels are short; bounding the input bounds the work on pathological text

_WORD: Final = re.compile(r"[^\W_]+")
QUOTES: Final = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "′": "'", "＇": "'", "‛": "'"})
_FOLD: Final = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ẞ": "ss", "ø": "o", "Ø": "o"})
_BREAK_CHARS: Final = frozenset(",;:()!?.|/\\–—•…\"«»“”")


# Letters of other scripts that look like Latin ones: "Sеnd" with a Cyrillic е reads as "Send" to anyone, and
# must read so to the check. Journeys are English or French, where these letters have no business of their own.
_LOOK_ALIKES: Final = str.maketrans({
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t",
    "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "һ": "h", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l",
    "ɡ": "g", "ɑ": "a", "ᴄ": "c", "ᴏ": "o", "ᴠ": "v", "ᴡ": "w", "ᴢ": "z",
    "А": "A", "В": "B", "Е": "E", "Ё": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T",
    "У": "Y", "Х": "X", "Ѕ": "S", "І": "I", "Ј": "J", "Ԁ": "D", "Ԛ": "Q", "Ԝ": "W", "Ӏ": "I",
    "α": "a", "ο": "o", "ρ": "p", "ν": "v", "ι": "i", "κ": "k", "τ": "t", "υ": "u", "χ": "x", "ε": "e",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P",
    "Τ": "T", "Υ": "Y", "Χ": "X",
})  # fmt: skip


def unmasked(text: str) -> str:
    """The label as a reader sees it: compatibility forms folded (fullwidth and mathematical letters, ligatures),
    invisible format characters removed (soft hyphen, zero-width joiner and spaces, word joiner, BOM), and
    look-alike letters of other scripts read as the Latin ones, so that none of them hides a word from the check."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return unicodedata.normalize("NFC", text.translate(_LOOK_ALIKES))


def fold(text: str) -> str:
    """Lower-case without accents, so that "Expédié", "expedie" and "EXPÉDIÉ" compare equal."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


_fold_word = lru_cache(maxsize=65536)(fold)  # words repeat across labels: each is folded once


class Tok(NamedTuple):
    text: str  # as written (after quote normalisation)
    key: str  # folded, for lexicon look-ups
    lower: str  # lower-cased with accents, to tell "valide" (il valide) from "validé" (participle)
    start: int
    end: int


def tokenise(text: str, lang: str, elisions: frozenset[str]) -> list[Tok]:
    """Words, with French elisions kept as their own token ("l'", "d'") and the English genitive as "'s"."""
    toks: list[Tok] = []
    n = len(text)
    for m in _WORD.finditer(text):
        s, e = m.span()
        w = m.group()
        before = text[s - 1] if s > 0 else ""
        after = text[e] if e < n else ""
        if lang == "fr":
            if after == "'" and _fold_word(w) in elisions:
                toks.append(Tok(w + "'", _fold_word(w) + "'", w.lower() + "'", s, e + 1))
                continue
        elif before == "'" and s >= 2 and text[s - 2].isalnum():
            # English clitic after an apostrophe: keep the genitive, drop n't/'ll/'re/'ve/'d/'m
            if w.lower() == "s":
                toks.append(Tok("'s", "'s", "'s", s - 1, e))
            continue
        toks.append(Tok(w, _fold_word(w), w.lower(), s, e))
        if lang == "en" and after == "'" and (e + 1 >= n or not text[e + 1].isalnum()) and w.lower().endswith("s"):
            toks.append(Tok("'", "'", "'", e, e + 1))  # plural genitive: "customers' reviews"
    return toks


def split_clauses(text: str, toks: list[Tok]) -> list[tuple[list[Tok], str]]:
    """Clauses separated by punctuation, each with the punctuation that ends it (":" matters: "Agent: ...")."""
    clauses: list[tuple[list[Tok], str]] = []
    current: list[Tok] = []
    for i, tok in enumerate(toks):
        if current:
            gap = text[current[-1].end : tok.start]
            if any(c in _BREAK_CHARS for c in gap) or (gap.strip() in ("-", "--") and " " in gap):
                clauses.append((current, gap))
                current = []
        current.append(tok)
    if current:
        clauses.append((current, ""))
    return clauses


def phrase_tokens(phrase: str, lang: str, elisions: frozenset[str]) -> tuple[str, ...]:
    """A lexicon entry as the folded token sequence that the tokeniser produces for a label."""
    text = unicodedata.normalize("NFC", phrase.translate(QUOTES))
    return tuple(t.key for t in tokenise(text, lang, elisions))


# --------------------------------------------------------------------------------------------------------------
# Inflection: lemmas in the data, regular forms generated here
# --------------------------------------------------------------------------------------------------------------



def written_words(phrase: str) -> list[str]:
    """The words of a lexicon entry as written (accents kept), hyphens and apostrophes split like labels."""
    out: list[str] = []
    for part in phrase.replace("’", "'").replace("-", " ").split():
        head, apostrophe, tail = part.partition("'")
        if apostrophe and head and tail:
            out.extend([head + "'", tail])
        else:
            out.append(part)
    return out

