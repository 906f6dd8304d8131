"""Which language a journey is written in, told by its grammar words, so that a French journey checked with the
English lexicon (a journey without `lang: fr`) is pointed out rather than silently passed.

The markers are the lexicons' own grammar words (determiners, prepositions, possessives, pronouns) that the other
language's lexicon does not know in any role: "les", "du", "pour" are French, "the", "of", "your" English, while
"a", "on", "via" tell nothing. Content words are not used: "Check-in", "Newsletter" or "Pack confort" are at home
in both.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from journeymap.viewpoint.lexicon import Lexicon
from journeymap.viewpoint.text import fold

GRAMMAR_KEYS = (
    "determiners", "indefinite_determiners", "prepositions", "customer_possessives", "company_possessives",
    "customer_pronouns", "company_pronouns",
)  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+'?")  # letters, and the apostrophe of an elision ("l'", "d'")
MIN_MARKERS = 3  # fewer marker words than this say nothing either way
MIN_RATIO = 2  # the other language's markers must outnumber the declared one's this many times


@dataclass(frozen=True)
class LanguageEvidence:
    """What the marker words say about a set of texts."""

    counts: Mapping[str, int]  # marker words found, per language
    examples: Mapping[str, tuple[str, ...]]  # the commonest of them, per language

    def written_in(self, declared: str) -> str | None:
        """The language the texts are plainly written in when it is not `declared`, else None."""
        other = max((lang for lang in self.counts if lang != declared), key=lambda lang: self.counts[lang],
                    default=None)  # fmt: skip
        if other is None:
            return None
        found, expected = self.counts[other], self.counts.get(declared, 0)
        return other if found >= MIN_MARKERS and found >= MIN_RATIO * expected + 1 else None


def markers(lexicons: Mapping[str, Lexicon]) -> dict[str, frozenset[str]]:
    """Each language's grammar words that the other languages' lexicons do not list at all (in any role)."""
    grammar = {lang: frozenset().union(*(lexicon.words.get(key, frozenset()) for key in GRAMMAR_KEYS))
               for lang, lexicon in lexicons.items()}  # fmt: skip
    known = {lang: frozenset().union(*lexicon.words.values()) for lang, lexicon in lexicons.items()}
    return {
        lang: frozenset(word for word in words if not any(word in known[other] for other in known if other != lang))
        for lang, words in grammar.items()
    }


def evidence(texts: Iterable[str], marker_words: Mapping[str, frozenset[str]]) -> LanguageEvidence:
    """Counts the marker words of each language in `texts`.

    Words are counted first and folded after (only those with accents: markers are stored folded), because
    folding every text cost more than the rest of the check on a typical journey.
    """
    owner = {word: lang for lang, words in marker_words.items() for word in words}
    words: Counter[str] = Counter()
    for text in texts:
        words.update(_WORD.findall(text.lower().replace("’", "'")))
    found: dict[str, Counter[str]] = {lang: Counter() for lang in marker_words}
    for word, count in words.items():
        if not word.isascii():
            word = fold(word)
        key = word if word in owner else word.rstrip("'")  # "l'" is a marker; "customers'" is "customers"
        if key in owner:
            found[owner[key]][key] += count
    return LanguageEvidence(
        counts={lang: sum(counter.values()) for lang, counter in found.items()},
        examples={lang: tuple(word for word, _count in counter.most_common(3)) for lang, counter in found.items()},
    )
