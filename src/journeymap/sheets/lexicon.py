"""The words spreadsheets use: lane and column names, feelings, channels, in English and French.

The names come from the templates listed in tests/fixtures/sheets/SOURCES.md (NN/g, CJML, Trailhead, service
blueprints, French public-service toolkits) and from the issue's own list; a team's other names go under
`[sheets.headers]` and `[sheets.emotions]` in journeymap.toml, which win over these.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from typing import get_args

from journeymap.config import SheetField
from journeymap.model import Channel

FIELDS: frozenset[str] = frozenset(get_args(SheetField))

# Names as written (any case, accents optional); each name is also matched without a plural or a "customer's"
# qualifier, so "Customer Actions", "Actions du client" and "Action" all find `action`. Where the plural means
# something else (Trailhead's "Étapes" are stages, "Étape" a step), both forms are listed.
_NAMES: dict[SheetField, tuple[str, ...]] = {
    "stage": ("stage", "stages", "phase", "phases", "journey phase", "journey stage", "étapes", "grandes étapes",
              "temps du parcours"),
    "step": ("step", "steps", "step name", "étape", "étapes du parcours", "sous-étape"),
    "action": ("action", "customer action", "user action", "doing", "what the customer does", "what happens",
               "user does", "what the user does", "customer interaction",
               "action du client", "action de l'usager", "action de l'utilisateur", "ce que fait le client",
               "ce que fait l'usager", "activité", "tâche", "task"),
    "touchpoint": ("touchpoint", "touch point", "touch-point", "point de contact", "canal de contact",
                   "canaux de contact", "interface"),
    "channel": ("channel", "canal", "canaux", "media", "média", "marketing channel"),
    "emotion": ("emotion", "emotional experience", "emotional journey", "emotional curve", "emotion curve",
                "courbe émotionnelle", "courbe des émotions", "émotion", "ressenti", "humeur", "mood",
                "ux rating", "satisfaction", "sentiment"),
    "feeling": ("feeling", "customer experience", "customer feeling", "vécu", "vécu et attentes",
                "vécu et attentes client", "emotions/thoughts", "expérience vécue"),
    "thinking": ("thinking", "thought", "thoughts", "thought/quote", "mindset", "think", "réflexion", "pensée",
                 "ce qu'il pense", "ce que pense le client", "questions", "question du client"),
    "goal": ("goal", "customer goal", "objectif", "objectif du client", "besoin", "need", "motivation"),
    "description": ("description", "context", "contexte", "comment", "commentaire", "ux description", "notes"),
    "pain_point": ("pain point", "pain", "painpoint", "challenge", "irritant", "point de douleur", "difficulté",
                   "problématique", "point de friction", "friction", "frustration", "problème", "problem",
                   "point noir", "obstacle", "barrier"),
    "delight": ("delight", "pleasure point", "enchantement", "point positif", "moment magique", "gain",
                "what works", "ce qui fonctionne", "point fort"),
    "verbatim": ("verbatim", "quote", "customer quote", "citation", "what they say", "ce qu'il dit"),
    "moment_of_truth": ("moment of truth", "moments of truth", "moment that matter", "moments that matter",
                        "moment de vérité", "moments de vérité"),
    "backstage": ("backstage", "backstage action", "backstage process", "behind the scenes", "back office",
                  "back-office", "internal process", "coulisse", "processus interne", "processus",
                  "support process", "support processes", "processus support"),
    "frontstage": ("frontstage", "front stage", "front-stage", "frontstage action", "visible staff / technology",
                   "front office", "front-office", "contact employee action", "interaction", "employee action",
                   "action du conseiller", "action de l'agent", "system shows", "what the system shows"),
    "evidence": ("evidence", "physical evidence", "physical / digital evidence", "preuve physique",
                 "preuves physiques", "prop"),
    "opportunity": ("opportunity", "opportunité", "idea", "idée", "improvement", "amélioration",
                    "improvement opportunity", "brand opportunity",
                    "piste d'amélioration", "initiative", "how might we", "recommandation", "action plan",
                    "plan d'action"),
    "owner": ("owner", "ownership", "owning team", "team involved", "teams involved", "responsible",
              "responsible person or team", "process leadership", "department", "département", "responsable",
              "service responsable", "équipe", "pilote", "porteur"),
    "deviation": ("deviation", "écart", "incident"),
    "persona": ("persona", "personae", "persona name", "end-user id", "end user", "end-user", "profil", "profile",
                "cible", "user", "usager", "client",
                "customer"),
    "scenario": ("scenario", "scénario", "situation", "short summary", "summary", "résumé"),
    "expectations": ("goals and expectations", "expectation", "attente", "attentes client"),
    "title": ("title", "titre", "journey", "parcours", "journey name", "nom du parcours"),
    "include": ("include", "inclure", "inclus"),
    "layer": ("service layer", "layer", "couche", "swimlane", "lane"),
    "initiator": ("actor who initiated", "initiator", "initiated by", "émetteur", "initié par"),
    "initiator_label": ("initiator's label", "initiator label"),
    "receiver": ("actor who received", "receiver", "received by", "destinataire", "récepteur"),
    "receiver_label": ("receiver's label", "receiver label"),
}
_FRENCH_ONLY = {"étapes", "étape", "émotion", "ressenti", "réflexion", "pensée", "irritant", "coulisse",
                "vécu", "opportunité", "canal", "canaux", "point de contact", "point de douleur", "difficulté",
                "problématique", "moment de vérité", "moments de vérité", "processus interne", "enchantement",
                "point positif", "action du client", "action de l'usager", "objectif", "contexte", "responsable",
                "titre", "parcours", "courbe émotionnelle", "attente", "équipe", "besoin"}

_QUALIFIERS = re.compile(
    r"\b(?:(?:the )?customer'?s?|user'?s?|client'?s?|(?:du |de l'|de la |des )(?:client|usager|utilisateur|"
    r"patient|citoyen)s?|de l'|du |des |the)\b\s*")


def _fold(text: str) -> str:
    """Lower case, accents removed, underscores read as spaces (CSV written by programs: `step_name`), punctuation
    of a heading (a trailing question in parentheses, a colon, a number in front) dropped, spaces folded."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().replace("_", " ")
    text = re.sub(r"\s*[\(\[].*$", "", text)  # "Actions (What does the customer do?)"
    text = re.sub(r"^\s*(?:\d+[.)-]?|[-*•])\s+", "", text)
    text = text.replace("’", "'").strip(" :?*\t\n")
    return " ".join(text.split())


