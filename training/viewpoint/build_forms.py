"""Build the verb form tables of the viewpoint check from maintained lemmatisers and conjugators.

Writes src/journeymap/viewpoint/data/forms-en.tsv and forms-fr.tsv: for each verb lemma, every inflected form with
the kinds of the form as bit flags (journeymap.viewpoint.morphology reads them; the flag values are defined there).
Run by a developer after adding verbs to the lexicons or upgrading the libraries, never at validate time:

    .venv/bin/pip install -e '.[train]'
    .venv/bin/python training/viewpoint/build_forms.py

English forms come from lemminflect (Penn tags VB, VBP, VBZ, VBD, VBN, VBG, with its spelling variants); French
forms from verbecc's verb list and conjugation templates (verbecc is used here only, never imported by the
package; its prediction of templates for verbs it does not list is turned off: only listed verbs are conjugated).
simplemma lemmatises the words of real labels to find which verbs they use.

Which verbs: every verb lemma of the lexicons (the head verb of a multi-word lemma), every verb the real labels use
(../shared/viewpoint-corpus, read in place; tests/viewpoint/*.tsv; the examples' actions), then the most common
of the libraries' other verbs while the two files stay under the size budget. The output is deterministic: the
same lexicons, corpus and library versions give byte-identical files.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import gzip
import importlib.metadata
import logging
import os
import re
import sys
import tempfile
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "journeymap" / "viewpoint"
OUT = PACKAGE / "data"
CORPUS = ROOT.parent / "shared" / "viewpoint-corpus"
COMMAND = "python training/viewpoint/build_forms.py"

# The flag values of journeymap.viewpoint.morphology, repeated so that this script runs without the package.
BASE, FINITE, PP, ING, SECOND_PLURAL, THIRD, FIRST = 1, 2, 4, 8, 16, 32, 64

VERB_KEYS = (
    "company_verbs", "customer_verbs", "sending_verbs", "artefact_verbs", "case_verbs", "ambiguous_verbs",
    "linking_verbs", "light_verbs",
)  # fmt: skip
CORPUS_FILES = ("diagrams.tsv", "user-stories.tsv")
BUDGET = 2_800_000  # bytes for the two files together: every verb the libraries know, in both languages
MIN_LEMMAS = 2_000  # per language, before the budget is shared out
WORD = re.compile(r"[^\W\d_]+")
TABLE_WORD = re.compile(r"[a-zà-öø-ÿœæ]+")  # one token of the check's tokeniser: no hyphen, apostrophe or space

# French tenses kept, as verbecc names them, with the kinds of each person (1s, 2s, 3s, 1p, 2p, 3p).
_PERSONS = {("1", "s"): FINITE | FIRST, ("2", "s"): FINITE, ("3", "s"): FINITE | THIRD,
            ("1", "p"): FINITE | FIRST, ("2", "p"): FINITE | SECOND_PLURAL, ("3", "p"): FINITE | THIRD}  # fmt: skip
_THIRD_ONLY = {person: kinds for person, kinds in _PERSONS.items() if kinds & THIRD}
_IMPERATIVE = {("2", "s"): FINITE, ("1", "p"): FINITE | FIRST, ("2", "p"): BASE | FINITE | SECOND_PLURAL}
FR_TENSES = (
    ("infinitif", "infinitif-présent", None),
    ("indicatif", "présent", _PERSONS),
    ("indicatif", "futur-simple", _PERSONS),
    ("indicatif", "imparfait", _THIRD_ONLY),  # labels narrate in the third person when they use these tenses:
    ("indicatif", "passé-simple", _THIRD_ONLY),  # the other persons would double the table for nothing
    ("conditionnel", "présent", _THIRD_ONLY),
    ("subjonctif", "présent", _THIRD_ONLY),
    ("imperatif", "imperatif-présent", _IMPERATIVE),
    ("participe", "participe-passé", None),
    ("participe", "participe-présent", None),
)
_FR_PLAIN = {"infinitif-présent": BASE, "participe-passé": PP, "participe-présent": ING}

HEADERS = {
    "en": """\
