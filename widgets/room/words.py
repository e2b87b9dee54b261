"""A word cloud that respects French: what a room's short open answers have in common.

Participants answer a ``words`` question of a poll with a few words of their own
(:data:`MAX_CHARS` characters and :data:`MAX_WORDS` words at most, checked by the server when the
answer arrives, :func:`clean_answer`). The room sees the words they share, each sized by how
many answers hold it. :func:`word_cloud` counts them the way a French reader expects:

* accents are kept (« économie », never « economie »), text is compared in Unicode NFC;
* words that differ only by case are one word (« Économie » and « économie »), shown in the
  form the room wrote most often (on a tie, the lower-case one, then the first in alphabetical
  order): a capital at the start of an answer does not make a new word;
* elisions are cut off (« l'alliance », « d'acteurs », « qu'il », « jusqu'au », with ' or ’):
  the word is what follows the apostrophe, and « l' » never shows alone; a word that merely
  holds an apostrophe (« aujourd'hui ») stays whole;
* French stop words (:data:`STOP_WORDS`: articles, pronouns, auxiliaries…) are left out, as
  are tokens of one letter and tokens without a letter (« 2030 » alone says little);
* a plural is grouped with its singular only when the singular was written too (« acteurs »
  with « acteur », « réseaux » with « réseau »): that is safe, as the room itself wrote both;
  a lone « moyens » stays « moyens » (it is not « moyen »);
* an answer counts a word once (« économie, économie » is one vote for « économie »).

A word the facilitator hides (:func:`word_key` of it) is left out of the cloud, with every form
grouped with it. Pure functions, no dependency: the live server, the dashboard, the exports
and the replay call the same code.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

MAX_CHARS = 60
"""Characters of one answer to a ``words`` question, after spaces are tidied."""
MAX_WORDS = 5
"""Words (separated by spaces) of one answer to a ``words`` question."""
CLOUD_SIZE = 60
"""Words a cloud shows at most (the most frequent); a room reads no more on one screen."""

APOSTROPHES = "'’ʼ‘`´"
ELIDED = frozenset({"c", "d", "j", "l", "m", "n", "s", "t", "qu", "jusqu", "lorsqu", "puisqu"})
"""What French elides before a vowel: the part of a token before its apostrophe, dropped."""

# The French stop words of the Snowball project (https://snowballstem.org/algorithms/french/
# stop.txt, BSD licence, the list NLTK ships as ``stopwords.words("french")``), copied here so
# that nothing is fetched at run time; then the words the Snowball file lists in comments
# (« ceci », « cela », « sans »…) and a few function words of spoken French (« ça », « très »,
# « plus », « aussi », « comme », « tout »…) that a cloud of a few words would otherwise show.
SNOWBALL_FRENCH = """
au aux avec ce ces dans de des du elle en et eux il ils je la le les leur lui ma mais me même
mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton
tu un une vos votre vous c d j l à m n s t y été étée étées étés étant étante étants étantes
suis es est sommes êtes sont serai seras sera serons serez seront serais serait serions seriez
seraient étais était étions étiez étaient fus fut fûmes fûtes furent sois soit soyons soyez
soient fusse fusses fût fussions fussiez fussent ayant ayante ayantes ayants eu eue eues eus ai
as avons avez ont aurai auras aura aurons aurez auront aurais aurait aurions auriez auraient
avais avait avions aviez avaient eut eûmes eûtes eurent aie aies ait ayons ayez aient eusse
eusses eût eussions eussiez eussent
"""
SNOWBALL_COMMENTED = "ceci cela celà cet cette ici leurs quel quels quelle quelles sans soi"
SPOKEN = """
a ça là où si ni ou donc or car comme plus moins très trop aussi bien tout tous toute toutes
peu beaucoup encore déjà alors faut fait faire être avoir entre vers chez sous dont quoi
"""
STOP_WORDS = frozenset((SNOWBALL_FRENCH + SNOWBALL_COMMENTED + SPOKEN).split())

_TOKEN = re.compile(rf"[\w{re.escape(APOSTROPHES)}-]+")
_APOSTROPHE = re.compile(f"[{re.escape(APOSTROPHES)}]")


@dataclass(frozen=True)
class WordCount:
    """One word of a cloud: as shown, its key (what hiding names) and how many answers hold it."""

    word: str
    key: str
    count: int


def clean_answer(text: str) -> str:
    """An answer as stored: NFC, runs of spaces made one, no control character, trimmed."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(" " if unicodedata.category(ch)[0] in "CZ" else ch for ch in text)
    return " ".join(text.split())