def _loose(folded: str) -> str:
    """Without a qualifier ("customer", "du client") and without plurals: the same name for every way of writing
    it."""
    stripped = _QUALIFIERS.sub("", folded).strip() or folded
    return " ".join(word[:-3] + "y" if len(word) > 4 and word.endswith("ies")
                    else word[:-1] if len(word) > 3 and word.endswith(("s", "x")) else word
                    for word in stripped.split())


_EXACT: dict[str, SheetField] = {}
_LOOSE: dict[str, SheetField] = {}
for _field, _names in _NAMES.items():
    for _name in _names:
        _EXACT.setdefault(_fold(_name), _field)
        _LOOSE.setdefault(_loose(_fold(_name)), _field)
_ENGLISH = {_loose(_fold(name)) for names in _NAMES.values() for name in names if name not in _FRENCH_ONLY}
_FRENCH = {_fold(name) for name in _FRENCH_ONLY} | {_loose(_fold(name)) for name in _FRENCH_ONLY} - _ENGLISH


def field_of(heading: object, custom: Mapping[str, str] | None = None) -> SheetField | None:
    """The journey field a lane or column heading names, or None when it names none known."""
    if not isinstance(heading, str) or not heading.strip():
        return None
    folded = _fold(heading)
    for name, field in (custom or {}).items():
        if _fold(name) == folded or name.strip().lower() == heading.strip().lower():
            return field  # type: ignore[return-value]
    if len(folded) > 60:  # a sentence, not a heading
        return None
    return _EXACT.get(folded) or _LOOSE.get(_loose(folded))


def is_french(heading: object) -> bool:
    """Whether a heading is one only French sheets use (to tell the journey's language)."""
    return isinstance(heading, str) and (_fold(heading) in _FRENCH or _loose(_fold(heading)) in _FRENCH)


# --- feelings ------------------------------------------------------------------------------------------------------