# forms-en.tsv: English verb forms for journeymap's viewpoint check. Generated, do not edit: `{command}`
# Source: lemminflect {lemminflect} (MIT), its data from the SPECIALIST Lexicon (U.S. National Library of Medicine).
# Format: one line per lemma, sorted by lemma: lemma<TAB>form:flags form:flags ... (lower case).
# Flags, added up: 1 BASE (VB, VBP), 2 FINITE (VBD; VBP "am", "are"), 4 PP (VBN), 8 ING (VBG), 32 THIRD (VBZ, with 2).
""",
    "fr": """\
# forms-fr.tsv: French verb forms for journeymap's viewpoint check. Generated, do not edit: `{command}`
# Source: verbecc {verbecc} (LGPL-3.0), its verb list and conjugation templates from Verbiste (GPL-2.0-or-later).
# Format: one line per lemma, sorted by lemma: lemma<TAB>form:flags form:flags ... (lower case, with accents).
# Flags, added up: 1 BASE (infinitive; imperative, vous), 2 FINITE (conjugated), 4 PP (participe passé, m/f s/p),
# 8 ING (participe présent), 16 SECOND_PLURAL (vous), 32 THIRD (il/ils), 64 FIRST (je/nous); tu: FINITE alone.
# Tenses: infinitif; indicatif présent and futur simple; imparfait, passé simple, conditionnel présent and subjonctif
# présent (il/ils only); impératif présent; participes passé and présent.
""",
}

def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def version(dist: str) -> str:
    return importlib.metadata.version(dist)


# --- what the verbs are: the lexicons and the real labels ------------------------------------------------------


def lexicon_verbs(lang: str) -> list[str]:
    """Every verb lemma of a lexicon, as written: the verb lists, the lemmas of irregular_forms, and the targets
    of nominalisations."""
    data = tomllib.loads((PACKAGE / "lexicons" / f"{lang}.toml").read_text(encoding="utf-8"))
    out = [entry for key in VERB_KEYS for entry in data[key]]
    out += [entry.split("->")[0] for entry in data["irregular_forms"] if "->" in entry]
    out += [entry.split("->")[1] for entry in data["nominalisations"] if "->" in entry]
    return [nfc(" ".join(entry.lower().replace("-", " ").split())) for entry in out if entry.strip()]


def head_candidates(lemma: str, lang: str) -> list[str]:
    """The words of a multi-word lemma that may be its verb, in order ("se connecter" -> "connecter")."""
    words = lemma.replace("’", "'").split()
    if lang == "fr" and words and words[0] in ("se", "s'"):
        words = words[1:]
    elif lang == "fr" and words and words[0].startswith("s'"):
        words = [words[0][2:]] + words[1:]
    return words


def excluded_sources(corpus: Path) -> set[str]:
    """The reserved sources of EXCLUDED.txt (a corpus row from one of them is skipped, should one ever appear)."""
    path = corpus / "EXCLUDED.txt"
    if not path.exists():
        return set()
    return {
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }


def corpus_texts(corpus: Path) -> Iterator[tuple[str, str]]:
    """(lang, text) of the real labels: the shared corpus (read in place), the test corpus, the examples."""
    excluded = excluded_sources(corpus)
    for name in CORPUS_FILES:
        path = corpus / name
        if not path.exists():
            print(f"warning: {path} not found; building without it", file=sys.stderr)
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                source = row.get("source") or ""
                if source.split("@")[0] in excluded or source in excluded:
                    continue
                yield row["lang"], row["text"]
    for path in sorted((ROOT / "tests" / "viewpoint").glob("*.tsv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                if row.get("lang") and row.get("action"):
                    yield row["lang"], row["action"]
    from ruamel.yaml import YAML  # a dependency of journeymap itself

    yaml = YAML(typ="safe", pure=True)
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        doc = yaml.load(path.read_text(encoding="utf-8"))
        if not isinstance(doc, dict):
            continue
        lang = str(doc.get("lang") or "en")
        for text in _actions(doc.get("stages")):
            yield lang, text


def _actions(node: object) -> Iterator[str]:
    """The `action` texts of the steps and of their backstage, anywhere under the stages."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "action" and isinstance(value, str):
                yield value
            else:
                yield from _actions(value)
    elif isinstance(node, list):
        for item in node:
            yield from _actions(item)