def answer_fits(text: str) -> bool:
    """Whether a cleaned answer is short enough (:data:`MAX_CHARS`, :data:`MAX_WORDS`)."""
    return 0 < len(text) <= MAX_CHARS and len(text.split()) <= MAX_WORDS


def word_key(word: str) -> str:
    """What two forms of one word share: NFC, case folded, apostrophe normalised, no elision."""
    tokens = words_of(word)
    if tokens:
        return _fold(tokens[0])
    return _fold(_APOSTROPHE.sub("'", unicodedata.normalize("NFC", word).strip()))


def words_of(text: str) -> list[str]:
    """The words of one answer as written (case kept), elisions and stop words left out."""
    found = []
    for token in _TOKEN.findall(unicodedata.normalize("NFC", text)):
        kept = _token(token)
        if kept is not None:
            found.append(kept[0])
    return found


@lru_cache(maxsize=65_536)
def _token(token: str) -> tuple[str, str] | None:
    """``(word as written, key)`` of one token, or ``None`` for what a cloud leaves out.

    Cached: a room writes the same few words again and again, and a cloud of 10 000 answers is
    computed for every change the phones are pushed.
    """
    word = _strip_elision(_APOSTROPHE.sub("'", token).strip("-'"))
    if len(word) < 2 or not any(ch.isalpha() for ch in word):
        return None
    key = _fold(word)
    return None if key in STOP_WORDS else (word, key)


def word_cloud(
    answers: Iterable[str], hidden: Iterable[str] = (), *, limit: int = CLOUD_SIZE
) -> list[WordCount]:
    """The cloud of ``answers``: most frequent first (then alphabetical), ``hidden`` left out.

    ``hidden`` holds words as the facilitator typed them; each is compared by :func:`word_key`,
    and hides the group its word belongs to (its plural or singular too).
    """
    # Identical answers are read once, with their weight (a room repeats itself).
    keys_of: dict[str, set[str]] = {}
    forms: dict[str, Counter[str]] = {}
    weights = Counter(answers)
    for answer, weight in weights.items():
        keys = keys_of[answer] = set()
        for token in _TOKEN.findall(unicodedata.normalize("NFC", answer)):
            kept = _token(token)
            if kept is not None:
                keys.add(kept[1])
                forms.setdefault(kept[1], Counter())[kept[0]] += weight
    groups = _group_plurals(forms)
    root = {member: key for key, members in groups.items() for member in members}
    counts: Counter[str] = Counter()
    for answer, weight in weights.items():
        for key in {root[member] for member in keys_of[answer]}:  # an answer counts a word once
            counts[key] += weight
    masked = {word_key(word) for word in hidden}
    cloud = []
    for key, members in groups.items():
        if masked & set(members):
            continue
        shown = _shown_form(sum((forms[member] for member in members), Counter()))
        cloud.append(WordCount(shown, key, counts[key]))
    cloud.sort(key=lambda w: (-w.count, w.key, w.word))
    return cloud[:limit]


def _fold(word: str) -> str:
    return unicodedata.normalize("NFC", word.casefold())


def _strip_elision(token: str) -> str:
    """« l'alliance » → « alliance », « qu'il » → « il »; « aujourd'hui » is left whole."""
    while "'" in token:
        head, tail = token.split("'", 1)
        if _fold(head) not in ELIDED:
            break
        token = tail.strip("-'")
    return token


def _group_plurals(keys: Iterable[str]) -> dict[str, list[str]]:
    """Key of the group → its member keys: a plural in -s or -x joins its written singular."""
    groups: dict[str, list[str]] = {key: [key] for key in keys}
    for key in sorted(groups):
        singular = key[:-1]
        if len(key) > 3 and key[-1] in "sx" and singular in groups:
            groups[singular].extend(groups.pop(key))
    return groups


def _shown_form(forms: Counter[str]) -> str:
    """The form most written; on a tie the lower-case one, then the first alphabetically."""
    return min(forms, key=lambda form: (-forms[form], form != form.lower(), form))