_FEELINGS: dict[int, tuple[str, ...]] = {
    2: ("very satisfied", "delighted", "thrilled", "excited", "ecstatic", "enthusiastic", "amazed", "proud",
        "overjoyed", "elated", "love", "loving", "wow", "awesome", "fantastic", "wonderful", "great",
        "tres satisfait", "ravi", "enchante", "enthousiaste", "fier", "emerveille", "conquis", "comble", "excellent",
        "genial", "super", "magique", "top"),
    1: ("satisfied", "happy", "pleased", "glad", "content", "confident", "hopeful", "relieved", "reassured",
        "curious", "interested", "calm", "positive", "good", "comfortable", "motivated", "optimistic", "engaged",
        "trusting", "secure", "satisfait", "heureux", "rassure", "confiant", "soulage", "serein",
        "curieux", "interesse", "optimiste", "positif", "bien", "detendu", "apaise", "motive", "agreable",
        "plutot satisfait", "smooth"),
    0: ("neutral", "indifferent", "ok", "okay", "so-so", "meh", "mixed", "normal", "fine", "neutre", "mitige",
        "partage", "correct", "moyen"),
    -1: ("dissatisfied", "unsure", "uncertain", "confused", "anxious", "worried", "nervous", "annoyed",
         "impatient", "disappointed", "bored", "skeptical", "sceptical", "overwhelmed", "stressed", "lost",
         "irritated", "hesitant", "doubtful", "concerned", "negative", "uncomfortable", "unhappy", "sad",
         "suspicious", "wary", "tired", "insatisfait", "decu", "inquiet", "mefiant", "perdu", "confus", "agace",
         "stresse", "sceptique", "preoccupe", "ennuye", "mal a l'aise", "submerge", "deboussole", "anxieux",
         "nerveux", "triste", "mecontent", "bof", "fatigue", "hesite", "doute", "plutot insatisfait", "embete",
         "contrarie", "tendu"),
    -2: ("very dissatisfied", "angry", "furious", "outraged", "desperate", "hopeless", "panicked", "hate",
         "terrible", "awful", "exasperated", "disgusted", "miserable", "helpless", "frustrated", "frustrating",
         "tres insatisfait", "tres mecontent", "furieux", "en colere", "exaspere", "frustre", "excede",
         "desespere", "angoisse", "panique", "degoute", "enerve", "furax", "catastrophique", "horrible",
         "insupportable", "revolte"),
}
_STEMS: dict[str, int] = {"frustr": -2, "anxi": -1, "confus": -1, "worr": -1, "inqui": -1, "stress": -1,
                          "enerv": -2, "agac": -1, "rassur": 1, "soulag": 1, "satisf": 1, "insatisf": -1,
                          "dissatisf": -1, "disappoint": -1, "deception": -1, "decep": -1, "enthousi": 2,
                          "delight": 2, "colere": -2, "impatien": -1, "hesit": -1}
_EMOJI: dict[str, int] = {
    **dict.fromkeys("😀😃😄😁😆🤩😍🥰🥳😻👏🎉💚❤", 2),
    **dict.fromkeys("🙂😊☺😌👍😀✅", 1),
    **dict.fromkeys("😐😶🤔😑", 0),
    **dict.fromkeys("🙁😕😟😬😒☹😥😓👎", -1),
    **dict.fromkeys("😠😡🤬😢😭😫😩😖😤💢❌", -2),
}
_WORDS: dict[str, int] = {" ".join(_fold(word).split()): value for value, words in _FEELINGS.items()
                          for word in words}
_STRONGER = ("very", "really", "extremely", "so", "tres", "vraiment", "super", "extremement", "hyper", "trop")
_WEAKER = ("slightly", "a bit", "a little", "somewhat", "rather", "un peu", "legerement", "plutot", "assez")
_NOT = ("not", "no", "never", "pas", "peu", "jamais", "non", "guere")
_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?")


def feeling_of(text: str, custom: Mapping[str, int] | None = None) -> int | None:
    """The emotion (-2..+2) a cell's words or emoji say, or None when they say none. Several feelings in one cell
    ("Confident + slightly anxious") average, rounded toward neutral when they pull both ways; "very", "+" or "++"
    strengthen, "slightly" weakens, "not" turns."""
    found: list[float] = []
    for word, value in (custom or {}).items():
        if _fold(word) and _fold(word) == _fold(text):
            return value
    found.extend(value for char, value in _EMOJI.items() if char in text for _ in range(text.count(char)))
    folded = _fold(text.split("(")[0] if not text.startswith("(") else text)
    folded = re.sub(r"(?<=[a-z])\++", " plusplus ", folded)  # "Anxious+", "Confident++": stronger
    tokens = _TOKEN.findall(folded.replace("-", " "))
    index = 0
    while index < len(tokens):
        said, width = _feeling_at(tokens, index, custom)
        if said is None:
            index += 1
            continue
        value = said
        before = " ".join(tokens[max(0, index - 2):index])
        after = tokens[index + width] if index + width < len(tokens) else ""
        if any(f" {word} " in f" {before} " for word in _NOT):
            value = -value if value else -1
        elif any(f" {word} " in f" {before} " for word in _STRONGER) or after == "plusplus":
            value = int(math.copysign(min(2, abs(value) + 1), value)) if value else 0
        elif any(f" {word} " in f" {before} " for word in _WEAKER):
            value = int(math.copysign(max(1, abs(value) - 1), value)) if value else 0
        found.append(value)
        index += width
    if not found:
        return None
    mean = sum(found) / len(found)
    if min(found) < 0 < max(found):
        return int(mean)  # torn both ways ("Excited / concerned"): toward neutral
    return int(math.copysign(math.floor(abs(mean) + 0.5), mean))