def corpus_words(texts: Iterable[tuple[str, str]]) -> dict[str, Counter[str]]:
    """How often each lower-cased word occurs in the labels of each language."""
    counts: dict[str, Counter[str]] = {"en": Counter(), "fr": Counter()}
    for lang, text in texts:
        if lang in counts:
            counts[lang].update(WORD.findall(nfc(text.lower().replace("’", "'"))))
    return counts


# --- English: lemminflect --------------------------------------------------------------------------------------


class English:
    def __init__(self) -> None:
        import lemminflect

        self.lemminflect = lemminflect
        path = Path(lemminflect.config.inflection_lu_fn)
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            lemmas = {row[0].lower() for row in csv.reader(handle) if len(row) > 1 and row[1] == "verb"}
        self.lemmas = sorted(lemma for lemma in lemmas if TABLE_WORD.fullmatch(lemma) and self.forms(lemma))

    def known(self, lemma: str) -> bool:
        return bool(self.lemminflect.getAllInflections(lemma, upos="VERB"))

    def lemmas_of(self, word: str) -> list[str]:
        return sorted(self.lemminflect.getAllLemmas(word, upos="VERB").get("VERB", ()))

    def forms(self, lemma: str) -> dict[str, int]:
        """Penn tags to flags. lemminflect leaves VBN out when it equals VBD, and lists the -ed spellings of
        some participles under VBD only ("focus": VBD focused/focussed, VBN focused): the VBD forms are
        participles too unless the verb has a participle of its own ("take": took, taken)."""
        tags = self.lemminflect.getAllInflections(lemma, upos="VERB")
        if not tags:
            return {}
        forms: dict[str, int] = {}

        def add(form: str, kinds: int) -> None:
            form = nfc(form.lower())
            if TABLE_WORD.fullmatch(form):
                forms[form] = forms.get(form, 0) | kinds

        for form in tags.get("VB", ()):
            add(form, BASE)
        for form in tags.get("VBP", ()):
            add(form, BASE if form in tags.get("VB", ()) else FINITE)  # "am", "are": finite, not the base
        for form in tags.get("VBZ", ()):
            add(form, FINITE | THIRD)
        past, participles = tags.get("VBD", ()), tags.get("VBN", ())
        regular = all(p in past or p.endswith("ed") for p in participles)
        for form in past:
            add(form, FINITE | (PP if regular else 0))
        for form in participles:
            add(form, PP)
        for form in tags.get("VBG", ()):
            add(form, ING)
        return forms


# --- French: verbecc -------------------------------------------------------------------------------------------


class French:
    def __init__(self) -> None:
        # verbecc configures logging (a file verbecc.log in the current folder) and, by default, trains a
        # template predictor for verbs it does not list: import it from a scratch folder, predictor off.
        here = os.getcwd()
        with tempfile.TemporaryDirectory() as scratch:
            os.chdir(scratch)
            try:
                with contextlib.redirect_stdout(sys.stderr):
                    import verbecc.src.defs.types.data.verbs as verbs_module

                    verbs_module.config.ENABLE_ML_PREDICTION = False
                    from verbecc import CompleteConjugator, LangCodeISO639_1

                    quiet = logging.getLogger("verbecc")  # its warnings are about tenses not kept here
                    quiet.handlers.clear()
                    quiet.setLevel(logging.ERROR)
                    quiet.propagate = False
                    self.conjugator = CompleteConjugator(LangCodeISO639_1.fr)
                    self.conjugator.conjugate("aimer", conjugate_pronouns=False)  # any lazy set-up, here
            finally:
                os.chdir(here)
        self.lemmas = sorted(nfc(v) for v in self.conjugator.get_infinitives() if TABLE_WORD.fullmatch(nfc(v)))
        self.listed = set(self.lemmas)
        self.gloss = {nfc(v.infinitive): (v.translation_en or "").strip().lower() for v in self.conjugator.get_verbs()}
        self.failed: list[str] = []

    def known(self, lemma: str) -> bool:
        return lemma in self.listed

    def forms(self, lemma: str) -> dict[str, int]:
        if lemma not in self.listed:
            return {}
        try:
            conjugation = self.conjugator.conjugate(lemma, conjugate_pronouns=False)
        except Exception as error:  # a template verbecc cannot apply: reported, left out
            self.failed.append(f"{lemma} ({type(error).__name__})")
            return {}
        data = conjugation.get_data()
        if data["verb"].get("predicted"):
            return {}
        moods = data["moods"]
        forms: dict[str, int] = {}
        for mood, tense, persons in FR_TENSES:
            rows = _tense_rows(moods, mood, tense)
            for row in rows:
                if persons is None:
                    kinds = _FR_PLAIN[tense]
                else:
                    kinds = persons.get((row["p"], row["n"]), 0)
                for form in row["c"]:
                    form = nfc(form.lower())
                    if kinds and TABLE_WORD.fullmatch(form):
                        forms[form] = forms.get(form, 0) | kinds
        return forms


