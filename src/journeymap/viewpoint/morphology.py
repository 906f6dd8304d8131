"""Verb forms and noun plurals of the lexicon's lemmas, with the kind of each form (infinitive, conjugated, ...).

The grammar needs to know that "envoie" is "envoyer" conjugated and "sent" a participle of "send"; the lexicons list
lemmas only. The forms come from two tables shipped in the package, data/forms-en.tsv and data/forms-fr.tsv,
generated at build time from lemminflect (English) and verbecc (French) by training/viewpoint/build_forms.py:
about 3,000 verbs of each language, every verb of the lexicons and of real labels among them. Nothing but those
text files is read here; they are loaded lazily, once per process, and only when a lexicon is compiled (compiled
lexicons are cached per user, lexicon.py) or when `lemma_of` is first called.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Final

from journeymap.viewpoint.text import fold

# Form kinds of a verb form, as bit flags (the tables store their sum; build_forms.py repeats these values).
BASE: Final = 1  # infinitive, imperative; English VB and VBP ("send", "envoyer", "envoyez")
FINITE: Final = 2  # conjugated after a subject ("sends", "sent", "envoie", "envoyons", "enverra")
PP: Final = 4  # past participle ("sent", "envoyé", "envoyée", "envoyés", "envoyées")
ING: Final = 8  # English -ing form ("sending"); French participe présent ("envoyant")
SECOND_PLURAL: Final = 16  # French vous forms ("envoyez", "enverrez", "envoyiez")
THIRD: Final = 32  # third person of a finite form: English VBZ ("sends"), French il/ils ("envoie", "enverront")
FIRST: Final = 64  # French je/nous forms ("envoie", "envoyons"); none in English

START_KINDS: Final = {"en": BASE | FINITE | ING, "fr": BASE}  # forms a label may start with

# A verb the tables do not know that starts with one of these and goes on with a verb they know is inflected like
# that verb: "désinscrire" like "inscrire", "télécharger" like "charger", "upsell" like "sell".
_PREFIXES: Final = {
    "en": ("counter", "cross", "under", "inter", "over", "back", "down", "out", "pre", "mis", "dis", "sub", "un",
           "re", "up", "on", "de", "co"),
    "fr": ("contre", "entre", "auto", "sous", "télé", "dés", "pré", "sur", "dé", "ré", "re", "co"),
}  # fmt: skip


@lru_cache(maxsize=None)
def _text(lang: str) -> str:
    from importlib import resources

    return resources.files("journeymap.viewpoint").joinpath("data", f"forms-{lang}.tsv").read_text(encoding="utf-8")


def _fold_table(text: str) -> str:
    """`fold` of a whole table at once (the same result for its lower-case letters, test_morphology checks it):
    decompose, then drop what is not ASCII, the accents. Far faster than folding each of its 100,000 forms."""
    text = text.replace("œ", "oe").replace("æ", "ae")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


@lru_cache(maxsize=None)
def _table(lang: str) -> tuple[Mapping[str, str], Mapping[str, str]]:
    """One language's table, read once: each lemma's forms as their unparsed text (parsed when asked for), and
    the lemmas by their folded spelling (for lemmas written without accents in a user's configuration)."""
    raw: dict[str, str] = {}
    for line in _text(lang).splitlines():
        if line and line[0] != "#":
            lemma, _, forms = line.partition("\t")
            raw[lemma] = forms
    folded: dict[str, str] = {}
    for lemma in sorted(raw, key=lambda lemma: (not lemma.isascii(), lemma)):  # an unaccented lemma wins
        folded.setdefault(lemma if lemma.isascii() else fold(lemma), lemma)
    return raw, folded


def _parse(forms: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for item in forms.split(" "):
        form, _, kinds = item.rpartition(":")
        out[form] = out.get(form, 0) | int(kinds)
    return out


def table_forms(word: str, lang: str) -> dict[str, int] | None:
    """The forms of one verb as the tables give them (form -> kinds), or None when the tables do not know it."""
    if lang not in ("en", "fr"):
        return None
    raw, folded = _table(lang)
    lemma = word if word in raw else folded.get(fold(word))
    return _parse(raw[lemma]) if lemma is not None else None


def _regular(word: str, lang: str) -> dict[str, int]:
    """A small fallback for a verb the tables do not know (a team's own, e.g. "dogfood", "onboarder"): the forms
    of the table verb it ends with after a prefix ("désinscrire" like "inscrire"), else the regular spelling rules:
    English -s, -ed and -ing; French first group (-er) present and past participles; other French verbs keep their
    infinitive only. List what these miss in irregular_forms."""
    for prefix in _PREFIXES.get(lang, ()):
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= 3:
            known = table_forms(rest, lang)
            if known is not None and rest in known:
                return {prefix + form: kinds for form, kinds in known.items()}
    forms: dict[str, int] = {word: BASE}

    def add(form: str, kinds: int) -> None:
        forms[form] = forms.get(form, 0) | kinds

    consonant_y = len(word) > 1 and word.endswith("y") and word[-2] not in "aeiou"
    if lang == "en":
        add(word + "es" if word.endswith(("s", "x", "z", "ch", "sh", "o")) else word[:-1] + "ies" if consonant_y
            else word + "s", FINITE | THIRD)  # fmt: skip
        add(word + "d" if word.endswith("e") else word[:-1] + "ied" if consonant_y else word + "ed", FINITE | PP)
        if word.endswith("ie"):
            add(word[:-2] + "ying", ING)
        elif word.endswith("e") and not word.endswith(("ee", "ye", "oe")) and len(word) > 2:
            add(word[:-1] + "ing", ING)
        else:
            add(word + "ing", ING)
    elif word.endswith("er") and len(word) > 3:
        stem = word[:-2]
        soft = stem + "e" if stem.endswith("g") else stem[:-1] + "ç" if stem.endswith("c") else stem
        mute = stem[:-1] + "i" if stem.endswith("y") else stem  # envoyer -> envoie, payer -> paie
        for present in dict.fromkeys((mute, stem)):  # in this order: every process compiles the same lexicon
            add(present + "e", FINITE | FIRST | THIRD)
            add(present + "ent", FINITE | THIRD)
        add(soft + "ons", FINITE | FIRST)
        add(stem + "ez", BASE | FINITE | SECOND_PLURAL)
        for ending in ("é", "ée", "és", "ées"):
            add(stem + ending, PP)
    return forms


def _irregular_kinds(lang: str, form: str) -> int:
    """Irregular forms are listed without their tense: accept them wherever a conjugated form may stand."""
    if lang == "en":
        return ING if form.endswith("ing") else FINITE | PP
    return BASE | FINITE | SECOND_PLURAL if form.endswith("ez") else FINITE | PP


def verb_forms(lemma: str, lang: str, irregular: Mapping[str, Sequence[str]] | None = None) -> dict[str, int]:
    """Every form of a lemma ("call back" -> "calls back", ...), mapped to its kinds (BASE, FINITE, PP, ING, ...).

    A multi-word lemma inflects its first word. An irregular entry (keyed by the folded lemma) of the whole lemma,
    or else of its first word, replaces the other forms; otherwise the forms are the tables', and for a verb the
    tables do not know, those of the small fallback `_regular`.
    """
    irregular = irregular or {}
    words = lemma.split()
    if not words:
        return {}
    if fold(lemma) in irregular:
        forms = {lemma: BASE}
        for form in irregular[fold(lemma)]:
            forms[form] = forms.get(form, 0) | _irregular_kinds(lang, form.split()[0])
        return forms
    head, rest = words[0], words[1:]
    if fold(head) in irregular:
        heads = {head: BASE}
        for form in irregular[fold(head)]:
            heads[form] = heads.get(form, 0) | _irregular_kinds(lang, form)
    else:
        known = table_forms(head, lang)
        heads = known if known is not None else _regular(head, lang)
    tail = (" " + " ".join(rest)) if rest else ""
    return {form + tail: kinds for form, kinds in heads.items()}


@lru_cache(maxsize=None)
def _reverse(lang: str) -> str:
    """Every form of one language's table as sorted lines "folded form<TAB>form<TAB>lemma<TAB>kinds", for `lemma_of`
    (the form is left empty when it is its folded spelling).

    Built once per user and kept in the cache (journeymap/cache.py), named by the table file's size and time, so
    that a warm look-up reads no table: a look-up is then a binary search in this text, with nothing to build per
    process (a dictionary of the 160,000 French forms took 50 ms to build, 15 ms to unmarshal).
    """
    from importlib import resources

    from journeymap import cache

    table = resources.files("journeymap.viewpoint").joinpath("data", f"forms-{lang}.tsv")
    try:
        stat = Path(str(table)).stat()
        key = cache.digest("forms-reverse", lang, str(table), str(stat.st_size), str(stat.st_mtime_ns), _REVERSE_LAYOUT)
    except OSError:  # installed in a way that hides the file (a zip): no cache
        key = None
    cached = cache.read("forms", key) if key is not None else None
    if cached is not None:
        try:
            return cached.decode("utf-8")
        except UnicodeDecodeError:
            pass
    text = _text(lang)
    lines = []
    for line, bare in zip(text.splitlines(), _fold_table(text).splitlines()):
        if line and line[0] != "#":
            lemma, _, forms = line.partition("\t")
            for item, folded in zip(forms.split(" "), bare[bare.index("\t") + 1 :].split(" ")):
                form, _, kinds = item.rpartition(":")
                key_form = folded.rpartition(":")[0]
                lines.append(f"{key_form}\t{'' if form == key_form else form}\t{lemma}\t{kinds}")
    blob = "\n".join(sorted(set(lines))) + "\n"
    if key is not None:
        cache.write("forms", key, blob.encode("utf-8"))
    return blob


_REVERSE_LAYOUT: Final = "2: folded, form or empty, lemma, kinds; sorted; one per line"


def _first_line(blob: str, key: str) -> int:
    """The start of the first line of `blob` (sorted lines) whose first field is `key` or after it."""
    lo, hi = 0, len(blob)  # lo is always a line start, and the answer lies in [lo, hi]
    while lo < hi:
        mid = (lo + hi) // 2
        start = blob.rfind("\n", lo, mid)
        start = lo if start < 0 else start + 1
        if blob[start : blob.find("\t", start)] < key:
            end = blob.find("\n", start)
            lo = len(blob) if end < 0 else end + 1
        else:
            hi = start
    return lo


@lru_cache(maxsize=65536)
def lemma_of(word: str, lang: str) -> tuple[str, int] | None:
    """The lemma and kinds of a verb form, folded or accented ("envoie", "enverra" -> "envoyer"; "sent", "sending"
    -> "send"), looked up in the shipped tables; None when the tables do not know the word as a verb form.

    When the folded form belongs to several lemmas, a lemma of which it is a form exactly as written, accents
    included, wins ("assénais" is "asséner", "assenais" is "assener"); then the shortest lemma ("found": "find"
    before "found"; "suis": "être" before "suivre"; beware "vit": "voir" before "vivre"); then the first in
    alphabetical order ("saw": "saw" before "see"). The kinds are those of every form of that lemma that matches
    at that level ("cree": "créer", with the kinds of "crée" and "créé" together; "créé": PP only).
    """
    if lang not in ("en", "fr"):
        return None
    key = fold(word)
    if not key or "\t" in key or "\n" in key:
        return None
    blob = _reverse(lang)
    position = _first_line(blob, key)
    entries: list[tuple[str, str, int]] = []
    while position < len(blob):
        end = blob.find("\n", position)
        folded, form, lemma, kinds = blob[position:end].split("\t")
        if folded != key:
            break
        entries.append((form or folded, lemma, int(kinds)))
        position = end + 1
    if not entries:
        return None
    lower = word.lower()
    pool = [e for e in entries if e[0] == lower] or entries
    chosen = min(pool, key=lambda e: (len(e[1]), e[1]))[1]
    kinds = 0
    for _, lemma, form_kinds in pool:
        if lemma == chosen:
            kinds |= form_kinds
    return chosen, kinds


def plurals(noun: str, lang: str) -> set[str]:
    """Regular plurals of a noun phrase (its head word; in French also its adjectives)."""
    words = noun.split()
    if not words:
        return set()

    def en(word: str) -> str:
        if word.endswith(("s", "x", "z", "ch", "sh")):
            return word + "es"
        if len(word) > 1 and word.endswith("y") and word[-2] not in "aeiou":
            return word[:-1] + "ies"
        return word + "s"

    def fr(word: str) -> str:
        if word.endswith(("s", "x", "z")):
            return word
        if word.endswith(("eau", "au", "eu")):
            return word + "x"
        if word.endswith("al"):
            return word[:-2] + "aux"
        return word + "s"

    if lang == "en":
        return {" ".join(words[:-1] + [en(words[-1])])}
    out = {" ".join([fr(words[0])] + words[1:])}
    stop = next((i for i, w in enumerate(words) if i > 0 and w in ("de", "d'", "du", "des", "à", "a", "en")), len(words))
    out.add(" ".join([fr(w) for w in words[:stop]] + words[stop:]))
    if words[0].endswith("al"):
        out.add(" ".join([words[0] + "s"] + words[1:]))
    return out