def _feeling_at(tokens: list[str], index: int, custom: Mapping[str, int] | None) -> tuple[int | None, int]:
    """The feeling starting at token `index` (the longest phrase first) and how many tokens it takes."""
    for width in (3, 2, 1):
        phrase = " ".join(tokens[index:index + width])
        for word, value in (custom or {}).items():
            if _fold(word) == phrase:
                return value, width
        if phrase in _WORDS and not (width == 1 and phrase in ("so", "top", "super") and index + 1 < len(tokens)):
            return _WORDS[phrase], width
    token = tokens[index]
    for stem, value in _STEMS.items():
        if token.startswith(stem):
            return value, 1
    return None, 1


def scale_of(numbers: list[float]) -> tuple[str, float, float] | None:
    """The scale a column's (or lane's) scores are written on, from all of them: (name, lowest, highest). A
    journey's emotion is -2..+2; other sheets write 1-5 ratings, -3..+3 or -5..+5 curves, or 0-10 scores."""
    if not numbers:
        return None
    low, high = min(numbers), max(numbers)
    if low < 0:
        reach = max(abs(low), abs(high))
        for bound in (2, 3, 5, 10):
            if reach <= bound:
                return f"-{bound}..+{bound}", -bound, bound
        return None
    if low >= 1 and high <= 5:
        return "1-5", 1, 5
    if high <= 10:
        return "0-10", 0, 10
    if high <= 100:
        return "0-100", 0, 100
    return None


def on_emotion_scale(number: float, low: float, high: float) -> int:
    """A score on another scale as the journey's -2..+2, rounded half away from zero."""
    if (low, high) == (-2, 2):
        return int(number) if float(number).is_integer() else _round(number)
    return _round((number - low) / (high - low) * 4 - 2)


def _round(value: float) -> int:
    return int(math.copysign(math.floor(abs(value) + 0.5), value))


# --- channels ------------------------------------------------------------------------------------------------------

_CHANNELS: tuple[tuple[Channel, tuple[str, ...]], ...] = (
    ("mobile-app", ("mobile app", "app", "application", "appli", "in-app", "ios", "android", "smartphone",
                    "mobile")),
    ("email", ("e-mail", "email", "courriel", "mail", "newsletter", "mailbox", "mel")),
    ("sms", ("sms", "text message", "texto", "push", "notification")),
    ("chat", ("chat", "chatbot", "live chat", "messenger", "whatsapp", "messagerie", "tchat", "bot")),
    ("phone", ("phone", "telephone", "call", "appel", "hotline", "call centre", "call center", "centre de contact",
               "centre d'appels", "phone call", "ivr", "serveur vocal")),
    ("social", ("social", "reseaux sociaux", "reseau social", "facebook", "instagram", "linkedin", "twitter",
                "tiktok", "youtube", "forum", "review", "avis")),
    ("mail", ("letter", "courrier", "post", "paper", "lettre", "postal", "pli", "brochure", "catalogue", "flyer",
              "pdf")),
    ("kiosk", ("kiosk", "borne", "self-service machine", "atm", "terminal", "automate", "dab")),
    ("event", ("event", "salon", "fair", "evenement", "webinar", "conference", "trade show")),
    ("store", ("store", "shop", "boutique", "magasin", "agence", "branch", "desk", "counter", "guichet",
               "accueil", "face2face", "face to face", "face-to-face", "en personne", "restaurant", "hotel",
               "reception", "front desk", "office", "bureau", "clinic", "cabinet", "showroom", "point de vente",
               "in person", "door", "table", "payment", "caisse", "checkout")),
    ("web", ("web", "website", "site", "internet", "online", "en ligne", "page", "portal", "portail",
             "search engine", "moteur de recherche", "comparateur", "google", "form", "formulaire", "espace client",
             "account", "compte", "web/app", "sign-up", "pricing")),
)


def channel_of(name: str) -> Channel:
    """The channel a touchpoint's name suggests ("Site" web, "Courriel" email, "Face2face" store), `other` when
    nothing does."""
    folded = " " + " ".join(re.findall(r"[a-z0-9'/]+(?:-[a-z0-9]+)*", _fold(name))) + " "
    for channel, words in _CHANNELS:
        if any(f" {word} " in folded or (" " not in word and f" {word}s " in folded) for word in words):
            return channel
    return "other"


def slug(text: str, taken: set[str] | None = None, limit: int = 48) -> str:
    """An id from a label ("Prise de rendez-vous" -> prise-de-rendez-vous), cut at a word, unique among `taken`
    (which it joins): -2, -3... when needed."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.sub(r"[^a-z0-9]+", " ", folded).split()
    base = ""
    for word in words:
        if base and len(base) + 1 + len(word) > limit:
            break
        base = f"{base}-{word}" if base else word[:limit]
    base = base or "item"
    if taken is None:
        return base
    chosen, number = base, 2
    while chosen in taken:
        chosen, number = f"{base}-{number}", number + 1
    taken.add(chosen)
    return chosen