def _value(key: object) -> str:
    return str(getattr(key, "value", key))


def _tense_rows(moods: dict[object, object], mood: str, tense: str) -> list[dict[str, object]]:
    """The rows of one tense of verbecc's data as plain dicts: c (the forms), p (person), n (number)."""
    tenses = {_value(k): v for k, v in moods.items()}.get(mood)
    if not isinstance(tenses, dict):
        return []
    rows = {_value(k): v for k, v in tenses.items()}.get(tense) or []
    return [
        {"c": [str(c) for c in row.get("c") or []], "p": _value(row.get("p", "")), "n": _value(row.get("n", ""))}
        for row in rows
    ]


# --- choosing and writing --------------------------------------------------------------------------------------


def line(lemma: str, forms: dict[str, int]) -> str:
    return lemma + "\t" + " ".join(f"{form}:{kinds}" for form, kinds in forms.items()) + "\n"


def choose(
    lang: str, library: English | French, words: Counter[str], required: list[str], extra_rank: Counter[str]
) -> tuple[list[str], dict[str, int], Counter[str]]:
    """The lemmas in order of inclusion: the lexicons' first, then the verbs of real labels (by how many words
    lemmatise to them), then the library's other verbs, most common first as far as can be told."""
    import simplemma

    found: Counter[str] = Counter()
    for word, n in words.items():
        lemma = nfc(simplemma.lemmatize(word, lang=lang).lower())
        if library.known(lemma):
            found[lemma] += n
        elif library.known(word):
            found[word] += n
        elif isinstance(library, English):
            for candidate in library.lemmas_of(word)[:1]:
                found[candidate] += n
    order: dict[str, int] = {}
    for lemma in required:
        order.setdefault(lemma, 0)
    for lemma, _ in sorted(found.items(), key=lambda item: (-item[1], item[0])):
        order.setdefault(lemma, 1)
    rest = sorted(library.lemmas, key=lambda lemma: (-extra_rank[lemma], len(lemma), lemma))
    for lemma in rest:
        order.setdefault(lemma, 2)
    return list(order), order, found


def lexicon_heads(lang: str, library: English | French) -> tuple[list[str], list[str]]:
    """The head verb of every lexicon lemma that the library knows, and the lemmas whose head it does not know."""
    heads, unknown = [], []
    for lemma in lexicon_verbs(lang):
        head = next((w for w in head_candidates(lemma, lang) if library.known(w)), None)
        if head is None:
            unknown.append(lemma)
        elif head not in heads:
            heads.append(head)
    return heads, sorted(set(unknown))


def build(corpus: Path, out: Path, budget: int, min_lemmas: int) -> int:
    texts = list(corpus_texts(corpus))
    words = corpus_words(texts)
    english, french = English(), French()
    versions = {name: version(name) for name in ("lemminflect", "verbecc", "simplemma")}

    # French verbs nobody writes in labels: rank by how often their English gloss is a verb of the English labels
    # (verbecc glosses some rare verbs with the infinitive itself, which never matches), then shortest first.
    en_found = choose("en", english, words["en"], [], Counter())[2]
    # English verbs nobody writes in labels: rank by how many French verbs verbecc glosses with them (a general
    # verb such as "send" or "take" translates many), then shortest first.
    gloss_rank: Counter[str] = Counter()
    glossed: Counter[str] = Counter()
    for lemma, gloss in sorted(french.gloss.items()):
        first = gloss.removeprefix("to ").split(" ")[0].split(",")[0]
        if first and first != lemma:
            gloss_rank[lemma] = en_found.get(first, 0)
            glossed[first] += 1

    plans = {}
    for lang, library, rank in (("en", english, glossed), ("fr", french, gloss_rank)):
        heads, unknown = lexicon_heads(lang, library)
        ordered, tier, found = choose(lang, library, words[lang], heads, rank)
        lines: list[tuple[str, str]] = []
        for lemma in ordered:
            forms = library.forms(lemma)
            if forms:
                lines.append((lemma, line(lemma, forms)))
        plans[lang] = {"lines": lines, "tier": tier, "unknown": unknown, "found": found, "heads": heads}

    # share the budget: each language's lexicon and corpus verbs, then the others in turn, one at a time
    headers = {lang: header(lang, versions) for lang in plans}
    size = sum(len(h.encode()) for h in headers.values())
    taken: dict[str, list[tuple[str, str]]] = {"en": [], "fr": []}
    cursor = {"en": 0, "fr": 0}
    for lang, plan in plans.items():
        for lemma, text in plan["lines"]:
            if plan["tier"][lemma] < 2:
                taken[lang].append((lemma, text))
                size += len(text.encode())
                cursor[lang] += 1
    dropped = {"en": 0, "fr": 0}
    active = ["en", "fr"]
    while active:
        # the language with fewer lemmas (below the minimum first) takes the next one
        lang = min(active, key=lambda lg: (len(taken[lg]) >= min_lemmas, len(taken[lg]), lg))
        lines = plans[lang]["lines"]
        if cursor[lang] >= len(lines):
            active.remove(lang)
            continue
        lemma, text = lines[cursor[lang]]
        cost = len(text.encode())
        if size + cost > budget:
            dropped[lang] = len(lines) - cursor[lang]
            active.remove(lang)
            continue
        taken[lang].append((lemma, text))
        size += cost
        cursor[lang] += 1

    out.mkdir(parents=True, exist_ok=True)
    for lang in ("en", "fr"):
        body = "".join(text for _, text in sorted(taken[lang]))
        path = out / f"forms-{lang}.tsv"
        data = (headers[lang] + body).encode("utf-8")
        path.write_bytes(data)
        plan = plans[lang]
        n_forms = sum(text.count(":") for _, text in taken[lang])
        corpus_verbs = sum(1 for lemma, _ in taken[lang] if plan["tier"][lemma] == 1)
        print(
            f"{path.relative_to(ROOT)}: {len(taken[lang])} lemmas, {n_forms} forms, {len(data)} bytes "
            f"({len(plan['heads'])} lexicon head verbs, {corpus_verbs} more from real labels, "
            f"{len(taken[lang]) - len(plan['heads']) - corpus_verbs} more from the library's list; "
            f"{dropped[lang]} of the library's verbs left out for the size budget)"
        )
        if plan["unknown"]:
            unknown = ", ".join(plan["unknown"])
            print(f"  lexicon lemmas whose verb the library does not know (morphology.py's fallback): {unknown}")
    if french.failed:
        print(f"  verbecc could not conjugate: {', '.join(sorted(set(french.failed)))}")
    print(f"  {len(texts)} label texts read; libraries: " + ", ".join(f"{k} {v}" for k, v in versions.items()))
    print(f"  total {size} bytes (budget {budget})")
    return 0


def header(lang: str, versions: dict[str, str]) -> str:
    return HEADERS[lang].format(command=COMMAND, **versions)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the shared viewpoint corpus (read in place)")
    parser.add_argument("--out", type=Path, default=OUT, help="where the two tables are written")
    parser.add_argument("--budget", type=int, default=BUDGET, help="bytes for the two files together")
    parser.add_argument("--min-lemmas", type=int, default=MIN_LEMMAS, help="lemmas per language before sharing")
    args = parser.parse_args(argv)
    return build(args.corpus, args.out, args.budget, args.min_lemmas)


if __name__ == "__main__":
    sys.exit(main())
